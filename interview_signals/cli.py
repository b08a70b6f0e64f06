"""The command line: an adapter over core.py. Each command parses its
arguments, calls one core function and prints what comes back.

Start-up matters (the tool runs in shell loops), so rich, questionary, sqlite
and icalendar are imported only inside the commands that draw, ask, store or
write a calendar; the scripted JSON path never loads them.
"""

import copy
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

# typer vendors click (since 0.26) without re-exporting its exception types
from typer._click.exceptions import ClickException
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from interview_signals import __version__, output, words
from interview_signals.errors import ExitCode, InputError, SignalsError
from interview_signals.followup import DAY_FORMS, EITHER, FUTURE, PAST
from interview_signals.text import clip, counted, one_line, printable

if TYPE_CHECKING:
    from interview_signals.core import Ask
    from interview_signals.interview import Interview

EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 something failed on the machine's side (a file or the database), "
    "or `config get` found the setting not set; "
    "2 bad usage or bad input; 3 `score` could not score some lines; "
    "4 the report was shown but could not be saved; 130 interrupted (Ctrl-C)."
)


class _NamedArgument(TyperArgument):
    """An argument shown in help by its name alone: ID, [FILE]; not {ID} or ID <int>."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return name if self.required else f"[{name}]"


def _plain_params(params: list[Any]) -> None:
    """Help that reads as prose: arguments by name, flags with no <bool> beside them."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _NamedArgument
        elif isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


class Command(TyperCommand):
    """typer's command with plain help (see _plain_params)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_params(params)
        return params


class Group(TyperGroup):
    """typer's group with plain help (see _plain_params), whose bash completion
    keeps SIGNAL=ANSWER as one word (see completion.py)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_params(params)
        return params

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        from interview_signals import completion

        completion.register()
        super()._main_shell_completion(*args, **kwargs)


app = typer.Typer(
    cls=Group,
    help=f"Read the signs after a job interview: answer a few questions, get an honest verdict and what to do next.\n\n{EXIT_CODES_HELP}",
    epilog="Examples:\n\n"
    "interview-signals                 (asks the questions in your terminal)\n\n"
    "interview-signals history\n\n"
    "interview-signals assess --help",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def examples_epilog(examples: tuple[str, ...]) -> str:
    return "Examples:\n\n" + "\n\n".join(examples)


def command(
    *examples: str, group: typer.Typer | None = None, name: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command (of ``group``, else the app) whose help ends with ``examples``, each a line a user could type."""
    return (group or app).command(name, cls=Command, epilog=examples_epilog(examples))


def _complete_answers(incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.answers(incomplete)


def _complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.interview_ids(ctx, incomplete)


def _complete_outcomes(incomplete: str) -> list[str]:
    from interview_signals import completion

    return completion.outcomes(incomplete)


def _complete_listed_outcomes(incomplete: str) -> list[str]:
    """history --outcome: the outcomes, and open."""
    return [*_complete_outcomes(incomplete), *(["open"] if "open".startswith(incomplete.lower()) else [])]


def _complete_formats(incomplete: str) -> list[str]:
    from interview_signals.formats import FORMATS

    return [form for form in FORMATS if form.startswith(incomplete.lower())]


def _complete_kinds(incomplete: str) -> list[str]:
    from interview_signals import completion

    return completion.draft_kinds(incomplete)


def _complete_sendable(incomplete: str) -> list[str]:
    from interview_signals import completion

    return completion.sendable(incomplete)


def _complete_config_keys(incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.config_keys(incomplete)


def interview_id(text: str) -> int:
    """An interview's id as typed: 3 or #3."""
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()):
        raise typer.BadParameter(f"'{clip(text)}': an id is a number such as 3 or #3")
    return int(digits)


# -- the boundary: errors become one line on stderr and an exit code ----------


@contextmanager
def handle_errors() -> Iterator[None]:
    """The one place that turns failures into a message and an exit code."""
    try:
        yield
    except InputError as exc:  # the core names the field; here it is the option the user typed
        fail(exc.named(FLAGS[exc.field]) if exc.field in FLAGS else str(exc), exc.exit_code)
    except SignalsError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted; nothing was saved.\n")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except EOFError:
        if sys.stdin is not None and sys.stdin.isatty():
            fail("input ended (Ctrl-D) before every question was answered; nothing was saved", ExitCode.USAGE)
        fail(
            "input ended before every question was answered; run it in a terminal, or pass the answers with --answer or --answers",
            ExitCode.USAGE,
        )
    except BrokenPipeError:
        # the reader went away (`| head`): not our failure, and nothing more to say
        sys.stderr.close()
        raise typer.Exit(ExitCode.FAILURE) from None


# The option that gives each field the core names in its errors (InputError.field).
FLAGS = {"date": "--date", "reply_by": "--reply-by", "on": "--on", "until": "--until", "today": "--today"}


def fail(message: str, code: ExitCode) -> None:
    output.error(message)
    raise typer.Exit(code)


warn = output.warning


# -- shared options -------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of the report.")]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="The history database to use (default: history.sqlite3 in $INTERVIEW_SIGNALS_HOME, else in your user data folder).",
    ),
]
IdArgument = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=interview_id,
        autocompletion=_complete_ids,
        help="The interview's id, 3 or #3, as `interview-signals history` shows it.",
    ),
]


