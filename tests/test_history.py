"""The history store: what is saved comes back, newest first, private, shared safely, and never lost."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import platformdirs
import pytest
from helpers import build_report, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_signals import outcomes, stats
from interview_signals.db import History
from interview_signals.db import schema as db_schema
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import Interview, fold
from interview_signals.paths import resolve_path

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "history-v1.sqlite3"
V1_COLUMNS = db_schema.COLUMNS[:13]  # the columns of schemas 1 and 2


@pytest.fixture
def db(isolated_home) -> Path:
    return isolated_home / "history.sqlite3"


def run_python(code: str, *args: str) -> subprocess.Popen:
    """Python code in a process of its own; -I keeps the checkout off its path, so it uses the installed package."""
    return subprocess.Popen([sys.executable, "-I", "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# -- where it lives -------------------------------------------------------------


def test_db_flag_wins_over_the_environment(isolated_home):
    assert resolve_path("~/x/h.db") == Path.home() / "x" / "h.db"
    assert resolve_path(None) == isolated_home / "history.sqlite3"


def test_without_flag_or_environment_the_platform_data_folder_is_used(monkeypatch):
    monkeypatch.delenv("INTERVIEW_SIGNALS_HOME")
    assert resolve_path(None) == Path(platformdirs.user_data_dir("interview-signals", appauthor=False)) / "history.sqlite3"


def test_an_empty_db_flag_is_refused():
    with pytest.raises(InputError, match="^--db must be a file path, got an empty string$"):
        resolve_path(" ")


def test_a_relative_path_is_made_absolute_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_path("rel/x.sqlite3") == tmp_path / "rel" / "x.sqlite3"
    assert resolve_path("x.sqlite3").is_absolute()
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", "rel")
    assert resolve_path(None) == tmp_path / "rel" / "history.sqlite3"
    monkeypatch.chdir("/")  # the folder it was resolved from, not wherever the process goes next
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", str(tmp_path / "rel"))
    assert resolve_path(None) == tmp_path / "rel" / "history.sqlite3"


def test_where_prints_an_absolute_path_for_a_relative_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("where", "--db", "rel/x.sqlite3")
    assert (result.exit_code, result.stdout) == (0, f"{tmp_path / 'rel' / 'x.sqlite3'}\n")
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", "rel")
    assert run("where").stdout == f"{tmp_path / 'rel' / 'history.sqlite3'}\n"


def test_a_db_flag_naming_a_folder_is_bad_input(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    with pytest.raises(InputError) as err:
        resolve_path(str(tmp_path / "data"))
    assert str(err.value) == f"--db: {tmp_path / 'data'} is a folder; give the path of a database file"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as err:
        resolve_path("data")
    assert str(err.value) == f"--db: {tmp_path / 'data'} is a folder; give the path of a database file"  # named absolute
    assert resolve_path(str(tmp_path / "data" / "h.sqlite3")) == tmp_path / "data" / "h.sqlite3"  # a file in it is fine


def test_a_folder_where_the_home_database_file_should_be_is_bad_input(isolated_home):
    isolated_home.mkdir()
    assert resolve_path(None) == isolated_home / "history.sqlite3"  # the home itself is a folder by design
    (isolated_home / "history.sqlite3").mkdir()
    with pytest.raises(InputError) as err:
        resolve_path(None)
    message = str(err.value)
    assert message.startswith(f"INTERVIEW_SIGNALS_HOME: {isolated_home / 'history.sqlite3'} is a folder")
    assert "\n" not in message


def test_a_folder_where_the_platform_database_file_should_be_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.delenv("INTERVIEW_SIGNALS_HOME")
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *args, **kwargs: str(tmp_path))
    (tmp_path / "history.sqlite3").mkdir()
    with pytest.raises(InputError) as err:
        resolve_path(None)
    assert (
        str(err.value)
        == f"{tmp_path / 'history.sqlite3'} is a folder where the history database file should be; move it or give --db"
    )


# -- save, get, list ------------------------------------------------------------


def test_a_saved_report_comes_back_whole(db):
    doc = build_report({"vibe": "warm", "pitch": "no", "next_steps": "vague"}, company="Acme", role="Backend Developer")
    with History.open(db) as h:
        new_id = h.save(doc, "2025-03-14")
        got = h.get(new_id)
    assert got.id == new_id == 1
    assert (got.date, got.company, got.role) == ("2025-03-14", "Acme", "Backend Developer")
    assert (got.score, got.verdict, got.confidence, got.catalog_version) == (
        doc["score"],
        doc["verdict"],
        doc["confidence"],
        doc["catalog_version"],
    )
    assert got.report == doc
    assert (got.outcome, got.outcome_note, got.outcome_at) == (None, None, None)
    saved_at = time.mktime(time.strptime(got.created_at, "%Y-%m-%dT%H:%M:%S+00:00")) - time.timezone
    assert abs(saved_at - time.time()) < 60 + 3600  # UTC, written just now (mktime's DST slack)


def test_it_persists_between_opens(db):
    with History.open(db) as h:
        h.save(build_report(company="Acme"), "2025-01-01")
    with History.open(db) as h:
        assert [i.company for i in h.interviews()] == ["Acme"]
        assert h.warnings == []


def test_a_missing_id_names_the_history_command(db):
    with History.open(db) as h, pytest.raises(InputError) as err:
        h.get(7)
    assert str(err.value) == "no interview with id 7; see `interview-signals history`"


@pytest.mark.parametrize("bad", ["14/03/2025", "2025-02-30", "20250314", "yesterday", ""])
def test_the_interview_date_must_be_a_real_day(db, bad):
    with History.open(db) as h, pytest.raises(InputError, match="date must be a day written YYYY-MM-DD"):
        h.save(build_report(), bad)


def test_a_report_without_a_verdict_is_refused(db):
    with History.open(db) as h, pytest.raises(InputError, match="the report has no 'verdict'"):
        h.save({k: v for k, v in build_report().items() if k != "verdict"}, "2025-01-01")


def test_list_is_newest_interview_first_then_last_saved(db):
    with History.open(db) as h:
        ids = {day: h.save(build_report(company=day), day) for day in ("2025-02-01", "2025-03-01", "2025-01-01")}
        same_day = h.save(build_report(company="again"), "2025-02-01")
        order = [i.id for i in h.interviews()]
        assert order == [ids["2025-03-01"], same_day, ids["2025-02-01"], ids["2025-01-01"]]
        assert [i.id for i in h.interviews(limit=2)] == order[:2]
        assert [i.id for i in h.interviews(limit=99)] == order


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_must_be_positive(db, limit):
    with History.open(db) as h, pytest.raises(InputError, match=f"--limit must be 1 or more, got {limit}"):
        h.interviews(limit=limit)


def test_company_filter_is_a_case_insensitive_substring(db):
    with History.open(db) as h:
        for company in ("Acme Corp", "Société Générale", "ACME Labs", "Globex", "100% Pure", None):
            h.save(build_report(company=company), "2025-01-01")
        names = lambda needle: sorted(i.company for i in h.interviews(company=needle))  # noqa: E731
        assert names("acme") == ["ACME Labs", "Acme Corp"]
        assert names("SOCIÉTÉ") == ["Société Générale"]
        assert names("0%") == ["100% Pure"]  # % is a letter here, not a wildcard
        assert names("_") == []
        assert names("initech") == []
        assert len(h.interviews(company="")) == 6  # no filter, rows without a company included
        assert [i.company for i in h.interviews(limit=1, company="acme")] == ["ACME Labs"]


def test_listing_walks_the_date_index_without_sorting(db):
    with History.open(db) as h:
        h.save(build_report(), "2025-01-01")
    conn = sqlite3.connect(db)
    conn.create_function(db_schema.FOLD_FUNCTION, 1, fold)
    for company in (None, "acme"):
        sql, params = db_schema.list_query(20, company)
        plan = " | ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        assert "USING INDEX interviews_by_date" in plan
        assert "TEMP B-TREE" not in plan
    conn.close()


# -- outcomes and deleting --------------------------------------------------------


def test_recording_an_outcome_again_replaces_it(db):
    with History.open(db) as h:
        new_id = h.save(build_report(), "2025-01-01")
        h.set_outcome(new_id, "pending", "Said two weeks")
        first = h.get(new_id)
        assert (first.outcome, first.outcome_note) == ("pending", "Said two weeks")
        assert first.outcome_at is not None and first.outcome_at.endswith("+00:00")
        h.set_outcome(new_id, " Offer ")
        again = h.get(new_id)
        assert (again.outcome, again.outcome_note) == ("offer", None)


def test_an_unknown_outcome_names_the_allowed_words(db):
    with History.open(db) as h:
        new_id = h.save(build_report(), "2025-01-01")
        with pytest.raises(InputError) as err:
            h.set_outcome(new_id, "hired")
        assert str(err.value) == "RESULT 'hired': an outcome is one of offer, rejected, ghosted, withdrew, pending"
        assert h.get(new_id).outcome is None
        with pytest.raises(InputError, match="no interview with id 99"):
            h.set_outcome(99, "offer")


def test_delete_removes_one_interview(db):
    with History.open(db) as h:
        keep, drop = h.save(build_report(company="keep"), "2025-01-01"), h.save(build_report(company="drop"), "2025-01-02")
        h.delete(drop)
        assert [i.id for i in h.interviews()] == [keep]
        with pytest.raises(InputError, match=f"no interview with id {drop}"):
            h.delete(drop)


def test_ids_are_never_reused_after_a_delete(db):
    with History.open(db) as h:
        assert [h.save(build_report(), "2025-01-01") for _ in range(3)] == [1, 2, 3]
        h.delete(3)
        assert h.save(build_report(), "2025-01-01") == 4
    with History.open(db) as h:  # and not after reopening either
        h.delete(4)
        assert h.save(build_report(), "2025-01-01") == 5
        assert [i.id for i in h.interviews()] == [5, 2, 1]


def test_every_write_takes_the_write_lock_first(db):
    with History.open(db) as h:
        assert h._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert h._conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
        seen: list[str] = []
        h._conn.set_trace_callback(seen.append)
        new_id = h.save(build_report(), "2025-01-01")
        h.set_outcome(new_id, "offer")
        h.delete(new_id)
    words = [s.split()[0] for s in seen]
    # each write is one transaction, its write first (working out the next action reads and updates after it)
    transactions = " ".join(words).split(" COMMIT")
    assert transactions[-1] == ""
    assert [t.split()[:2] for t in transactions[:-1]] == [["BEGIN", "INSERT"], ["BEGIN", "UPDATE"], ["BEGIN", "DELETE"]]
    assert all(t.split().count("BEGIN") == 1 for t in transactions[:-1])
    assert all(s == "BEGIN IMMEDIATE" for s in seen if s.startswith("BEGIN"))


def test_a_full_disk_is_a_signals_error_and_nothing_half_written(db):
    with History.open(db) as h:
        h.save(build_report(), "2025-01-01")
        pages = h._conn.execute("PRAGMA page_count").fetchone()[0]
        h._conn.execute(f"PRAGMA max_page_count = {pages}")  # the database may not grow: as good as a full disk
        big = build_report() | {"summary": "x" * 100_000}
        with pytest.raises(SignalsError) as err:
            h.save(big, "2025-01-02")
        assert str(err.value) == f"cannot save to the history database {db}: database or disk is full"
        assert len(h.interviews()) == 1
        assert not h._conn.in_transaction


# -- stats and calibration ----------------------------------------------------------


# An answer that reads each way, for the signals the interviews below use.
ANSWER_READING = {
    "vibe": {"good": "warm", "neutral": "neutral", "concerning": "cold", "not_counted": "unsure"},
    "pitch": {"good": "yes", "neutral": "no", "concerning": "downsides", "not_counted": "unsure"},
    "tour": {"good": "yes"},
}


def interview(n: int, outcome: str | None, **readings: str) -> Interview:
    """A saved interview whose report (from an older, shorter questionnaire) holds only these signals, reading so."""
    doc = build_report({signal: ANSWER_READING[signal][reading] for signal, reading in readings.items()})
    doc["signals"] = [s for s in doc["signals"] if s["id"] in readings]
    assert {s["id"]: s["reading"] for s in doc["signals"]} == {k: v.replace("_", " ") for k, v in readings.items()}
    return Interview(
        n,
        "2025-01-01T00:00:00+00:00",
        "2025-01-01",
        None,
        None,
        doc["score"],
        doc["verdict"],
        doc["confidence"],
        doc["catalog_version"],
        doc,
        outcome,
    )


# Worked by hand. Decisive: A, B, C, D, E (2 offers of 5). F withdrew, G pending, H unknown: left out.
A = interview(1, "offer", vibe="good", pitch="good", tour="good")
B = interview(2, "offer", vibe="good", pitch="neutral")
C = interview(3, "rejected", vibe="good", pitch="concerning")
D = interview(4, "ghosted", vibe="neutral", pitch="good")
E = interview(5, "rejected", vibe="concerning", pitch="not_counted")
F = interview(6, "withdrew", vibe="good", pitch="good")
G = interview(7, "pending", vibe="good", pitch="good")
H = interview(8, None, vibe="good", pitch="good")


def stored(db: Path, *interviews: Interview) -> dict:
    """Save these interviews' reports with their outcomes, and return the history's stats."""
    with History.open(db) as h:
        for item in interviews:
            saved = h.save(item.report, item.date)
            if item.outcome:
                h.set_outcome(saved, item.outcome)
        return h.stats(("vibe", "pitch", "tour"))


def counts(summary: dict) -> dict:
    """Each sign's (n, offers) when it read good and otherwise."""
    return {e["id"]: tuple((e[g]["n"], e[g]["offers"]) for g in ("good", "other")) for e in summary["calibration"]["signals"]}


