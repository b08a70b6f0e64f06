"""One saved interview, the row model: its columns, how a stored row is checked, and how companies match.

An Interview is what every reader of the history gets back (listing, ``get``,
``due``, export); ``from_columns`` is the one place a stored row is checked,
and a row that fails it is a DamagedInterview when asked for by id.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any, NamedTuple

from interview_signals import followup
from interview_signals.errors import SignalsError
from interview_signals.shape import is_day, report_problem


class Interview(NamedTuple):
    id: int
    created_at: str  # when it was saved, ISO 8601 UTC
    date: str  # the day of the interview, YYYY-MM-DD
    company: str | None
    role: str | None
    score: int | None
    verdict: str
    confidence: str
    catalog_version: int
    report: dict[str, Any]  # the full JSON report document, as printed
    outcome: str | None = None
    outcome_note: str | None = None
    outcome_at: str | None = None  # when the outcome was recorded, ISO 8601 UTC
    next_action: str | None = None  # followup.ACTIONS; None once closed
    next_action_on: str | None = None  # its day, YYYY-MM-DD (followup.Action.on)
    snoozed_until: str | None = None  # YYYY-MM-DD; cleared when an action is sent
    application_id: int | None = None  # the id of the application's first round (schema 4)
    round: int = 1  # which round of its application: 1, 2, ...
    next_action_from: str | None = None  # the first day it can be done, YYYY-MM-DD (followup.Action.start)

    @property
    def application(self) -> int:
        """The application this interview is a round of: the id of its first round."""
        return self.id if self.application_id is None else self.application_id


class Note(NamedTuple):
    """A dated note on an interview (`interview-signals note`): the day it is about, and its text (line breaks kept)."""

    on: str  # YYYY-MM-DD
    text: str


def fold(text: str | None) -> str | None:
    """Case- and width-insensitive form for matching company names (SQLite's LIKE folds ASCII only)."""
    return None if text is None else unicodedata.normalize("NFKC", text).casefold()


class DamagedInterview(SignalsError):
    """A saved interview that cannot be read back (exit 1). ``interview`` has its
    columns as far as they are usable and an empty report: enough to name it
    when asking whether to delete it."""

    def __init__(self, message: str, interview: Interview) -> None:
        super().__init__(message)
        self.interview = interview


def damaged_message(id: int, problem: str) -> str:
    """The one line about an interview that cannot be read back: what is wrong, and the way out."""
    return f"interview #{id} is damaged ({problem}) and cannot be read; `interview-signals delete {id}` removes it"


def from_columns(fields: dict[str, Any]) -> tuple[Interview, str | None]:
    """A stored row (its columns by name) as an Interview, and why it cannot be used (None when it can).

    The one place a stored row is checked: the columns that listing, due and
    stats read, and the report that show, draft, remind and --from read. A
    damaged one comes back with an empty report and what of its columns is
    usable, so it can still be named, and deleted.
    """
    problem = _column_problem(fields)
    report: Any = None
    if not problem:
        try:
            if not isinstance(fields["report"], str | bytes):
                raise ValueError
            report = json.loads(fields["report"])
        except (ValueError, RecursionError):  # bad JSON or UTF-8 are ValueErrors; RecursionError: nested too deep
            problem = "its saved report is not valid JSON"
        else:
            found = report_problem(report)
            problem = f"its saved report {found}" if found else None
    if problem:
        usable = {name: value if isinstance(value, str) else None for name, value in fields.items() if name in _TEXT_COLUMNS}
        return Interview(**(fields | usable | {"report": {}})), problem
    return Interview(**(fields | {"report": report})), None


def not_the_latest(id: int, latest: int) -> str:
    """What is said of an earlier round wherever something is asked of it that belongs to the latest."""
    return f"interview #{id} is an earlier round; what is next belongs to its latest round, #{latest}"


# The interviews table's columns, by the names of Interview's fields: what every query selects and from_columns reads.
COLUMNS = Interview._fields
_INTEGER_COLUMNS = ("id", "score", "catalog_version", "application_id", "round")
_TEXT_COLUMNS = tuple(name for name in COLUMNS if name not in _INTEGER_COLUMNS and name != "report")
_REQUIRED_TEXT = ("created_at", "date", "verdict", "confidence")


def _column_problem(fields: dict[str, Any]) -> str | None:
    for name in _TEXT_COLUMNS:
        value = fields[name]
        if not isinstance(value, str) and (value is not None or name in _REQUIRED_TEXT):
            return f"its {name} is not text"
    for name in _INTEGER_COLUMNS[1:]:  # the id is the table's own integer key
        value = fields[name]
        if not isinstance(value, int) and (value is not None or name in ("catalog_version", "round")):
            return f"its {name} is not a number"
    if not is_day(fields["date"]):
        return "its date is not a day written YYYY-MM-DD"
    for name in ("next_action_on", "snoozed_until", "next_action_from"):
        if fields[name] is not None and not is_day(fields[name]):
            return f"its {name} is not a day written YYYY-MM-DD"
    if fields["next_action"] not in (None, *followup.ACTIONS):
        return "its next_action is not one of " + ", ".join(followup.ACTIONS)
    if (fields["next_action"] is None) != (fields["next_action_on"] is None):
        return "its next_action and next_action_on are not both given"
    return None