def version_callback(value: bool) -> None:
    if value:
        output.write(f"interview-signals {__version__}\n")
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


def _report(doc: dict[str, Any], *, just_saved: bool = True, outcome: "Interview | None" = None) -> None:
    """The report in the terminal; for `show`, what was sent, what is next, and the outcome."""
    from interview_signals import report

    _draw(report.console(), doc, just_saved=just_saved, outcome=outcome)


def _draw(console: Any, doc: dict[str, Any], *, just_saved: bool = True, outcome: "Interview | None" = None) -> None:
    """Draw the report on ``console``: the terminal's, or a recording one for a file (see formats.py)."""
    from interview_signals import core, report

    shown = {k: v for k, v in doc.items() if k not in ("sent", "next_action")}
    since = core.since_lines(doc["since_last_round"]) if doc.get("since_last_round") else None
    report.render(console, shown, core.titles(), just_saved=just_saved, since=since)
    if "sent" in doc:
        report.render_actions(console, doc["sent"], doc["next_action"])
    if outcome is not None and outcome.outcome:
        report.render_outcome(console, outcome.outcome, outcome.outcome_note)


# -- assess ---------------------------------------------------------------------


@command(
    "interview-signals assess -a vibe=warm -a pitch=yes --company Acme --date yesterday --export acme.md",
    "interview-signals assess --round-of 3 --date today",
    "interview-signals assess --answers answers.json --no-save --json | jq .score",
)
def assess(
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            metavar="SIGNAL=ANSWER",
            autocompletion=_complete_answers,
            help="An answer, e.g. -a vibe=warm. Repeatable; overrides --answers.",
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers", metavar="FILE", help='JSON answers, {"vibe": "warm", ...} or a saved --json report; - reads stdin.'
        ),
    ] = None,
    company: Annotated[str | None, typer.Option(metavar="NAME", help="The company you interviewed with.")] = None,
    role: Annotated[str | None, typer.Option(metavar="TITLE", help="The role you interviewed for.")] = None,
    interviewer: Annotated[
        str | None, typer.Option(metavar="NAME", help="Who interviewed you; used to address the email drafts.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="DAY", help=f"The day of the interview, {DAY_FORMS[PAST]} (default: today)."),
    ] = None,
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by",
            metavar="WHEN",
            help=f"When they said you'd hear back, counted from the interview as today: {DAY_FORMS[FUTURE]}.",
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="One thing you talked about, for the thank-you note's one specific line."),
    ] = None,
    from_id: Annotated[
        int | None,
        typer.Option(
            "--from",
            metavar="ID",
            parser=interview_id,
            autocompletion=_complete_ids,
            help="Start from a saved interview's answers.",
        ),
    ] = None,
    round_of: Annotated[
        int | None,
        typer.Option(
            "--round-of",
            metavar="ID",
            parser=interview_id,
            autocompletion=_complete_ids,
            help="Save it as the next round of the application interview ID belongs to (its company, role and interviewer).",
        ),
    ] = None,
    as_json: JsonOption = False,
    export: Annotated[
        str | None,
        typer.Option(
            "--export",
            metavar="FILE",
            help="Also write the report to FILE, in the format its extension names: .md, .html, .svg, .txt or .json.",
        ),
    ] = None,
    no_save: Annotated[bool, typer.Option("--no-save", help="Do not save this interview to your history.")] = False,
    db: DbOption = None,
) -> None:
    """Answer the questionnaire and get a report. Asks only what flags and files left out.

    Run `interview-signals signals` to see every signal and its answers.

    With --export, the report is printed as usual and written to FILE too,
    readable only by you. If FILE cannot be written, the interview is still
    saved, and the exit code is 1.
    """
    with handle_errors():
        exporting = None  # (the file, its format), checked before anything is asked or saved
        if export is not None:
            from interview_signals import formats

            _refuse_kept(export, "--export", db)
            exporting = (export, formats.export_format(export))
        from interview_signals import core

        context = {
            "company": company,
            "role": role,
            "interviewer": interviewer,
            "date": date,
            "reply_by": reply_by,
            "topic": topic,
        }
        request = core.Request(
            flags=answer or [],
            answers_file=answers_file,
            context={k: v for k, v in context.items() if v is not None},
            from_id=from_id,
            round_of=round_of,
            save=not no_save,
            db=db,
        )
        result = core.assess(request, stdin=_stdin(), ask=_terminal_asker(), warn=warn, offer_round=_terminal_confirm())
        if result.not_saved:
            warn(f"this interview was not saved: {result.not_saved}")
        with _saved_as(result.doc.get("id")):
            if as_json:
                output.print_json(result.doc)
            else:
                _report(result.doc)
        if exporting is not None:
            _export(*exporting, result.doc, db)
    raise typer.Exit(ExitCode.NOT_SAVED if result.not_saved else ExitCode.OK)


