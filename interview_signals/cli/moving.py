"""Moving a history: `export`, `import` and `backup`."""

from typing import Annotated

import typer

from interview_signals import output
from interview_signals.cli.common import DbOption, command, handle_errors, stdin, warn
from interview_signals.text import counted


@command(
    "interview-signals export history.ndjson",
    "interview-signals export | jq -c '{id, date, outcome}'",
    "interview-signals export --db old.sqlite3 | interview-signals import -",
)
def export(
    file: Annotated[
        str | None,
        typer.Argument(metavar="FILE", help="Where to write it (private, 0600); leave it out, or give -, for standard output."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write your whole history as NDJSON, one saved interview a line, to move it or keep it.

    Every saved field is there: the report with its answers and context, the
    dates, the outcome and its note, the rounds and what you sent. The same
    history always gives the same bytes, and `import` reads it back. A file
    is written whole or not at all.
    """
    with handle_errors():
        from interview_signals.commands.moving import export_history
        from interview_signals.commands.session import Session

        to_stdout = file is None or file == "-"
        with Session(db, warn) as session:
            count = export_history(session, None if to_stdout else file, output.write_bytes)
        if not to_stdout:
            output.note(f"Exported {counted(count, 'interview')} to {file}.")


@command(
    "interview-signals import history.ndjson --dry-run",
    "interview-signals import history.ndjson",
    "interview-signals export --db old.sqlite3 | interview-signals import -",
    name="import",
)
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file made by `export`, or - for standard input.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what it would import, and write nothing.")] = False,
    db: DbOption = None,
) -> None:
    """Read an export back into your history: every line, or nothing if any line is bad.

    Ids are kept when free; an id already taken (or once used here) gets a
    new one, and it says which. Interviews already in your history are
    skipped, so importing a file twice adds nothing.
    """
    with handle_errors():
        from interview_signals.commands.moving import import_history
        from interview_signals.commands.session import Session

        verb = "would be imported" if dry_run else "imported"

        def renumbered(item: tuple[int, int, int, bool]) -> None:
            line, old, new, taken = item
            why = "is taken" if taken else "was used before in this history"
            output.note(f"line {line}: id {old} {why}; {verb} as #{new}")

        with Session(db, warn) as session:
            done = import_history(session, file, stdin(), dry_run=dry_run, renumbered=renumbered)
        origin = "standard input" if file == "-" else file
        skipped = f"; {done.duplicates} already there {'would be' if dry_run else 'were'} skipped" if done.duplicates else ""
        if done.notes:
            skipped += f", with {counted(done.notes, 'note')} they lacked {'to add' if dry_run else 'added'}"
        if dry_run:
            output.note(
                f"Would import {counted(done.added, 'interview')} from {origin}{skipped}. Nothing was written (--dry-run)."
            )
        else:
            output.note(f"Imported {counted(done.added, 'interview')} from {origin}{skipped}.")


@command("interview-signals backup ~/interviews-backup.sqlite3", "interview-signals history --db ~/interviews-backup.sqlite3")
def backup(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to put the copy; a file already there is replaced.")],
    db: DbOption = None,
) -> None:
    """Copy your history database to FILE, safely even while another run is saving to it.

    The copy is private (0600) and is a history of its own: give it to any
    command with --db, or put it back in place of the history to restore it.
    """
    with handle_errors():
        from interview_signals.commands.moving import backup_history
        from interview_signals.commands.session import Session

        with Session(db, warn) as session:
            count = backup_history(session, file)
        output.note(f"Backed up {counted(count, 'interview')} to {file}; only you can read it. Use it with --db {file}.")
