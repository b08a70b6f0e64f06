"""An application's story (issue 22): dated notes on an interview, and taking back
what was recorded (`sent --undo`, `snooze --clear`, `outcome --clear`).

Today is Thu 31 Dec 2026 (conftest.december); the interview is on Mon 16 Nov 2026.
"""

from __future__ import annotations

import json

import pytest
from helpers import assert_usage_error, run, run_json, save

from interview_signals.db import History

MONDAY = "2026-11-16"


@pytest.fixture
def one(december, isolated_home) -> int:
    """One saved interview, #1, at Acme on Monday 16 November."""
    return save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY)["id"]


def history_path(home) -> str:
    return str(home / "history.sqlite3")


# -- note ---------------------------------------------------------------------------------


def test_a_note_is_kept_with_its_day_and_show_prints_it(one):
    result = run("note", "1", "Recruiter called: second round next week", "--on", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "Noted on interview #1, for Fri 20 Nov 2026.\n"
    assert run("note", "1", "Sent my portfolio").exit_code == 0  # today, by default
    doc = run_json("show", "1", "--json")
    assert doc["notes"] == [
        {"on": "2026-11-20", "text": "Recruiter called: second round next week"},
        {"on": "2026-12-31", "text": "Sent my portfolio"},
    ]
    flat = " ".join(run("show", "1").stdout.split())
    assert "Note, Fri 20 Nov 2026: Recruiter called: second round next week" in flat
    assert "Note, Thu 31 Dec 2026: Sent my portfolio" in flat


def test_notes_are_read_back_in_day_order_from_python(one, isolated_home):
    assert run("note", "1", "later", "--on", "2026-12-01").exit_code == 0
    assert run("note", "1", "earlier", "--on", "2026-11-17").exit_code == 0
    with History.open(history_path(isolated_home)) as history:
        assert history.notes(1) == [("2026-11-17", "earlier"), ("2026-12-01", "later")]
        assert history.notes(1)[0].text == "earlier"
        history.add_note(1, "2026-12-02", "from Python")
        assert history.notes(1)[-1] == ("2026-12-02", "from Python")


def test_a_note_keeps_its_line_breaks_and_escapes_controls_everywhere(one):
    text = "Call with Sam:\n- salary band\n\x1b]52;c;aGk=\x07 pasted"
    assert run("note", "1", text, "--on", "2026-11-20").exit_code == 0
    assert run_json("show", "1", "--json")["notes"] == [{"on": "2026-11-20", "text": text}]
    shown = run("show", "1").stdout
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Call with Sam:\n- salary band\n\\x1b]52;c;aGk=\\x07 pasted" in shown
    for form in ("text", "md", "html", "svg"):
        page = run("show", "1", "--format", form).stdout
        assert "\x1b" not in page and "\x07" not in page, form
        assert "salary" in page, form
    md = run("show", "1", "--format", "md").stdout
    assert "## Notes\n\n- **Fri 20 Nov 2026:** Call with Sam:\\\n  \\- salary band\\\n  \\\\x1b\\]52;c;aGk=\\\\x07 pasted\n" in md


def test_a_note_is_stripped_and_windows_line_ends_become_newlines(one, isolated_home):
    assert run("note", "1", "  first\r\nsecond  \n").exit_code == 0
    with History.open(history_path(isolated_home)) as history:
        assert history.notes(1) == [("2026-12-31", "first\nsecond")]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("note", "99", "hello"), ("no interview with id 99",)),
        (("note", "1", "   "), ("TEXT", "empty")),
        (("note", "1", "hello", "--on", "tomorrow"), ("--on 'tomorrow'", "in the future")),
        (("note", "1", "hello", "--on", "someday"), ("--on 'someday'", "not a day")),
    ],
)
def test_a_bad_note_is_exit_2_and_keeps_nothing(one, isolated_home, args, fragments):
    assert_usage_error(run(*args), *fragments)
    with History.open(history_path(isolated_home)) as history:
        assert history.notes(1) == []


def test_deleting_an_interview_deletes_its_notes(one, isolated_home):
    assert run("note", "1", "hello").exit_code == 0
    assert run("delete", "1", "--yes").exit_code == 0
    with History.open(history_path(isolated_home)) as history:
        assert history.notes(1) == []


# -- sent --undo --------------------------------------------------------------------------


