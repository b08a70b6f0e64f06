"""Small shared helpers for the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from interview_signals import catalog, document, scoring
from interview_signals.cli import app

runner = CliRunner()
PROG_NAME = "interview-signals"

ALL_BEST = {
    "vibe": "warm",
    "tour": "yes",
    "extra_people": "yes",
    "as_if_hired": "yes",
    "start_date": "asked",
    "length": "longer",
    "pitch": "yes",
    "other_offers": "asked",
    "next_steps": "concrete",
}

ALL_WORST = {
    "vibe": "cold",
    "tour": "escorted_out",
    "extra_people": "cancelled",
    "as_if_hired": "distant",
    "start_date": "start_unclear",
    "length": "cut_short",
    "pitch": "downsides",
    "other_offers": "competition_stressed",
    "next_steps": "chase_assistant",
}

MIXED = ALL_BEST | {"tour": "not_applicable", "pitch": "downsides", "other_offers": "unsure", "next_steps": "vague"}


def flags(answers: dict[str, str]) -> list[str]:
    """--answer flags for a mapping of answers."""
    return [arg for key, value in answers.items() for arg in ("-a", f"{key}={value}")]


def run(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None):
    """Invoke the app in-process (stdin is never a terminal here), named as users call it."""
    return runner.invoke(app, list(args), input=input, env=env, prog_name=PROG_NAME)


def build_report(
    answers: Mapping[str, str] | None = None, *, follow_up: Mapping[str, Any] | None = None, **context: str | None
) -> dict:
    """A real report document, made as `assess` makes it: the answers (ALL_BEST
    unless given; ``{}`` answers nothing) scored through the shipped catalog,
    scoring and document code. Context values that are None are left out, and
    nothing is added: no date unless given, and the ``follow_up`` section only
    when given (as reports saved before it existed)."""
    cat = catalog.load()
    assessment = scoring.assess(cat, ALL_BEST if answers is None else answers)
    return document.build(cat, assessment, {k: v for k, v in context.items() if v is not None}, follow_up)


def installed_command() -> str:
    """The installed `interview-signals` console script, beside this Python."""
    return str(Path(sys.executable).with_name(PROG_NAME))


def assert_usage_error(result, *fragments: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr containing every fragment."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def save(*args: Any, answers: dict[str, str] | None = None) -> dict:
    """Save one interview through `assess --json` and return the printed document.

    The answers are ALL_BEST unless given, as ``answers=`` or as a dict first;
    every other argument is a flag for `assess`."""
    if args and isinstance(args[0], dict):
        answers, args = args[0], args[1:]
    result = run("assess", *flags(answers or ALL_BEST), *args, "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def run_json(*args: str) -> Any:
    """Run a command that prints JSON; it must succeed."""
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)
