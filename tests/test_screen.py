"""The questionnaire as a person sees it: the installed command in tmux, the
screen read back with capture-pane, at 40 and 80 columns by 24 rows.

Each check reads the screen itself: no line wider than the terminal, every
word of every question and choice on screen (so nothing was cut short), and
the review step showing all nine answers with the way to confirm.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from helpers import installed_command

from interview_signals import catalog, prompts

TMUX = shutil.which("tmux")
pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: these tests read the terminal's screen through it"),
]
COMMAND = installed_command()
CAT = catalog.load()
CONTEXT = ["--company", "Acme", "--role", "Dev", "--interviewer", "Sam", "--topic", "the roadmap", "--date", "2026-01-05"]


class Screen:
    """One program in a detached tmux session of its own server, at a fixed size."""

    def __init__(self, socket: str, columns: int, rows: int) -> None:
        self.socket, self.columns, self.rows = socket, columns, rows

    def tmux(self, *args: str) -> str:
        return subprocess.run([str(TMUX), "-L", self.socket, *args], capture_output=True, text=True, check=True).stdout

    def start(self, argv: list[str], env: dict[str, str]) -> None:
        command = " ".join(shlex.quote(part) for part in ["env", *(f"{k}={v}" for k, v in env.items()), *argv])
        self.tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "s",
            "-x",
            str(self.columns),
            "-y",
            str(self.rows),
            command + "; sleep 60",
        )

    def lines(self) -> list[str]:
        return self.tmux("capture-pane", "-p", "-t", "s").rstrip("\n").split("\n")

    def text(self) -> str:
        """The screen's words, joined with single spaces (lines wrapped between words join up again)."""
        return " ".join(" ".join(self.lines()).split())

    def wait_for(self, fragment: str, timeout: float = 20) -> list[str]:
        end = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if fragment in " ".join(" ".join(lines).split()):
                time.sleep(0.15)  # let the rest of the frame arrive
                return self.lines()
            if time.monotonic() > end:
                raise AssertionError(f"{fragment!r} never appeared; the screen:\n" + "\n".join(lines))
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "s", *keys)

    def fits(self) -> list[str]:
        lines = self.lines()
        assert all(len(line.rstrip()) <= self.columns for line in lines), [
            line for line in lines if len(line.rstrip()) > self.columns
        ]
        return lines


@pytest.fixture
def screen(isolated_home) -> Iterator[Callable[[int, int], Screen]]:
    started: list[Screen] = []

    def make(columns: int, rows: int = 24) -> Screen:
        one = Screen(f"signals-test-{uuid.uuid4().hex[:12]}", columns, rows)  # a server of its own
        started.append(one)
        return one

    yield make
    for one in started:
        subprocess.run([str(TMUX), "-L", one.socket, "kill-server"], capture_output=True)


def start(make: Callable[[int, int], Screen], columns: int, rows: int = 24) -> Screen:
    one = make(columns, rows)
    env = {"INTERVIEW_SIGNALS_HOME": os.environ["INTERVIEW_SIGNALS_HOME"], "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    one.start([COMMAND, "assess", *CONTEXT, "--no-save"], env)
    return one


def words_missing(wanted: str, seen: str) -> list[str]:
    return [word for word in wanted.split() if word not in seen.split()]


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_every_question_and_choice_is_whole_and_fits(screen, columns):
    one = start(screen, columns)
    for number, signal in enumerate(CAT.signals, start=1):
        one.wait_for(f"{number}/9")
        one.fits()
        seen = one.text()
        titles = [a.label for a in signal.answers] + [CAT.non_answer_labels[x] for x in signal.answer_ids[len(signal.answers) :]]
        for shown in (signal.question, signal.hint, *titles):
            assert shown in seen, (shown, one.lines())  # whole, wrapped between words
        one.keys("Enter")
    one.wait_for("Pick one to change it")
    one.fits()


def test_the_review_shows_every_answer_and_the_context_on_one_80_by_24_screen(screen):
    one = start(screen, 80)
    for number in range(1, 10):
        one.wait_for(f"{number}/9")
        one.keys("Up" if number > 1 else "Down", "Enter")  # cold, then the best answer everywhere else
    one.wait_for("hear back")
    one.keys("-l", "friday")
    one.keys("Enter")
    one.wait_for("Pick one to change it")
    lines = one.fits()
    seen = one.text()
    assert "Looks right" in seen
    for signal in CAT.signals:
        answer = "cold" if signal.id == "vibe" else signal.answers[0].id
        assert f"{signal.title}: {CAT.answer_label(signal, answer)}" in seen, lines
    for shown in (
        "Company: Acme",
        "Role: Dev",
        "Interviewer: Sam",
        "Date: Mon 5 Jan 2026",
        "Topic for the thank-you note: the roadmap",
    ):
        assert shown in seen, lines
    assert "You'll hear back by: friday (Fri 9 Jan 2026)" in seen, lines
    assert "Change:" not in seen and "__" not in seen


def test_at_40_columns_the_review_scrolls_to_every_line(screen):
    one = start(screen, 40)
    for number in range(1, 10):
        one.wait_for(f"{number}/9")
        one.keys("Enter")
    one.wait_for("Pick one to change it")
    answers = {s.id: prompts.default_answer(s) for s in CAT.signals}
    rows = prompts.review_rows(CAT, answers, dict(zip(CONTEXT[::2], CONTEXT[1::2], strict=True)))
    wanted = [f"{name}: {shown}" for _, name, shown in rows if not shown.startswith("(")]
    reached: set[str] = set()
    for _ in range(len(rows) + 3):
        one.fits()
        seen = one.text()
        reached |= {each for each in wanted if each in seen}
        one.keys("Down")
        time.sleep(0.1)
    assert reached == set(wanted)


def test_a_resized_terminal_redraws_the_question_at_its_new_width(screen):
    one = start(screen, 80)
    one.wait_for("1/9")
    one.tmux("resize-window", "-t", "s", "-x", "40", "-y", "24")
    time.sleep(0.5)
    one.columns = 40
    one.fits()
    assert "Warm: it flowed, with smiles or small talk" in one.text(), one.lines()


def test_changing_an_answer_comes_back_to_its_line(screen):
    one = start(screen, 80)
    for number in range(1, 10):
        one.wait_for(f"{number}/9")
        one.keys("Enter")
    one.wait_for("Pick one to change it")
    one.keys("Down", "Down", "Down", "Down", "Down", "Down", "Enter")  # the first signal: Feel of the conversation
    one.wait_for("How did the conversation feel?")
    one.keys("Up", "Enter")  # warm
    lines = one.wait_for("Feel of the conversation: Warm")
    pointed = [line for line in lines if "»" in line]
    assert len(pointed) == 1 and "Feel of the conversation: Warm" in pointed[0], lines