def _export(path: str, form: str, doc: dict[str, Any], db: str | None) -> None:
    """`assess --export`: the report, already printed, written to ``path`` too.
    When it cannot be, the message says how to make the file later."""
    from interview_signals import formats

    saved = doc.get("id")
    later = (
        f"the interview is saved as #{saved}: `interview-signals show {saved} --format {form}` prints the report again"
        if saved is not None
        else "the report was printed, not saved"
    )
    try:
        formats.write(path, _rendered(form, doc), db)
    except SignalsError as exc:
        raise type(exc)(f"{exc}; {later}") from None
    except KeyboardInterrupt:
        fail(f"interrupted while writing {path}; {later}", ExitCode.INTERRUPTED)
    output.note(f"Wrote the report to {path}.")


@contextmanager
def _saved_as(interview_id: int | None) -> Iterator[None]:
    """Once the interview is saved, a failure to show it must say so, or the
    user runs it again and saves it twice."""
    if interview_id is None:
        yield
        return
    after = f"the interview was saved as #{interview_id}; see `interview-signals show {interview_id}`"
    try:
        yield
    except SignalsError as exc:
        raise SignalsError(f"{exc}; {after}") from None
    except KeyboardInterrupt:
        fail(f"interrupted while showing the report; {after}", ExitCode.INTERRUPTED)


def _stdin() -> BinaryIO | None:
    """Standard input as bytes, or None when it is closed (``<&-``)."""
    return getattr(sys.stdin, "buffer", None)


def _terminal_confirm() -> Callable[[str], bool] | None:
    """A yes/no question in the terminal (default no), when stdin is one."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None

    def confirm(question: str) -> bool:
        from interview_signals import prompts

        return prompts.confirm(question)

    return confirm


def _terminal_asker() -> "Ask | None":
    """The questionnaire in the terminal, when stdin is one."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None

    def ask(*args: Any) -> None:
        from interview_signals import prompts

        prompts.fill_in(*args)

    return ask


# -- the catalog and batch scoring -------------------------------------------------


@command("interview-signals signals", "interview-signals signals --json | jq -r '.signals[].id'")
def signals(as_json: JsonOption = False) -> None:
    """List every signal and the answers it accepts, best first."""
    with handle_errors():
        from interview_signals import core

        doc = core.catalog_doc()
        if as_json:
            output.print_json(doc)
        else:
            from interview_signals import report

            report.render_catalog(report.console(), doc)


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
        from interview_signals import core

        if source == "-" and sys.stdin is not None and sys.stdin.isatty():
            output.note("Reading NDJSON from standard input, one answers object a line; Ctrl-D to end.")
        # a pipe or a device streams (each report flushed as made); a regular file is read in bulk
        with output.report_lines(streaming=source == "-" or not os.path.isfile(source)) as write:
            tally = core.score(source, _stdin(), write, strict=strict, progress=_progress_bar())
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


# -- history ----------------------------------------------------------------------

SHOWN = 20  # the interviews the history table shows unless told (--limit N, --all)


