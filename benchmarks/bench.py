"""Speed and memory targets for interview-signals, measured against baselines.

Run on demand, from any directory, with the Python of the environment where
interview-signals is installed:

    python benchmarks/bench.py                  # the full run, a few minutes
    python benchmarks/bench.py --runs 5 --records 10000   # a quick look

Each comparison runs its two sides in this one process, interleaved
(A, B, A, B, ...) after one discarded warm-up of each, and compares medians,
so a machine that slows down part-way slows both sides alike. The script
prints one table with every figure, each target's ratio and PASS or FAIL, and
exits 1 if a target failed.

Targets:
  a. scripted `assess --answers FILE --json --no-save` <= 1.15 x a minimal typer app
  b. `--help` <= 1.15 x the minimal typer app's `--help`
  c. first question on screen in a pty <= 1.3 x `import typer, questionary`
  d. `score` throughput >= 0.5 x a plain json.loads/json.dumps loop (whole run)
  e. `score`'s peak RSS on 100x more records <= 1.5 x (memory stays flat)

Every run is checked (exit status, and `score` writes one line per input
line), so a broken run cannot look fast. Needs pexpect for target c.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MINIMAL_APP = '''\
import json

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = typer.Option("x", help="A name.")) -> None:
    """Print a JSON object."""
    print(json.dumps({"name": name}))


if __name__ == "__main__":
    app()
'''

JSON_LOOP = """\
import json, sys
out = sys.stdout
with open(sys.argv[1]) as f:
    for line in f:
        out.write(json.dumps(json.loads(line)) + "\\n")
"""

MARKER = "IMPORTS-DONE"

# Free-text context `assess` would otherwise ask before the first signal (when the command has the flag).
CONTEXT_FLAGS = [("--company", "X"), ("--role", "Y"), ("--interviewer", "Z"), ("--date", "2026-01-05")]


@dataclass
class Row:
    target: str
    a_label: str
    a_value: str
    b_label: str
    b_value: str
    ratio: float
    limit: str
    ok: bool


class BenchError(Exception):
    pass


# --- finding the command and its interpreter ---------------------------------


def find_command(given: str | None) -> Path:
    if given:
        path = Path(given)
    else:
        beside = Path(sys.executable).parent / "interview-signals"
        found = shutil.which("interview-signals")
        if beside.exists():
            path = beside
        elif found:
            path = Path(found)
        else:
            raise BenchError("interview-signals not found next to this Python or on PATH; pass --cmd PATH")
    if not path.exists():
        raise BenchError(f"--cmd {path}: no such file")
    return path.resolve()


def command_interpreter(cmd: Path) -> str:
    """The Python in the command's #! line, so both sides of a comparison use it."""
    try:
        first = cmd.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        first = ""
    if first.startswith("#!"):
        parts = first[2:].split()
        if parts and Path(parts[0]).name == "env" and len(parts) > 1:
            found = shutil.which(parts[1])
            if found:
                return found
        elif parts and Path(parts[0]).exists():
            return parts[0]
    return sys.executable


# --- measuring ----------------------------------------------------------------


