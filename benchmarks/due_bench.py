"""Does `due --json` cost the same with 100,000 interviews as with 10, when nothing is due?

`due` reads the (next_action_from, id) index up to today and only the rows
found there, so with nothing due it should read no report at all, however
long the history. This fills two fresh databases through the public API only
(History.save of real report documents from interview_signals.assess, dates
spread over the ten years before TODAY; every interview but one a month is
then closed with History.set_outcome, as a long history mostly is, and the
open ones are snoozed past TODAY with History.snooze), then runs the whole
command as a user does, `interview-signals due --json --today TODAY` (a fresh
process each time; the command installed beside this Python). Both files are
made in /dev/shm where there is one (see history_bench.py).

Targets, big / small <= 1.3, both sides timed or measured interleaved after a
warm-up and their medians compared: the wall time of the whole command, and
its peak memory (the process's peak RSS, from os.wait4). In-process
History.due is information.

    python benchmarks/due_bench.py [--rows 100000] [--runs 21]   # a couple of minutes on 2 cores

Prints one line per measurement and exits 1 if a target failed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from measure import interleaved, peak_rss_kib, report, timed, wall_seconds

import interview_signals
from interview_signals import History

SEED = 20261125
LIMIT = 1.3
TODAY = date(2026, 11, 25)
SNOOZED_UNTIL = "2027-06-01"  # the open interviews' next action, after TODAY: nothing is due


def fill(path: Path, rows: int) -> int:
    """Save ``rows`` interviews; close all but about one in thirty. Returns how many stay open."""
    rng = random.Random(SEED)
    signals = interview_signals.get_catalog().signals
    pool = [interview_signals.assess({s.id: rng.choice(s.answer_ids) for s in signals}) for _ in range(200)]
    first_day = TODAY - timedelta(days=3650)
    still_open = 0
    with History.open(path) as h:
        for n in range(rows):
            doc = dict(rng.choice(pool))
            doc["context"] = {"company": f"Company {rng.randrange(3000):04d}", "role": "Developer"}
            new_id = h.save(doc, (first_day + timedelta(days=rng.randrange(3650))).isoformat())
            if n % 30 == 0:
                h.snooze(new_id, SNOOZED_UNTIL)
                still_open += 1
            else:
                h.set_outcome(new_id, rng.choice(("offer", "rejected", "ghosted", "withdrew")))
        assert h.due(TODAY.isoformat()) == []  # nothing due: what is being measured
    return still_open


def argv(cmd: Path, db: Path) -> list[str]:
    return [str(cmd), "due", "--json", "--today", TODAY.isoformat(), "--db", str(db)]


def nothing_due(out: bytes) -> None:
    assert json.loads(out) == [], out[:200]


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
    in_memory = Path("/dev/shm")  # see the docstring
    with tempfile.TemporaryDirectory(prefix="is-due-bench-", dir=in_memory if in_memory.is_dir() else None) as tmp:
        small, big = Path(tmp, "small.sqlite3"), Path(tmp, "big.sqlite3")
        start = time.perf_counter()
        fill(small, 10)
        still_open = fill(big, args.rows)
        size = big.stat().st_size / 1e6
        print(
            f"Filled 10 and {args.rows:,} interviews ({still_open:,} open, snoozed past {TODAY}) through the API"
            f" in {time.perf_counter() - start:.0f} s, {size:.0f} MB"
        )
        with History.open(small) as s, History.open(big) as b:
            in_process = interleaved(
                timed(lambda: s.due(TODAY.isoformat())), timed(lambda: b.due(TODAY.isoformat())), args.repeat
            )
        rows = [
            ("History.due(today) [nothing due]", *in_process, args.repeat, "us", None),
            (
                f"{cmd.name} due --json: wall time",
                *interleaved(
                    lambda: wall_seconds(argv(cmd, small), nothing_due),
                    lambda: wall_seconds(argv(cmd, big), nothing_due),
                    args.runs,
                ),
                args.runs,
                "ms",
                LIMIT,
            ),
            (
                f"{cmd.name} due --json: peak RSS",
                *interleaved(
                    lambda: peak_rss_kib(argv(cmd, small), nothing_due),
                    lambda: peak_rss_kib(argv(cmd, big), nothing_due),
                    args.runs,
                ),
                args.runs,
                "KiB",
                LIMIT,
            ),
        ]
    return report(rows, "10 rows", f"{args.rows:,} rows")


if __name__ == "__main__":
    sys.exit(main())