@command(
    "interview-signals history --company acme --limit 5",
    "interview-signals history --application 3",
    "interview-signals history --outcome open --csv > waiting.csv",
)
def history(
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            help=f"Show at most N interviews (default: the latest {SHOWN} in the table, every one with --json, --nl or --csv).",
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Show every interview: the table, two lines each, printed as they are read.")
    ] = False,
    company: Annotated[
        str | None, typer.Option(help="Only companies whose name contains TEXT (any case).", metavar="TEXT")
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome",
            metavar="RESULT",
            autocompletion=_complete_listed_outcomes,
            help="Only this outcome (offer, rejected, ghosted, withdrew, pending), or open: no final outcome yet.",
        ),
    ] = None,
    application: Annotated[
        int | None,
        typer.Option(
            "--application",
            metavar="ID",
            parser=interview_id,
            autocompletion=_complete_ids,
            help="Only the rounds of the application interview ID (any of its rounds) belongs to.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array.")] = False,
    nl: Annotated[bool, typer.Option("--nl", help="One JSON object a line.")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row.")] = False,
    db: DbOption = None,
) -> None:
    """List saved interviews, newest first, each with its round.

    The table shows the latest 20 and how many more there are; --limit N
    shows N, --all every one. --json, --nl and --csv list every interview
    unless --limit says otherwise.
    """
    with handle_errors():
        form = _row_format(json=as_json, nl=nl, csv=csv)
        if every and limit is not None:
            raise InputError("--limit and --all: give one of them, not both")
        if form is None and not every and limit is None:
            limit = SHOWN
        from interview_signals import core

        with core.history_listing(db, limit, company, warn, outcome=outcome, application=application) as listing:
            if form:
                output.print_rows(listing.rows, core.SUMMARY_FIELDS, form)
                return
            from interview_signals import report

            filtered = company is not None or outcome is not None or application is not None
            if every:
                report.render_history_stream(report.console(), listing.rows, filtered=filtered)
            else:
                rows = list(listing.rows)
                report.render_history(report.console(), rows, filtered=filtered, more=listing.more())


def _row_format(**chosen: bool) -> str | None:
    """Which of the row formats (--json, --nl, --csv) was asked for; at most one may be."""
    picked = [name for name, on in chosen.items() if on]
    if len(picked) > 1:
        raise InputError(f"choose one of {', '.join('--' + name for name in chosen)}")
    return picked[0] if picked else None


