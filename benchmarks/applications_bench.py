"""Does `applications` cost the same with 100,000 interviews as with 10?

The histories are those of memory_bench.py (made by `interview-signals
import` from an export as import_bench.py writes it: one application in five
with a second round, one interview in four closed), kept in a folder of
their own between runs; a few booked rounds are added to each (the bookings table), so
the pipeline merges its three streams. Each command runs as a user runs it (a
fresh process, the command installed beside this Python), small and big taken
in turn, and its wall time and peak RSS are the medians of --runs runs.

Targets, big / small:

* `applications --limit 20` (the table and --json) and `applications ID --json`
  (an application of two rounds, and a booked third): wall time and peak RSS <= 1.3;
* `applications --json` and `applications --nl`, every application, streamed:
  peak RSS <= 1.5 (their wall time is information: it follows the history's size).

    python benchmarks/applications_bench.py [--rows 100000] [--runs 5] [--fresh]

Prints one line per measurement and exits 1 if a target failed.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from measure import bench_folder, installed_command, paired_medians, report
from memory_bench import history_at

TIME_LIMIT, RSS_LIMIT = 1.3, 1.5
TODAY = "2026-06-01"
BOOKED = 5  # booked rounds added to each history


def with_bookings(db: Path) -> tuple[int, int]:
    """Book BOOKED later rounds of the latest applications (once); (applications, an application of two rounds)."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            if not conn.execute("SELECT count(*) FROM bookings").fetchone()[0]:
                latest = conn.execute(
                    "SELECT application_id, max(round), company FROM interviews GROUP BY application_id"
                    " ORDER BY application_id DESC LIMIT ?",
                    (BOOKED,),
                ).fetchall()
                (seq,) = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'interviews'").fetchone()
                for n, (app, round_, company) in enumerate(latest, start=1):
                    conn.execute(
                        "INSERT INTO bookings (id, application_id, round, company, starts_at, created_at)"
                        " VALUES (?, ?, ?, ?, ?, '2026-05-01T09:00:00Z')",
                        (seq + n, app, round_ + 1, company, f"2026-06-{n + 1:02d} 14:00"),
                    )
                conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'interviews'", (seq + len(latest),))
        (apps,) = conn.execute("SELECT count(DISTINCT application_id) FROM interviews").fetchone()
        (two,) = conn.execute("SELECT max(application_id) FROM interviews WHERE round = 2").fetchone()
        return int(apps), int(two)
    finally:
        conn.close()


def commands(cmd: Path, db: Path) -> list[tuple[str, list[str], Callable[[BinaryIO], object], float | None]]:
    """(name, argv, check of its stdout, time limit or None) for each command measured."""
    apps, two_rounds = with_bookings(db)

    def lines(expected: int, opening: bytes, strip: bool = False) -> Callable[[BinaryIO], object]:
        def check(out: BinaryIO) -> None:  # read a line at a time: this process must stay small (see measure.py)
            found = sum((line.lstrip() if strip else line).startswith(opening) for line in out)
            assert found == expected, (found, expected)

        return check

    def story(out: BinaryIO) -> None:
        text = out.read()
        assert b'"rounds": [' in text and text.count(b'"round": ') >= 2, text[:200]

    base, where = [str(cmd), "applications"], ["--today", TODAY, "--db", str(db)]
    return [
        ("applications --limit 20", [*base, "--limit", "20", *where], lines(min(20, apps), b"#", strip=True), TIME_LIMIT),
        ("applications --limit 20 --json", [*base, "--limit", "20", "--json", *where], lines(min(20, apps), b"  {"), TIME_LIMIT),
        ("applications ID --json", [*base, str(two_rounds), "--json", *where], story, TIME_LIMIT),
        ("applications --json", [*base, "--json", *where], lines(apps, b"  {"), None),
        ("applications --nl", [*base, "--nl", *where], lines(apps, b"{"), None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command on each history (default 5)")
    parser.add_argument("--fresh", action="store_true", help="make the histories again, even if kept from an earlier run")
    args = parser.parse_args()
    cmd = installed_command()
    if cmd is None:
        return 2
    folder = bench_folder("is-applications-bench")
    start = time.perf_counter()
    small, big = history_at(cmd, folder, 10, args.fresh), history_at(cmd, folder, args.rows, args.fresh)
    print(f"Histories of 10 and {args.rows:,} interviews ready in {time.perf_counter() - start:.0f} s, in {folder}")
    rows = []
    for (name, small_argv, small_check, limit), (_, big_argv, big_check, _) in zip(
        commands(cmd, small), commands(cmd, big), strict=True
    ):
        (small_s, small_rss), (big_s, big_rss) = paired_medians((small_argv, small_check), (big_argv, big_check), args.runs)
        rows.append((f"{name}: peak RSS", small_rss, big_rss, args.runs, "KiB", TIME_LIMIT if limit else RSS_LIMIT))
        rows.append((f"{name}: wall time", small_s, big_s, args.runs, "s", limit))
        print(f"  measured {name}", file=sys.stderr)
    return report(rows, "10 rows", f"{args.rows:,} rows")


if __name__ == "__main__":
    sys.exit(main())
