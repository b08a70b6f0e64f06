"""Speed and memory targets for interview-signals: a list of comparisons against baselines.

Run with the Python of the environment where interview-signals is installed
(a regular install, not an editable one), from any directory:

    python benchmarks/bench.py            # the full run, about 3 minutes on 2 cores
    python benchmarks/bench.py --quick    # fewer repetitions, for a quick look

`comparisons()` is the whole specification: each comparison names our command,
a baseline command, how both are measured and the limit on the ratio. Timed
sides run interleaved (A, B, A, B, ...) after one discarded warm-up of each and
their medians are compared, so a machine that slows down part-way slows both
alike. Every run is checked (exit status, JSON output, one line per record),
so a broken run cannot look fast. The start-up baselines are the bare typer app
in baseline_app.py. Prints one line per comparison; exits 1 if a target
failed, 2 if a run broke. Target c needs pexpect.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = 100_000  # target d; target e compares RECORDS // 10 with RECORDS * 10
CONTEXT = [
    "--company",
    "X",
    "--role",
    "Y",
    "--interviewer",
    "Z",
    "--topic",
    "W",
    "--date",
    "2026-01-05",
]  # so the first prompt is a signal's
JSON_LOOP = "import json, sys\nfor line in open(sys.argv[1]):\n    sys.stdout.write(json.dumps(json.loads(line)) + '\\n')\n"


class BenchError(Exception):
    pass


@dataclass
class Side:
    argv: list[str]
    screen: str = ""  # pty: the text whose appearance on screen ends the timing
    lines: int | None = None  # stdout must have exactly this many lines
    is_json: bool = False  # stdout must be one JSON document


@dataclass
class Measure:
    run: Callable[[Side, dict[str, str], Path], float]  # one measurement of one side
    show: Callable[[float], str]
    higher_is_better: bool = False


@dataclass
class Comparison:
    name: str
    measure: Measure
    limit: float  # on ours / baseline: at most, or at least when higher is better
    runs: int  # interleaved timed runs of each side after a warm-up of each; 1: one run each, no warm-up
    ours: Side
    baseline: Side


def count_lines(chunks: Iterable[bytes]) -> int:
    return sum(chunk.count(b"\n") for chunk in chunks)


def checked(side: Side, out: Path) -> None:
    if side.is_json:
        json.loads(out.read_bytes())
    if side.lines is not None:
        with open(out, "rb") as f:
            if (got := count_lines(iter(lambda: f.read(1 << 20), b""))) != side.lines:
                raise BenchError(f"{' '.join(side.argv)} wrote {got} lines, not {side.lines}")


def wall_seconds(side: Side, env: dict[str, str], tmp: Path) -> float:
    """A whole process, spawn to exit, stdout to a file checked afterwards."""
    out = tmp / "stdout"
    with open(out, "wb") as f:
        start = time.perf_counter()
        proc = subprocess.run(side.argv, env=env, stdout=f, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(side.argv)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    checked(side, out)
    return elapsed


def pty_seconds(side: Side, env: dict[str, str], tmp: Path) -> float:
    """From spawning the command in an 80x24 pty until side.screen is on screen."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(side.argv[0], side.argv[1:], env=env, dimensions=(24, 80), timeout=15)
    try:
        child.expect_exact(side.screen)
        return time.perf_counter() - start
    except (pexpect.EOF, pexpect.TIMEOUT) as exc:
        raise BenchError(f"{' '.join(side.argv)}: {side.screen!r} never appeared; saw {child.before[-300:]!r}") from exc
    finally:
        child.close(force=True)


def records_per_second(side: Side, env: dict[str, str], tmp: Path) -> float:
    assert side.lines
    return side.lines / wall_seconds(side, env, tmp)


