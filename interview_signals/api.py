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

from interview_signals import answers, core, document, followup, scoring
from interview_signals import catalog as _catalog
from interview_signals.catalog import Catalog
from interview_signals.db import History
from interview_signals.errors import InputError


def assess(given: Mapping[str, Any], *, save: bool = False, db: str | Path | None = None, **context: str) -> dict[str, Any]:
    """Score one interview: the same document ``assess --json`` prints.

    ``given`` maps signal ids to answer ids (``{"vibe": "warm"}``); a report
    document printed by ``--json`` is accepted too, so a saved one replays.
    Unanswered signals count as not answered: nothing is asked. ``context``
    takes ``company``, ``role``, ``interviewer``, ``date`` (today or earlier:
    YYYY-MM-DD, yesterday, a weekday or "3 days ago"; default today) and
    ``reply_by`` (from the interview on: a date, a weekday or a span such as
    "3 days"); the words are the command line's (followup.parse_day). With
    ``save=True`` the interview is saved to the history at ``db`` (default:
    where the command line keeps it) and the document gets its ``id``. Raises
    InputError naming the field as given here (``date 'someday': ...``, and
    ``.field == "date"``) on bad input.
    """
    cat = _catalog.load()
    unknown = sorted(set(context) - set(answers.CONTEXT_FIELDS))
    if unknown:
        raise TypeError(f"assess() got unexpected context {', '.join(unknown)}; it takes {', '.join(answers.CONTEXT_FIELDS)}")
    if not isinstance(given, Mapping):
        raise InputError(
            f"answers: expected a mapping of signal ids to answers such as {{'vibe': 'warm'}}, got {type(given).__name__}"
        )
    parsed = answers.from_object(cat, dict(given), "answers")
    parsed.context.update(answers.from_object(cat, context, "context").context)
    for key, value in parsed.context.items():
        answers.check_text(value, key)  # text that could be neither saved nor printed
    today = followup.today()
    settled, plan = followup.settle(parsed.context, today)
    doc = document.build(cat, scoring.assess(cat, parsed.answers), settled, plan)
    where = None if db is None else str(db)
    if not save:
        return {**doc, "your_history": core.unsaved_history(doc, None, where)}
    with open_history(db) as store:
        saved = store.save(doc, settled["date"])
        return {"id": saved, **doc, "your_history": core.your_history(store, store.get(saved))}


def get_catalog() -> Catalog:
    """The questionnaire: every signal, its question and its answers, best first."""
    return _catalog.load()


def open_history(db: str | Path | None = None) -> History:
    """The interview history at ``db``, or where the command line keeps it. Use it in a ``with`` block."""
    from interview_signals.paths import resolve_path

    return History.open(resolve_path(None if db is None else str(db)))
