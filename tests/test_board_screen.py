"""`interview-signals board` in a real terminal: the installed command in tmux, its screen read back with
capture-pane. It draws within the terminal, lists its keys on ?, and q or Ctrl-C leave the terminal as
they found it (the shell's screen back, the terminal's settings as before)."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator

import pytest
from board_history import TODAY, make_history
from helpers import installed_command
from test_screen import TMUX, Screen

from interview_signals import followup

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: these tests read the terminal's screen through it"),
]


@pytest.fixture
def screen(isolated_home, monkeypatch) -> Iterator[Callable[[int, int], Screen]]:
    monkeypatch.setattr(followup, "today", lambda: TODAY)
    make_history()
    started: list[Screen] = []

    def make(columns: int, rows: int) -> Screen:
        one = Screen(f"signals-board-{uuid.uuid4().hex[:12]}", columns, rows)
        started.append(one)
        env = {"INTERVIEW_SIGNALS_HOME": os.environ["INTERVIEW_SIGNALS_HOME"], "TERM": "xterm-256color", "LANG": "C.UTF-8"}
        env |= {"COLUMNS": str(columns), "LINES": str(rows)}  # the test run's own (conftest) would stand in for the size
        script = (
            'before=$(stty -g); printf "shell-before\\n"; "$0" board; code=$?; '
            'test "$before" = "$(stty -g)" && echo "tty-as-before"; echo "board-exit=$code"'
        )
        one.start(["sh", "-c", script, installed_command()], env)
        return one

    yield make
    for one in started:
        subprocess.run([str(TMUX), "-L", one.socket, "kill-server"], capture_output=True)


@pytest.mark.parametrize(("columns", "rows", "leave"), [(80, 24, "q"), (40, 20, "C-c")])
def test_board_in_a_real_terminal(screen, columns, rows, leave):
    one = screen(columns, rows)
    one.wait_for("Due today or overdue")
    lines = one.fits()
    assert "Umbrella" in " ".join(lines) and "OVERDUE" in " ".join(lines)
    one.keys("?")
    one.wait_for("The keys")
    one.fits()
    one.keys("Escape")
    one.wait_for("Due today or overdue")
    one.keys(leave)
    after = one.wait_for("board-exit=0")
    seen = " ".join(after)
    assert "shell-before" in seen and "tty-as-before" in seen
    assert "Due today or overdue" not in seen  # the shell's own screen is back
