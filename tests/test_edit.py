"""`assess --topic` and `edit`: correcting what was saved (issue #11, part 4).

Today is Thu 31 Dec 2026 (the `december` fixture). The interview is on
Mon 16 Nov 2026, with no day named to hear back: follow up on Mon 23 Nov.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import assert_usage_error, run, run_json, save


@pytest.fixture
def acme(december):
    save("--company", "Acme", "--role", "Dev", "--interviewer", "Sam Lee", "--date", "2026-11-16")


def shown(interview_id: str = "1") -> dict:
    return run_json("show", interview_id, "--json")


def test_assess_keeps_the_topic_in_the_report(december):
    doc = save("--company", "Acme", "--topic", "their move to event sourcing", "--date", "2026-11-16")
    assert doc["context"]["topic"] == "their move to event sourcing"
    assert shown()["context"]["topic"] == "their move to event sourcing"


def test_edit_corrects_the_context_and_keeps_the_rest(acme):
    before = shown()
    result = run("edit", "1", "--company", "Acme Labs", "--topic", "the data platform")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == "Updated interview #1 (--company, --topic). Next: send a thank-you note by Tue 17 Nov 2026."
    after = shown()
    assert after["context"] == {**before["context"], "company": "Acme Labs", "topic": "the data platform"}
    assert (after["score"], after["signals"]) == (before["score"], before["signals"])
    assert [row["company"] for row in run_json("history", "--json")] == ["Acme Labs"]  # the indexed column too
    assert run_json("history", "--company", "labs", "--json")[0]["id"] == 1


def test_edit_works_the_dates_out_again(acme):
    assert run("sent", "1", "thank-you", "--on", "2026-11-16").exit_code == 0
    assert shown()["follow_up"]["follow_up_on"] == "2026-11-23"
    result = run("edit", "#1", "--reply-by", "2026-12-04")
    assert result.exit_code == 0, result.stderr
    doc = shown()
    assert doc["context"]["reply_by"] == "2026-12-04"
    assert doc["follow_up"]["reply_by"] == "2026-12-04"
    assert doc["follow_up"]["follow_up_on"] == "2026-12-07"  # the working day after Fri 4 Dec
    assert doc["next_action"] == {"action": "follow-up", "on": "2026-12-07"}
    assert doc["sent"] == [{"action": "thank-you", "on": "2026-11-16"}]  # what was sent is kept


def test_edit_moves_the_interview_day(acme):
    assert run("edit", "1", "--date", "2026-11-18").exit_code == 0
    doc = shown()
    assert doc["context"]["date"] == "2026-11-18"
    assert doc["follow_up"]["follow_up_on"] == "2026-11-25"
    assert doc["next_action"] == {"action": "thank-you", "on": "2026-11-19"}  # by the day after
    assert run_json("history", "--json")[0]["date"] == "2026-11-18"


def test_an_empty_value_clears_a_field(acme):
    assert run("edit", "1", "--interviewer", "", "--role", "").exit_code == 0
    context = shown()["context"]
    assert "interviewer" not in context and "role" not in context
    assert context["company"] == "Acme"


def test_edit_keeps_the_outcome(acme):
    assert run("outcome", "1", "offer").exit_code == 0
    assert run("edit", "1", "--role", "Lead").exit_code == 0
    assert run_json("history", "--json")[0]["outcome"] == "offer"
    assert shown()["next_action"] is None


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        ((), ("nothing to change", "--company", "--topic")),
        (("--date", ""), ("--date", "every interview has a day")),
        (("--date", "2027-02-01"), ("--date",)),  # after today
        (("--date", "2026-02-30"), ("--date",)),
        (("--reply-by", "someday"), ("--reply-by",)),
        (("--reply-by", "2026-11-01"), ("--reply-by",)),  # before the interview
    ],
)
def test_bad_edits_change_nothing(acme, args, fragments):
    before = shown()
    assert_usage_error(run("edit", "1", *args), *fragments)
    assert shown() == before


def test_editing_an_interview_that_is_not_there(acme):
    assert_usage_error(run("edit", "7", "--company", "X"), "7")


def test_edit_an_interview_saved_before_reports_held_their_date(tmp_path):
    """A version 1 history: its reports have no date in their context and no follow-up section."""
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(Path(__file__).parent / "fixtures" / "history-v1.sqlite3", path)
    result = run("edit", "4", "--topic", "their billing system", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    doc = run_json("show", "4", "--json", "--db", str(path))
    assert doc["context"] == {"company": "Globex", "date": "2025-03-01", "topic": "their billing system"}
    assert doc["follow_up"]["follow_up_on"] == "2025-03-10"  # a week after Sat 1 Mar, on a working day
    assert run_json("history", "--json", "--db", str(path))[0]["date"] == "2025-03-01"
