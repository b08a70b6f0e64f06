"""`applications`: one row an application, its stage by one rule, and its whole story by any round's id."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from types import SimpleNamespace

import pytest
from helpers import ALL_WORST, run, run_json, save

from interview_signals import application, completion, report
from interview_signals.errors import InputError

MONDAY = "2026-11-02"  # the thank-you can be done from this day, by the next; the follow-up is on 2026-11-09
FIELDS = ["id", "company", "role", "stage", "rounds", "score", "score_change", "next_action", "outcome"]


def db(home) -> sqlite3.Connection:
    from interview_signals import History

    History.open(home / "history.sqlite3").close()  # made, at schema 7, if nothing was saved yet
    return sqlite3.connect(home / "history.sqlite3")


def book(home, id: int, application_id: int, round: int, starts_at: str, **named: str) -> None:
    """A booked round, as the schema's comment says one is kept: its id drawn from the interviews' sequence."""
    with db(home) as conn:
        conn.execute(
            "INSERT INTO bookings (id, application_id, round, company, role, interviewer, starts_at, minutes, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 45, '2026-11-01T09:00:00Z')",
            (id, application_id, round, named.get("company"), named.get("role"), named.get("interviewer"), starts_at),
        )
        if not conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'interviews'", (id,)).rowcount:
            conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('interviews', ?)", (id,))


def note(home, interview_id: int, on: str, text: str) -> None:
    with db(home) as conn:
        conn.execute(
            'INSERT INTO notes (interview_id, "on", text, recorded_at) VALUES (?, ?, ?, ?)',
            (interview_id, on, text, "2026-11-05T09:00:00Z"),
        )


def listed(*args: str) -> list[dict]:
    return run_json("applications", "--json", *args)


# -- the stage rule, at its edges ----------------------------------------------------


@pytest.mark.parametrize(
    ("today", "stage"),
    [("2026-11-01", "waiting"), (MONDAY, "due"), ("2026-11-03", "due"), ("2026-11-05", "due")],
    ids=["action tomorrow", "action today", "on its day", "overdue"],
)
def test_an_application_is_due_from_the_day_its_next_action_can_be_done(today, stage):
    save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY)
    (row,) = listed("--today", today)
    assert row["stage"] == stage
    assert row["next_action"] == {"action": "thank-you", "on": "2026-11-03"}


def test_the_stage_rule_orders_outcome_then_booking_then_the_next_action():
    assert application.stage_of("rejected", True, "2026-11-01", "2026-11-02") == "rejected"
    assert application.stage_of("pending", True, "2026-11-01", "2026-11-02") == "scheduled"
    assert application.stage_of(None, False, "2026-11-02", "2026-11-02") == "due"
    assert application.stage_of(None, False, "2026-11-03", "2026-11-02") == "waiting"
    assert application.stage_of(None, False, None, "2026-11-02") == "waiting"


def test_a_booked_round_makes_it_scheduled_with_the_interview_next(isolated_home):
    save("--company", "Initech", "--role", "Analyst", "--date", MONDAY)
    book(isolated_home, 5, 1, 2, "2026-11-11 14:00", company="Initech", interviewer="Bo")
    (row,) = listed("--today", "2026-11-20")  # the thank-you is overdue by then, but a round is booked
    assert row["stage"] == "scheduled" and row["rounds"] == 2
    assert row["next_action"] == {"action": "interview", "on": "2026-11-11"}


def test_an_application_only_booked_is_listed_on_its_own(isolated_home):
    book(isolated_home, 1, 1, 1, "2026-11-11 14:00", company="Initech", role="Analyst")
    (row,) = listed("--today", "2026-11-01")
    assert row == {
        "id": 1,
        "company": "Initech",
        "role": "Analyst",
        "stage": "scheduled",
        "rounds": 1,
        "score": None,
        "score_change": None,
        "next_action": {"action": "interview", "on": "2026-11-11"},
        "outcome": None,
    }


@pytest.mark.parametrize("outcome", ["offer", "rejected", "ghosted", "withdrew"])
def test_each_final_outcome_is_the_stage_and_leaves_nothing_next(isolated_home, outcome):
    save("--company", "Acme", "--date", MONDAY)
    book(isolated_home, 7, 1, 2, "2026-11-11 14:00")  # a booking left over changes nothing once it is over
    assert run("outcome", "1", outcome).exit_code == 0
    (row,) = listed("--today", "2026-11-20")
    assert (row["stage"], row["outcome"], row["next_action"]) == (outcome, outcome, None)


def test_pending_is_still_open():
    save("--company", "Acme", "--date", MONDAY)
    assert run("outcome", "1", "pending").exit_code == 0
    (row,) = listed("--today", "2026-11-20")
    assert (row["stage"], row["outcome"]) == ("due", "pending")


# -- one row an application, its rounds and scores ------------------------------------


def test_one_row_an_application_with_its_latest_score_and_change():
    first = save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY)
    second = save(ALL_WORST, "--round-of", "1", "--date", "2026-11-09")
    (row,) = listed("--today", "2026-11-09")
    assert list(row) == FIELDS
    assert (row["id"], row["rounds"], row["score"]) == (1, 2, second["score"])
    assert row["score_change"] == second["score"] - first["score"] != 0
    assert row["next_action"] == {"action": "thank-you", "on": "2026-11-10"}  # the latest round's


# -- order and filters ---------------------------------------------------------------


def history_of_four(home) -> None:
    """#1 closed early, #2 waiting (follow-up on 11-16), #3 due (thank-you from 11-06), #4 closed late, #5 booked 11-12."""
    save("--company", "Old", "--date", "2026-10-01")
    save("--company", "Globex", "--date", "2026-11-06")
    assert run("sent", "2", "thank-you", "--on", "2026-11-06").exit_code == 0
    save("--company", "Acme", "--date", "2026-11-06")
    save("--company", "Hooli", "--date", "2026-11-04")
    for id, outcome in ((1, "rejected"), (4, "offer")):
        assert run("outcome", str(id), outcome).exit_code == 0
    book(home, 5, 5, 1, "2026-11-12 10:00", company="Initech")


