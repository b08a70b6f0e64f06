"""The store under hostile conditions: a damaged saved report, a --db that is
not a history, a history that does not exist yet, and files left too open.

Each section is a class of fault a hostile trial found; every test here failed
against the code before its fix.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import ALL_BEST, MIXED, assert_usage_error, build_report, flags, installed_command, run, run_json, save

from interview_signals import interview, shape
from interview_signals.db import History, header, opening, schema
from interview_signals.errors import InputError, SignalsError

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "history-v1.sqlite3"


def ids(rows: list[dict]) -> list[int]:
    return [row["id"] for row in rows]


def one_line(text: str) -> str:
    """The only line of ``text``."""
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def set_column(db: Path, interview_id: int, column: str, value: object) -> None:
    """Change one stored value behind the tool's back, as a hand edit or a bad disk would."""
    conn = sqlite3.connect(db)
    conn.execute(f"UPDATE interviews SET {column} = ? WHERE id = ?", (value, interview_id))
    conn.commit()
    conn.close()


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes: what a refusal must leave as it was."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


# == A. a damaged saved report ==================================================================

GOOD = build_report()  # a real report, as assess makes it
REMOVED = object()


def broken(**changes: object) -> str:
    """GOOD with some fields changed (REMOVED takes one away), as JSON."""
    report = {key: value for key, value in (GOOD | changes).items() if value is not REMOVED}
    return json.dumps(report)


def broken_signal(**changes: object) -> str:
    first = {key: value for key, value in (GOOD["signals"][0] | changes).items() if value is not REMOVED}
    return broken(signals=[first, *GOOD["signals"][1:]])


FOLLOW_UP = {"thank_you_by": "2026-11-24", "follow_up_on": "2026-11-30", "reply_by": None}
# what a hand edit, a bad disk or another tool can leave in the report column, and what the warning says
DAMAGE = {
    "invalid-json": ("{not json", "is not valid JSON"),
    "nested-too-deep": ("[" * 100_000 + "]" * 100_000, "is not valid JSON"),
    "not-an-object": ("[1, 2, 3]", "is not a JSON object"),
    "a-string": ('"strong"', "is not a JSON object"),
    "no-signals": (broken(signals=REMOVED), 'has no "signals" (a list)'),
    "signals-not-a-list": (broken(signals={"vibe": "warm"}), 'has a "signals" that is not a list'),
    "signal-not-an-object": (broken(signals=["vibe"]), 'has a "signals[0]" that is not an object'),
    "signal-without-id": (broken_signal(id=REMOVED), 'has no "signals[0].id" (text)'),
    "signal-without-label": (broken_signal(answer_label=REMOVED), '"signals[0].answer_label"'),
    "points-as-text": (broken_signal(points="100"), '"signals[0].points" that is not a whole number'),
    "no-verdict": (broken(verdict=REMOVED), 'has no "verdict"'),
    "no-verdict-label": (broken(verdict_label=REMOVED), '"verdict_label"'),
    "score-as-text": (broken(score="77"), '"score"'),
    "score-true": (broken(score=True), '"score"'),
    "no-advice": (broken(advice=REMOVED), '"advice"'),
    "advice-without-text": (broken(advice=[{"kind": "next_step", "signal": None}]), 'has no "advice[0].text"'),
    "no-caveat": (broken(caveat=REMOVED), '"caveat"'),
    "ask-next-not-a-list": (broken(ask_next="when will you decide?"), '"ask_next"'),
    "question-without-text": (broken(ask_next=[{"signal": "next_steps", "question": None}]), '"ask_next[0].question"'),
    "context-not-an-object": (broken(context="Acme"), '"context"'),
    "follow-up-not-an-object": (broken(follow_up="friday"), '"follow_up"'),
    "follow-up-day-not-a-date": (broken(follow_up=FOLLOW_UP | {"follow_up_on": "soon"}), "follow_up.follow_up_on"),
    "thank-you-day-missing": (broken(follow_up={"follow_up_on": "2026-11-30"}), "follow_up.thank_you_by"),
    "reply-by-not-a-date": (broken(follow_up=FOLLOW_UP | {"reply_by": 5}), "follow_up.reply_by"),
}