@command(
    "interview-signals show 3",
    "interview-signals show 3 --json | jq .verdict",
    "interview-signals show 3 --format md > acme.md",
)
def show(
    interview_id: IdArgument,
    form: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            autocompletion=_complete_formats,
            help="Print it as text (plain, no colours), md (Markdown, for notes apps), html (a web page), svg (a picture) or json (as --json).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON to stdout instead of the report; --format json does the same.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Show a saved interview's report again, in the terminal or in another format."""
    with handle_errors():
        if form is not None:
            from interview_signals import formats

            form = formats.format_named(form)
            if as_json and form != "json":
                raise InputError(f"--json and --format {form}: --json is --format json; give one of them")
        from interview_signals import core

        doc, interview = core.shown(interview_id, db, warn)
        if as_json or form == "json":
            output.print_json(doc)
        elif form is None:
            _report(doc, just_saved=False, outcome=interview)
        else:
            _print_as(form, doc, interview)


def _print_as(form: str, doc: dict[str, Any], interview: "Interview") -> None:
    """`show --format`: HTML and SVG go out as UTF-8 bytes, the encoding they
    declare; text and Markdown in the terminal's encoding, as any text is."""
    text = _rendered(form, doc, just_saved=False, outcome=interview)
    if form in ("html", "svg"):
        output.write_bytes(text.encode("utf-8"))
    else:
        output.write(text)


def _rendered(form: str, doc: dict[str, Any], *, just_saved: bool = True, outcome: "Interview | None" = None) -> str:
    """The report in one of formats.FORMATS, with what `show` adds when ``outcome`` is given."""
    from interview_signals import core, formats

    since = core.since_lines(doc["since_last_round"]) if doc.get("since_last_round") else ()
    recorded = (outcome.outcome, outcome.outcome_note) if outcome is not None and outcome.outcome else None
    return formats.rendered(
        form,
        doc,
        lambda console: _draw(console, doc, just_saved=just_saved, outcome=outcome),
        since=since,
        outcome=recorded,
    )


@command("interview-signals outcome 3 offer", "interview-signals outcome 3 rejected --note 'a kind email'")
def outcome(
    interview_id: IdArgument,
    result: Annotated[
        str,
        typer.Argument(
            metavar="RESULT", autocompletion=_complete_outcomes, help="offer, rejected, ghosted, withdrew or pending."
        ),
    ],
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A note to keep with it.")] = None,
    db: DbOption = None,
) -> None:
    """Record how an application turned out: every round of it gets the outcome. Recording again replaces it."""
    with handle_errors():
        from interview_signals import core

        word = core.record_outcome(interview_id, result, note, db, warn)
        output.note(f"Recorded: interview #{interview_id} → {word}")


@command("interview-signals stats", "interview-signals stats --json | jq .calibration")
def stats(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Counts by verdict and outcome, and which signs went with your offers."""
    with handle_errors():
        from interview_signals import core

        summary = core.stats(db, warn)
        if as_json:
            output.print_json(summary)
        else:
            from interview_signals import report

            report.render_stats(report.console(), summary, core.titles())


# -- moving: export, import, backup -------------------------------------------------


@command(
    "interview-signals export history.ndjson",
    "interview-signals export | jq -c '{id, date, outcome}'",
    "interview-signals export --db old.sqlite3 | interview-signals import -",
)
def export(
    file: Annotated[
        str | None,
        typer.Argument(metavar="FILE", help="Where to write it (private, 0600); leave it out, or give -, for standard output."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write your whole history as NDJSON, one saved interview a line, to move it or keep it.

    Every saved field is there: the report with its answers and context, the
    dates, the outcome and its note, the rounds and what you sent. The same
    history always gives the same bytes, and `import` reads it back. A file
    is written whole or not at all.
    """
    with handle_errors():
        from interview_signals import core

        to_stdout = file is None or file == "-"
        count = core.export_history(db, None if to_stdout else file, output.write_bytes, warn)
        if not to_stdout:
            output.note(f"Exported {counted(count, 'interview')} to {file}.")


@command(
    "interview-signals import history.ndjson --dry-run",
    "interview-signals import history.ndjson",
    "interview-signals export --db old.sqlite3 | interview-signals import -",
    name="import",
)
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file made by `export`, or - for standard input.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what it would import, and write nothing.")] = False,
    db: DbOption = None,
) -> None:
    """Read an export back into your history: every line, or nothing if any line is bad.

    Ids are kept when free; an id already taken (or once used here) gets a
    new one, and it says which. Interviews already in your history are
    skipped, so importing a file twice adds nothing.
    """
    with handle_errors():
        from interview_signals import core

        verb = "would be imported" if dry_run else "imported"

        def renumbered(item: tuple[int, int, int, bool]) -> None:
            line, old, new, taken = item
            why = "is taken" if taken else "was used before in this history"
            output.note(f"line {line}: id {old} {why}; {verb} as #{new}")

        done = core.import_history(file, _stdin(), db, dry_run=dry_run, renumbered=renumbered, warn=warn)
        origin = "standard input" if file == "-" else file
        skipped = f"; {done.duplicates} already there {'would be' if dry_run else 'were'} skipped" if done.duplicates else ""
        if dry_run:
            output.note(
                f"Would import {counted(done.added, 'interview')} from {origin}{skipped}. Nothing was written (--dry-run)."
            )
        else:
            output.note(f"Imported {counted(done.added, 'interview')} from {origin}{skipped}.")


@command("interview-signals backup ~/interviews-backup.sqlite3", "interview-signals history --db ~/interviews-backup.sqlite3")
def backup(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to put the copy; a file already there is replaced.")],
    db: DbOption = None,
) -> None:
    """Copy your history database to FILE, safely even while another run is saving to it.

    The copy is private (0600) and is a history of its own: give it to any
    command with --db, or put it back in place of the history to restore it.
    """
    with handle_errors():
        from interview_signals import core

        count = core.backup_history(db, file, warn)
        output.note(f"Backed up {counted(count, 'interview')} to {file}; only you can read it. Use it with --db {file}.")


@command("interview-signals delete 3", "interview-signals delete 3 --yes")
def delete(
    interview_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (for scripts).")] = False,
    db: DbOption = None,
) -> None:
    """Delete a saved interview for good."""
    with handle_errors():
        from interview_signals import core

        if core.delete(interview_id, db, None if yes else _confirm_delete(), warn):
            output.note(f"Deleted interview #{interview_id}.")
        else:
            output.note("Kept it.")


def _confirm_delete() -> "Callable[[Interview], bool]":
    """Asks in the terminal; off one, deleting needs --yes."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise InputError("deleting needs confirmation: run it in a terminal, or add --yes")

    def confirm(interview: "Interview") -> bool:
        from interview_signals import prompts

        what = " · ".join(one_line(x) for x in (interview.company, interview.role, interview.date) if x)
        with prompts.terminal_session():
            return prompts.confirm(f"Delete interview #{interview.id} ({what})? This cannot be undone.")

    return confirm


@command("interview-signals where", 'ls -l "$(interview-signals where)"')
def where(db: DbOption = None) -> None:
    """Print the path of the history database.

    It is --db when given, else history.sqlite3 in $INTERVIEW_SIGNALS_HOME when
    that is set, else history.sqlite3 in your user data folder:
    ~/.local/share/interview-signals on Linux, ~/Library/Application
    Support/interview-signals on macOS, %LOCALAPPDATA%\\interview-signals on
    Windows.
    """
    with handle_errors():
        from interview_signals import core

        output.write(f"{core.where(db)}\n")


# -- following up -------------------------------------------------------------------


@command("interview-signals due", "interview-signals due --days 7", "interview-signals due --json | jq -r '.[].draft_command'")
def due(
    days: Annotated[int, typer.Option("--days", metavar="N", help="Also list actions coming up in the next N days.")] = 0,
    today_: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="DAY",
            help=f"Take this day as today (for scripts), {DAY_FORMS[EITHER]}; a weekday is the next one, today counting.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array.")] = False,
    db: DbOption = None,
) -> None:
    """What to do today: each open interview's next action that can be done now, oldest first.

    The next action is a thank-you note, from the interview day, by the day
    after; then a follow-up on the follow-up day, a second follow-up a week after the first was sent,
    and a week after that a suggestion to move on (record it as ghosted).
    Record what you sent with `interview-signals sent`.
    """
    with handle_errors():
        from interview_signals import core

        with core.due_rows(db, today_, days, warn) as rows:
            if as_json:
                output.print_json_array(rows)
                return
            first = next(rows, None)
            if first is None:
                output.write(
                    "Nothing to do today." + (f" Nothing coming up in the next {days} days either." if days else "") + "\n"
                )
                return
            import itertools

            from interview_signals import report

            report.render_due(report.console(), itertools.chain([first], rows))


@command(
    "interview-signals draft 3 thank-you",
    "interview-signals draft 3 follow-up --interviewer 'Dr Sam Lee'",
    "interview-signals draft #3 feedback --json | jq -r .body",
)
def draft(
    interview_id: IdArgument,
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            autocompletion=_complete_kinds,
            help=f"{', '.join(words.SENDABLE)}, feedback (after a rejection) or withdraw.",
        ),
    ],
    interviewer: Annotated[
        str | None, typer.Option(metavar="NAME", help="Address it to this name instead of the one saved.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"subject": ..., "body": ...}.')] = False,
    db: DbOption = None,
) -> None:
    """Print a short email draft to start from: a thank-you note, a follow-up, a second follow-up, a request for feedback or a withdrawal.

    It greets the interviewer by first name (by title and surname when the name
    starts with one, such as Dr), and is signed with the name you set with
    `interview-signals config set name`; until then a [Your name] slot stands
    in. A thank-you note names what you talked about (`assess --topic`), or
    leaves a slot to fill in; a follow-up names the interview day and the
    day they said they would reply, when known.
    """
    with handle_errors():
        from interview_signals import core

        text = core.draft(interview_id, kind, interviewer, db, warn)
        if as_json:
            output.print_json({"subject": text.subject, "body": text.body})
        else:
            output.write(text.text())


@command(
    "interview-signals sent 3 thank-you",
    "interview-signals sent 3 follow-up --on yesterday",
    "interview-signals sent #3 second-follow-up --on 2026-12-07",
)
def sent(
    interview_id: IdArgument,
    action: Annotated[
        str,
        typer.Argument(
            metavar="ACTION", autocompletion=_complete_sendable, help=f"What you sent: {words.choices(words.SENDABLE)}."
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DAY", help=f"The day you sent it, {DAY_FORMS[PAST]} (default: today)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record that you sent an email, so `due` moves on to the next action."""
    with handle_errors():
        from interview_signals import core

        word, day, interview = core.sent(interview_id, action, on, db, warn)
        output.note(f"Recorded: {word} sent for interview #{interview_id} on {day.isoformat()}. {_next(interview)}")


@command("interview-signals snooze 3 --until friday", "interview-signals snooze #3 --until '2 weeks'")
def snooze(
    interview_id: IdArgument,
    until: Annotated[
        str, typer.Option("--until", metavar="DAY", help=f"Put the next action off until this day, {DAY_FORMS[FUTURE]}.")
    ],
    db: DbOption = None,
) -> None:
    """Put an interview's next action off until a later day. Sending something clears it."""
    with handle_errors():
        from interview_signals import core

        interview = core.snooze(interview_id, until, db, warn)
        output.note(f"Snoozed interview #{interview_id}. {_next(interview)}")


def _next(interview: "Interview") -> str:
    """The interview's next action, as a sentence."""
    from interview_signals import followup

    if interview.next_action is None or interview.next_action_on is None:
        return "Nothing more is due."
    day = followup.display_date(followup.parse_date(interview.next_action_on, "next_action_on"))
    return f"Next: {words.todo(interview.next_action, day)}."


@command(
    "interview-signals edit 3 --company 'Acme Labs'",
    "interview-signals edit 3 --reply-by friday --topic 'their move to event sourcing'",
    "interview-signals edit #3 --interviewer ''",
)
def edit(
    interview_id: IdArgument,
    company: Annotated[str | None, typer.Option(metavar="NAME", help="The company.")] = None,
    role: Annotated[str | None, typer.Option(metavar="TITLE", help="The role.")] = None,
    interviewer: Annotated[str | None, typer.Option(metavar="NAME", help="Who interviewed you.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DAY", help=f"The day of the interview, {DAY_FORMS[PAST]}.")
    ] = None,
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by",
            metavar="WHEN",
            help=f"When they said you'd hear back, counted from the interview as today: {DAY_FORMS[FUTURE]}.",
        ),
    ] = None,
    topic: Annotated[str | None, typer.Option(metavar="TEXT", help="One thing you talked about, for the thank-you note.")] = None,
    db: DbOption = None,
) -> None:
    """Correct what was saved about an interview; its follow-up dates are worked out again.

    An empty value ('') clears a field; the date can be changed but not cleared.
    """
    with handle_errors():
        from interview_signals import core

        given = {"company": company, "role": role, "interviewer": interviewer, "date": date, "reply_by": reply_by, "topic": topic}
        changes = {key: value for key, value in given.items() if value is not None}
        interview = core.edit(interview_id, changes, db, warn)
        fields = ", ".join(f"--{key.replace('_', '-')}" for key in changes)
        output.note(f"Updated interview #{interview_id} ({fields}). {_next(interview)}")


