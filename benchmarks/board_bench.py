"""Does the board's first screen take as long with 1,000 applications as with two?

The histories are made as memory_bench.py makes them (`interview-signals import` of an export written
by import_bench.py: one application in five with a second round, one interview in four closed), of 2
and of 1,250 interviews: 2 and 1,000 applications. They are kept in a folder of their own between runs.
Each run starts the board headless (App.run_test, 80 by 24) on one history and stops the clock once its
first screen is composed: the pipeline listed, the cursor on the most urgent, its detail drawn. Small
and big are taken in turn, after a warm-up of each, and the medians compared.

Target, big / small: at most 1.5.

    python benchmarks/board_bench.py [--runs 9] [--fresh]

Prints one line per measurement and exits 1 if the target failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import time
from pathlib import Path

from measure import bench_folder, installed_command, interleaved, report
from memory_bench import history_at

from interview_signals.board.app import Board

LIMIT = 1.5
SMALL_ROWS, BIG_ROWS = 2, 1_250  # interviews: 2 and 1,000 applications


def applications(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        (count,) = conn.execute("SELECT count(DISTINCT application_id) FROM interviews").fetchone()
        return int(count)
    finally:
        conn.close()


def first_screen(db: Path, expected: int) -> float:
    """Seconds from starting the board to its first screen composed, with ``expected`` applications listed."""

    async def go() -> float:
        start = time.perf_counter()
        app = Board(str(db))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            taken = time.perf_counter() - start
            listed = int(app.sub_title.split()[0])  # "N applications"
            assert listed == expected, (listed, expected)
            return taken

    return asyncio.run(go())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs on each history (default 9)")
    parser.add_argument("--fresh", action="store_true", help="make the histories again, even if kept from an earlier run")
    args = parser.parse_args()
    cmd = installed_command()
    if cmd is None:
        return 2
    folder = bench_folder("is-board-bench")
    small, big = history_at(cmd, folder, SMALL_ROWS, args.fresh), history_at(cmd, folder, BIG_ROWS, args.fresh)
    small_apps, big_apps = applications(small), applications(big)
    print(f"Histories of {small_apps:,} and {big_apps:,} applications, in {folder}")
    small_s, big_s = interleaved(lambda: first_screen(small, small_apps), lambda: first_screen(big, big_apps), args.runs)
    rows = [("board: first screen", small_s, big_s, args.runs, "ms", LIMIT)]
    return report(rows, f"{small_apps} applications", f"{big_apps:,} applications")


if __name__ == "__main__":
    sys.exit(main())
