"""The command line: parse arguments, call the core, print. No logic lives here.

Start-up matters (the tool runs in shell loops), so rich, questionary, sqlite
and icalendar are imported only inside the commands that draw, ask, store or
write a calendar; the scripted JSON path never loads them.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, TextIO

import typer

# typer vendors click (since 0.26) without re-exporting its exception types
from typer._click.exceptions import ClickException

from interview_signals import __version__
from interview_signals.errors import ExitCode, InputError, SignalsError

if TYPE_CHECKING:
    from interview_signals.history import History

EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 something failed on the machine's side (a file or the database); "
    "2 bad usage or bad input; 3 `score` could not score some lines; "
    "4 the report was shown but could not be saved; 130 interrupted (Ctrl-C)."
)

app = typer.Typer(
    help=f"Read the signs after a job interview: answer a few questions, get an honest verdict and what to do next.\n\n{EXIT_CODES_HELP}",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- the boundary: errors become one line on stderr and an exit code ----------


@contextmanager
def handle_errors() -> Iterator[None]:
    """The one place that turns failures into a message and an exit code."""
    try:
        yield
    except SignalsError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted; nothing was saved.\n")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except EOFError:
        if sys.stdin.isatty():
            fail("input ended (Ctrl-D) before every question was answered; nothing was saved", ExitCode.USAGE)
        fail(
            "input ended before every question was answered; run it in a terminal, or pass the answers with --answer or --answers",
            ExitCode.USAGE,
        )
    except BrokenPipeError:
        # the reader went away (`| head`): not our failure, and nothing more to say
        sys.stderr.close()
        raise typer.Exit(ExitCode.FAILURE) from None


def fail(message: str, code: ExitCode) -> None:
    typer.secho(f"Error: {_printable(message)}", fg="red", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.secho(f"Warning: {_printable(message)}", fg="yellow", err=True)


def _printable(message: str) -> str:
    """One line that any terminal can show: undecodable bytes the user typed
    (kept by Python as surrogates) become \\x escapes, and so do control
    characters, instead of crashing the print or reaching the terminal raw."""
    flat = " ".join(message.split())
    return "".join(
        ch if ch.isprintable() else ascii(ch)[1:-1]
        for ch in flat.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    )


def print_json(doc: Any) -> None:
    from interview_signals import document

    sys.stdout.write(document.dumps(doc) + "\n")
    sys.stdout.flush()


@contextmanager
def open_history(db: str | None) -> Iterator[History]:
    """The history database, its warnings (a damaged file moved aside) shown first."""
    from interview_signals import workflow

    warnings: list[str] = []
    with workflow.open_history(db, warnings) as store:
        for message in warnings:
            warn(message)
        yield store


# -- shared options -------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of the report.")]
DbOption = Annotated[
    str | None,
    typer.Option("--db", metavar="PATH", help="The history database to use (default: see `interview-signals where`)."),
]
IdArgument = Annotated[int, typer.Argument(metavar="ID", help="The interview's id, as `interview-signals history` shows it.")]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"interview-signals {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool | None, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """With no command, run `assess`."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(assess)


# -- assess ---------------------------------------------------------------------


