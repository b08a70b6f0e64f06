"""Does `stats --json` cost at most 3x with 100,000 interviews what it costs with 10, in at most 1.5x the memory?

`stats` counts in SQL over the readings table (schema 5) and the columns,
never reading a report, so its cost grows with a pass over two indexes and
its memory not at all. This fills two fresh databases through the public API
only (History.save of real report documents from interview_signals.assess,
one in twenty saved as a later round of an earlier interview; nearly every
application then gets an outcome with History.set_outcome, mostly decided),
then runs the whole command as a user does, `interview-signals stats --json`
(a fresh process each time; the command installed beside this Python). Both
sides have enough decided interviews for calibration, so both compute it.
Files are made in /dev/shm where there is one.

Targets, big / small, medians of interleaved runs after a warm-up: wall time
<= 3, peak RSS (os.wait4) <= 1.5. In-process History.stats is information.

    python benchmarks/stats_bench.py [--rows 100000] [--runs 11]   # filling takes a few minutes on 2 cores

Prints one line per measurement and exits 1 if a target failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from measure import interleaved, peak_rss_kib, report, timed, wall_seconds

import interview_signals
from interview_signals import History

SEED = 20261126
TIME_LIMIT = 3.0
RSS_LIMIT = 1.5
OUTCOMES = ("offer", "rejected", "rejected", "ghosted", "withdrew", "pending")


def fill(path: Path, rows: int) -> None:
    rng = random.Random(SEED)
    signals = interview_signals.get_catalog().signals
    pool = [interview_signals.assess({s.id: rng.choice(s.answer_ids) for s in signals}) for _ in range(200)]
    with History.open(path) as h:
        ids: list[int] = []
        for n in range(rows):
            doc = dict(rng.choice(pool))
            doc["context"] = {"company": f"Company {rng.randrange(3000):04d}", "role": "Developer"}
            later = n % 20 == 19 and ids
            new_id = h.save(doc, "2026-11-02" if later else "2026-11-01", round_of=rng.choice(ids) if later else None)
            ids.append(new_id)
            h.set_outcome(new_id, OUTCOMES[n % len(OUTCOMES)] if n >= 6 else ("offer", "rejected")[n % 2])
        assert h.stats()["calibration"] is not None  # both sides compute it: what is being measured


def check(out: bytes) -> None:
    assert json.loads(out)["calibration"] is not None, out[:200]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="in-process History.stats timings of each side (default 5)")
    parser.add_argument("--runs", type=int, default=11, help="whole-command runs of each side (default 11)")
    args = parser.parse_args()
    cmd = Path(sys.executable).parent / "interview-signals"
    if not cmd.is_file():
        print(f"no {cmd}: run this with the Python of the environment where interview-signals is installed", file=sys.stderr)
        return 2
    in_memory = Path("/dev/shm")
    with tempfile.TemporaryDirectory(prefix="is-stats-bench-", dir=in_memory if in_memory.is_dir() else None) as tmp:
        small, big = Path(tmp, "small.sqlite3"), Path(tmp, "big.sqlite3")
        start = time.perf_counter()
        fill(small, 10)
        fill(big, args.rows)
        size = big.stat().st_size / 1e6
        print(f"Filled 10 and {args.rows:,} interviews through the API in {time.perf_counter() - start:.0f} s, {size:.0f} MB")
        with History.open(small) as s, History.open(big) as b:
            in_process = interleaved(timed(s.stats), timed(b.stats), args.repeat)

        def argv(db: Path) -> list[str]:
            return [str(cmd), "stats", "--json", "--db", str(db)]

        rows = [
            ("History.stats()", *in_process, args.repeat, "ms", None),
            (
                f"{cmd.name} stats --json: wall time",
                *interleaved(lambda: wall_seconds(argv(small), check), lambda: wall_seconds(argv(big), check), args.runs),
                args.runs,
                "ms",
                TIME_LIMIT,
            ),
            (
                f"{cmd.name} stats --json: peak RSS",
                *interleaved(lambda: peak_rss_kib(argv(small), check), lambda: peak_rss_kib(argv(big), check), args.runs),
                args.runs,
                "KiB",
                RSS_LIMIT,
            ),
        ]
    return report(rows, "10 rows", f"{args.rows:,} rows")


if __name__ == "__main__":
    sys.exit(main())
