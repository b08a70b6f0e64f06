"""`backup FILE`: a consistent, private copy of the history (issue 14, part 3)."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from helpers import assert_usage_error, build_report, run, run_json, save

from interview_signals import transfer
from interview_signals.db import History


@pytest.fixture
def history(isolated_home) -> Path:
    save("--company", "Acme", "--date", "2026-11-02")
    save("--company", "Globex", "--date", "2026-11-05")
    assert run("outcome", "2", "rejected", "--note", "a kind email").exit_code == 0
    return isolated_home / "history.sqlite3"


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_the_copy_is_private_and_works_with_db(history, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    result = run("backup", str(copy))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Backed up 2 interviews to {copy}; only you can read it. Use it with --db {copy}.\n"
    assert mode(copy) == "0o600"
    assert run_json("history", "--json", "--db", str(copy)) == run_json("history", "--json")
    assert run_json("show", "2", "--json", "--db", str(copy)) == run_json("show", "2", "--json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "home"]  # no temporary file left


def test_a_file_already_there_is_replaced_whole_and_made_private(history, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(b"an older copy")
    copy.chmod(0o644)
    assert run("backup", str(copy)).exit_code == 0
    assert mode(copy) == "0o600"
    assert integrity(copy) == "ok"
    assert len(run_json("history", "--json", "--db", str(copy))) == 2


def test_a_backup_while_another_run_is_writing_holds_only_what_was_committed(history, tmp_path):
    writer = sqlite3.connect(history, isolation_level=None, timeout=10)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO interviews (created_at, date, verdict, confidence, catalog_version, report, application_id, round)"
        " SELECT created_at, date, verdict, confidence, catalog_version, report, NULL, 1 FROM interviews WHERE id = 1"
    )
    try:
        copy = tmp_path / "copy.sqlite3"
        result = run("backup", str(copy))  # the writer holds the write lock: the backup must not wait for it
        assert result.exit_code == 0, result.stderr
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert integrity(copy) == "ok"
    assert [row["id"] for row in run_json("history", "--json", "--db", str(copy))] == [2, 1]
    assert len(run_json("history", "--json")) == 3


def test_backups_taken_while_interviews_are_being_saved_are_each_whole(history, tmp_path):
    report = build_report(company="Initech", date="2026-11-20")
    stop = threading.Event()
    saved: list[int] = []

    def keep_saving() -> None:
        with History.open(history) as h:
            while not stop.is_set():
                new = h.save(report, "2026-11-20")
                saved.append(new)

    thread = threading.Thread(target=keep_saving)
    thread.start()
    try:
        counts = []
        for n in range(4):
            copy = tmp_path / f"copy-{n}.sqlite3"
            with History.open(history, create=False) as h:
                counts.append(transfer.backup(h, str(copy)))
            assert integrity(copy) == "ok"
            with History.open(copy, create=False) as c:
                assert len(c.interviews()) == counts[-1]
                assert c.warnings == []  # every interview in the copy reads back whole
    finally:
        stop.set()
        thread.join()
    assert counts == sorted(counts) and counts[0] >= 2


def test_the_history_itself_is_refused(history, tmp_path):
    before = history.read_bytes()
    assert_usage_error(run("backup", str(history)), f"FILE: {history} is the history itself")
    link = tmp_path / "link.sqlite3"
    link.symlink_to(history)
    assert_usage_error(run("backup", str(link)), "is the history itself")
    assert_usage_error(run("backup", f"{history}-wal"), "is the history itself")
    assert_usage_error(run("backup", "-"), "FILE: a backup is a database file, not text for standard output")
    assert history.read_bytes() == before


def test_no_history_is_exit_2_and_creates_nothing(isolated_home, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    assert_usage_error(run("backup", str(copy)), "there is no history at", "nothing to back up")
    assert not copy.exists() and not isolated_home.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_destination_that_cannot_be_written_is_exit_1_and_leaves_nothing(history, tmp_path):
    result = run("backup", str(tmp_path / "no" / "such" / "copy.sqlite3"))
    assert result.exit_code == 1
    assert "FILE: cannot write" in result.stderr and "No such file or directory" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
    folder = tmp_path / "folder"
    folder.mkdir()
    assert_usage_error(run("backup", str(folder)), f"FILE: {folder} is a folder")


def test_a_failure_at_the_last_step_leaves_the_old_copy_whole_and_no_temporary_file(history, tmp_path, monkeypatch):
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(b"the copy from last week")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = run("backup", str(copy))
    assert result.exit_code == 1
    assert result.stderr == f"Error: FILE: cannot write {copy}: No space left on device\n"
    assert copy.read_bytes() == b"the copy from last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "home"]


def test_a_file_that_is_not_a_history_is_refused_as_db(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a history\n")
    assert_usage_error(run("backup", str(tmp_path / "copy.sqlite3"), "--db", str(notes)), "is not an interview-signals history")
    assert notes.read_text() == "not a history\n"


# -- what is at FILE already: only a regular file you may write is replaced ----------------------


def test_a_pipe_at_file_is_refused_and_left_a_pipe(history, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert_usage_error(run("backup", str(pipe)), f"FILE: {pipe}", "not a regular file")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    linked = tmp_path / "linked"
    linked.symlink_to(pipe)
    assert_usage_error(run("backup", str(linked)), f"FILE: {linked}", "not a regular file")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and linked.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "linked", "pipe"]


def test_a_device_at_file_is_refused_and_left_a_device(history, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    assert_usage_error(run("backup", str(device)), f"FILE: {device}", "not a regular file")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_read_only_file_is_refused_as_cp_would(history, tmp_path):
    """Refused even for root (whom cp lets through): a file made read-only is meant to be kept."""
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(b"the copy I keep")
    copy.chmod(0o444)
    assert_usage_error(run("backup", str(copy)), f"FILE: {copy}", "read-only")
    assert copy.read_bytes() == b"the copy I keep" and mode(copy) == "0o444"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "home"]


HOUR_AGO = time.time() - 3600


def plant(folder: Path, name: str, *, stale: bool) -> Path:
    """A temporary file as a run killed half way leaves it: .NAME.XXXXXXXX.tmp beside NAME."""
    path = folder / name
    path.write_bytes(b"half a copy")
    if stale:
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


def test_temporary_files_left_by_a_killed_run_are_cleared_and_a_running_ones_kept(history, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    stale = [plant(tmp_path, name, stale=True) for name in (".copy.sqlite3.k1ll3d_0.tmp", ".copy.sqlite3.k1ll3d_0.tmp-journal")]
    running = plant(tmp_path, ".copy.sqlite3.running1.tmp", stale=False)
    others = [
        plant(tmp_path, name, stale=True)
        for name in (".other.sqlite3.k1ll3d_0.tmp", ".copy.sqlite3.notes.txt", "copy.sqlite3.abcdefgh.tmp")
    ]
    assert run("backup", str(copy)).exit_code == 0
    assert not any(path.exists() for path in stale)
    assert running.exists() and all(path.exists() for path in others)
    assert integrity(copy) == "ok"


def test_every_file_written_whole_clears_its_stale_temporary_files(history, tmp_path):
    """The same rule where reports, calendars, exports and settings are written (files.private_output)."""
    out = tmp_path / "interviews.ndjson"
    stale = plant(tmp_path, ".interviews.ndjson.k1ll3d_0.tmp", stale=True)
    running = plant(tmp_path, ".interviews.ndjson.running1.tmp", stale=False)
    assert run("export", str(out)).exit_code == 0
    assert not stale.exists() and running.exists()
