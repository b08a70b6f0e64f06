"""Booked interviews: `schedule`, and how `due`, `remind`, `assess --for`, `delete`, stats and
import treat a booking (an id from the interviews' sequence, not an interview until assessed)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from helpers import ALL_BEST, ALL_WORST, assert_usage_error, flags, run, run_json, save

from interview_signals import booking, followup, paths
from interview_signals.commands import assess as pipeline
from interview_signals.commands.session import Session
from interview_signals.errors import InputError

BOOKED_DAY = "2026-12-09"  # a Wednesday


def book(*args: str, on: str = f"{BOOKED_DAY} 14:00", today: str = "2026-12-01") -> int:
    result = run("schedule", "--on", on, "--today", today, *args)
    assert result.exit_code == 0, result.stderr
    return int(result.stderr.split("#", 1)[1].split(":", 1)[0])


def test_schedule_books_a_round_with_an_id_and_says_when():
    result = run("schedule", "--company", "Initech", "--role", "Engineer", "--on", "wednesday 14:00", "--today", "2026-12-07")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("Booked #1: Initech · Engineer on Wed 9 Dec 2026 at 14:00. ")
    assert "interview-signals assess --for 1" in result.stderr
    assert run("history").stdout.startswith("No interviews saved yet")  # not an interview until assessed


@pytest.mark.parametrize(
    ("typed", "start"),
    [("2026-12-09 14:00", "2026-12-09 14:00"), ("tomorrow 9:30", "2026-12-02 09:30"), ("friday 2pm", "2026-12-04 14:00")],
)
def test_the_start_is_a_day_in_the_date_vocabulary_and_a_time(typed, start):
    assert booking.parse_start(typed, dt.date(2026, 12, 1)) == start


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2026-12-09", "give the time too"),
        ("friday 25:00", "25:00 is not a time of day"),
        ("friday 13pm", "13pm is not a time"),
        ("2026-11-30 10:00", "is in the past"),
        ("someday 10:00", "not a day"),
    ],
)
def test_a_start_it_cannot_read_is_refused_naming_on(typed, said):
    assert_usage_error(run("schedule", "--on", typed, "--today", "2026-12-01"), "--on '", said)
    assert not paths.resolve_path(None).exists()  # nothing was made


@pytest.mark.parametrize(("typed", "minutes"), [("45m", 45), ("1h", 60), ("1h30m", 90), ("90", 90), ("1h 30m", 90)])
def test_lengths(typed, minutes):
    assert booking.parse_length(typed) == minutes


@pytest.mark.parametrize("typed", ["0", "25h", "1.5h", "soon"])
def test_a_length_it_cannot_read_is_refused(typed):
    assert_usage_error(run("schedule", "--on", "friday 10:00", "--length", typed), f"--length '{typed}'")


def test_ids_come_from_the_interviews_sequence_and_are_never_reused():
    first = save("--company", "Acme", "--date", "2026-11-02")["id"]
    booked = book("--company", "Initech")
    assert booked == first + 1
    assert save("--company", "Globex", "--date", "2026-11-03")["id"] == booked + 1  # never a booking's id
    assert run("delete", str(booked), "--yes").exit_code == 0
    assert book("--company", "Initech") == booked + 2  # a deleted booking's id is not given again


def test_due_lists_it_on_its_day_and_calls_it_overdue_after():
    booked = book("--company", "Initech", "--role", "Engineer")
    assert run_json("due", "--today", "2026-12-08", "--json") == []
    rows = run_json("due", "--today", BOOKED_DAY, "--json")
    assert [(r["id"], r["action"], r["on"], r["days_overdue"], r["starts_at"]) for r in rows] == [
        (booked, "assess", BOOKED_DAY, 0, f"{BOOKED_DAY} 14:00")
    ]
    assert rows[0]["draft_command"] == f"interview-signals assess --for {booked}"
    shown = run("due", "--today", BOOKED_DAY).stdout
    assert f"#{booked} Initech · Engineer  assess the interview on Wed 9 Dec 2026 at 14:00, today" in shown
    assert run_json("due", "--today", "2026-12-11", "--json")[0]["days_overdue"] == 2
    assert run_json("due", "--today", "2026-12-08", "--days", "1", "--json")[0]["id"] == booked


def test_due_merges_interviews_and_bookings_in_day_order(december):
    early = save("--company", "Acme", "--date", "2026-12-08")["id"]  # thank-you from 8 Dec
    booked = book("--company", "Initech")
    late = save("--company", "Globex", "--date", "2026-12-10")["id"]  # thank-you from 10 Dec
    rows = run_json("due", "--today", "2026-12-10", "--json")
    assert [r["id"] for r in rows] == [early, booked, late]


def test_remind_writes_the_interview_at_its_time_with_an_alarm_as_it_ends():
    booked = book("--company", "Initech", "--length", "45m", on=f"{BOOKED_DAY} 14:00")
    ics = run("remind", str(booked), "--ics", "-").stdout
    lines = ics.splitlines()
    assert "DTSTART:20261209T140000" in lines  # floating local time, no TZID
    assert "DTEND:20261209T144500" in lines
    assert any(line.startswith("TRIGGER;RELATED=END:") for line in lines)
    assert f"DESCRIPTION:How did it go? interview-signals assess --for {booked}" in lines
    everything = run("remind", "--all", "--ics", "-").stdout
    assert f"UID:interview-{booked}-assess@interview-signals" in everything


def test_assess_for_saves_the_booked_round_under_its_id(december):
    booked = book("--company", "Initech", "--role", "Engineer", "--interviewer", "Sam Lee")
    doc = save("--for", str(booked))
    assert doc["id"] == booked
    assert {k: doc["context"][k] for k in ("company", "role", "interviewer", "date")} == {
        "company": "Initech",
        "role": "Engineer",
        "interviewer": "Sam Lee",
        "date": BOOKED_DAY,
    }
    assert run_json("due", "--today", BOOKED_DAY, "--json")[0]["action"] == "thank-you"  # no longer booked
    assert_usage_error(run("assess", *flags(ALL_BEST), "--for", str(booked)), f"--for {booked}: no booked interview")


def test_a_booked_later_round_keeps_its_application_and_round(december):
    first = save("--company", "Acme", "--role", "Data engineer", "--date", "2026-11-02")["id"]
    booked = book("--round-of", str(first))
    doc = save(ALL_WORST, "--for", str(booked))
    assert (doc["id"], doc["application"]) == (booked, {"id": first, "round": 2})
    assert doc["since_last_round"]["round"] == 1
    assert doc["context"]["company"] == "Acme"


def test_the_same_company_at_the_same_start_is_booked_once():
    booked = book("--company", "Initech", "--role", "Engineer")
    again = run("schedule", "--on", f"{BOOKED_DAY} 14:00", "--today", "2026-12-01", "--company", "INITECH")
    assert_usage_error(again, f"#{booked}", f"interview-signals delete {booked}")
    assert [row["id"] for row in run_json("due", "--today", BOOKED_DAY, "--json")] == [booked]  # nothing booked twice
    assert book("--company", "Initech", on=f"{BOOKED_DAY} 16:00") != booked  # another time is another interview
    assert book("--company", "Globex") != booked  # as is another company at the same time


def test_assess_for_refuses_another_company_and_a_day_to_come():
    booked = book("--company", "Initech")
    assert_usage_error(run("assess", *flags(ALL_BEST), "--for", str(booked)), "assess it once it has happened")
    assert_usage_error(run("schedule", "--round-of", str(booked), "--on", "friday 10:00"), f"--round-of {booked}: no interview")


def test_assess_for_refuses_a_different_company(december):
    booked = book("--company", "Initech")
    assert_usage_error(run("assess", *flags(ALL_BEST), "--for", str(booked), "--company", "Globex"), "--company 'Globex'")


def test_in_a_terminal_on_its_day_assess_asks_whether_this_is_the_booked_interview(monkeypatch):
    booked = book("--company", "Initech", "--role", "Engineer", on="2026-12-09 14:00")
    monkeypatch.setattr(followup, "today", lambda: dt.date(2026, 12, 9))
    asked: list[str] = []

    def offer(question: str) -> bool:
        asked.append(question)
        return True

    def ask(cat, given, ask_date, rounds):
        given.answers = dict(ALL_BEST)

    with Session() as session:
        layers, _ = pipeline.command_line(session, pipeline.Options(), None)
        result = pipeline.assess(session, pipeline.Request(layers), ask=ask, confirm=offer)
    assert asked == ["The Initech interview at 14:00?"]
    assert (result.doc["id"], result.doc["context"]["role"], result.doc["context"]["date"]) == (booked, "Engineer", "2026-12-09")


def test_assess_no_save_never_asks_about_a_booking(monkeypatch):
    """A booking is assessed to be saved: with --no-save the terminal does not offer it."""
    book("--company", "Initech", on="2026-12-09 14:00")
    monkeypatch.setattr(followup, "today", lambda: dt.date(2026, 12, 9))
    asked: list[str] = []

    def ask(cat, given, ask_date, rounds):
        given.answers = dict(ALL_BEST)

    with Session() as session:
        layers, _ = pipeline.command_line(session, pipeline.Options(), None)
        request = pipeline.Request(layers, save=False)
        result = pipeline.assess(session, request, ask=ask, confirm=lambda q: asked.append(q) or True)
    assert asked == [] and result.doc.get("id") is None


def test_bookings_count_nowhere_until_assessed(december):
    save("--company", "Acme", "--date", "2026-11-02")
    book("--company", "Initech")
    assert run_json("stats", "--json")["interviews"] == 1
    assert [row["id"] for row in run_json("history", "--json")] == [1]


def test_delete_removes_a_booking(december):
    booked = book("--company", "Initech")
    result = run("delete", str(booked), "--yes")
    assert (result.exit_code, result.stderr) == (0, f"Deleted interview #{booked}.\n")
    assert run_json("due", "--today", BOOKED_DAY, "--json") == []
    assert_usage_error(run("delete", str(booked), "--yes"), f"no interview with id {booked}")


def test_import_treats_a_booking_id_as_taken(tmp_path, december):
    save("--company", "Acme", "--date", "2026-11-02")
    dump = tmp_path / "one.ndjson"
    assert run("export", str(dump)).exit_code == 0
    other = tmp_path / "other.sqlite3"
    booked = book("--company", "Initech", "--db", str(other))
    assert booked == 1
    line = json.loads(dump.read_text().splitlines()[0])
    assert line["id"] == booked  # the same id as the booking in the other history
    assert run("import", str(dump), "--db", str(other)).exit_code == 0
    with sqlite3.connect(other) as conn:
        assert conn.execute("SELECT id FROM interviews").fetchall() == [(2,)]  # a new id
        assert conn.execute("SELECT id FROM bookings").fetchall() == [(1,)]


# -- the edges of a start and a length, in-process ------------------------------------

TUE_1_DEC = dt.date(2026, 12, 1)  # friday is Fri 4 Dec 2026


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("friday 2:30pm", "14:30"),  # the half after minutes
        ("friday 1pm", "13:00"),  # the first and last hours of a 12-hour half are taken
        ("friday 12pm", "12:00"),  # noon
        ("friday 12am", "00:00"),  # midnight
        ("friday 9am", "09:00"),  # am adds nothing
        ("friday 9 am", "09:00"),
        ("friday 0:00", "00:00"),
        ("friday 23:59", "23:59"),  # the last minute of the day
    ],
)
def test_every_hour_and_minute_of_the_day_is_a_start(typed, time):
    assert booking.parse_start(typed, TUE_1_DEC) == f"2026-12-04 {time}"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("friday 24:00", "24:00 is not a time of day"),
        ("friday 10:60", "10:60 is not a time of day"),
        ("friday 0am", "0am is not a time"),
        ("friday 13pm", "13pm is not a time"),
        ("14:00", "give the day too"),
        ("friday", "give the time too"),
    ],
)
def test_a_start_it_cannot_read_names_its_field_what_was_typed_and_why(typed, said):
    with pytest.raises(InputError) as caught:
        booking.parse_start(typed, TUE_1_DEC)
    assert caught.value.field == "on"  # the CLI says --on in its place
    assert str(caught.value).startswith(f"on '{typed}': {said}; a day and a time: ")
    with pytest.raises(InputError) as caught:
        booking.parse_start(typed, TUE_1_DEC, field="starts")
    assert caught.value.field == "starts" and str(caught.value).startswith(f"starts '{typed}': {said}")


@pytest.mark.parametrize(("typed", "minutes"), [("1", 1), ("1m", 1), ("0090", 90), ("1440", 1440), ("24h", 1440)])
def test_a_length_is_from_one_minute_to_a_whole_day(typed, minutes):
    assert booking.parse_length(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("0", "a length is from 1 minute to 24 hours"),
        ("1441", "a length is from 1 minute to 24 hours"),
        ("24h1m", "a length is from 1 minute to 24 hours"),
        ("soon", "give a length such as 45m, 1h, 1h30m or 90 (minutes)"),
        ("", "give a length such as 45m, 1h, 1h30m or 90 (minutes)"),
    ],
)
def test_a_length_it_cannot_read_names_its_field_what_was_typed_and_why(typed, said):
    with pytest.raises(InputError) as caught:
        booking.parse_length(typed)
    assert (caught.value.field, str(caught.value)) == ("length", f"length '{typed}': {said}")
    with pytest.raises(InputError) as caught:
        booking.parse_length(typed, field="minutes")
    assert (caught.value.field, str(caught.value)) == ("minutes", f"minutes '{typed}': {said}")


@pytest.mark.parametrize(
    ("company", "role", "who"),
    [("Initech", "Engineer", "Initech · Engineer"), (None, "Engineer", "Engineer"), (None, None, "(no company given)")],
)
def test_a_booking_says_who_it_is_with_even_with_no_company(company, role, who):
    booked = booking.Booking(1, 1, 1, company, role, None, "2026-12-09 14:00", None)
    assert booked.who() == who


@pytest.mark.parametrize("typed", ["99999", "1441", "123456789012345678901234567890"])
def test_a_number_of_minutes_past_a_day_is_said_to_be_too_long(typed):
    from interview_signals import booking
    from interview_signals.errors import InputError

    with pytest.raises(InputError, match="a length is from 1 minute to 24 hours"):
        booking.parse_length(typed, field="--length")
    assert booking.parse_length("00090") == 90


def test_a_length_of_thousands_of_digits_is_refused_in_words_not_by_int():
    """int() refuses numbers of over 4,300 digits with its own ValueError: the guard keeps such text from it."""
    from interview_signals import booking
    from interview_signals.errors import InputError

    with pytest.raises(InputError, match="a length is from 1 minute to 24 hours"):
        booking.parse_length("9" * 5000, field="--length")
    assert booking.parse_length("00000090") == 90  # eight digits are read as minutes
