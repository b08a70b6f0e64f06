"""Issue 20: one model, one rule. Every fact has one home, so every command says the same.

* One schedule: an interview's next action has one day, whichever command shows it.
* One date vocabulary: every date option reads the same words, in its own direction.
* One wording table: an action is called the same everywhere; the verdicts come in the catalog's order.
* Errors name the field; the command line names its option.

Dates (2026): Mon 16 Nov the interview, Tue 17 Nov its thank-you day; Fri 20 Nov "today" where a
test says so; Wed 2 Dec the parser's today.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import pytest
from helpers import ALL_BEST, assert_usage_error, build_report, run, run_json, save
from icalendar import Calendar

import interview_signals
from interview_signals import catalog, followup, report, report_stats, stats, words
from interview_signals.db import History, schema
from interview_signals.errors import InputError

MONDAY = dt.date(2026, 11, 16)
THANK_YOU_DAY = "2026-11-17"


@pytest.fixture
def clock(monkeypatch):
    """Today, settable: ``clock(day)`` makes ``day`` today for every command after it."""

    def set_today(day: dt.date) -> None:
        monkeypatch.setattr(followup, "today", lambda: day)

    set_today(MONDAY)
    return set_today


@pytest.fixture
def monday(clock):
    """Interview #1 on Monday 16 Nov, saved that day; its printed report."""
    return save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY.isoformat())


# -- one schedule ------------------------------------------------------------------------------


def _from_report(doc):
    return doc["follow_up"]["thank_you_by"]


def _from_due(doc):
    (row,) = run_json("due", "--json", "--today", MONDAY.isoformat())
    assert row["action"] == "thank-you"
    return row["on"]


def _from_show(doc):
    shown = run_json("show", "1", "--json")["next_action"]
    assert shown["action"] == "thank-you"
    return shown["on"]


def _from_remind(doc):
    result = run("remind", "1", "--ics", "-")
    assert result.exit_code == 0, result.stderr
    (event,) = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert "thank-you" in str(event["uid"])
    return event.decoded("dtstart").isoformat()


def _from_markdown(doc):
    result = run("show", "1", "--format", "md")
    assert result.exit_code == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("- Next:")]
    assert "thank-you" in line
    written = re.search(r"[A-Z][a-z]{2} [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}", line)
    assert written is not None, line
    return dt.datetime.strptime(written.group(), "%a %d %b %Y").date().isoformat()


@pytest.mark.parametrize(
    "read", [_from_report, _from_due, _from_show, _from_remind, _from_markdown], ids=["report", "due", "show", "remind", "md"]
)
def test_the_thank_you_day_is_the_same_everywhere(monday, read):
    assert read(monday) == THANK_YOU_DAY  # the day after the interview, as the report promises


def test_due_lists_the_thank_you_from_the_interview_day_and_overdue_only_after_its_day(monday):
    def listed(today: str) -> list[tuple[int, bool]]:
        return [(row["days_overdue"], row["is_due"]) for row in run_json("due", "--json", "--today", today)]

    assert listed("2026-11-15") == []
    assert listed("2026-11-16") == [(-1, True)]  # it can be sent now, and is not late
    assert listed("2026-11-17") == [(0, True)]
    assert listed("2026-11-18") == [(1, True)]
    today = " ".join(run("due", "--today", "2026-11-16").stdout.split())
    assert f"send a thank-you note by {followup.display_date(dt.date(2026, 11, 17))}, 1 day left" in today
    coming = " ".join(run("due", "--today", "2026-11-15", "--days", "2").stdout.split())
    assert "send a thank-you note by Tue 17 Nov 2026, in 2 days" in coming  # not yet: the interview is tomorrow
    late = " ".join(run("due", "--today", "2026-11-18").stdout.split())
    assert "by Tue 17 Nov 2026, 1 day overdue" in late


def test_a_snooze_moves_both_the_first_day_and_the_day(monday):
    assert run("snooze", "1", "--until", "2026-11-20").exit_code == 0
    assert run_json("due", "--json", "--today", "2026-11-19") == []
    (row,) = run_json("due", "--json", "--today", "2026-11-20")
    assert (row["on"], row["days_overdue"]) == ("2026-11-20", 0)


def test_the_store_keeps_the_first_day_and_the_day_from_the_one_schedule(isolated_home):
    with History.open(isolated_home / "h.sqlite3") as h:
        h.save(build_report(date="2026-11-16"), "2026-11-16")
        found = followup.next_action(MONDAY, followup.follow_up_on(MONDAY, None), [], None)
        assert found is not None
        interview = h.get(1)
        assert (interview.next_action, interview.next_action_from, interview.next_action_on) == (
            found.action,
            found.start.isoformat(),
            found.on.isoformat(),
        )
        assert [i.id for i in h.due("2026-11-15")] == []
        assert [i.id for i in h.due("2026-11-16")] == [1]


