"""Does `history --limit 20` cost the same with 100,000 interviews as with 10?

Fills two fresh databases through History.save (real report documents, dates
spread over ten years, a few thousand company names), then times
History.list(limit=20) on each, unfiltered and with a company filter, and
prints the medians and the ratio big/small. limit=20 returns only 10 rows
from the small database, so limit=10 is timed too: the same rows out on both.
Also times History.open, which every command pays once, and the whole
command as a user runs it (`interview-signals history --limit 20 --json`,
a fresh process each time, interleaved small/big).

    /work/dev/bin/python benchmarks/history_bench.py [--rows 100000] [--repeat 200]

The unfiltered listing should be flat (it walks the date index and stops at
20). A substring company filter cannot seek in an index: it is cheap when the
name is common and checks every index entry when nothing matches; that case is
printed too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from interview_signals import catalog, document, scoring
from interview_signals.history import History

SEED = 20250314


def reports(count: int) -> list[dict]:
    """A pool of real report documents with random answers."""
    cat = catalog.load()
    rng = random.Random(SEED)
    pool = []
    for _ in range(count):
        answers = {s.id: rng.choice(s.answer_ids) for s in cat.signals}
        pool.append(document.build(cat, scoring.assess(cat, answers)))
    return pool


def fill(path: Path, rows: int) -> None:
    rng = random.Random(SEED)
    pool = reports(200)
    companies = [f"Company {n:04d}" for n in range(3000)] + [f"Acme {n}" for n in range(60)]  # about 2% Acme
    first_day = date(2015, 1, 1)
    with History.open(path) as h:
        h._conn.execute("PRAGMA synchronous = OFF")  # only to fill faster; the timed reads do not depend on it
        for n in range(rows):
            doc = dict(rng.choice(pool))
            company = "Acme Corp" if rows <= 10 and n % 3 == 0 else rng.choice(companies)
            doc["context"] = {"company": company, "role": "Developer"}
            h.save(doc, (first_day + timedelta(days=rng.randrange(3650))).isoformat())


def median_us(action: Callable[[], object], repeat: int) -> float:
    action()  # warm the page cache and the statement cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e6


def measure(path: Path, rows: int, repeat: int) -> dict[str, float]:
    def open_close() -> None:
        with History.open(path):
            pass

    with History.open(path) as h:
        assert len(h.list(limit=20)) == min(20, rows) and h.list(limit=20, company="acme")  # timing the right thing
        return {
            "open": median_us(open_close, repeat),
            "list(limit=20)": median_us(lambda: h.list(limit=20), repeat),
            "list(limit=10) [same rows out on both]": median_us(lambda: h.list(limit=10), repeat),
            "list(limit=20, company='acme')": median_us(lambda: h.list(limit=20, company="acme"), repeat),
            "list(limit=20, company='initech') [no match]": median_us(
                lambda: h.list(limit=20, company="initech"), max(5, repeat // 20)
            ),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp, "small.sqlite3"), Path(tmp, "big.sqlite3")
        start = time.perf_counter()
        fill(small, 10)
        fill(big, args.rows)
        print(
            f"filled 10 and {args.rows:,} interviews in {time.perf_counter() - start:.1f} s; big file {big.stat().st_size / 1e6:.0f} MB"
        )
        results = {10: measure(small, 10, args.repeat), args.rows: measure(big, args.rows, args.repeat)}
        command = commands(small, big, runs=15)
    print(f"median of {args.repeat} runs (no-match filter: {max(5, args.repeat // 20)} runs), microseconds")
    print(f"{'':46} {'10 rows':>10} {f'{args.rows:,} rows':>14} {'ratio':>8}")
    for name in results[10]:
        a, b = results[10][name], results[args.rows][name]
        print(f"{name:46} {a:10.1f} {b:14.1f} {b / a:7.2f}x")
    if command:
        a, b = command
        print(f"{'interview-signals history --limit 20 --json':46} {a:10.1f} {b:14.1f} {b / a:7.2f}x  (whole command, 15 runs)")


def commands(small: Path, big: Path, runs: int) -> tuple[float, float] | None:
    """Median microseconds of the installed command on each database, interleaved."""
    cmd = shutil.which("interview-signals", path=str(Path(sys.executable).parent)) or shutil.which("interview-signals")
    if cmd is None:
        print("interview-signals is not installed here: skipping the whole-command timing")
        return None
    times: dict[Path, list[float]] = {small: [], big: []}
    for _ in range(runs):
        for db in (small, big):
            start = time.perf_counter()
            subprocess.run([cmd, "history", "--limit", "20", "--json", "--db", str(db)], check=True, stdout=subprocess.DEVNULL)
            times[db].append((time.perf_counter() - start) * 1e6)
    return statistics.median(times[small]), statistics.median(times[big])


if __name__ == "__main__":
    main()
