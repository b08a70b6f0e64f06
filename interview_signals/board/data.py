"""What the board shows and changes, through the commands package only (each call in a Session of its own,
so a change made in another terminal is read on the next refresh, and nothing is held open between keys).

Nothing here draws: panes.py lays out what these functions give. The rules are the commands' own: the
pipeline and its stages (commands.applications.pipeline), an application's story
(commands.applications.story), a round's report (commands.history.shown), and every change (sent, snooze,
outcome, note) is the function the command of that name calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interview_signals import application, followup
from interview_signals.commands.session import Session, Warn, ignore

if TYPE_CHECKING:
    from interview_signals.application import Application
    from interview_signals.drafts import Draft

# The board's groups, in the order it shows them: the open stages, then every closed one together.
CLOSED = "closed"
GROUPS = (application.SCHEDULED, application.DUE, application.WAITING, CLOSED)
GROUP_TITLES = {
    application.SCHEDULED: "Scheduled",
    application.DUE: "Due today or overdue",
    application.WAITING: "Waiting",
    CLOSED: "Closed",
}


@dataclass(frozen=True)
class Row:
    """An application as the board lists it: the pipeline's row, its group, and how late its next action is."""

    app: Application
    group: str  # one of GROUPS
    days_overdue: int  # after the next action's day; 0 when not late (or nothing is next)

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def group_of(app: Application) -> str:
    return app.stage if app.is_open else CLOSED


def rows(db: str | None, today: dt.date, warn: Warn = ignore) -> list[Row]:
    """Every application, in the pipeline's order (commands.applications.pipeline), as the board's rows."""
    from interview_signals.commands.applications import pipeline

    with Session(db, warn) as session:
        if not session.exists():
            return []
        with pipeline(session, today=today.isoformat()) as found:
            return [_row(app, today) for app in found]


def _row(app: Application, today: dt.date) -> Row:
    late = 0
    if app.next_action is not None and app.is_open:
        late = max(0, (today - dt.date.fromisoformat(app.next_action.on)).days)
    return Row(app, group_of(app), late)


def matches(row: Row, words: str) -> bool:
    """Whether a row's company or role holds ``words`` (any case)."""
    wanted = words.strip().casefold()
    return not wanted or any(wanted in (name or "").casefold() for name in (row.app.company, row.app.role))


def most_urgent(found: list[Row]) -> Row | None:
    """The row whose action is most pressing: the most overdue due one, else the first due, scheduled or waiting one."""
    for group in (application.DUE, application.SCHEDULED, application.WAITING):
        candidates = [row for row in found if row.group == group]
        if candidates:
            return max(candidates, key=lambda row: row.days_overdue) if group == application.DUE else candidates[0]
    return found[0] if found else None


def detail(db: str | None, app_id: int, today: dt.date, warn: Warn = ignore) -> dict[str, Any]:
    """An application's story (commands.applications.story), with each assessed round's report
    (commands.history.shown) under ``"reports"``, by round id."""
    from interview_signals.commands.applications import story
    from interview_signals.commands.history import shown

    with Session(db, warn) as session:
        doc = story(session, app_id, today.isoformat())
        doc["reports"] = {entry["id"]: shown(session, entry["id"])[0] for entry in doc["rounds"] if not entry["booked"]}
    return doc


def latest_round(doc: dict[str, Any]) -> int | None:
    """The id of an application's latest assessed round: the one its next action belongs to."""
    assessed = [entry["id"] for entry in doc["rounds"] if not entry["booked"]]
    return assessed[-1] if assessed else None


def booked_round(doc: dict[str, Any]) -> int | None:
    """The id of an application's booked round, when one is waiting to be assessed."""
    return next((entry["id"] for entry in doc["rounds"] if entry["booked"]), None)


# -- changes: each one the command's own function, and the way to take it back ------------------------------


@dataclass(frozen=True)
class Change:
    """A change made on the board: what it was, in words, and how to take it back."""

    said: str
    undo: Callable[[Session], str]  # takes it back; says what it did


def record_sent(db: str | None, round_id: int, action: str) -> Change:
    """`sent ID ACTION`, today; taken back as `sent ID ACTION --undo` does."""
    from interview_signals.commands import followup as commands
    from interview_signals.words import ACTION_WORDS

    name = ACTION_WORDS[action].name
    with Session(db) as session:
        _, day, _ = commands.sent(session, round_id, action, None)

    def undo(session: Session) -> str:
        commands.unsend(session, round_id, action)
        return f"Took back the {name} sent for #{round_id}."

    return Change(f"Recorded: {name} sent for #{round_id} on {followup.display_date(day)}.", undo)


def snooze(db: str | None, round_id: int, until: str) -> Change:
    """`snooze ID --until DAY`; taken back as `snooze ID --clear` does."""
    from interview_signals.commands import followup as commands

    with Session(db) as session:
        interview = commands.snooze(session, round_id, until)

    def undo(session: Session) -> str:
        commands.clear_snooze(session, round_id)
        return f"Cleared the snooze of #{round_id}."

    on = interview.next_action_on or ""
    return Change(f"Snoozed #{round_id} until {followup.display_date(dt.date.fromisoformat(on)) if on else on}.", undo)


def set_outcome(db: str | None, app_id: int, result: str, before: tuple[str | None, str | None]) -> Change:
    """`outcome ID RESULT`; taken back by putting back the outcome it replaced (`outcome ID --clear` when none)."""
    from interview_signals.commands import history as commands

    with Session(db) as session:
        word = commands.record_outcome(session, app_id, result, None)
    return Change(f"Recorded #{app_id} as {word}.", _restore(app_id, before))


def clear_outcome(db: str | None, app_id: int) -> Change:
    """`outcome ID --clear`; taken back by recording the outcome and its note again."""
    from interview_signals.commands import history as commands

    with Session(db) as session:
        result, note, _ = commands.clear_outcome(session, app_id)
    return Change(f"Cleared the outcome of #{app_id} ({result}).", _restore(app_id, (result, note)))


def _restore(app_id: int, before: tuple[str | None, str | None]) -> Callable[[Session], str]:
    from interview_signals.commands import history as commands

    result, note = before

    def undo(session: Session) -> str:
        if result is None:
            commands.clear_outcome(session, app_id)
            return f"Cleared the outcome of #{app_id}."
        commands.record_outcome(session, app_id, result, note)
        return f"#{app_id} is {result} again."

    return undo


def add_note(db: str | None, round_id: int, text: str) -> Change:
    """`note ID TEXT`, today; taken back by deleting that note."""
    from interview_signals.commands import history as commands

    with Session(db) as session:
        day = commands.note(session, round_id, text, None)

    def undo(session: Session) -> str:
        commands.unnote(session, round_id, day, text)
        return f"Took back the note on #{round_id}."

    return Change(f"Noted on #{round_id}.", undo)


def take_back(db: str | None, change: Change) -> str:
    with Session(db) as session:
        return change.undo(session)


def draft(db: str | None, round_id: int, action: str) -> Draft:
    """`draft ID ACTION`: the email of the next action."""
    from interview_signals.commands import followup as commands

    with Session(db) as session:
        return commands.draft(session, round_id, action, None)