def test_calibration_compares_offers_when_a_signal_read_good_against_the_rest(db):
    summary = stored(db, A, B, C, D, E, F, G, H)
    assert counts(summary) == {
        "vibe": ((3, 2), (2, 0)),  # good: A B C; otherwise D E
        "pitch": ((2, 1), (2, 1)),  # good: A D; otherwise B C (E was not counted: in neither group)
        "tour": ((1, 1), (0, 0)),  # only A's report holds it
    }
    calibration = summary["calibration"]
    assert (calibration["n"], calibration["offers"], calibration["base_rate"]) == (5, 2, 0.429)  # (2 + 1) / (5 + 2)
    vibe = calibration["signals"][0]
    assert vibe["id"] == "vibe" and vibe["good"]["mean"] == round(26 / 49, 3)  # (12/7 + 2) / (4 + 3)


def test_stats_give_calibration_from_five_decisive_outcomes(db):
    stats = stored(db, A, B, C, D, E, F, G, H)
    assert stats["interviews"] == 8
    assert stats["by_verdict"] == {"too_few": 8}  # two or three signals each: too few for a verdict
    assert stats["by_outcome"] == {"offer": 2, "rejected": 2, "ghosted": 1, "withdrew": 1, "pending": 1, "none": 1}
    assert stats["final_outcomes"] == 6  # withdrew is final, pending and none are not
    assert (stats["decisive_outcomes"], stats["needed"]) == (5, 0)
    assert stats["calibration"]["by_verdict"] == {"too_few": {"n": 5, "offers": 2}}
    assert stats["calibration"]["caveat"].startswith("5 decided interviews; with so few,")
    json.dumps(stats)  # JSON-ready


