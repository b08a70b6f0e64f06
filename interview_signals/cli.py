"""The command line: parse arguments, call the core, print. No logic lives here.

Start-up matters (the tool runs in shell loops), so rich and questionary are
imported only inside the functions that draw or ask; the scripted JSON path
never loads them.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, BinaryIO

import typer

from interview_signals import __version__, answers, batch, catalog, document, scoring
from interview_signals.errors import ExitCode, InputError, SignalsError

EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 something failed on the machine's side (a file or the database); "
    "2 bad usage or bad input; 3 `score` could not score some lines; "
    "4 the report was shown but could not be saved; 130 interrupted (Ctrl-C)."
)

app = typer.Typer(
    help=f"Read the signs after a job interview: answer a few questions, get an honest verdict and what to do next.\n\n{EXIT_CODES_HELP}",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@contextmanager
def handle_errors() -> Iterator[None]:
    """The one boundary that turns failures into a message and an exit code."""
    try:
        yield
    except SignalsError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted; nothing was saved.\n")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except EOFError:
        fail(
            "input ended before every question was answered; run it again in a terminal, or pass the answers with --answer or --answers",
            ExitCode.USAGE,
        )


def fail(message: str, code: ExitCode) -> None:
    typer.secho(f"Error: {message}", fg="red", err=True)
    raise typer.Exit(code)


def print_json(doc: Any) -> None:
    sys.stdout.write(document.dumps(doc) + "\n")
    sys.stdout.flush()


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


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of the report.")]


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
            "--answers",
            metavar="FILE",
            help='A JSON file of answers, {"vibe": "warm", ...} or a saved --json report; - reads stdin.',
        ),
    ] = None,
    company: Annotated[str | None, typer.Option(help="The company you interviewed with.")] = None,
    role: Annotated[str | None, typer.Option(help="The role you interviewed for.")] = None,
    as_json: JsonOption = False,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not save this interview to your history.")] = False,
) -> None:
    """Answer the questionnaire and get a report. Asks only what flags and files left out.

    Run `interview-signals signals` to see every signal and its answers.
    """
    with handle_errors():
        cat = catalog.load()
        given = answers.Answers()
        if answers_file is not None:
            origin = f"--answers {'stdin' if answers_file == '-' else answers_file}"
            given.update(answers.from_json(cat, answers.read_text(answers_file, sys.stdin.buffer), origin))
        given.update(answers.from_flags(cat, answer or []))
        given.context.update({k: v for k, v in {"company": company, "role": role}.items() if v is not None})
        missing = [s for s in cat.signal_ids if s not in given.answers]
        if missing:
            given = _ask(cat, given, missing, stdin_used=answers_file == "-")
        assessment = scoring.assess(cat, given.answers)
        doc = document.build(cat, assessment, given.context)
        if as_json:
            print_json(doc)
        else:
            from interview_signals import report

            report.render(report.console(), doc, {s.id: s.title for s in cat.signals})


def _ask(cat: catalog.Catalog, given: answers.Answers, missing: list[str], *, stdin_used: bool) -> answers.Answers:
    """Ask the missing questions in a terminal; refuse at once off one."""
    if stdin_used or not sys.stdin.isatty():
        raise InputError(
            f"not answered: {', '.join(missing)}; off a terminal give every signal with --answer SIGNAL=ANSWER or --answers FILE "
            "(see `interview-signals signals`)"
        )
    from interview_signals import prompts

    with prompts.terminal_session():
        context_questions = [(f, q) for f, q in (("company", "Company?"), ("role", "Role?")) if f not in given.context]
        given.context.update(prompts.ask_text(context_questions))
        given.answers = prompts.questionnaire(cat, given.answers)
    return given


@app.command()
def signals(as_json: JsonOption = False) -> None:
    """List every signal and the answers it accepts, best first."""
    with handle_errors():
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
    its line is read.
    """
    with handle_errors():
        cat = catalog.load()
        tally = batch.Tally()
        with _open_input(source) as (stream, size):
            lines = _with_progress(stream, size) if size and sys.stderr.isatty() else stream
            out = sys.stdout
            flush_each = size is None  # a pipe: let the consumer see each report at once
            for line in batch.score_lines(cat, lines, tally, strict=strict):
                out.write(line + "\n")
                if flush_each:
                    out.flush()
        out.flush()
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
    try:
        stream = open(source, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InputError(f"FILE: no such file: {source}") from None
    except IsADirectoryError:
        raise InputError(f"FILE: {source} is a folder; give an NDJSON file, or - for stdin") from None
    except PermissionError:
        raise InputError(f"FILE: permission denied reading {source}") from None
    with stream:
        info = os.fstat(stream.fileno())
        yield stream, info.st_size if stat.S_ISREG(info.st_mode) else None


def _with_progress(stream: BinaryIO, size: int) -> Iterator[bytes]:
    from interview_signals import report

    with report.progress(size) as advance:
        for line in stream:
            advance(len(line))
            yield line


def main() -> None:
    app(prog_name="interview-signals")