def test_sent_undo_takes_back_the_latest_record_and_the_action_is_due_again(one):
    assert run("sent", "1", "thank-you", "--on", MONDAY).exit_code == 0
    assert run("sent", "1", "follow-up", "--on", "2026-11-24").exit_code == 0
    before = run_json("show", "1", "--json")["next_action"]
    assert before["action"] == "second-follow-up"
    result = run("sent", "1", "follow-up", "--undo")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("Took back the follow-up sent on Tue 24 Nov 2026 for #1. Next: follow up on Mon 23 Nov 2026.\n")
    doc = run_json("show", "1", "--json")
    assert doc["sent"] == [{"action": "thank-you", "on": MONDAY}]
    assert doc["next_action"] == {"action": "follow-up", "on": "2026-11-23"}
    assert [row["id"] for row in run_json("due", "--json")] == [1]


def test_sent_undo_takes_back_only_the_latest_of_two(one, isolated_home):
    assert run("sent", "1", "thank-you", "--on", MONDAY).exit_code == 0
    assert run("sent", "1", "thank-you", "--on", "2026-11-17").exit_code == 0
    result = run("sent", "1", "thank-you", "--undo")
    assert "Took back the thank-you note sent on Tue 17 Nov 2026 for #1." in result.stderr
    with History.open(history_path(isolated_home)) as history:
        assert history.sent(1) == [("thank-you", MONDAY)]
        assert history.unsend(1, "thank-you") == MONDAY
        assert history.sent(1) == []
        assert history.get(1).next_action == "thank-you"


def test_sent_undo_with_nothing_to_take_back_is_exit_2(one):
    assert_usage_error(run("sent", "1", "follow-up", "--undo"), "no follow-up recorded as sent for interview #1")
    assert_usage_error(run("sent", "1", "thank-you", "--undo", "--on", "yesterday"), "--on", "--undo")
    assert_usage_error(run("sent", "9", "thank-you", "--undo"), "no interview with id 9")


# -- snooze --clear -----------------------------------------------------------------------


def test_snooze_clear_restores_the_day_the_schedule_gives(one):
    assert run("sent", "1", "thank-you", "--on", MONDAY).exit_code == 0
    assert run("snooze", "1", "--until", "2027-01-15").exit_code == 0
    assert run_json("show", "1", "--json")["next_action"]["on"] == "2027-01-15"
    result = run("snooze", "1", "--clear")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Cleared the snooze of #1. Next: follow up on Mon 23 Nov 2026.\n"
    assert run_json("show", "1", "--json")["next_action"] == {"action": "follow-up", "on": "2026-11-23"}


def test_snooze_clear_without_a_snooze_is_exit_2(one, isolated_home):
    assert_usage_error(run("snooze", "1", "--clear"), "interview #1 is not snoozed")
    assert_usage_error(run("snooze", "1"), "--until or --clear")
    assert_usage_error(run("snooze", "1", "--clear", "--until", "friday"), "--until and --clear")
    with History.open(history_path(isolated_home)) as history:
        history.snooze(1, "2027-02-01")
        history.clear_snooze(1)
        assert history.get(1).snoozed_until is None


# -- outcome --clear ----------------------------------------------------------------------


def test_outcome_clear_reopens_every_round_and_the_next_action_returns(one):
    save("--round-of", "1", "--date", "2026-11-23")
    assert run("outcome", "2", "rejected", "--note", "form email").exit_code == 0
    assert run_json("due", "--json") == []
    result = run("outcome", "1", "--clear")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Cleared the outcome of #1 (rejected: form email); its application is open again. "
        "Next for #2: send a thank-you note by Tue 24 Nov 2026.\n"
    )
    rows = run_json("history", "--json")
    assert [(row["id"], row["outcome"], row["outcome_note"]) for row in rows] == [(2, None, None), (1, None, None)]
    assert [row["id"] for row in run_json("due", "--json")] == [2]


def test_outcome_clear_without_an_outcome_is_exit_2(one, isolated_home):
    assert_usage_error(run("outcome", "1", "--clear"), "interview #1 has no outcome recorded")
    assert_usage_error(run("outcome", "1"), "RESULT or --clear")
    assert_usage_error(run("outcome", "1", "offer", "--clear"), "RESULT and --clear")
    assert_usage_error(run("outcome", "1", "--clear", "--note", "x"), "--note and --clear")
    with History.open(history_path(isolated_home)) as history:
        history.set_outcome(1, "offer")
        history.clear_outcome(1)
        assert history.get(1).outcome is None
        assert history.get(1).next_action == "thank-you"


def test_the_json_of_show_keeps_notes_out_of_the_saved_report(one, isolated_home):
    assert run("note", "1", "kept apart").exit_code == 0
    with History.open(history_path(isolated_home)) as history:
        assert "notes" not in history.get(1).report
    assert json.loads(run("show", "1", "--json").stdout)["notes"][0]["text"] == "kept apart"
