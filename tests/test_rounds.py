"""One application, several rounds (issue "One application, several rounds", parts 1, 2, 3 and 5).

`assess --round-of ID` saves the next round of the application ID belongs to;
the application is named by its first round's id. Every test gets its own
INTERVIEW_SIGNALS_HOME (conftest.isolated_home); nothing is asked.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import ALL_BEST, ALL_WORST, assert_usage_error, build_report, flags, run, run_json, save

from interview_signals import catalog
from interview_signals.commands import assess as pipeline
from interview_signals.commands.session import Session
from interview_signals.db import History, schema

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "history-v1.sqlite3"
SHORTER = ALL_BEST | {"length": "cut_short", "next_steps": "vague"}
NO_SCORE = dict.fromkeys(ALL_BEST, "unsure")


def acme_rounds() -> tuple[dict, dict, dict]:
    """Acme: round 1 (#1), then Globex (#2), then Acme round 2 (#3)."""
    first = save("--company", "Acme", "--role", "Data engineer", "--interviewer", "Ann Smith", "--date", "2026-11-02")
    globex = save(ALL_WORST, "--company", "Globex", "--date", "2026-11-05")
    second = save(SHORTER, "--round-of", "1", "--date", "2026-11-09")
    return first, globex, second


# -- part 1: rounds -------------------------------------------------------------------


def test_a_first_interview_is_round_1_of_its_own_application():
    doc = save("--company", "Acme")
    assert doc["id"] == 1
    assert doc["application"] == {"id": 1, "round": 1}
    assert "since_last_round" not in doc
    assert list(doc)[:2] == ["id", "application"]


def test_round_of_takes_company_role_and_interviewer_from_the_application():
    first, _, second = acme_rounds()
    assert second["id"] == 3
    assert second["application"] == {"id": 1, "round": 2}
    assert second["context"] == {
        "company": "Acme",
        "role": "Data engineer",
        "interviewer": "Ann Smith",
        "date": "2026-11-09",
    }
    assert first["application"] == {"id": 1, "round": 1}


def test_round_of_any_round_adds_the_next_round_and_a_given_interviewer_wins():
    acme_rounds()
    third = save("--round-of", "#3", "--interviewer", "Bo Chen", "--date", "2026-11-20")
    assert third["application"] == {"id": 1, "round": 3}
    assert third["context"]["interviewer"] == "Bo Chen"
    assert third["context"]["company"] == "Acme"
    fourth = save("--round-of", "1", "--date", "2026-11-20")  # the same day as the round before is fine
    assert fourth["application"] == {"id": 1, "round": 4}
    assert fourth["context"]["interviewer"] == "Bo Chen"  # from the latest round


def test_the_same_company_in_another_case_is_accepted():
    acme_rounds()
    doc = save("--round-of", "1", "--company", "ACME", "--date", "2026-11-10")
    assert doc["application"] == {"id": 1, "round": 3}


def test_no_save_still_checks_the_round_and_saves_nothing():
    acme_rounds()
    result = run("assess", *flags(ALL_BEST), "--round-of", "1", "--date", "2026-11-10", "--no-save", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(run_json("history", "--json")) == 3


def test_history_shows_the_round_in_json_rows_csv_and_the_table():
    acme_rounds()
    rows = run_json("history", "--json")
    assert [(r["id"], r["company"], r["round"]) for r in rows] == [(3, "Acme", 2), (2, "Globex", 1), (1, "Acme", 1)]
    assert list(rows[0])[:5] == ["id", "date", "company", "role", "round"]
    csv = run("history", "--csv").stdout.splitlines()
    assert csv[0] == "id,date,company,role,round,score,verdict,confidence,outcome,outcome_note,follow_up_on"
    table = run("history").stdout.splitlines()
    assert table[0].split() == ["ID", "Date", "Company", "Role", "Round", "Score", "Verdict", "Outcome"]
    assert table[1].split()[:9] == ["#3", "Mon", "9", "Nov", "2026", "Acme", "Data", "engineer", "2"]


def test_the_round_column_appears_once_an_application_has_a_second_round():
    save("--company", "Acme", "--date", "2026-11-02")
    assert run("history").stdout.splitlines()[0].split() == ["ID", "Date", "Company", "Role", "Score", "Verdict", "Outcome"]
    assert run_json("history", "--json")[0]["round"] == 1
    save("--round-of", "1", "--date", "2026-11-03")
    assert "Round" in run("history").stdout.splitlines()[0].split()
    narrow = run("history", env={"COLUMNS": "40"}).stdout.splitlines()
    assert [line.strip() for line in narrow if line.startswith("    round")] == [
        "round 2 · 100/100 strong · no",
        "round 1 · 100/100 strong · no",
    ]
    assert narrow.count("    outcome yet") == 2  # wrapped under its indent, not at the margin


def test_history_application_lists_one_applications_rounds_from_any_round():
    acme_rounds()
    for any_round in ("1", "3", "#3"):
        rows = run_json("history", "--application", any_round, "--json")
        assert [(r["id"], r["round"]) for r in rows] == [(3, 2), (1, 1)]
    assert [r["id"] for r in run_json("history", "--application", "2", "--json")] == [2]
    assert [r["id"] for r in run_json("history", "--application", "1", "--limit", "1", "--json")] == [3]
    table = run("history", "--application", "1").stdout
    assert "Globex" not in table and table.count("Acme") == 2


def test_history_application_of_an_unknown_id_is_a_usage_error():
    acme_rounds()
    assert_usage_error(run("history", "--application", "9"), "--application 9", "no interview with id 9")
    assert_usage_error(run("history", "--application", "1", "--company", "acme"), "--application")


# -- part 2: what changed since the last round ---------------------------------------------


def test_a_later_round_says_what_changed_in_catalog_order():
    first, _, second = acme_rounds()
    assert second["since_last_round"] == {
        "round": 1,
        "score_change": second["score"] - first["score"],
        "changed": [
            {"id": "length", "from": "longer", "to": "cut_short"},
            {"id": "next_steps", "from": "concrete", "to": "vague"},
        ],
    }
    assert (first["score"], second["score"]) == (100, 81)


def test_the_score_change_is_null_when_either_round_has_no_score():
    save("--company", "Acme", "--date", "2026-11-02")
    doc = save(NO_SCORE, "--round-of", "1", "--date", "2026-11-03")
    assert doc["score"] is None
    assert doc["since_last_round"]["score_change"] is None
    assert [c["id"] for c in doc["since_last_round"]["changed"]] == list(catalog.load().signal_ids)
    assert doc["since_last_round"]["changed"][0] == {"id": "vibe", "from": "warm", "to": "unsure"}


def test_the_same_answers_again_change_nothing():
    save("--company", "Acme", "--date", "2026-11-02")
    doc = save("--round-of", "1", "--date", "2026-11-03")
    assert doc["since_last_round"] == {"round": 1, "score_change": 0, "changed": []}
    text = run("show", "2").stdout
    assert "Since round 1" in text and "Answers: the same as round 1" in text
    assert "Score: 100, no change" in text


def test_show_json_has_the_application_and_what_changed():
    _, _, second = acme_rounds()
    shown = run_json("show", "3", "--json")
    assert shown["application"] == {"id": 1, "round": 2}
    assert shown["since_last_round"] == second["since_last_round"]
    first = run_json("show", "1", "--json")
    assert first["application"] == {"id": 1, "round": 1}
    assert "since_last_round" not in first


def test_the_terminal_report_has_a_short_since_section():
    acme_rounds()
    text = run("show", "3").stdout
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index("Since round 1")
    assert lines[start : start + 6] == [
        "Since round 1",
        "  - Score: 100 → 81 (-19)",
        "  - How long it ran: Longer than booked → Shorter: it ended abruptly",
        "  - Definite next steps: Yes, a clear next step with a time → A vague 'we'll be",
        "    in touch'",
        "",
    ]


def test_show_of_an_earlier_round_points_to_the_latest_for_what_is_next():
    """An earlier round has no next action: show offers no drafts or dates of its own, but the latest round's show."""
    acme_rounds()
    text = " ".join(run("show", "1").stdout.split())
    assert "Drafts:" not in text and "Your dates" not in text
    assert text.endswith(
        "Interview #1 is an earlier round; what is next belongs to its latest round, #3: interview-signals show 3"
    )
    markdown = run("show", "1", "--format", "md").stdout
    assert "Drafts:" not in markdown and "## Your dates" not in markdown and "`interview-signals show 3`" in markdown
    assert run_json("show", "1", "--json")["latest_round"] == 3
    latest = run("show", "3").stdout
    assert "Interview #3. Drafts: interview-signals draft 3 thank-you" in latest and "Your dates" in latest
    assert "latest_round" not in run_json("show", "3", "--json")


def test_a_saved_later_round_still_ends_on_where_it_was_saved():
    acme_rounds()
    result = run("assess", *flags(ALL_BEST), "--round-of", "1", "--date", "2026-11-10")
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[-1].startswith("Saved as interview #4")
    assert lines.index("Since round 2") < lines.index("What to do next")


def test_the_since_section_wraps_at_a_narrow_width():
    acme_rounds()
    result = run("show", "3", env={"COLUMNS": "40"})
    assert result.exit_code == 0, result.stderr
    assert "Since round 1" in result.stdout
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= 40
    assert "abruptly" in result.stdout  # wrapped, not cut


# -- part 3: one application, one outcome -------------------------------------------------


def test_an_outcome_on_any_round_closes_every_round():
    acme_rounds()
    assert run("outcome", "1", "rejected", "--note", "form email").exit_code == 0
    rows = {r["id"]: (r["outcome"], r["outcome_note"]) for r in run_json("history", "--json")}
    assert rows == {3: ("rejected", "form email"), 2: (None, None), 1: ("rejected", "form email")}
    assert run("outcome", "3", "offer").exit_code == 0
    rows = {r["id"]: r["outcome"] for r in run_json("history", "--json")}
    assert rows == {3: "offer", 2: None, 1: "offer"}
    assert [r["id"] for r in run_json("history", "--outcome", "open", "--json")] == [2]


def test_a_new_round_joins_its_applications_outcome():
    acme_rounds()
    run("outcome", "1", "pending", "--note", "waiting")
    doc = save("--round-of", "1", "--date", "2026-11-12")
    assert run_json("show", str(doc["id"]), "--json")["id"] == 4
    rows = {r["id"]: (r["outcome"], r["outcome_note"]) for r in run_json("history", "--application", "4", "--json")}
    assert rows == {4: ("pending", "waiting"), 3: ("pending", "waiting"), 1: ("pending", "waiting")}


def test_due_and_next_actions_are_on_the_latest_round_only(december):
    acme_rounds()
    due = run_json("due", "--json")
    assert [(r["id"], r["round"]) for r in due] == [(2, 1), (3, 2)]
    assert run_json("show", "1", "--json")["next_action"] is None
    assert run_json("show", "3", "--json")["next_action"] is not None
    result = run("remind", "1", "--ics", "-")
    assert_usage_error(result, "ID 1", "is an earlier round", "latest round, #3", "remind 3")
    assert run("remind", "3", "--ics", "-").exit_code == 0
    assert_usage_error(run("sent", "1", "thank-you"), "ID 1", "is an earlier round", "#3")
    assert_usage_error(run("snooze", "1", "--until", "2027-01-05"), "ID 1", "is an earlier round", "#3")
    assert run("sent", "3", "thank-you", "--on", "2026-11-09").exit_code == 0


def test_deleting_the_latest_round_gives_the_round_before_its_next_action_back(december):
    acme_rounds()
    assert run("delete", "3", "--yes").exit_code == 0
    assert [r["id"] for r in run_json("due", "--json")] == [1, 2]
    doc = save("--round-of", "1", "--date", "2026-11-20")
    assert doc["application"] == {"id": 1, "round": 2}  # the next after the rounds that remain


def test_stats_counts_each_application_once_by_its_latest_round():
    save("--company", "Acme", "--date", "2026-11-02")  # #1 strong
    save(ALL_WORST, "--round-of", "1", "--date", "2026-11-09")  # #2 weak: Acme's latest round
    save(ALL_WORST, "--company", "Globex", "--date", "2026-11-05")  # #3 weak
    run("outcome", "2", "offer")
    summary = run_json("stats", "--json")
    assert summary["interviews"] == 3
    assert summary["applications"] == 2
    assert summary["by_verdict"] == {"weak": 2}
    assert summary["by_outcome"]["offer"] == 1
    assert summary["by_outcome"]["none"] == 1
    assert summary["final_outcomes"] == 1
    assert summary["decisive_outcomes"] == 1
    text = run("stats").stdout
    assert text.splitlines()[0] == "3 interviews saved in 2 applications, each counted once by its latest round"


def test_calibration_reads_the_latest_rounds_answers(tmp_path):
    with History.open(tmp_path / "history.sqlite3") as h:
        for _ in range(5):
            first = h.save(build_report(ALL_BEST), "2026-11-01")
            h.save(build_report(ALL_WORST), "2026-11-02", round_of=first)
            h.set_outcome(first, "offer")
        summary = h.stats()
    assert (summary["interviews"], summary["applications"]) == (10, 5)
    vibe = next(entry for entry in summary["calibration"]["signals"] if entry["id"] == "vibe")
    assert vibe["good"]["n"] == 0  # round 1 read good, but round 2 is the latest
    assert (vibe["other"]["n"], vibe["other"]["offers"]) == (5, 5)
    assert summary["calibration"]["by_verdict"] == {"weak": {"n": 5, "offers": 5}}


# -- bad input ---------------------------------------------------------------------------------


def test_round_of_an_unknown_id_names_it():
    acme_rounds()
    assert_usage_error(run("assess", *flags(ALL_BEST), "--round-of", "42"), "--round-of 42", "no interview with id 42")
    assert len(run_json("history", "--json")) == 3


def test_round_of_with_no_history_at_all_names_the_id():
    assert_usage_error(run("assess", *flags(ALL_BEST), "--round-of", "1"), "--round-of 1", "no interview with id 1")


def test_round_of_with_another_company_is_refused():
    acme_rounds()
    result = run("assess", *flags(ALL_BEST), "--round-of", "3", "--company", "Globex", "--date", "2026-11-10")
    assert_usage_error(result, "--company 'Globex'", "a round belongs to its application's company", "Acme")
    assert len(run_json("history", "--json")) == 3


def test_a_round_dated_before_the_round_it_follows_is_refused():
    acme_rounds()
    result = run("assess", *flags(ALL_BEST), "--round-of", "1", "--date", "2026-11-08")
    assert_usage_error(result, "--date 2026-11-08", "round 2 of #1", "2026-11-09", "cannot come before")
    assert len(run_json("history", "--json")) == 3


# -- part 5: the migration ----------------------------------------------------------------------


def stored_rounds(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT id, application_id, round FROM interviews ORDER BY id").fetchall()
    finally:
        conn.close()


def indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()


def test_the_v1_fixture_becomes_one_application_per_interview(tmp_path):
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(FIXTURE_V1, path)
    with History.open(path) as h:
        before = {i.id: (i.date, i.company, i.outcome, i.score) for i in h.interviews()}
        assert [(i.id, i.application, i.round) for i in h.interviews()] == [(4, 4, 1), (2, 2, 1), (3, 3, 1), (1, 1, 1)]
        assert h.stats()["applications"] == h.stats()["interviews"] == 4
        new = h.save(build_report(company="Acme"), "2025-04-01", round_of=1)
        assert [(i.id, i.round) for i in h.rounds(1)] == [(1, 1), (new, 2)]
        assert h.get(new).outcome == "offer"  # the application's outcome
        assert {i.id: (i.date, i.company, i.outcome, i.score) for i in h.interviews() if i.id != new} == before
    assert stored_rounds(path) == [(1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 4, 1), (5, 1, 2)]
    assert "interviews_by_application" in indexes(path)
    assert schema.SCHEMA_VERSION >= 4


def test_a_schema_3_database_migrates_to_rounds_keeping_its_next_actions(tmp_path):
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    for script in schema.MIGRATIONS[:3]:
        conn.executescript(script)
    doc = build_report()
    conn.executemany(
        "INSERT INTO interviews (id, created_at, date, verdict, confidence, catalog_version, report, outcome,"
        " next_action, next_action_on) VALUES (?, '2026-10-10T00:00:00+00:00', ?, 'strong', 'high', 1, ?, ?, ?, ?)",
        [
            (1, "2026-10-01", json.dumps(doc), None, "thank-you", "2026-10-01"),
            (2, "2026-10-05", json.dumps(doc), "withdrew", None, None),
            (7, "2026-10-09", json.dumps(doc), "pending", "thank-you", "2026-10-09"),
        ],
    )
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with History.open(path) as h:
        assert [i.id for i in h.due("2026-12-31")] == [1, 7]
        assert h.save(build_report(), "2026-10-20", round_of=7) == 8
        assert [i.id for i in h.due("2026-12-31")] == [1, 8]  # round 2 took over round 1's next action
        assert h.save(build_report(), "2026-10-21") == 9
    assert stored_rounds(path) == [(1, 1, 1), (2, 2, 1), (7, 7, 1), (8, 7, 2), (9, 9, 1)]


def test_a_round_column_that_is_not_a_number_marks_the_row_damaged(tmp_path):
    path = tmp_path / "history.sqlite3"
    with History.open(path) as h:
        h.save(build_report(), "2026-10-01")
        h.save(build_report(), "2026-10-02")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE interviews SET round = 'two' WHERE id = 2")
    conn.commit()
    conn.close()
    with History.open(path, create=False) as h:
        assert [i.id for i in h.interviews()] == [1]
        assert h.warnings == ["interview #2 is damaged (its round is not a number); skipped it"]


@pytest.mark.parametrize("command", [("assess", "--help"), ("history", "--help")])
def test_the_new_options_are_in_help(command):
    text = " ".join(run(*command).stdout.split())
    assert ("--round-of" if command[0] == "assess" else "--application") in text


# -- in a terminal: "Another round of ...?" --------------------------------------------------


def assess_typed(company: str | None, reply: bool, date: str = "2026-11-20") -> tuple[dict, list[str]]:
    asked: list[str] = []

    def offer(question: str) -> bool:
        asked.append(question)
        return reply

    def ask(cat, given, ask_date, rounds):
        if company is not None:
            given.context["company"] = company
            if rounds.offer is not None:
                rounds.offer(company, offer)
        given.answers = dict(ALL_BEST)

    with Session() as session:
        layers, _ = pipeline.command_line(session, pipeline.Options(context={"date": date}), None)
        result = pipeline.assess(session, pipeline.Request(layers), ask=ask)
    assert result.not_saved is None
    return result.doc, asked


def test_a_typed_company_of_an_open_application_offers_another_round():
    acme_rounds()
    doc, asked = assess_typed("acme", True)
    assert asked == ["Another round of #1 Acme · Data engineer?"]
    assert doc["application"] == {"id": 1, "round": 3}
    assert doc["since_last_round"]["round"] == 2
    assert (doc["context"]["role"], doc["context"]["interviewer"]) == ("Data engineer", "Ann Smith")


def test_saying_no_starts_an_application_of_its_own():
    acme_rounds()
    doc, asked = assess_typed("ACME", False)
    assert asked == ["Another round of #1 Acme · Data engineer?"]
    assert doc["application"] == {"id": 4, "round": 1}
    assert "since_last_round" not in doc


def test_no_round_is_offered_for_another_company_no_company_or_an_earlier_day():
    acme_rounds()
    assert assess_typed("Acme Corp", True)[1] == []  # not the same company
    assert assess_typed(None, True)[1] == []  # no company typed
    doc, asked = assess_typed("Acme", True, date="2026-11-08")  # before its latest round, 2026-11-09
    assert asked == []
    assert doc["application"]["round"] == 1


def test_no_round_is_offered_for_a_closed_application():
    acme_rounds()
    run("outcome", "3", "rejected")
    doc, asked = assess_typed("Acme", True)
    assert asked == []
    assert doc["application"] == {"id": 4, "round": 1}


# -- edit keeps an application together ---------------------------------------------------------


def test_editing_the_company_of_one_round_renames_every_round():
    acme_rounds()
    assert run("edit", "3", "--company", "Acme Corp").exit_code == 0
    rows = {r["id"]: r["company"] for r in run_json("history", "--json")}
    assert rows == {3: "Acme Corp", 2: "Globex", 1: "Acme Corp"}
    assert run_json("show", "1", "--json")["context"]["company"] == "Acme Corp"
    assert save("--round-of", "1", "--company", "acme corp", "--date", "2026-11-20")["application"]["round"] == 3


def test_editing_a_rounds_day_keeps_it_between_its_neighbours():
    acme_rounds()
    save("--round-of", "1", "--date", "2026-11-20")  # #4, round 3
    assert_usage_error(run("edit", "3", "--date", "2026-11-01"), "--date 2026-11-01", "cannot come before round 1 (#1")
    assert_usage_error(run("edit", "3", "--date", "2026-11-21"), "--date 2026-11-21", "cannot come after round 3 (#4")
    assert_usage_error(run("edit", "1", "--date", "2026-11-10"), "cannot come after round 2 (#3, on 2026-11-09)")
    assert run("edit", "3", "--date", "2026-11-15").exit_code == 0
    assert run_json("show", "3", "--json")["context"]["date"] == "2026-11-15"


# -- the questionnaire itself, on the plain front end -------------------------------------------


def in_terminal(typed: list[str], monkeypatch, capsys, *, round_of: int | None = None, save: bool = True, **context: str):
    """`assess` as a person runs it: the questionnaire on the plain front end, reading ``typed`` a line at a time."""
    from interview_signals import prompts

    lines = iter([line + "\n" for line in typed])
    monkeypatch.setattr("sys.stdin", type("Keys", (), {"readline": staticmethod(lambda: next(lines, ""))})())
    with Session() as session:
        layers, _ = pipeline.command_line(session, pipeline.Options(context=context), None)
        request = pipeline.Request(layers, round_of=round_of, save=save)
        result = pipeline.assess(session, request, ask=lambda *args: prompts.fill_in(*args, plain=True))
    return result.doc, capsys.readouterr().err


ENTER_THROUGH = [""] * 9 + [""]  # the neutral answers, then "Looks right" in the review


@pytest.mark.parametrize("save", [True, False])
def test_another_round_is_offered_after_the_company_before_the_role_with_or_without_saving(monkeypatch, capsys, save):
    acme_rounds()
    typed = ["acme", "y", "Bob Jones", "", *ENTER_THROUGH]
    doc, shown = in_terminal(typed, monkeypatch, capsys, save=save, date="2026-11-20")
    offer = shown.index("Another round of #1 Acme · Data engineer? [y/N]")
    assert shown.index("Company?") < offer < shown.index("Who interviewed you this time?") < shown.index("1/9")
    assert "Role?" not in shown  # the yes filled it
    assert "[Ann Smith]" in shown  # last round's interviewer is the default
    assert (doc["context"]["company"], doc["context"]["role"], doc["context"]["interviewer"]) == (
        "Acme",
        "Data engineer",
        "Bob Jones",
    )
    if save:
        assert doc["application"] == {"id": 1, "round": 3}


def test_a_round_of_asks_who_interviewed_you_this_time_and_keeps_last_rounds_on_enter(monkeypatch, capsys):
    acme_rounds()
    doc, shown = in_terminal(["", "", *ENTER_THROUGH], monkeypatch, capsys, round_of=1, date="2026-11-20")
    assert "Who interviewed you this time? For the email drafts [Ann Smith]" in shown
    assert doc["context"]["interviewer"] == "Ann Smith" and doc["application"] == {"id": 1, "round": 3}


def test_a_rounds_company_is_fixed_in_the_review_which_says_how_to_start_a_new_application(monkeypatch, capsys):
    acme_rounds()
    # topic skipped, interviewer kept; in the review: pick the company (line 2), then "Looks right" (line 1)
    doc, shown = in_terminal(["", "", *([""] * 9), "2", "1"], monkeypatch, capsys, round_of=1, date="2026-11-20")
    assert "Company: Acme (round 3 of #1, fixed)" in " ".join(shown.split())
    said = " ".join(shown.split())
    assert "The company stays Acme: this is round 3 of #1 Acme · Data engineer." in said
    assert "For a new application instead, stop here (Ctrl-C) and run it again without round_of." in said
    assert "Company?" not in shown
    assert doc["context"]["company"] == "Acme" and doc["application"] == {"id": 1, "round": 3}


def test_a_rounds_day_before_the_round_it_follows_is_refused_in_place(monkeypatch, capsys):
    acme_rounds()
    doc, shown = in_terminal(["acme", "y", "", "", "2026-11-08", "2026-11-12", *ENTER_THROUGH], monkeypatch, capsys)
    assert "whose last round was on" in shown
    assert doc["context"]["date"] == "2026-11-12" and doc["application"] == {"id": 1, "round": 3}