def test_open_ones_come_first_by_next_action_day_then_closed_ones_newest_first(isolated_home):
    history_of_four(isolated_home)
    rows = listed("--today", "2026-11-08")
    assert [(r["id"], r["stage"]) for r in rows] == [
        (3, "due"),
        (5, "scheduled"),
        (2, "waiting"),
        (4, "offer"),
        (1, "rejected"),
    ]


def test_open_closed_stage_and_limit_filter_the_list(isolated_home):
    history_of_four(isolated_home)
    today = ("--today", "2026-11-08")
    assert [r["id"] for r in listed(*today, "--open")] == [3, 5, 2]
    assert [r["id"] for r in listed(*today, "--closed")] == [4, 1]
    assert [r["id"] for r in listed(*today, "--stage", "due")] == [3]
    assert [r["id"] for r in listed(*today, "--stage", "WAITING")] == [2]
    assert [r["id"] for r in listed(*today, "--stage", "scheduled")] == [5]
    assert [r["id"] for r in listed(*today, "--stage", "rejected")] == [1]
    assert [r["id"] for r in listed(*today, "--limit", "2")] == [3, 5]
    assert [r["id"] for r in listed(*today, "--closed", "--limit", "1")] == [4]


def test_a_mistyped_stage_is_refused_with_a_suggestion():
    result = run("applications", "--stage", "wating")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: --stage 'wating' (did you mean 'waiting'?): a stage is one of scheduled, due, waiting, offer, rejected, ghosted, withdrew"
    ]


@pytest.mark.parametrize(
    "args",
    [("--open", "--closed"), ("--open", "--stage", "due"), ("--limit", "0"), ("--limit", "3", "--all"), ("--today", "someday")],
)
def test_filters_that_cannot_be_met_are_refused_in_one_line(args):
    result = run("applications", *args)
    assert result.exit_code == 2, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_the_check_of_filters_names_what_was_given():
    with pytest.raises(InputError, match="--closed and --stage"):
        application.check_filters(False, True, "due")
    assert application.check_filters(True, False, None) == application.OPEN_STAGES


# -- formats ------------------------------------------------------------------------


