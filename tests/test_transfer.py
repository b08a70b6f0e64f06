"""Moving a history: `export` and `import` (issue 14, parts 2 and 4, and its bad input).

Every test gets its own INTERVIEW_SIGNALS_HOME (conftest.isolated_home); the
histories are made through the commands a user types, in this process.
"""

from __future__ import annotations

import json
import sqlite3
import string
from pathlib import Path

import pytest
from helpers import ALL_BEST, ALL_WORST, assert_usage_error, run, run_json, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_signals import transfer
from interview_signals.commands.moving import export_history, import_history
from interview_signals.commands.session import Session
from interview_signals.db import History
from interview_signals.db.schema import COLUMNS

SHORTER = ALL_BEST | {"length": "cut_short", "next_steps": "vague"}


def export(*args: str) -> bytes:
    result = run("export", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def lines(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()]


def write_lines(path: Path, docs: list[dict]) -> Path:
    path.write_bytes(b"".join(transfer.encode(doc) for doc in docs))
    return path


def fingerprint(path: Path) -> tuple[bytes, ...]:
    """Every byte of a history and its companions, to show nothing changed."""
    return tuple(p.read_bytes() for p in sorted(path.parent.glob(f"{path.name}*")))


def columns(db: Path) -> list[tuple]:
    """Every stored column of every interview, the report as the object it holds (an import stores it compact)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM interviews ORDER BY id").fetchall()
    finally:
        conn.close()
    at = COLUMNS.index("report")
    return [(*row[:at], json.loads(row[at]), *row[at + 1 :]) for row in rows]


@pytest.fixture
def full_history(december, isolated_home) -> Path:
    """Four interviews with everything a line can carry: rounds, what was sent, an outcome with a note,
    a snooze, notes (one of several lines), text from beyond ASCII (and a bidi control), and a gap where one was deleted."""
    save("--company", "Acmé 株式会社", "--role", "Data engineer", "--interviewer", "Zoë", "--date", "2026-11-02")
    save(ALL_WORST, "--company", "Globex", "--date", "2026-11-05")
    save(SHORTER, "--round-of", "1", "--date", "2026-11-09", "--topic", "their move to event sourcing \u202e")
    save("--company", "Initech", "--reply-by", "2026-12-20", "--date", "2026-12-01")
    assert run("sent", "3", "thank-you", "--on", "2026-11-09").exit_code == 0
    assert run("sent", "3", "follow-up", "--on", "2026-11-20").exit_code == 0
    assert run("outcome", "3", "pending", "--note", "they said «soon» 🤞").exit_code == 0
    assert run("snooze", "4", "--until", "2027-01-10").exit_code == 0
    assert run("note", "2", "gone with its interview").exit_code == 0
    assert run("note", "3", "Sam: «second round»\nnext week \u202e", "--on", "2026-11-10").exit_code == 0
    assert run("note", "3", "sent the portfolio", "--on", "2026-11-09").exit_code == 0
    assert run("delete", "2", "--yes").exit_code == 0
    return isolated_home / "history.sqlite3"


# -- export ----------------------------------------------------------------------------


def test_the_round_trip_gives_identical_bytes_and_the_same_history(full_history, tmp_path):
    first = export()
    assert first.count(b"\n") == 3 and first.endswith(b"\n")
    dump = tmp_path / "history.ndjson"
    dump.write_bytes(first)
    moved = tmp_path / "moved.sqlite3"
    result = run("import", str(dump), "--db", str(moved))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Imported 3 interviews from {dump}.\n"
    assert export("--db", str(moved)) == first
    assert columns(moved) == columns(full_history)  # next actions worked out again to the same
    for id in (1, 3, 4):
        assert run_json("show", str(id), "--json", "--db", str(moved)) == run_json("show", str(id), "--json")
    assert run("history", "--db", str(moved)).stdout == run("history").stdout
    assert run("due", "--db", str(moved)).stdout == run("due").stdout


def test_a_line_holds_every_stored_field_and_nothing_worked_out(full_history):
    docs = lines(export())
    assert [list(doc) for doc in docs] == [list(transfer.FIELDS)] * 3
    first, second, third = docs
    assert (first["id"], first["application"], first["round"]) == (1, 1, 1)
    assert (second["id"], second["application"], second["round"]) == (3, 1, 2)
    assert second["outcome"] == first["outcome"] == "pending"
    assert second["outcome_note"] == "they said «soon» 🤞"
    assert [s["action"] for s in second["sent"]] == ["thank-you", "follow-up"]
    assert [s["on"] for s in second["sent"]] == ["2026-11-09", "2026-11-20"]
    assert all(s["recorded_at"] for s in second["sent"])
    assert third["snoozed_until"] == "2027-01-10"
    assert [(n["on"], n["text"]) for n in second["notes"]] == [
        ("2026-11-09", "sent the portfolio"),
        ("2026-11-10", "Sam: «second round»\nnext week \u202e"),
    ]
    assert all(n["recorded_at"] for n in second["notes"]) and first["notes"] == third["notes"] == []
    assert third["report"]["follow_up"]["reply_by"] == "2026-12-20"
    assert first["report"]["context"]["company"] == "Acmé 株式会社"
    assert not {"next_action", "next_action_on", "company", "score", "verdict"} & set(first)  # worked out, not stored


def test_a_line_keeps_the_report_as_show_prints_it(full_history):
    for doc in lines(export()):
        shown = run_json("show", str(doc["id"]), "--json")
        worked_out = ("id", "application", "since_last_round", "your_history", "sent", "next_action", "notes", "latest_round")
        report = {k: v for k, v in shown.items() if k not in worked_out}
        assert doc["report"] == report
        assert list(doc["report"]) == list(report)  # the report's own key order is kept


def test_export_is_utf8_compact_and_escapes_what_a_terminal_would_act_on(full_history):
    data = export()
    assert "Acmé 株式会社".encode() in data
    assert "\u202e".encode() not in data and b"\\u202e" in data
    assert b'{"export_version":2,"id":1,"application":1,' in data
    assert export() == data  # the same history, the same bytes


def test_export_to_a_file_is_private_and_says_how_many(full_history, tmp_path):
    target = tmp_path / "out.ndjson"
    result = run("export", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Exported 3 interviews to {target}.\n"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert target.read_bytes() == export()
    assert run("export", "-").stdout_bytes == export()


def test_an_empty_or_missing_history_exports_nothing_and_creates_nothing(isolated_home, tmp_path):
    result = run("export")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert not isolated_home.exists()
    target = tmp_path / "empty.ndjson"
    assert run("export", str(target)).stderr == f"Exported 0 interviews to {target}.\n"
    assert target.read_bytes() == b""
    assert not isolated_home.exists()


def test_export_to_a_path_that_cannot_be_written_is_exit_1_and_leaves_nothing(full_history, tmp_path):
    result = run("export", str(tmp_path / "no" / "such" / "folder" / "out.ndjson"))
    assert result.exit_code == 1
    assert "FILE: cannot write" in result.stderr and "No such file or directory" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]
    folder = tmp_path / "folder"
    folder.mkdir()
    assert_usage_error(run("export", str(folder)), f"FILE: {folder} is a folder")


def test_export_failing_half_way_leaves_the_old_file_whole_and_no_temporary_file(full_history, tmp_path, monkeypatch):
    target = tmp_path / "out.ndjson"
    target.write_bytes(b"what was there before\n")
    real = transfer.encode
    calls = []

    def full_disk(doc):
        calls.append(doc["id"])
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(doc)

    monkeypatch.setattr(transfer, "encode", full_disk)
    result = run("export", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: FILE: cannot write {target}: No space left on device\n"
    assert target.read_bytes() == b"what was there before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out.ndjson"]


def test_a_damaged_interview_stops_the_export_naming_it(full_history, tmp_path):
    conn = sqlite3.connect(full_history)
    conn.execute("UPDATE interviews SET report = '{not json' WHERE id = 3")
    conn.commit()
    conn.close()
    target = tmp_path / "out.ndjson"
    result = run("export", str(target))
    assert result.exit_code == 1
    assert "interview #3 is damaged (its saved report is not valid JSON)" in result.stderr
    assert "`interview-signals delete 3`" in result.stderr
    assert not target.exists()
    result = run("export")
    assert (result.exit_code, result.stdout) == (1, "")  # to stdout too: nothing, rather than a part
    assert len(result.stderr.splitlines()) == 1


def test_export_over_the_history_itself_is_refused(full_history):
    before = fingerprint(full_history)
    assert_usage_error(run("export", str(full_history)), f"FILE: {full_history} is the history itself")
    assert fingerprint(full_history) == before


# -- import ------------------------------------------------------------------------------


@pytest.fixture
def dump(full_history, tmp_path) -> Path:
    path = tmp_path / "history.ndjson"
    path.write_bytes(export())
    return path


def test_importing_twice_adds_nothing(dump, tmp_path):
    moved = tmp_path / "moved.sqlite3"
    assert run("import", str(dump), "--db", str(moved)).exit_code == 0
    before = columns(moved)
    result = run("import", str(dump), "--db", str(moved))
    assert result.exit_code == 0
    assert result.stderr == f"Imported 0 interviews from {dump}; 3 already there were skipped.\n"
    assert columns(moved) == before
    result = run("import", str(dump))  # into the very history it came from
    assert result.stderr == f"Imported 0 interviews from {dump}; 3 already there were skipped.\n"


def test_a_taken_id_gets_a_new_one_and_rounds_and_sent_follow_it(dump, tmp_path):
    other = tmp_path / "other.sqlite3"
    save("--company", "Mine", "--date", "2026-10-01", "--db", str(other))
    save("--company", "Mine too", "--date", "2026-10-02", "--db", str(other))
    result = run("import", str(dump), "--db", str(other))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "line 1: id 1 is taken; imported as #5",  # 3 and 4 are free: kept
        f"Imported 3 interviews from {dump}.",
    ]
    rounds = run_json("history", "--application", "3", "--json", "--db", str(other))
    assert [(r["id"], r["round"], r["company"]) for r in rounds] == [(3, 2, "Acmé 株式会社"), (5, 1, "Acmé 株式会社")]
    shown = run_json("show", "3", "--json", "--db", str(other))
    assert [s["action"] for s in shown["sent"]] == ["thank-you", "follow-up"]
    assert shown["application"] == {"id": 5, "round": 2}
    assert run_json("show", "5", "--json", "--db", str(other))["next_action"] is None  # an earlier round
    assert save("--db", str(other))["id"] == 6  # ids go on after the imported ones
    again = run("import", str(dump), "--db", str(other))
    assert again.stderr == f"Imported 0 interviews from {dump}; 3 already there were skipped.\n"


def test_a_deleted_id_is_never_given_again_by_an_import(tmp_path):
    db = tmp_path / "h.sqlite3"
    save("--db", str(db), "--date", "2026-11-02")
    save("--db", str(db), "--date", "2026-11-03")
    source = tmp_path / "source.sqlite3"
    save("--db", str(source), "--date", "2026-11-04")
    save("--db", str(source), "--date", "2026-11-05")
    save("--db", str(source), "--date", "2026-11-06")
    assert run("delete", "2", "--yes", "--db", str(db)).exit_code == 0
    dump = tmp_path / "d.ndjson"
    dump.write_bytes(export("--db", str(source)))
    result = run("import", str(dump), "--db", str(db))
    assert result.stderr.splitlines()[:2] == [
        "line 1: id 1 is taken; imported as #4",
        "line 2: id 2 was used before in this history; imported as #5",
    ]
    assert [row[0] for row in columns(db)] == [1, 3, 4, 5]  # 3 was free: kept


def test_a_line_without_an_id_gets_a_new_one(dump, tmp_path):
    docs = lines(dump.read_bytes())
    del docs[2]["id"]
    docs[2]["application"] = None
    path = write_lines(tmp_path / "no-id.ndjson", docs)
    moved = tmp_path / "moved.sqlite3"
    result = run("import", str(path), "--db", str(moved))
    assert result.exit_code == 0, result.stderr
    assert [row[0] for row in columns(moved)] == [1, 3, 4]  # the next after every id in the file
    assert lines(export("--db", str(moved)))[2]["report"] == docs[2]["report"]


def test_dry_run_says_what_it_would_do_and_writes_nothing(dump, tmp_path):
    missing = tmp_path / "new" / "h.sqlite3"
    result = run("import", str(dump), "--dry-run", "--db", str(missing))
    assert result.exit_code == 0
    assert result.stderr == f"Would import 3 interviews from {dump}. Nothing was written (--dry-run).\n"
    assert not missing.parent.exists()
    other = tmp_path / "other.sqlite3"
    save("--db", str(other))
    before = fingerprint(other)
    result = run("import", str(dump), "--dry-run", "--db", str(other))
    assert result.stderr.splitlines() == [
        "line 1: id 1 is taken; would be imported as #5",
        f"Would import 3 interviews from {dump}. Nothing was written (--dry-run).",
    ]
    assert fingerprint(other) == before
    assert run("import", str(dump), "--db", str(other)).exit_code == 0
    result = run("import", str(dump), "--dry-run", "--db", str(other))
    assert (
        result.stderr
        == f"Would import 0 interviews from {dump}; 3 already there would be skipped. Nothing was written (--dry-run).\n"
    )


def test_import_reads_standard_input(dump, tmp_path):
    moved = tmp_path / "moved.sqlite3"
    result = run("import", "-", "--db", str(moved), input=dump.read_bytes())
    assert result.stderr == "Imported 3 interviews from standard input.\n"
    assert export("--db", str(moved)) == dump.read_bytes()


def test_an_empty_file_imports_nothing_and_creates_nothing(tmp_path):
    empty = tmp_path / "empty.ndjson"
    empty.write_bytes(b"\n\n")
    db = tmp_path / "h" / "h.sqlite3"
    result = run("import", str(empty), "--db", str(db))
    assert (result.exit_code, result.stderr) == (0, f"Imported 0 interviews from {empty}.\n")
    assert not db.parent.exists()


def mutate(docs: list[dict], change) -> list[dict]:
    docs = json.loads(json.dumps(docs))
    change(docs)
    return docs


BAD_LINES = {
    "a day that is not one": (
        lambda d: d[1].update(date="2026-02-30"),
        '"date" must be a day written YYYY-MM-DD; got "2026-02-30"',
    ),
    "an unknown outcome": (lambda d: d[1].update(outcome="hired"), '"outcome" must be one of offer, rejected'),
    "an unknown field": (lambda d: d[1].update(remarks="x"), 'unknown field "remarks" in an export_version 2 line'),
    "notes that are no list": (lambda d: d[1].update(notes="x"), '"notes" must be a list of {"on", "text", "recorded_at"}'),
    "a note without a time": (lambda d: d[1]["notes"][0].pop("recorded_at"), '"notes"[0] must be an object with exactly on'),
    "a note on no day": (lambda d: d[1]["notes"][0].update(on="soon"), '"notes"[0].on must be a day written YYYY-MM-DD'),
    "an empty note": (lambda d: d[1]["notes"][1].update(text=" "), '"notes"[1].text must be text, not empty'),
    "no report": (lambda d: d[1].pop("report"), '"report" is missing'),
    "a report without signals": (lambda d: d[1]["report"].pop("signals"), '"report" has no "signals" (a list)'),
    "an id that is no number": (lambda d: d[1].update(id="3"), '"id" must be a whole number from 1 up'),
    "a round 2 with no application": (lambda d: d[1].update(application=None), 'round 2 needs "application"'),
    "a round that is its own application": (lambda d: d[1].update(application=3), '"application" 3 is this interview\'s own id'),
    "a sent action that cannot be sent": (lambda d: d[1]["sent"][0].update(action="move-on"), '"sent"[0].action must be one of'),
    "a snooze that is no day": (lambda d: d[1].update(snoozed_until="soon"), '"snoozed_until" must be a day'),
    "a saved time that is no time": (lambda d: d[1].update(created_at="yesterday"), '"created_at" must be a time'),
    "an id given twice": (lambda d: d[1].update(id=1, application=4), "id 1 is already on line 1"),
    "an application naming a later round": (
        lambda d: d[2].update(application=3, round=2),
        '"application" 3 names line 2, which is round 2',
    ),
}


@pytest.mark.parametrize("case", BAD_LINES, ids=list(BAD_LINES))
def test_a_bad_line_is_exit_2_naming_it_and_nothing_is_imported(dump, tmp_path, case):
    change, message = BAD_LINES[case]
    docs = mutate(lines(dump.read_bytes()), change)
    path = write_lines(tmp_path / "bad.ndjson", docs)
    db = tmp_path / "other.sqlite3"
    save("--db", str(db))
    before = fingerprint(db)
    line = 3 if case == "an application naming a later round" else 2
    assert_usage_error(run("import", str(path), "--db", str(db)), f"line {line}: ", message)
    assert fingerprint(db) == before
    new = tmp_path / "new" / "h.sqlite3"
    assert run("import", str(path), "--db", str(new)).exit_code == 2
    assert not new.parent.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"{not json\n", "line 2: not valid JSON at column 2"),
        (b"[1, 2]\n", "line 2: not a JSON object; each line of an export is one interview"),
        (b'{"export_version": 1, "id": \xff}\n', "line 2: not UTF-8 text (byte 0xff"),
        (b'{"vibe": "warm"}\n', 'line 2: "export_version" must be a whole number such as 1'),
        (b'{"export_version": NaN}\n', "line 2: NaN is not a JSON number"),
    ],
)
def test_a_line_that_is_not_an_export_line_is_named(dump, tmp_path, raw, message):
    first = dump.read_bytes().splitlines(keepends=True)[0]
    path = tmp_path / "bad.ndjson"
    path.write_bytes(first + raw)
    assert_usage_error(run("import", str(path), "--db", str(tmp_path / "h.sqlite3")), message)
    assert not (tmp_path / "h.sqlite3").exists()


def test_a_lone_surrogate_is_refused(dump, tmp_path):
    first = dump.read_bytes().splitlines(keepends=True)[0]
    path = tmp_path / "bad.ndjson"
    path.write_bytes(first.replace(b'"outcome_note":"they said', b'"outcome_note":"\\ud800they said'))
    assert_usage_error(
        run("import", str(path), "--db", str(tmp_path / "h.sqlite3")), "line 1: holds text that is not valid Unicode"
    )


def test_a_file_from_a_newer_version_is_exit_2_naming_the_version(dump, tmp_path):
    docs = lines(dump.read_bytes())
    docs[0]["export_version"] = 3
    path = write_lines(tmp_path / "newer.ndjson", docs)
    assert_usage_error(
        run("import", str(path), "--db", str(tmp_path / "h.sqlite3")),
        "line 1: export_version 3 is newer than this interview-signals reads (up to 2); upgrade it",
    )
    assert not (tmp_path / "h.sqlite3").exists()


def test_a_version_1_file_is_read_as_before_with_no_notes(dump, tmp_path):
    docs = lines(dump.read_bytes())
    for doc in docs:
        doc["export_version"] = 1
        del doc["notes"]
    path = write_lines(tmp_path / "old.ndjson", docs)
    moved = tmp_path / "moved.sqlite3"
    assert run("import", str(path), "--db", str(moved)).exit_code == 0
    again = lines(export("--db", str(moved)))
    assert [doc["notes"] for doc in again] == [[], [], []]
    assert [{k: v for k, v in doc.items() if k not in ("export_version", "notes")} for doc in again] == [
        {k: v for k, v in doc.items() if k != "export_version"} for doc in docs
    ]
    docs[1]["notes"] = []  # notes came with version 2
    path = write_lines(tmp_path / "mixed.ndjson", docs)
    assert_usage_error(
        run("import", str(path), "--db", str(tmp_path / "h.sqlite3")), 'line 2: unknown field "notes" in an export_version 1 line'
    )


def test_an_interview_already_there_gets_the_notes_it_lacks(dump, tmp_path):
    moved = tmp_path / "moved.sqlite3"
    docs = lines(dump.read_bytes())
    kept = docs[1]["notes"]
    docs[1]["notes"] = kept[:1]
    assert run("import", str(write_lines(tmp_path / "fewer.ndjson", docs)), "--db", str(moved)).exit_code == 0
    result = run("import", str(dump), "--db", str(moved), "--dry-run")
    assert "3 already there would be skipped, with 1 note they lacked to add. Nothing was written" in result.stderr
    result = run("import", str(dump), "--db", str(moved))
    assert result.stderr == f"Imported 0 interviews from {dump}; 3 already there were skipped, with 1 note they lacked added.\n"
    assert export("--db", str(moved)) == dump.read_bytes()
    result = run("import", str(dump), "--db", str(moved))  # nothing lacking now: nothing added
    assert result.stderr == f"Imported 0 interviews from {dump}; 3 already there were skipped.\n"
    assert export("--db", str(moved)) == dump.read_bytes()


def test_a_round_the_application_already_has_is_refused(dump, tmp_path):
    moved = tmp_path / "moved.sqlite3"
    assert run("import", str(dump), "--db", str(moved)).exit_code == 0
    docs = lines(dump.read_bytes())
    docs[1]["outcome_note"] = "changed since"  # round 2 of application 1, no longer a duplicate
    path = write_lines(tmp_path / "changed.ndjson", docs)
    before = fingerprint(moved)
    assert_usage_error(
        run("import", str(path), "--db", str(moved)), "line 2: application #1 already has a round 2 (#3), different from this one"
    )
    assert fingerprint(moved) == before


def test_a_missing_file_or_a_folder_is_named(tmp_path):
    assert_usage_error(run("import", str(tmp_path / "nope.ndjson")), "FILE: no such file")
    assert_usage_error(run("import", str(tmp_path)), f"FILE: {tmp_path} is a folder")


def test_next_actions_after_an_import_are_what_the_store_works_out(dump, tmp_path):
    """The import works next actions out with each line; the store's own _refresh must agree on every row."""
    other = tmp_path / "other.sqlite3"
    save("--db", str(other), "--date", "2026-12-01")
    assert run("import", str(dump), "--db", str(other)).exit_code == 0
    before = columns(other)
    with History.open(other) as h:
        with h._write("check"):
            for row in before:
                h._refresh(row[0])
    assert columns(other) == before


# -- the round trip, for any history ------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from(string.ascii_letters + ' éß株\u202e\u2028\x85\U0001f91e"\\'), max_size=12)


@st.composite
def histories(draw):
    """A short list of steps that make a history: saves (some as later rounds), outcomes, sends, snoozes and deletes."""
    steps = []
    for _ in range(draw(st.integers(1, 6))):
        steps.append(
            (
                draw(st.sampled_from([ALL_BEST, ALL_WORST, SHORTER])),
                draw(st.integers(0, 40)),
                draw(st.booleans()),
                draw(st.one_of(st.none(), st.sampled_from(["offer", "pending", "ghosted"]))),
                draw(st.one_of(st.none(), TEXT)),
                draw(st.one_of(st.none(), TEXT)),
                draw(st.sampled_from(["none", "sent", "snooze", "delete", "note"])),
            )
        )
    return steps


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=histories())
def test_any_history_goes_round_trip_byte_for_byte(tmp_path_factory, steps):
    from interview_signals import api

    folder = tmp_path_factory.mktemp("rt")
    source, moved = folder / "a.sqlite3", folder / "b.sqlite3"
    with History.open(source) as h:
        for n, (answers, day, as_round, outcome, note, company, extra) in enumerate(steps):
            report = api.assess(answers, date=f"2026-10-{1 + day % 28:02d}", **({"company": company} if company else {}))
            ids = [i.id for i in h.interviews()]
            new = h.save(report, report["context"]["date"], round_of=ids[0] if as_round and ids else None)
            if outcome:
                h.set_outcome(new, outcome, note)
            still_open = h.get(new).outcome in (None, "pending")  # a round takes its application's outcome
            if extra == "sent" and still_open:
                h.record_sent(new, "thank-you", report["context"]["date"])
            elif extra == "snooze" and still_open:
                h.snooze(new, "2027-01-0" + str(1 + n % 9))
            elif extra == "delete" and n % 2:
                h.delete(new)
            elif extra == "note":
                for id in ids[:2] + [new]:  # the same text twice, on two interviews, on one day: all kept
                    h.add_note(id, "2026-11-0" + str(1 + n % 9), (note or "a note") + "\n" + (company or "?"))
    got: list[bytes] = []
    with Session(str(source)) as session:
        assert export_history(session, None, got.append) >= 0
    first = b"".join(got)
    dump = folder / "d.ndjson"
    dump.write_bytes(first)
    with Session(str(moved)) as session:
        done = import_history(session, str(dump), None)
    assert done.added == first.count(b"\n")
    again: list[bytes] = []
    with Session(str(moved)) as session:
        export_history(session, None, again.append)
    assert b"".join(again) == first
    if first:
        assert columns(moved) == columns(source)


