"""Shared fixtures. The terminal is pinned before the app is imported, so rich
output is the same on every machine, and user state goes to a temp folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# `python -m pytest` puts the checkout first on sys.path, where the package has
# no data/ (that is mapped in only by an install). The tests are of the
# installed package, the way users get it, so the checkout comes off the path.
# Under mutmut (it sets MUTANT_UNDER_TEST) the tests run from its copy in
# mutants/, which it put first on the path so its mutated package is imported:
# that one stays.
_CHECKOUT = Path(__file__).resolve().parents[1]
if "MUTANT_UNDER_TEST" not in os.environ:
    sys.path[:] = [entry for entry in sys.path if Path(entry or os.curdir).resolve() != _CHECKOUT]
else:
    # The same examples for every mutant, and no deadline: a mutant is killed by
    # a failing check, never by a slow machine.
    from hypothesis import settings

    settings.register_profile("mutation", deadline=None, derandomize=True, database=None)
    settings.load_profile("mutation")

os.environ.update({"COLUMNS": "80", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb", "_TYPER_FORCE_DISABLE_TERMINAL": "1"})
os.environ.pop("FORCE_COLOR", None)

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the real one."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", str(home))
    return home


@pytest.fixture
def december(monkeypatch):
    """Today is 31 December 2026, so the dates the tests use are all in the past."""
    import datetime as dt

    from interview_signals import followup

    day = dt.date(2026, 12, 31)
    monkeypatch.setattr(followup, "today", lambda: day)
    return day
