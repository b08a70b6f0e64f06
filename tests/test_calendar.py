"""Calendar reminders: valid all-day iCalendar events, with an alarm, that calendar apps import."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from interview_signals import calendar
from interview_signals.followup import ACTIONS

DAY = date(2026, 12, 7)
STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
COMMANDS = {
    "thank-you": "interview-signals draft 12 thank-you",
    "follow-up": "interview-signals draft 12 follow-up",
    "second-follow-up": "interview-signals draft 12 second-follow-up",
    "move-on": "interview-signals outcome 12 ghosted",
}


def item(
    action: str = "follow-up",
    *,
    interview_id: int = 12,
    on: date = DAY,
    company: str | None = "Acme",
    role: str | None = "Data engineer",
) -> calendar.Reminder:
    command = COMMANDS[action].replace(" 12 ", f" {interview_id} ")
    return calendar.Reminder(interview_id, action, on, company, role, command)


def parse(data: bytes):
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def test_one_all_day_event_on_the_day_of_the_action():
    data = calendar.calendar_file([item()])
    cal, event = parse(data)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == calendar.PRODID
    assert event.decoded("DTSTART") == DAY and type(event.decoded("DTSTART")) is date
    assert event.decoded("DTEND") == date(2026, 12, 8) and type(event.decoded("DTEND")) is date
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert b"DTSTART;VALUE=DATE:20261207\r\n" in data
    assert str(event["SUMMARY"]) == "Follow up with Acme about Data engineer"
    assert str(event["UID"]) == "interview-12-follow-up@interview-signals"
    assert isinstance(event.decoded("DTSTAMP"), datetime)
    assert "interview-signals draft 12 follow-up" in str(event["DESCRIPTION"])
    assert "interview-signals sent 12 follow-up" in str(event["DESCRIPTION"])
    assert str(event["TRANSP"]) == "TRANSPARENT"


@pytest.mark.parametrize("action", ACTIONS)
def test_every_event_has_a_display_alarm_at_nine_on_its_day(action):
    data = calendar.calendar_file([item(action)])
    _, event = parse(data)
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    assert alarm.decoded("TRIGGER") == timedelta(hours=9)
    assert "RELATED" not in alarm["TRIGGER"].params  # counted from the start of the day, not its end
    assert b"TRIGGER:PT9H\r\n" in data


@pytest.mark.parametrize(
    ("action", "title", "says"),
    [
        ("thank-you", "Send a thank-you note to Acme about Data engineer", "Thank them for interview #12"),
        ("follow-up", "Follow up with Acme about Data engineer", "check in about interview #12"),
        ("second-follow-up", "Send a second follow-up to Acme about Data engineer", "No reply since your follow-up"),
        ("move-on", "No reply from Acme about Data engineer: consider moving on", "No reply after two follow-ups"),
    ],
)
def test_the_title_and_description_name_the_action(action, title, says):
    _, event = parse(calendar.calendar_file([item(action)]))
    assert str(event["SUMMARY"]) == title
    text = str(event["DESCRIPTION"])
    assert says in text
    assert COMMANDS[action] in text
    assert str(event["UID"]) == f"interview-12-{action}@interview-signals"


def test_move_on_suggests_recording_ghosted_and_offers_no_draft():
    text = str(parse(calendar.calendar_file([item("move-on")]))[1]["DESCRIPTION"])
    assert "No reply after two follow-ups: consider recording ghosted" in text
    assert "Record it with: interview-signals outcome 12 ghosted" in text
    assert "draft" not in text and "sent" not in text


def test_lines_end_in_crlf_and_are_folded():
    data = calendar.calendar_file([item(company="A" * 500)])
    lines = data.split(b"\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in lines)


def test_uid_is_stable_per_interview_and_action_and_output_is_repeatable():
    one = calendar.calendar_file([item()], stamp=STAMP)
    later = calendar.calendar_file([item(on=date(2026, 12, 9))], stamp=STAMP)
    other_interview = calendar.calendar_file([item(interview_id=4)], stamp=STAMP)
    other_action = calendar.calendar_file([item("thank-you")], stamp=STAMP)
    uid = parse(one)[1]["UID"]
    assert uid == parse(later)[1]["UID"]
    assert len({uid, parse(other_interview)[1]["UID"], parse(other_action)[1]["UID"]}) == 3
    assert one == calendar.calendar_file([item()], stamp=STAMP)
    assert b"DTSTAMP:20261201T093000Z" in one


def test_one_calendar_holds_an_event_for_each_reminder_in_order():
    reminders = [item("thank-you", interview_id=1, on=date(2026, 11, 23)), item(interview_id=2), item("move-on", interview_id=3)]
    cal = Calendar.from_ical(calendar.calendar_file(reminders, stamp=STAMP))
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        "interview-1-thank-you@interview-signals",
        "interview-2-follow-up@interview-signals",
        "interview-3-move-on@interview-signals",
    ]
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 11, 23), DAY, DAY]
    assert all(len(e.walk("VALARM")) == 1 for e in events)
    assert len(cal.walk("VCALENDAR")) == 1


def test_no_reminders_is_an_empty_calendar():
    cal = Calendar.from_ical(calendar.calendar_file([]))
    assert cal.walk("VEVENT") == []


@pytest.mark.parametrize(
    ("company", "role", "title"),
    [
        ("Acme", "Dev", "Follow up with Acme about Dev"),
        ("Acme", None, "Follow up with Acme"),
        (None, "Dev", "Follow up about Dev"),
        (None, None, "Follow up on interview #5"),
        ("  ", "", "Follow up on interview #5"),
    ],
)
def test_title_falls_back_gracefully(company, role, title):
    _, event = parse(calendar.calendar_file([item(interview_id=5, company=company, role=role)]))
    assert str(event["SUMMARY"]) == title


@pytest.mark.parametrize(
    ("action", "title"),
    [
        ("thank-you", "Send a thank-you note for interview #5"),
        ("second-follow-up", "Send a second follow-up about Dev"),
        ("move-on", "No reply from Acme: consider moving on"),
    ],
)
def test_title_falls_back_for_each_action(action, title):
    company, role = {"thank-you": (None, None), "second-follow-up": (None, "Dev"), "move-on": ("Acme", None)}[action]
    _, event = parse(calendar.calendar_file([item(action, interview_id=5, company=company, role=role)]))
    assert str(event["SUMMARY"]) == title


def test_a_datetime_still_makes_an_all_day_event():
    _, event = parse(calendar.calendar_file([item(on=datetime(2026, 12, 7, 15, 0))]))
    assert type(event.decoded("DTSTART")) is date and event.decoded("DTSTART") == DAY


@pytest.mark.parametrize(
    "company",
    [
        'Smith, Jones; "Partners"',
        "Line one\nLine two",
        "Back\\slash: colon, comma; semi",
        "[bold]Acme[/] {x} $y",
        "Ünïcødé 株式会社 🚀",
        "Acme, Inc; " * 909 + "end",  # 10,000 characters
    ],
)
def test_company_name_round_trips_intact(company):
    data = calendar.calendar_file([item(interview_id=9, company=company, role="Dev")])
    cal, event = parse(data)
    assert str(event["SUMMARY"]) == f"Follow up with {' '.join(company.split())} about Dev"  # a title is one line
    assert event.decoded("DTSTART") == DAY
    assert not cal.errors and not event.errors
