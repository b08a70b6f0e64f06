"""Faults on the machine's side and hostile text: one line on stderr, a documented exit code, never a traceback.

Streams (closed, full, odd encodings, odd COLUMNS) are tried on the installed
command in a subprocess, since only a real process has a real stdout to close.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import ALL_BEST, flags, run, save

COMMAND = str(Path(sys.executable).with_name("interview-signals"))
EVERY_FLAG = flags(ALL_BEST)


def shell(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a line of bash with the installed command as $IS."""
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        encoding=env.get("PYTHONIOENCODING", "utf-8"),  # what the command was told to write
        cwd=cwd,
        env=os.environ | {"IS": COMMAND} | env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def one_error_line(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


ANSWERS = " ".join(EVERY_FLAG)
PRINTING = [
    "--help",
    "--version",
    "history --help",
    "signals",
    "signals --json",
    f"assess {ANSWERS} --no-save",
    "history",
    "where",
]


@pytest.mark.subprocess
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"], ids=["closed", "full"])
@pytest.mark.parametrize("command", PRINTING)
def test_a_closed_or_full_stdout_is_one_line_and_exit_1(tmp_path, command, redirect):
    result = shell(f"$IS {command} {redirect}", tmp_path)
    one_error_line(result, 1, "cannot write to standard output")


@pytest.mark.subprocess
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"], ids=["closed", "full"])
def test_score_into_a_closed_or_full_stdout(tmp_path, redirect):
    source = tmp_path / "in.ndjson"
    source.write_text(json.dumps(ALL_BEST) + "\n")
    one_error_line(shell(f"$IS score {source} {redirect}", tmp_path), 1, "cannot write to standard output")
    one_error_line(shell(f"$IS score < {source} {redirect}", tmp_path), 1, "cannot write to standard output")


@pytest.mark.subprocess
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"], ids=["closed", "full"])
@pytest.mark.parametrize("form", ["", "--json"])
def test_saved_then_not_shown_says_where_it_was_saved(tmp_path, redirect, form):
    result = shell(f"$IS assess {ANSWERS} {form} {redirect}", tmp_path)
    one_error_line(result, 1, "saved as #1", "interview-signals show 1")
    shown = shell("$IS history --json", tmp_path)
    assert [row["id"] for row in json.loads(shown.stdout)] == [1]  # saved once, and only once


@pytest.mark.subprocess
def test_a_closed_stdout_does_not_stop_commands_that_print_nothing_there(tmp_path):
    assert shell(f"$IS assess {ANSWERS} --json > /dev/null", tmp_path).returncode == 0
    result = shell("$IS outcome 1 offer >&-", tmp_path)
    assert result.returncode == 0 and "Recorded" in result.stderr


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        ("score", "standard input is closed"),
        ("score -", "standard input is closed"),
        ("assess --answers -", "standard input is closed"),
        ("assess", "not answered"),
        ("delete 1", "no interview with id 1"),  # a missing id is told first
    ],
)
def test_a_closed_stdin_is_bad_input(tmp_path, command, fragment):
    one_error_line(shell(f"$IS {command} <&-", tmp_path), 2, fragment)


@pytest.mark.subprocess
def test_a_closed_stderr_is_no_crash(tmp_path):
    result = shell(f"$IS assess {ANSWERS} --no-save --json 2>&-", tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["score"] == 100
    result = shell("$IS show 99 2>&-", tmp_path)
    assert result.returncode == 2


UNICODE_COMPANY = "Café · 株式会社 ✓ …"


@pytest.mark.subprocess
@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_any_output_encoding_works_and_json_stays_exact(tmp_path, encoding):
    env = {"PYTHONIOENCODING": encoding, "INTERVIEW_SIGNALS_HOME": str(tmp_path / "home")}
    for command in (
        f"$IS assess {ANSWERS} --company '{UNICODE_COMPANY}' --role Ünï --interviewer 'Zoë' --date 2026-11-20",
        "$IS show 1",
        "$IS history",
        "$IS history --csv",
        "$IS due --today 2026-12-30",
        "$IS stats",
        "$IS signals",
        "$IS draft 1 thank-you",
        "$IS outcome 1 offer",
    ):
        result = shell(command, tmp_path, **env)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stdout.strip() or "outcome" in command, command
    shown = shell("$IS show 1", tmp_path, **env).stdout
    assert "Strong signs" in shown and "100/100" in shown
    if encoding == "ascii":
        assert shown.isascii()  # symbols fell back to ASCII, boxes too
        assert "########" in shown and "+--" in shown
    for command, company_of in (
        ("$IS show 1 --json", lambda out: json.loads(out)["context"]["company"]),
        ("$IS history --json", lambda out: json.loads(out)[0]["company"]),
        ("$IS history --nl", lambda out: json.loads(out.splitlines()[0])["company"]),
    ):
        out = shell(command, tmp_path, **env).stdout
        assert company_of(out) == UNICODE_COMPANY, command  # lossless: escaped where the encoding cannot carry it


@pytest.mark.subprocess
@pytest.mark.parametrize("columns", ["0", "-3", "wide", ""])
def test_a_nonsense_columns_falls_back_to_a_default_width(tmp_path, columns):
    for command in (f"$IS assess {ANSWERS} --no-save", "$IS --help", "$IS signals"):
        result = shell(command, tmp_path, COLUMNS=columns)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) > 10 and max(map(len, lines)) <= 80, (command, lines[:3])