def test_below_five_decisive_outcomes_stats_say_how_many_more_are_needed(db, isolated_home):
    stats = stored(db, A, B, C, D, F, G, H)
    assert (stats["decisive_outcomes"], stats["final_outcomes"], stats["needed"], stats["calibration"]) == (4, 5, 1, None)
    assert stored(isolated_home / "empty.sqlite3")["needed"] == 5


WARM_WARM_COLD = (("warm", "yes", "concrete"), ("warm", "yes", "concrete"), ("cold", "downsides", "chase_assistant"))


def test_stats_from_the_database(db):
    with History.open(db) as h:
        # pitch and next_steps are there so each has enough weight for a verdict
        ids = [h.save(build_report({"vibe": v, "pitch": p, "next_steps": p2}), "2025-01-01") for v, p, p2 in WARM_WARM_COLD]
        h.set_outcome(ids[0], "offer")
        h.set_outcome(ids[2], "withdrew")
        stats = h.stats()
    assert stats["by_verdict"] == {"strong": 2, "weak": 1}
    assert stats["by_outcome"] == {"offer": 1, "rejected": 0, "ghosted": 0, "withdrew": 1, "pending": 0, "none": 1}
    assert (stats["final_outcomes"], stats["decisive_outcomes"], stats["needed"], stats["calibration"]) == (2, 1, 4, None)


