"""When to send the thank-you note and when to follow up. Pure date logic, no I/O.

The rule (see DOMAIN.md): thank them within a day; if they named a day to
hear back, wait until it has passed plus one working day, then follow up once;
if they named none, follow up about a week after the interview.

Every date option and date prompt reads days through one vocabulary
(``parse_day``): each says only which way from today its day may lie. A
promised reply day ("friday", "3 days") is read from the interview date, never
from the clock, so the same inputs always give the same dates and a report
entered a week late still gets the right ones. Weekends are skipped, and
so are the public holidays of the calendar you set (``config set holidays``,
daysoff.py): each rule that moves a day off a day off takes a ``days_off``,
weekends only unless told. With no calendar set, holidays are not guessed:
they differ by country and region, and a wrong guess is worse than a
follow-up that lands on a day off.

Every date here is counted through ``later``, so a day near either end of the
calendar (9999-12-31) is an InputError (``BeyondCalendar``), never an
OverflowError; ``settle`` names the field that led there.

It is also the one schedule (``next_action``): every command that says what
to do next about an interview, and on which day, asks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from interview_signals import outcomes, words
from interview_signals.daysoff import WEEKENDS, DaysOff
from interview_signals.errors import InputError
from interview_signals.text import clip, counted, did_you_mean

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NO_PROMISE_WAIT = timedelta(weeks=1)
# A promised answer more than a year out is almost certainly a typo in the year.
LONGEST_PROMISE = timedelta(days=366)

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A span: "3 days", "in 2 weeks", "3 days ago" (after spaces are collapsed and case is folded).
_SPAN = re.compile(r"(?:(in) )?([0-9]+|a|one) ?(days?|weeks?)(?: (ago))?")
_WORD_NUMBERS = {"a": 1, "one": 1}  # only with "week": "a day" is not a span people give
_RELATIVE_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}
LONGEST_SPAN = 10**6  # days: any span longer is far past every limit, and is counted as this many

# Which way from today a date option's day may lie.
PAST, FUTURE, EITHER = "past", "future", "either"
DAY_FORMS = {
    PAST: "today or an earlier day: YYYY-MM-DD, yesterday, a weekday (monday, mon) or a span back (3 days ago, 2 weeks ago)",
    FUTURE: "today or a later day: YYYY-MM-DD, tomorrow, a weekday (friday, fri) or a span (3 days, 2 weeks)",
    EITHER: "a day: YYYY-MM-DD, today, yesterday, tomorrow, a weekday (friday, fri) or a span (3 days, 3 days ago)",
}
# The same words for a promised reply day, counted from the interview (parse_reply_by).
REPLY_BY_FORMS = "give the day they promised an answer by: a date (2026-12-04), a weekday (friday, fri) or a span from the interview (3 days, 2 weeks)"


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
    """A calendar date written as YYYY-MM-DD, and only that (for days the tool wrote itself).

    Only that one shape is accepted (Python would also take 20261204 or
    2026-W49-5), so what the user typed is what gets stored.
    """
    text = value.strip()
    if _ISO.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{field} '{clip(value)}': there is no such day", field=field) from None
    raise InputError(f"{field} '{clip(value)}': expected a date as YYYY-MM-DD", field=field)


class _NotADay(Exception):
    """What was typed is not a day the vocabulary knows; the reason is the message."""


def parse_day(value: str, today: date, field: str, allowed: str = EITHER) -> date:
    """A day as a person types it: the one vocabulary of every date option and prompt.

    ``allowed`` says which way from ``today`` it may lie: PAST (today or
    earlier), FUTURE (today or later) or EITHER. The words, in any case and
    spacing:

    * ``YYYY-MM-DD``;
    * ``today``, ``yesterday``, ``tomorrow``;
    * a weekday, ``friday`` or ``fri``: the nearest such day in the allowed
      direction. Looking back (PAST) today counts ("wednesday" on a Wednesday
      is today); looking ahead (FUTURE) it does not ("friday" said on a Friday
      means the one a week on, as people say it); EITHER looks ahead, today
      counting. ``next friday`` and ``this friday`` look ahead, as "friday"
      does, and ``last friday`` looks back, today not counting;
    * a span: ``3 days``, ``in 3 days``, ``2 weeks``, ``a week`` ahead;
      ``3 days ago``, ``a week ago`` back.

    A refusal is one InputError naming ``field``, what was typed, why, and
    what is accepted (DAY_FORMS).
    """
    try:
        day = _read_day(" ".join(value.split()).lower(), today, allowed)
    except _NotADay as exc:
        raise InputError(f"{field} '{clip(value)}': {exc}; give {DAY_FORMS[allowed]}", field=field) from None
    except BeyondCalendar:
        raise InputError(
            f"{field} '{clip(value)}': too far from {today.isoformat()} to count; give {DAY_FORMS[allowed]}", field=field
        ) from None
    if allowed == PAST and day > today:
        raise InputError(f"{field} '{clip(value)}': {day.isoformat()} is in the future; give {DAY_FORMS[allowed]}", field=field)
    if allowed == FUTURE and day < today:
        raise InputError(f"{field} '{clip(value)}': {day.isoformat()} is in the past; give {DAY_FORMS[allowed]}", field=field)
    return day


def _read_day(text: str, today: date, allowed: str) -> date:
    """``text`` (folded, single-spaced) as a day counted from ``today``; _NotADay or BeyondCalendar otherwise."""
    if _ISO.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise _NotADay("there is no such day") from None
    if text in _RELATIVE_WORDS:
        return later(today, _RELATIVE_WORDS[text])
    first, _, rest = text.partition(" ")
    prefix = first if first in ("next", "this", "last") and rest else None
    weekday = _weekday(rest if prefix else text)
    if weekday is not None:
        ahead = (weekday - today.weekday()) % 7  # to the next such day; 0 when today is one
        back = (today.weekday() - weekday) % 7  # since the last such day; 0 when today is one
        if prefix == "last":
            return later(today, -(back or 7))
        if prefix == "next":
            return later(today, ahead or 7)
        if allowed == PAST:
            return later(today, -back)
        return later(today, ahead if allowed == EITHER else ahead or 7)
    match = _SPAN.fullmatch(text)
    if match:
        ahead_word, number, unit, ago = match.groups()
        if not (ahead_word and ago) and (number.isdigit() or unit == "week"):
            if not number.isdigit():
                count = _WORD_NUMBERS[number]
            else:  # huge numbers stop at LONGEST_SPAN before any date arithmetic
                count = int(number) if len(number) <= 7 else LONGEST_SPAN
            days = min(count * (7 if unit.startswith("week") else 1), LONGEST_SPAN)
            return later(today, -days if ago else days)
    raise _NotADay("not a day")


def interview_day(value: str, today: date, field: str = "date") -> date:
    """The day of an interview (parse_day, today or earlier)."""
    return parse_day(value, today, field, PAST)


def parse_reply_by(value: str, interview_date: date, *, field: str = "reply_by") -> date:
    """The day they promised an answer by, from what the candidate remembers.

    The words of every date option (``parse_day``), counted from the
    interview date as if it were today, looking ahead: "friday" is the first
    Friday strictly after the interview, "3 days" three days after it,
    "today" the interview day. Any may start with "by" ("by friday", "by
    2026-12-04"). "next friday" means the same as "friday": people use it
    for the coming Friday and for the one after, and the earlier reading
    never lets a follow-up slip by. The report shows the date, so a wrong
    guess is seen. A day before the interview, or more than a year after it,
    is refused.
    """
    text = " ".join(value.split()).lower()
    text = text.removeprefix("by ")
    forms = REPLY_BY_FORMS
    try:
        promised = _read_day(text, interview_date, FUTURE)
    except _NotADay as exc:
        raise InputError(f"{field} '{clip(value)}': {exc}; {forms}", field=field) from None
    except BeyondCalendar:
        raise _no_room(field, value) from None
    if promised < interview_date:
        raise InputError(
            f"{field} '{clip(value)}': {promised.isoformat()} is before the interview ({interview_date.isoformat()}); {forms}",
            field=field,
        )
    if promised - interview_date > LONGEST_PROMISE:
        raise InputError(
            f"{field} '{clip(value)}': {promised.isoformat()} is more than a year after the interview ({interview_date.isoformat()}); check the year",
            field=field,
        )
    return promised


def is_working_day(d: date, days_off: DaysOff = WEEKENDS) -> bool:
    """Monday to Friday, and not a public holiday of ``days_off``'s calendar."""
    return days_off.is_working_day(d)


def working_day_on_or_after(d: date, days_off: DaysOff = WEEKENDS) -> date:
    """``d`` itself on a working day, else the first working day after it."""
    while not days_off.is_working_day(d):
        d = later(d, 1)
    return d


def next_working_day(d: date, days_off: DaysOff = WEEKENDS) -> date:
    """The first working day strictly after ``d``."""
    return working_day_on_or_after(later(d, 1), days_off)


def holidays_between(start: date, end: date, days_off: DaysOff) -> list[tuple[date, str]]:
    """The public holidays from ``start`` up to (not including) ``end``, with their names:
    the days a rule skipped when it moved ``start`` to ``end``."""
    found = []
    d = start
    while d < end:
        name = days_off.holiday(d)
        if name is not None:
            found.append((d, name))
        d = later(d, 1)
    return found


def skipped_note(plan: Mapping[str, Any]) -> str | None:
    """What a report's follow-up day skipped, as its "Your dates" say it:
    "Thu 26 Nov is Thanksgiving Day, so Fri 27 Nov"; None when it skipped no holiday."""
    skipped = plan.get("skipped")
    if not skipped:
        return None
    days = [f"{_short(date.fromisoformat(item['on']))} is {item['name']}" for item in skipped]
    said = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " and " + days[-1]
    return f"{said}, so {_short(date.fromisoformat(plan['follow_up_on']))}"


def _short(d: date) -> str:
    """Thu 26 Nov."""
    return f"{d:%a} {d.day} {d:%b}"


def thank_you_by(interview_date: date) -> date:
    """Send the thank-you note by the day after the interview (weekend or not:
    an email sent on Saturday is read on Monday, and that is fine)."""
    return later(interview_date, 1)


def follow_up_on(interview_date: date, reply_by: date | None, days_off: DaysOff = WEEKENDS) -> date:
    """The day to follow up, once.

    With a promised date: the first working day after it, so they get the
    whole day they promised. Without one: a week after the interview, moved
    forward to the next working day if that falls on a weekend or on a public
    holiday of ``days_off``. A promise dated before the interview (which
    ``parse_reply_by`` refuses) is treated as the interview date, so the
    follow-up never comes before the interview.
    """
    return working_day_on_or_after(_follow_up_from(interview_date, reply_by), days_off)


def _follow_up_from(interview_date: date, reply_by: date | None) -> date:
    """The follow-up day before days off are skipped."""
    if reply_by is None:
        return later(interview_date, NO_PROMISE_WAIT.days)
    return later(max(reply_by, interview_date), 1)


def schedule(interview_date: date, reply_by: date | None, days_off: DaysOff = WEEKENDS) -> dict[str, Any]:
    """The report's ``follow_up`` section: every date as ISO 8601. When the follow-up day
    skipped public holidays, ``skipped`` lists them ({"on", "name"}); with none, it is left out."""
    follow = follow_up_on(interview_date, reply_by, days_off)
    plan: dict[str, Any] = {
        "thank_you_by": thank_you_by(interview_date).isoformat(),
        "reply_by": reply_by.isoformat() if reply_by else None,
        "follow_up_on": follow.isoformat(),
    }
    skipped = holidays_between(_follow_up_from(interview_date, reply_by), follow, days_off)
    if skipped:
        plan["skipped"] = [{"on": day.isoformat(), "name": name} for day, name in skipped]
    return plan


def settle(
    context: Mapping[str, str],
    today: date | None,
    *,
    fields: tuple[str, str] = ("date", "reply_by"),
    days_off: DaysOff = WEEKENDS,
) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Read the interview day and promised reply day from a report's context.

    Returns the context with both written as ISO dates, and the report's
    ``follow_up`` section. With ``today``, the interview day defaults to it,
    may be written "today" or "yesterday", and may not come after it. Without
    (a batch line, scored whenever), a context with no date gets no section.
    ``fields`` name the date and reply-by in error messages (as InputError's field);
    ``days_off`` are the days the follow-up day skips.
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
        return settled, schedule(day, promised, days_off)
    except BeyondCalendar:  # the thank-you fits, so it is the follow-up that does not
        field, value = (
            (reply_field, context["reply_by"]) if promised is not None else (date_field, context.get("date", settled["date"]))
        )
        raise _no_room(field, value) from None


def _no_room(field: str, value: str) -> InputError:
    return InputError(
        f"{field} '{clip(value)}': too near the end of the calendar (9999-12-31) to plan a follow-up after it", field=field
    )


def follow_up_of(report: Mapping[str, Any], interview_date: date) -> date:
    """A saved report's follow-up day; one saved without one gets the no-promise rule."""
    section = report.get("follow_up")
    if isinstance(section, Mapping) and isinstance(section.get("follow_up_on"), str):
        return date.fromisoformat(section["follow_up_on"])
    return follow_up_on(interview_date, None)


# -- what to do next: the one schedule ----------------------------------------------

ACTIONS = words.ACTIONS
SENDABLE = words.SENDABLE
FOLLOW_UP_GAP = timedelta(weeks=1)  # from one follow-up sent to the next action


class Action(NamedTuple):
    """The next thing to do about an interview: from which day it can be done, and its day.

    ``on`` is the action's day, the one every command shows: the thank-you
    note's is the day after the interview, as the report promises ("by Tue
    17 Nov"); a follow-up's, the day to send it. ``start`` is the first day
    it can be done: `due` lists it from then, and calls it overdue only after
    ``on``. Only the thank-you can be done before its day (from the interview
    day itself).
    """

    action: str  # one of ACTIONS
    on: date
    start: date


def next_action(
    interview_date: date,
    follow_up: date,
    sent: Iterable[tuple[str, date]],
    outcome: str | None,
    snoozed_until: date | None = None,
    days_off: DaysOff = WEEKENDS,
) -> Action | None:
    """What to do next about an interview, and when; None once a final outcome closed it.

    The one schedule: the report's dates, `due`, `show`, `remind`, the store's
    next-action columns and an import all come from here.

    ``follow_up`` is its follow-up day (``follow_up_on``); ``sent`` the
    (action, day sent) pairs recorded. The next action is the one after the
    furthest one sent: nothing sent, the thank-you, from the interview day,
    by the day after (``thank_you_by``); the thank-you sent, the follow-up on
    its follow-up day; the follow-up sent, a second follow-up a week later
    (moved off a weekend); that sent, a week later, the suggestion to move
    on (never recorded by itself). A snooze moves both days later, never
    earlier. Actions that are not SENDABLE in ``sent`` are ignored.
    ``days_off``: the days the second follow-up is moved off.
    """
    if not outcomes.is_open(outcome):
        return None
    last_sent: dict[str, date] = {}
    for action, on in sent:
        if action in SENDABLE:
            last_sent[action] = max(on, last_sent.get(action, on))
    furthest = max((SENDABLE.index(action) for action in last_sent), default=None)
    if furthest is None:
        found = Action("thank-you", thank_you_by(interview_date), interview_date)
    elif SENDABLE[furthest] == "thank-you":
        found = Action("follow-up", follow_up, follow_up)
    elif SENDABLE[furthest] == "follow-up":
        day = working_day_on_or_after(later(last_sent["follow-up"], FOLLOW_UP_GAP.days), days_off)
        found = Action("second-follow-up", day, day)
    else:
        day = later(last_sent["second-follow-up"], FOLLOW_UP_GAP.days)
        found = Action("move-on", day, day)
    if snoozed_until is not None:
        found = found._replace(on=max(found.on, snoozed_until), start=max(found.start, snoozed_until))
    return found


def sent_day(value: str, interview_date: date, today: date, field: str = "on") -> date:
    """The day an email was sent (parse_day, today or earlier), not before the interview."""
    day = parse_day(value, today, field, PAST)
    if day < interview_date:
        raise InputError(
            f"{field} '{clip(value)}': {day.isoformat()} is before the interview ({interview_date.isoformat()}); "
            f"give the day you sent it, {DAY_FORMS[PAST]}",
            field=field,
        )
    return day


def snooze_day(value: str, today: date, field: str = "until") -> date:
    """The day to put the next action off until (parse_day, today or later)."""
    return parse_day(value, today, field, FUTURE)


def _weekday(text: str) -> int | None:
    """0 for monday/mon, ... 6 for sunday/sun; None if ``text`` is not a weekday."""
    for number, name in enumerate(WEEKDAYS):
        if text == name or text == name[:3]:
            return number
    return None


def check_action(action: str) -> str:
    """An action that can be sent, as typed in any case; InputError naming ACTION otherwise."""
    word = action.strip().lower()
    if word not in SENDABLE:
        sendable = SENDABLE
        raise InputError(
            f"ACTION '{clip(action)}'{did_you_mean(action, sendable)}: what you sent is one of {', '.join(sendable)}"
        )
    return word
