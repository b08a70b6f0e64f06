"""When to send the thank-you note and when to follow up. Pure date logic, no I/O.

The rule (see DOMAIN.md): thank them within a day; if they named a day to
hear back, wait until it has passed plus one working day, then follow up once;
if they named none, follow up about a week after the interview.

Relative answers ("friday", "3 days") are read from the interview date, never
from the clock, so the same inputs always give the same dates and a report
entered a week late still gets the right ones. Weekends are skipped; public
holidays are not, because they differ by country and region and a wrong
guess is worse than a follow-up that lands on a day off.

Every date here is counted through ``later``, so a day near either end of the
calendar (9999-12-31) is an InputError (``BeyondCalendar``), never an
OverflowError; ``settle`` names the field that led there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from interview_signals import outcomes
from interview_signals.errors import InputError
from interview_signals.text import clip, counted

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NO_PROMISE_WAIT = timedelta(weeks=1)
# A promised answer more than a year out is almost certainly a typo in the year.
LONGEST_PROMISE = timedelta(days=366)

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SPAN = re.compile(r"(?:in\s+)?([0-9]+)\s*(days?|weeks?)")
# Spans written in words, after spaces are collapsed and case is folded.
_WORD_SPANS = {"a week": 7, "one week": 7}
_RELATIVE_WORDS = {"today": 0, "tomorrow": 1}
_PAST_WORDS = {"today": 0, "yesterday": 1}
_REPLY_BY_FORMS = "expected a date (2026-12-04), a weekday (friday) or a span (3 days, 2 weeks)"


class BeyondCalendar(InputError):
    """A date counted from the user's would fall outside the calendar (years 1 to 9999)."""


def later(d: date, days: int) -> date:
    """``d`` moved ``days`` days on (back, when negative); BeyondCalendar past either end of the calendar."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        end, way = ("end", "on") if days >= 0 else ("start", "back")
        raise BeyondCalendar(
            f"{d.isoformat()} is too near the {end} of the calendar to count {counted(abs(days), 'day')} {way}"
        ) from None


def display_date(d: date) -> str:
    """A date as people read it: Fri 4 Dec 2026."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def today() -> date:
    """Today's date: for `due` and the default interview day, never for the rules above."""
    return date.today()


def parse_date(value: str, field: str) -> date:
    """A calendar date written as YYYY-MM-DD, for options like --date and --today.

    Only that one shape is accepted (Python would also take 20261204 or
    2026-W49-5), so what the user typed is what gets stored.
    """
    text = value.strip()
    if _ISO.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{field} '{clip(value)}': there is no such day") from None
    raise InputError(f"{field} '{clip(value)}': expected a date as YYYY-MM-DD")


def interview_day(value: str, today: date, field: str = "--date") -> date:
    """The day of an interview: YYYY-MM-DD, "today" or "yesterday"; never after ``today``."""
    word = value.strip().lower()
    if word in _PAST_WORDS:
        return later(today, -_PAST_WORDS[word])
    day = parse_date(value, field)
    if day > today:
        raise InputError(f"{field} '{clip(value)}': that is in the future; give the day the interview took place")
    return day


def parse_reply_by(value: str, interview_date: date, *, field: str = "--reply-by") -> date:
    """The day they promised an answer by, from what the candidate remembers.

    Accepts an ISO date (2026-12-04); a weekday (friday, fri, also "next
    friday" or "this fri"), meaning the first such day strictly after the
    interview; a span from the interview (0 days, 3 days, 1 week, 2 weeks, a
    week, one week, also "in 3 days"); today or tomorrow. Any of these may
    start with "by" ("by friday", "by 2026-12-04").

    "next friday" means the same as "friday": people use it for the coming
    Friday and for the one after, and the earlier reading never lets a
    follow-up slip by. The report shows the date, so a wrong guess is seen.
    """
    text = " ".join(value.split()).lower()
    text = text.removeprefix("by ")
    span = _WORD_SPANS.get(text.removeprefix("in "))
    if _ISO.fullmatch(text):
        try:
            promised = date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{field} '{clip(value)}': there is no such day") from None
    elif text in _RELATIVE_WORDS:
        promised = _after(interview_date, _RELATIVE_WORDS[text], value, field)
    elif span is not None:
        promised = _after(interview_date, span, value, field)
    elif (weekday := _weekday(text)) is not None:
        promised = _after(interview_date, (weekday - interview_date.weekday() - 1) % 7 + 1, value, field)
    elif match := _SPAN.fullmatch(text):
        number, unit = match.groups()
        # Huge numbers are refused by _after before any date arithmetic can overflow.
        count = int(number) if len(number) <= 6 else 10**6
        promised = _after(interview_date, count * (7 if unit.startswith("week") else 1), value, field)
    else:
        raise InputError(f"{field} '{clip(value)}': {_REPLY_BY_FORMS}")
    if promised < interview_date:
        raise InputError(
            f"{field} '{clip(value)}': {promised.isoformat()} is before the interview ({interview_date.isoformat()}); give the day they promised an answer by"
        )
    if promised - interview_date > LONGEST_PROMISE:
        raise InputError(
            f"{field} '{clip(value)}': {promised.isoformat()} is more than a year after the interview ({interview_date.isoformat()}); check the year"
        )
    return promised