@pytest.fixture
def three(isolated_home, december) -> Path:
    """Three saved interviews, all with a follow-up day before 'today' (31 Dec 2026)."""
    save(ALL_BEST, "--company", "Acme", "--date", "2026-11-02")
    save(MIXED, "--company", "Globex", "--date", "2026-11-03")
    save(ALL_BEST, "--company", "Initech", "--date", "2026-11-04")
    return isolated_home / "history.sqlite3"


def assert_skipped(result, interview_id: int, reason: str) -> None:
    """Exit 0, and one warning on stderr naming the interview and what is wrong with it."""
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    warning = one_line(result.stderr)
    assert warning.startswith(f"Warning: interview #{interview_id} is damaged (its saved report "), warning
    assert reason in warning and warning.endswith("; skipped it"), warning


@pytest.mark.parametrize("kind", DAMAGE)
def test_listing_commands_skip_a_damaged_report_with_a_warning(three, kind):
    text, reason = DAMAGE[kind]
    set_column(three, 2, "report", text)
    assert_skipped(result := run("history", "--json"), 2, reason)
    assert ids(json.loads(result.stdout)) == [3, 1]
    assert_skipped(result := run("history"), 2, reason)
    assert "Acme" in result.stdout and "Globex" not in result.stdout
    assert_skipped(result := run("due", "--json"), 2, reason)
    assert ids(json.loads(result.stdout)) == [1, 3]
    # stats counts in SQL from the saved columns and answers, never reading a report: the damaged one still counts
    result = run("stats", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout)["interviews"] == 3


@pytest.mark.parametrize("kind", DAMAGE)
def test_reading_one_damaged_interview_fails_naming_it(three, kind):
    text, reason = DAMAGE[kind]
    set_column(three, 2, "report", text)
    for args in (
        ("show", "2"),
        ("show", "2", "--json"),
        ("draft", "2", "thank-you"),
        ("remind", "2", "--ics", "-"),
        ("assess", "--from", "2", "--json"),
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.exit_code, result.stderr, result.exception)
        message = one_line(result.stderr)
        assert message.startswith("Error: interview #2 is damaged (its saved report "), (args, message)
        assert reason in message, (args, message)
        assert result.stdout == "", args
    # every other interview stays readable
    assert run_json("show", "1", "--json")["context"]["company"] == "Acme"
    assert run("draft", "3", "thank-you").exit_code == 0
    assert run("remind", "1", "--ics", "-").exit_code == 0


def test_a_report_saved_before_ask_next_still_shows_as_it_was_saved(isolated_home):
    """Reports saved before there were questions to ask have no "ask_next": shown as saved, no section, no crash."""
    saved = save(MIXED, "--company", "Acme", "--date", "2026-11-02")
    assert saved["ask_next"]  # MIXED has signs in doubt: a report made today asks
    old = {key: value for key, value in saved.items() if key not in ("id", "ask_next")}
    assert shape.report_problem(old) is None and shape.report_problem(GOOD) is None
    set_column(isolated_home / "history.sqlite3", saved["id"], "report", json.dumps(old))
    result = run("show", str(saved["id"]))
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert "What the doubts may mean" in result.stdout and "What to do next" in result.stdout
    assert "Ask next time" not in result.stdout
    shown = run_json("show", str(saved["id"]), "--json")
    assert "ask_next" not in shown and shown["advice"] == saved["advice"]
    # and a report saved with it shows its questions
    new = save(MIXED, "--company", "Globex", "--date", "2026-11-03")
    assert "Ask next time" in run("show", str(new["id"])).stdout
    assert run_json("show", str(new["id"]), "--json")["ask_next"] == saved["ask_next"]
    # replaying the old report scores it again, questions included
    again = run_json("assess", "--from", str(saved["id"]), "--json", "--no-save")
    assert again["ask_next"] == saved["ask_next"]


def test_a_damaged_interview_can_still_be_deleted_or_given_an_outcome(three):
    set_column(three, 2, "report", "{not json")
    assert run("outcome", "2", "rejected").exit_code == 0
    result = run("delete", "2", "--yes")
    assert result.exit_code == 0, result.stderr
    again = run("history", "--json")
    assert (ids(json.loads(again.stdout)), again.stderr) == ([3, 1], "")


