"""The store under hostile conditions: a damaged saved report.

Each section is a class of fault a hostile trial found; every test here failed
against the code before its fix.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from helpers import ALL_BEST, MIXED, run, run_json, save

from interview_signals import store
from interview_signals.errors import InputError, SignalsError
from interview_signals.store import History

FIXTURE_V1 = Path(__file__).parent / "fixtures" / "history-v1.sqlite3"


def ids(rows: list[dict]) -> list[int]:
    return [row["id"] for row in rows]


def one_line(text: str) -> str:
    """The only line of ``text``."""
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def set_column(db: Path, interview_id: int, column: str, value: object) -> None:
    """Change one stored value behind the tool's back, as a hand edit or a bad disk would."""
    conn = sqlite3.connect(db)
    conn.execute(f"UPDATE interviews SET {column} = ? WHERE id = ?", (value, interview_id))
    conn.commit()
    conn.close()


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes: what a refusal must leave as it was."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


# == A. a damaged saved report ==================================================================

GOOD = {"verdict": "strong", "confidence": "low", "catalog_version": 1, "signals": []}  # the least a report can be
# what a hand edit, a bad disk or another tool can leave in the report column, and what the warning says
DAMAGE = {
    "invalid-json": ("{not json", "is not valid JSON"),
    "nested-too-deep": ("[" * 100_000 + "]" * 100_000, "is not valid JSON"),
    "not-an-object": ("[1, 2, 3]", "is not a JSON object"),
    "a-string": ('"strong"', "is not a JSON object"),
    "no-signals": (json.dumps({"verdict": "strong"}), 'has no "signals" list'),
    "signals-not-a-list": (json.dumps({"verdict": "strong", "signals": {"vibe": "warm"}}), 'has no "signals" list'),
    "signal-not-an-object": (json.dumps({"verdict": "strong", "signals": ["vibe"]}), '"signals" entry'),
    "signal-without-id": (json.dumps({"verdict": "strong", "signals": [{"answer": "warm"}]}), '"signals" entry'),
    "no-verdict": (json.dumps({"signals": []}), 'has no "verdict"'),
    "context-not-an-object": (json.dumps({"verdict": "strong", "signals": [], "context": "Acme"}), '"context"'),
    "follow-up-not-an-object": (json.dumps({"verdict": "strong", "signals": [], "follow_up": "friday"}), '"follow_up"'),
    "follow-up-day-not-a-date": (
        json.dumps({"verdict": "strong", "signals": [], "follow_up": {"thank_you_by": "2026-11-24", "follow_up_on": "soon"}}),
        "follow_up.follow_up_on",
    ),
    "thank-you-day-missing": (
        json.dumps({"verdict": "strong", "signals": [], "follow_up": {"follow_up_on": "2026-11-30"}}),
        "follow_up.thank_you_by",
    ),
    "reply-by-not-a-date": (
        json.dumps(
            {
                "verdict": "strong",
                "signals": [],
                "follow_up": {"thank_you_by": "2026-11-24", "follow_up_on": "2026-11-30", "reply_by": 5},
            }
        ),
        "follow_up.reply_by",
    ),
}


@pytest.fixture
def three(isolated_home, december) -> Path:
    """Three saved interviews, all with a follow-up day before 'today' (31 Dec 2026)."""
    save(ALL_BEST, "--company", "Acme", "--date", "2026-11-02")
    save(MIXED, "--company", "Globex", "--date", "2026-11-03")
    save(ALL_BEST, "--company", "Initech", "--date", "2026-11-04")
    return isolated_home / "history.sqlite3"


def assert_skipped(result, interview_id: int, reason: str) -> None:
    """Exit 0, and one warning on stderr naming the interview and what is wrong with it."""
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    warning = one_line(result.stderr)
    assert warning.startswith(f"Warning: interview #{interview_id} is damaged (its saved report "), warning
    assert reason in warning and warning.endswith("; skipped it"), warning


@pytest.mark.parametrize("kind", DAMAGE)
def test_listing_commands_skip_a_damaged_report_with_a_warning(three, kind):
    text, reason = DAMAGE[kind]
    set_column(three, 2, "report", text)
    assert_skipped(result := run("history", "--json"), 2, reason)
    assert ids(json.loads(result.stdout)) == [3, 1]
    assert_skipped(result := run("history"), 2, reason)
    assert "Acme" in result.stdout and "Globex" not in result.stdout
    assert_skipped(result := run("due", "--json"), 2, reason)
    assert ids(json.loads(result.stdout)) == [1, 3]
    assert_skipped(result := run("stats", "--json"), 2, reason)
    assert json.loads(result.stdout)["interviews"] == 2
    assert_skipped(run("stats"), 2, reason)


