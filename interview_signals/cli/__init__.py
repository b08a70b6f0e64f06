"""The command line: an adapter over the commands package. Each command
parses its arguments, calls one function there and prints what comes back.

app.py holds the app, the shared options and the error boundary; boot.py
the entry point's start-up tricks; the other modules one family of commands
each, the same families as the commands package.
"""

from typing import Annotated

import typer

from interview_signals import __version__, output
from interview_signals.cli import (  # each registers its commands
    applications,
    assess,
    board,
    bookings,
    followup,
    history,
    moving,
    score,
    settings,
)
from interview_signals.cli.app import app
from interview_signals.cli.boot import run

__all__ = ["app", "applications", "assess", "board", "bookings", "followup", "history", "main", "moving", "score", "settings"]


def main(argv: list[str] | None = None) -> None:
    """The `interview-signals` command (pyproject.toml's entry point)."""
    run(app, argv, bare="assess")  # main_callback runs assess when no command is named


def version_callback(value: bool) -> None:
    if value:
        output.write(f"interview-signals {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool | None, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """With no command, run `assess`."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(assess.assess)
