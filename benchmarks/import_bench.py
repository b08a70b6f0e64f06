"""Does `import` take 100,000 lines in seconds, with the memory it needs for 1,000?

It writes two export files (export_version 1), of 1,000 and of 100,000
interviews: real report documents from interview_signals.assess (a pool of
200 answer sets, each line with its own company, day and saved time), one
application in five with a second round, one interview in three with a
thank-you recorded as sent, one in four with an outcome and a note. Each
file is then imported into an empty history by the command a user runs,
`interview-signals import FILE --db NEW`, in a fresh process (the command
installed beside this Python), and the history is checked to hold every line.

Targets: the 100,000-line import takes under 10 s of wall time (on the
2-core VM this was written on), and its peak RSS (the process's, from
os.wait4) is at most 1.5 times that of the 1,000-line import: memory stays
flat because the lines live in SQLite, not in Python lists. Files are made in
/dev/shm where there is one, so the disk's speed is not what is measured.

    python benchmarks/import_bench.py [--rows 100000] [--runs 3]   # a minute or two on 2 cores

Prints one line per measurement (the median of the runs) and exits 1 if a target failed.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import interview_signals
from interview_signals import followup, transfer

SEED = 20261126
SECONDS = 10.0
RSS_LIMIT = 1.5
SMALL = 1_000
FIRST_DAY = datetime(2016, 1, 4, 9, 0, tzinfo=UTC)


def write_export(path: Path, rows: int) -> None:
    """An export file of ``rows`` interviews, ids 1.. in order, as `export` writes them."""
    rng = random.Random(SEED)
    signals = interview_signals.get_catalog().signals
    pool = [{s.id: rng.choice(s.answer_ids) for s in signals} for _ in range(200)]
    reports = [interview_signals.assess(answers, date="2026-01-05") for answers in pool]
    with open(path, "wb") as out:
        first_round = 0
        for n in range(1, rows + 1):
            saved = FIRST_DAY + timedelta(minutes=53 * n)
            day = saved.date().isoformat()
            second = n % 5 == 0 and first_round
            report = dict(rng.choice(reports))
            company = f"Company {rng.randrange(3000):04d}"
            report["context"] = {"company": company, "role": "Developer", "date": day}
            report["follow_up"] = followup.schedule(saved.date(), None)
            record = {
                "export_version": transfer.EXPORT_VERSION,
                "id": n,
                "application": first_round if second else n,
                "round": 2 if second else 1,
                "date": day,
                "created_at": saved.isoformat(timespec="seconds"),
                "outcome": "rejected" if n % 4 == 0 else None,
                "outcome_note": "a kind email" if n % 4 == 0 else None,
                "outcome_at": (saved + timedelta(days=9)).isoformat(timespec="seconds") if n % 4 == 0 else None,
                "snoozed_until": None,
                "sent": [{"action": "thank-you", "on": day, "recorded_at": saved.isoformat(timespec="seconds")}]
                if n % 3 == 0
                else [],
                "report": report,
            }
            out.write(transfer.encode(record))
            first_round = 0 if second else n


def run_import(cmd: Path, source: Path, db: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (KiB) of one `import` into the empty history ``db``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(cmd), "import", str(source), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    assert os.waitstatus_to_exitcode(status) == 0, err.decode()
    return elapsed, float(usage.ru_maxrss)  # KiB on Linux


def count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="imports of each file (default 3)")
    args = parser.parse_args()
    cmd = Path(sys.executable).parent / "interview-signals"
    if not cmd.is_file():
        print(f"no {cmd}: run this with the Python of the environment where interview-signals is installed", file=sys.stderr)
        return 2
    in_memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(prefix="is-import-bench-", dir=in_memory if in_memory.is_dir() else None) as tmp:
        files = {n: Path(tmp, f"export-{n}.ndjson") for n in (SMALL, args.rows)}
        start = time.perf_counter()
        for n, path in files.items():
            write_export(path, n)
        size = files[args.rows].stat().st_size / 1e6
        print(f"Wrote exports of {SMALL:,} and {args.rows:,} interviews in {time.perf_counter() - start:.0f} s ({size:.0f} MB)")
        results: dict[int, tuple[list[float], list[float]]] = {n: ([], []) for n in files}
        for run in range(args.runs):
            for n, path in files.items():
                db = Path(tmp, f"history-{n}-{run}.sqlite3")
                seconds, rss = run_import(cmd, path, db)
                assert count(db) == n, (count(db), n)
                results[n][0].append(seconds)
                results[n][1].append(rss)
                for leftover in Path(tmp).glob(f"history-{n}-{run}.sqlite3*"):
                    leftover.unlink()
    small_s, big_s = (statistics.median(results[n][0]) for n in files)
    small_rss, big_rss = (statistics.median(results[n][1]) for n in files)
    print(f"{'median of ' + str(args.runs) + ' runs':<34} {f'{SMALL:,} lines':>12} {f'{args.rows:,} lines':>14}  result")
    time_ok = big_s < SECONDS
    rss_ok = big_rss <= RSS_LIMIT * small_rss
    print(f"{'import: wall time':<34} {small_s:10.2f} s {big_s:12.2f} s  {'PASS' if time_ok else 'FAIL'} (< {SECONDS:.0f} s)")
    print(
        f"{'import: peak RSS':<34} {small_rss / 1024:8.1f} MiB {big_rss / 1024:10.1f} MiB  "
        f"{'PASS' if rss_ok else 'FAIL'} ({big_rss / small_rss:.2f}x, <= {RSS_LIMIT}x)"
    )
    failed = [name for name, ok in (("wall time", time_ok), ("peak RSS", rss_ok)) if not ok]
    print(f"\n{2 - len(failed)} of 2 targets met." + (f" FAILED: {'; '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