@pytest.mark.parametrize("kind", DAMAGE)
def test_reading_one_damaged_interview_fails_naming_it(three, kind):
    text, reason = DAMAGE[kind]
    set_column(three, 2, "report", text)
    for args in (
        ("show", "2"),
        ("show", "2", "--json"),
        ("draft", "2", "thank-you"),
        ("remind", "2", "--ics", "-"),
        ("assess", "--from", "2", "--json"),
    ):
        result = run(*args)
        assert result.exit_code == 1, (args, result.exit_code, result.stderr, result.exception)
        message = one_line(result.stderr)
        assert message.startswith("Error: interview #2 is damaged (its saved report "), (args, message)
        assert reason in message, (args, message)
        assert result.stdout == "", args
    # every other interview stays readable
    assert run_json("show", "1", "--json")["context"]["company"] == "Acme"
    assert run("draft", "3", "thank-you").exit_code == 0
    assert run("remind", "1", "--ics", "-").exit_code == 0


def test_a_damaged_interview_can_still_be_deleted_or_given_an_outcome(three):
    set_column(three, 2, "report", "{not json")
    assert run("outcome", "2", "rejected").exit_code == 0
    result = run("delete", "2", "--yes")
    assert result.exit_code == 0, result.stderr
    again = run("history", "--json")
    assert (ids(json.loads(again.stdout)), again.stderr) == ([3, 1], "")


def test_history_limit_counts_readable_interviews(three):
    set_column(three, 3, "report", "{not json")
    result = run("history", "--json", "--limit", "2")
    assert ids(json.loads(result.stdout)) == [2, 1]
    assert "interview #3 is damaged" in result.stderr


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("date", "someday", "its date is not a day"),
        ("date", "2026-02-30", "its date is not a day"),
        ("company", b"\xffAcme", "its company is not text"),  # a BLOB: TEXT columns turn numbers into text, not bytes
        ("verdict", b"strong", "its verdict is not text"),
        ("score", "high", "its score is not a number"),
    ],
)
def test_a_damaged_column_is_damage_too(three, column, value, reason):
    set_column(three, 2, column, value)
    result = run("history", "--json")
    assert result.exit_code == 0, result.stderr
    assert ids(json.loads(result.stdout)) == [3, 1]
    warning = one_line(result.stderr)
    assert warning.startswith("Warning: interview #2 is damaged (") and reason in warning and warning.endswith("; skipped it")
    assert ids(json.loads(run("due", "--json").stdout)) == [1, 3]
    assert run("show", "2").exit_code == 1


def test_the_store_skips_damage_into_warnings_and_never_prints(tmp_path, capsys):
    db = tmp_path / "h.sqlite3"
    with History.open(db) as h:
        first, second = h.save(GOOD, "2025-01-01"), h.save(GOOD, "2025-01-02")
    set_column(db, second, "report", "{not json")
    with History.open(db) as h:
        assert [i.id for i in h.interviews()] == [first]
        assert [i.id for i in h.open_interviews()] == [first]
        assert h.stats()["interviews"] == 1
        assert h.warnings == [f"interview #{second} is damaged (its saved report is not valid JSON); skipped it"] * 3
        with pytest.raises(SignalsError) as err:
            h.get(second)
        assert type(err.value) is store.DamagedInterview and err.value.exit_code == 1
        assert str(err.value).startswith(f"interview #{second} is damaged (its saved report is not valid JSON)")
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("report", "fragment"),
    [
        ({"verdict": "mixed", "confidence": "low", "catalog_version": 1}, 'the report has no "signals" list'),
        ({"verdict": "mixed", "confidence": "low", "catalog_version": 1, "signals": [], "context": []}, '"context"'),
    ],
)
def test_a_report_that_could_not_be_read_back_is_not_saved(tmp_path, report, fragment):
    with History.open(tmp_path / "h.sqlite3") as h:
        with pytest.raises(InputError) as err:
            h.save(report, "2025-01-01")
        assert fragment in str(err.value) and "only reports made by interview-signals can be saved" in str(err.value)
        assert h.interviews() == []
