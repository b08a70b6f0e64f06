"""What the history benchmarks share: interleaved medians, and a whole command's wall time and peak RSS.

Imported by the scripts beside it (python puts a script's own folder first on sys.path).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO


def interleaved(small: Callable[[], float], big: Callable[[], float], repeat: int) -> tuple[float, float]:
    """Median of each measurement, taken small, big, small, big, ... after a warm-up of each."""
    got: tuple[list[float], list[float]] = ([], [])
    for n in range(repeat + 1):
        for measure, values in zip((small, big), got, strict=True):
            value = measure()
            if n:  # the first round warms the page cache
                values.append(value)
    return statistics.median(got[0]), statistics.median(got[1])


def timed(action: Callable[[], object]) -> Callable[[], float]:
    """A measurement: the seconds ``action`` takes."""

    def measure() -> float:
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    return measure


def wall_seconds(argv: Sequence[str], check: Callable[[bytes], object]) -> float:
    """The whole command's wall time; ``check`` is given its stdout (and should assert on it)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, check=True)
    elapsed = time.perf_counter() - start
    check(proc.stdout)
    return elapsed


def peak_rss_kib(argv: Sequence[str], check: Callable[[bytes], object]) -> float:
    """The one process's peak RSS (os.wait4, not RUSAGE_CHILDREN: the largest child ever waited for)."""
    return seconds_and_peak_rss(argv, lambda out: check(out.read()))[1]


def seconds_and_peak_rss(argv: Sequence[str], check: Callable[[BinaryIO], object]) -> tuple[float, float]:
    """One run of the command: its wall time in seconds and its peak RSS in KiB (see peak_rss_kib).

    Linux counts in a child's peak the memory of the process it was forked
    from, as it was at the fork: so this process must stay small, and what the
    command prints goes to a temporary file, not into memory here. ``check``
    is given that file, at its start (and should assert on it, a line at a
    time when it can be long).
    """
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        assert proc.returncode == 0, (proc.returncode, out.read(200))
        check(out)
    return elapsed, float(usage.ru_maxrss)  # KiB on Linux


def report(rows: Sequence[tuple[str, float, float, int, str, float | None]], small: str, big: str) -> int:
    """Print a table of (name, small, big, runs, unit, limit or None for information); 1 if a target failed."""
    print(f"{'median of runs':<40} {small:>12} {big:>14} {'ratio':>7} {'runs':>5}  result")
    failed = []
    for name, a, b, runs, unit, limit in rows:
        ok = limit is None or b / a <= limit
        result = "information" if limit is None else ("PASS" if ok else "FAIL") + f" (<= {limit})"
        scale = {"us": 1e6, "ms": 1e3}.get(unit, 1)
        print(f"{name:<40} {a * scale:9.1f} {unit:<3}{b * scale:11.1f} {unit:<3}{b / a:6.2f}x {runs:5}  {result}")
        failed += [] if ok else [name]
    targets = sum(limit is not None for *_, limit in rows)
    print(f"\n{targets - len(failed)} of {targets} targets met." + (f" FAILED: {'; '.join(failed)}" if failed else ""))
    return 1 if failed else 0


def installed_command() -> Path | None:
    """interview-signals beside this Python; None (said on stderr) when it is not installed there."""
    cmd = Path(sys.executable).parent / "interview-signals"
    if not cmd.is_file():
        print(f"no {cmd}: run this with the Python of the environment where interview-signals is installed", file=sys.stderr)
        return None
    return cmd


def bench_folder(name: str) -> Path:
    """A private folder for a benchmark's histories, kept between runs: in memory where /dev/shm is
    (a disk's cache would otherwise decide the timings), else in the temporary folder."""
    in_memory = Path("/dev/shm")
    folder = Path(in_memory if in_memory.is_dir() else tempfile.gettempdir(), name)
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def paired_medians(
    small: tuple[Sequence[str], Callable[[BinaryIO], object]], big: tuple[Sequence[str], Callable[[BinaryIO], object]], runs: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Run the small and the big side in turn ``runs`` times each: each side's median seconds and peak RSS (KiB)."""
    taken: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    for _ in range(runs):
        taken[0].append(seconds_and_peak_rss(*small))
        taken[1].append(seconds_and_peak_rss(*big))
    first, second = ((statistics.median(s for s, _ in side), statistics.median(r for _, r in side)) for side in taken)
    return first, second
