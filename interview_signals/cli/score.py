"""`score`: NDJSON answers in, one JSON report a line out."""

import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from interview_signals import output
from interview_signals.cli.common import command, fail, handle_errors, stdin
from interview_signals.errors import ExitCode


@command(
    "interview-signals score interviews.ndjson > reports.ndjson",
    'printf \'%s\\n\' \'{"id": 1, "vibe": "warm"}\' | interview-signals score | jq .verdict',
)
def score(
    source: Annotated[
        str, typer.Argument(metavar="FILE", help="NDJSON file of answers objects, one a line; - or nothing for stdin.")
    ] = "-",
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first bad line (exit 2) instead of reporting it in place.")
    ] = False,
) -> None:
    """Score many interviews: NDJSON answers in, one JSON report a line out.

    Each input line takes the same object as --answers; extra keys such as an
    "id" are copied to the front of its report. A bad line becomes
    {"line": N, "error": "..."} and the run goes on; the exit code is then 3.
    Blank lines are skipped. Output streams: each report is written as soon as
    its line is read. Nothing is saved to your history.
    """
    with handle_errors():
        from interview_signals.commands.score import score as score_lines

        if source == "-" and sys.stdin is not None and sys.stdin.isatty():
            output.note("Reading NDJSON from standard input, one answers object a line; Ctrl-D to end.")
        # a pipe or a device streams (each report flushed as made); a regular file is read in bulk
        with output.report_lines(streaming=source == "-" or not os.path.isfile(source)) as write:
            tally = score_lines(source, stdin(), write, strict=strict, progress=_progress_bar())
        if tally.failed:
            fail(
                f"{tally.failed} of {tally.failed + tally.scored} lines could not be scored; see the error objects in the output",
                ExitCode.PARTIAL,
            )


def _progress_bar() -> Callable[[int], Any] | None:
    """A progress bar on stderr, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    from interview_signals import report

    return report.progress