@app.command()
def assess(
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", "-a", metavar="SIGNAL=ANSWER", help="An answer, e.g. -a vibe=warm. Repeatable; overrides --answers."
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers", metavar="FILE", help='JSON answers, {"vibe": "warm", ...} or a saved --json report; - reads stdin.'
        ),
    ] = None,
    company: Annotated[str | None, typer.Option(help="The company you interviewed with.")] = None,
    role: Annotated[str | None, typer.Option(help="The role you interviewed for.")] = None,
    interviewer: Annotated[str | None, typer.Option(help="Who interviewed you; used to address the email drafts.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="The day of the interview (default: today).")
    ] = None,
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by", metavar="WHEN", help="When they said you'd hear back: 2026-12-04, friday, or 3 days / 2 weeks."
        ),
    ] = None,
    from_id: Annotated[int | None, typer.Option("--from", metavar="ID", help="Start from a saved interview's answers.")] = None,
    as_json: JsonOption = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not save this interview to your history.")] = False,
    db: DbOption = None,
) -> None:
    """Answer the questionnaire and get a report. Asks only what flags and files left out.

    Run `interview-signals signals` to see every signal and its answers.
    """
    with handle_errors():
        from interview_signals import workflow

        context = {"company": company, "role": role, "interviewer": interviewer, "date": date, "reply_by": reply_by}
        request = workflow.Request(
            flags=answer or [],
            answers_file=answers_file,
            context={k: v for k, v in context.items() if v is not None},
            from_id=from_id,
            save=not no_save,
            db=db,
        )
        result = workflow.assess(request)
        for message in result.warnings:
            warn(message)
        if result.not_saved:
            warn(f"this interview was not saved: {result.not_saved}")
        if as_json:
            print_json(result.doc)
        else:
            from interview_signals import report

            report.render(report.console(), result.doc, workflow.titles())
    raise typer.Exit(ExitCode.NOT_SAVED if result.not_saved else ExitCode.OK)


# -- the catalog and batch scoring -------------------------------------------------


@app.command()
def signals(as_json: JsonOption = False) -> None:
    """List every signal and the answers it accepts, best first."""
    with handle_errors():
        from interview_signals import catalog, document

        doc = document.catalog_doc(catalog.load())
        if as_json:
            print_json(doc)
        else:
            from interview_signals import report

            report.render_catalog(report.console(), doc)


