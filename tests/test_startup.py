"""Start-up guards: the paths that run in shell loops load no UI library they do not use.

No timings here (benchmarks/bench.py measures those). Each test runs the
installed command in a subprocess under a probe that writes the names in
``sys.modules`` at exit, so a stray top-level ``import questionary`` or
``import rich`` in the CLI's import chain fails a test on any machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import installed_command

pytestmark = pytest.mark.subprocess

# Runs a script as __main__ with the given argv; at exit (typer always ends with
# sys.exit, and atexit still runs then) writes every imported module's name.
PROBE = """\
import atexit, json, runpy, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = sys.argv[2:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

MINIMAL_APP = '''\
import json

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = typer.Option("x", help="A name.")) -> None:
    """Print a JSON object."""
    print(json.dumps({"name": name}))


if __name__ == "__main__":
    app()
'''

PROMPT_LIBRARIES = ("questionary", "prompt_toolkit")


def command(tmp_path: Path) -> Path:
    """The installed console script; failing that, a stand-in that calls the same entry point."""
    script = Path(installed_command())
    if script.is_file():
        return script
    stand_in = tmp_path / "interview-signals.py"
    stand_in.write_text("from interview_signals.cli import main\nmain()\n")
    return stand_in


def run_probed(tmp_path: Path, script: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``script args`` under the probe, with stdout and stderr pipes (not a terminal)."""
    modules_file = tmp_path / f"modules-{len(list(tmp_path.glob('modules-*')))}.json"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(modules_file), str(script), *args],
        env=os.environ,
        cwd=tmp_path,  # keep the checkout off sys.path: the installed package is what runs
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=30,
    )
    assert modules_file.exists(), f"the probe wrote nothing; stderr:\n{proc.stderr}"
    return proc, set(json.loads(modules_file.read_text()))


def under(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in packages}


def catalog_answers(tmp_path: Path) -> dict[str, list[str]]:
    proc = subprocess.run(
        [sys.executable, str(command(tmp_path)), "signals", "--json"], env=os.environ, capture_output=True, text=True, check=True
    )
    return {s["id"]: [a["id"] for a in s["answers"]] for s in json.loads(proc.stdout)["signals"]}


def minimal_app(tmp_path: Path) -> Path:
    path = tmp_path / "minimal_app.py"
    path.write_text(MINIMAL_APP)
    return path


def test_scripted_assess_loads_no_prompt_library_and_no_rich_beyond_typer(tmp_path):
    every = {signal: ids[0] for signal, ids in catalog_answers(tmp_path).items()}
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(every))

    proc, ours = run_probed(tmp_path, command(tmp_path), "assess", "--answers", str(answers_file), "--json", "--no-save")
    assert proc.returncode == 0, proc.stderr
    assert isinstance(json.loads(proc.stdout), dict)  # the report really was made

    baseline_proc, baseline = run_probed(tmp_path, minimal_app(tmp_path), "--name", "y")
    assert baseline_proc.returncode == 0, baseline_proc.stderr
    assert json.loads(baseline_proc.stdout) == {"name": "y"}

    assert under(ours, *PROMPT_LIBRARIES) == set()
    assert under(ours, "rich") - under(baseline, "rich") == set()
    # the command line's other families register their commands only when one of theirs is asked for
    from interview_signals.cli import FAMILIES

    assert {f"interview_signals.cli.{family}" for family in FAMILIES} & ours == set()


def test_a_command_of_another_family_and_the_help_find_every_command(tmp_path):
    """assess's family is loaded first; a command of another family, or --help, loads the rest."""
    due = subprocess.run([sys.executable, str(command(tmp_path)), "due", "--json"], capture_output=True, text=True)
    assert due.returncode == 0, due.stderr
    helped = subprocess.run([sys.executable, str(command(tmp_path)), "--help"], capture_output=True, text=True)
    assert all(f" {name} " in helped.stdout for name in ("assess", "due", "applications", "board", "backup", "config"))


def test_score_loads_no_prompt_library_and_no_rich(tmp_path):
    answers = catalog_answers(tmp_path)
    lines = [{"id": f"r{n}", **{signal: ids[n % len(ids)] for signal, ids in answers.items()}} for n in range(5)]
    source = tmp_path / "in.ndjson"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))

    proc, modules = run_probed(tmp_path, command(tmp_path), "score", str(source))
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == len(lines)

    assert under(modules, *PROMPT_LIBRARIES, "rich") == set()


def test_signals_json_loads_no_prompt_library(tmp_path):
    proc, modules = run_probed(tmp_path, command(tmp_path), "signals", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["signals"]

    assert under(modules, *PROMPT_LIBRARIES) == set()


@pytest.mark.parametrize("stray", ["questionary", "rich.console"])
def test_the_probe_sees_a_stray_import(tmp_path, stray):
    """The guards above would fail if the CLI's import chain pulled these in."""
    script = tmp_path / "stray.py"
    script.write_text(f"import {stray}\n" + MINIMAL_APP)

    proc, modules = run_probed(tmp_path, script, "--name", "y")
    assert proc.returncode == 0, proc.stderr

    assert stray in modules


def help_of(app, capsys) -> str:
    """The top-level help as the app prints it (typer's rich help prints rather than returns it)."""
    import typer.main

    command = typer.main.get_command(app)
    with command.make_context("interview-signals", [], resilient_parsing=True) as ctx:
        command.get_help(ctx)
    return capsys.readouterr().out


@pytest.mark.parametrize("width", ["60", "100"])
def test_the_top_level_help_is_the_same_from_the_summary(width, monkeypatch, capsys):
    """`interview-signals --help` runs a copy whose commands have no options (cli._summary); it prints the same."""
    from interview_signals import cli
    from interview_signals.cli import boot

    monkeypatch.setenv("COLUMNS", width)
    summary = boot.lean_app(cli.app, ["--help"])
    assert summary is not cli.app
    assert all(not info.callback.__code__.co_varnames for info in summary.registered_commands)  # nothing to build
    printed = help_of(summary, capsys)
    assert printed == help_of(cli.app, capsys)
    assert "stats" in printed and "config" in printed and "Counts by verdict" in printed
