"""Everything the command line writes, in one place: data to stdout, messages to stderr.

Data goes out as JSON (pretty, or one object a line), CSV, raw bytes or
text; people's reports are drawn by report.py on a stream made here
(``text_stream``). Every message on stderr is one printable line (see text.py).

Whatever the streams are, writing never ends in a traceback:

* a closed stdout (``>&-``) or a full one (``>/dev/full``) is a SignalsError
  (exit 1) naming standard output;
* an output encoding that cannot carry the text (``PYTHONIOENCODING=ascii``,
  a cp1252 console) gets ASCII stand-ins for our symbols and ``?`` for the
  rest; JSON stays lossless by escaping non-ASCII as ``\\uXXXX`` there.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TextIO

from interview_signals.errors import SignalsError
from interview_signals.text import BIDI_CONTROLS, one_line, printable

# Cells a spreadsheet would run as a formula; a leading ' makes them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Our symbols, as ASCII for an output that cannot encode them.
ASCII_FALLBACKS = str.maketrans({"✉": ">", "↻": ">", "█": "#", "░": ".", "·": "-", "…": "...", "→": "->", "—": "-", "’": "'"})
# Characters JSON allows raw in a string that a terminal would act on (DEL,
# C1 codes, bidi controls): written as \uXXXX escapes instead, which is the
# same JSON.
_JSON_UNSAFE = re.compile("[\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")
_failed_stdout = False
MOST_COLUMNS = 1000  # a write to stdout failed: see settle_stdout()


def steady_environment() -> None:
    """Before anything prints: a COLUMNS or LINES that is not a positive whole
    number (0, -3, "wide") is dropped, so every library falls back to the real
    terminal size or its default instead of drawing nothing; and text that the
    output encoding cannot carry is replaced instead of raising."""
    for name in ("COLUMNS", "LINES"):
        value = os.environ.get(name)
        if value is not None and not (value.strip().isdigit() and int(value) > 0):
            del os.environ[name]
        elif value is not None and int(value) > MOST_COLUMNS:  # help laid out 10 million wide is gigabytes of spaces
            os.environ[name] = str(MOST_COLUMNS)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="replace")
    if sys.stderr is None:  # nowhere to say anything: say it nowhere, but do not crash
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout)


class GuardedStdout(io.TextIOBase):
    """sys.stdout for a run of the command line, typer's help included: a
    closed or failing stdout becomes one SignalsError (exit 1) naming it."""

    def __init__(self, target: TextIO | None) -> None:
        self._target = target

    def write(self, text: str) -> int:
        try:
            return self._open().write(text)
        except OSError as exc:
            raise _write_failed(exc) from None

    def flush(self) -> None:
        if self._target is None:
            return
        try:
            self._target.flush()
        except OSError as exc:
            raise _write_failed(exc) from None

    def _open(self) -> TextIO:
        if self._target is None:
            raise SignalsError("cannot write to standard output: it is closed")
        return self._target

    def isatty(self) -> bool:
        return self._target is not None and self._target.isatty()

    def fileno(self) -> int:
        return self._open().fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._target, "encoding", None) or "utf-8"

    @property
    def buffer(self) -> Any:
        return self._open().buffer


def settle_stdout() -> None:
    """At exit, after a failed write to stdout: point it at /dev/null, so the
    interpreter's last flush of what is still buffered cannot fail again with
    a second message (the Python docs' advice for broken pipes)."""
    if _failed_stdout:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            pass


def stdout() -> TextIO:
    """Standard output; closed (``>&-``) is a SignalsError naming it."""
    if sys.stdout is None or (isinstance(sys.stdout, GuardedStdout) and sys.stdout._target is None):
        raise SignalsError("cannot write to standard output: it is closed")
    return sys.stdout


def _write_failed(exc: OSError) -> SignalsError:
    global _failed_stdout
    _failed_stdout = True
    return SignalsError(f"cannot write to standard output: {exc.strerror or exc}")


def can_encode(stream: Any, text: str = "✉█…→") -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


class TextStream(io.TextIOBase):
    """A text stream for rich to draw on: it trims the spaces rich pads lines
    with when the target is not a terminal (so a saved report diffs cleanly),
    falls back to ASCII symbols where the encoding cannot carry ours, and turns
    a failed write into a one-line error."""

    def __init__(self, target: TextIO) -> None:
        self._target = target
        self._tty = bool(getattr(target, "isatty", lambda: False)())
        self._ascii = not can_encode(target)
        self._pending = ""

    @property
    def encoding(self) -> str:  # type: ignore[override]  # rich draws ASCII boxes unless it is UTF
        return getattr(self._target, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        if self._ascii:
            text = text.translate(ASCII_FALLBACKS)
        if self._tty:
            self._send(text)
        else:
            *lines, self._pending = (self._pending + text).split("\n")
            if lines:
                self._send("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._send(self._pending)
            self._pending = ""
        try:
            self._target.flush()
        except OSError as exc:
            raise _write_failed(exc) from None

    def _send(self, text: str) -> None:
        try:
            self._target.write(text)
        except OSError as exc:
            raise _write_failed(exc) from None

    def isatty(self) -> bool:
        return self._tty

    def fileno(self) -> int:
        return self._target.fileno()


def text_stream(*, stderr: bool = False) -> TextStream:
    return TextStream(sys.stderr if stderr else stdout())


def error(message: str) -> None:
    _message("Error", message, "\x1b[31m")


def warning(message: str) -> None:
    _message("Warning", message, "\x1b[33m")


def note(message: str) -> None:
    """A plain line on stderr (what was done, where a file went)."""
    _message("", message, "")


def _message(label: str, message: str, colour: str) -> None:
    line = f"{label}: {one_line(message)}" if label else one_line(message)
    if not can_encode(sys.stderr, line):
        line = line.translate(ASCII_FALLBACKS)
    line = _between_words(line, sys.stderr)
    if colour and _colour(sys.stderr):
        line = f"{colour}{line}\x1b[0m"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr is full or closed: there is no one left to tell
        pass


def _between_words(line: str, stream: Any) -> str:
    """A message for a terminal broken between words at its width, so the
    terminal never breaks a word itself; one line anywhere else (a pipe, a log)."""
    if not getattr(stream, "isatty", lambda: False)():
        return line
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return line
    if len(line) < columns or columns < 20:
        return line
    import textwrap

    return "\n".join(textwrap.wrap(line, width=columns - 1, break_long_words=False, break_on_hyphens=False)) or line


def _colour(stream: Any) -> bool:
    import os

    return bool(getattr(stream, "isatty", lambda: False)()) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def json_text(document: Any, *, ascii_only: bool = False) -> str:
    """Pretty JSON for people and jq alike; non-ASCII kept as written unless ``ascii_only``."""
    return safe_json(_dumps(document, ascii_only, indent=2))


def json_line(document: Any, *, ascii_only: bool = False) -> str:
    """Compact one-line JSON, for NDJSON output."""
    return safe_json(_dumps(document, ascii_only, separators=(",", ":")))


def _dumps(document: Any, ascii_only: bool, **layout: Any) -> str:
    """json.dumps; text no encoding can carry (a lone surrogate in a report edited by hand)
    is written as its \\ud800 escape, which is the same JSON."""
    text = json.dumps(document, ensure_ascii=ascii_only, **layout)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = json.dumps(document, ensure_ascii=True, **layout)
    return text


def safe_json(text: str) -> str:
    """JSON text with the characters a terminal would act on written as \\u escapes."""
    if (text.isascii() and "\x7f" not in text) or _JSON_UNSAFE.search(text) is None:  # the first test is the fast one
        return text
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def print_json(document: Any) -> None:
    write(json_text(document, ascii_only=not can_encode(stdout())) + "\n")


def write(text: str) -> None:
    """Text to stdout, flushed, so a failure shows here and not at exit."""
    out = stdout()
    if not can_encode(out):
        text = text.translate(ASCII_FALLBACKS)
    try:
        out.write(text)
        out.flush()
    except OSError as exc:
        raise _write_failed(exc) from None


def write_bytes(data: bytes) -> None:
    out = stdout()
    try:
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    except OSError as exc:
        raise _write_failed(exc) from None


def print_rows(rows: Iterable[Mapping[str, Any]], fields: Sequence[str], form: str) -> None:
    """Rows as ``json`` (an array), ``nl`` (one object a line) or ``csv`` (under a header row),
    each written as it comes: memory stays flat however many rows there are."""
    if form == "json":
        print_json_array(rows)
    elif form == "nl":
        ascii_only = not can_encode(stdout())
        write_pieces(json_line(row, ascii_only=ascii_only) + "\n" for row in rows)
    elif form == "csv":
        write_csv(fields, rows)
    else:  # pragma: no cover - the command line offers only these
        raise ValueError(form)


def print_json_array(items: Iterable[Any]) -> None:
    """What print_json prints for ``list(items)``, byte for byte, written an item at a time."""
    write_pieces(_json_array_pieces(items, ascii_only=not can_encode(stdout())))


def _json_array_pieces(items: Iterable[Any], *, ascii_only: bool) -> Iterator[str]:
    """json_text of a list, in pieces: each item is dumped on its own and indented one
    level more (a raw line break only ever comes from the indenting: one in a string is \\n)."""
    opening = "[\n  "
    for item in items:
        yield opening + json_text(item, ascii_only=ascii_only).replace("\n", "\n  ")
        opening = ",\n  "
    yield "[]\n" if opening == "[\n  " else "\n]\n"


WRITE_BYTES = 1 << 16  # write_pieces writes about this much at a time


def write_pieces(pieces: Iterable[str]) -> None:
    """Text to stdout (as ``write``) in pieces, gathered into writes of about 64 KiB."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= WRITE_BYTES:
            write("".join(batch))
            batch, size = [], 0
    if batch:
        write("".join(batch))


def write_bytes_pieces(pieces: Iterable[bytes]) -> None:
    """Bytes to stdout (as ``write_bytes``) in pieces, gathered into writes of about 64 KiB."""
    batch: list[bytes] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= WRITE_BYTES:
            write_bytes(b"".join(batch))
            batch, size = [], 0
    if batch:
        write_bytes(b"".join(batch))


def write_csv(fields: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """CSV with a header row (written even with no rows); None becomes an empty cell.
    A cell that a spreadsheet would run as a formula starts with a ' instead.
    Each row is written as it comes (see write_pieces)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def lines() -> Iterator[str]:
        writer.writerow(fields)
        yield _taken(buffer)
        for row in rows:
            writer.writerow([csv_cell(row.get(name)) for name in fields])
            yield _taken(buffer)

    write_pieces(lines())


def _taken(buffer: io.StringIO) -> str:
    """What the buffer holds, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def csv_cell(value: Any) -> Any:
    """A cell made safe: no control characters for a terminal, no formula for a spreadsheet."""
    if not isinstance(value, str):
        return value
    formula = value.startswith(FORMULA_STARTS)
    value = printable(value, keep_newlines=True)
    return "'" + value if formula else value


@contextmanager
def report_lines(*, streaming: bool) -> Iterator[Callable[[str], None]]:
    """Where `score` writes its lines: UTF-8 bytes, as NDJSON is, whatever the
    locale's encoding. Reading a pipe, each report is flushed as it is made, so
    the next program in the pipeline sees it at once. Reading a file, reports
    go out in 64 KiB writes instead of 8 KiB ones: at some 2 KB a report, that
    halves the time spent writing to a file."""
    out = stdout()
    try:
        out.flush()
        fd = out.fileno()
    except OSError as exc:
        if not isinstance(exc, io.UnsupportedOperation):
            raise _write_failed(exc) from None
        fd = None
    except (AttributeError, ValueError):
        fd = None
    if fd is None:  # not a real file (a test's capture): write text as it is

        def plain(line: str) -> None:
            out.write(safe_json(line))

        yield plain
        return
    try:
        with open(fd, "wb", buffering=1 << 16, closefd=False) as binary:

            def writer(line: str) -> None:
                # a lone surrogate (refused on input) would come out as its \\u escape, still JSON
                binary.write(safe_json(line).encode("utf-8", "backslashreplace"))
                if streaming:
                    binary.flush()

            yield writer
    except OSError as exc:
        raise _write_failed(exc) from None
