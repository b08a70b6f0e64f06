"""The history commands through the CLI, as a specification (issue "Remember every interview").

Every test gets its own INTERVIEW_SIGNALS_HOME (conftest.isolated_home); stdin
is never a terminal under CliRunner, so nothing is ever asked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from helpers import ALL_BEST, ALL_WORST, MIXED, assert_usage_error, flags, run, run_json, save

from interview_signals import outcomes
from interview_signals.db import schema


def ids(rows: list[dict]) -> list[int]:
    return [row["id"] for row in rows]


def last_line(text: str) -> str:
    return [line for line in text.splitlines() if line.strip()][-1].strip()


# -- assess saves ------------------------------------------------------------------


def test_assess_saves_by_default_and_says_so():
    first = run("assess", *flags(ALL_BEST), "--company", "Acme")
    assert first.exit_code == 0, first.stderr
    assert last_line(first.stdout).startswith("Saved as interview #1")
    second = run("assess", *flags(MIXED), "--company", "Globex")
    assert second.exit_code == 0, second.stderr
    assert last_line(second.stdout).startswith("Saved as interview #2")
    rows = run_json("history", "--json")
    assert ids(rows) == [2, 1]
    assert [r["company"] for r in rows] == ["Globex", "Acme"]


def test_assess_json_includes_the_new_id():
    assert save()["id"] == 1
    doc = save(MIXED)
    assert doc["id"] == 2
    assert list(doc)[0] == "id"
    assert ids(run_json("history", "--json")) == [2, 1]


def test_no_save_saves_nothing():
    text = run("assess", *flags(ALL_BEST), "--company", "Acme", "--no-save")
    assert text.exit_code == 0, text.stderr
    assert "Saved as" not in text.stdout
    doc = run("assess", *flags(ALL_BEST), "--no-save", "--json")
    assert doc.exit_code == 0
    assert "id" not in json.loads(doc.stdout)
    result = run("history", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# -- history ---------------------------------------------------------------------------


@pytest.fixture
def four_interviews():
    """Saved out of date order: ids 1..4 on these dates and companies."""
    save(ALL_BEST, "--date", "2026-03-01", "--company", "Acme Corp", "--role", "Data engineer")  # 1
    save(MIXED, "--date", "2026-05-01", "--company", "Globex", "--role", "Analyst")  # 2
    save(ALL_WORST, "--date", "2026-03-01", "--company", "ACME Labs")  # 3: same day as 1, saved later
    save(ALL_BEST, "--date", "2026-01-15", "--company", "Initech", "--role", "SRE")  # 4
    return [2, 3, 1, 4]  # newest interview first, then the later id


def test_history_is_newest_first_by_interview_date_then_id(four_interviews):
    rows = run_json("history", "--json")
    assert ids(rows) == four_interviews
    assert [r["date"] for r in rows] == ["2026-05-01", "2026-03-01", "2026-03-01", "2026-01-15"]
    first = rows[0]
    assert first["company"] == "Globex" and first["role"] == "Analyst"
    assert first["verdict"] == "promising" and first["outcome"] is None
    assert rows[2]["score"] == 100 and rows[2]["verdict"] == "strong"
    assert rows[1]["score"] == 0 and rows[1]["verdict"] == "weak"


def test_history_text_lists_the_same_order(four_interviews):
    result = run("history")
    assert result.exit_code == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0][:2] == ["ID", "Date"]
    assert [int(line[0].removeprefix("#")) for line in lines[1:]] == four_interviews  # the tool writes ids as #3
    assert "Globex" in result.stdout and "Initech" in result.stdout


def test_history_limit(four_interviews):
    assert ids(run_json("history", "--json", "--limit", "2")) == four_interviews[:2]
    assert ids(run_json("history", "--json", "-n", "1")) == four_interviews[:1]
    assert ids(run_json("history", "--json", "--limit", "10")) == four_interviews


@pytest.mark.parametrize(
    ("text", "expected"), [("acme", [3, 1]), ("ACME", [3, 1]), ("cMe l", [3]), ("glob", [2]), ("nobody", [])]
)
def test_history_company_is_a_case_insensitive_substring(four_interviews, text, expected):
    assert ids(run_json("history", "--json", "--company", text)) == expected


def test_history_company_and_limit_together(four_interviews):
    assert ids(run_json("history", "--json", "--company", "acme", "--limit", "1")) == [3]


def test_history_nl_is_one_object_a_line(four_interviews):
    result = run("history", "--nl")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert [json.loads(line) for line in lines] == run_json("history", "--json")


def test_history_csv_has_a_header_and_one_row_each():
    tricky = 'Acme, "The Best" Inc'
    save(ALL_BEST, "--date", "2026-03-01", "--company", tricky, "--role", "Data engineer")
    save(MIXED, "--date", "2026-04-01")
    result = run("history", "--csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert {"id", "date", "company", "role", "score", "verdict", "outcome"} <= set(header)
    assert [r["id"] for r in rows] == ["2", "1"]
    assert rows[1]["company"] == tricky
    assert rows[1]["role"] == "Data engineer"
    assert rows[1]["score"] == "100"
    assert rows[0]["company"] == ""  # none given: an empty cell, not "None"


def test_empty_history():
    text = run("history")
    assert text.exit_code == 0, text.stderr
    lines = [line for line in text.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and "No interviews" in lines[0]
    as_json = run("history", "--json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == []
    nl = run("history", "--nl")
    assert nl.exit_code == 0
    assert nl.stdout == ""


@pytest.mark.parametrize("limit", ["0", "-3"])
def test_history_limit_must_be_positive(limit):
    save()
    assert_usage_error(run("history", "--limit", limit), "--limit", limit)


@pytest.mark.parametrize("formats", [("--json", "--nl"), ("--json", "--csv"), ("--nl", "--csv"), ("--json", "--nl", "--csv")])
def test_history_takes_one_output_format(formats):
    save()
    assert_usage_error(run("history", *formats), "--json", "--nl", "--csv")


# -- show --------------------------------------------------------------------------------


def test_show_json_is_exactly_what_assess_printed():
    printed = run("assess", *flags(MIXED), "--company", "Acme", "--role", "Analyst", "--date", "2026-11-23", "--json")
    assert printed.exit_code == 0
    save(ALL_BEST, "--company", "Other")
    shown = run("show", "1", "--json")
    assert shown.exit_code == 0, shown.stderr
    doc = json.loads(shown.stdout)
    # what was sent, what is next and the notes come after the report, which is kept as printed
    assert (doc.pop("sent"), doc.pop("next_action")) == ([], {"action": "thank-you", "on": "2026-11-24"})  # by the day after
    assert doc.pop("notes") == []
    assert doc == json.loads(printed.stdout)
    assert list(doc) == list(json.loads(printed.stdout))


def test_show_text_has_the_verdict():
    worst = save(ALL_WORST, "--company", "Acme")
    best = save(ALL_BEST, "--company", "Globex")
    assert worst["verdict_label"] != best["verdict_label"]
    result = run("show", "1")
    assert result.exit_code == 0, result.stderr
    assert worst["verdict_label"] in result.stdout and "0/100" in result.stdout and "Acme" in result.stdout
    assert best["verdict_label"] not in result.stdout and "Globex" not in result.stdout


def test_show_prints_the_outcome_and_its_note():
    save(ALL_BEST, "--company", "Acme")
    assert run("outcome", "1", "offer", "--note", "Start in March, 10% more").exit_code == 0
    result = run("show", "1")
    assert result.exit_code == 0, result.stderr
    assert last_line(result.stdout) == "Outcome: offer (Start in March, 10% more)"


def test_control_characters_in_an_outcome_note_are_shown_escaped():
    save()
    note = "Call\x1b[31m back\x07 \u202eoffer\x9b"
    assert run("outcome", "1", "pending", "--note", note).exit_code == 0
    assert run_json("history", "--json")[0]["outcome_note"] == note  # kept as typed
    result = run("show", "1")
    assert result.exit_code == 0, result.stderr
    assert last_line(result.stdout) == "Outcome: pending (Call\\x1b[31m back\\x07 \\u202eoffer\\x9b)"
    assert not any(ch in result.stdout for ch in "\x1b\x07\u202e\x9b")


def test_show_unknown_id():
    save()
    assert_usage_error(run("show", "99"), "99")
    assert_usage_error(run("show", "99", "--json"), "99")


# -- outcome ----------------------------------------------------------------------------


def test_outcome_is_recorded_and_replaced():
    save(ALL_BEST, "--company", "Acme")
    save(MIXED, "--company", "Globex")
    result = run("outcome", "1", "offer", "--note", "Start in March, 10% more")
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in run_json("history", "--json")}
    assert (rows[1]["outcome"], rows[1]["outcome_note"]) == ("offer", "Start in March, 10% more")
    assert (rows[2]["outcome"], rows[2]["outcome_note"]) == (None, None)
    again = run("outcome", "1", "rejected")
    assert again.exit_code == 0, again.stderr
    rows = {r["id"]: r for r in run_json("history", "--json")}
    assert (rows[1]["outcome"], rows[1]["outcome_note"]) == ("rejected", None)
    shown = run("show", "1")
    assert "Outcome: rejected" in shown.stdout


def test_outcome_bad_word_lists_the_allowed_ones():
    save()
    assert_usage_error(run("outcome", "1", "hired"), "hired", "offer", "rejected", "ghosted", "withdrew", "pending")
    assert run_json("history", "--json")[0]["outcome"] is None


def test_outcome_unknown_id():
    save()
    assert_usage_error(run("outcome", "7", "offer"), "7")


# -- stats --------------------------------------------------------------------------------


def test_stats_says_how_many_more_outcomes_are_needed():
    for answers in (ALL_BEST, MIXED, ALL_WORST):
        save(answers)
    run("outcome", "1", "offer")
    run("outcome", "3", "rejected")
    result = run("stats", "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["interviews"] == 3
    assert summary["needed"] == 3
    assert summary["calibration"] is None
    assert summary["by_outcome"]["offer"] == 1 and summary["by_outcome"]["rejected"] == 1
    text = run("stats")
    assert text.exit_code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert "3 more outcomes" in flat
    assert "3 interviews" in flat


def test_stats_calibration_matches_a_hand_count():
    # id: answers, outcome. Only offer/rejected/ghosted teach anything.
    plan = [
        (ALL_BEST, "offer"),  # 1
        (ALL_BEST, "offer"),  # 2
        (ALL_BEST | {"pitch": "downsides"}, "rejected"),  # 3
        (ALL_WORST, "ghosted"),  # 4
        (MIXED, "rejected"),  # 5: tour not_applicable, pitch downsides, other_offers unsure, next_steps vague
        (ALL_BEST, "withdrew"),  # 6: final but not decisive
        (ALL_BEST, "pending"),  # 7
        (ALL_BEST, None),  # 8
    ]
    for number, (answers, result) in enumerate(plan, start=1):
        save(answers)
        if result:
            assert run("outcome", str(number), result).exit_code == 0
    summary = json.loads(run("stats", "--json").stdout)
    assert summary["interviews"] == 8
    assert summary["by_outcome"] == {"offer": 2, "rejected": 2, "ghosted": 1, "withdrew": 1, "pending": 1, "none": 1}
    assert summary["needed"] == 0
    cal = summary["calibration"]
    assert (cal["n"], cal["offers"]) == (5, 2)
    signals = {entry["id"]: entry for entry in cal["signals"]}
    # good/other: (n, offers), counted by hand from the plan over ids 1-5
    expected = {
        "pitch": ((2, 2), (3, 0)),
        "vibe": ((4, 2), (1, 0)),
        "tour": ((3, 2), (1, 0)),  # #5 did not apply: in neither group
        "other_offers": ((3, 2), (1, 0)),  # #5 unsure: in neither group
        "next_steps": ((3, 2), (2, 0)),
        "length": ((4, 2), (1, 0)),
    }
    for signal, (good, other) in expected.items():
        assert (signals[signal]["good"]["n"], signals[signal]["good"]["offers"]) == good, signal
        assert (signals[signal]["other"]["n"], signals[signal]["other"]["offers"]) == other, signal
    # p0 = 3/7; pitch read good twice, both offers: (12/7 + 2) / (4 + 2)
    assert signals["pitch"]["good"]["mean"] == round((12 / 7 + 2) / 6, 3)
    assert signals["pitch"]["other"]["mean"] == round((12 / 7) / (4 + 3), 3)
    assert signals["vibe"]["good"]["mean"] == round((12 / 7 + 2) / (4 + 4), 3)
    assert set(signals) == set(ALL_BEST)
    # with five decided interviews no sign has 3 on each side, so none is read: all come last, dimmed
    assert not any(entry["enough"] for entry in cal["signals"])
    assert list(cal["by_verdict"].items()) == [
        ("strong", {"n": 3, "offers": 2}),
        ("promising", {"n": 1, "offers": 0}),
        ("weak", {"n": 1, "offers": 0}),
    ]
    text = run("stats")
    assert text.exit_code == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert "2 of 5 decided interviews (an offer, a rejection or no reply) ended in an offer (40%)." in flat
    assert "5 decided interviews; with so few, differences under about" in flat
    assert "Offers by verdict, of decided interviews: strong: 2 of 3, promising: 0 of 1, weak: 0 of 1" in flat


# -- delete ---------------------------------------------------------------------------------


def test_delete_with_yes_removes_it():
    save(ALL_BEST, "--company", "Acme")
    save(MIXED, "--company", "Globex")
    result = run("delete", "1", "--yes")
    assert result.exit_code == 0, result.stderr
    assert ids(run_json("history", "--json")) == [2]
    assert_usage_error(run("show", "1"), "1")


def test_delete_without_yes_off_a_terminal_refuses():
    save()
    assert_usage_error(run("delete", "1"), "--yes")
    assert ids(run_json("history", "--json")) == [1]


def test_delete_unknown_id():
    save()
    assert_usage_error(run("delete", "5", "--yes"), "5")
    assert ids(run_json("history", "--json")) == [1]


# -- where and --db --------------------------------------------------------------------------


def test_where_prints_the_database_path(isolated_home, tmp_path):
    result = run("where")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(isolated_home / "history.sqlite3")
    other = tmp_path / "elsewhere" / "mine.sqlite3"
    assert run("where", "--db", str(other)).stdout.strip() == str(other)


def test_db_overrides_the_home_for_every_command(tmp_path, isolated_home):
    db = str(tmp_path / "other" / "h.sqlite3")
    doc = save(ALL_BEST, "--company", "Acme", "--role", "Data engineer", "--date", "2026-11-23", "--db", db)
    assert doc["id"] == 1
    assert ids(run_json("history", "--json", "--db", db)) == [1]
    assert run_json("history", "--json") == []  # the default home saw nothing
    assert json.loads(run("show", "1", "--json", "--db", db).stdout) == doc | {
        "sent": [],
        "next_action": {"action": "thank-you", "on": "2026-11-24"},
        "notes": [],
    }
    assert_usage_error(run("show", "1"), "1")
    assert run("outcome", "1", "pending", "--db", db).exit_code == 0
    assert run_json("history", "--json", "--db", db)[0]["outcome"] == "pending"
    assert json.loads(run("stats", "--json", "--db", db).stdout)["interviews"] == 1
    assert json.loads(run("stats", "--json").stdout)["interviews"] == 0
    assert ids(json.loads(run("due", "--today", "2026-12-31", "--json", "--db", db).stdout)) == [1]
    assert json.loads(run("due", "--today", "2026-12-31", "--json").stdout) == []
    assert "Acme" in run("draft", "1", "thank-you", "--db", db).stdout
    assert b"Acme" in run("remind", "1", "--ics", "-", "--db", db).stdout_bytes
    assert run("delete", "1", "--yes", "--db", db).exit_code == 0
    assert run_json("history", "--json", "--db", db) == []


# -- assess --from -----------------------------------------------------------------------------


def test_assess_from_copies_answers_company_and_role_with_todays_date():
    first = save(ALL_BEST, "--company", "Acme", "--role", "Data engineer", "--date", "2026-01-10", "--reply-by", "friday")
    result = run("assess", "--from", "1", "--json")
    assert result.exit_code == 0, result.stderr
    copy = json.loads(result.stdout)
    assert copy["id"] == 2
    assert copy["signals"] == first["signals"]
    assert copy["context"]["company"] == "Acme" and copy["context"]["role"] == "Data engineer"
    assert copy["context"]["date"] == dt.date.today().isoformat()
    assert ids(run_json("history", "--json")) == [2, 1]


def test_assess_from_takes_date_and_flag_overrides():
    first = save(ALL_BEST, "--company", "Acme", "--role", "Data engineer", "--date", "2026-01-10")
    result = run("assess", "--from", "1", "-a", "pitch=downsides", "--date", "2026-02-01", "--json")
    assert result.exit_code == 0, result.stderr
    copy = json.loads(result.stdout)
    answers = {s["id"]: s["answer"] for s in copy["signals"]}
    assert answers == {s["id"]: s["answer"] for s in first["signals"]} | {"pitch": "downsides"}
    assert copy["context"]["date"] == "2026-02-01"
    assert copy["context"]["company"] == "Acme"
    assert copy["score"] < first["score"]
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown == first | {
        "sent": [],
        "next_action": {"action": "thank-you", "on": "2026-01-11"},
        "notes": [],
    }  # the original is untouched


def test_assess_from_unknown_id():
    assert_usage_error(run("assess", "--from", "3", "--json"), "3")


# -- when saving fails -------------------------------------------------------------------------


def _unwritable(tmp_path, how: str, monkeypatch) -> tuple[list[str], dict[str, str] | None]:
    """A history that fails as it is written (a path that cannot be one is refused before anything: test_hostile_paths)."""
    from interview_signals.db import History
    from interview_signals.errors import SignalsError

    def full_disk(self, *args, **kwargs):
        raise SignalsError("cannot save to the history: database or disk is full")

    monkeypatch.setattr(History, "save", full_disk)
    if how == "--db":
        return ["--db", str(tmp_path / "db.sqlite3")], None
    return [], {"INTERVIEW_SIGNALS_HOME": str(tmp_path / "home")}


@pytest.mark.parametrize("how", ["--db", "home"])
def test_report_is_shown_when_saving_fails(tmp_path, how, monkeypatch):
    extra, env = _unwritable(tmp_path, how, monkeypatch)
    result = run("assess", *flags(ALL_BEST), "--company", "Acme", *extra, env=env)
    assert result.exit_code == 4, (result.exit_code, result.stderr)
    assert "Strong signs" in result.stdout and "Acme" in result.stdout
    assert "Saved as" not in result.stdout
    assert "not saved" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("how", ["--db", "home"])
def test_json_is_still_valid_when_saving_fails(tmp_path, how, monkeypatch):
    extra, env = _unwritable(tmp_path, how, monkeypatch)
    result = run("assess", *flags(MIXED), "--json", *extra, env=env)
    assert result.exit_code == 4, (result.exit_code, result.stderr)
    doc = json.loads(result.stdout)
    assert "id" not in doc
    unsaved = run("assess", *flags(MIXED), "--json", "--no-save")
    assert doc == json.loads(unsaved.stdout)  # the same report, just without an id
    assert "not saved" in result.stderr


# -- bad dates and damaged files -------------------------------------------------------------------


def test_bad_date_names_the_option():
    assert_usage_error(run("assess", *flags(ALL_BEST), "--date", "2026-13-01"), "--date", "2026-13-01")
    assert run_json("history", "--json") == []


def test_a_future_interview_date_is_refused_naming_date(december):
    assert_usage_error(run("assess", *flags(ALL_BEST), "--date", "2027-01-01"), "--date", "2027-01-01", "future")
    assert run_json("history", "--json") == []
    assert save("--date", "2026-12-31")["context"]["date"] == "2026-12-31"  # today itself is fine


def test_a_future_date_by_the_real_clock_is_refused():
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert_usage_error(run("assess", *flags(ALL_BEST), "--date", tomorrow), "--date", tomorrow, "future")


@pytest.mark.parametrize(("word", "day"), [("today", "2026-12-31"), ("yesterday", "2026-12-30"), (" Yesterday ", "2026-12-30")])
def test_today_and_yesterday_are_stored_as_iso_dates(december, word, day):
    doc = save("--date", word)
    assert doc["context"]["date"] == day
    assert doc["follow_up"]["thank_you_by"] == (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    assert run_json("history", "--json")[0]["date"] == day
    assert run_json("show", "1", "--json")["context"]["date"] == day


def _corrupt(path) -> bytes:
    """A history whose schema page is destroyed, its SQLite header left to say whose it is; returns its bytes.

    (A file that is not a history at all is refused untouched, never moved aside: see test_store_safety.py.)
    """
    assert save("--db", str(path))["id"] == 1
    damaged = bytearray(path.read_bytes())
    damaged[100:4096] = b"\xff" * 3996
    path.write_bytes(bytes(damaged))
    return bytes(damaged)


def _moved_aside(db) -> list:
    return sorted(p for p in db.parent.iterdir() if p.name.startswith(db.name + ".corrupt"))


def test_a_corrupt_database_is_moved_aside_and_history_works(isolated_home):
    db = isolated_home / "history.sqlite3"
    damaged = _corrupt(db)
    result = run("history", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    (aside,) = _moved_aside(db)
    assert aside.read_bytes() == damaged
    assert str(db) in result.stderr and str(aside) in result.stderr
    assert "Traceback" not in result.stderr
    # and the fresh database works from then on, without more warnings
    assert save()["id"] == 1
    again = run("history", "--json")
    assert ids(json.loads(again.stdout)) == [1] and again.stderr == ""


def test_a_corrupt_database_given_with_db_still_saves(tmp_path):
    db = tmp_path / "mine.sqlite3"
    damaged = _corrupt(db)
    result = run("assess", *flags(ALL_BEST), "--company", "Acme", "--db", str(db), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == 1
    (aside,) = _moved_aside(db)
    assert aside.read_bytes() == damaged
    assert str(db) in result.stderr and str(aside) in result.stderr
    assert ids(run_json("history", "--json", "--db", str(db))) == [1]


# -- ids and limits too big for SQLite ----------------------------------------------------------

HUGE = "99999999999999999999"  # more than SQLite's 64-bit INTEGER holds


@pytest.mark.parametrize(
    "args",
    [
        ("show", HUGE),
        ("show", HUGE, "--json"),
        ("outcome", HUGE, "offer"),
        ("delete", HUGE, "--yes"),
        ("assess", "--from", HUGE, "--json"),
    ],
    ids=["show", "show-json", "outcome", "delete", "assess-from"],
)
def test_an_id_too_big_to_exist_is_an_unknown_id(args):
    save()
    assert_usage_error(run(*args), HUGE)
    assert ids(run_json("history", "--json")) == [1]


def test_a_huge_limit_shows_everything():
    save()
    save(MIXED)
    result = run("history", "--json", "--limit", HUGE)
    assert result.exit_code == 0, (result.exit_code, result.exception)
    assert ids(json.loads(result.stdout)) == [2, 1]


def test_a_company_filter_that_matches_nothing_says_so():
    save(ALL_BEST, "--company", "Acme")
    out = run("history", "--company", "nomatch").stdout
    assert "No saved interview matches" in out and "No interviews saved yet" not in out


def test_show_does_not_claim_it_just_saved():
    save()
    out = run("show", "1").stdout
    assert "Interview #1." in out and "Saved as" not in out


def stats_text(stats: dict, width: int) -> list[str]:
    from rich.console import Console

    from interview_signals import report_stats

    console = Console(record=True, width=width)
    report_stats.render_stats(console, stats, {"vibe": "Feel of the conversation", "pitch": "Company pitched itself"})
    return console.export_text().splitlines()


def wrapped(lines: list[str], row: str) -> str:
    """A row of the stats, with the line under it when that continues it (a narrow stacked range wraps there)."""
    after = lines[lines.index(row) + 1] if lines.index(row) + 1 < len(lines) else ""
    return f"{row} {after.strip()}" if after.startswith(" ") and not after.strip().startswith(("good", "otherwise")) else row


def test_stats_text_draws_each_signs_rates_as_bars_at_60_and_100_columns():
    from interview_signals import plain
    from interview_signals.calibration import Counts, calibrate

    signs = {"vibe": (Counts(6, 5), Counts(6, 1)), "pitch": (Counts(2, 1), Counts(10, 5))}
    calibration = calibrate(Counts(12, 6), signs, {"strong": Counts(7, 5), "weak": Counts(5, 1)})
    stats = {"interviews": 12, "by_verdict": {"strong": 7, "weak": 5}, "by_outcome": {"offer": 6}, "calibration": calibration}
    vibe = calibration["signals"][0]
    for width in (40, 60, 100):
        lines = stats_text(stats, width)
        assert max(map(len, lines)) <= width
        text = "\n".join(lines)
        assert "6 of 12 decided interviews (an offer, a rejection or no reply) ended in an offer (50%)." in " ".join(text.split())
        rows = [line for line in lines if re.search(r"\b(good|otherwise)\b +\d+ of \d+", line)]
        assert len(rows) == 4  # two sides of two signs, each with its count as it is
        good, other = rows[0], rows[1]  # vibe first (the telling one)
        assert "5 of 6" in good and "1 of 6" in other
        assert plain.likely(vibe["good"]) in wrapped(lines, good) and plain.likely(vibe["other"]) in wrapped(lines, other)
        bars = [line for line in lines if "█" in line]
        if width >= 70:  # a table: the title, and the chance it is real, on the good row
            assert bars == rows
            assert good.startswith("Feel of the conversation") and good.rstrip().endswith(plain.real(vibe))
            assert rows[2].startswith("Company pitched itself") and rows[2].rstrip().endswith(plain.TOO_FEW)
        else:  # stacked: the title and the chance on a line of its own, above its sides, each "offer rate likely"
            assert [line.split()[0] for line in rows] == ["good", "otherwise"] * 2
            assert all(f"{plain.RATE_LIKELY} " in wrapped(lines, line) for line in rows)
            assert bars == (rows if width >= 60 else [])  # a bar only where there is room for one
            above = " · ".join(lines[lines.index(good) - 2 : lines.index(good)])  # the title, and the chance beside or under it
            assert f"Feel of the conversation · {plain.REAL} " in " ".join(above.split()), above
            assert lines[lines.index(rows[2]) - 1] == f"Company pitched itself · {plain.REAL} {plain.TOO_FEW}"
        if bars:
            assert good.index("█") > other.index("█")
            assert good.rindex("█") > other.rindex("█")
        assert "Offers by verdict, of decided interviews: strong: 5 of 7, weak: 1 of 5" in " ".join(text.split())


def test_stats_text_counts_in_words():
    lines = stats_text({"interviews": 1, "by_verdict": {}, "by_outcome": {}, "calibration": None, "needed": 1}, 100)
    assert "Record 1 more outcome (" in "\n".join(lines)
    assert lines[0] == "1 interview saved"


# -- history --outcome (issue #11) -----------------------------------------------------------


@pytest.fixture
def decided():
    for company, day in (("Acme", "2026-11-02"), ("Globex", "2026-11-03"), ("Initech", "2026-11-04"), ("Hooli", "2026-11-05")):
        save(ALL_BEST, "--company", company, "--date", day)
    assert run("outcome", "1", "offer").exit_code == 0
    assert run("outcome", "2", "pending").exit_code == 0
    assert run("outcome", "3", "ghosted").exit_code == 0


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [("open", [4, 2]), ("OPEN", [4, 2]), ("offer", [1]), ("Pending", [2]), ("ghosted", [3]), ("withdrew", [])],
)
def test_history_by_outcome(decided, outcome, expected):
    assert ids(run_json("history", "--json", "--outcome", outcome)) == expected


def test_history_by_outcome_with_the_other_filters(decided):
    assert ids(run_json("history", "--json", "--outcome", "open", "--company", "hoo")) == [4]
    assert ids(run_json("history", "--json", "--outcome", "open", "--limit", "1")) == [4]
    result = run("history", "--outcome", "withdrew")
    assert result.exit_code == 0 and "No saved interview matches that." in result.stdout


def test_history_by_an_unknown_outcome(decided):
    assert_usage_error(
        run("history", "--outcome", "ofer"),
        "--outcome 'ofer' (did you mean 'offer'?): give one of offer, rejected, ghosted, withdrew, pending, open",
    )


def test_the_open_filter_is_the_one_definition_of_open():
    sql, params = schema.list_query(None, None, "open")
    assert outcomes.open_sql() in sql and params == [-1]


def test_only_the_label_of_a_labelled_line_is_bold():
    from rich.console import Console

    from interview_signals import report

    console = Console(record=True, width=80, force_terminal=True, color_system="standard")
    report.render_actions(console, [{"action": "thank-you", "on": "2026-11-24"}], None)
    report.render_outcome(console, "offer", "a kind call")
    styled = console.export_text(styles=True)
    assert "\x1b[1mSent: \x1b[0mthank-you on" in styled
    assert "\x1b[1mOutcome: \x1b[0moffer (a kind call)" in styled


def test_offers_by_verdict_list_a_verdict_this_version_does_not_know_last():
    from interview_signals.stats import Group, Tallies, summarize

    vibe = 1 << 1  # the mask with vibe's bit
    groups = [Group("zesty", "offer", vibe, 0, 2), Group("weak", "rejected", 0, vibe, 3), Group("strong", "offer", vibe, 0, 1)]
    found = summarize(Tallies(6, groups, {1: "vibe"}))
    assert list(found["calibration"]["by_verdict"]) == ["strong", "weak", "zesty"]
    assert found["by_verdict"] == {"strong": 1, "weak": 3, "zesty": 2}
    vibe_entry = found["calibration"]["signals"][0]
    assert (vibe_entry["good"]["n"], vibe_entry["good"]["offers"], vibe_entry["other"]["n"]) == (3, 3, 3)
