"""End to end: the installed command in a real pseudo-terminal, driven by keys.

No terminal answers prompt_toolkit's cursor-position requests here, so they are
turned off (PROMPT_TOOLKIT_NO_CPR); otherwise each prompt waits for the reply.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess

import pexpect
import pytest
from helpers import ALL_BEST, MIXED, installed_command, run_json, save

from interview_signals import catalog, prompts

COMMAND = installed_command()

pytestmark = pytest.mark.subprocess
DOWN, UP, ENTER, CTRL_C = "\x1b[B", "\x1b[A", "\r", "\x03"


@pytest.fixture
def spawn(isolated_home, tmp_path):
    children = []

    def start(*args: str, shell: str | None = None, columns: int = 80, term: str = "xterm") -> pexpect.spawn:
        env = os.environ | {
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "TERM": term,
            "LINES": "40",
            "INTERVIEW_SIGNALS_HOME": str(isolated_home),
        }
        env.pop("NO_COLOR", None)
        env.pop("COLUMNS", None)  # the size comes from the terminal itself, as for a person
        size = (40, columns)
        if shell is None:
            child = pexpect.spawn(COMMAND, list(args), env=env, dimensions=size, encoding="utf-8", timeout=20, cwd=tmp_path)
        else:
            child = pexpect.spawn("/bin/sh", ["-c", shell], env=env, dimensions=size, encoding="utf-8", timeout=20, cwd=tmp_path)
        children.append(child)
        return child

    yield start
    for child in children:
        child.close(force=True)


def answer_all(child: pexpect.spawn, keys: list[str]) -> None:
    for number, key in enumerate(keys, start=1):
        child.expect_exact(f"{number}/9")
        child.expect_exact("»")  # the choices are drawn
        child.send(key)


def test_a_full_questionnaire_by_keys(spawn):
    child = spawn("assess", "--no-save")
    child.expect_exact("Company?")
    child.send("Acme" + ENTER)
    child.expect_exact("Role?")
    child.send(ENTER)
    child.expect_exact("Who interviewed you?")
    child.send(ENTER)
    child.expect_exact("One thing you talked about")
    child.send("their data platform" + ENTER)
    child.expect_exact("When was the interview?")
    child.send("yesterday" + ENTER)
    # from the neutral start: cold vibe (down once), then the best (up once) everywhere else
    answer_all(child, [DOWN + ENTER] + [UP + ENTER] * 8)
    child.expect_exact("hear back?")  # asked because next_steps was 'concrete', before the review
    child.send("next year" + ENTER)
    child.expect_exact("not a day")  # refused in place, asked again
    child.send("\x15friday" + ENTER)  # Ctrl-U clears the line first
    child.expect_exact("Pick one to change it")
    child.send(ENTER)
    child.expect_exact("Strong signs")
    child.expect_exact("What to do next")
    child.expect(r"first\s+working\s+day\s+after\s+Fri")  # may wrap
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before


def test_ctrl_c_midway_exits_130_without_a_traceback(spawn):
    child = spawn(
        "assess",
        "--company",
        "Acme",
        "--role",
        "Dev",
        "--interviewer",
        "Sam",
        "--topic",
        "the roadmap",
        "--date",
        "2026-01-05",
        "--no-save",
    )
    answer_all(child, [ENTER, ENTER])
    child.expect_exact("3/9")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before
    assert "Interrupted" in child.before


def test_json_to_a_file_shows_the_questions_and_writes_only_json(spawn, tmp_path):
    out = tmp_path / "out.json"
    child = spawn(shell=f"{shlex.quote(COMMAND)} assess --json --no-save -a vibe=warm > {shlex.quote(str(out))}")
    child.expect_exact("Company?")
    child.send(ENTER)
    child.expect_exact("Role?")
    child.send(ENTER)
    child.expect_exact("Who interviewed you?")
    child.send(ENTER)
    child.expect_exact("One thing you talked about")
    child.send(ENTER)  # skipped
    child.expect_exact("When was the interview?")
    child.send(ENTER)  # today
    for number in range(2, 10):
        child.expect_exact(f"{number}/9")
        child.expect_exact("»")
        child.send(UP + ENTER)  # the best answer, one up from the neutral start
    child.expect_exact("hear back?")
    child.send(ENTER)  # skipped: no promised date
    child.expect_exact("Pick one to change it")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
    doc = json.loads(out.read_text())
    assert doc["follow_up"]["reply_by"] is None
    assert doc["score"] == 100 and doc["signals"][0]["answer"] == "warm"


def test_the_bare_command_asks_the_questionnaire(spawn):
    child = spawn()
    child.expect_exact("Company?")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before


@pytest.fixture
def two_saved():
    save(ALL_BEST, "--company", "Acme", "--role", "Dev", "--date", "2026-11-23")
    save(MIXED, "--company", "Globex")


def saved_ids() -> list[int]:
    return [row["id"] for row in run_json("history", "--json")]


@pytest.mark.parametrize(
    ("key", "said", "left"), [("n", "Kept it.", [2, 1]), (ENTER, "Kept it.", [2, 1]), ("y", "Deleted interview #1.", [2])]
)
def test_delete_in_a_terminal_asks_first(spawn, two_saved, key, said, left):
    child = spawn("delete", "1")
    child.expect_exact("Delete interview #1 (Acme · Dev · 2026-11-23)? This cannot be undone.")
    child.send(key)  # n or y answers at once; Enter takes the default, no
    child.expect_exact(said)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
    assert "Traceback" not in child.before
    assert saved_ids() == left


def test_delete_off_a_terminal_without_yes_is_refused(two_saved, tmp_path):
    result = subprocess.run([COMMAND, "delete", "1"], stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "Error: deleting needs confirmation: run it in a terminal, or add --yes\n"
    assert saved_ids() == [2, 1]


def test_delete_of_a_missing_id_says_so_first_off_a_terminal(two_saved, tmp_path):
    result = subprocess.run([COMMAND, "delete", "99"], stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert "no interview with id 99" in result.stderr and "confirmation" not in result.stderr


def test_delete_of_a_missing_id_says_so_first_in_a_terminal(spawn, two_saved):
    child = spawn("delete", "99")
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 2 and "no interview with id 99" in child.before


@pytest.mark.parametrize("columns", [40, 60, 80])
def test_a_long_message_in_a_narrow_terminal_breaks_between_words(spawn, tmp_path, columns):
    notes = tmp_path / "notes.json"
    notes.write_text("{}")
    child = spawn("assess", "--db", str(notes), "--company", "Acme Corporation International", columns=columns)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 2
    said = ANSI.sub("", child.before).replace("\r", "")
    assert "Role?" not in said and "1/9" not in said  # refused before the first question
    lines = said.strip().splitlines()
    assert all(len(line) < columns or " " not in line for line in lines), lines  # a word longer than a line stays whole
    words = " ".join(lines).split()
    assert ["interview-signals", "history;", "choose", "another", "--db"] == words[-5:], words  # no word broken in two


def test_framework_usage_errors_are_one_line(tmp_path):
    """Errors typer finds itself (a bad number, a missing argument) get the same one line as ours."""
    for args, fragment in (
        (["history", "--limit", "abc"], "--limit"),
        (["draft", "1"], "Missing argument"),
        (["nosuch"], "No such command"),
    ):
        result = subprocess.run([COMMAND, *args], capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0] and "--help" in lines[0], result.stderr


def test_a_reader_that_goes_away_early_is_no_error(tmp_path):
    """`| head` closes the pipe: stop quietly, as cat does (killed by SIGPIPE), with no traceback."""
    result = subprocess.run(
        ["bash", "-c", f"{shlex.quote(COMMAND)} signals | head -1; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    first, status = result.stdout.splitlines()
    assert first.startswith("vibe")
    assert status in ("0", "141")
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


CTRL_D = "\x04"


@pytest.mark.parametrize("at", ["the first question", "a later question", "the review step"])
def test_ctrl_d_ends_the_questionnaire_anywhere(spawn, isolated_home, at):
    child = spawn(
        "assess", "--company", "Acme", "--role", "Dev", "--interviewer", "Sam", "--topic", "the roadmap", "--date", "2026-01-05"
    )
    if at == "a later question":
        answer_all(child, [ENTER, ENTER])
        child.expect_exact("3/9")
        child.expect_exact("»")
    elif at == "the review step":
        answer_all(child, [ENTER] * 9)
        child.expect_exact("Pick one to change it")
    else:
        child.expect_exact("1/9")
        child.expect_exact("»")
    child.send(CTRL_D)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 2
    assert "Stopped; nothing was saved." in child.before  # a documented way to stop, not an error
    assert "Error" not in child.before and "Traceback" not in child.before
    assert not isolated_home.exists()  # nothing saved, nothing created


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]")


@pytest.mark.parametrize("columns", [40, 60])
def test_a_narrow_terminal_enter_through_reads_as_nothing_special_and_nothing_is_cut(spawn, columns):
    company = "Acme Corporation International"
    child = spawn(
        "assess", "--company", company, "--role", "Senior data engineer", "--interviewer", "Sam", "--topic", "the roadmap", "--date", "2026-01-05",
        "--no-save", columns=columns,
    )  # fmt: skip
    answer_all(child, [ENTER] * 9)  # every question starts on its neutral answer
    child.expect_exact("Pick one to change it")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0
    report = ANSI.sub("", child.before[child.before.rindex("╭") :]).replace("\r", "")
    lines = report.splitlines()
    assert max(len(line) for line in lines) <= columns, [line for line in lines if len(line) > columns]
    assert "…" not in report  # the report never shortens anything
    flat = " ".join(report.replace("│", " ").split())
    assert "Mixed" in flat and company in flat
    cat = catalog.load()
    for signal in cat.signals:
        label = cat.answer_label(signal, prompts.default_answer(signal))
        assert label in flat, label  # each answer whole, wrapped between words
    if columns < 70:
        assert "Your answer" not in flat  # a stacked list, not a table


def test_term_dumb_asks_numbered_questions_with_no_escape_codes(spawn):
    child = spawn(
        "assess",
        "--company",
        "Acme",
        "--role",
        "Dev",
        "--interviewer",
        "Sam",
        "--topic",
        "the roadmap",
        "--date",
        "2026-01-05",
        "--no-save",
        term="dumb",
    )
    child.logfile_read = seen = io.StringIO()
    child.expect_exact("1/9")
    child.expect_exact("Number or id")
    child.send("1" + ENTER)  # warm, by number
    child.expect_exact("2/9")
    child.expect_exact("Number or id")
    child.send("ESCORTED_OUT" + ENTER)  # by id, any case
    for number in range(3, 10):
        child.expect_exact(f"{number}/9")
        child.expect_exact("Number or id")
        child.send(ENTER)  # the neutral default
    child.expect_exact("Pick one to change it")
    child.expect_exact("Number or id")
    child.send(ENTER)  # looks right
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 0, child.before
    everything = seen.getvalue()
    assert "\x1b" not in everything
    assert "1) warm · Warm: it flowed" in everything and "3) escorted_out · I was walked straight to the exit" in everything


def test_term_dumb_ctrl_d_ends_it(spawn, isolated_home):
    child = spawn(
        "assess",
        "--company",
        "Acme",
        "--role",
        "Dev",
        "--interviewer",
        "Sam",
        "--topic",
        "the roadmap",
        "--date",
        "2026-01-05",
        term="dumb",
    )
    child.expect_exact("Number or id")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 2 and "nothing was saved" in child.before
    assert not isolated_home.exists()


def test_another_round_is_offered_as_the_next_question_after_the_company(spawn):
    save(ALL_BEST, "--company", "Acme", "--role", "Data engineer", "--interviewer", "Ann Smith", "--date", "2026-11-23")
    child = spawn("assess", "--no-save")
    child.expect_exact("Company?")
    child.send("acme" + ENTER)
    child.expect_exact("Another round of #1 Acme · Data engineer?")
    child.send("y")
    child.expect_exact("Who interviewed you this time?")  # the role was filled by the yes
    assert "Role?" not in child.before
    child.send(ENTER)  # keeps Ann Smith
    child.expect_exact("One thing you talked about")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 130
