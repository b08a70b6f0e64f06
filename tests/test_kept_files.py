"""No file the tool writes is ever one it keeps: the history, its -wal/-shm, the settings file.

Every command that writes a file the user names is tried against every way of
spelling such a file: directly, relative, through `..`, through a symbolic
link and a hard link, and a copy of a history elsewhere. Each is refused with
exit 2 before anything is written, and the history reads back whole.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ALL_BEST, assert_usage_error, flags, run, save

# Each writer: its name, and the command line that writes to TARGET.
WRITERS: dict[str, Callable[[str], list[str]]] = {
    "remind ID --ics": lambda target: ["remind", "1", "--ics", target],
    "remind --all --ics": lambda target: ["remind", "--all", "--ics", target],
    "assess --export": lambda target: ["assess", *flags(ALL_BEST), "--company", "Initech", "--export", target],
    "assess --no-save --export": lambda target: ["assess", *flags(ALL_BEST), "--no-save", "--export", target],
    "export": lambda target: ["export", target],
    "backup": lambda target: ["backup", target],
}


def _spellings(home: Path, work: Path) -> dict[str, tuple[str, str]]:
    """Ways to name a kept file: (the path to give, the fragment the message must hold)."""
    history = home / "history.sqlite3"
    (work / "sub").mkdir()
    (work / "link.ics").symlink_to(history)
    os.link(history, work / "hard.ics")
    shutil.copy(history, work / "copy.ics")  # another history, under a name that says otherwise
    return {
        "absolute": (str(history), "is the history itself"),
        "relative": (os.path.relpath(history, work), "is the history itself"),
        "dot-dot": (str(work / "sub" / ".." / os.path.relpath(history, work)), "is the history itself"),
        "symlink": ("link.ics", "is the history itself"),
        "hard link": ("hard.ics", "is the history itself"),
        "its -wal": (f"{history}-wal", "is the history itself"),
        "its -shm": (f"{history}-shm", "is the history itself"),
        "settings": (str(home / "config.toml"), "is your settings file"),
        "another history": ("copy.ics", "is an interview-signals history"),
    }


SPELLINGS = ["absolute", "relative", "dot-dot", "symlink", "hard link", "its -wal", "its -shm", "settings", "another history"]


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("writer", list(WRITERS))
def test_no_writer_replaces_a_kept_file(writer, spelling, isolated_home, tmp_path, monkeypatch):
    save("--company", "Acme", "--date", "2026-11-02")
    assert run("config", "set", "name", "Ada").exit_code == 0
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    target, fragment = _spellings(isolated_home, work)[spelling]
    history = isolated_home / "history.sqlite3"
    settings = isolated_home / "config.toml"
    before = (history.read_bytes(), settings.read_bytes(), sorted(os.listdir(isolated_home)))

    result = run(*WRITERS[writer](target))

    assert_usage_error(result, fragment)
    assert (history.read_bytes(), settings.read_bytes(), sorted(os.listdir(isolated_home))) == before
    listed = json.loads(run("history", "--json").stdout)
    assert [row["company"] for row in listed] == ["Acme"]


def test_the_history_named_by_db_is_kept_too(tmp_path):
    other = tmp_path / "other.sqlite3"
    save("--company", "Acme", "--date", "2026-11-02", "--db", str(other))
    before = other.read_bytes()
    assert_usage_error(run("remind", "1", "--ics", str(other), "--db", str(other)), "is the history itself")
    assert_usage_error(
        run("assess", *flags(ALL_BEST), "--no-save", "--export", str(other), "--db", str(other)), "is the history itself"
    )
    assert other.read_bytes() == before


def test_a_refused_export_asks_and_saves_nothing(isolated_home):
    save("--company", "Acme", "--date", "2026-11-02")
    history = isolated_home / "history.sqlite3"
    result = run("assess", *flags(ALL_BEST), "--company", "Globex", "--export", str(history), "--json")
    assert_usage_error(result, "--export", "is the history itself")
    assert [row["company"] for row in json.loads(run("history", "--json").stdout)] == ["Acme"]


def test_ordinary_files_are_still_written(isolated_home, tmp_path):
    save("--company", "Acme", "--date", "2026-11-02")
    ics = tmp_path / "acme.ics"
    ics.write_text("an old calendar")
    assert run("remind", "1", "--ics", str(ics)).exit_code == 0
    assert ics.read_text().startswith("BEGIN:VCALENDAR")
    page = tmp_path / "report.md"
    assert run("assess", *flags(ALL_BEST), "--no-save", "--export", str(page)).exit_code == 0
    assert page.read_text().startswith("#")
