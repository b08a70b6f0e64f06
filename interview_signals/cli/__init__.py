"""The command line: an adapter over the commands package. Each command
parses its arguments, calls one function there and prints what comes back.

common.py holds the app, the shared options and the error boundary; boot.py
the entry point's start-up tricks; the other modules one family of commands
each, the same families as the commands package.
"""

import importlib
from typing import Annotated, Any

import typer

from interview_signals import __version__, output
from interview_signals.cli import assess  # registers its family's commands; main_callback runs it
from interview_signals.cli.boot import run
from interview_signals.cli.common import app as _app

# The other families, each imported (and so registered) only when a command of theirs, or the whole
# app, is asked for: the scripted `assess` starts without them (benchmarks/bench.py, target a).
FAMILIES = ("applications", "board", "bookings", "followup", "history", "moving", "score", "settings")

__all__ = ["FAMILIES", "app", "assess", "main", "whole_app"]


def whole_app() -> typer.Typer:
    """The app with every family's commands registered."""
    for family in FAMILIES:
        importlib.import_module(f"interview_signals.cli.{family}")
    return _app


def __getattr__(name: str) -> Any:
    """``app``, imported from here, is the whole app; a family by name is imported on first use."""
    if name == "app":
        return whole_app()
    if name in FAMILIES:
        return importlib.import_module(f"interview_signals.cli.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """The `interview-signals` command (pyproject.toml's entry point)."""
    run(_app, argv, bare="assess", load_all=whole_app)  # main_callback runs assess when no command is named


def version_callback(value: bool) -> None:
    if value:
        output.write(f"interview-signals {__version__}\n")
        raise typer.Exit()


@_app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool | None, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """With no command, run `assess`."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(assess.assess)