@app.command()
def score(
    source: Annotated[
        str, typer.Argument(metavar="[FILE]", help="NDJSON file of answers objects, one a line; - or nothing for stdin.")
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
        from interview_signals import batch, catalog

        cat = catalog.load()
        tally = batch.Tally()
        with _open_input(source) as (stream, size), _output(streaming=size is None) as out:
            lines = _with_progress(stream, size) if size and sys.stderr.isatty() else stream
            for line in batch.score_lines(cat, lines, tally, strict=strict):
                out.write(line + "\n")
        if tally.failed:
            fail(
                f"{tally.failed} of {tally.failed + tally.scored} lines could not be scored; see the error objects in the output",
                ExitCode.PARTIAL,
            )


@contextmanager
def _open_input(source: str) -> Iterator[tuple[BinaryIO, int | None]]:
    """Yield the input stream and its size in bytes when it is a regular file."""
    if source == "-":
        yield sys.stdin.buffer, None
        return
    from interview_signals.answers import open_file

    with open_file(source, "FILE", "an NDJSON file") as stream:
        info = os.fstat(stream.fileno())
        yield stream, info.st_size if stat.S_ISREG(info.st_mode) else None


@contextmanager
def _output(*, streaming: bool) -> Iterator[TextIO]:
    """Where `score` writes. Reading a pipe, each report is flushed as it is
    made, so the next program in the pipeline sees it at once. Reading a file,
    reports go out in 64 KiB writes instead of 8 KiB ones: at some 2 KB a
    report, that halves the time spent writing to a file."""
    if streaming:
        yield _LineFlushed(sys.stdout)
        return
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture): write as it is
        yield sys.stdout
        sys.stdout.flush()
        return
    sys.stdout.flush()
    with open(fd, "w", buffering=1 << 16, encoding="utf-8", newline="\n", closefd=False) as out:
        yield out


class _LineFlushed:
    """Writes through to a stream and flushes after each write."""

    def __init__(self, target: TextIO) -> None:
        self._target = target

    def write(self, text: str) -> None:
        self._target.write(text)
        self._target.flush()


def _with_progress(stream: BinaryIO, size: int) -> Iterator[bytes]:
    from interview_signals import report

    with report.progress(size) as advance:
        for line in stream:
            advance(len(line))
            yield line


# -- history ----------------------------------------------------------------------


@app.command()
def history(
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most N interviews.")] = None,
    company: Annotated[
        str | None, typer.Option(help="Only companies whose name contains TEXT (any case).", metavar="TEXT")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array.")] = False,
    nl: Annotated[bool, typer.Option("--nl", help="One JSON object a line.")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row.")] = False,
    db: DbOption = None,
) -> None:
    """List saved interviews, newest first."""
    with handle_errors():
        if sum((as_json, nl, csv)) > 1:
            raise InputError("choose one of --json, --nl and --csv")
        from interview_signals import document, workflow
        from interview_signals.answers import check_text

        with open_history(db) as store:
            rows = [workflow.summary(i) for i in store.list(limit=limit, company=check_text(company, "--company"))]
        if as_json:
            print_json(rows)
        elif nl:
            for row in rows:
                sys.stdout.write(document.dumps_line(row) + "\n")
        elif csv:
            document.write_csv(sys.stdout, workflow.SUMMARY_FIELDS, rows)
        else:
            from interview_signals import report

            report.render_history(report.console(), rows, filtered=company is not None)


@app.command()
def show(interview_id: IdArgument, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Show a saved interview's report again."""
    with handle_errors():
        saved = saved_interview(interview_id, db)
        doc = {"id": saved.id, **saved.report}
        if as_json:
            print_json(doc)
        else:
            from interview_signals import report, workflow

            console = report.console()
            report.render(console, doc, workflow.titles(), just_saved=False)
            if saved.outcome:
                report.render_outcome(console, saved.outcome, saved.outcome_note)


@app.command()
def outcome(
    interview_id: IdArgument,
    result: Annotated[str, typer.Argument(metavar="RESULT", help="offer, rejected, ghosted, withdrew or pending.")],
    note: Annotated[str | None, typer.Option(help="A note to keep with it.")] = None,
    db: DbOption = None,
) -> None:
    """Record how an interview turned out. Recording again replaces it."""
    with handle_errors():
        from interview_signals.answers import check_text

        with open_history(db) as store:
            store.set_outcome(interview_id, check_text(result, "RESULT"), check_text(note, "--note"))
        typer.echo(f"Recorded: interview #{interview_id} → {result.strip().lower()}", err=True)


@app.command()
def stats(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Counts by verdict and outcome, and which signs went with your offers."""
    with handle_errors():
        with open_history(db) as store:
            summary = store.stats()
        if as_json:
            print_json(summary)
        else:
            from interview_signals import report, workflow

            report.render_stats(report.console(), summary, workflow.titles())


@app.command()
def delete(
    interview_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (for scripts).")] = False,
    db: DbOption = None,
) -> None:
    """Delete a saved interview for good."""
    with handle_errors():
        with open_history(db) as store:
            saved = store.get(interview_id)
            if not yes:
                if not sys.stdin.isatty():
                    raise InputError("deleting needs confirmation: run it in a terminal, or add --yes")
                from interview_signals import prompts

                with prompts.terminal_session():
                    what = " · ".join(x for x in (saved.company, saved.role, saved.date) if x)
                    if not prompts.confirm(f"Delete interview #{interview_id} ({what})? This cannot be undone."):
                        typer.echo("Kept it.", err=True)
                        return
            store.delete(interview_id)
        typer.echo(f"Deleted interview #{interview_id}.", err=True)


@app.command()
def where(db: DbOption = None) -> None:
    """Print the path of the history database."""
    with handle_errors():
        from interview_signals.history import resolve_path

        typer.echo(str(resolve_path(db)))


# -- following up -------------------------------------------------------------------


@app.command()
def due(
    days: Annotated[int, typer.Option("--days", metavar="N", help="Also list follow-ups coming up in the next N days.")] = 0,
    today_: Annotated[
        str | None, typer.Option("--today", metavar="YYYY-MM-DD", help="Take this as today's date (for scripts).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array.")] = False,
    db: DbOption = None,
) -> None:
    """Who to write to today: interviews with no final outcome whose follow-up day has come."""
    with handle_errors():
        from interview_signals import followup, workflow

        now = followup.parse_date(today_, "--today") if today_ is not None else followup.today()
        with open_history(db) as store:
            rows = workflow.due_rows(store, now, days)
        if as_json:
            print_json(rows)
        elif not rows:
            typer.echo("Nothing to follow up on today." + (f" Nothing coming up in the next {days} days either." if days else ""))
        else:
            from interview_signals import report

            report.render_due(report.console(), rows)


@app.command()
def draft(
    interview_id: IdArgument,
    kind: Annotated[str, typer.Argument(metavar="KIND", help="thank-you or follow-up.")],
    interviewer: Annotated[str | None, typer.Option(help="Address it to this name instead of the one saved.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"subject": ..., "body": ...}.')] = False,
    db: DbOption = None,
) -> None:
    """Print a short email draft to start from: a thank-you note or a follow-up."""
    with handle_errors():
        from interview_signals import drafts
        from interview_signals.answers import check_text

        saved = saved_interview(interview_id, db, note_if_closed=True)
        text = drafts.draft(kind, saved.report, check_text(interviewer, "--interviewer"))
        if as_json:
            print_json({"subject": text.subject, "body": text.body})
        else:
            sys.stdout.write(text.text())


@app.command()
def remind(
    interview_id: IdArgument,
    ics: Annotated[str, typer.Option("--ics", metavar="FILE", help="Where to write the calendar file; - for stdout.")],
    db: DbOption = None,
) -> None:
    """Write a calendar file with an all-day reminder on the follow-up day."""
    with handle_errors():
        from interview_signals import calendar, followup, workflow

        saved = saved_interview(interview_id, db, note_if_closed=True)
        day = workflow.follow_up_day(saved)
        data = calendar.follow_up_event(saved.report, saved.id, day)
        if ics == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        try:
            with open(ics, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise SignalsError(f"--ics: cannot write {ics}: {exc.strerror}") from None
        typer.echo(f"Wrote {ics}: a reminder on {followup.display_date(day)}. Import it into your calendar.", err=True)


def saved_interview(interview_id: int, db: str | None, *, note_if_closed: bool = False) -> Any:
    """One saved interview; with ``note_if_closed``, a word on stderr when it already has a final outcome."""
    with open_history(db) as store:
        saved = store.get(interview_id)
    if note_if_closed and saved.outcome and saved.outcome != "pending":
        warn(f"interview #{saved.id} is recorded as {saved.outcome}; a follow-up may no longer be needed")
    return saved


def main() -> None:
    if hasattr(signal, "SIGPIPE"):
        # When the reader goes away (`| head`), stop quietly as cat and grep do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _only_the_invoked_command(sys.argv[1:])
    try:
        code = app(prog_name="interview-signals", standalone_mode=False)
    except ClickException as exc:
        # typer would draw a box of several lines; every bad input gets one line here
        where = exc.ctx.command_path if getattr(exc, "ctx", None) else "interview-signals"
        typer.secho(f"Error: {_printable(exc.format_message())} (see `{where} --help`)", fg="red", err=True)
        code = exc.exit_code
    except typer.Abort:
        code = ExitCode.INTERRUPTED
    sys.exit(code or 0)


def _only_the_invoked_command(args: list[str]) -> None:
    """Before running one command, typer inspects the signature of every
    command; with a dozen of them that is a few milliseconds of every start.
    When the first word names a command, register only that one. (The group
    itself takes flags only, so the first word that is not a flag is the
    command; `--help`, typos and a bare run still see every command.)"""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    chosen = [c for c in app.registered_commands if (c.name or c.callback.__name__.replace("_", "-")) == name]
    if chosen:
        app.registered_commands = chosen
