"""The follow-up reminder: a valid all-day iCalendar event that calendar apps import."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers import build_report
from icalendar import Calendar

from interview_signals import calendar

DAY = date(2026, 12, 7)
STAMP = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def parse(data: bytes):
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def test_one_all_day_event_on_the_follow_up_day():
    data = calendar.follow_up_event(build_report(company="Acme", role="Data engineer"), 12, DAY)
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
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_lines_end_in_crlf_and_are_folded():
    data = calendar.follow_up_event(build_report(company="A" * 500), 1, DAY)
    lines = data.split(b"\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in lines)


def test_uid_is_stable_per_interview_and_output_is_repeatable():
    one = calendar.follow_up_event(build_report(company="Acme"), 3, DAY, stamp=STAMP)
    again = calendar.follow_up_event(build_report(company="Acme"), 3, date(2026, 12, 9), stamp=STAMP)
    other = calendar.follow_up_event(build_report(company="Acme"), 4, DAY, stamp=STAMP)
    assert parse(one)[1]["UID"] == parse(again)[1]["UID"] != parse(other)[1]["UID"]
    assert one == calendar.follow_up_event(build_report(company="Acme"), 3, DAY, stamp=STAMP)
    assert b"DTSTAMP:20261201T093000Z" in one


@pytest.mark.parametrize(
    ("context", "title"),
    [
        ({"company": "Acme", "role": "Dev"}, "Follow up with Acme about Dev"),
        ({"company": "Acme"}, "Follow up with Acme"),
        ({"role": "Dev"}, "Follow up about Dev"),
        ({}, "Follow up on interview #5"),
        ({"company": "  ", "role": ""}, "Follow up on interview #5"),
    ],
)
def test_title_falls_back_gracefully(context, title):
    _, event = parse(calendar.follow_up_event(build_report(**context), 5, DAY))
    assert str(event["SUMMARY"]) == title


def test_a_datetime_still_makes_an_all_day_event():
    _, event = parse(calendar.follow_up_event(build_report(), 1, datetime(2026, 12, 7, 15, 0)))
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
    data = calendar.follow_up_event(build_report(company=company, role="Dev"), 9, DAY)
    cal, event = parse(data)
    assert str(event["SUMMARY"]) == f"Follow up with {' '.join(company.split())} about Dev"  # a title is one line
    assert event.decoded("DTSTART") == DAY
    assert not cal.errors and not event.errors
