"""Does `history --limit 20` cost the same with 100,000 interviews as with 10?

Fills two fresh databases through the public API only (History.save of real
report documents from interview_signals.assess; dates spread over ten years, a
few thousand company names), then times History.interviews() on each and the
whole command as a user runs it, `interview-signals history --limit 20 --json`
(a fresh process each time; the command installed beside this Python). Small
and big are timed interleaved, medians compared. Both files are made in
/dev/shm where there is one: each save syncs its own commit, which on a busy
disk makes filling 100,000 take minutes.

Targets, big / small <= 1.3: interviews(limit=10), the same rows out on both
(the small database has only 10 rows to give), and the whole command. The
unfiltered listing walks the date index and stops at the limit. The other
rows are information: interviews(limit=20), which returns twice the rows on
the big side; History.open, which every command pays once; and the company
filter, which cannot seek in an index (cheap for a common name, every index
entry when nothing matches).

    python benchmarks/history_bench.py [--rows 100000] [--repeat 200]   # under a minute on 2 cores

Prints one line per measurement and exits 1 if a target failed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from measure import interleaved, timed

import interview_signals
from interview_signals import History

SEED = 20250314
LIMIT = 1.3


def fill(path: Path, rows: int) -> None:
    rng = random.Random(SEED)
    signals = interview_signals.get_catalog().signals
    pool = [interview_signals.assess({s.id: rng.choice(s.answer_ids) for s in signals}) for _ in range(200)]
    companies = [f"Company {n:04d}" for n in range(3000)] + [f"Acme {n}" for n in range(60)]  # about 2% Acme
    first_day = date(2015, 1, 1)
    with History.open(path) as h:
        for n in range(rows):
            doc = dict(rng.choice(pool))
            company = "Acme Corp" if rows <= 10 and n % 3 == 0 else rng.choice(companies)
            doc["context"] = {"company": company, "role": "Developer"}
            h.save(doc, (first_day + timedelta(days=rng.randrange(3650))).isoformat())


def command(cmd: Path, db: Path, rows: int) -> Callable[[], None]:
    def run() -> None:
        proc = subprocess.run([str(cmd), "history", "--limit", "20", "--json", "--db", str(db)], capture_output=True, check=True)
        assert len(json.loads(proc.stdout)) == min(20, rows)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200, help="in-process timings of each side (default 200)")
    parser.add_argument("--runs", type=int, default=21, help="whole-command runs of each side (default 21)")
    args = parser.parse_args()
    cmd = Path(sys.executable).parent / "interview-signals"
    if not cmd.is_file():
        print(f"no {cmd}: run this with the Python of the environment where interview-signals is installed", file=sys.stderr)
        return 2
    rows, few = [], max(5, args.repeat // 20)
    in_memory = Path("/dev/shm")  # see the docstring
    with tempfile.TemporaryDirectory(prefix="is-history-bench-", dir=in_memory if in_memory.is_dir() else None) as tmp:
        small, big = Path(tmp, "small.sqlite3"), Path(tmp, "big.sqlite3")
        start = time.perf_counter()
        fill(small, 10)
        fill(big, args.rows)
        size = big.stat().st_size / 1e6
        print(f"Filled 10 and {args.rows:,} interviews by History.save in {time.perf_counter() - start:.0f} s, {size:.0f} MB")
        with History.open(small) as s, History.open(big) as b:
            for h, n in ((s, 10), (b, args.rows)):  # timing the right thing
                assert len(h.interviews(limit=20)) == min(20, n) and h.interviews(limit=20, company="acme")

            def listing(**kw: object) -> tuple[Callable[[], object], Callable[[], object]]:
                return lambda: s.interviews(**kw), lambda: b.interviews(**kw)

            opening = (lambda: History.open(small).close(), lambda: History.open(big).close())
            for name, (on_small, on_big), repeat, target in [
                ("interviews(limit=20) [10 vs 20 rows out]", listing(limit=20), args.repeat, False),
                ("interviews(limit=10) [same rows out]", listing(limit=10), args.repeat, True),
                ("History.open + close", opening, args.repeat, False),
                ("interviews(limit=20, company='acme')", listing(limit=20, company="acme"), args.repeat, False),
                ("interviews(limit=20, company='initech') [none]", listing(limit=20, company="initech"), few, False),
            ]:
                rows.append((name, *interleaved(timed(on_small), timed(on_big), repeat), repeat, target))
        whole = interleaved(timed(command(cmd, small, 10)), timed(command(cmd, big, args.rows)), args.runs)
        rows.append((f"{cmd.name} history --limit 20 --json", *whole, args.runs, True))
    print(f"{'median of runs, microseconds':<48} {'10 rows':>10} {f'{args.rows:,} rows':>14} {'ratio':>7} {'runs':>5}  result")
    failed = []
    for name, a, b, runs, target in rows:
        ok = b / a <= LIMIT
        result = ("PASS" if ok else "FAIL") + f" (<= {LIMIT})" if target else "information"
        print(f"{name:<48} {a * 1e6:10.1f} {b * 1e6:14.1f} {b / a:6.2f}x {runs:5}  {result}")
        failed += [name] if target and not ok else []
    met = sum(t for *_, t in rows) - len(failed)
    print(f"\n{met} of {met + len(failed)} targets met." + (f" FAILED: {'; '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
