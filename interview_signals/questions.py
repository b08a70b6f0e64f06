"""The questionnaire's words, and what its review step lists: the questions
for the context, the review's names for each field, and each row of the
review as text. Pure text and dates; prompts.py draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from interview_signals import followup
from interview_signals.catalog import Catalog, Signal
from interview_signals.errors import InputError
from interview_signals.text import one_line

if TYPE_CHECKING:
    from interview_signals.commands.rounds import Following

# Every free-text question can be skipped with Enter; each says so in its own words.
TEXT_QUESTIONS = {
    "company": "Company? (Enter to skip)",
    "role": "Role? (Enter to skip)",
    "interviewer": "Who interviewed you? For the email drafts (Enter to skip)",
    "topic": "One thing you talked about, for your thank-you note? (Enter to skip)",
}
THIS_TIME_QUESTION = "Who interviewed you this time? For the email drafts"
DATE_QUESTION = "When was the interview? (Enter for today, or yesterday, monday, 3 days ago, YYYY-MM-DD)"
REPLY_BY_QUESTION = "When did they say you'd hear back? (friday, 3 days, 2026-12-04; Enter to skip)"
# The review step's names for the context, in the order it lists them.
CONTEXT_NAMES = {
    "company": "Company",
    "role": "Role",
    "interviewer": "Interviewer",
    "date": "Date",
    "reply_by": "You'll hear back by",
    "topic": "Topic for the thank-you note",
}
NOT_GIVEN = "(not given)"
REVIEW_QUESTION = "Your answers. Pick one to change it, or go on:"
LOOKS_RIGHT = "Looks right, show the report"
START_OVER = "Start over"


def fixed_company(joined: Following) -> tuple[str, str]:
    """A round's company in the review step: what its line adds, and what picking it says."""
    return (
        f"round {joined.round} of #{joined.application}, fixed",
        f"The company stays {joined.company}: this is round {joined.round} of {joined.label()}. "
        f"For a new application instead, {joined.new_application}.",
    )


def too_early(joined: Following) -> str:
    """Why a round cannot be on a day before the round it follows."""
    before = followup.display_date(followup.parse_date(joined.date, "date"))
    return (
        f"this is round {joined.round} of #{joined.application}, whose last round was on {before}; pick that day or a later one"
    )


def default_answer(signal: Signal) -> str:
    """Where the cursor starts: the neutral answer (the middle one where none
    reads neutral), so pressing Enter through says "nothing special happened"."""
    neutral = [a.id for a in signal.answers if a.reading == "neutral"]
    return neutral[0] if neutral else signal.answers[len(signal.answers) // 2].id


def review_rows(catalog: Catalog, answers: Mapping[str, str], context: Mapping[str, str] | None) -> list[tuple[str, str, str]]:
    """What the review step lists: (value to change it, name, current answer).
    A day typed as a word ("friday", "3 days") is shown with the day it stands for."""
    rows: list[tuple[str, str, str]] = []
    if context is not None:
        for field, name in CONTEXT_NAMES.items():
            if field == "reply_by" and answers.get("next_steps") != "concrete":
                continue
            value = context.get(field) or ""
            shown = _day(field, context, followup.today()) if field in ("date", "reply_by") and value else value
            rows.append((field, name, one_line(shown) if shown else NOT_GIVEN))
    for signal in catalog.signals:
        rows.append((signal.id, signal.title, catalog.answer_label(signal, answers.get(signal.id))))
    return rows


def said_day(typed: str, today: date) -> str:
    """The answer to the date question as the prompt says it back: the day it stands for beside
    the word typed, Enter's included ("today (Sat 5 Dec 2026)")."""
    return _day("date", {"date": typed.strip() or "today"}, today)


def _day(field: str, context: Mapping[str, str], today: date) -> str:
    """The date or the reply-by day of ``context`` as a day, beside the word typed
    for it ("friday (Fri 11 Dec 2026)"); what was typed, when it is no day."""
    typed = context[field]
    try:
        day = followup.parse_date(typed, field)  # a date as YYYY-MM-DD stands for itself
    except InputError:
        try:
            settled, _ = followup.settle({k: v for k, v in context.items() if k in ("date", "reply_by") and v}, today)
            day = followup.parse_date(settled[field], field)
        except InputError:
            return typed
    shown = followup.display_date(day)
    return shown if typed.strip() == day.isoformat() else f"{one_line(typed)} ({shown})"