def timed(argv: list[str], env: dict[str, str], *, stdout=subprocess.DEVNULL, check: Callable[[], None] | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')[-500:]}")
    if check:
        check()
    return elapsed


def interleaved(sides: list[Callable[[], float]], runs: int) -> list[float]:
    """Run the sides A, B, A, B, ... after one discarded warm-up each; return each side's median."""
    for side in sides:
        side()
    times: list[list[float]] = [[] for _ in sides]
    for _ in range(runs):
        for i, side in enumerate(sides):
            times[i].append(side())
    return [statistics.median(t) for t in times]


def pty_until(argv: list[str], text: str, env: dict[str, str]) -> float:
    """Seconds from spawning argv in an 80x24 pty until `text` is on screen."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(24, 80), timeout=10)
    try:
        child.expect_exact(text)
        elapsed = time.perf_counter() - start
    except (pexpect.EOF, pexpect.TIMEOUT) as exc:
        raise BenchError(f"{' '.join(argv)}: {text!r} never appeared; saw {child.before[-300:]!r}") from exc
    finally:
        child.close(force=True)
    return elapsed


def count_lines(path: Path) -> int:
    lines = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def peak_rss_kib(argv: list[str], env: dict[str, str], expect_lines: int) -> int:
    """Run argv with stdout to a pipe; check its line count; return that one process's peak RSS.

    os.wait4 gives the rusage of the one child waited for (RUSAGE_CHILDREN would
    give the largest of every child this process has ever waited for)."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    lines = 0
    assert proc.stdout is not None
    while chunk := proc.stdout.read(1 << 20):
        lines += chunk.count(b"\n")
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {proc.returncode}")
    if lines != expect_lines:
        raise BenchError(f"{' '.join(argv)} wrote {lines} lines for {expect_lines} records")
    return usage.ru_maxrss  # KiB on Linux


# --- inputs -------------------------------------------------------------------


def catalog_signals(cmd: Path, env: dict[str, str]) -> list[dict]:
    out = subprocess.run([str(cmd), "signals", "--json"], env=env, capture_output=True, check=True).stdout
    return json.loads(out)["signals"]


def load_signals(cmd: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """Each signal's id and the ids of the answers it accepts."""
    return {s["id"]: [a["id"] for a in s["answers"]] for s in catalog_signals(cmd, env)}


def load_questions(cmd: Path, env: dict[str, str]) -> list[str]:
    return [s["question"] for s in catalog_signals(cmd, env)]


def write_records(path: Path, signals: dict[str, list[str]], count: int, seed: int = 7) -> Path:
    """NDJSON: an "id" and a random allowed answer for every signal, one object a line."""
    rng = random.Random(seed)
    # Pre-encode each "signal": "answer" pair, then only join: a million lines in seconds.
    pairs = [[f"{json.dumps(sid)}: {json.dumps(aid)}" for aid in ids] for sid, ids in signals.items()]
    with open(path, "w") as f:
        for start in range(0, count, 10_000):
            block = []
            for i in range(start, min(count, start + 10_000)):
                block.append(f'{{"id": "r{i}", {", ".join(rng.choice(p) for p in pairs)}}}\n')
            f.write("".join(block))
    return path


# --- the targets --------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def startup_rows(cmd: Path, python: str, app: Path, answers_file: Path, env: dict[str, str], runs: int) -> list[Row]:
    rows = []

    def check_json(path: Path) -> Callable[[], None]:
        def check() -> None:
            json.loads(path.read_bytes())

        return check

    out_a = app.parent / "assess.out"
    out_b = app.parent / "app.out"

    def ours() -> float:
        with open(out_a, "wb") as f:
            return timed(
                [str(cmd), "assess", "--answers", str(answers_file), "--json", "--no-save"],
                env,
                stdout=f,
                check=check_json(out_a),
            )

    def minimal() -> float:
        with open(out_b, "wb") as f:
            return timed([python, str(app), "--name", "y"], env, stdout=f, check=check_json(out_b))

    a, b = interleaved([ours, minimal], runs)
    rows.append(Row("a. assess --json (scripted)", "ours", ms(a), "typer app", ms(b), a / b, "<= 1.15", a / b <= 1.15))

    a, b = interleaved([lambda: timed([str(cmd), "--help"], env), lambda: timed([python, str(app), "--help"], env)], runs)
    rows.append(Row("b. --help", "ours", ms(a), "typer app", ms(b), a / b, "<= 1.15", a / b <= 1.15))

    try:
        import pexpect  # noqa: F401
    except ImportError:
        print("pexpect is not installed: skipping target c", file=sys.stderr)
        return rows
    # The first signal's question (its start: a long one may wrap), whatever number style the prompt uses.
    question = load_questions(cmd, env)[0][:30]
    # Give every context flag `assess` has, so the first prompt is the first signal's.
    assess_help = subprocess.run([str(cmd), "assess", "--help"], env=env, capture_output=True, text=True, check=True).stdout
    context = [x for flag, value in CONTEXT_FLAGS for x in (flag, value) if flag in assess_help]
    a, b = interleaved(
        [
            lambda: pty_until([str(cmd), "assess", *context, "--no-save"], question, env),
            lambda: pty_until([python, "-c", f"import typer, questionary; print({MARKER!r})"], MARKER, env),
        ],
        runs,
    )
    rows.append(Row("c. first question in a pty", "ours", ms(a), "import only", ms(b), a / b, "<= 1.3", a / b <= 1.3))
    return rows


def batch_rows(cmd: Path, python: str, records: Path, empty: Path, count: int, env: dict[str, str], runs: int) -> tuple[Row, str]:
    out = records.parent / "score.out"

    def run(argv_for: Callable[[Path], list[str]], source: Path, lines: int) -> Callable[[], float]:
        def side() -> float:
            def check() -> None:
                if (got := count_lines(out)) != lines:
                    raise BenchError(f"{' '.join(argv_for(source))} wrote {got} lines for {lines} records")

            with open(out, "wb") as f:
                return timed(argv_for(source), env, stdout=f, check=check)

        return side

    def ours(p: Path) -> list[str]:
        return [str(cmd), "score", str(p)]

    def loop(p: Path) -> list[str]:
        return [python, "-c", JSON_LOOP, str(p)]

    empty_ours, empty_loop = interleaved([run(ours, empty, 0), run(loop, empty, 0)], runs)
    full_ours, full_loop = interleaved([run(ours, records, count), run(loop, records, count)], runs)
    whole = full_loop / full_ours  # = (count/full_ours) / (count/full_loop)
    marginal = (full_loop - empty_loop) / (full_ours - empty_ours)
    row = Row(
        f"d. score throughput, {count:,} records (whole run)",
        "ours",
        f"{count / full_ours:,.0f} rec/s",
        "json loop",
        f"{count / full_loop:,.0f} rec/s",
        whole,
        ">= 0.5",
        whole >= 0.5,
    )
    note = (
        f"   d. details: whole run {ms(full_ours)} vs {ms(full_loop)}; on an empty file {ms(empty_ours)} vs {ms(empty_loop)};\n"
        f"      marginal (empty-file time subtracted): {count / (full_ours - empty_ours):,.0f} vs "
        f"{count / (full_loop - empty_loop):,.0f} rec/s, ratio {marginal:.2f} (information only; the target is the whole run)"
    )
    return row, note


def memory_row(cmd: Path, small: Path, small_n: int, large: Path, large_n: int, env: dict[str, str]) -> Row:
    peak_rss_kib([str(cmd), "score", str(small)], env, small_n)  # warm-up
    rss_small = peak_rss_kib([str(cmd), "score", str(small)], env, small_n)
    rss_large = peak_rss_kib([str(cmd), "score", str(large)], env, large_n)
    ratio = rss_large / rss_small
    return Row(
        f"e. score peak RSS, {large_n:,} vs {small_n:,} records",
        "large",
        f"{rss_large / 1024:.1f} MiB",
        "small",
        f"{rss_small / 1024:.1f} MiB",
        ratio,
        "<= 1.5",
        ratio <= 1.5,
    )


# --- main ---------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    head = ("target", "measured", "baseline", "ratio", "limit", "result")
    cells = [
        (
            r.target,
            f"{r.a_value} ({r.a_label})",
            f"{r.b_value} ({r.b_label})",
            f"{r.ratio:.3f}",
            r.limit,
            "PASS" if r.ok else "FAIL",
        )
        for r in rows
    ]
    widths = [max(len(str(c[i])) for c in [head, *cells]) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)
    print(line)
    for c in [head, None, *cells]:
        if c is None:
            print(line)
            continue
        print("  ".join(str(v).ljust(w) if i < 3 else str(v).rjust(w) for i, (v, w) in enumerate(zip(c, widths, strict=True))))
    print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=31, help="timed runs of each side of a start-up comparison (default 31)")
    parser.add_argument(
        "--batch-runs", type=int, default=7, help="timed runs of each side of the throughput comparison (default 7)"
    )
    parser.add_argument(
        "--records",
        type=int,
        default=100_000,
        help="records for the throughput test (default 100,000); the memory test scores RECORDS/10 and RECORDS*10",
    )
    parser.add_argument("--cmd", help="the interview-signals command (default: next to this Python, else on PATH)")
    args = parser.parse_args()
    if args.runs < 1 or args.batch_runs < 1 or args.records < 10:
        parser.error("--runs and --batch-runs must be at least 1, --records at least 10")

    try:
        cmd = find_command(args.cmd)
        python = command_interpreter(cmd)
        version = subprocess.run([python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True, check=True)
        print(f"Python   {version.stdout.strip()}  ({python})")
        print(f"Machine  {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs")
        print(f"Command  {cmd}")
        print(f"Runs     {args.runs} per start-up side, {args.batch_runs} per throughput side, interleaved, medians")
        print(flush=True)

        with tempfile.TemporaryDirectory(prefix="is-bench-") as tmp_name:
            tmp = Path(tmp_name)
            env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONPATH")}
            env.update(COLUMNS="80", LINES="24", TERM="xterm", INTERVIEW_SIGNALS_HOME=str(tmp / "home"))
            signals = load_signals(cmd, env)

            app = tmp / "minimal_app.py"
            app.write_text(MINIMAL_APP)
            answers_file = tmp / "answers.json"
            answers_file.write_text(json.dumps({sid: ids[0] for sid, ids in signals.items()}))

            rows = []
            started = time.perf_counter()
            print("start-up (a, b, c) ...", file=sys.stderr, flush=True)
            rows += startup_rows(cmd, python, app, answers_file, env, args.runs)

            print(f"throughput (d), {args.records:,} records ...", file=sys.stderr, flush=True)
            records = write_records(tmp / "records.ndjson", signals, args.records)
            empty = tmp / "empty.ndjson"
            empty.touch()
            row, note = batch_rows(cmd, python, records, empty, args.records, env, args.batch_runs)
            rows.append(row)
            records.unlink()

            small_n, large_n = max(1, args.records // 10), args.records * 10
            print(f"memory (e), {small_n:,} and {large_n:,} records ...", file=sys.stderr, flush=True)
            small = write_records(tmp / "small.ndjson", signals, small_n)
            large = write_records(tmp / "large.ndjson", signals, large_n)
            rows.append(memory_row(cmd, small, small_n, large, large_n, env))
            elapsed = time.perf_counter() - started
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 2

    print_table(rows)
    print(note)
    print("   a, b, c: a minimal typer app parsing one option and printing JSON; c's baseline prints a marker after its imports.")
    print(f"   e: peak RSS of the one `score` process, from os.wait4. Took {elapsed:.0f} s.")
    failed = [r.target for r in rows if not r.ok]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} targets met." + (f" FAILED: {'; '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
