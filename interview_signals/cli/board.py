"""`board`: the full-screen view of the search (interview_signals/board/, the only place textual is imported)."""

import os
import sys

from interview_signals.cli.common import DbOption, command, handle_errors
from interview_signals.errors import InputError


def refusal() -> str | None:
    """Why this is no place for a full-screen view (TERM=dumb, or stdin or stdout not a terminal); None when it is."""
    term = os.environ.get("TERM", "")
    if term in ("", "dumb"):
        return f"TERM={term or '(unset)'} here"
    for name, stream in (("standard input", sys.stdin), ("standard output", sys.stdout)):
        if stream is None or not stream.isatty():
            return f"{name} is not a terminal here"
    return None


@command("interview-signals board", "interview-signals board --db ~/laptop.sqlite3")
def board(db: DbOption = None) -> None:
    """A full-screen view of your search: every application by stage, the one selected in full, and keys to act.

    Arrows or j/k move, Enter opens an application, s records its next
    action as sent today, z snoozes it, o sets or clears the outcome, n adds
    a note, d shows the draft, c copies it, a runs the questionnaire, /
    filters, u undoes the last change made here, ? lists the keys, q quits.
    It needs a full terminal; `interview-signals applications` lists the same.
    """
    with handle_errors():
        why = refusal()
        if why is not None:
            raise InputError(f"board needs a full terminal ({why}); `interview-signals applications` lists the same")
        from interview_signals.board.app import Board
        from interview_signals.commands.session import Session

        with Session(db) as session:
            session.check()  # a history that cannot be opened is said now, in one line, before the screen changes
        Board(db).run()