# -- hostile text: one guard wherever user text reaches a terminal or a file ------------

HOSTILE = "Acme\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x9b31m\u202egnp.exe\u2066x\u2069"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069")


def assert_no_raw_controls(text: str, where: str) -> None:
    assert not any(ch in text for ch in RAW), (where, text)


@dataclass(frozen=True)
class Layout:
    """One way saved text is shown: the command's words, the environment it runs in,
    and whether the saved names appear in it (stats, say, shows counts only)."""

    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    shows_names: bool = True


def completing(shell: str, line: str) -> dict[str, str]:
    """The environment in which a shell's completion script asks the command for candidates for ``line``."""
    words = line.split()
    return {
        "_INTERVIEW_SIGNALS_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words)),
    }


WIDE, NARROW = {"COLUMNS": "100"}, {"COLUMNS": "40"}  # NARROW is under report.STACK_BELOW: stacked lists, not tables
# Every layout of every command that shows what the user typed (company, role,
# interviewer, topic, an outcome's note). A new layout joins by being listed.
LAYOUTS = {
    "history wide": Layout(("history",), WIDE),
    "history narrow": Layout(("history",), NARROW),
    "history csv": Layout(("history", "--csv")),
    "history json": Layout(("history", "--json")),
    "history nl": Layout(("history", "--nl")),
    "show wide": Layout(("show", "1"), WIDE),
    "show narrow": Layout(("show", "1"), NARROW),
    "show json": Layout(("show", "1", "--json")),
    "show md": Layout(("show", "1", "--format", "md")),
    "show html": Layout(("show", "1", "--format", "html")),
    "show svg": Layout(("show", "1", "--format", "svg")),
    "show text": Layout(("show", "1", "--format", "text")),
    "stats wide": Layout(("stats",), WIDE, shows_names=False),
    "stats narrow": Layout(("stats",), NARROW, shows_names=False),
    "due wide": Layout(("due", "--today", "2026-12-30"), WIDE),
    "due narrow": Layout(("due", "--today", "2026-12-30"), NARROW),
    "due json": Layout(("due", "--today", "2026-12-30", "--json")),
    "applications wide": Layout(("applications", "--today", "2026-12-30"), WIDE),
    "applications narrow": Layout(("applications", "--today", "2026-12-30"), NARROW),
    "applications json": Layout(("applications", "--json")),
    "applications csv": Layout(("applications", "--csv")),
    "application's story wide": Layout(("applications", "1"), WIDE),
    "application's story narrow": Layout(("applications", "1"), NARROW),
    "application's story json": Layout(("applications", "1", "--json")),
    "draft thank-you": Layout(("draft", "1", "thank-you")),  # the topic
    "draft follow-up": Layout(("draft", "1", "follow-up")),  # the interviewer
    "draft follow-up to a name given": Layout(("draft", "1", "follow-up", "--interviewer", HOSTILE)),
    "draft json": Layout(("draft", "1", "thank-you", "--json")),
    "calendar": Layout(("remind", "1", "--ics", "-")),
    "calendar file": Layout(("remind", "1", "--ics", "{tmp}/r.ics")),
    "calendar of all": Layout(("remind", "--all", "--ics", "-")),
    # ids are completed with the company and role as the description, in the shells that show one
    "completion zsh": Layout((), completing("zsh", "interview-signals show ")),
    "completion fish": Layout((), completing("fish", "interview-signals show ")),
    "completion powershell": Layout((), completing("powershell", "interview-signals show ")),
    "completion bash": Layout((), completing("bash", "interview-signals show "), shows_names=False),
}


