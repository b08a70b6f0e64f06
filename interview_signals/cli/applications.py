"""The applications command: the pipeline, and one application's story."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from interview_signals import output
from interview_signals.cli.common import DbOption, TodayOption, command, handle_errors, interview_id, warn
from interview_signals.cli.history import SHOWN, _row_format
from interview_signals.errors import InputError

if TYPE_CHECKING:
    from interview_signals.application import Application


def _complete_applications(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.application_ids(ctx, incomplete)


def _complete_stages(incomplete: str) -> list[str]:
    from interview_signals.application import STAGES

    return [stage for stage in STAGES if stage.startswith(incomplete.lower())]


@command(
    "interview-signals applications",
    "interview-signals applications --stage due --json",
    "interview-signals applications 3",
)
def applications(
    round_id: Annotated[
        int | None,
        typer.Argument(
            metavar="ID",
            parser=interview_id,
            autocompletion=_complete_applications,
            show_default=False,
            help="Tell the whole story of the application this interview or booking (any of its rounds) belongs to.",
        ),
    ] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only open applications: scheduled, due or waiting.")] = False,
    closed_only: Annotated[
        bool, typer.Option("--closed", help="Only closed ones: offer, rejected, ghosted or withdrew.")
    ] = False,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            metavar="STAGE",
            autocompletion=_complete_stages,
            help="Only this stage: scheduled, due, waiting, offer, rejected, ghosted or withdrew.",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            help=f"Show at most N applications (default: the first {SHOWN} in the table, every one with --json, --nl or --csv).",
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Show every application: two lines each, printed as they are read.")
    ] = False,
    today: TodayOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array (with ID, the story as one JSON object).")] = False,
    nl: Annotated[bool, typer.Option("--nl", help="One JSON object a line.")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row.")] = False,
    db: DbOption = None,
) -> None:
    """Your applications, one line each: where each stands and what is next.

    Open ones come first, soonest next action first; then closed ones, newest
    first. A stage is scheduled (an interview booked), due (something to do
    today, or overdue), waiting (nothing to do yet) or how it ended. With ID,
    the whole story of one application.
    """
    with handle_errors():
        from interview_signals.commands.session import Session

        form = _row_format(json=as_json, nl=nl, csv=csv)
        if round_id is not None:
            _story(round_id, form, today, db, listing=open_only or closed_only or stage is not None or limit is not None or every)
            return
        if every and limit is not None:
            raise InputError("--limit and --all: give one of them, not both")
        table = form is None and not every
        from interview_signals.commands.applications import pipeline

        with (
            Session(db, warn) as session,
            pipeline(
                session,
                open_only=open_only,
                closed_only=closed_only,
                stage=stage,
                limit=SHOWN if table and limit is None else limit,
                one_more=table,  # whether there are more than shown
                today=today,
            ) as found,
        ):
            _print(found, form, table, SHOWN if limit is None else limit, filtered=open_only or closed_only or stage is not None)


def _print(found: "Any", form: str | None, table: bool, shown: int, *, filtered: bool) -> None:
    """The pipeline as rows in ``form``, or drawn: a table of ``shown`` at most, or every one as read."""
    if form == "csv":
        from interview_signals.commands.applications import CSV_FIELDS, csv_row

        output.print_rows((csv_row(app) for app in found), CSV_FIELDS, form)
        return
    if form is not None:
        output.print_rows((app.as_dict() for app in found), (), form)
        return
    from interview_signals import report_applications

    console = report_applications.console()
    if table:
        rows = [_drawn(app) for app in found]
        report_applications.render_applications(console, rows[:shown], filtered=filtered, more=len(rows) > shown)
    else:
        report_applications.render_applications_stream(console, (_drawn(app) for app in found), filtered=filtered)


def _drawn(app: "Application") -> dict[str, Any]:
    """An application as the table draws it: its JSON fields, and a booked interview's time."""
    return {**app.as_dict(), "at": None if app.next_action is None else app.next_action.at}


def _story(round_id: int, form: str | None, today: str | None, db: str | None, *, listing: bool) -> None:
    if listing:
        raise InputError("ID tells one application's story; leave out --open, --closed, --stage, --limit and --all")
    if form in ("nl", "csv"):
        raise InputError(f"--{form} lists applications; for one application's story give --json")
    from interview_signals.commands.applications import story
    from interview_signals.commands.session import Session

    with Session(db, warn) as session:
        doc = story(session, round_id, today)
    if form == "json":
        output.print_json(doc)
        return
    from interview_signals import report_applications
    from interview_signals.commands.rounds import since_lines

    changes, before = [], None
    for entry in doc["rounds"]:
        lines: list[str] = []
        if before is not None and not entry["booked"]:
            lines = since_lines({**entry, "round": before})[1:]  # the score's change is on the round's own line
        changes.append(lines)
        before = entry["round"] if not entry["booked"] else before
    report_applications.render_application(report_applications.console(), doc, changes)