def is_working_day(d: date) -> bool:
    """Monday to Friday. Public holidays are not known here (see the module docstring)."""
    return d.weekday() < 5


def working_day_on_or_after(d: date) -> date:
    """``d`` itself on a weekday, else the Monday after."""
    while not is_working_day(d):
        d = later(d, 1)
    return d


def next_working_day(d: date) -> date:
    """The first Monday-to-Friday strictly after ``d``."""
    return working_day_on_or_after(later(d, 1))


def thank_you_by(interview_date: date) -> date:
    """Send the thank-you note by the day after the interview (weekend or not:
    an email sent on Saturday is read on Monday, and that is fine)."""
    return later(interview_date, 1)


def follow_up_on(interview_date: date, reply_by: date | None) -> date:
    """The day to follow up, once.

    With a promised date: the first working day after it, so they get the
    whole day they promised. Without one: a week after the interview, moved
    forward to Monday if that falls on a weekend. Weekends are skipped; public
    holidays are not. A promise dated before the interview (which
    ``parse_reply_by`` refuses) is treated as the interview date, so the
    follow-up never comes before the interview.
    """
    if reply_by is None:
        return working_day_on_or_after(later(interview_date, NO_PROMISE_WAIT.days))
    return next_working_day(max(reply_by, interview_date))


def schedule(interview_date: date, reply_by: date | None) -> dict[str, str | None]:
    """The report's ``follow_up`` section: every date as ISO 8601."""
    return {
        "thank_you_by": thank_you_by(interview_date).isoformat(),
        "reply_by": reply_by.isoformat() if reply_by else None,
        "follow_up_on": follow_up_on(interview_date, reply_by).isoformat(),
    }


def settle(
    context: Mapping[str, str], today: date | None, *, fields: tuple[str, str] = ("--date", "--reply-by")
) -> tuple[dict[str, str], dict[str, str | None] | None]:
    """Read the interview day and promised reply day from a report's context.

    Returns the context with both written as ISO dates, and the report's
    ``follow_up`` section. With ``today``, the interview day defaults to it,
    may be written "today" or "yesterday", and may not come after it. Without
    (a batch line, scored whenever), a context with no date gets no section.
    ``fields`` name the date and reply-by in error messages.
    """
    date_field, reply_field = fields
    settled = dict(context)
    if today is not None:
        day = interview_day(settled["date"], today, date_field) if "date" in settled else today
    elif "date" in settled:
        day = parse_date(settled["date"], date_field)
    else:
        return settled, None
    settled["date"] = day.isoformat()
    try:
        thank_you_by(day)
    except BeyondCalendar:
        raise _no_room(date_field, context.get("date", settled["date"])) from None
    promised = parse_reply_by(settled["reply_by"], day, field=reply_field) if settled.get("reply_by") else None
    if promised is not None:
        settled["reply_by"] = promised.isoformat()
    try:
        return settled, schedule(day, promised)
    except BeyondCalendar:  # the thank-you fits, so it is the follow-up that does not
        field, value = (
            (reply_field, context["reply_by"]) if promised is not None else (date_field, context.get("date", settled["date"]))
        )
        raise _no_room(field, value) from None


def _no_room(field: str, value: str) -> InputError:
    return InputError(f"{field} '{clip(value)}': too near the end of the calendar (9999-12-31) to plan a follow-up after it")