@pytest.fixture
def hostile_history():
    save("--company", HOSTILE, "--role", HOSTILE, "--interviewer", HOSTILE, "--topic", HOSTILE, "--date", "2026-11-20")
    assert run("outcome", "1", "pending", "--note", HOSTILE).exit_code == 0


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_hostile_names_never_reach_the_terminal_or_a_file_raw(hostile_history, tmp_path, layout):
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in layout.argv]
    result = run(*argv, env=layout.env)
    assert result.exit_code == 0, (argv, result.stderr)
    shown = result.stdout
    for arg in argv:
        if arg.endswith(".ics") and arg != "-":
            shown += Path(arg).read_text(encoding="utf-8")
    assert_no_raw_controls(shown, "stdout")
    assert_no_raw_controls(result.stderr, "stderr")
    if layout.shows_names:  # still shown: its first control escaped, the backslash doubled where the format quotes one
        escapes = ("\\x1b", "\\u001b")  # as text.printable and as JSON write it
        assert any(f"Acme{escape}" in shown or f"Acme\\{escape}" in shown for escape in escapes), shown


def test_json_output_escapes_controls_but_keeps_the_text_exact():
    save("--company", HOSTILE, "--date", "2026-11-20")
    out = run("show", "1", "--json").stdout
    assert "\\u001b" in out and "\\u202e" in out and "\\u009b" in out
    assert json.loads(out)["context"]["company"] == HOSTILE


def test_an_error_message_quotes_hostile_text_escaped():
    result = run("assess", *EVERY_FLAG, "--date", HOSTILE, "--no-save")
    assert result.exit_code == 2
    assert_no_raw_controls(result.stderr, "the error line")
    assert "\\x1b" in result.stderr


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\\tTab"),  # and the control character itself is escaped
        ("\rCR", "'\\rCR"),
        ("Plain -1", "Plain -1"),
    ],
)
def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(cell, written):
    save("--company", cell, "--role", "Plain", "--date", "2026-11-20")
    rows = list(csv.DictReader(io.StringIO(run("history", "--csv").stdout)))
    assert rows[0]["company"] == written
    assert rows[0]["role"] == "Plain"
    assert json.loads(run("history", "--json").stdout)[0]["company"] == cell  # the history itself is unchanged


def test_remind_writes_through_a_link_and_never_replaces_a_device_or_pipe(tmp_path):
    save("--date", "2026-11-20")
    real = tmp_path / "real.ics"
    real.write_text("old")
    link = tmp_path / "link.ics"
    link.symlink_to(real)
    assert run("remind", "1", "--ics", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("BEGIN:VCALENDAR")
    assert oct(real.stat().st_mode & 0o777) == "0o600"
    result = shell("$IS remind 1 --ics /dev/full", tmp_path, INTERVIEW_SIGNALS_HOME=os.environ["INTERVIEW_SIGNALS_HOME"])
    one_error_line(result, 1, "--ics", "/dev/full")
    assert Path("/dev/full").is_char_device()  # still the device
    assert shell("$IS remind 1 --ics /dev/stdout", tmp_path).stdout.startswith("BEGIN:VCALENDAR")
    folder = run("remind", "1", "--ics", str(tmp_path))
    assert folder.exit_code == 2 and "is a folder" in folder.stderr


def test_a_home_that_is_a_file_is_named_even_by_reading_commands(tmp_path, monkeypatch):
    home = tmp_path / "not-a-folder"
    home.write_text("x")
    monkeypatch.setenv("INTERVIEW_SIGNALS_HOME", str(home))
    for args in (["history"], ["stats"], ["where"]):
        result = run(*args)
        assert result.exit_code == 2 and "INTERVIEW_SIGNALS_HOME" in result.stderr and "is a file" in result.stderr, args


def test_a_huge_columns_is_held_to_a_sane_width(tmp_path):
    result = shell("$IS show --help", tmp_path, COLUMNS="99999999")
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 1000


def test_a_line_that_never_ends_is_reported_at_once(tmp_path):
    """`score /dev/zero`: the error object for line 1 comes out while the rest is still being dropped."""
    proc = subprocess.Popen([COMMAND, "score", "/dev/zero"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        first = json.loads(proc.stdout.readline())
    finally:
        proc.kill()
        proc.wait()
    assert first["line"] == 1 and "1 MiB" in first["error"]
