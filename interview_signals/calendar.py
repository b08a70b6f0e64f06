"""Calendar reminders (.ics) for what to do next about interviews.

Each reminder is one all-day event on the day of an interview's next action
(a thank-you note, a follow-up, a second follow-up, or the suggestion to move
on), so it sits at the top of the day in any time zone instead of at an hour
the candidate never chose. It is marked free (TRANSP), so it never blocks a
meeting slot, and it carries an alarm (VALARM) for the morning of the day:
an all-day event starts at midnight local time, so a trigger of +9 hours
from the start is 09:00 on that day wherever the calendar is.

The UID is fixed per interview and action, so importing a new file after a
date changes (a snooze, a later promise) updates that reminder instead of
adding a second one, while the follow-up and the thank-you of one interview
stay two events.

A booked interview (`schedule`) is the one timed event: it starts at the
time given and lasts its length (an hour when none was given), in floating
local time (no time zone: the wall-clock time typed, wherever the calendar
is, as the candidate meant it); it shows as busy, and its alarm fires as it
ends (TRIGGER related to the end), asking how it went while it is fresh.

Escaping of commas, semicolons, backslashes and line breaks, and folding of
long lines, is left to the icalendar library: user text goes in as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from icalendar import Alarm, Calendar, Event

from interview_signals import words
from interview_signals.followup import later
from interview_signals.text import known, one_line

PRODID = "-//interview-signals//follow-up reminder//EN"
# When the alarm fires, counted from the start of the all-day event (midnight, local time).
ALARM_AFTER_START = timedelta(hours=9)

# What each action is called in a sentence ("the follow-up for interview #3 ..."): the one wording table's.
ACTION_NAMES = {action: wording.name for action, wording in words.ACTION_WORDS.items()}

# Event titles: (with a company, about a role only, with neither; then what ends the title).
_TITLES = {
    "thank-you": ("Send a thank-you note to", "Send a thank-you note about", "Send a thank-you note for", ""),
    "follow-up": ("Follow up with", "Follow up about", "Follow up on", ""),
    "second-follow-up": ("Send a second follow-up to", "Send a second follow-up about", "Send a second follow-up for", ""),
    "move-on": ("No reply from", "No reply about", "No reply on", ": consider moving on"),
    "assess": ("Interview with", "Interview about", "Interview", ""),
}

# The first line of each description: what to do, and why now.
_WHY = {
    "thank-you": "Thank them for interview #{id} within a day, while it is fresh.",
    "follow-up": "Time to check in about interview #{id}, once and politely.",
    "second-follow-up": "No reply since your follow-up about interview #{id}: check in once more, briefly.",
    "move-on": "No reply after two follow-ups: consider recording ghosted for interview #{id}, and put your energy elsewhere.",
    "assess": "How did it go? Answer the questionnaire as it ends: most of what you noticed is gone within the hour.",
}
HOW_DID_IT_GO = "How did it go?"  # the alarm of a booked interview, as it ends


class Reminder(NamedTuple):
    """One interview's next action, as a calendar event shows it."""

    interview_id: int
    action: str  # one of words.ACTIONS
    on: date
    company: str | None
    role: str | None
    command: str  # the command that helps: the draft, or recording the outcome
    at: datetime | None = None  # a booked interview: when it starts (local time); None: an all-day reminder
    minutes: int | None = None  # its length; an hour when not given


def event_uid(interview_id: int, action: str = "follow-up") -> str:
    """The same for every file made for one interview's action, so calendars replace, not duplicate."""
    return f"interview-{interview_id}-{action}@interview-signals"


def summary(reminder: Reminder) -> str:
    """The event title: the action, reading naturally whatever the candidate told us."""
    company, role = (one_line(value) if (value := known(given)) else None for given in (reminder.company, reminder.role))
    with_company, about_role, on_interview, end = _TITLES[reminder.action]
    if company and role:
        return f"{with_company} {company} about {role}{end}"
    if company:
        return f"{with_company} {company}{end}"
    if role:
        return f"{about_role} {role}{end}"
    return f"{on_interview} interview #{reminder.interview_id}{end}"


def description(reminder: Reminder) -> str:
    """What to do, and the command that helps with it."""
    why = _WHY[reminder.action].format(id=reminder.interview_id)
    if reminder.action == "move-on":
        return f"{why}\nRecord it with: {reminder.command}"
    if reminder.at is not None:
        return f"{why}\nStart it with: {reminder.command}"
    sent = f"interview-signals sent {reminder.interview_id} {reminder.action}"
    return f"{why}\nGet a draft with: {reminder.command}\nOnce sent, record it with: {sent}"


def event(reminder: Reminder, stamp: datetime) -> Event:
    """One all-day event on ``reminder.on``, with a display alarm on the morning of that day
    (a booked interview: an event at its time, see booked_event)."""
    if reminder.at is not None:
        return booked_event(reminder, stamp)
    day = reminder.on.date() if isinstance(reminder.on, datetime) else reminder.on  # a datetime would not be all-day
    title = summary(reminder)
    found = Event()
    found.add("uid", event_uid(reminder.interview_id, reminder.action))
    found.add("dtstamp", stamp)
    found.add("dtstart", day)
    found.add("dtend", later(day, 1))  # DTEND is exclusive: a one-day event
    found.add("summary", title)
    found.add("description", description(reminder))
    found.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", ALARM_AFTER_START)  # relative to DTSTART: 09:00 local time on the day
    found.add_component(alarm)
    return found


def booked_event(reminder: Reminder, stamp: datetime) -> Event:
    """A booked interview at its time and for its length, in floating local time, busy, with an
    alarm as it ends asking how it went and giving the command for the questionnaire."""
    assert reminder.at is not None
    start = reminder.at.replace(tzinfo=None)  # floating: the wall-clock time typed
    found = Event()
    found.add("uid", event_uid(reminder.interview_id, reminder.action))
    found.add("dtstamp", stamp)
    found.add("dtstart", start)
    found.add("dtend", start + timedelta(minutes=reminder.minutes or 60))
    found.add("summary", summary(reminder))
    found.add("description", description(reminder))
    found.add("transp", "OPAQUE")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{HOW_DID_IT_GO} {reminder.command}")
    alarm.add("trigger", timedelta(0), parameters={"RELATED": "END"})
    found.add_component(alarm)
    return found


def calendar_file(reminders: Iterable[Reminder], *, stamp: datetime | None = None) -> bytes:
    """An iCalendar file holding one event for each reminder.

    ``stamp`` (DTSTAMP, when the file was made) defaults to now; pass one to
    get the same bytes every time.
    """
    return b"".join(calendar_pieces(reminders, stamp=stamp))


def calendar_pieces(reminders: Iterable[Reminder], *, stamp: datetime | None = None) -> Iterator[bytes]:
    """calendar_file's bytes in pieces, each made as it is needed, so a calendar of
    any size takes the memory of one event: the VCALENDAR lines around the
    events, and each event's own. Together they are what a Calendar holding
    the events writes (a test checks it), without holding them all."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    empty = bytes(cal.to_ical())
    if not empty.endswith(_END):  # pragma: no cover - what every version of icalendar writes
        raise AssertionError(f"an empty calendar does not end with {_END!r}")
    yield empty[: -len(_END)]
    made = stamp or datetime.now(UTC)
    for reminder in reminders:
        yield bytes(event(reminder, made).to_ical())
    yield _END


_END = b"END:VCALENDAR\r\n"