def test_a_schema_5_history_gets_the_thank_you_day_the_report_promised(tmp_path):
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    for script in schema.MIGRATIONS[:5]:
        conn.executescript(script)
    doc = json.dumps(build_report(date="2026-11-16"))
    rows = [
        (1, "2026-11-16", "thank-you", "2026-11-16", None),  # as schema 5 kept it: the interview day
        (2, "2026-11-02", "follow-up", "2026-11-09", None),
        (3, "2026-11-16", "thank-you", "2026-11-20", "2026-11-20"),  # snoozed past the thank-you day
        (4, "9999-12-31", "thank-you", "9999-12-31", None),  # no day after it: nothing to plan
    ]
    conn.executemany(
        "INSERT INTO interviews (id, created_at, date, verdict, confidence, catalog_version, report, next_action,"
        " next_action_on, snoozed_until, application_id) VALUES (?, '2026-11-16T00:00:00+00:00', ?, 'strong', 'high', 1, ?, ?, ?, ?, ?)",
        [(n, day, doc, action, on, snoozed, n) for n, day, action, on, snoozed in rows],
    )
    conn.execute("PRAGMA user_version = 5")
    conn.commit()
    conn.close()
    with History.open(path) as h:
        got = {i.id: (i.next_action, i.next_action_from, i.next_action_on) for i in h.interviews()}
        assert [i.id for i in h.due("2026-11-16")] == [2, 1]
    assert got == {
        1: ("thank-you", "2026-11-16", "2026-11-17"),
        2: ("follow-up", "2026-11-09", "2026-11-09"),
        3: ("thank-you", "2026-11-20", "2026-11-20"),
        4: (None, None, None),
    }


# -- one date vocabulary -----------------------------------------------------------------------

TODAY = dt.date(2026, 12, 2)  # a Wednesday
PAST, FUTURE, EITHER = followup.PAST, followup.FUTURE, followup.EITHER
D = dt.date


@pytest.mark.parametrize(
    ("allowed", "typed", "expected"),
    [
        # every direction: the ISO date, today
        *[(way, "2026-12-02", TODAY) for way in (PAST, FUTURE, EITHER)],
        *[(way, " Today ", TODAY) for way in (PAST, FUTURE, EITHER)],
        # today or earlier
        (PAST, "2026-01-05", D(2026, 1, 5)),
        (PAST, "yesterday", D(2026, 12, 1)),
        (PAST, "monday", D(2026, 11, 30)),
        (PAST, "Mon", D(2026, 11, 30)),
        (PAST, "WEDNESDAY", TODAY),  # today is a Wednesday: the nearest one not yet to come
        (PAST, "thu", D(2026, 11, 26)),
        (PAST, "last monday", D(2026, 11, 30)),
        (PAST, "last wednesday", D(2026, 11, 25)),
        (PAST, "3 days ago", D(2026, 11, 29)),
        (PAST, "1 day ago", D(2026, 12, 1)),
        (PAST, "2 weeks ago", D(2026, 11, 18)),
        (PAST, "a week ago", D(2026, 11, 25)),
        # today or later
        (FUTURE, "tomorrow", D(2026, 12, 3)),
        (FUTURE, "friday", D(2026, 12, 4)),
        (FUTURE, "FRI", D(2026, 12, 4)),
        (FUTURE, "Wednesday", D(2026, 12, 9)),  # strictly after today: a week on
        (FUTURE, "next friday", D(2026, 12, 4)),  # as "friday"
        (FUTURE, "this fri", D(2026, 12, 4)),
        (FUTURE, "3 days", D(2026, 12, 5)),
        (FUTURE, "in 3 days", D(2026, 12, 5)),
        (FUTURE, "2 weeks", D(2026, 12, 16)),
        (FUTURE, "a week", D(2026, 12, 9)),
        (FUTURE, "0 days", TODAY),
        # either way: a bare weekday is the next one, today included
        (EITHER, "yesterday", D(2026, 12, 1)),
        (EITHER, "tomorrow", D(2026, 12, 3)),
        (EITHER, "friday", D(2026, 12, 4)),
        (EITHER, "wed", TODAY),
        (EITHER, "next wednesday", D(2026, 12, 9)),
        (EITHER, "last friday", D(2026, 11, 27)),
        (EITHER, "3 days", D(2026, 12, 5)),
        (EITHER, "3 days ago", D(2026, 11, 29)),
    ],
)
def test_every_date_option_reads_the_same_words(allowed, typed, expected):
    assert followup.parse_day(typed, TODAY, "when", allowed) == expected


