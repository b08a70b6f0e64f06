"""Paths that cannot be paths: a name longer than the system allows, a file used
as a folder, a loop of symbolic links; and a completion index that is no number.

Wherever the user names a path (--db, INTERVIEW_SIGNALS_HOME, import FILE,
--answers FILE, score FILE, backup FILE) each is one line naming that path and
exit 2, never a traceback, and never blamed on standard output.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from helpers import ALL_BEST, assert_usage_error, flags, installed_command, run, save


@pytest.fixture(params=["name-too-long", "file-as-folder", "symlink-loop"])
def bad_path(request, tmp_path) -> tuple[Path, str]:
    """A path that the system refuses, and the words the message gives for why."""
    if request.param == "name-too-long":
        return tmp_path / ("n" * 300), "too long"
    if request.param == "file-as-folder":
        plain = tmp_path / "notes.txt"
        plain.write_text("a file, not a folder\n")
        return plain / "history.sqlite3", "not a folder"
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    return loop, "symbolic links"


@pytest.fixture
def a_history(isolated_home) -> Path:
    save("--company", "Acme", "--date", "2026-11-02")
    return isolated_home / "history.sqlite3"


@pytest.mark.parametrize(
    "args",
    [("history",), ("show", "1"), ("stats",), ("export",), ("due",), ("assess", *flags(ALL_BEST), "--no-save")],
    ids=lambda args: args[0],
)
def test_db(bad_path, args):
    path, why = bad_path
    assert_usage_error(run(*args, "--db", str(path)), f"--db: {path}", why)


def test_db_when_saving(bad_path):
    """assess checks the history before it scores or asks anything: one line naming it, and no report."""
    path, why = bad_path
    assert_usage_error(run("assess", *flags(ALL_BEST), "--json", "--db", str(path)), f"--db: {path}", why)


def test_home(bad_path, monkeypatch):
    path, why = bad_path
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", str(path))
    for args in (("history",), ("config", "show")):
        assert_usage_error(run(*args), f"INTERVIEW_SIGNALS_HOME: {path}", why)


def test_import_file(bad_path, tmp_path):
    path, why = bad_path
    assert_usage_error(run("import", str(path)), f"FILE: {path}", why)
    assert not (tmp_path / "home").exists()


def test_answers_file(bad_path):
    path, why = bad_path
    assert_usage_error(run("assess", "--answers", str(path), "--no-save"), f"--answers: {path}", why)


def test_score_file_names_the_file_not_standard_output(bad_path):
    path, why = bad_path
    result = run("score", str(path))
    assert_usage_error(result, f"FILE: {path}", why)
    assert "standard output" not in result.stderr


def test_backup_file(bad_path, a_history):
    path, why = bad_path
    assert_usage_error(run("backup", str(path)), f"FILE: {path}", why)


@pytest.mark.subprocess
@pytest.mark.parametrize("cword", ["abc", "-1", ""])
def test_bash_completion_with_a_cword_that_is_no_index(cword):
    env = os.environ | {
        "_INTERVIEW_SIGNALS_COMPLETE": "complete_bash",
        "COMP_WORDS": "interview-signals hist",
        "COMP_CWORD": cword,
    }
    result = subprocess.run([installed_command()], capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: COMP_CWORD '{cword}': bash completion needs the index of the word being completed"
    ]
