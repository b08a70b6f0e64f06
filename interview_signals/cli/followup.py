"""The follow-up commands: `due`, `draft`, `sent`, `snooze` and `remind`."""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Annotated

import typer

from interview_signals import output, words
from interview_signals.cli.common import (
    DbOption,
    IdArgument,
    TodayOption,
    command,
    complete_ids,
    handle_errors,
    interview_id,
    refuse_kept,
    warn,
)
from interview_signals.errors import InputError
from interview_signals.followup import DAY_FORMS, FUTURE, PAST
from interview_signals.text import counted

if TYPE_CHECKING:
    from interview_signals.interview import Interview


def _complete_kinds(incomplete: str) -> list[str]:
    from interview_signals import completion

    return completion.draft_kinds(incomplete)


def _complete_sendable(incomplete: str) -> list[str]:
    from interview_signals import completion

    return completion.sendable(incomplete)


@command("interview-signals due", "interview-signals due --days 7", "interview-signals due --json | jq -r '.[].draft_command'")
def due(
    days: Annotated[int, typer.Option("--days", metavar="N", help="Also list actions coming up in the next N days.")] = 0,
    today_: TodayOption = None,
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
        from interview_signals.commands.followup import due_rows
        from interview_signals.commands.session import Session

        with Session(db, warn) as session, due_rows(session, today_, days) as rows:
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
    "interview-signals draft '#3' feedback --json | jq -r .body",
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
        from interview_signals.commands.followup import draft as drafted
        from interview_signals.commands.session import Session

        with Session(db, warn) as session:
            text = drafted(session, interview_id, kind, interviewer)
        if as_json:
            output.print_json({"subject": text.subject, "body": text.body})
        else:
            output.write(text.text())


@command(
    "interview-signals sent 3 thank-you",
    "interview-signals sent '#3' second-follow-up --on '3 days ago'",
    "interview-signals sent 3 follow-up --undo",
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
    undo: Annotated[bool, typer.Option("--undo", help="Take back the latest record of ACTION sent, so it is due again.")] = False,
    db: DbOption = None,
) -> None:
    """Record that you sent an email, so `due` moves on to the next action; --undo takes it back."""
    with handle_errors():
        from interview_signals import followup
        from interview_signals.commands import followup as commands
        from interview_signals.commands.session import Session

        if undo and on is not None:
            raise InputError("--on and --undo: --undo takes back the latest record of ACTION, whatever its day; leave out --on")
        with Session(db, warn) as session:
            if undo:
                word, day, interview = commands.unsend(session, interview_id, action)
                what = words.ACTION_WORDS[word].name
                output.note(
                    f"Took back the {what} sent on {followup.display_date(day)} for #{interview_id}. {next_sentence(interview)}"
                )
                return
            word, day, interview = commands.sent(session, interview_id, action, on)
        output.note(
            f"Recorded: {word} sent for interview #{interview_id} on {followup.display_date(day)}. {next_sentence(interview)}"
        )


@command(
    "interview-signals snooze 3 --until friday",
    "interview-signals snooze '#3' --until '2 weeks'",
    "interview-signals snooze 3 --clear",
)
def snooze(
    interview_id: IdArgument,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DAY", help=f"Put the next action off until this day, {DAY_FORMS[FUTURE]}."),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove the snooze: the next action has the day the schedule gives it again.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Put an interview's next action off until a later day. Sending something clears it; so does --clear."""
    with handle_errors():
        from interview_signals.commands import followup as commands
        from interview_signals.commands.session import Session

        if clear and until is not None:
            raise InputError("--until and --clear: give one of them, not both")
        if until is None and not clear:
            raise InputError("--until or --clear: give the day to put the next action off until, or --clear to remove a snooze")
        with Session(db, warn) as session:
            if until is None:
                interview = commands.clear_snooze(session, interview_id)
                output.note(f"Cleared the snooze of #{interview_id}. {next_sentence(interview)}")
                return
            interview = commands.snooze(session, interview_id, until)
        output.note(f"Snoozed interview #{interview_id}. {next_sentence(interview)}")


def next_sentence(interview: "Interview", named: bool = False) -> str:
    """The interview's next action, as a sentence; ``named``: saying which interview it is for."""
    from interview_signals import followup

    if interview.next_action is None or interview.next_action_on is None:
        return "Nothing more is due."
    day = followup.display_date(followup.parse_date(interview.next_action_on, "next_action_on"))
    return f"Next{f' for #{interview.id}' if named else ''}: {words.todo(interview.next_action, day)}."


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
            autocompletion=complete_ids,
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
        from interview_signals.commands.session import Session

        if interview_id is not None and every:
            raise InputError("ID and --all: give one of them, not both")
        if interview_id is None and not every:
            raise InputError("ID or --all: give an interview's ID, or --all for every open interview")
        from interview_signals import followup
        from interview_signals.commands.followup import reminder, reminders

        deliver = _deliver(ics, db)
        if interview_id is not None:
            with Session(db, warn) as session:
                one = reminder(session, interview_id, deliver)
            if ics != "-":
                what = f"{words.ACTION_WORDS[one.action].name} for interview #{interview_id}"
                output.note(f"Wrote {ics}: the {what}, on {followup.display_date(one.day)}. Import it into your calendar.")
            return
        with Session(db, warn) as session:
            made = reminders(session, deliver)
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
    refuse_kept(ics, "--ics", db)

    def write(pieces: Iterable[bytes]) -> None:
        from interview_signals import paths
        from interview_signals.files import kept_files, private_output

        with private_output(ics, "--ics", kept=kept_files(paths.resolve_path(db))) as out:
            for piece in pieces:
                out.write(piece)

    return write