def readings(path: Path) -> list[tuple]:
    """The readings table's rows for answered signals (build_report lists the unanswered ones too, with no answer)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT interview_id, signal, answer, reading FROM readings WHERE answer IS NOT NULL ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()


def test_the_readings_table_follows_every_save_correction_and_delete(db):
    with History.open(db) as h:
        first = h.save(build_report({"vibe": "warm", "pitch": "unsure"}), "2025-01-01")
        second = h.save(build_report({"vibe": "cold"}), "2025-01-02")
    assert readings(db) == [
        (first, "pitch", "unsure", "not counted"),
        (first, "vibe", "warm", "good"),
        (second, "vibe", "cold", "concerning"),
    ]
    with History.open(db) as h:
        h.replace_report(first, build_report({"vibe": "neutral"}), "2025-01-01")
        h.delete(second)
    assert readings(db) == [(first, "vibe", "neutral", "neutral")]


def masks(path: Path) -> dict[int, tuple[set[str], set[str]]]:
    """Each interview's stats masks, as the signs that read good and those that read otherwise."""
    conn = sqlite3.connect(path)
    try:
        bits = dict(conn.execute("SELECT bit, signal FROM signal_bits"))
        rows = conn.execute("SELECT id, read_good, read_other FROM interviews ORDER BY id").fetchall()
    finally:
        conn.close()
    return {i: ({bits[b] for b in bits if good >> b & 1}, {bits[b] for b in bits if other >> b & 1}) for i, good, other in rows}


def test_the_masks_follow_every_save_and_correction_and_a_sign_listed_twice_counts_by_its_first_entry(db):
    report = build_report({"vibe": "warm"})
    report["signals"] = [*report["signals"], {**report["signals"][0], "answer": "cold", "reading": "concerning"}]
    with History.open(db) as h:
        kept = h.save(build_report({"vibe": "neutral", "pitch": "yes", "tour": "not_applicable"}), "2025-01-01")
        twice = h.save(report, "2025-01-02")
    assert masks(db) == {kept: ({"pitch"}, {"vibe"}), twice: ({"vibe"}, set())}  # not counted: in neither
    with History.open(db) as h:
        h.replace_report(kept, build_report({"vibe": "cold"}), "2025-01-01")
    assert masks(db)[kept] == (set(), {"vibe"})
    assert (kept, "vibe", "cold", "concerning") in readings(db)  # the view follows the report


