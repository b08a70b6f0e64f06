"""A long history: the table shows the latest 20 and how many more, --all and the data
formats list everything, and what is streamed is byte for byte what was printed whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from datetime import UTC, date, datetime

import pytest
from helpers import assert_usage_error, build_report, run, run_json
from icalendar import Calendar

from interview_signals import calendar, output
from interview_signals.commands.followup import due, reminders
from interview_signals.commands.session import Session
from interview_signals.db import History

INTERVIEWS = 25


@pytest.fixture
def long_history():
    """25 interviews, one a day from 1 October 2026: #25 is the newest."""
    with History.open(Session().path) as store:
        for n in range(1, INTERVIEWS + 1):
            day = (date(2026, 10, 1) + dt.timedelta(days=n - 1)).isoformat()
            store.save(build_report(company=f"Company {n}", role="Developer", date=day), day)
    return list(range(INTERVIEWS, 0, -1))  # newest first


def listed(text: str) -> list[int]:
    """The ids a history table (or its two-line layout) lists, in order."""
    return [int(word[1:]) for line in text.splitlines() for word in line.split()[:1] if word.startswith("#")]


def test_the_table_shows_the_latest_20_and_how_many_more(long_history):
    result = run("history")
    assert result.exit_code == 0, result.stderr
    assert listed(result.stdout) == long_history[:20]
    last = result.stdout.strip().splitlines()[-1]
    assert "5 more" in last and "--limit N" in last and "--all" in last


def test_limit_shows_that_many_and_says_how_many_more(long_history):
    out = run("history", "--limit", "22").stdout
    assert listed(out) == long_history[:22]
    assert "3 more" in out.strip().splitlines()[-1]
    out = run("history", "--limit", "25").stdout
    assert listed(out) == long_history and "more" not in out


def test_the_more_line_counts_what_the_filter_matches(long_history):
    out = run("history", "--company", "company 1", "--limit", "3").stdout  # Company 1, 10 to 19
    assert listed(out) == [19, 18, 17]
    assert "8 more" in out.strip().splitlines()[-1]


def test_all_lists_every_interview_two_lines_each(long_history):
    result = run("history", "--all")
    assert result.exit_code == 0, result.stderr
    assert listed(result.stdout) == long_history
    assert "more" not in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 2 * INTERVIEWS
    assert lines[0].startswith("#25 Sun 25 Oct 2026  Company 25 · Developer") and "100/100 strong" in lines[1]


def test_all_with_nothing_saved_says_so():
    assert "No interviews saved yet" in run("history", "--all").stdout
    assert "No saved interview matches" in run("history", "--all", "--company", "x").stdout


def test_all_and_limit_together_are_refused(long_history):
    assert_usage_error(run("history", "--all", "--limit", "3"), "--limit", "--all")


@pytest.mark.parametrize("form", ["--json", "--nl", "--csv"])
def test_the_data_formats_list_everything_by_default(long_history, form):
    out = run("history", form).stdout
    if form == "--json":
        rows = json.loads(out)
    elif form == "--nl":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(row["id"]) for row in rows] == long_history
    assert run_json("history", "--json", "--all") == run_json("history", "--json")


# -- streamed output is what was printed whole -------------------------------------------------

ROWS = [
    {"id": 3, "company": "Café ✉ 株式会社", "role": None, "score": 42, "note": "line\nbreak \x1b[31m \u202e", "ok": True},
    {"id": 2, "company": "=cmd|' /C calc'!A0", "role": 'QA, "lead"', "score": None, "note": "", "ok": False},
    {"id": 1, "company": "-2+3", "role": "\t@x", "score": 0, "note": "\x7f\x85 end", "ok": None},
]
FIELDS = ("id", "company", "role", "score", "note", "ok")


