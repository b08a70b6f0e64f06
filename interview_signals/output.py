"""Everything the command line writes, in one place: data to stdout, messages to stderr.

Data goes out as JSON (pretty, or one object a line), CSV, raw bytes or
text; people's reports are drawn by report.py on a console made here. Every
message on stderr is one printable line (see text.py).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from interview_signals.text import one_line

# Cells a spreadsheet would run as a formula; a leading ' makes them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def error(message: str) -> None:
    _message("Error", message, "\x1b[31m")


def warning(message: str) -> None:
    _message("Warning", message, "\x1b[33m")


def note(message: str) -> None:
    """A plain line on stderr (what was done, where a file went)."""
    _message("", message, "")


def _message(label: str, message: str, colour: str) -> None:
    line = f"{label}: {one_line(message)}" if label else one_line(message)
    if colour and _colour(sys.stderr):
        line = f"{colour}{line}\x1b[0m"
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _colour(stream: Any) -> bool:
    import os

    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def json_text(document: Any) -> str:
    """Pretty JSON for people and jq alike; non-ASCII kept as written."""
    return json.dumps(document, indent=2, ensure_ascii=False)


def json_line(document: Any) -> str:
    """Compact one-line JSON, for NDJSON output."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def print_json(document: Any) -> None:
    write(json_text(document) + "\n")


def write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def print_rows(rows: Sequence[Mapping[str, Any]], fields: Sequence[str], form: str) -> None:
    """Rows as ``json`` (an array), ``nl`` (one object a line) or ``csv`` (under a header row)."""
    if form == "json":
        print_json(list(rows))
    elif form == "nl":
        write("".join(json_line(row) + "\n" for row in rows))
    elif form == "csv":
        write_csv(fields, rows)
    else:  # pragma: no cover - the command line offers only these
        raise ValueError(form)


def write_csv(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """CSV with a header row (written even with no rows); None becomes an empty cell.
    A cell that a spreadsheet would run as a formula starts with a ' instead."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows([csv_cell(row.get(name)) for name in fields] for row in rows)
    write(buffer.getvalue())


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@contextmanager
def report_lines(*, streaming: bool) -> Iterator[Callable[[str], None]]:
    """Where `score` writes its lines. Reading a pipe, each report is flushed as
    it is made, so the next program in the pipeline sees it at once. Reading a
    file, reports go out in 64 KiB writes instead of 8 KiB ones: at some 2 KB a
    report, that halves the time spent writing to a file."""
    if streaming:

        def flushed(text: str) -> None:
            sys.stdout.write(text)
            sys.stdout.flush()

        yield flushed
        return
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture): write as it is
        yield sys.stdout.write
        sys.stdout.flush()
        return
    sys.stdout.flush()
    with open(fd, "w", buffering=1 << 16, encoding="utf-8", newline="\n", closefd=False) as out:
        yield out.write