def test_history_limit_counts_readable_interviews(three):
    set_column(three, 3, "report", "{not json")
    result = run("history", "--json", "--limit", "2")
    assert ids(json.loads(result.stdout)) == [2, 1]
    assert "interview #3 is damaged" in result.stderr


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("date", "someday", "its date is not a day"),
        ("date", "2026-02-30", "its date is not a day"),
        ("company", b"\xffAcme", "its company is not text"),  # a BLOB: TEXT columns turn numbers into text, not bytes
        ("verdict", b"strong", "its verdict is not text"),
        ("score", "high", "its score is not a number"),
    ],
)
def test_a_damaged_column_is_damage_too(three, column, value, reason):
    set_column(three, 2, column, value)
    result = run("history", "--json")
    assert result.exit_code == 0, result.stderr
    assert ids(json.loads(result.stdout)) == [3, 1]
    warning = one_line(result.stderr)
    assert warning.startswith("Warning: interview #2 is damaged (") and reason in warning and warning.endswith("; skipped it")
    assert ids(json.loads(run("due", "--json").stdout)) == [1, 3]
    assert run("show", "2").exit_code == 1


def test_the_store_skips_damage_into_warnings_and_never_prints(tmp_path, capsys):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        first, second = h.save(GOOD, "2025-01-01"), h.save(GOOD, "2025-01-02")
    set_column(db, second, "report", "{not json")
    with History.open(db) as h:
        assert [i.id for i in h.interviews()] == [first]
        assert [i.id for i in h.open_interviews()] == [first]
        assert h.stats()["interviews"] == 2  # counted from its columns: stats reads no report
        assert h.warnings == [f"interview #{second} is damaged (its saved report is not valid JSON); skipped it"] * 2
        with pytest.raises(SignalsError) as err:
            h.get(second)
        assert type(err.value) is interview.DamagedInterview and err.value.exit_code == 1
        assert str(err.value).startswith(f"interview #{second} is damaged (its saved report is not valid JSON)")
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("report", "fragment"),
    [
        ({key: value for key, value in GOOD.items() if key != "signals"}, 'the report has no "signals" (a list)'),
        (GOOD | {"context": []}, '"context"'),
        ({key: value for key, value in GOOD.items() if key != "advice"}, '"advice"'),
        (GOOD | {"ask_next": [{"signal": "vibe"}]}, '"ask_next[0].question"'),
    ],
)
def test_a_report_that_could_not_be_read_back_is_not_saved(tmp_path, report, fragment):
    with History.open(tmp_path / "h.sqlite3") as h:
        with pytest.raises(InputError) as err:
            h.save(report, "2025-01-01")
        assert fragment in str(err.value) and "only reports made by interview-signals can be saved" in str(err.value)
        assert h.interviews() == []


# == B. a --db that is not a history =============================================================

NOT_HISTORIES = {
    "json": b'{"company": "Acme", "notes": ["went well"]}\n',
    "bashrc": b"# ~/.bashrc\nexport PATH=$HOME/bin:$PATH\nalias ll='ls -l'\n",
    "binary": b"This is not an SQLite database at all.\x00\xff\xfe" * 200,
    "sqlite-header-then-junk": b"SQLite format 3\x00" + b"\x10\x00\x02\x02" + b"junk" * 2000,
}
# (args, exit code): assess too checks --db before it asks or scores anything, so refuses it with exit 2
COMMANDS = [
    (("history", "--json"), 2),
    (("show", "1"), 2),
    (("stats", "--json"), 2),
    (("due", "--json"), 2),
    (("draft", "1", "thank-you"), 2),
    (("remind", "1", "--ics", "-"), 2),
    (("outcome", "1", "offer"), 2),
    (("delete", "1", "--yes"), 2),
    (("assess", *flags(ALL_BEST), "--json"), 2),
]


def assert_refused(result, path: Path, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr, result.exception)
    message = one_line(result.stderr.splitlines()[-1])
    assert str(path) in message and "not an interview-signals history" in message and "choose another --db" in message, message


