"""`sent`, `snooze` and what `show` says about following up (issue #11).

Today is Thu 31 Dec 2026 (the `december` fixture). The interview is on
Mon 16 Nov 2026, with no day named to hear back: follow up on Mon 23 Nov.
"""

from __future__ import annotations

import pytest
from helpers import assert_usage_error, run, run_json, save


@pytest.fixture
def acme(december):
    save("--company", "Acme", "--date", "2026-11-16")


def next_action(interview_id: str = "1") -> dict | None:
    return run_json("show", interview_id, "--json")["next_action"]


def test_sent_moves_on_to_the_next_action(acme):
    assert next_action() == {"action": "thank-you", "on": "2026-11-17"}  # by the day after the interview
    result = run("sent", "1", "thank-you", "--on", "2026-11-16")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr.strip()
        == "Recorded: thank-you sent for interview #1 on Mon 16 Nov 2026. Next: follow up on Mon 23 Nov 2026."
    )
    assert next_action() == {"action": "follow-up", "on": "2026-11-23"}
    assert run("sent", "#1", "Follow-Up", "--on", "2026-11-25").exit_code == 0
    assert next_action() == {"action": "second-follow-up", "on": "2026-12-02"}
    assert run("sent", "1", "second-follow-up", "--on", "yesterday").exit_code == 0
    assert next_action() == {"action": "move-on", "on": "2027-01-06"}
    assert run_json("show", "1", "--json")["sent"] == [
        {"action": "thank-you", "on": "2026-11-16"},
        {"action": "follow-up", "on": "2026-11-25"},
        {"action": "second-follow-up", "on": "2026-12-30"},
    ]


def test_sent_defaults_to_today(acme):
    assert run("sent", "1", "thank-you").exit_code == 0
    assert run("sent", "1", "follow-up", "--on", "today").exit_code == 0
    assert run_json("show", "1", "--json")["sent"] == [
        {"action": "thank-you", "on": "2026-12-31"},
        {"action": "follow-up", "on": "2026-12-31"},
    ]


def test_show_lists_what_was_sent_and_what_is_next(acme):
    run("sent", "1", "thank-you", "--on", "2026-11-17")
    out = run("show", "1").stdout
    assert "Sent: thank-you on Tue 17 Nov 2026" in out
    assert out.rstrip().endswith("Next: follow up on Mon 23 Nov 2026")
    run("outcome", "1", "offer")
    out = run("show", "1").stdout
    assert "Next:" not in out and "Sent: thank-you on Tue 17 Nov 2026\nOutcome: offer" in out
    assert next_action() is None


@pytest.mark.parametrize(
    ("action", "fragments"),
    [
        ("thanks", ("ACTION 'thanks' (did you mean 'thank-you'?)", "thank-you, follow-up, second-follow-up")),
        ("move-on", ("ACTION 'move-on'", "thank-you, follow-up, second-follow-up")),
        ("", ("ACTION ''",)),
    ],
)
def test_sent_an_unknown_action(acme, action, fragments):
    assert_usage_error(run("sent", "1", action), *fragments)


@pytest.mark.parametrize(
    ("on", "fragment"),
    [
        ("2026-11-15", "--on '2026-11-15': 2026-11-15 is before the interview (2026-11-16); give the day you sent it"),
        ("2027-01-01", "--on '2027-01-01': 2027-01-01 is in the future; give today or an earlier day: YYYY-MM-DD"),
        ("tomorrow", "--on 'tomorrow': 2027-01-01 is in the future; give today or an earlier day: YYYY-MM-DD, yesterday"),
        ("2026-02-30", "--on '2026-02-30'"),
    ],
)
def test_sent_on_a_day_that_cannot_be(acme, on, fragment):
    assert_usage_error(run("sent", "1", "thank-you", "--on", on), fragment)
    assert run_json("show", "1", "--json")["sent"] == []


@pytest.mark.parametrize("final", ["offer", "rejected", "ghosted", "withdrew"])
def test_nothing_is_sent_or_snoozed_once_it_is_closed(acme, final):
    run("outcome", "1", final)
    assert_usage_error(run("sent", "1", "thank-you"), f"ID 1: interview #1 is recorded as {final}", "outcome 1 pending")
    assert_usage_error(run("snooze", "1", "--until", "2027-01-10"), "ID 1: ")
    run("outcome", "1", "pending")
    assert run("sent", "1", "thank-you").exit_code == 0


def test_sent_and_snooze_for_an_interview_that_is_not_there(december):
    assert_usage_error(run("sent", "7", "thank-you"), "no interview with id 7")
    assert_usage_error(run("snooze", "7", "--until", "2027-01-10"), "no interview with id 7")


def test_snooze_puts_the_next_action_off_until_sending_clears_it(acme):
    result = run("snooze", "1", "--until", "2027-01-08")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "Snoozed interview #1. Next: send a thank-you note by Fri 8 Jan 2027."
    assert next_action() == {"action": "thank-you", "on": "2027-01-08"}
    assert run_json("due", "--json") == []
    assert [r["on"] for r in run_json("due", "--json", "--days", "8")] == ["2027-01-08"]
    run("sent", "1", "thank-you", "--on", "2026-11-16")
    assert next_action() == {"action": "follow-up", "on": "2026-11-23"}  # the snooze went with it


@pytest.mark.parametrize(
    ("until", "fragment"),
    [
        ("2026-12-30", "--until '2026-12-30': 2026-12-30 is in the past; give today or a later day"),
        ("soon", "--until 'soon': not a day; give today or a later day: YYYY-MM-DD, tomorrow, a weekday"),
    ],
)
def test_snooze_into_the_past_or_no_day(acme, until, fragment):
    assert_usage_error(run("snooze", "1", "--until", until), fragment)
    assert next_action() == {"action": "thank-you", "on": "2026-11-17"}


def test_snooze_until_today_is_allowed(acme):
    assert run("snooze", "1", "--until", "2026-12-31").exit_code == 0
    assert next_action() == {"action": "thank-you", "on": "2026-12-31"}