def test_nl_and_csv_carry_the_same_rows(isolated_home):
    history_of_four(isolated_home)
    rows = listed("--today", "2026-11-08")
    lines = run("applications", "--nl", "--today", "2026-11-08").stdout.splitlines()
    assert [json.loads(line) for line in lines] == rows
    table = list(csv.DictReader(io.StringIO(run("applications", "--csv", "--today", "2026-11-08").stdout)))
    assert [r["id"] for r in table] == [str(r["id"]) for r in rows]
    assert (table[0]["next_action"], table[0]["next_action_on"]) == ("thank-you", "2026-11-07")
    assert table[-1]["stage"] == "rejected" and table[-1]["next_action"] == ""


@pytest.mark.parametrize("columns", ["40", "69", "70", "80", "120"])
def test_the_table_reads_at_every_width(isolated_home, columns):
    history_of_four(isolated_home)
    out = run("applications", "--today", "2026-11-08", env={"COLUMNS": columns}).stdout
    assert all(len(line) <= int(columns) for line in out.splitlines()), out
    next_days = (f"thank-you {report.day('2026-11-07')}", f"interview {report.day('2026-11-12')} 10:00")  # the tool's day form
    for shown in ("#3", "Acme", "due", *next_days, "scheduled", "offer"):
        assert shown in " ".join(out.split()), (shown, out)  # whole, if wrapped under its indent
    if columns != "70":  # at 70 the table is drawn only when its cells leave the names room enough
        assert ("Stage" in out) is (int(columns) >= 80), out  # a header row only in the table


def test_the_table_says_when_there_are_more_and_all_streams_them():
    for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
        save("--company", "Acme", "--date", day)
    out = run("applications", "--limit", "2", "--today", "2026-11-08").stdout
    assert "#1" in out and "#2" in out and "#3" not in out and "and more" in out
    out = run("applications", "--all", "--today", "2026-11-08").stdout
    assert all(f"#{n}" in out for n in (1, 2, 3)) and "and more" not in out
    assert "and more" not in run("applications", "--limit", "3").stdout


def test_nothing_saved_and_nothing_matching_say_so():
    assert "No applications yet" in run("applications").stdout
    assert listed() == []
    save("--company", "Acme", "--date", MONDAY)
    assert "No application matches that." in run("applications", "--closed").stdout


# -- the story ----------------------------------------------------------------------


def story_history(home) -> None:
    save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY, "--interviewer", "Dana", "--topic", "pipelines")
    assert run("sent", "1", "thank-you", "--on", "2026-11-03").exit_code == 0
    save(ALL_WORST, "--round-of", "1", "--date", "2026-11-09", "--interviewer", "Bo")
    book(home, 3, 1, 3, "2026-11-18 14:00", company="Acme", interviewer="Cy")
    note(home, 2, "2026-11-10", "they asked about salary")
    note(home, 3, "2026-11-12", "prepare a system design")
    note(home, 1, "2026-11-02", "a warm start")


@pytest.mark.parametrize("id", ["1", "2", "#3"], ids=["first round", "second round", "the booked round"])
def test_any_rounds_id_finds_the_application(isolated_home, id):
    story_history(isolated_home)
    doc = run_json("applications", id, "--json", "--today", "2026-11-12")
    assert doc["id"] == 1 and doc["stage"] == "scheduled"
    assert [r["id"] for r in doc["rounds"]] == [1, 2, 3]


def test_the_story_has_every_round_what_changed_what_was_sent_and_each_note(isolated_home):
    story_history(isolated_home)
    doc = run_json("applications", "2", "--json", "--today", "2026-11-12")
    assert set(doc) >= {"rounds", "sent", "notes", "outcome", "next_action"}
    first, second, booked = doc["rounds"]
    assert set(first) >= {"id", "round", "date", "interviewer", "topic", "score", "score_change", "changed"}
    assert (first["interviewer"], first["topic"], first["score_change"], first["changed"]) == ("Dana", "pipelines", None, [])
    assert second["score_change"] == second["score"] - first["score"] < 0
    assert {"id": "vibe", "from": "warm", "to": "cold"} in second["changed"]
    assert (booked["round"], booked["date"], booked["interviewer"], booked["score"]) == (3, "2026-11-18", "Cy", None)
    assert doc["sent"] == [{"id": 1, "action": "thank-you", "on": "2026-11-03"}]
    assert [(n["id"], n["on"]) for n in doc["notes"]] == [(1, "2026-11-02"), (2, "2026-11-10"), (3, "2026-11-12")]
    assert doc["next_action"] == {"action": "interview", "on": "2026-11-18"}
    assert doc["outcome"] is None


