"""`assess` and `signals`; and the report drawn in the terminal or rendered in a format, which `show` shares."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interview_signals import output
from interview_signals.cli.common import (
    DbOption,
    JsonOption,
    ReplyByOption,
    RoundOfOption,
    command,
    complete_ids,
    fail,
    handle_errors,
    interview_id,
    refuse_kept,
    stdin,
    warn,
)
from interview_signals.errors import ExitCode, SignalsError
from interview_signals.followup import DAY_FORMS, PAST

if TYPE_CHECKING:
    from interview_signals.commands.assess import Ask
    from interview_signals.interview import Interview


def _complete_answers(incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.answers(incomplete)


def show_report(doc: dict[str, Any], *, just_saved: bool = True, outcome: "Interview | None" = None) -> None:
    """The report in the terminal; for `show`, what was sent, what is next, and the outcome."""
    from interview_signals import report

    draw(report.console(), doc, just_saved=just_saved, outcome=outcome)


def draw(console: Any, doc: dict[str, Any], *, just_saved: bool = True, outcome: "Interview | None" = None) -> None:
    """Draw the report on ``console``: the terminal's, or a recording one for a file (see formats.py)."""
    from interview_signals import report
    from interview_signals.commands.rounds import since_lines, titles

    shown = {k: v for k, v in doc.items() if k not in ("sent", "next_action", "notes")}
    since = since_lines(doc["since_last_round"], doc.get("score")) if doc.get("since_last_round") else None
    report.render(console, shown, titles(), just_saved=just_saved, since=since)
    if "sent" in doc:
        report.render_actions(console, doc["sent"], doc["next_action"], doc.get("notes", []))
    if outcome is not None and outcome.outcome:
        report.render_outcome(console, outcome.outcome, outcome.outcome_note)


def rendered(form: str, doc: dict[str, Any], *, just_saved: bool = True, outcome: "Interview | None" = None) -> str:
    """The report in one of formats.FORMATS, with what `show` adds when ``outcome`` is given."""
    from interview_signals import formats
    from interview_signals.commands.rounds import since_lines

    since = since_lines(doc["since_last_round"], doc.get("score")) if doc.get("since_last_round") else ()
    recorded = (outcome.outcome, outcome.outcome_note) if outcome is not None and outcome.outcome else None
    return formats.rendered(
        form,
        doc,
        lambda console: draw(console, doc, just_saved=just_saved, outcome=outcome),
        since=since,
        outcome=recorded,
    )


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
    reply_by: ReplyByOption = None,
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
            autocompletion=complete_ids,
            help="Start from a saved interview's answers.",
        ),
    ] = None,
    round_of: RoundOfOption = None,
    for_id: Annotated[
        int | None,
        typer.Option(
            "--for",
            metavar="ID",
            parser=interview_id,
            help="The booked interview this is (`interview-signals schedule`): its company, role, interviewer and day, saved under its id.",
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
            from interview_signals.files import check_target

            refuse_kept(export, "--export", db)
            exporting = (export, formats.export_format(export))
            check_target(export, "--export")
        from interview_signals.commands import assess as pipeline
        from interview_signals.commands.session import Session

        context = {
            "company": company,
            "role": role,
            "interviewer": interviewer,
            "date": date,
            "reply_by": reply_by,
            "topic": topic,
        }
        options = pipeline.Options(answer or [], answers_file, {k: v for k, v in context.items() if v is not None}, from_id)
        with Session(db, warn) as session:
            given, may_ask = pipeline.command_line(session, options, stdin())
            request = pipeline.Request(given, round_of=round_of, booked=for_id, save=not no_save, option=pipeline.option_name)
            asker = _terminal_asker() if may_ask else None
            result = pipeline.assess(session, request, ask=asker, confirm=_terminal_confirm())
        if result.not_saved:
            warn(f"this interview was not saved: {result.not_saved}")
        with _saved_as(result.doc.get("id")):
            if as_json:
                output.print_json(result.doc)
            else:
                show_report(result.doc)
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
        formats.write(path, rendered(form, doc), db)
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
        from interview_signals.commands.assess import catalog_doc

        doc = catalog_doc()
        if as_json:
            output.print_json(doc)
        else:
            from interview_signals import report

            report.render_catalog(report.console(), doc)
