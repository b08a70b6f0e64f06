"""The follow-up commands: `due`, `sent`, `snooze`, `draft` and `remind`."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

from interview_signals import answers, followup, outcomes
from interview_signals.commands import bookings
from interview_signals.commands.history import saved, saved_open, summary
from interview_signals.commands.session import Session, Warn
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import not_the_latest

if TYPE_CHECKING:
    from interview_signals import calendar
    from interview_signals.drafts import Draft
    from interview_signals.interview import Interview


def due(session: Session, today: str | None, days: int) -> list[dict[str, Any]]:
    """Open interviews whose next action can be done by now (see due_rows), all in one list."""
    with due_rows(session, today, days) as rows:
        return list(rows)


@contextmanager
def due_rows(session: Session, today: str | None, days: int) -> Iterator[Iterator[dict[str, Any]]]:
    """Open interviews whose next action can be done by now (or within ``days``), oldest first,
    read one at a time as the block uses them; what is given is checked before it runs.

    ``today`` stands in for today's date, in the words of every date option
    (either way from today). A row is due (``is_due``) from the first day its
    action can be done, and overdue (``days_overdue`` above 0) only after its
    day (``on``): a thank-you is due from the interview day, overdue after
    the day after it. Only the rows due are read, through the store's
    next-action index.
    """
    if days < 0:
        raise InputError(f"--days must be 0 or more, got {days}")
    answers.check_text(today, "--today")
    now = followup.parse_day(today, followup.today(), "today", followup.EITHER) if today is not None else followup.today()
    try:
        horizon = followup.later(now, days)
    except followup.BeyondCalendar:  # a horizon past the end of the calendar: everything
        horizon = dt.date.max
    store = session.history()
    found = store.each_due(horizon.isoformat())
    booked = store.each_booking(horizon.isoformat())  # booked interviews, on their day: the questionnaire
    try:
        interviews = (((i.next_action_from or i.next_action_on or "", i.id), _due_row(i, now)) for i in found)
        booked_rows = (((b.date, b.id), bookings.due_row(b, now)) for b in booked)
        yield _in_day_order(interviews, booked_rows)
    finally:
        found.close()
        booked.close()


def _in_day_order(*keyed: Iterable[tuple[tuple[str, int], dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """(the day it can be done from, id) and its row, from streams each already in that order: the rows in that order."""
    import heapq

    return (row for _, row in heapq.merge(*keyed, key=lambda pair: pair[0]))


def _due_row(interview: Interview, now: dt.date) -> dict[str, Any]:
    assert interview.next_action is not None and interview.next_action_on is not None  # the store checked both
    start = interview.next_action_from or interview.next_action_on
    return {
        **summary(interview),
        "days_overdue": (now - dt.date.fromisoformat(interview.next_action_on)).days,
        "is_due": dt.date.fromisoformat(start) <= now,
        "draft_command": action_command(interview.id, interview.next_action),
        "action": interview.next_action,
        "on": interview.next_action_on,
    }


def action_command(interview_id: int, action: str) -> str:
    """The command that helps with an action: the draft of the email, or recording the ghosting."""
    if action == "move-on":
        return f"interview-signals outcome {interview_id} ghosted"
    return f"interview-signals draft {interview_id} {action}"


def sent(session: Session, interview_id: int, action: str, on: str | None) -> tuple[str, dt.date, Interview]:
    """Record that an email was sent (``on``: YYYY-MM-DD, today or yesterday; default today).

    Returns the action word, the day, and the interview with its new next action.
    """
    from interview_signals.followup import check_action

    answers.check_text(action, "ACTION")
    answers.check_text(on, "--on")
    word = check_action(action)
    store = session.history()  # an interview must exist: create nothing
    interview = store.get(interview_id)
    day = followup.sent_day("today" if on is None else on, dt.date.fromisoformat(interview.date), followup.today(), "on")
    store.record_sent(interview_id, word, day.isoformat())
    return word, day, store.get(interview_id)


def unsend(session: Session, interview_id: int, action: str) -> tuple[str, dt.date, Interview]:
    """Take back the latest record of an email sent: the action, the day it was recorded
    as sent, and the interview with its next action (that action, due again)."""
    from interview_signals.followup import check_action

    answers.check_text(action, "ACTION")
    word = check_action(action)
    store = session.history()
    day = store.unsend(interview_id, word)
    return word, dt.date.fromisoformat(day), store.get(interview_id)


def clear_snooze(session: Session, interview_id: int) -> Interview:
    """Remove an interview's snooze; returns the interview with the day its next action has again."""
    store = session.history()
    store.clear_snooze(interview_id)
    return store.get(interview_id)


def snooze(session: Session, interview_id: int, until: str) -> Interview:
    """Put an interview's next action off until ``until``; returns the interview with its new next action."""
    answers.check_text(until, "--until")
    day = followup.snooze_day(until, followup.today(), "until")
    store = session.history()
    store.snooze(interview_id, day.isoformat())
    return store.get(interview_id)


def draft(session: Session, interview_id: int, kind: str, interviewer: str | None) -> Draft:
    """A draft email about a saved interview, signed with your configured name.

    Only the emails of the follow-up cycle warn about a closed interview: a
    feedback request comes after a rejection, and withdrawing needs no warning.
    """
    from interview_signals import drafts

    answers.check_text(kind, "KIND")
    answers.check_text(interviewer, "--interviewer")
    word = drafts.check_kind(kind)
    interview = saved_open(session, interview_id, word) if word in followup.SENDABLE else saved(session, interview_id)
    return drafts.draft(word, interview.report, interviewer, sender=_sender(session))