def follow_up_of(report: Mapping[str, Any], interview_date: date) -> date:
    """A saved report's follow-up day; one saved without one gets the no-promise rule."""
    section = report.get("follow_up")
    if isinstance(section, Mapping) and isinstance(section.get("follow_up_on"), str):
        return date.fromisoformat(section["follow_up_on"])
    return follow_up_on(interview_date, None)


# -- what to do next -------------------------------------------------------------

# Every action after an interview, in order. The first three are emails the
# candidate sends (and records with `sent`); "move-on" is only a suggestion:
# no reply after two follow-ups, consider recording the interview as ghosted.
ACTIONS = ("thank-you", "follow-up", "second-follow-up", "move-on")
SENDABLE = ACTIONS[:3]
FOLLOW_UP_GAP = timedelta(weeks=1)  # from one follow-up sent to the next action


class Action(NamedTuple):
    """The next thing to do about an interview, and the day it is due."""

    action: str  # one of ACTIONS
    on: date


def next_action(
    interview_date: date,
    follow_up: date,
    sent: Iterable[tuple[str, date]],
    outcome: str | None,
    snoozed_until: date | None = None,
) -> Action | None:
    """What to do next about an interview, or None once a final outcome closed it.

    ``follow_up`` is its follow-up day (``follow_up_on``); ``sent`` the
    (action, day sent) pairs recorded. The next action is the one after the
    furthest one sent: nothing sent, the thank-you on the interview day; the
    thank-you sent, the follow-up on its follow-up day; the follow-up sent,
    a second follow-up a week later (moved off a weekend); that sent, a week
    later, the suggestion to move on (never recorded by itself). A snooze
    moves the day later, never earlier. Actions that are not SENDABLE in
    ``sent`` are ignored.
    """
    if not outcomes.is_open(outcome):
        return None
    last_sent: dict[str, date] = {}
    for action, on in sent:
        if action in SENDABLE:
            last_sent[action] = max(on, last_sent.get(action, on))
    furthest = max((SENDABLE.index(action) for action in last_sent), default=None)
    if furthest is None:
        found = Action("thank-you", interview_date)
    elif SENDABLE[furthest] == "thank-you":
        found = Action("follow-up", follow_up)
    elif SENDABLE[furthest] == "follow-up":
        found = Action("second-follow-up", working_day_on_or_after(later(last_sent["follow-up"], FOLLOW_UP_GAP.days)))
    else:
        found = Action("move-on", later(last_sent["second-follow-up"], FOLLOW_UP_GAP.days))
    if snoozed_until is not None and snoozed_until > found.on:
        found = found._replace(on=snoozed_until)
    return found


def sent_day(value: str, interview_date: date, today: date, field: str = "--on") -> date:
    """The day an email was sent: YYYY-MM-DD, "today" or "yesterday"; from the interview day to ``today``."""
    forms = "give the day you sent it as YYYY-MM-DD, today or yesterday"
    word = value.strip().lower()
    if word in _PAST_WORDS:
        day = later(today, -_PAST_WORDS[word])
    else:
        try:
            day = parse_date(value, field)
        except InputError:
            raise InputError(f"{field} '{clip(value)}': {forms}") from None
    if day > today:
        raise InputError(f"{field} '{clip(value)}': that is in the future; {forms}")
    if day < interview_date:
        raise InputError(f"{field} '{clip(value)}': that is before the interview ({interview_date.isoformat()}); {forms}")
    return day


def snooze_day(value: str, today: date, field: str = "--until") -> date:
    """The day to put the next action off until: YYYY-MM-DD, today or later."""
    day = parse_date(value, field)
    if day < today:
        raise InputError(f"{field} '{clip(value)}': that is in the past; give today or a later day as YYYY-MM-DD")
    return day


def _weekday(text: str) -> int | None:
    """0 for monday/mon, ... 6 for sunday/sun, also after "next " or "this ";
    None if ``text`` is not a weekday."""
    first, _, rest = text.partition(" ")
    if first in ("next", "this"):
        text = rest
    for number, name in enumerate(WEEKDAYS):
        if text == name or text == name[:3]:
            return number
    return None


def _after(start: date, days: int, value: str, field: str) -> date:
    if timedelta(days=days) > LONGEST_PROMISE:
        raise InputError(f"{field} '{clip(value)}': that is more than a year after the interview; give a nearer date")
    try:
        return later(start, days)
    except BeyondCalendar:
        raise _no_room(field, value) from None
