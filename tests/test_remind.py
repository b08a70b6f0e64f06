"""`remind`: calendar reminders of each interview's next action, through the CLI.

Dates (2026): Mon 23 Nov the interview, Fri 27 Nov the promised reply, so the
follow-up is Mon 30 Nov; a second follow-up a week after the first was sent
(Mon 7 Dec), and the suggestion to move on a week after that (Mon 14 Dec).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from datetime import timedelta

import pytest
from helpers import assert_usage_error, run, run_json, save
from icalendar import Calendar

from interview_signals import followup, outcomes
from interview_signals.commands.followup import reminder, reminders
from interview_signals.commands.session import Session
from interview_signals.errors import SignalsError
from interview_signals.paths import resolve_path

MONDAY = dt.date(2026, 11, 23)
TUESDAY = dt.date(2026, 11, 24)  # the thank-you note's day: the day after the interview, as the report says


@pytest.fixture
def clock(monkeypatch):
    """Today, settable: ``clock(day)`` makes ``day`` today for every command after it."""

    def set_today(day: dt.date) -> None:
        monkeypatch.setattr(followup, "today", lambda: day)

    set_today(MONDAY)
    return set_today


@pytest.fixture
def acme(clock):
    """Interview #1, on Monday 23 Nov; today is that Monday."""
    return save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY.isoformat(), "--reply-by", "friday")


def events(data: bytes) -> list:
    cal = Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def one_event(data: bytes):
    (event,) = events(data)
    return event


def send(clock, action: str, day: dt.date) -> None:
    """Record ``action`` as sent on ``day``, which becomes today."""
    clock(day)
    result = run("sent", "1", action, "--on", day.isoformat())
    assert result.exit_code == 0, result.stderr


# (what was sent, and when) -> the next action, its day, the title and the command in the description
STEPS = [
    ([], "thank-you", TUESDAY, "Send a thank-you note to Acme about Data engineer", "interview-signals draft 1 thank-you"),
    (
        [("thank-you", MONDAY)],
        "follow-up",
        dt.date(2026, 11, 30),
        "Follow up with Acme about Data engineer",
        "interview-signals draft 1 follow-up",
    ),
    (
        [("thank-you", MONDAY), ("follow-up", dt.date(2026, 11, 30))],
        "second-follow-up",
        dt.date(2026, 12, 7),
        "Send a second follow-up to Acme about Data engineer",
        "interview-signals draft 1 second-follow-up",
    ),
    (
        [("thank-you", MONDAY), ("follow-up", dt.date(2026, 11, 30)), ("second-follow-up", dt.date(2026, 12, 7))],
        "move-on",
        dt.date(2026, 12, 14),
        "No reply from Acme about Data engineer: consider moving on",
        "interview-signals outcome 1 ghosted",
    ),
]


