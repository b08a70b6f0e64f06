"""Follow-ups through the CLI, as a specification (issue "After the score").

Dates used below (2026): Sat 21 Nov, Mon 23 Nov, Tue 24, Thu 26, Fri 27,
Sat 28, Mon 30 Nov; Fri 4 Dec, Mon 7 Dec, Tue 8 Dec.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from helpers import ALL_BEST, MIXED, assert_usage_error, build_report, flags, run, run_json, save
from icalendar import Calendar

from interview_signals import followup, outcomes
from interview_signals.db import History
from interview_signals.paths import resolve_path

MONDAY = "2026-11-23"
REPLY_BY_FORMS = ("2026-12-04", "friday", "3 days", "2 weeks")


def parse_ics(data: bytes):
    """The one VEVENT in an iCalendar file."""
    cal = Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


# -- the dates in the report -------------------------------------------------------------


def test_reply_by_a_weekday_gives_all_three_dates():
    doc = save("--company", "Acme", "--date", MONDAY, "--reply-by", "friday")
    assert doc["follow_up"] == {"thank_you_by": "2026-11-24", "reply_by": "2026-11-27", "follow_up_on": "2026-11-30"}
    assert doc["context"]["date"] == MONDAY


def test_text_report_shows_the_dates():
    result = run("assess", *flags(ALL_BEST), "--date", MONDAY, "--reply-by", "friday", "--no-save")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Thank-you note by Tue 24 Nov 2026" in flat
    assert "Fri 27 Nov 2026" in flat
    assert "Follow up on Mon 30 Nov 2026" in flat


@pytest.mark.parametrize(
    ("date", "reply_by", "promised", "follow_up_on"),
    [
        (MONDAY, "friday", "2026-11-27", "2026-11-30"),
        (MONDAY, "fri", "2026-11-27", "2026-11-30"),
        (MONDAY, "2026-12-04", "2026-12-04", "2026-12-07"),  # a Friday: follow up the Monday after
        (MONDAY, "3 days", "2026-11-26", "2026-11-27"),
        (MONDAY, "2 weeks", "2026-12-07", "2026-12-08"),
        (MONDAY, "0 days", "2026-11-23", "2026-11-24"),  # the interview day itself: next working day
        ("2026-11-27", "0 days", "2026-11-27", "2026-11-30"),  # a Friday: next working day is Monday
        ("2026-11-27", "1 week", "2026-12-04", "2026-12-07"),
    ],
)
def test_reply_by_forms(date, reply_by, promised, follow_up_on, december):
    result = run("assess", *flags(ALL_BEST), "--date", date, "--reply-by", reply_by, "--no-save", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    thank_you = (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()
    assert doc["follow_up"] == {"thank_you_by": thank_you, "reply_by": promised, "follow_up_on": follow_up_on}


@pytest.mark.parametrize(
    ("date", "follow_up_on"),
    [
        ("2026-11-21", "2026-11-30"),  # Saturday + a week = Saturday: moved to Monday
        ("2026-11-22", "2026-11-30"),  # Sunday + a week = Sunday: moved to Monday
        (MONDAY, "2026-11-30"),
        ("2026-11-27", "2026-12-04"),
    ],
)
def test_no_promise_means_a_week_later_off_the_weekend(date, follow_up_on, december):
    result = run("assess", *flags(ALL_BEST), "--date", date, "--no-save", "--json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)["follow_up"]
    assert plan["reply_by"] is None
    assert plan["follow_up_on"] == follow_up_on
    text = run("assess", *flags(ALL_BEST), "--date", date, "--no-save")
    day = dt.date.fromisoformat(follow_up_on)
    assert f"Follow up on {day:%a} {day.day} {day:%b %Y}" in " ".join(text.stdout.split())


@pytest.mark.parametrize("value", ["soon", "next month", "3 fortnights"])
def test_bad_reply_by_names_the_option_and_the_accepted_forms(value):
    result = run("assess", *flags(ALL_BEST), "--date", MONDAY, "--reply-by", value)
    assert_usage_error(result, "--reply-by", value, *REPLY_BY_FORMS)
    assert json.loads(run("history", "--json").stdout) == []


def test_reply_by_before_the_interview_is_refused():
    result = run("assess", *flags(ALL_BEST), "--date", MONDAY, "--reply-by", "2026-11-01")
    assert_usage_error(result, "--reply-by", "2026-11-01", "before the interview")
    assert json.loads(run("history", "--json").stdout) == []


# -- due --------------------------------------------------------------------------------------


@pytest.fixture
def waiting():
    """Four saved interviews and their follow-up days."""
    save("--company", "Acme", "--role", "Data engineer", "--date", "2026-11-02")  # 1: Mon 9 Nov
    save("--company", "Globex", "--date", "2026-11-16", "--reply-by", "friday")  # 2: Fri 20 -> Mon 23 Nov
    save("--company", "Initech", "--date", MONDAY, "--reply-by", "3 days")  # 3: Thu 26 -> Fri 27 Nov
    save("--company", "Umbrella", "--date", "2026-11-05")  # 4: Thu 12 Nov
    for interview_id, day in ((1, "2026-11-02"), (2, "2026-11-16"), (3, MONDAY), (4, "2026-11-05")):
        mark_sent(interview_id, "thank-you", day)  # so the follow-up is the next action of each
    return {1: "2026-11-09", 2: "2026-11-23", 3: "2026-11-27", 4: "2026-11-12"}


def mark_sent(interview_id: int, action: str, day: str) -> None:
    with History.open(resolve_path(None)) as store:
        store.record_sent(interview_id, action, day)


def test_due_lists_open_follow_ups_oldest_first_with_days_overdue(waiting):
    rows = run_json("due", "--json", "--today", MONDAY)
    assert [(r["id"], r["days_overdue"]) for r in rows] == [(1, 14), (4, 11), (2, 0)]
    assert [r["follow_up_on"] for r in rows] == [waiting[1], waiting[4], waiting[2]]
    assert [r["draft_command"] for r in rows] == [f"interview-signals draft {i} follow-up" for i in (1, 4, 2)]
    assert [(r["action"], r["on"]) for r in rows] == [("follow-up", waiting[i]) for i in (1, 4, 2)]
    assert rows[0]["company"] == "Acme" and rows[0]["role"] == "Data engineer"


def test_due_text(waiting):
    result = run("due", "--today", MONDAY)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("#1") < out.index("#4") < out.index("#2")
    assert "#3" not in out
    assert "14 days overdue" in out and "11 days overdue" in out and "today" in out
    assert "interview-signals draft 1 follow-up" in out


def test_due_days_adds_upcoming_ones(waiting):
    assert [r["id"] for r in run_json("due", "--json", "--today", MONDAY, "--days", "3")] == [1, 4, 2]
    rows = run_json("due", "--json", "--today", MONDAY, "--days", "4")
    assert [(r["id"], r["days_overdue"]) for r in rows] == [(1, 14), (4, 11), (2, 0), (3, -4)]
    text = run("due", "--today", MONDAY, "--days", "4").stdout
    assert "#3" in text and "in 4 days" in text


def test_due_when_nothing_is_due(waiting):
    result = run("due", "--today", "2026-11-08")
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and "Nothing" in lines[0]
    assert run_json("due", "--json", "--today", "2026-11-08") == []
    assert [r["id"] for r in run_json("due", "--json", "--today", "2026-11-08", "--days", "1")] == [1]


def test_due_with_no_history():
    result = run("due", "--today", MONDAY)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 1 and "Nothing" in result.stdout
    assert run_json("due", "--json", "--today", MONDAY) == []


@pytest.mark.parametrize("final", ["offer", "rejected", "ghosted", "withdrew"])
def test_a_final_outcome_closes_the_follow_up(waiting, final):
    assert run("outcome", "4", final).exit_code == 0
    assert [r["id"] for r in run_json("due", "--json", "--today", MONDAY)] == [1, 2]


def test_pending_keeps_the_follow_up(waiting):
    assert run("outcome", "4", "pending", "--note", "they said next week").exit_code == 0
    rows = run_json("due", "--json", "--today", MONDAY)
    assert [r["id"] for r in rows] == [1, 4, 2]
    assert rows[1]["outcome"] == "pending"


@pytest.mark.parametrize("value", ["2026-02-30", "someday", "23/11/2026", ""])
def test_due_bad_today(value):
    assert_usage_error(run("due", "--today", value), "--today")


def test_due_negative_days():
    assert_usage_error(run("due", "--today", MONDAY, "--days", "-1"), "--days")


def test_the_follow_up_day_never_moves(waiting):
    first = json.loads(run("show", "3", "--json").stdout)
    second = json.loads(run("show", "3", "--json").stdout)
    assert (
        first["follow_up"]
        == second["follow_up"]
        == {
            "thank_you_by": "2026-11-24",
            "reply_by": "2026-11-26",
            "follow_up_on": "2026-11-27",
        }
    )
    seen = set()
    for today in ("2026-11-27", "2026-12-15", "2027-06-01"):
        rows = {r["id"]: r for r in run_json("due", "--json", "--today", today)}
        seen.add((rows[3]["follow_up_on"], rows[1]["follow_up_on"]))
    assert seen == {("2026-11-27", "2026-11-09")}
    history = {r["id"]: r["follow_up_on"] for r in json.loads(run("history", "--json").stdout)}
    assert history == waiting


# -- drafts ----------------------------------------------------------------------------------


@pytest.fixture
def acme():
    return save("--company", "Acme", "--role", "Data engineer", "--interviewer", "Dana Scully", "--date", MONDAY)


@pytest.mark.parametrize("kind", ["thank-you", "follow-up"])
def test_draft_is_plain_text_naming_who_and_what(acme, kind):
    result = run("draft", "1", kind)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Subject: ")
    assert "\n\nHello Dana,\n\n" in out and "Acme" in out and "Data engineer" in out  # greeted by first name
    assert len(out.split()) < 150
    assert "\x1b" not in out
    doc = json.loads(run("draft", "1", kind, "--json").stdout)
    assert set(doc) == {"subject", "body"}
    assert out.splitlines()[0] == f"Subject: {doc['subject']}"
    assert doc["body"] in out
    assert doc["body"].startswith("Hello Dana,\n")


def test_the_two_drafts_differ(acme):
    thanks = json.loads(run("draft", "1", "thank-you", "--json").stdout)
    follow = json.loads(run("draft", "1", "follow-up", "--json").stdout)
    assert thanks["subject"] != follow["subject"] and thanks["body"] != follow["body"]


def test_draft_without_an_interviewer_greets_no_one_by_name():
    save("--company", "Acme", "--role", "Data engineer")
    result = run("draft", "1", "thank-you")
    assert result.exit_code == 0, result.stderr
    assert "Dana" not in result.stdout and "None" not in result.stdout
    assert "Acme" in result.stdout


@pytest.mark.parametrize("kind", ["thanks", "thankyou", "FOLLOWUP", ""])
def test_draft_bad_kind(acme, kind):
    assert_usage_error(run("draft", "1", kind), "thank-you", "follow-up")


def test_draft_unknown_id(acme):
    assert_usage_error(run("draft", "9", "thank-you"), "9")


# -- calendar reminders -----------------------------------------------------------------------


def test_remind_writes_an_all_day_event_on_the_follow_up_day(acme, tmp_path):
    save("--company", "Globex", "--role", "Analyst", "--date", MONDAY, "--reply-by", "friday")  # 2: Mon 30 Nov
    mark_sent(2, "thank-you", MONDAY)  # so the follow-up is its next action
    path = tmp_path / "follow-up.ics"
    result = run("remind", "2", "--ics", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    event = parse_ics(path.read_bytes())
    start = event.decoded("DTSTART")
    assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
    assert start == dt.date(2026, 11, 30)
    assert str(event["SUMMARY"]) == "Follow up with Globex about Analyst"
    assert "interview-signals draft 2 follow-up" in str(event["DESCRIPTION"])


def test_remind_to_stdout(acme):
    mark_sent(1, "thank-you", MONDAY)
    result = run("remind", "1", "--ics", "-")
    assert result.exit_code == 0, result.stderr
    event = parse_ics(result.stdout_bytes)
    assert event.decoded("DTSTART") == dt.date(2026, 11, 30)  # no promise: a week after Mon 23 Nov
    assert not isinstance(event.decoded("DTSTART"), dt.datetime)
    assert str(event["SUMMARY"]) == "Follow up with Acme about Data engineer"
    assert "interview-signals draft 1 follow-up" in str(event["DESCRIPTION"])


def test_remind_into_a_missing_folder_fails_cleanly(acme):
    result = run("remind", "1", "--ics", "/nonexistent/x.ics")
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "/nonexistent/x.ics" in lines[0]
    assert "Traceback" not in result.stderr


def test_remind_unknown_id(tmp_path):
    assert_usage_error(run("remind", "4", "--ics", str(tmp_path / "x.ics")), "4")
    assert not (tmp_path / "x.ics").exists()


# -- reports saved before the follow_up section existed -------------------------------------------


@pytest.fixture
def older_save():
    """Interview #1, saved as older versions saved it: a report with no follow_up section.
    The interview was on Saturday 21 Nov; a week later is a Saturday, so the follow-up is Mon 30 Nov."""
    doc = build_report(company="Acme", role="Data engineer", interviewer="Dana Scully", date="2026-11-21")
    assert "follow_up" not in doc
    with History.open(resolve_path(None)) as store:
        assert store.save(doc, "2026-11-21") == 1
    return "2026-11-30"


def test_history_gives_an_older_report_the_no_promise_follow_up(older_save):
    (row,) = run_json("history", "--json")
    assert (row["id"], row["date"], row["follow_up_on"]) == (1, "2026-11-21", older_save)
    assert "Acme" in run("history").stdout


def test_due_lists_an_older_report_on_its_no_promise_day(older_save):
    (row,) = run_json("due", "--json", "--today", "2026-11-27")
    assert (row["action"], row["on"]) == ("thank-you", "2026-11-22")  # by the day after the interview
    mark_sent(1, "thank-you", "2026-11-21")
    assert run_json("due", "--json", "--today", "2026-11-27") == []
    (row,) = run_json("due", "--json", "--today", older_save)
    assert (row["id"], row["follow_up_on"], row["days_overdue"]) == (1, older_save, 0)
    assert "#1 Acme" in run("due", "--today", older_save).stdout


@pytest.mark.parametrize("kind", ["thank-you", "follow-up"])
def test_draft_works_for_an_older_report(older_save, kind):
    result = run("draft", "1", kind)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "Hello Dana," in result.stdout and "the Data engineer role at Acme" in result.stdout


def test_remind_puts_an_older_report_on_its_no_promise_day(older_save, monkeypatch):
    mark_sent(1, "thank-you", "2026-11-21")
    monkeypatch.setattr(followup, "today", lambda: dt.date.fromisoformat(older_save))  # the day itself: not past
    result = run("remind", "1", "--ics", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    event = parse_ics(result.stdout_bytes)
    assert event.decoded("DTSTART") == dt.date.fromisoformat(older_save)
    assert str(event["SUMMARY"]) == "Follow up with Acme about Data engineer"


# -- a final outcome: drafts still come, with a warning (a reminder does not: see test_remind.py) ------

# each command, and the email its warning names
FOLLOW_UP_COMMANDS = [(["draft", "1", "follow-up"], "follow-up"), (["draft", "1", "thank-you", "--json"], "thank-you note")]


@pytest.mark.parametrize("final", outcomes.FINAL)
def test_draft_warns_when_the_interview_has_a_final_outcome(acme, final):
    assert run("outcome", "1", final).exit_code == 0
    for args, email in FOLLOW_UP_COMMANDS:
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout_bytes  # made all the same
        assert result.stderr == f"Warning: interview #1 is recorded as {final}; a {email} may no longer be needed\n", args


@pytest.mark.parametrize("outcome", ["pending", None])
def test_no_warning_while_the_interview_is_open(acme, outcome):
    if outcome:
        assert run("outcome", "1", outcome, "--note", "they said next week").exit_code == 0
    for args, _ in FOLLOW_UP_COMMANDS:
        result = run(*args)
        assert (result.exit_code, result.stderr) == (0, ""), args
        assert result.stdout_bytes


# -- awkward text round-trips --------------------------------------------------------------------

AWKWARD = "[bold]markup[/] \"double\" 'single'\nsecond line " + "x" * 10_000


def test_awkward_company_survives_every_command(tmp_path):
    role = "[red]Data[/red] engineer"
    text = run("assess", *flags(MIXED), "--company", AWKWARD, "--role", role, "--interviewer", "[i]Dana[/i]", "--date", MONDAY)
    assert text.exit_code == 0, text.stderr
    assert "[bold]markup[/]" in text.stdout and "Saved as interview #1" in text.stdout

    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["context"]["company"] == AWKWARD and shown["context"]["role"] == role
    shown_text = run("show", "1")
    assert shown_text.exit_code == 0 and "[bold]markup[/]" in shown_text.stdout

    for command in (["history"], ["due", "--today", "2026-12-31"], ["stats"]):
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
    assert "[bold]markup[/]" in run("history").stdout
    assert json.loads(run("history", "--json").stdout)[0]["company"] == AWKWARD

    drafted = json.loads(run("draft", "1", "follow-up", "--json").stdout)
    flat = " ".join(AWKWARD.split())  # a name is one line in a draft
    assert flat in drafted["body"] and role in drafted["body"] and "[i]Dana[/i]" in drafted["body"]
    assert "\n" not in drafted["subject"] and flat in drafted["subject"]
    plain = run("draft", "1", "thank-you")
    assert plain.exit_code == 0 and flat in plain.stdout

    path = tmp_path / "r.ics"
    assert run("remind", "1", "--ics", str(path)).exit_code == 0
    event = parse_ics(path.read_bytes())
    assert str(event["SUMMARY"]) == f"Send a thank-you note to {flat} about {role}"  # the next action


@pytest.mark.parametrize(
    "company", ["[bold]markup[/]", "say \"hi\" and 'bye'", "two\nlines", "y" * 10_000, "$company ${role} {0} %s"]
)
def test_each_awkward_company_round_trips(company):
    doc = save("--company", company, "--role", "Analyst", "--date", MONDAY)
    assert doc["context"]["company"] == company
    assert json.loads(run("show", "1", "--json").stdout)["context"]["company"] == company
    assert run("assess", *flags(ALL_BEST), "--company", company, "--no-save").exit_code == 0
    flat = " ".join(company.split())  # a name is one line in a draft and a calendar title
    body = json.loads(run("draft", "1", "thank-you", "--json").stdout)["body"]
    assert flat in body
    event = parse_ics(run("remind", "1", "--ics", "-").stdout_bytes)
    assert str(event["SUMMARY"]) == f"Send a thank-you note to {flat} about Analyst"


@pytest.mark.parametrize("days", ["3000000", "100000000"])
def test_due_with_a_huge_horizon_does_not_crash(waiting, days):
    """A horizon beyond the last date Python knows means everything open is listed."""
    result = run("due", "--today", MONDAY, "--days", days, "--json")
    assert result.exit_code == 0, (result.exit_code, result.exception, result.stderr)
    assert [r["id"] for r in json.loads(result.stdout)] == [1, 4, 2, 3]


# -- due: every action (issue #11) ---------------------------------------------------------------


def test_due_lists_each_next_action_with_the_command_for_it(waiting):
    save("--company", "Hooli", "--date", "2026-11-20")  # 5: nothing sent, the thank-you is due by the day after
    mark_sent(2, "follow-up", "2026-11-09")  # 2: the second follow-up, Mon 16 Nov
    mark_sent(4, "follow-up", "2026-11-02")
    mark_sent(4, "second-follow-up", "2026-11-09")  # 4: move on, Mon 16 Nov
    rows = run_json("due", "--json", "--today", MONDAY)
    assert [(r["id"], r["action"], r["on"], r["days_overdue"], r["draft_command"]) for r in rows] == [
        (1, "follow-up", "2026-11-09", 14, "interview-signals draft 1 follow-up"),
        (2, "second-follow-up", "2026-11-16", 7, "interview-signals draft 2 second-follow-up"),
        (4, "move-on", "2026-11-16", 7, "interview-signals outcome 4 ghosted"),
        (5, "thank-you", "2026-11-21", 2, "interview-signals draft 5 thank-you"),
    ]
    assert rows[1]["follow_up_on"] == waiting[2]  # today's fields are kept
    text = run("due", "--today", MONDAY).stdout
    assert "#1 Acme · Data engineer  follow up on Mon 9 Nov 2026, 14 days overdue" in text
    assert "#2 Globex  send a second follow-up on Mon 16 Nov 2026, 7 days overdue" in text
    assert "#4 Umbrella  consider moving on from Mon 16 Nov 2026, 7 days overdue" in text
    assert "No reply after two follow-ups: consider recording it as ghosted." in text
    assert "#5 Hooli  send a thank-you note by Sat 21 Nov 2026, 2 days overdue" in text
    assert "interview-signals draft 2 second-follow-up" in text and "interview-signals outcome 4 ghosted" in text


def test_the_commands_due_names_work(waiting):
    mark_sent(2, "follow-up", "2026-11-09")
    result = run("draft", "2", "second-follow-up")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Checking in again on my interview at Globex\n")


def test_due_reads_only_the_rows_that_are_due(waiting):
    """A damaged interview not yet due is never read, so nothing warns about it; once due, it is skipped with a warning."""
    conn = sqlite3.connect(resolve_path(None))
    conn.execute("UPDATE interviews SET report = '{not json' WHERE id = 3")
    conn.commit()
    conn.close()
    result = run("due", "--json", "--today", MONDAY)
    assert (result.exit_code, result.stderr) == (0, "")
    assert [r["id"] for r in json.loads(result.stdout)] == [1, 4, 2]
    result = run("due", "--json", "--today", "2026-11-27")
    assert [r["id"] for r in json.loads(result.stdout)] == [1, 4, 2]
    assert "interview #3 is damaged" in result.stderr
