"""The baseline of bench.py's start-up targets: a bare typer app, nothing of interview-signals.

    python benchmarks/baseline_app.py --name y          prints {"name": "y"}   (targets a and b)
    python benchmarks/baseline_app.py --ask QUESTION    shows ONE questionary select prompt, as `assess` does (target c)

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
) -> None:
    """Print a JSON object, or ask one question first."""
    if ask is not None:
        import questionary  # noqa: TID251 - the baseline for the first question is exactly one questionary prompt

        name = questionary.select(ask, choices=["Yes", "No", "Not sure"]).unsafe_ask()
    print(json.dumps({"name": name}))


if __name__ == "__main__":
    app()
