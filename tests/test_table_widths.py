"""`applications`, `history` and `due` with long names, at every width a terminal may have:
columns sized by what they hold, nothing wider than the terminal, a name cut only when the
table has no room for it, and the stacked forms wrapping under their own indent, never cut."""

from __future__ import annotations

import pytest
from helpers import run, save

from interview_signals import report

WIDTHS = [40, 60, 80, 100, 120]
ROLE = "Senior Data Platform Engineer (Streaming)"
TODAY = ("--today", "2026-12-05")


@pytest.fixture
def long_names():
    """Acme (two rounds, a long role), Globex and Initech: short companies, one long role."""
    save("--company", "Acme", "--role", ROLE, "--date", "2026-12-01")
    save("--round-of", "1", "--date", "2026-12-05")
    save("--company", "Globex", "--role", "Analyst", "--date", "2026-12-02")
    save("--company", "Initech", "--role", "QA lead", "--date", "2026-11-20")


def drawn(*args: str, columns: int) -> list[str]:
    result = run(*args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, (result.stderr, result.exception)
    return result.stdout.splitlines()


def flat(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def natural(lines: list[str]) -> int:
    """The width a table drew at when nothing in it was cut: its widest line."""
    return max(len(line.rstrip()) for line in lines)


def column_gap(header: str, name: str, after: str) -> int:
    """How many cells the column headed ``name`` takes, up to the next header ``after``."""
    return header.index(after) - header.index(name)


def assert_stacked_reads_whole(lines: list[str]) -> None:
    """A stacked list: each entry starts at column 0 with its id, every other line is indented, nothing cut."""
    assert "…" not in "\n".join(lines), lines
    for line in lines:
        assert not line or line.startswith(("#", " ")), lines
    assert ROLE in flat(lines), lines


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", ["applications", "history"])
def test_a_listing_fits_and_cuts_no_name_it_has_room_for(long_names, command, columns):
    args = (command, *TODAY) if command == "applications" else (command,)
    lines = drawn(*args, columns=columns)
    assert max(map(len, lines)) <= columns, lines
    header = lines[0]
    if not header.startswith("ID"):  # stacked: the names wrap, whole
        assert columns < 80, lines
        assert_stacked_reads_whole(lines)
        return
    # the company column is as wide as its longest cell ("Initech", "Company"), not more
    assert column_gap(header, "Company", "Role") == len("Company") + 2, header
    wide = drawn(*args, columns=200)  # drawn at the widest a report is (report.MAX_WIDTH)
    if natural(wide) <= min(columns, report.MAX_WIDTH) and "…" not in "\n".join(wide):
        assert any(ROLE in line for line in lines), lines
        assert "…" not in "\n".join(lines), lines
    else:  # a cut role keeps what the other columns leave, not an even split with a short company
        row = next(line for line in lines if "Acme" in line)
        assert "Senior Data Platform" in row, lines


@pytest.mark.parametrize("command", ["applications", "history"])
def test_the_full_role_shows_in_the_table_once_the_terminal_is_wide_enough(long_names, command):
    args = (command, *TODAY) if command == "applications" else (command,)
    assert any(ROLE in line for line in drawn(*args, columns=100)), drawn(*args, columns=100)


def test_days_are_as_the_tool_says_them_when_the_table_has_room():
    save("--company", "Globex", "--role", "Analyst", "--date", "2026-12-02")
    lines = drawn("applications", *TODAY, columns=80)
    assert lines[0].startswith("ID") and f"thank-you {report.day('2026-12-03')}" in lines[1], lines
    history = drawn("history", columns=80)
    assert history[0].startswith("ID") and report.day("2026-12-02") in history[1], history


def test_the_width_rule_keeps_short_names_whole_and_shares_the_rest_by_need():
    # 80 cells, fixed columns of 36 and 8 gaps of 2: 30 left for a company of 7 and a role of 41
    assert report.name_widths(80, [2, 10, 5, 5, 7, 7], [7, 41]) == [7, 23]
    # neither within an even share of 45: they split it 1 to 2, as they need
    assert report.name_widths(47, [], [30, 60]) == [15, 30]
    assert report.name_widths(200, [2, 10], [7, 41]) == [7, 41]  # room for both: each what it needs, no more
    assert report.name_widths(55, [2, 10, 5, 5, 7, 7], [7, 41]) is None  # a role under NAME_LEAST: stacked


@pytest.mark.parametrize("columns", WIDTHS)
def test_due_wraps_under_its_indent_and_cuts_nothing(long_names, columns):
    lines = drawn("due", *TODAY, "--days", "10", columns=columns)
    assert max(map(len, lines)) <= columns, lines
    assert_stacked_reads_whole(lines)  # no wrapped line at column 0, no name cut
    action = f"send a thank-you note by {report.day('2026-12-06')}, 1 day left"  # Acme's, after its long role
    assert action in flat(lines)
    if columns >= len(action) + 4:  # room for it on a line of its own: never broken
        assert any(action in line for line in lines), lines
