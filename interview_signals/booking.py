"""An interview booked and not yet assessed: when it starts, how long it lasts, and the words for both.

Memory of an interview fades fast, most of it in the first hour, so a booked
interview is what lets the tool ask for the questionnaire as it ends
(`remind`) and on its day (`due`), not the next morning. Its start is the
local time the candidate typed (``YYYY-MM-DD HH:MM``, no time zone: it is
when the interview is wherever they are). Its id comes from the interviews'
sequence (db/schema.py, schema 7) and becomes the assessed interview's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from interview_signals import followup
from interview_signals.errors import InputError
from interview_signals.text import clip

# The time of day, at the end of --on: 14:00 or 9:30 (24-hour), or 2pm, 2:30pm, 2 pm (12-hour).
_TIME = re.compile(r"(?:^|\s)([0-9]{1,2})(?::([0-9]{2})\s*(am|pm)?|\s*(am|pm))$")
# A length: 45m, 45 min, 1h, 1h30m, 1h 30m, 1.5h is not taken; a bare number is minutes.
_LENGTH = re.compile(r"(?:([0-9]{1,2})\s*h(?:ours?|rs?)?)?\s*(?:([0-9]{1,4})\s*m(?:in(?:utes?|s)?)?)?")
LONGEST = 24 * 60  # minutes: an interview is not longer than a day
DEFAULT_MINUTES = 60  # a calendar event needs an end; a booking with no length is taken to last an hour
START_FORMAT = "%Y-%m-%d %H:%M"
ON_FORMS = (
    "a day and a time: 'wednesday 14:00', '2026-12-09 14:00', 'tomorrow 9:30' or 'friday 2pm' "
    f"(the day: {followup.DAY_FORMS[followup.FUTURE]})"
)


class Booking(NamedTuple):
    id: int
    application_id: int
    round: int
    company: str | None
    role: str | None
    interviewer: str | None
    starts_at: str  # local time, YYYY-MM-DD HH:MM
    minutes: int | None  # its length, when given

    @property
    def start(self) -> datetime:
        return datetime.strptime(self.starts_at, START_FORMAT)

    @property
    def date(self) -> str:
        """Its day, YYYY-MM-DD."""
        return self.starts_at[:10]

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes or DEFAULT_MINUTES)

    @property
    def time(self) -> str:
        """Its start time, HH:MM."""
        return self.starts_at[11:16]

    def who(self) -> str:
        """ "Initech · Engineer", or "(no company given)"."""
        return " · ".join(part for part in (self.company, self.role) if part) or "(no company given)"

    def when(self) -> str:
        """ "Wed 9 Dec 2026 at 14:00"."""
        return f"{followup.display_date(self.start.date())} at {self.time}"


def parse_start(value: str, today: date, field: str = "on") -> str:
    """When a booked interview starts, as typed: a day in the one date vocabulary (today or
    later) and a time; returned as YYYY-MM-DD HH:MM. InputError naming ``field`` otherwise."""
    text = " ".join(value.split()).lower()
    match = _TIME.search(text)
    if match is None:
        raise InputError(f"{field} '{clip(value)}': give the time too; {ON_FORMS}", field=field)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = match.group(3) or match.group(4)
    if half is not None:
        if not 1 <= hour <= 12:
            raise InputError(f"{field} '{clip(value)}': {hour}{half} is not a time; {ON_FORMS}", field=field)
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InputError(f"{field} '{clip(value)}': {match.group(0).strip()} is not a time of day; {ON_FORMS}", field=field)
    day_text = text[: match.start()].strip()
    if not day_text:
        raise InputError(f"{field} '{clip(value)}': give the day too; {ON_FORMS}", field=field)
    day = followup.parse_day(day_text, today, field, followup.FUTURE)
    return f"{day.isoformat()} {hour:02d}:{minute:02d}"


def parse_length(value: str, field: str = "length") -> int:
    """How long an interview lasts, in minutes: 45m, 1h, 1h30m, 90 (minutes)."""
    text = "".join(value.split()).lower()
    if text.isdigit():  # minutes; a number of more than 8 digits is longer than any day, and kept from int()
        minutes = int(text) if len(text) <= 8 else LONGEST + 1
    else:
        match = _LENGTH.fullmatch(text)
        if not text or match is None or not any(match.groups()):
            raise InputError(f"{field} '{clip(value)}': give a length such as 45m, 1h, 1h30m or 90 (minutes)", field=field)
        minutes = int(match.group(1) or 0) * 60 + int(match.group(2) or 0)
    if not 0 < minutes <= LONGEST:
        raise InputError(f"{field} '{clip(value)}': a length is from 1 minute to 24 hours", field=field)
    return minutes
