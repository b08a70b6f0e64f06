"""The history commands: `history`, `show`, `outcome`, `stats`, `delete`, `where` and `edit`."""

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from interview_signals import output
from interview_signals.cli.assess import rendered, show_report
from interview_signals.cli.common import (
    DbOption,
    IdArgument,
    JsonOption,
    ReplyByOption,
    command,
    complete_ids,
    handle_errors,
    interview_id,
    warn,
)
from interview_signals.cli.followup import next_sentence
from interview_signals.errors import InputError
from interview_signals.followup import DAY_FORMS, PAST
from interview_signals.text import one_line

if TYPE_CHECKING:
    from interview_signals.booking import Booking
    from interview_signals.interview import Interview


def _complete_outcomes(incomplete: str) -> list[str]:
    from interview_signals import completion

    return completion.outcomes(incomplete)


def _complete_listed_outcomes(incomplete: str) -> list[str]:
    """history --outcome: the outcomes, and open."""
    return [*_complete_outcomes(incomplete), *(["open"] if "open".startswith(incomplete.lower()) else [])]


def _complete_formats(incomplete: str) -> list[str]:
    from interview_signals.formats import FORMATS

    return [form for form in FORMATS if form.startswith(incomplete.lower())]


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
            autocompletion=complete_ids,
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
        from interview_signals.commands.session import Session

        form = _row_format(json=as_json, nl=nl, csv=csv)
        if every and limit is not None:
            raise InputError("--limit and --all: give one of them, not both")
        if form is None and not every and limit is None:
            limit = SHOWN
        from interview_signals.commands.history import SUMMARY_FIELDS, history_listing

        with (
            Session(db, warn) as session,
            history_listing(session, limit, company, outcome=outcome, application=application) as listing,
        ):
            if form:
                output.print_rows(listing.rows, SUMMARY_FIELDS, form)
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
        from interview_signals.commands.session import Session

        if form is not None:
            from interview_signals import formats

            form = formats.format_named(form)
            if as_json and form != "json":
                raise InputError(f"--json and --format {form}: --json is --format json; give one of them")
        from interview_signals.commands.history import shown

        with Session(db, warn) as session:
            doc, interview = shown(session, interview_id)
        if as_json or form == "json":
            output.print_json(doc)
        elif form is None:
            show_report(doc, just_saved=False, outcome=interview)
        else:
            _print_as(form, doc, interview)


def _print_as(form: str, doc: dict[str, Any], interview: "Interview") -> None:
    """`show --format`: HTML and SVG go out as UTF-8 bytes, the encoding they
    declare; text and Markdown in the terminal's encoding, as any text is."""
    text = rendered(form, doc, just_saved=False, outcome=interview)
    if form in ("html", "svg"):
        output.write_bytes(text.encode("utf-8"))
    else:
        output.write(text)