def test_a_schema_4_history_gets_its_readings_when_it_migrates(db):
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)
    for script in db_schema.MIGRATIONS[:4]:
        conn.executescript(script)
    report = build_report({"vibe": "warm", "next_steps": "vague"})
    rows = [(json.dumps(report), 1), ("not json", 2), (json.dumps({"signals": "oops"}), 3)]
    conn.executemany(
        "INSERT INTO interviews (id, created_at, date, verdict, confidence, catalog_version, report, application_id)"
        " VALUES (?, '2025-01-01T00:00:00+00:00', '2025-01-01', 'mixed', 'low', 1, ?, ?)",
        [(n, text, n) for text, n in rows],
    )
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with History.open(db):
        pass
    assert user_version(db) == db_schema.SCHEMA_VERSION
    assert readings(db) == [(1, "next_steps", "vague", "concerning"), (1, "vibe", "warm", "good")]  # the damaged two give none
    found = masks(db)
    assert found[1] == ({"vibe"}, {"next_steps"}) and found[2] == found[3] == (set(), set())
    with History.open(db) as h:  # what the migration worked out is what saving works out
        again = h.save(build_report({"vibe": "warm", "next_steps": "vague"}), "2025-01-02")
    assert masks(db)[again] == found[1]


# -- private files -------------------------------------------------------------------

PERMISSIONS = """
import json, os, stat, sys
os.umask(int(sys.argv[1], 8))
import interview_signals
from interview_signals.db import History
path = sys.argv[2]
with History.open(path) as h:
    h.save(interview_signals.assess({"vibe": "warm"}, date="2025-01-01"), "2025-01-01")
    files = sys.argv[3:] + [path, path + "-wal", path + "-shm"]
    print(json.dumps({p: stat.S_IMODE(os.stat(p).st_mode) for p in files}))
"""


# 0o000 would give 0644 files without os.open's mode; 0o277 takes the owner's write bit from os.open's 0o600 and
# mkdir's 0o700 (0o400, 0o500), so only the chmods after them make 0600 and 0700: the test fails without them.
@pytest.mark.subprocess
@pytest.mark.parametrize("umask", ["000", "277"])
def test_folder_is_0700_and_files_0600_whatever_the_umask(tmp_path, umask):
    top, inner = tmp_path / "new", tmp_path / "new" / "inner"
    path = inner / "history.sqlite3"
    tmp_path.chmod(0o755)
    proc = run_python(PERMISSIONS, umask, str(path), str(top), str(inner))
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    modes = {Path(p).name: oct(mode) for p, mode in json.loads(out).items()}
    assert modes == {
        "new": "0o700",
        "inner": "0o700",
        "history.sqlite3": "0o600",
        "history.sqlite3-wal": "0o600",
        "history.sqlite3-shm": "0o600",
    }
    assert oct(tmp_path.stat().st_mode & 0o777) == "0o755"  # a folder that was already there is left as it was


# -- several runs at once ------------------------------------------------------------

WRITER = """
import json, sys, time
from interview_signals.db import History
path, worker, start, report = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
for n in range(50):
    with History.open(path) as h:  # one open per save, as the CLI does
        h.save(report, "2025-01-01")
"""


@pytest.mark.subprocess
def test_eight_processes_saving_at_once_lose_nothing(db):
    start = time.time() + 1.0  # all start together, on a database none of them has created yet
    procs = [run_python(WRITER, str(db), f"w{n}", str(start), json.dumps(build_report(company=f"w{n}"))) for n in range(8)]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0] * 8, [err for _, err in results]
    with History.open(db) as h:
        rows = h.interviews()
    assert len(rows) == 400
    assert sorted(i.id for i in rows) == list(range(1, 401))
    assert {w: sum(i.company == w for i in rows) for w in {i.company for i in rows}} == {f"w{n}": 50 for n in range(8)}


# -- schema versions -----------------------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_database_from_a_newer_version_is_refused_untouched(db, journal):
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE interviews (id INTEGER PRIMARY KEY, follow_up TEXT)")
    conn.execute(f"PRAGMA user_version = {db_schema.SCHEMA_VERSION + 1}")
    conn.execute(f"PRAGMA application_id = {db_schema.APPLICATION_ID}")  # as every version since schema 2 sets it
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(SignalsError) as err:
        History.open(db)
    assert str(err.value) == (
        f"{db} was written by a newer version of interview-signals "
        f"(schema {db_schema.SCHEMA_VERSION + 1}, this one knows up to {db_schema.SCHEMA_VERSION}); upgrade the tool"
    )
    assert db.read_bytes() == before
    # Reading a WAL database makes SQLite create its (empty) companions; nothing is written to them.
    wal = db.parent / "history.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0


