"""The Python API: the same core the command line is a client of.

    import interview_signals

    report = interview_signals.assess({"vibe": "warm", "pitch": "yes"}, company="Acme", date="2026-11-24")
    report["verdict"], report["score"]

    for signal in interview_signals.get_catalog().signals:
        print(signal.id, signal.answer_ids)

    with interview_signals.open_history() as history:
        for interview in history.interviews(limit=5):
            print(interview.id, interview.company, interview.score)

Errors are the ones the command line turns into exit codes:
``InputError`` for bad input (exit 2), ``SignalsError`` for the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from interview_signals import catalog as _catalog
from interview_signals.catalog import Catalog
from interview_signals.db import History


def assess(
    given: Mapping[str, Any], *, save: bool = False, round_of: int | None = None, db: str | Path | None = None, **context: str
) -> dict[str, Any]:
    """Score one interview: the same document ``assess --json`` prints, through the same steps.

    ``given`` maps signal ids to answer ids (``{"vibe": "warm"}``); a report
    document printed by ``--json`` is accepted too, so a saved one replays.
    Unanswered signals count as not answered: nothing is asked. ``context``
    takes ``company``, ``role``, ``interviewer``, ``date`` (today or earlier:
    YYYY-MM-DD, yesterday, a weekday or "3 days ago"; default today),
    ``reply_by`` (from the interview on: a date, a weekday or a span such as
    "3 days") and ``topic``; the words are the command line's
    (followup.parse_day). With ``save=True`` the interview is saved to the
    history at ``db`` (default: where the command line keeps it) and the
    document gets its ``id`` and ``application``; ``round_of`` (the id of any
    round of an application) saves it as that application's next round, and
    the document says what changed ``since_last_round``. Raises InputError
    naming the field as given here (``date 'someday': ...``, and ``.field ==
    "date"``) on bad input; a history that cannot be saved to raises the
    error that says why.
    """
    from interview_signals.commands import assess as pipeline
    from interview_signals.commands.session import Session

    layers = pipeline.python_call(given, context)
    with Session(None if db is None else str(db)) as session:
        result = pipeline.assess(session, pipeline.Request(layers, round_of=round_of, save=save, complete=False))
    if result.not_saved is not None:
        raise result.not_saved
    return result.doc


def get_catalog() -> Catalog:
    """The questionnaire: every signal, its question and its answers, best first."""
    return _catalog.load()


def open_history(db: str | Path | None = None) -> History:
    """The interview history at ``db``, or where the command line keeps it. Use it in a ``with`` block."""
    from interview_signals.paths import resolve_path

    return History.open(resolve_path(None if db is None else str(db)))