@pytest.mark.parametrize("kind", NOT_HISTORIES)
@pytest.mark.parametrize(("args", "code"), COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_a_file_that_is_not_a_history_is_refused_and_left_as_it_was(tmp_path, kind, args, code):
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_bytes(NOT_HISTORIES[kind])
    path.chmod(0o644)
    before = listing(folder)
    assert_refused(run(*args, "--db", str(path)), path, code)
    assert listing(folder) == before  # the same bytes, nothing moved aside, no -wal, -shm or -journal beside it
    assert mode(path) == "0o644"


def foreign_database(path: Path, journal: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize(("args", "code"), COMMANDS, ids=[c[0][0] for c in COMMANDS])
def test_another_programs_database_is_refused_and_not_written_to(tmp_path, journal, args, code):
    path = foreign_database(tmp_path / "other" / "app.db", journal)
    before = listing(path.parent)
    result = run(*args, "--db", str(path))
    assert_refused(result, path, code)
    assert "is an SQLite database but not an interview-signals history" in result.stderr
    assert listing(path.parent) == before


# Another program's database that merely looks like a history: a table called interviews, even our own
# CREATE TABLE start, our schema with no version, or our schema under another program's application id.
OUR_SCHEMA = [sql for (sql,) in sqlite3.connect(FIXTURE_V1).execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")]
LOOKALIKES = {
    "a-table-called-interviews": (["CREATE TABLE interviews (body TEXT)"], 0, 0),
    "our-create-table-start": (["CREATE TABLE interviews (id INTEGER PRIMARY KEY, body TEXT)"], 1, 0),
    "our-schema-without-a-version": (OUR_SCHEMA, 0, 0),
    "our-schema-under-another-application-id": (OUR_SCHEMA, 1, 0x0BADF00D),
}


def lookalike(path: Path, kind: str) -> Path:
    statements, version, application_id = LOOKALIKES[kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.commit()
    conn.close()
    path.chmod(0o644)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return path


def moving_commands(tmp_path: Path) -> list[tuple[tuple[str, ...], int]]:
    """export, backup and import (with a good export to import) beside the commands above."""
    lines = tmp_path / "lines.ndjson"
    source = tmp_path / "source.sqlite3"
    save("--db", str(source))
    assert run("export", str(lines), "--db", str(source)).exit_code == 0
    return [
        (("export",), 2),
        (("export", str(tmp_path / "out.ndjson")), 2),
        (("backup", str(tmp_path / "copy.sqlite3")), 2),
        (("import", str(lines)), 2),
        (("sent", "1", "thank-you"), 2),
        (("snooze", "1", "--until", "2030-01-01"), 2),
        (("edit", "1", "--company", "Initech"), 2),
    ]


@pytest.mark.parametrize("kind", LOOKALIKES)
def test_another_programs_database_that_looks_like_a_history_is_left_byte_for_byte(tmp_path, kind):
    """Recognised by our application id, or by our exact schema for its version, before anything is changed."""
    path = lookalike(tmp_path / "other" / "app.db", kind)
    before = (listing(path.parent), mode(path), path.stat().st_mtime_ns)
    for args, code in [*COMMANDS, *moving_commands(tmp_path)]:
        result = run(*args, "--db", str(path))
        assert_refused(result, path, code)
        assert (listing(path.parent), mode(path), path.stat().st_mtime_ns) == before, args
    assert not (tmp_path / "copy.sqlite3").exists() and not (tmp_path / "out.ndjson").exists()


def test_an_old_history_without_the_application_id_is_still_recognised(tmp_path):
    """Schema 1 predates the application id: its own CREATE TABLE and columns make it ours, at every schema."""
    old = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE_V1, old)
    assert int.from_bytes(old.read_bytes()[68:72], "big") == 0
    assert len(run_json("history", "--json", "--db", str(old))) == 4
    for version in range(1, schema.SCHEMA_VERSION + 1):
        path = tmp_path / f"v{version}.sqlite3"
        conn = sqlite3.connect(path, isolation_level=None)
        for script in schema.MIGRATIONS[:version]:
            for statement in schema.statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.close()
        assert run_json("history", "--json", "--db", str(path)) == [], version


def test_another_programs_damaged_database_is_refused_not_moved_aside(tmp_path):
    path = foreign_database(tmp_path / "other" / "app.db", "delete")
    damaged = bytearray(path.read_bytes())
    damaged[100:4096] = b"\xff" * 3996
    path.write_bytes(bytes(damaged))
    before = listing(path.parent)
    assert_refused(run("history", "--db", str(path)), path, 2)
    assert_refused(run("assess", *flags(ALL_BEST), "--db", str(path)), path, 2)  # refused before the report
    assert listing(path.parent) == before


def test_a_pipe_is_not_a_history(tmp_path):
    """Reading a pipe (or a device such as /dev/null) could block or write where it must not: refused as it is."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert_refused(run("history", "--json", "--db", str(pipe)), pipe, 2)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_the_store_refuses_with_an_input_error(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("{}")
    for create in (True, False):
        with pytest.raises(InputError) as err:
            History.open(path, create=create)
        assert str(err.value) == f"{path} is not an interview-signals history; choose another --db"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.json"]


def test_an_empty_file_becomes_a_new_history(tmp_path):
    path = tmp_path / "new.sqlite3"
    path.touch()
    assert run_json("history", "--json", "--db", str(path)) == []
    assert path.stat().st_size == 0  # reading leaves it as it was
    assert save("--db", str(path))["id"] == 1
    assert ids(run_json("history", "--json", "--db", str(path))) == [1]


def damage_schema_btree(path: Path) -> bytes:
    """Break page 1's b-tree header, keeping the database header and the schema text after it."""
    damaged = bytearray(path.read_bytes())
    damaged[100:108] = b"\xff" * 8
    path.write_bytes(bytes(damaged))
    return bytes(damaged)


def test_a_damaged_history_is_recognised_by_its_create_table_statement(tmp_path):
    """A file from before application_id was set: recognised by the header and our CREATE TABLE on page 1."""
    path = tmp_path / "old" / "history.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE_V1, path)
    damaged = damage_schema_btree(path)
    result = run("history", "--json", "--db", str(path))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    [aside] = [p for p in path.parent.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert aside.read_bytes() == damaged
    assert str(path) in result.stderr and str(aside) in result.stderr


def test_a_new_history_carries_the_application_id(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History.open(path):
        pass
    assert int.from_bytes(path.read_bytes()[68:72], "big") == schema.APPLICATION_ID
    conn = sqlite3.connect(path)  # as a history made before the application id was set
    conn.execute("PRAGMA application_id = 0")
    conn.close()
    with History.open(path, create=False):
        pass
    assert int.from_bytes(path.read_bytes()[68:72], "big") == 0  # reading does not mark it
    with History.open(path):
        pass
    assert int.from_bytes(path.read_bytes()[68:72], "big") == schema.APPLICATION_ID  # opening to write does
    old = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE_V1, old)
    with History.open(old, create=False):
        pass
    assert int.from_bytes(old.read_bytes()[68:72], "big") == schema.APPLICATION_ID  # and so does an upgrade


# == C. reading commands create nothing ==========================================================


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_reading_commands_create_nothing_when_there_is_no_history(tmp_path, isolated_home):
    assert run_json("history", "--json") == []
    assert run("history").exit_code == 0
    assert_usage_error(run("show", "1"), "no interview with id 1")
    stats = run_json("stats", "--json")
    assert (stats["interviews"], stats["by_verdict"], stats["decisive_outcomes"]) == (0, {}, 0)
    assert run("stats").exit_code == 0
    assert run_json("due", "--json") == []
    assert_usage_error(run("draft", "1", "thank-you"), "no interview with id 1")
    assert_usage_error(run("remind", "1", "--ics", "-"), "no interview with id 1")
    assert_usage_error(run("assess", "--from", "1", "--json"), "no interview with id 1")
    assert_usage_error(run("outcome", "1", "offer"), "no interview with id 1")
    assert_usage_error(run("delete", "1", "--yes"), "no interview with id 1")
    assert run("where").stdout.strip() == str(isolated_home / "history.sqlite3")
    assert not isolated_home.exists()
    db = tmp_path / "nested" / "h.sqlite3"
    assert run_json("history", "--json", "--db", str(db)) == []
    assert_usage_error(run("outcome", "1", "offer", "--db", str(db)), "no interview with id 1")
    assert not db.parent.exists()


def test_opening_without_create_gives_an_empty_history_in_memory(tmp_path):
    path = tmp_path / "none" / "h.sqlite3"
    with History.open(path, create=False) as h:
        assert h.interviews() == [] and h.open_interviews() == [] and h.stats()["interviews"] == 0
        with pytest.raises(InputError, match="no interview with id 1"):
            h.get(1)
        with pytest.raises(InputError, match="no interview with id 1"):
            h.set_outcome(1, "offer")
        with pytest.raises(InputError, match="no interview with id 1"):
            h.delete(1)
        with pytest.raises(SignalsError, match=f"cannot save to the history database {path}: it was opened for reading"):
            h.save(GOOD, "2025-01-01")
    assert not path.parent.exists()


def test_writing_still_creates_the_history(isolated_home):
    assert save()["id"] == 1
    assert (isolated_home / "history.sqlite3").exists()


# == D. permissions whenever the history is opened for writing ===================================


@pytest.fixture
def open_history(tmp_path) -> Path:
    """A history left 0644 in a 0755 folder, as an older version or a copy could leave it."""
    folder = tmp_path / "data"
    path = folder / "history.sqlite3"
    assert save("--db", str(path), "--date", "2026-01-05")["id"] == 1
    folder.chmod(0o755)
    path.chmod(0o644)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("history",),
        ("show", "1"),
        ("stats",),
        ("due", "--today", "2026-12-31"),
        ("draft", "1", "thank-you"),
        ("remind", "1", "--ics", "-"),
    ],
    ids=lambda args: args[0],
)
def test_reading_changes_no_permissions(open_history, args):
    result = run(*args, "--db", str(open_history))
    assert result.exit_code == 0, result.stderr
    assert (mode(open_history), mode(open_history.parent)) == ("0o644", "0o755")


@pytest.mark.parametrize(
    "args", [("assess", *flags(ALL_BEST), "--json"), ("outcome", "1", "offer"), ("delete", "1", "--yes")], ids=lambda a: a[0]
)
def test_writing_makes_an_open_history_private(open_history, args):
    result = run(*args, "--db", str(open_history))
    assert result.exit_code == 0, result.stderr
    assert (mode(open_history), mode(open_history.parent)) == ("0o600", "0o700")


def test_opening_to_write_makes_existing_companions_private(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History.open(path) as first:
        first.save(GOOD, "2025-01-01")
        companions = [Path(f"{path}-wal"), Path(f"{path}-shm")]
        for p in [path, *companions]:
            p.chmod(0o644)
        with History.open(path, create=False):  # reading: left alone
            assert [mode(p) for p in [path, *companions]] == ["0o644"] * 3
        with History.open(path):
            assert [mode(p) for p in [path, *companions]] == ["0o600"] * 3


def test_a_shared_folder_is_not_made_private(tmp_path):
    """A --db in a folder holding other things (a home, a project, /tmp) makes only the file private."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "README.md").write_text("mine")
    folder.chmod(0o755)
    path = folder / "h.sqlite3"
    assert save("--db", str(path))["id"] == 1
    assert (mode(path), mode(folder)) == ("0o600", "0o755")


def test_a_history_folder_of_its_own_is_made_private(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(0o755)
    path = folder / "h.sqlite3"
    assert save("--db", str(path))["id"] == 1
    assert (mode(path), mode(folder)) == ("0o600", "0o700")


def test_a_file_that_cannot_be_made_private_is_not_written(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    with History.open(path):
        pass
    path.chmod(0o644)

    def refuse(target, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(target))

    monkeypatch.setattr(os, "chmod", refuse)
    with pytest.raises(SignalsError) as err:
        History.open(path)
    assert str(err.value) == f"cannot make the history database {path} private (0600): Operation not permitted"
    assert mode(path) == "0o644"


# == F. faults named exactly, and what counts as a history of ours ===============================


def test_a_damaged_interview_read_by_id_comes_with_what_of_it_is_usable(tmp_path):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        first = h.save(build_report(company="Acme"), "2025-01-01")
    set_column(db, first, "role", b"\x01")  # a BLOB where text belongs
    with History.open(db) as h, pytest.raises(interview.DamagedInterview) as err:
        h.get(first)
    assert str(err.value) == (
        f"interview #{first} is damaged (its role is not text) and cannot be read; `interview-signals delete {first}` removes it"
    )
    damaged = err.value.interview
    assert (damaged.id, damaged.company, damaged.role, damaged.date, damaged.report) == (first, "Acme", None, "2025-01-01", {})


def test_a_stored_date_that_is_no_day_is_named(tmp_path):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        first = h.save(GOOD, "2025-01-01")
    set_column(db, first, "date", "2025-13-45")
    with History.open(db) as h:
        assert h.interviews() == []
        assert h.warnings == [f"interview #{first} is damaged (its date is not a day written YYYY-MM-DD); skipped it"]


def test_a_write_that_fails_says_what_it_was_doing(tmp_path):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        first = h.save(GOOD, "2025-01-01")
        h._conn.execute("PRAGMA query_only = ON")  # every write now fails, as on a read-only disk
        for write, doing in (
            (lambda: h.set_outcome(first, "offer"), "record the outcome in"),
            (lambda: h.delete(first), "delete from"),
        ):
            with pytest.raises(SignalsError) as err:
                write()
            assert str(err.value) == f"cannot {doing} the history database {db}: attempt to write a readonly database"


def test_the_largest_possible_id_can_be_read_and_written(tmp_path):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        first = h.save(GOOD, "2025-01-01")
    set_column(db, first, "id", schema.MAX_ROWID)
    with History.open(db) as h:
        assert h.get(schema.MAX_ROWID).id == schema.MAX_ROWID
        assert h.set_outcome(schema.MAX_ROWID, "offer") == "offer"
        h.delete(schema.MAX_ROWID)
        assert h.interviews() == []


def test_reading_where_there_is_no_history_writes_nowhere_and_every_query_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with History.open(tmp_path / "none" / "h.sqlite3", create=False) as h:
        assert h.interviews(company="Acme") == [] and h.interviews(limit=3) == []
    assert list(tmp_path.iterdir()) == []


class Frozen(opening.datetime):
    """The clock stopped at 09:30:05 UTC on 25 November 2026."""

    @classmethod
    def now(cls, tz=None):
        return opening.datetime(2026, 11, 25, 9, 30, 5, tzinfo=tz)


def damage(path: Path, *, rollback_journal: bool = False) -> None:
    damaged = bytearray(path.read_bytes())
    damaged[100:4096] = b"\xff" * 3996  # the schema page, after a valid header
    if rollback_journal:
        damaged[18:20] = b"\x01\x01"
    path.write_bytes(bytes(damaged))


def test_histories_moved_aside_in_the_same_second_each_keep_their_own_name(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "datetime", Frozen)
    db = tmp_path / "h.sqlite3"
    stamp = "20261125T093005Z"
    for n, create in ((1, True), (2, True), (3, False)):
        with History.open(db) as h:
            h.save(GOOD, "2025-01-01")
        damage(db, rollback_journal=True)  # so SQLite leaves the -shm beside it alone
        Path(f"{db}-shm").write_bytes(b"stale shm")
        with History.open(db, create=create) as h:
            aside = tmp_path / (f"h.sqlite3.corrupt-{stamp}" + ("" if n == 1 else f"-{n}"))
            then = " and started a new one" if create else "; the next save starts a new one"
            assert h.warnings == [
                f"{db} was not a readable history database (database disk image is malformed); moved it to {aside}{then}"
            ]
        assert Path(f"{aside}-shm").read_bytes() == b"stale shm"  # its companions go with it


def test_a_damaged_history_that_cannot_be_moved_aside_is_an_error(tmp_path, monkeypatch):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        h.save(GOOD, "2025-01-01")
    damage(db)

    def refuse(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(opening.os, "rename", refuse)
    with pytest.raises(SignalsError) as err:
        History.open(db)
    assert (
        str(err.value)
        == f"{db} is not a readable history (database disk image is malformed) and could not be moved aside: Permission denied"
    )


def test_our_create_table_statement_counts_only_on_the_first_page(tmp_path):
    """Another program's damaged database that holds our statement as data, on a later page, is not ours."""
    path = tmp_path / "snippets.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA page_size = 512")
    conn.execute("CREATE TABLE snippets (sql TEXT)")
    conn.execute("INSERT INTO snippets VALUES ('CREATE TABLE interviews (\n    id INTEGER PRIMARY KEY')")
    conn.commit()
    conn.close()
    damage_schema_btree(path)
    before = listing(tmp_path)
    with pytest.raises(InputError, match="is not an interview-signals history"):
        History.open(path)
    assert listing(tmp_path) == before


def test_a_history_whose_header_has_a_nonsense_page_size_is_still_recognised(tmp_path):
    """The first 64 KiB are searched for our CREATE TABLE then (it sits at the end of a 4 KiB first page)."""
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(FIXTURE_V1, path)  # from before the application id
    for size in (b"\x01\x00", b"\x03\x00"):  # 256, and 768: not a power of two
        damaged = bytearray(path.read_bytes())
        damaged[16:18] = size
        path.write_bytes(bytes(damaged))
        with History.open(path, create=False) as h:
            assert len(h.warnings) == 1 and "moved it to" in h.warnings[0]
        shutil.copyfile(FIXTURE_V1, path)


def test_a_short_file_that_merely_starts_like_ours_is_not_ours(tmp_path):
    path = tmp_path / "stub.sqlite3"
    path.write_bytes(header.SQLITE_MAGIC + b"CREATE TABLE interviews (id INTEGER PRIMARY KEY)")
    with pytest.raises(InputError, match="is not an interview-signals history"):
        History.open(path)
    assert [p.name for p in tmp_path.iterdir()] == ["stub.sqlite3"]


# == G. a history on read-only media =============================================================
# A copy on a CD, a read-only mount or a locked folder is read, exported and backed up as it is:
# opened read-only, nothing written or created beside it. The media is real: a read-only bind mount
# in a mount namespace of its own (unshare -m), which needs root; elsewhere these tests skip.


def on_read_only_media(source: Path, mount: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the installed command with ``source`` mounted read-only at ``mount``, for it alone."""
    return mounted(source, mount, installed_command(), *args)


def mounted(source: Path, mount: Path, *command: str) -> subprocess.CompletedProcess:
    script = 'mount --bind -o ro "$1" "$2" && shift 2 && exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(source), str(mount), *command],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def read_only(tmp_path) -> tuple[Path, Path]:
    """(the folder holding a history of two interviews and a schema 1 one, where it is mounted read-only)."""
    source, mount = tmp_path / "disc", tmp_path / "mnt"
    mount.mkdir()
    save("--db", str(source / "history.sqlite3"), "--company", "Acme", "--date", "2026-11-02")
    save("--db", str(source / "history.sqlite3"), "--company", "Globex", "--date", "2026-11-05")
    shutil.copyfile(FIXTURE_V1, source / "old.sqlite3")
    if shutil.which("unshare") is None:
        pytest.skip("no unshare here to mount a folder read-only")
    probe = mounted(source, mount, "sh", "-c", 'test ! -w "$0"', str(mount / "history.sqlite3"))
    if probe.returncode != 0:
        pytest.skip(f"cannot mount a folder read-only here: {probe.stderr.strip()}")
    return source, mount


def read_write_twin(source: Path, name: str, tmp_path: Path) -> Path:
    """The same history in a writable folder, to compare what is read."""
    twin = tmp_path / "twin" / name
    twin.parent.mkdir(exist_ok=True)
    shutil.copyfile(source / name, twin)
    return twin


@pytest.mark.subprocess
@pytest.mark.parametrize("name", ["history.sqlite3", "old.sqlite3"], ids=["current", "schema-1"])
@pytest.mark.parametrize(
    "args", [("history", "--json"), ("show", "1", "--json"), ("stats", "--json"), ("export",), ("due", "--json")]
)
def test_reading_commands_read_a_history_on_read_only_media(read_only, tmp_path, name, args):
    source, mount = read_only
    before = listing(source)
    result = on_read_only_media(source, mount, *args, "--db", str(mount / name))
    assert result.returncode == 0, result.stderr
    assert result.stdout == run(*args, "--db", str(read_write_twin(source, name, tmp_path))).stdout
    assert listing(source) == before


@pytest.mark.subprocess
@pytest.mark.parametrize("name", ["history.sqlite3", "old.sqlite3"], ids=["current", "schema-1"])
def test_a_history_on_read_only_media_can_be_backed_up(read_only, tmp_path, name):
    source, mount = read_only
    copy = tmp_path / "copy.sqlite3"
    result = on_read_only_media(source, mount, "backup", str(copy), "--db", str(mount / name))
    assert result.returncode == 0, result.stderr
    twin = read_write_twin(source, name, tmp_path)
    assert run_json("history", "--json", "--db", str(copy)) == run_json("history", "--json", "--db", str(twin))


@pytest.mark.subprocess
@pytest.mark.parametrize("args", [("outcome", "1", "offer"), ("delete", "1", "--yes"), ("snooze", "1", "--until", "2030-01-01")])
def test_changing_a_history_on_read_only_media_is_one_line_and_changes_nothing(read_only, args):
    source, mount = read_only
    before = listing(source)
    result = on_read_only_media(source, mount, *args, "--db", str(mount / "history.sqlite3"))
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    message = one_line(result.stderr)
    assert message.startswith("Error: cannot ") and f"the history database {mount / 'history.sqlite3'}: " in message, message
    assert message.endswith(
        ": it is read-only here (a read-only file, folder or disc); copy it somewhere you can write to change it"
    )
    assert listing(source) == before