def test_the_story_in_the_terminal(isolated_home):
    story_history(isolated_home)
    assert run("outcome", "2", "offer", "--note", "a kind call").exit_code == 0
    for columns in ("40", "100"):
        out = run("applications", "1", env={"COLUMNS": columns}).stdout
        for shown in ("Acme", "Stage: offer", "Mon 2 Nov 2026", "with Dana", "Feel of the", "booked for", "a warm start"):
            assert shown in " ".join(out.split()), (shown, out)
        assert "thank-you note sent Tue 3 Nov 2026" in " ".join(out.split())
        assert "Outcome: offer (a kind call)" in out and "Next:" not in out


def test_an_unknown_id_and_a_listing_option_with_an_id_are_refused():
    result = run("applications", "9")
    assert result.exit_code == 2 and "no interview or booking with id 9" in result.stderr
    save("--company", "Acme", "--date", MONDAY)
    for args in (("1", "--open"), ("1", "--csv"), ("1", "--limit", "2")):
        result = run("applications", *args)
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)


# -- completion ---------------------------------------------------------------------


def test_ids_complete_with_company_role_and_round(isolated_home):
    assert completion.application_ids(None, "") == []
    assert not isolated_home.exists()  # completing never creates a history
    save("--company", "Acme", "--role", "Data engineer", "--date", MONDAY)
    save("--round-of", "1", "--date", "2026-11-09")
    save("--company", "Glo\x1bbex\nCorp", "--date", "2026-11-10")
    found = completion.application_ids(SimpleNamespace(params={}), "")
    assert ("1", "Acme · Data engineer · round 2") in found
    assert ("3", "Glo\\x1bbex Corp · round 1") in found
    assert [value for value, _ in completion.application_ids(None, "#3")] == ["3"]


def test_every_application_is_listed_once_even_when_its_rounds_disagree(isolated_home):
    """The stage is read from the latest round: a round before it closed by hand does not drop a booked application."""
    save("--company", "Acme", "--date", MONDAY)
    save("--round-of", "1", "--date", "2026-11-09")
    with db(isolated_home) as conn:
        conn.execute("UPDATE interviews SET outcome = 'rejected' WHERE id = 1")  # as an old import may have left it
    book(isolated_home, 3, 1, 3, "2026-11-18 14:00")
    assert [(r["id"], r["stage"]) for r in listed("--today", "2026-11-12")] == [(1, "scheduled")]


# -- the checks of the listing's options, in-process -------------------------------------


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_under_one_is_refused_saying_what_was_given(limit):
    with pytest.raises(InputError) as caught:
        application.check_limit(limit)
    assert str(caught.value) == f"--limit must be 1 or more, got {limit}"
    application.check_limit(1)  # the smallest limit, and none, are taken
    application.check_limit(None)


@pytest.mark.parametrize(
    ("open_only", "closed_only", "stage", "given"),
    [
        (True, True, None, "--open and --closed"),
        (True, False, "due", "--open and --stage"),
        (False, True, "due", "--closed and --stage"),
        (True, True, "due", "--open and --closed and --stage"),
    ],
)
def test_filters_given_together_are_named_in_the_refusal(open_only, closed_only, stage, given):
    with pytest.raises(InputError) as caught:
        application.check_filters(open_only, closed_only, stage)
    assert str(caught.value) == f"{given}: give one of --open, --closed and --stage, not several"


def test_each_filter_keeps_its_own_stages():
    assert application.check_filters(False, False, None) == application.STAGES
    assert application.check_filters(True, False, None) == ("scheduled", "due", "waiting")
    assert application.check_filters(False, True, None) == ("offer", "rejected", "ghosted", "withdrew")
    assert application.check_filters(False, False, "Waiting") == ("waiting",)