@pytest.mark.parametrize(("sent", "action", "day", "title", "command"), STEPS, ids=[step[1] for step in STEPS])
def test_the_reminder_follows_the_next_action(acme, clock, tmp_path, sent, action, day, title, command):
    for what, on in sent:
        send(clock, what, on)
    assert run_json("show", "1", "--json")["next_action"] == {"action": action, "on": day.isoformat()}
    path = tmp_path / "r.ics"
    result = run("remind", "1", "--ics", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    name = {"thank-you": "thank-you note", "second-follow-up": "second follow-up", "move-on": "suggestion to move on"}
    assert result.stderr == (
        f"Wrote {path}: the {name.get(action, action)} for interview #1, on {followup.display_date(day)}. "
        "Import it into your calendar.\n"
    )
    event = one_event(path.read_bytes())
    assert event.decoded("DTSTART") == day and type(event.decoded("DTSTART")) is dt.date
    assert event.decoded("DTEND") == day + timedelta(days=1)
    assert str(event["SUMMARY"]) == title
    assert command in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"interview-1-{action}@interview-signals"
    (alarm,) = event.walk("VALARM")
    assert (str(alarm["ACTION"]), alarm.decoded("TRIGGER")) == ("DISPLAY", timedelta(hours=9))
    assert str(alarm["DESCRIPTION"]) == title


def test_move_on_offers_no_draft_but_recording_ghosted(acme, clock):
    for what, on in STEPS[3][0]:
        send(clock, what, on)
    text = str(one_event(run("remind", "#1", "--ics", "-").stdout_bytes)["DESCRIPTION"])
    assert "No reply after two follow-ups: consider recording ghosted" in text
    assert "interview-signals outcome 1 ghosted" in text and "draft" not in text


def test_the_alarm_is_an_icalendar_valarm_at_nine_on_the_day(acme):
    data = run("remind", "1", "--ics", "-").stdout_bytes
    assert b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n" in data and b"TRIGGER:PT9H\r\nEND:VALARM\r\n" in data


def test_a_snooze_moves_the_reminder_and_keeps_its_uid(acme, clock):
    before = one_event(run("remind", "1", "--ics", "-").stdout_bytes)
    assert run("snooze", "1", "--until", "2026-11-26").exit_code == 0
    after = one_event(run("remind", "1", "--ics", "-").stdout_bytes)
    assert str(before["UID"]) == str(after["UID"]) == "interview-1-thank-you@interview-signals"
    assert (before.decoded("DTSTART"), after.decoded("DTSTART")) == (TUESDAY, dt.date(2026, 11, 26))


def test_to_stdout_only_the_calendar(acme):
    result = run("remind", "1", "--ics", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert one_event(result.stdout_bytes).decoded("DTSTART") == TUESDAY


# -- a day already past -------------------------------------------------------------------------


def test_a_past_day_is_written_with_a_warning_naming_it(acme, clock, tmp_path):
    send(clock, "thank-you", MONDAY)
    clock(dt.date(2026, 12, 2))
    path = tmp_path / "late.ics"
    result = run("remind", "1", "--ics", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "Warning: the follow-up for interview #1 was due on Mon 30 Nov 2026, already past; the reminder is written anyway",
        f"Wrote {path}: the follow-up for interview #1, on Mon 30 Nov 2026. Import it into your calendar.",
    ]
    assert one_event(path.read_bytes()).decoded("DTSTART") == dt.date(2026, 11, 30)


def test_a_day_is_past_only_once_it_has_gone(acme, clock):
    assert run("remind", "1", "--ics", "-").stderr == ""  # the thank-you is due tomorrow
    clock(TUESDAY)
    assert run("remind", "1", "--ics", "-").stderr == ""  # and today
    clock(TUESDAY + timedelta(days=1))
    result = run("remind", "1", "--ics", "-")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: the thank-you note for interview #1 was due on Tue 24 Nov 2026, already past; the reminder is written anyway\n"
    )
    assert one_event(result.stdout_bytes).decoded("DTSTART") == TUESDAY


def test_a_failed_write_is_not_followed_by_a_written_anyway_warning(acme, clock):
    clock(dt.date(2026, 12, 31))
    heard: list[str] = []

    def deliver(data: bytes) -> None:
        raise SignalsError("--ics: cannot write x.ics: No space left on device")

    with pytest.raises(SignalsError):
        with Session(None, heard.append) as session:
            reminder(session, 1, deliver)
    with pytest.raises(SignalsError):
        with Session(None, heard.append) as session:
            reminders(session, deliver)
    assert heard == []
    with Session(None, heard.append) as session:
        made = reminder(session, 1)
    assert one_event(made.ics).decoded("DTSTART") == made.day == TUESDAY and made.action == "thank-you"
    assert heard == [
        "the thank-you note for interview #1 was due on Tue 24 Nov 2026, already past; the reminder is written anyway"
    ]


# -- closed interviews and bad usage -------------------------------------------------------------


@pytest.mark.parametrize("final", outcomes.FINAL)
def test_a_closed_interview_has_nothing_to_remind_of(acme, tmp_path, final):
    assert run("outcome", "1", final).exit_code == 0
    path = tmp_path / "r.ics"
    assert_usage_error(run("remind", "1", "--ics", str(path)), "ID 1", f"interview #1 is recorded as {final}", "nothing left")
    assert not path.exists()
    assert_usage_error(run("remind", "1", "--ics", "-"), "interview #1", "outcome 1 pending")


def test_pending_keeps_the_reminder(acme):
    assert run("outcome", "1", "pending").exit_code == 0
    result = run("remind", "1", "--ics", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    assert str(one_event(result.stdout_bytes)["UID"]) == "interview-1-thank-you@interview-signals"


@pytest.mark.parametrize("args", [["1", "--all"], ["--all", "#1"], []], ids=["both", "both-reversed", "neither"])
def test_id_and_all_are_exclusive_and_one_is_needed(acme, tmp_path, args):
    path = tmp_path / "r.ics"
    assert_usage_error(run("remind", *args, "--ics", str(path)), "ID", "--all")
    assert not path.exists()


def test_unknown_id(tmp_path):
    path = tmp_path / "r.ics"
    assert_usage_error(run("remind", "4", "--ics", str(path)), "no interview with id 4")
    assert not path.exists()


# -- remind --all -------------------------------------------------------------------------------


@pytest.fixture
def three(acme, clock):
    """#1 Acme (thank-you sent: follow-up Mon 30 Nov), #2 Globex (thank-you by Wed 25 Nov),
    #3 Initech (rejected: closed); today is Tue 24 Nov."""
    clock(MONDAY + timedelta(days=1))
    save("--company", "Globex", "--date", "2026-11-24")
    save("--company", "Initech", "--date", MONDAY.isoformat())
    assert run("sent", "1", "thank-you", "--on", MONDAY.isoformat()).exit_code == 0
    assert run("outcome", "3", "rejected").exit_code == 0


def test_all_is_one_calendar_with_an_event_for_each_open_next_action(three, tmp_path):
    path = tmp_path / "all.ics"
    result = run("remind", "--all", "--ics", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert (
        result.stderr == f"Wrote {path}: 2 reminders, one for each open interview's next action. Import it into your calendar.\n"
    )
    found = events(path.read_bytes())
    assert len(found) == 2
    assert [str(e["UID"]) for e in found] == [
        "interview-2-thank-you@interview-signals",
        "interview-1-follow-up@interview-signals",
    ]
    for event, interview_id in zip(found, (2, 1), strict=True):
        next_action = run_json("show", str(interview_id), "--json")["next_action"]
        assert event.decoded("DTSTART").isoformat() == next_action["on"]
        assert [a.decoded("TRIGGER") for a in event.walk("VALARM")] == [timedelta(hours=9)]
    assert [str(e["SUMMARY"]) for e in found] == ["Send a thank-you note to Globex", "Follow up with Acme about Data engineer"]


def test_all_to_stdout_and_a_warning_for_each_past_day(three, clock):
    clock(dt.date(2026, 12, 1))
    result = run("remind", "--all", "--ics", "-")
    assert result.exit_code == 0
    assert len(events(result.stdout_bytes)) == 2
    assert result.stderr.splitlines() == [
        "Warning: the thank-you note for interview #2 was due on Wed 25 Nov 2026, already past; the reminder is written anyway",
        "Warning: the follow-up for interview #1 was due on Mon 30 Nov 2026, already past; the reminder is written anyway",
    ]


def test_all_says_one_reminder(acme, tmp_path):
    path = tmp_path / "all.ics"
    result = run("remind", "--all", "--ics", str(path))
    assert (
        result.stderr == f"Wrote {path}: 1 reminder, one for each open interview's next action. Import it into your calendar.\n"
    )
    assert len(events(path.read_bytes())) == 1


@pytest.mark.parametrize("ics", ["file", "-"])
@pytest.mark.parametrize("history", ["none", "empty", "all-closed"])
def test_all_with_nothing_open_writes_nothing(tmp_path, clock, history, ics):
    if history != "none":
        save("--company", "Acme", "--date", MONDAY.isoformat())
    if history == "empty":
        assert run("delete", "1", "--yes").exit_code == 0
    if history == "all-closed":
        assert run("outcome", "1", "offer").exit_code == 0
    path = tmp_path / "all.ics"
    result = run("remind", "--all", "--ics", str(path) if ics == "file" else "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "No open interview has a next action: nothing to remind of, so no file was written.\n"
    assert not path.exists()
    if history == "none":
        assert not resolve_path(None).exists()  # nor was a history created


def test_all_reads_only_the_open_interviews(three):
    """A closed interview is not in the next-action index, so even a damaged one goes unread;
    a damaged open one is skipped with a warning and the others are written."""
    db = resolve_path(None)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE interviews SET report = '{not json' WHERE id IN (3, 2)")
    conn.commit()
    conn.close()
    result = run("remind", "--all", "--ics", "-")
    assert result.exit_code == 0, result.stderr
    assert [str(e["UID"]) for e in events(result.stdout_bytes)] == ["interview-1-follow-up@interview-signals"]
    assert "interview #2 is damaged" in result.stderr and "#3" not in result.stderr