@pytest.mark.parametrize(
    ("allowed", "typed", "why"),
    [
        (PAST, "tomorrow", "2026-12-03 is in the future"),
        (PAST, "2026-12-03", "2026-12-03 is in the future"),
        (PAST, "3 days", "2026-12-05 is in the future"),
        (PAST, "next friday", "2026-12-04 is in the future"),
        (FUTURE, "yesterday", "2026-12-01 is in the past"),
        (FUTURE, "3 days ago", "2026-11-29 is in the past"),
        (FUTURE, "last friday", "2026-11-27 is in the past"),
        (EITHER, "2026-02-30", "there is no such day"),
        *[(way, "someday", "not a day") for way in (PAST, FUTURE, EITHER)],
        (EITHER, "in 3 days ago", "not a day"),
        (EITHER, "friday next", "not a day"),
    ],
)
def test_a_refusal_names_the_field_what_was_typed_and_what_is_accepted(allowed, typed, why):
    with pytest.raises(InputError) as info:
        followup.parse_day(typed, TODAY, "when", allowed)
    assert str(info.value) == f"when '{typed}': {why}; give {followup.DAY_FORMS[allowed]}"
    assert info.value.field == "when"


def test_each_direction_says_what_it_accepts():
    assert "today or an earlier day" in followup.DAY_FORMS[PAST] and "3 days ago" in followup.DAY_FORMS[PAST]
    assert "today or a later day" in followup.DAY_FORMS[FUTURE] and "tomorrow" in followup.DAY_FORMS[FUTURE]
    assert "yesterday" in followup.DAY_FORMS[EITHER] and "tomorrow" in followup.DAY_FORMS[EITHER]


FRIDAY = dt.date(2026, 11, 20)


@pytest.fixture
def friday(clock):
    """Interview #1 on Monday 16 Nov; today is Friday 20 Nov."""
    save("--company", "Acme", "--date", MONDAY.isoformat())
    clock(FRIDAY)


def test_assess_date_takes_a_weekday_in_the_past(clock):
    clock(FRIDAY)
    assert save("--date", "Wednesday", "--no-save")["context"]["date"] == "2026-11-18"
    assert save("--date", "2 days ago", "--no-save")["context"]["date"] == "2026-11-18"
    result = run("assess", "-a", "vibe=warm", "--date", "tomorrow", "--json", "--no-save")
    assert_usage_error(result, "--date 'tomorrow': 2026-11-21 is in the future; give today or an earlier day")


def test_edit_date_takes_the_same_words(friday):
    result = run("edit", "1", "--date", "wed")
    assert result.exit_code == 0, result.stderr
    assert run_json("show", "1", "--json")["context"]["date"] == "2026-11-18"


def test_sent_on_takes_the_same_words(friday):
    result = run("sent", "1", "thank-you", "--on", "tuesday")
    assert result.exit_code == 0, result.stderr
    assert run_json("show", "1", "--json")["sent"] == [{"action": "thank-you", "on": "2026-11-17"}]
    assert_usage_error(run("sent", "1", "follow-up", "--on", "monday next"), "--on 'monday next': not a day; give")


def test_snooze_until_takes_the_same_words(friday):
    result = run("snooze", "1", "--until", "friday")  # today is Friday: the next one
    assert result.exit_code == 0, result.stderr
    assert run_json("show", "1", "--json")["next_action"]["on"] == "2026-11-27"
    assert run("snooze", "1", "--until", "in 3 days").exit_code == 0
    assert_usage_error(run("snooze", "1", "--until", "yesterday"), "--until 'yesterday': 2026-11-19 is in the past")


def test_due_today_takes_the_same_words_either_way(friday):
    assert run_json("due", "--json", "--today", "last monday")[0]["days_overdue"] == -1
    assert run_json("due", "--json", "--today", "yesterday")[0]["days_overdue"] == 2
    assert run_json("due", "--json", "--today", "tomorrow")[0]["days_overdue"] == 4
    assert_usage_error(run("due", "--today", "someday"), "--today 'someday': not a day; give a day:")


