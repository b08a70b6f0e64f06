"""The steps behind the commands: gather answers, ask what is missing, score,
save, and shape saved interviews into rows.

Kept out of cli.py so the command line stays a thin layer that only parses
and prints, and so `--help` starts without loading any of this.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview_signals import answers, catalog, document, followup, scoring
from interview_signals.errors import InputError, SignalsError

if TYPE_CHECKING:  # sqlite3 stays off the start-up path of `assess --no-save`
    from interview_signals.history import History, Interview

# Every free-text question can be skipped with Enter; each says so in its own words.
TEXT_QUESTIONS = {
    "company": "Company? (Enter to skip)",
    "role": "Role? (Enter to skip)",
    "interviewer": "Who interviewed you? For the email drafts (Enter to skip)",
}
DATE_QUESTION = "When was the interview? (Enter for today, or yesterday, or YYYY-MM-DD)"
REPLY_BY_QUESTION = "When did they say you'd hear back? (friday, 3 days, 2026-12-04; Enter to skip)"


@dataclass
class Request:
    """What `assess` was asked to do."""

    flags: list[str]
    answers_file: str | None
    context: dict[str, str]  # from --company, --role, ... (only those given)
    from_id: int | None
    save: bool
    db: str | None


@dataclass
class Assessed:
    doc: dict[str, Any]
    not_saved: str | None = None  # why saving failed, when it did
    warnings: tuple[str, ...] = ()


@contextmanager
def open_history(db: str | None, warnings: list[str]) -> Iterator[History]:
    from interview_signals.history import History, resolve_path

    with History.open(resolve_path(db)) as store:
        warnings.extend(store.warnings)
        yield store


def assess(request: Request) -> Assessed:
    """Gather the answers (asking in a terminal for what is missing), score, save."""
    cat = catalog.load()
    warnings: list[str] = []
    given = answers.Answers()
    if request.from_id is not None:
        given.update(_saved_answers(cat, request.from_id, request.db, warnings))
    if request.answers_file is not None:
        origin = f"--answers {'stdin' if request.answers_file == '-' else request.answers_file}"
        given.update(answers.from_json(cat, answers.read_text(request.answers_file, sys.stdin.buffer), origin))
    given.update(answers.from_flags(cat, request.flags))
    for key, value in request.context.items():
        if answers.check_text(value, f"--{key.replace('_', '-')}").strip():  # a blank value says nothing
            given.context[key] = value
    dated = "date" in given.context
    given.context, plan = followup.settle(given.context, followup.today())
    missing = [s for s in cat.signal_ids if s not in given.answers]
    if missing or (request.from_id is not None and sys.stdin.isatty()):
        _ask(cat, given, missing, stdin_used=request.answers_file == "-", ask_date=not dated)
        given.context, plan = followup.settle(given.context, None)
    doc = document.build(cat, scoring.assess(cat, given.answers), given.context, plan)
    if not request.save:
        return Assessed(doc, warnings=tuple(warnings))
    try:
        with open_history(request.db, warnings) as store:
            saved_id = store.save(doc, doc["context"]["date"])
    except SignalsError as exc:  # the report must not be lost: it is shown anyway
        return Assessed(doc, not_saved=str(exc), warnings=tuple(warnings))
    return Assessed({"id": saved_id, **doc}, warnings=tuple(warnings))


def _saved_answers(cat: catalog.Catalog, interview_id: int, db: str | None, warnings: list[str]) -> answers.Answers:
    with open_history(db, warnings) as store:
        saved = store.get(interview_id)
    given = answers.from_object(cat, saved.report, f"interview #{interview_id}")
    # a new interview: it keeps who and where, not when
    given.context = {k: v for k, v in given.context.items() if k in ("company", "role", "interviewer")}
    return given


def _ask(cat: catalog.Catalog, given: answers.Answers, missing: list[str], *, stdin_used: bool, ask_date: bool) -> None:
    """Ask what is missing in a terminal, refusing at once off one."""
    if stdin_used or not sys.stdin.isatty():
        raise InputError(
            f"not answered: {', '.join(missing)}; off a terminal give every signal with --answer SIGNAL=ANSWER or --answers FILE "
            "(see `interview-signals signals`)"
        )
    from interview_signals import prompts

    def check(field: str, text: str) -> str | None:
        try:
            if field == "date":
                _interview_day(text)
            else:
                followup.parse_reply_by(text, dt.date.fromisoformat(given.context["date"]))
        except InputError as exc:
            return str(exc).split(": ", 1)[-1]
        return None

    with prompts.terminal_session():
        given.context.update(prompts.ask_text([(f, q) for f, q in TEXT_QUESTIONS.items() if f not in given.context]))
        if ask_date:
            typed = prompts.ask_text([("date", DATE_QUESTION)], validate=check).get("date")
            if typed:
                given.context["date"] = _interview_day(typed).isoformat()
        given.answers = prompts.questionnaire(cat, given.answers)
        if given.answers.get("next_steps") == "concrete" and "reply_by" not in given.context:
            given.context.update(prompts.ask_text([("reply_by", REPLY_BY_QUESTION)], validate=check))


def _interview_day(text: str) -> dt.date:
    """A typed interview day: an ISO date, "today" or "yesterday", not in the future."""
    words = {"today": 0, "yesterday": 1}
    word = text.strip().lower()
    day = followup.today() - dt.timedelta(days=words[word]) if word in words else followup.parse_date(text, "date")
    if day > followup.today():
        raise InputError(f"date '{text}': that is in the future")
    return day


# -- saved interviews as rows ---------------------------------------------------------


SUMMARY_FIELDS = ("id", "date", "company", "role", "score", "verdict", "confidence", "outcome", "outcome_note", "follow_up_on")


def summary(interview: Interview) -> dict[str, Any]:
    """One saved interview as a row for `history` and `due`."""
    return {
        "id": interview.id,
        "date": interview.date,
        "company": interview.company,
        "role": interview.role,
        "score": interview.score,
        "verdict": interview.verdict,
        "confidence": interview.confidence,
        "outcome": interview.outcome,
        "outcome_note": interview.outcome_note,
        "follow_up_on": follow_up_day(interview).isoformat(),
    }


def follow_up_day(interview: Interview) -> dt.date:
    return followup.follow_up_of(interview.report, dt.date.fromisoformat(interview.date))


def due_rows(store: History, today: dt.date, days: int) -> list[dict[str, Any]]:
    """Open interviews whose follow-up day has come (or comes within ``days``), oldest first."""
    if days < 0:
        raise InputError(f"--days must be 0 or more, got {days}")
    waiting = {i.id: i for i in store.open_interviews()}
    items = [(i.id, follow_up_day(i), i.outcome) for i in waiting.values()]
    return [
        {
            **summary(waiting[d.id]),
            "days_overdue": d.days_overdue,
            "is_due": d.is_due,
            "draft_command": f"interview-signals draft {d.id} follow-up",
        }
        for d in followup.due(items, today, days)
    ]


def titles() -> Mapping[str, str]:
    return {s.id: s.title for s in catalog.load().signals}
