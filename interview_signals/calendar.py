"""A calendar reminder (.ics) for the follow-up day.

One all-day event, so it sits at the top of the day in any time zone instead
of at an hour the candidate never chose. It is marked free (TRANSP), so it
never blocks a meeting slot. The UID is fixed per interview, so importing a
new file after the date changes updates the reminder instead of adding a
second one.

Escaping of commas, semicolons, backslashes and line breaks, and folding of
long lines, is left to the icalendar library: user text goes in as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from icalendar import Calendar, Event

from interview_signals.followup import later
from interview_signals.text import known, one_line

PRODID = "-//interview-signals//follow-up reminder//EN"


def event_uid(interview_id: int) -> str:
    """The same for every file made for one interview, so calendars replace, not duplicate."""
    return f"interview-{interview_id}-follow-up@interview-signals"


def summary(report: Mapping[str, Any], interview_id: int) -> str:
    """The event title, reading naturally whatever the candidate told us."""
    given = report.get("context")
    context: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    company, role = (one_line(value) if (value := known(context.get(key))) else None for key in ("company", "role"))
    if company and role:
        return f"Follow up with {company} about {role}"
    if company:
        return f"Follow up with {company}"
    if role:
        return f"Follow up about {role}"
    return f"Follow up on interview #{interview_id}"


def follow_up_event(report: Mapping[str, Any], interview_id: int, follow_up: date, *, stamp: datetime | None = None) -> bytes:
    """An iCalendar file holding one all-day event on ``follow_up``.

    ``stamp`` (DTSTAMP, when the file was made) defaults to now; pass one to
    get the same bytes every time.
    """
    if isinstance(follow_up, datetime):  # a datetime is a date too, but would not be all-day
        follow_up = follow_up.date()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", event_uid(interview_id))
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("dtstart", follow_up)
    event.add("dtend", later(follow_up, 1))  # DTEND is exclusive: a one-day event
    event.add("summary", summary(report, interview_id))
    event.add(
        "description",
        f"Time to check in about interview #{interview_id}, once and politely.\n"
        f"Get a draft with: interview-signals draft {interview_id} follow-up",
    )
    event.add("transp", "TRANSPARENT")
    cal.add_component(event)
    return bytes(cal.to_ical())
