"""`score`: many interviews scored from NDJSON, nothing saved (batch.py does the work)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from interview_signals import catalog
from interview_signals.errors import InputError

if TYPE_CHECKING:
    from interview_signals.batch import Tally


def score(
    source: str, stdin: BinaryIO | None, write: Callable[[str], None], *, strict: bool = False, progress: Any = None
) -> Tally:
    """Score NDJSON from ``source`` (a path, or "-" for ``stdin``), passing each report line to ``write``.

    ``progress(size)``, when given, is a context manager yielding a function
    that advances a progress bar by bytes; it is used only for a regular file.
    """
    from interview_signals import batch

    if source != "-":
        stdin = io.BytesIO()  # a file: standard input is not read
    elif stdin is None:
        raise InputError("FILE: standard input is closed; give an NDJSON file, or pipe the lines in")
    cat = catalog.load()
    tally = batch.Tally()
    with batch.open_input(source, stdin) as (stream, size):
        lines = batch.read_lines(stream)
        if size and progress is not None:
            lines = batch.with_progress(lines, progress(size))
        for line in batch.score_lines(cat, lines, tally, strict=strict):
            write(line + "\n")
    return tally
