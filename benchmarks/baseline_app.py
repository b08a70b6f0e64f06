"""The baseline of bench.py's start-up targets: a bare typer app, nothing of interview-signals.

    python benchmarks/baseline_app.py --name y          prints {"name": "y"}   (targets a and b)
    python benchmarks/baseline_app.py --ask QUESTION    shows ONE questionary select prompt, as `assess` does (target c)
    python benchmarks/baseline_app.py --table FILE      opens an SQLite file read-only and prints a rich table of its
                                                        latest 20 interviews (the floor of the reading commands, f to i)

questionary is imported inside the command, where `assess` imports it too, so
the JSON path of the baseline loads typer alone.
"""

import json

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(
    name: str = typer.Option("x", help="A name."),
    ask: str | None = typer.Option(None, help="Ask this question with one select prompt, then print the answer."),
    table: str | None = typer.Option(None, help="Print the latest interviews of this SQLite file as a table."),
) -> None:
    """Print a JSON object, or ask one question first, or print a table from a database."""
    if table is not None:
        import sqlite3

        from rich.console import Console
        from rich.table import Table

        conn = sqlite3.connect(f"file:{table}?mode=ro", uri=True)
        grid = Table("id", "date", "company", "role", "score")
        query = "SELECT id, date, company, role, score FROM interviews ORDER BY date DESC, id DESC LIMIT 20"
        for row in conn.execute(query):
            grid.add_row(*(str(value) for value in row))
        conn.close()
        Console().print(grid)
        return
    if ask is not None:
        import questionary  # the baseline for the first question is exactly one questionary prompt

        name = questionary.select(ask, choices=["Yes", "No", "Not sure"]).unsafe_ask()
    print(json.dumps({"name": name}))


if __name__ == "__main__":
    app()