def test_a_round_whose_first_round_was_deleted_keeps_its_application_apart(tmp_path):
    source = tmp_path / "source.sqlite3"
    save("--db", str(source), "--company", "Acme", "--date", "2026-11-02")
    save("--db", str(source), "--round-of", "1", "--date", "2026-11-09")
    assert run("delete", "1", "--yes", "--db", str(source)).exit_code == 0
    data = export("--db", str(source))
    assert [(d["id"], d["application"], d["round"]) for d in lines(data)] == [(2, 1, 2)]
    dump = tmp_path / "d.ndjson"
    dump.write_bytes(data)
    empty = tmp_path / "empty.sqlite3"
    assert run("import", str(dump), "--db", str(empty)).exit_code == 0
    assert export("--db", str(empty)) == data  # application 1 was free there: kept
    assert save("--db", str(empty))["application"] == {"id": 3, "round": 1}  # and 1 is never given out
    other = tmp_path / "other.sqlite3"
    save("--db", str(other), "--company", "Globex", "--date", "2026-10-01")
    assert run("import", str(dump), "--db", str(other)).exit_code == 0
    imported = lines(export("--db", str(other)))[-1]
    assert (imported["id"], imported["round"]) == (2, 2)
    assert imported["application"] not in (1, 2)  # not Globex's application, nor any id given out
    assert save("--db", str(other))["id"] > imported["application"]