def test_another_programs_sqlite_file_is_not_taken_over(db):
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(SignalsError, match="is an SQLite database but not an interview-signals history"):
        History.open(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
    conn.close()


def copy_fixture(tmp_path: Path) -> Path:
    """Never open the fixture in place: opening may migrate it."""
    path = tmp_path / "v1" / "history.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE_V1, path)
    return path


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_the_v1_fixture_opens_and_reads(tmp_path):
    assert user_version(FIXTURE_V1) == 1
    path = copy_fixture(tmp_path)
    with History.open(path) as h:
        rows = h.interviews()
        assert [(i.id, i.date, i.company, i.role, i.outcome) for i in rows] == [
            (4, "2025-03-01", "Globex", None, "pending"),
            (2, "2025-02-20", "Société Générale", "Data Analyst", "rejected"),
            (3, "2025-02-03", None, None, None),
            (1, "2025-01-10", "Acme", "Backend Developer", "offer"),
        ]
        acme = h.get(1)
        assert (acme.verdict, acme.outcome_note, acme.created_at) == ("strong", "Start in March", "2025-03-01T12:00:00+00:00")
        assert acme.report["context"] == {"company": "Acme", "role": "Backend Developer"}
        assert {s["id"]: s["reading"] for s in acme.report["signals"]}["vibe"] == "good"
        assert (h.get(3).score, h.get(3).verdict) == (None, "unknown")
        assert h.stats()["by_outcome"]["none"] == 1
        h.save(build_report(company="New"), "2025-04-01")  # and it takes new interviews
    assert user_version(path) == db_schema.SCHEMA_VERSION


def v1_database(path: Path, ids: list[int]) -> Path:
    """A schema-1 file, as MIGRATIONS[:1] leaves it, holding rows with these ids."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(db_schema.MIGRATIONS[0])
    doc = build_report()
    conn.executemany(
        "INSERT INTO interviews (id, created_at, date, score, verdict, confidence, catalog_version, report)"
        " VALUES (?, '2025-01-01T00:00:00+00:00', '2025-01-01', ?, ?, ?, ?, ?)",
        [(n, doc["score"], doc["verdict"], doc["confidence"], doc["catalog_version"], json.dumps(doc)) for n in ids],
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return path


def schema(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'"))
    finally:
        conn.close()


def test_schema_2_makes_ids_autoincrement(db):
    assert db_schema.SCHEMA_VERSION >= 2
    with History.open(db):
        pass
    tables = schema(db)
    assert "AUTOINCREMENT" in tables["interviews"]
    assert "interviews_by_date" in tables and "interviews_v2" not in tables
    assert tables["interviews_by_date"] == "CREATE INDEX interviews_by_date ON interviews (date, id, company)"


def test_upgrading_the_v1_fixture_keeps_every_row_and_never_reuses_an_id(tmp_path):
    path = copy_fixture(tmp_path)
    conn = sqlite3.connect(path)
    before = conn.execute(f"SELECT {', '.join(V1_COLUMNS)} FROM interviews ORDER BY id").fetchall()
    conn.close()
    assert [row[0] for row in before] == [1, 2, 3, 4]
    with History.open(path) as h:
        assert user_version(path) == db_schema.SCHEMA_VERSION
        conn = sqlite3.connect(path)
        after = conn.execute(f"SELECT {', '.join(V1_COLUMNS)} FROM interviews ORDER BY id").fetchall()
        assert conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall() == [("interviews", 4)]
        conn.close()
        assert after == before  # every column of every row, ids included
        assert h.save(build_report(company="New"), "2025-04-01") == 5
        h.delete(5)
        assert h.save(build_report(company="Newer"), "2025-04-02") == 6
        assert [i.id for i in h.interviews()] == [6, 4, 2, 3, 1]
    tables = schema(path)
    assert "AUTOINCREMENT" in tables["interviews"] and "interviews_v2" not in tables
    assert tables["interviews_by_date"] == "CREATE INDEX interviews_by_date ON interviews (date, id, company)"


@pytest.mark.parametrize(("ids", "next_id"), [([], 1), ([2, 7, 5], 8)])
def test_the_upgrade_counts_on_from_the_highest_id_copied(tmp_path, ids, next_id):
    path = v1_database(tmp_path / "old" / "history.sqlite3", ids)
    with History.open(path) as h:
        assert sorted(i.id for i in h.interviews()) == sorted(ids)
        if ids:
            h.delete(max(ids))
        assert h.save(build_report(), "2025-01-01") == next_id


def test_the_v1_fixture_is_still_schema_1(tmp_path):
    """The committed fixture holds exactly what the first migration creates, so
    later schemas (appended, never edited) never change what it stands for."""
    fresh = tmp_path / "fresh.sqlite3"
    conn = sqlite3.connect(fresh)
    conn.executescript(db_schema.MIGRATIONS[0])
    conn.close()
    assert user_version(FIXTURE_V1) == 1
    assert schema(FIXTURE_V1) == schema(fresh)


def test_a_new_schema_is_one_appended_script_applied_on_open(tmp_path, monkeypatch):
    path = copy_fixture(tmp_path)
    current = db_schema.SCHEMA_VERSION
    monkeypatch.setattr(db_schema, "MIGRATIONS", (*db_schema.MIGRATIONS, "ALTER TABLE interviews ADD COLUMN follow_up TEXT;"))
    monkeypatch.setattr(db_schema, "SCHEMA_VERSION", len(db_schema.MIGRATIONS))
    with History.open(path) as h:
        assert len(h.interviews()) == 4
        assert h.save(build_report(), "2025-04-01") == 5
    assert user_version(path) == current + 1  # 1 -> the latest in one open, the appended one last
    conn = sqlite3.connect(path)
    assert "follow_up" in [row[1] for row in conn.execute("PRAGMA table_info(interviews)")]
    conn.close()
    assert "AUTOINCREMENT" in schema(path)["interviews"]


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    path = copy_fixture(tmp_path)
    broken = "CREATE TABLE follow_ups (id INTEGER); ALTER TABLE no_such_table ADD COLUMN x TEXT;"
    monkeypatch.setattr(db_schema, "MIGRATIONS", (*db_schema.MIGRATIONS, broken))
    monkeypatch.setattr(db_schema, "SCHEMA_VERSION", len(db_schema.MIGRATIONS))
    with pytest.raises(SignalsError, match=f"cannot open the history database {path}: no such table: no_such_table"):
        History.open(path)
    assert user_version(path) == 1
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["interviews"]
    assert [r[0] for r in conn.execute("SELECT id FROM interviews ORDER BY id")] == [1, 2, 3, 4]
    conn.close()
    assert "AUTOINCREMENT" not in schema(path)["interviews"]  # schema 2's rebuild was rolled back with it


# -- damage and unusable places --------------------------------------------------------


def test_a_damaged_history_is_moved_aside_with_its_wal_and_a_new_one_started(db):
    # A file that is not a history at all is refused untouched instead: see test_store_safety.py.
    with History.open(db) as h:
        h.save(build_report(), "2025-01-01")
    damaged = bytearray(db.read_bytes())
    damaged[100:4096] = b"\xff" * 3996  # the schema page, after a valid header
    db.write_bytes(bytes(damaged))
    (db.parent / "history.sqlite3-wal").write_bytes(b"stale wal")
    with History.open(db) as h:
        assert len(h.warnings) == 1
        [aside] = [p for p in db.parent.glob("history.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
        assert aside.read_bytes() == bytes(damaged)
        assert Path(f"{aside}-wal").read_bytes() == b"stale wal"  # moved with it, never replayed into the new one
        assert str(db) in h.warnings[0] and str(aside) in h.warnings[0]
        assert "database disk image is malformed" in h.warnings[0]
        assert h.interviews() == []
        h.save(build_report(), "2025-01-01")
    with History.open(db) as h:
        assert (len(h.interviews()), h.warnings) == (1, [])


def test_a_damaged_database_is_moved_aside(db):
    with History.open(db) as h:
        h.save(build_report(), "2025-01-01")
    damaged = bytearray(db.read_bytes())
    damaged[100:4096] = b"\xff" * 3996  # the schema page, after a valid header
    db.write_bytes(bytes(damaged))
    with History.open(db) as h:
        assert "database disk image is malformed" in h.warnings[0]
        assert h.interviews() == []
    names = sorted(p.name for p in db.parent.iterdir())
    assert len(names) == 2 and names[0] == "history.sqlite3" and names[1].startswith("history.sqlite3.corrupt-")
    assert (db.parent / names[1]).read_bytes() == bytes(damaged)


def test_a_folder_under_a_regular_file_is_a_signals_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for folder in (blocker, blocker / "sub"):
        with pytest.raises(SignalsError) as err:
            History.open(folder / "history.sqlite3")
        assert str(folder) in str(err.value) and "\n" not in str(err.value)
        assert type(err.value) is SignalsError  # the machine's side: exit 1, or 4 after a report
    assert blocker.read_text() == "not a folder"


def test_a_folder_where_the_file_should_be_is_a_signals_error(db):
    db.mkdir(parents=True)
    with pytest.raises(SignalsError, match=f"cannot use {db} as the history database: it is a folder"):
        History.open(db)


def test_stats_count_an_outcome_word_this_version_does_not_know_under_its_own_name(db):
    """A history written by a newer version may hold an outcome word this one lacks."""
    stored(db, interview(1, "offer"), interview(2, None), interview(3, None))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE interviews SET outcome = 'hired' WHERE id > 1")
    conn.commit()
    conn.close()
    with History.open(db) as h:
        found = h.stats()["by_outcome"]
    assert (found["offer"], found["hired"], found["none"]) == (1, 2, 0)


def test_calibration_counts_an_interview_whose_report_lists_no_signals_in_no_group(db):
    bare = interview(1, None, vibe="good")
    bare.report["signals"] = []
    found = stored(db, bare._replace(outcome="offer"), *(interview(n, "rejected", vibe="good") for n in range(2, 6)))
    assert (found["calibration"]["n"], found["calibration"]["offers"]) == (5, 1)
    assert counts(found) == {"vibe": ((4, 0), (0, 0))}


READINGS = ("good", "neutral", "concerning", "not_counted")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan=st.lists(
        st.tuples(
            st.fixed_dictionaries({"vibe": st.sampled_from(READINGS), "pitch": st.sampled_from(READINGS)}),
            st.sampled_from((None, *outcomes.ALL)),
            st.integers(0, 3),  # 0: a new application; k: a later round of the k-th saved before, if any
        ),
        max_size=14,
    )
)
def test_the_counts_in_sql_agree_with_counting_each_applications_latest_round_by_hand(tmp_path_factory, plan):
    path = tmp_path_factory.mktemp("stats") / "history.sqlite3"
    with History.open(path) as h:
        ids: list[int] = []
        for n, (readings, outcome, round_of) in enumerate(plan):
            report = interview(n + 1, None, **readings).report
            earlier = ids[-round_of] if 0 < round_of <= len(ids) else None
            ids.append(h.save(report, "2025-01-01", round_of=earlier))
            if outcome:
                h.set_outcome(ids[-1], outcome)
        found = h.stats()
        latest = stats.latest_rounds(h.interviews())
    decided = [i for i in latest if i.outcome in outcomes.DECISIVE]
    assert found["interviews"] == len(plan)
    assert found["applications"] == len(latest)
    assert found["decisive_outcomes"] == len(decided)
    if found["calibration"] is None:
        assert len(decided) < 5
        return
    by_hand: dict[str, tuple] = {}
    for signal in ("vibe", "pitch"):
        groups = [[0, 0], [0, 0]]
        for i in decided:
            reading = next(s["reading"] for s in i.report["signals"] if s["id"] == signal)
            if reading != "not counted":
                groups[reading != "good"][0] += 1
                groups[reading != "good"][1] += i.outcome == "offer"
        by_hand[signal] = tuple(map(tuple, groups))
    assert counts(found) == {k: v for k, v in by_hand.items() if v != ((0, 0), (0, 0))}


def test_a_bit_given_in_a_write_that_failed_is_not_remembered(db, monkeypatch):
    with History.open(db) as h:
        h.save(build_report({"vibe": "warm"}), "2025-01-01")
        report = build_report({"pitch": "yes"})
        report["signals"] = [{**s, "id": "pitch_v2"} if s["id"] == "pitch" else s for s in report["signals"]]
        monkeypatch.setattr(h, "_refresh_application", lambda id: (_ for _ in ()).throw(sqlite3.OperationalError("disk full")))
        with pytest.raises(SignalsError, match="disk full"):
            h.save(report, "2025-01-02")  # pitch_v2 got a bit, then the write rolled back
        monkeypatch.undo()
        other = build_report({"tour": "yes"})
        other["signals"] = [{**s, "id": "tour_v2"} if s["id"] == "tour" else s for s in other["signals"]]
        again = h.save(other, "2025-01-03")  # a new sign takes the next free bit: the one pitch_v2 had
        h.save(report, "2025-01-04")
    found = masks(db)
    assert found[again][0] == {"tour_v2"}
    assert max(found) != again and found[max(found)][0] == {"pitch_v2"}


def test_stats_count_every_sign_however_many_there_are(db):
    """Masks have no cap: a sign given bit 70 (past SQLite's 64-bit integers) counts like the first."""
    many = [f"sign_{n:02d}" for n in range(70)]

    def report(reading: str) -> dict:
        doc = build_report({"vibe": "warm"})
        model = doc["signals"][0]
        doc["signals"] = [*doc["signals"], *({**model, "id": sign, "reading": reading} for sign in many)]
        return doc

    with History.open(db) as h:
        for n, (reading, outcome) in enumerate([("good", "offer")] * 3 + [("neutral", "rejected")] * 2):
            h.set_outcome(h.save(report(reading), f"2025-01-0{n + 1}"), outcome)
        found = counts(h.stats())
    assert len(found) == 71  # vibe and all seventy
    assert found["sign_00"] == found["sign_69"] == ((3, 3), (2, 0))
    assert found["vibe"] == ((5, 3), (0, 0))