def _sender(session: Session) -> str | None:
    """Your configured name; a settings file that cannot be read is a warning, and the draft keeps its name slot."""
    from interview_signals import config, paths

    try:
        return config.values(config.read(paths.config_path()))["name"]
    except SignalsError as exc:
        session.warn(f"{exc} (the draft is signed with a slot for your name)")
        return None


class Reminder(NamedTuple):
    action: str  # one of followup.ACTIONS
    day: dt.date
    ics: bytes


class Reminders(NamedTuple):
    events: int  # how many; 0 when no open interview has a next action
    ics: bytes | None  # the calendar when no ``deliver`` was given; else None (it went to ``deliver``)


# Takes a calendar file's bytes in pieces (see calendar.calendar_pieces) and writes each as it comes.
Deliver = Callable[[Iterable[bytes]], None]


def reminder(session: Session, interview_id: int, deliver: Deliver | None = None) -> Reminder:
    """A calendar reminder of a saved interview's next action, as an iCalendar file's bytes.

    The bytes go to ``deliver`` (when given) before any warning that the day
    is past, so the warning's "written anyway" is true when it is heard. An
    interview with no next action (a final outcome closed it) is an InputError.
    """
    from interview_signals import calendar

    store = session.history()
    booked = store.booking(interview_id)
    item = bookings.reminder_of(booked) if booked is not None else _next_reminder(session, interview_id)
    data = calendar.calendar_file([item])
    if deliver is not None:
        deliver([data])
    _warn_past([item], followup.today(), session.warn)
    return Reminder(item.action, item.on, data)


def _next_reminder(session: Session, interview_id: int) -> calendar.Reminder:
    """The reminder of a saved interview's next action (its application's latest round's)."""
    store = session.history()
    interview = store.get(interview_id)
    latest = store.latest_round(interview_id)
    session.hear()
    if latest != interview_id and outcomes.is_open(interview.outcome):
        raise InputError(f"ID {interview_id}: {not_the_latest(interview_id, latest)}: `interview-signals remind {latest}`")
    return _reminder_of(interview)


def reminders(session: Session, deliver: Deliver | None = None) -> Reminders:
    """One calendar holding a reminder for each open interview's next action, soonest first.

    Only interviews with a next action are read, through the store's
    next-action index, one at a time: each event goes to ``deliver`` as it
    is made, so memory stays flat however many there are. With none, nothing
    is made and ``deliver`` is not called. Without ``deliver`` the calendar
    comes back whole, in ``ics``.
    """
    store = session.history()
    made, data = _deliver_events(_each_reminder(session, dt.date.max.isoformat()), deliver)  # however far off
    if not made:
        return Reminders(0, None)
    # Once everything is delivered, the days already past (they come first, soonest first), read again.
    heard = len(store.warnings)
    now = followup.today()
    with contextlib.closing(_each_reminder(session, now.isoformat())) as past:
        _warn_past(past, now, session.warn)
    del store.warnings[heard:]  # a damaged interview was skipped, and said so, on the first read
    return Reminders(made, data)


def _each_reminder(session: Session, until: str) -> Generator[calendar.Reminder]:
    """The reminder of each open interview's next action and of each booked interview, on ``until`` or
    before, soonest first, read one at a time (booked ones are all-day events' peers on their day)."""
    import heapq

    store = session.history()
    found, booked = store.each_due(until), store.each_booking(until)
    try:
        interviews = (((i.next_action_from or i.next_action_on or "", i.id), _reminder_of(i)) for i in found)
        booked_ones = (((b.date, b.id), bookings.reminder_of(b)) for b in booked)
        for _, item in heapq.merge(interviews, booked_ones, key=lambda pair: pair[0]):
            yield item
    finally:
        found.close()
        booked.close()


def _deliver_events(found: Generator[calendar.Reminder], deliver: Deliver | None) -> tuple[int, bytes | None]:
    """Each reminder, to ``deliver`` as made (or joined, without it); how many, and the calendar when joined."""
    import itertools

    from interview_signals import calendar

    try:
        first = next(found, None)
        if first is None:
            return 0, None
        made = 0

        def events() -> Iterator[calendar.Reminder]:
            nonlocal made
            for item in itertools.chain([first], found):
                made += 1
                yield item

        pieces = calendar.calendar_pieces(events())
        data = b"".join(pieces) if deliver is None else None
        if deliver is not None:
            deliver(pieces)
        return made, data
    finally:
        found.close()


def _reminder_of(interview: Interview) -> calendar.Reminder:
    from interview_signals import calendar

    if interview.next_action is None or interview.next_action_on is None:
        if not outcomes.is_open(interview.outcome):
            raise InputError(
                f"ID {interview.id}: interview #{interview.id} is recorded as {interview.outcome}, so there is nothing left "
                f"to remind of; `interview-signals outcome {interview.id} pending` reopens it"
            )
        raise InputError(
            f"ID {interview.id}: interview #{interview.id} has no next action, so there is nothing left to remind of"
        )
    return calendar.Reminder(
        interview.id,
        interview.next_action,
        dt.date.fromisoformat(interview.next_action_on),
        interview.company,
        interview.role,
        action_command(interview.id, interview.next_action),
    )


def _warn_past(items: Iterable[calendar.Reminder], today: dt.date, warn: Warn) -> None:
    from interview_signals import words

    for item in items:
        if item.on < today:
            warn(
                f"the {words.ACTION_WORDS[item.action].name} for interview #{item.interview_id} was due on "
                f"{followup.display_date(item.on)}, already past; the reminder is written anyway"
            )