def test_no_temporary_folder_is_exit_1(dump, tmp_path, monkeypatch):
    import tempfile

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkdtemp", no_room)
    result = run("import", str(dump), "--db", str(tmp_path / "h.sqlite3"))
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot make a temporary folder to check the import in: No space left on device\n"


def test_a_new_round_joins_its_application_already_imported(full_history, tmp_path):
    other = tmp_path / "other.sqlite3"
    save("--db", str(other), "--company", "Mine", "--date", "2026-10-01")
    first = tmp_path / "first.ndjson"
    first.write_bytes(export())
    assert run("import", str(first), "--db", str(other)).exit_code == 0
    before = run_json("history", "--application", "5", "--json", "--db", str(other))
    assert [(r["id"], r["round"]) for r in before] == [(3, 2), (5, 1)]
    assert run_json("show", "3", "--json", "--db", str(other))["next_action"] is not None
    save(SHORTER, "--round-of", "1", "--date", "2026-12-10")  # round 3, in the history it came from
    later = tmp_path / "later.ndjson"
    later.write_bytes(export())
    result = run("import", str(later), "--db", str(other))
    assert result.stderr.splitlines() == [
        "line 4: id 5 is taken; imported as #6",
        f"Imported 1 interview from {later}; 3 already there were skipped.",
    ]
    rounds = run_json("history", "--application", "5", "--json", "--db", str(other))
    assert [(r["id"], r["round"]) for r in rounds] == [(6, 3), (3, 2), (5, 1)]
    assert run_json("show", "3", "--json", "--db", str(other))["next_action"] is None  # no longer the latest round
    assert run_json("show", "6", "--json", "--db", str(other))["next_action"] is not None