@command(
    "interview-signals remind 3 --ics acme.ics",
    "interview-signals remind --all --ics interviews.ics",
    "interview-signals remind 3 --ics - > ~/acme.ics",
)
def remind(
    ics: Annotated[str, typer.Option("--ics", metavar="FILE", help="Where to write the calendar file; - for stdout.")],
    interview_id: Annotated[
        int | None,
        typer.Argument(
            metavar="ID",
            parser=interview_id,
            autocompletion=_complete_ids,
            help="The interview's id, 3 or #3, as `interview-signals history` shows it; or give --all.",
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="One calendar with a reminder for each open interview's next action.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Write a calendar file with an all-day reminder on the day of an interview's next action.

    The next action is what `due` would list: the thank-you note, the
    follow-up, the second follow-up, or the suggestion to move on. Each
    reminder has an alarm at 09:00 on its day and says which command helps.
    Importing a newer file updates the reminder instead of adding another.
    """
    with handle_errors():
        if interview_id is not None and every:
            raise InputError("ID and --all: give one of them, not both")
        if interview_id is None and not every:
            raise InputError("ID or --all: give an interview's ID, or --all for every open interview")
        from interview_signals import core, followup

        deliver = _deliver(ics, db)
        if interview_id is not None:
            one = core.reminder(interview_id, db, deliver, warn)
            if ics != "-":
                what = f"{words.ACTION_WORDS[one.action].name} for interview #{interview_id}"
                output.note(f"Wrote {ics}: the {what}, on {followup.display_date(one.day)}. Import it into your calendar.")
            return
        made = core.reminders(db, deliver, warn)
        if not made.events:
            output.note("No open interview has a next action: nothing to remind of, so no file was written.")
        elif ics != "-":
            output.note(
                f"Wrote {ics}: {counted(made.events, 'reminder')}, one for each open interview's next action. "
                "Import it into your calendar."
            )


def _deliver(ics: str, db: str | None) -> Callable[[Iterable[bytes]], None]:
    """Where --ics sends the calendar, piece by piece: stdout for -, else a private file (checked now, before any work)."""
    if ics == "-":
        return output.write_bytes_pieces
    _refuse_kept(ics, "--ics", db)

    def write(pieces: Iterable[bytes]) -> None:
        from interview_signals import paths
        from interview_signals.files import kept_files, private_output

        with private_output(ics, "--ics", kept=kept_files(paths.resolve_path(db))) as out:
            for piece in pieces:
                out.write(piece)

    return write


def _refuse_kept(path: str, field: str, db: str | None) -> None:
    """Refuse a file to write that is one the tool keeps, before anything is asked or saved."""
    from interview_signals import paths
    from interview_signals.files import kept_files, refuse_kept

    refuse_kept(path, field, kept_files(paths.resolve_path(db)))


# -- settings ------------------------------------------------------------------------

config_app = typer.Typer(
    cls=Group,
    invoke_without_command=True,
    epilog=examples_epilog(("interview-signals config set name 'Ada Lovelace'", "interview-signals config show")),
)
app.add_typer(config_app, name="config")

KeyArgument = Annotated[
    str,
    typer.Argument(
        metavar="KEY", autocompletion=_complete_config_keys, help="The setting: name (your name, to sign your email drafts)."
    ),
]


@config_app.callback()
def config(ctx: typer.Context) -> None:
    """Your settings, such as the name your email drafts are signed with. With no command, `config show`.

    They live in config.toml in $INTERVIEW_SIGNALS_HOME when that is set, else
    in your user config folder: ~/.config/interview-signals on Linux,
    ~/Library/Application Support/interview-signals on macOS,
    %LOCALAPPDATA%\\interview-signals on Windows. Only you can read the file.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(config_show)


@command("interview-signals config set name 'Ada Lovelace'", group=config_app, name="set")
def config_set(
    key: KeyArgument,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Its value: one line of text; quote it when it has spaces.")],
) -> None:
    """Set a setting. Setting it again replaces it."""
    with handle_errors():
        from interview_signals import core

        word, path = core.config_set(key, value)
        output.note(f"Set {word} in {path}.")


@command("interview-signals config get name", 'name="$(interview-signals config get name)"', group=config_app, name="get")
def config_get(key: KeyArgument) -> None:
    """Print a setting's value.

    When it is not set, nothing is printed on stdout, a message goes to stderr
    and the exit code is 1, as with `git config`.
    """
    with handle_errors():
        from interview_signals import core

        word, value = core.config_get(key)
        if value is None:
            output.note(f"{word} is not set; set it with `interview-signals config set {word} VALUE`")
            raise typer.Exit(ExitCode.FAILURE)
        output.write(printable(value) + "\n")


@command("interview-signals config unset name", group=config_app, name="unset")
def config_unset(key: KeyArgument) -> None:
    """Remove a setting. Removing one that is not set is not an error."""
    with handle_errors():
        from interview_signals import core

        word, path, was_set = core.config_unset(key)
        output.note(f"Removed {word} from {path}." if was_set else f"{word} was not set.")


@command(
    "interview-signals config show", "interview-signals config show --json | jq -r .values.name", group=config_app, name="show"
)
def config_show(
    as_json: Annotated[bool, typer.Option("--json", help='Print {"file": ..., "values": {KEY: VALUE or null}}.')] = False,
) -> None:
    """List every setting with its value, or (not set), and the file they live in."""
    with handle_errors():
        from interview_signals import core

        shown = core.config_show()
        if as_json:
            output.print_json({"file": str(shown.path), "values": shown.values})
            return
        width = max(len(key) for key in shown.values)
        lines = [f"Settings in {printable(str(shown.path))}" + ("" if shown.exists else " (no file yet)") + ":"]
        for key, value in shown.values.items():
            lines.append(f"  {key:<{width}}  {one_line(value) if value is not None else '(not set)'}")
        output.write("\n".join(lines) + "\n")


# -- the entry point ------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    if hasattr(signal, "SIGPIPE"):
        # When the reader goes away (`| head`), stop quietly as cat and grep do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    output.steady_environment()
    args = sys.argv[1:] if argv is None else argv
    try:
        code = _lean_app(args)(args=args, prog_name="interview-signals", standalone_mode=False)
    except ClickException as exc:
        # typer would draw a box of several lines; every bad input gets one line here
        context = getattr(exc, "ctx", None)
        where = context.command_path if context is not None else "interview-signals"
        output.error(f"{exc.format_message()} (see `{where} --help`)")
        code = exc.exit_code
    except typer.Abort:
        code = ExitCode.INTERRUPTED
    except SignalsError as exc:  # outside a command: typer's own output (--help) failed to print
        output.error(str(exc))
        code = exc.exit_code
    output.settle_stdout()
    sys.exit(code or 0)


def _lean_app(args: list[str]) -> typer.Typer:
    """The app to run ``args`` with. Before running one command, typer inspects
    the signature of every command it holds; with a dozen that is a few
    milliseconds of every start. So when the first word that is not a flag
    names a command or a group of them such as `config` (the app itself takes
    flags only), a copy holding just that one runs; `--help`, typos and a bare run get the whole app. The
    module's ``app`` is never changed, so ``main`` can run any number of times."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None and ("--help" in args or "-h" in args):
        return _summary(app)
    chosen = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not chosen and not groups:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    lean.registered_groups = groups
    return lean


def _summary(whole: typer.Typer) -> typer.Typer:
    """A copy of ``whole`` for its own --help, which lists each command by name
    and help text only: every command becomes one with no options, so typer
    builds none of their options (a third of the time of `--help` with twenty
    commands). The help printed is the same (tests/test_startup.py)."""
    summary = copy.copy(whole)
    summary.registered_commands = [_stub(info) for info in whole.registered_commands]
    summary.registered_groups = []
    for group in whole.registered_groups:
        listed = copy.copy(group)
        listed.typer_instance = _summary(group.typer_instance) if group.typer_instance is not None else None
        summary.registered_groups.append(listed)
    return summary


def _stub(info: typer.models.CommandInfo) -> typer.models.CommandInfo:
    def stub() -> None:
        """Never run: it stands in for a command in the list --help prints."""

    stub.__doc__ = info.help or (info.callback.__doc__ if info.callback is not None else None)
    listed = copy.copy(info)
    listed.name, listed.help, listed.callback = _command_name(info), None, stub
    return listed


def _command_name(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    callback = info.callback
    return callback.__name__.replace("_", "-") if callback is not None else None