def whole_csv(rows: list[dict]) -> str:
    """CSV as write_csv wrote it before it streamed: one writer, one write."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows([output.csv_cell(row.get(name)) for name in FIELDS] for row in rows)
    return buffer.getvalue()


@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []], ids=["three", "one", "none"])
@pytest.mark.parametrize("ascii_only", [False, True], ids=["utf8", "ascii"])
def test_streamed_rows_are_byte_for_byte_what_was_printed_whole(capsys, monkeypatch, rows, ascii_only):
    monkeypatch.setattr(output, "can_encode", lambda stream, text="": not ascii_only)
    expected = {
        "json": output.json_text(list(rows), ascii_only=ascii_only) + "\n",
        "nl": "".join(output.json_line(row, ascii_only=ascii_only) + "\n" for row in rows),
        "csv": whole_csv(rows),
    }
    for form, text in expected.items():
        output.print_rows(iter(rows), FIELDS, form)  # an iterator: read once, as it comes
        # what output.write did to the whole text, as to any: our symbols as ASCII where they cannot go out
        assert capsys.readouterr().out == (text.translate(output.ASCII_FALLBACKS) if ascii_only else text), form


def test_a_long_listing_is_written_in_batches_not_a_write_a_row(capsys, monkeypatch):
    writes: list[str] = []
    monkeypatch.setattr(output, "write", writes.append)
    many = [dict(ROWS[0], id=n) for n in range(2000)]
    output.print_rows(iter(many), FIELDS, "json")
    assert 1 < len(writes) < 100
    assert json.loads("".join(writes)) == json.loads(output.json_text(many))


def reminder(n: int) -> calendar.Reminder:
    company = "Acme, Inc; \\ a very long name that has to be folded over more than one line" if n % 2 else None
    return calendar.Reminder(
        n, "follow-up", date(2026, 12, n), company, "Dev" if n < 3 else None, f"interview-signals draft {n} x"
    )


@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_calendar_in_pieces_is_the_calendar_icalendar_writes_whole(count):
    stamp = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    reminders = [reminder(n) for n in range(1, count + 1)]
    whole = Calendar()
    whole.add("prodid", calendar.PRODID)
    whole.add("version", "2.0")
    for item in reminders:
        whole.add_component(calendar.event(item, stamp))
    pieces = list(calendar.calendar_pieces(iter(reminders), stamp=stamp))
    assert len(pieces) == count + 2  # the lines around the events, and each event
    assert b"".join(pieces) == bytes(whole.to_ical()) == calendar.calendar_file(reminders, stamp=stamp)


def test_remind_all_writes_the_calendar_as_the_events_come(long_history, tmp_path):
    heard: list[str] = []
    got: list[bytes] = []
    with Session(None, heard.append) as session:
        made = reminders(session, lambda pieces: got.extend(pieces))
    assert made.events == INTERVIEWS and made.ics is None
    assert len(got) == INTERVIEWS + 2
    events = Calendar.from_ical(b"".join(got)).walk("VEVENT")
    assert [str(event["UID"]) for event in events][:2] == [
        "interview-1-thank-you@interview-signals",
        "interview-2-thank-you@interview-signals",
    ]
    past = [line for line in heard if "already past" in line]
    assert len(past) == INTERVIEWS and "#1 " in past[0]  # soonest first, each once
    result = run("remind", "--all", "--ics", "-")
    assert result.exit_code == 0 and result.stdout_bytes.count(b"BEGIN:VEVENT") == INTERVIEWS
    path = tmp_path / "all.ics"
    assert run("remind", "--all", "--ics", str(path)).exit_code == 0
    assert path.read_bytes().count(b"BEGIN:VEVENT") == INTERVIEWS and not list(tmp_path.glob(".all.ics.*"))


def test_due_lists_every_overdue_one_streamed(long_history):
    rows = run_json("due", "--json", "--today", "2999-01-01")
    assert [row["id"] for row in rows] == list(range(1, INTERVIEWS + 1))
    with Session() as session:
        assert rows == due(session, "2999-01-01", 0)
    text = run("due", "--today", "2999-01-01").stdout
    assert text.count("interview-signals draft") == INTERVIEWS