@pytest.mark.subprocess
def test_a_pipe_is_imported_whole(dump, tmp_path):
    import subprocess

    from helpers import installed_command

    moved = tmp_path / "moved.sqlite3"
    cmd = f"cat {dump} | {installed_command()} import - --db {moved}"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    assert (proc.returncode, proc.stderr) == (0, "Imported 3 interviews from standard input.\n")
    assert export("--db", str(moved)) == dump.read_bytes()


def test_no_room_for_the_export_to_standard_output_is_exit_1(full_history, monkeypatch):
    import tempfile

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_room)
    result = run("export")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: cannot make the export in a temporary file: No space left on device\n"


def test_a_read_failing_part_way_imports_nothing(dump, tmp_path):
    import io

    from interview_signals.errors import SignalsError

    class Failing(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self._data.read(min(len(buffer), 4096))
            if not chunk:
                raise OSError(5, "Input/output error")
            buffer[: len(chunk)] = chunk
            return len(chunk)

    db = tmp_path / "h.sqlite3"
    with pytest.raises(SignalsError, match="FILE: cannot read standard input: Input/output error"):
        with Session(str(db)) as session:
            import_history(session, "-", io.BufferedReader(Failing(dump.read_bytes())))
    assert not db.exists()


def test_an_imported_history_gives_the_same_stats(isolated_home, tmp_path):
    """import works out the stats masks (schema 5) as saving does: the sample history, imported, counts the same."""
    sample = Path(__file__).parent / "fixtures" / "sample-history.ndjson"
    moved = tmp_path / "moved.sqlite3"
    assert run("import", str(sample), "--db", str(moved)).exit_code == 0
    stats = run_json("stats", "--json", "--db", str(moved))
    by_hand = isolated_home / "by-hand.sqlite3"
    with History.open(by_hand) as h:  # the same reports, saved one by one
        for line in lines(sample.read_bytes()):
            new = h.save(line["report"], line["date"])
            if line["outcome"]:
                h.set_outcome(new, line["outcome"])
    assert stats["calibration"] == run_json("stats", "--json", "--db", str(by_hand))["calibration"]
    assert stats["calibration"]["signals"][0]["id"] == "length"  # the README's example