def peak_rss_kib(side: Side, env: dict[str, str], tmp: Path) -> float:
    """The one process's peak RSS (os.wait4, not RUSAGE_CHILDREN: the largest child ever waited for)."""
    proc = subprocess.Popen(side.argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    lines = count_lines(iter(lambda: proc.stdout.read(1 << 20), b""))
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or lines != side.lines:
        raise BenchError(f"{' '.join(side.argv)} exited {proc.returncode} after {lines} lines for {side.lines} records")
    return usage.ru_maxrss  # KiB on Linux


WALL = Measure(wall_seconds, lambda s: f"{s * 1000:.0f} ms")
PTY = Measure(pty_seconds, lambda s: f"{s * 1000:.0f} ms")
THROUGHPUT = Measure(records_per_second, lambda r: f"{r:,.0f} rec/s", higher_is_better=True)
RSS = Measure(peak_rss_kib, lambda k: f"{k / 1024:.1f} MiB")


def compare(c: Comparison, env: dict[str, str], tmp: Path) -> tuple[str, bool]:
    """Measure both sides of a comparison; return its table line and whether the target is met."""
    sides = (c.ours, c.baseline)
    if c.runs > 1:
        for side in sides:
            c.measure.run(side, env, tmp)  # warm-up, discarded
    values: tuple[list[float], list[float]] = ([], [])
    for _ in range(c.runs):
        for side, got in zip(sides, values, strict=True):
            got.append(c.measure.run(side, env, tmp))
    ours, base = (statistics.median(v) for v in values)
    ratio = ours / base
    ok = ratio >= c.limit if c.measure.higher_is_better else ratio <= c.limit
    limit = f"{'>=' if c.measure.higher_is_better else '<='} {c.limit}"
    shown = f"{c.measure.show(ours):>16} {c.measure.show(base):>16} {ratio:6.3f} {limit:>7}"
    return f"{c.name:<42} {shown}  {'PASS' if ok else 'FAIL'}", ok


def write_records(path: Path, signals: dict[str, list[str]], count: int) -> Path:
    """NDJSON: an "id" and a random allowed answer for every signal, one object a line."""
    rng = random.Random(7)
    pairs = [[f"{json.dumps(sid)}: {json.dumps(aid)}" for aid in ids] for sid, ids in signals.items()]
    with open(path, "w") as f:
        f.writelines(f'{{"id": "r{i}", {", ".join(rng.choice(p) for p in pairs)}}}\n' for i in range(count))
    return path


def comparisons(cmd: str, tmp: Path, env: dict[str, str], runs: int, batch_runs: int) -> list[Comparison]:
    py, app = sys.executable, str(HERE / "baseline_app.py")
    catalog = json.loads(subprocess.run([cmd, "signals", "--json"], env=env, capture_output=True, check=True).stdout)["signals"]
    signals = {s["id"]: [a["id"] for a in s["answers"]] for s in catalog}
    answers = [x for sid, ids in signals.items() for x in ("--answer", f"{sid}={ids[0]}")]
    question = catalog[0]["question"]
    shown = question[:30]  # its start: a long question may wrap
    n, small, large = RECORDS, RECORDS // 10, RECORDS * 10
    file = {k: str(write_records(tmp / f"records-{k}.ndjson", signals, k)) for k in (n, small, large)}
    scripted, asking = [cmd, "assess", *answers, "--json", "--no-save"], [cmd, "assess", *CONTEXT, "--no-save"]
    app_json, app_ask, loop = [py, app, "--name", "y"], [py, app, "--ask", question], [py, "-c", JSON_LOOP, file[n]]

    def score(k: int) -> Side:
        return Side([cmd, "score", file[k]], lines=k)

    history = seed_history(cmd, env, signals)
    floor = Side([py, app, "--table", str(history)])
    reading = {"f": ["due", "--days", "30"], "g": ["history"], "h": ["show", "1"], "i": ["stats"]}

    return [
        Comparison("a. scripted assess --json", WALL, 1.15, runs, Side(scripted, is_json=True), Side(app_json, is_json=True)),
        Comparison("b. --help", WALL, 1.15, runs, Side([cmd, "--help"]), Side([py, app, "--help"])),
        Comparison("c. first question in a pty", PTY, 1.15, runs, Side(asking, screen=shown), Side(app_ask, screen=shown)),
        Comparison(f"d. score, {n:,} records, whole run", THROUGHPUT, 0.5, batch_runs, score(n), Side(loop, lines=n)),
        Comparison(f"e. score peak RSS, {large:,} vs {small:,}", RSS, 1.5, 1, score(large), score(small)),
        *(
            Comparison(f"{key}. {' '.join(argv)} (a table floor)", WALL, 1.2, runs, Side([cmd, *argv]), floor)
            for key, argv in reading.items()
        ),
    ]


def seed_history(cmd: str, env: dict[str, str], signals: dict[str, list[str]]) -> Path:
    """A history of 12 interviews at 6 companies, two rounds each, five decided: what the reading commands read."""
    for n in range(12):
        answers = [x for i, (sid, ids) in enumerate(signals.items()) for x in ("--answer", f"{sid}={ids[(n * i) % 3]}")]
        company = ["--company", f"Company {n // 2}", "--role", "Engineer", "--date", f"2026-11-{n + 2:02d}"]
        again = ["--round-of", str(n)] if n % 2 else []
        subprocess.run([cmd, "assess", *answers, *company, *again, "--json"], env=env, capture_output=True, check=True)
    for n, result in zip(range(2, 13, 2), ["offer", "rejected", "ghosted", "offer", "rejected", "pending"], strict=True):
        subprocess.run([cmd, "outcome", str(n), result], env=env, capture_output=True, check=True)
    return Path(env["INTERVIEW_SIGNALS_HOME"]) / "history.sqlite3"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="7 runs a start-up side and 3 a throughput side, not 21 and 5")
    args = parser.parse_args()
    runs, batch_runs = (7, 3) if args.quick else (21, 5)
    cmd = Path(sys.executable).parent / "interview-signals"
    if not cmd.is_file():
        print(f"no {cmd}: run this with the Python of the environment where interview-signals is installed", file=sys.stderr)
        return 2
    print(f"Python   {sys.version.split()[0]} ({sys.executable}); {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"Runs     {runs} a start-up side, {batch_runs} a throughput side: interleaved, after a warm-up, medians")
    print(f"{'target':<42} {'ours':>16} {'baseline':>16} {'ratio':>6} {'limit':>7}  result", flush=True)
    started, failed, count = time.perf_counter(), [], 0
    with tempfile.TemporaryDirectory(prefix="is-bench-") as tmp_name:
        tmp = Path(tmp_name)
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONPATH")}
        env.update(COLUMNS="80", LINES="24", TERM="xterm", INTERVIEW_SIGNALS_HOME=str(tmp / "home"))
        try:
            for c in comparisons(str(cmd), tmp, env, runs, batch_runs):
                line, ok = compare(c, env, tmp)
                print(line, flush=True)
                count += 1
                failed += [] if ok else [c.name]
        except (BenchError, ImportError, subprocess.CalledProcessError) as exc:
            print(f"benchmark failed: {exc}", file=sys.stderr)
            return 2
    print(
        f"\n{count - len(failed)} of {count} targets met in {time.perf_counter() - started:.0f} s."
        + (f" FAILED: {'; '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
