"""Do the commands that list the whole history take no more memory with 100,000 interviews than with 10?

Each command below runs as a user runs it (a fresh process, the command
installed beside this Python) on a history of 10 and one of 100,000
interviews, and its peak RSS (the process's, from os.wait4) and wall time
are taken:

* `history`: the table, which shows the latest 20 and says how many more;
* `history --json` and `history --csv`: every interview, streamed;
* `remind --all --ics -`: a calendar of every open interview's next action;
* `due --json --today 2999-01-01`: every next action overdue.

The histories are made quickly: an export file written as import_bench.py
writes it (real report documents from interview_signals.assess, one
application in five with a second round, one interview in four closed) is
imported by `interview-signals import`. They are kept in a folder in /dev/shm
(else the temporary folder) between runs, named by size and schema version;
--fresh makes them again.

Target, for every command: peak RSS at 100,000 <= 1.5 x peak RSS at 10, the
medians of --runs runs of each, taken small, big, small, big. Wall times are
information.

    python benchmarks/memory_bench.py [--rows 100000] [--runs 3] [--fresh]

Prints one line per measurement and exits 1 if a target failed.
"""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from import_bench import write_export
from measure import bench_folder, installed_command, paired_medians, report

from interview_signals.db.schema import SCHEMA_VERSION

RSS_LIMIT = 1.5
FAR_FUTURE = "2999-01-01"  # `due --today`: every next action is overdue


def history_at(cmd: Path, folder: Path, rows: int, fresh: bool) -> Path:
    """A history of ``rows`` interviews, made by `import` unless one is kept from an earlier run."""
    db = folder / f"history-{rows}-schema{SCHEMA_VERSION}.sqlite3"
    if db.exists() and not fresh:
        return db
    for old in folder.glob(f"{db.name}*"):
        old.unlink()
    source = folder / f"export-{rows}.ndjson"
    write_export(source, rows)
    subprocess.run([str(cmd), "import", str(source), "--db", str(db)], check=True, capture_output=True)
    source.unlink()
    return db


def counts(db: Path) -> tuple[int, int]:
    """(interviews, those with a next action) in the history."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT count(*), count(next_action) FROM interviews").fetchone()
        return int(row[0]), int(row[1])
    finally:
        conn.close()


def commands(cmd: Path, db: Path) -> list[tuple[str, list[str], Callable[[bytes], object]]]:
    """(name, argv, check of its stdout) for each command measured."""
    interviews, actions = counts(db)

    # Each check reads the output a line at a time: this process must stay small (see measure.py).
    def table(out: BinaryIO) -> None:  # the table, or on a narrow terminal two lines an interview
        first = out.readline()
        assert first.startswith((b"ID", b" ", b"#")) and any(line.startswith(b"#") for line in out), first

    def json_array(expected: int) -> Callable[[BinaryIO], object]:
        def check(out: BinaryIO) -> None:  # an array as print_json writes it: each object opens a line "  {"
            assert out.readline() == b"[\n"
            opened, last = 0, b""
            for line in out:
                opened += line == b"  {\n"
                last = line
            assert last == b"]\n" and opened == expected, (opened, expected)

        return check

    def csv_rows(out: BinaryIO) -> None:
        rows = sum(1 for _ in csv.reader(io.TextIOWrapper(out, encoding="utf-8", newline="")))
        assert rows == interviews + 1, (rows, interviews)

    def calendar(out: BinaryIO) -> None:
        assert out.readline() == b"BEGIN:VCALENDAR\r\n"
        events = sum(line == b"BEGIN:VEVENT\r\n" for line in out)
        assert events == actions, (events, actions)

    base, where = [str(cmd)], ["--db", str(db)]
    return [
        ("history", [*base, "history", *where], table),
        ("history --json", [*base, "history", "--json", *where], json_array(interviews)),
        ("history --csv", [*base, "history", "--csv", *where], csv_rows),
        ("remind --all --ics -", [*base, "remind", "--all", "--ics", "-", *where], calendar),
        (f"due --json --today {FAR_FUTURE}", [*base, "due", "--json", "--today", FAR_FUTURE, *where], json_array(actions)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each command on each history (default 3)")
    parser.add_argument("--fresh", action="store_true", help="make the histories again, even if kept from an earlier run")
    args = parser.parse_args()
    cmd = installed_command()
    if cmd is None:
        return 2
    folder = bench_folder("is-memory-bench")
    start = time.perf_counter()
    small, big = history_at(cmd, folder, 10, args.fresh), history_at(cmd, folder, args.rows, args.fresh)
    print(f"Histories of 10 and {args.rows:,} interviews ready in {time.perf_counter() - start:.0f} s, in {folder}")
    rows = []
    for (name, small_argv, small_check), (_, big_argv, big_check) in zip(commands(cmd, small), commands(cmd, big), strict=True):
        (small_s, small_rss), (big_s, big_rss) = paired_medians((small_argv, small_check), (big_argv, big_check), args.runs)
        rows.append((f"{name}: peak RSS", small_rss, big_rss, args.runs, "KiB", RSS_LIMIT))
        rows.append((f"{name}: wall time", small_s, big_s, args.runs, "s", None))
        print(f"  measured {name}", file=sys.stderr)
    return report(rows, "10 rows", f"{args.rows:,} rows")


if __name__ == "__main__":
    sys.exit(main())