def test_reply_by_takes_the_same_words_counted_from_the_interview(clock):
    doc = save("--date", MONDAY.isoformat(), "--reply-by", "Fri", "--no-save")
    assert doc["context"]["reply_by"] == "2026-11-20"
    result = run("assess", "-a", "vibe=warm", "--date", MONDAY.isoformat(), "--reply-by", "2 days ago", "--no-save")
    assert_usage_error(result, "--reply-by '2 days ago': 2026-11-14 is before the interview (2026-11-16)")


# -- one wording table --------------------------------------------------------------------------


def test_every_command_calls_an_action_by_its_one_name(monday):
    second = words.ACTION_WORDS["second-follow-up"]
    assert second.todo == "send a second follow-up"
    assert "follow up again" not in json.dumps(words.ACTION_WORDS)
    # due, show and the notes after `sent` all say the same thing
    due = " ".join(run("due", "--today", "2026-11-16").stdout.split())
    show = " ".join(run("show", "1").stdout.split())
    snoozed = run("snooze", "1", "--until", "2026-11-18")
    assert "send a thank-you note by Tue 17 Nov 2026" in due
    assert "Next: send a thank-you note by Tue 17 Nov 2026" in show
    assert snoozed.stderr.strip().endswith("Next: send a thank-you note by Wed 18 Nov 2026.")


def test_the_actions_have_one_home():
    from interview_signals import calendar, drafts

    assert followup.ACTIONS == words.ACTIONS and followup.SENDABLE == words.SENDABLE
    assert drafts.KINDS[:3] == words.SENDABLE
    assert set(calendar.ACTION_NAMES) == {*words.ACTIONS, words.ASSESS}  # and a booked interview
    assert calendar.ACTION_NAMES == {action: wording.name for action, wording in words.ACTION_WORDS.items()}


def test_the_verdict_order_is_the_catalogs(monkeypatch):
    shipped = catalog.load()
    text = catalog.package_text("catalog.toml").replace(
        "[[bands]]", '[[bands]]\nid = "stellar"\nlabel = "Stellar"\nmin = 99\nsummary = "Rare."\n\n[[bands]]', 1
    )
    changed = catalog.parse(text)
    assert changed.verdicts[0] == "stellar" and changed.verdicts[1:] == shipped.verdicts
    assert shipped.verdicts == (*(b.id for b in shipped.bands), shipped.too_few.id, shipped.no_score.id)
    monkeypatch.setattr(catalog, "load", lambda: changed)
    counts = {"weak": 1, "stellar": 2, "strong": 3}
    groups = [stats.Group(verdict, outcome, 0, 0, n) for verdict, n in counts.items() for outcome in ("offer", "rejected")]
    summary = stats.summarize(stats.Tallies(12, groups, {}))
    assert list(summary["calibration"]["by_verdict"]) == ["stellar", "strong", "weak"]
    console = report.recorder()
    report_stats.render_stats(console, {**summary, "by_verdict": counts}, {})
    assert "By verdict: stellar: 2, strong: 3, weak: 1" in console.export_text()


# -- errors name the field; the command line names the option -------------------------------------


def test_python_hears_the_field_and_the_command_line_the_option(clock):
    with pytest.raises(InputError) as info:
        interview_signals.assess(ALL_BEST, date="someday")
    assert str(info.value).startswith("date 'someday': not a day; give today or an earlier day")
    assert info.value.field == "date"
    with pytest.raises(InputError, match=r"^reply_by 'soon': "):
        interview_signals.assess(ALL_BEST, date="2026-11-16", reply_by="soon")
    result = run("assess", "-a", "vibe=warm", "--date", "someday", "--no-save")
    assert_usage_error(result, "--date 'someday': not a day; give today or an earlier day")


def test_the_commands_name_the_field_for_every_date(friday):
    from interview_signals.commands import followup, history
    from interview_signals.commands.session import Session

    for call, field in [
        (lambda session: followup.snooze(session, 1, "yesterday"), "until"),
        (lambda session: followup.sent(session, 1, "thank-you", "tomorrow"), "on"),
        (lambda session: followup.due(session, "someday", 0), "today"),
        (lambda session: history.edit(session, 1, {"date": "someday"}), "date"),
        (lambda session: history.edit(session, 1, {"reply_by": "soon"}), "reply_by"),
    ]:
        with pytest.raises(InputError) as info, Session() as session:
            call(session)
        assert info.value.field == field
        assert str(info.value).startswith(f"{field} '"), str(info.value)


def test_the_option_named_is_the_one_typed(friday):
    assert_usage_error(run("edit", "1", "--reply-by", "soon"), "--reply-by 'soon': not a day")
    assert_usage_error(run("sent", "1", "thank-you", "--on", "tomorrow"), "--on 'tomorrow': 2026-11-21 is in the future")
