"""Issue #11: each open interview's next action, as a pure rule and as stored.

Dates (2026): Mon 2 Nov, Mon 9 Nov, Thu 12 Nov, Sat 14 Nov, Mon 16 Nov,
Thu 19 Nov, Mon 23 Nov, Sat 21 Nov.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from helpers import build_report

from interview_signals.db import History, schema
from interview_signals.errors import InputError
from interview_signals.followup import Action, next_action

D = date.fromisoformat
INTERVIEW, FOLLOW_UP = D("2026-11-02"), D("2026-11-09")
FIXTURE_V1 = Path(__file__).parent / "fixtures" / "history-v1.sqlite3"


# -- the rule -------------------------------------------------------------------------------


def plan(sent=(), outcome=None, snoozed=None):
    return next_action(INTERVIEW, FOLLOW_UP, [(a, D(on)) for a, on in sent], outcome, snoozed)


def on_the_day(action, day):
    """An action that can be done on its day only (every one but the thank-you)."""
    return Action(action, day, day)


THANK_YOU = Action("thank-you", D("2026-11-03"), INTERVIEW)  # from the interview day, by the day after


def test_nothing_sent_means_the_thank_you_from_the_interview_day_by_the_day_after():
    assert plan() == THANK_YOU


def test_after_the_thank_you_the_follow_up_on_its_day():
    assert plan([("thank-you", "2026-11-03")]) == on_the_day("follow-up", FOLLOW_UP)


def test_the_second_follow_up_a_week_after_the_first_moved_off_a_weekend():
    assert plan([("thank-you", "2026-11-02"), ("follow-up", "2026-11-12")]) == on_the_day("second-follow-up", D("2026-11-19"))
    # sent on Sat 7 Nov: a week later is Sat 14, so Mon 16
    assert plan([("follow-up", "2026-11-07")]) == on_the_day("second-follow-up", D("2026-11-16"))


def test_move_on_a_week_after_the_second_follow_up():
    sent = [("thank-you", "2026-11-02"), ("follow-up", "2026-11-09"), ("second-follow-up", "2026-11-14")]
    assert plan(sent) == on_the_day("move-on", D("2026-11-21"))  # a suggestion: not moved off the weekend


def test_the_next_action_follows_the_furthest_one_sent_whatever_the_order():
    assert plan([("follow-up", "2026-11-09"), ("thank-you", "2026-11-10")]) == on_the_day("second-follow-up", D("2026-11-16"))
    # sent twice: the later day counts
    assert plan([("follow-up", "2026-11-12"), ("follow-up", "2026-11-09")]) == on_the_day("second-follow-up", D("2026-11-19"))


def test_a_snooze_only_ever_moves_the_day_later():
    assert plan(snoozed=D("2026-11-05")) == on_the_day("thank-you", D("2026-11-05"))
    assert plan(snoozed=D("2026-11-02")) == THANK_YOU
    assert plan([("thank-you", "2026-11-02")], snoozed=D("2026-11-05")) == on_the_day("follow-up", FOLLOW_UP)


@pytest.mark.parametrize("final", ["offer", "rejected", "ghosted", "withdrew"])
def test_a_final_outcome_ends_every_action(final):
    assert plan(outcome=final) is None
    assert plan([("follow-up", "2026-11-09")], outcome=final, snoozed=D("2026-12-01")) is None


def test_pending_keeps_it_open():
    assert plan(outcome="pending") == THANK_YOU


# -- stored -----------------------------------------------------------------------------------


def next_of(h: History, id: int) -> tuple[str | None, str | None]:
    i = h.get(id)
    return i.next_action, i.next_action_on


@pytest.fixture
def h(isolated_home):
    with History.open(isolated_home / "history.sqlite3") as history:
        history.save(
            build_report(
                date="2026-11-02", follow_up={"thank_you_by": "2026-11-03", "reply_by": None, "follow_up_on": "2026-11-09"}
            ),
            "2026-11-02",
        )
        yield history


def test_save_stores_the_thank_you(h):
    assert next_of(h, 1) == ("thank-you", "2026-11-03")  # by the day after the interview
    assert h.get(1).next_action_from == "2026-11-02"  # and can be sent from the interview day


def test_sent_and_snooze_and_outcome_recompute_it(h):
    h.snooze(1, "2026-11-04")
    assert next_of(h, 1) == ("thank-you", "2026-11-04") and h.get(1).snoozed_until == "2026-11-04"
    assert h.record_sent(1, " Thank-You ", "2026-11-03") == "thank-you"
    assert next_of(h, 1) == ("follow-up", "2026-11-09") and h.get(1).snoozed_until is None  # sending clears it
    h.record_sent(1, "follow-up", "2026-11-12")
    assert next_of(h, 1) == ("second-follow-up", "2026-11-19")
    h.set_outcome(1, "ghosted")
    assert next_of(h, 1) == (None, None)
    h.set_outcome(1, "pending")
    assert next_of(h, 1) == ("second-follow-up", "2026-11-19")
    assert h.sent(1) == [("thank-you", "2026-11-03"), ("follow-up", "2026-11-12")]


def test_closed_interviews_take_no_sent_or_snooze(h):
    h.set_outcome(1, "offer")
    with pytest.raises(InputError, match=r"^ID 1: interview #1 is recorded as offer"):
        h.record_sent(1, "thank-you", "2026-11-03")
    with pytest.raises(InputError, match=r"^ID 1: "):
        h.snooze(1, "2026-11-20")
    assert h.sent(1) == []


def test_an_unknown_action_is_refused_with_a_suggestion(h):
    with pytest.raises(
        InputError,
        match=r"^ACTION 'folow-up' \(did you mean 'follow-up'\?\): what you sent is one of thank-you, follow-up, second-follow-up$",
    ):
        h.record_sent(1, "folow-up", "2026-11-03")
    with pytest.raises(InputError, match="^ACTION 'move-on'"):
        h.record_sent(1, "move-on", "2026-11-03")


def test_delete_removes_what_was_sent(h):
    h.record_sent(1, "thank-you", "2026-11-03")
    h.delete(1)
    assert h._conn.execute("SELECT count(*) FROM sent").fetchone()[0] == 0


def test_due_reads_through_the_index(h):
    sql, params = schema.due_query("2026-11-30")
    plan_rows = h._conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    detail = " ".join(row[-1] for row in plan_rows)
    assert "USING INDEX interviews_by_next_action_from (next_action_from<?)" in detail, detail
    assert "SCAN" not in detail and "TEMP B-TREE" not in detail, detail
    assert [i.id for i in h.due("2026-11-01")] == []
    assert [i.id for i in h.due("2026-11-02")] == [1]


# -- migrated -----------------------------------------------------------------------------------


def stored_actions(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, date, outcome, next_action, next_action_on, snoozed_until FROM interviews ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_the_v1_fixture_migrates_with_the_right_next_actions(tmp_path):
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(FIXTURE_V1, path)
    with History.open(path) as h:
        assert len(h.interviews()) == 4
        assert h.sent(3) == []
    assert stored_actions(path) == [
        (1, "2025-01-10", "offer", None, None, None),
        (2, "2025-02-20", "rejected", None, None, None),
        (3, "2025-02-03", None, "thank-you", "2025-02-04", None),  # by the day after (schema 6)
        (4, "2025-03-01", "pending", "thank-you", "2025-03-02", None),
    ]


def test_a_schema_2_database_migrates_with_the_right_next_actions(tmp_path):
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    for script in schema.MIGRATIONS[:2]:
        conn.executescript(script)
    doc = json.dumps(build_report())
    rows = [(1, "2026-10-01", None), (2, "2026-10-05", "withdrew"), (3, "2026-10-09", "pending")]
    conn.executemany(
        "INSERT INTO interviews (id, created_at, date, verdict, confidence, catalog_version, report, outcome)"
        " VALUES (?, '2026-10-10T00:00:00+00:00', ?, 'strong', 'high', 1, ?, ?)",
        [(n, day, doc, outcome) for n, day, outcome in rows],
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with History.open(path) as h:
        assert [i.id for i in h.due("2026-12-31")] == [1, 3]
        assert h.save(build_report(), "2026-10-20") == 4
    assert stored_actions(path) == [
        (1, "2026-10-01", None, "thank-you", "2026-10-02", None),  # by the day after (schema 6)
        (2, "2026-10-05", "withdrew", None, None, None),
        (3, "2026-10-09", "pending", "thank-you", "2026-10-10", None),
        (4, "2026-10-20", None, "thank-you", "2026-10-21", None),
    ]