@command(
    "interview-signals outcome 3 offer",
    "interview-signals outcome 3 rejected --note 'a kind email'",
    "interview-signals outcome 3 --clear",
)
def outcome(
    interview_id: IdArgument,
    result: Annotated[
        str | None,
        typer.Argument(
            metavar="RESULT", autocompletion=_complete_outcomes, help="offer, rejected, ghosted, withdrew or pending."
        ),
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A note to keep with it.")] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove the outcome from every round, reopening the application.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Record how an application turned out: every round of it gets the outcome. Recording again replaces it; --clear removes it."""
    with handle_errors():
        from interview_signals.commands import history as commands
        from interview_signals.commands.session import Session

        if clear and result is not None:
            raise InputError("RESULT and --clear: give one of them, not both")
        if clear and note is not None:
            raise InputError("--note and --clear: --clear removes the outcome and its note; leave out --note")
        if result is None and not clear:
            raise InputError(
                "RESULT or --clear: give offer, rejected, ghosted, withdrew or pending, or --clear to remove the outcome"
            )
        with Session(db, warn) as session:
            if result is None:
                removed, kept, latest = commands.clear_outcome(session, interview_id)
                was = f"{removed}: {one_line(kept)}" if kept else removed
                output.note(
                    f"Cleared the outcome of #{interview_id} ({was}); its application is open again. "
                    + next_sentence(latest, named=latest.id != interview_id)
                )
                return
            word = commands.record_outcome(session, interview_id, result, note)
        output.note(f"Recorded: interview #{interview_id} → {word}")


@command(
    "interview-signals note 3 'Recruiter called: the second round is next week'",
    "interview-signals note '#3' 'Sent my portfolio' --on yesterday",
)
def note(
    interview_id: IdArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note; it may run over several lines.")],
    on: Annotated[
        str | None, typer.Option("--on", metavar="DAY", help=f"The day it is about, {DAY_FORMS[PAST]} (default: today).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Keep a dated note on an interview: a call, a name, what was said. `show` prints the notes."""
    with handle_errors():
        from interview_signals import followup
        from interview_signals.commands.history import note as noted
        from interview_signals.commands.session import Session

        with Session(db, warn) as session:
            day = noted(session, interview_id, text, on)
        output.note(f"Noted on interview #{interview_id}, for {followup.display_date(day)}.")


@command("interview-signals stats", "interview-signals stats --json | jq .calibration")
def stats(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Counts by verdict and outcome, and which signs went with your offers."""
    with handle_errors():
        from interview_signals.commands import history
        from interview_signals.commands.rounds import titles
        from interview_signals.commands.session import Session

        with Session(db, warn) as session:
            summary = history.stats(session)
        if as_json:
            output.print_json(summary)
        else:
            from interview_signals import report, report_stats

            report_stats.render_stats(report.console(), summary, titles())


@command("interview-signals delete 3", "interview-signals delete 3 --yes")
def delete(
    interview_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (for scripts).")] = False,
    db: DbOption = None,
) -> None:
    """Delete a saved interview for good."""
    with handle_errors():
        from interview_signals.commands.history import delete as deleted
        from interview_signals.commands.session import Session

        with Session(db, warn) as session:
            done = deleted(session, interview_id, None if yes else _confirm_delete())
        if done:
            output.note(f"Deleted interview #{interview_id}.")
        else:
            output.note("Kept it.")


def _confirm_delete() -> "Callable[[Interview | Booking], bool]":
    """Asks in the terminal; off one, deleting needs --yes (said once the interview is found)."""

    def confirm(interview: "Interview | Booking") -> bool:
        if sys.stdin is None or not sys.stdin.isatty():
            raise InputError("deleting needs confirmation: run it in a terminal, or add --yes")
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
        from interview_signals.commands.session import Session

        output.write(f"{Session(db).path}\n")


@command(
    "interview-signals edit 3 --company 'Acme Labs'",
    "interview-signals edit 3 --reply-by friday --topic 'their move to event sourcing'",
    "interview-signals edit '#3' --interviewer ''",
)
def edit(
    interview_id: IdArgument,
    company: Annotated[str | None, typer.Option(metavar="NAME", help="The company.")] = None,
    role: Annotated[str | None, typer.Option(metavar="TITLE", help="The role.")] = None,
    interviewer: Annotated[str | None, typer.Option(metavar="NAME", help="Who interviewed you.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", metavar="DAY", help=f"The day of the interview, {DAY_FORMS[PAST]}.")
    ] = None,
    reply_by: ReplyByOption = None,
    topic: Annotated[str | None, typer.Option(metavar="TEXT", help="One thing you talked about, for the thank-you note.")] = None,
    db: DbOption = None,
) -> None:
    """Correct what was saved about an interview; its follow-up dates are worked out again.

    An empty value ('') clears a field; the date can be changed but not cleared.
    """
    with handle_errors():
        from interview_signals.commands.history import edit as edited
        from interview_signals.commands.session import Session

        given = {"company": company, "role": role, "interviewer": interviewer, "date": date, "reply_by": reply_by, "topic": topic}
        changes = {key: value for key, value in given.items() if value is not None}
        with Session(db, warn) as session:
            interview = edited(session, interview_id, changes)
        fields = ", ".join(f"--{key.replace('_', '-')}" for key in changes)
        output.note(f"Updated interview #{interview_id} ({fields}). {next_sentence(interview)}")
