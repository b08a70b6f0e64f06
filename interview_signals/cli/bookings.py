"""`schedule`: book an interview, so the questionnaire is asked for as it ends."""

from typing import Annotated

import typer

from interview_signals import output
from interview_signals.cli.common import DbOption, RoundOfOption, TodayOption, command, handle_errors, warn


@command(
    "interview-signals schedule --company Initech --role Engineer --on 'wednesday 14:00' --length 45m",
    "interview-signals schedule --round-of 3 --on '2026-12-09 14:00' --interviewer 'Sam Lee'",
)
def schedule(
    on: Annotated[
        str,
        typer.Option(
            "--on",
            metavar="WHEN",
            help="When it starts: a day (today or later) and a time, 'wednesday 14:00', '2026-12-09 14:00', "
            "'tomorrow 9:30' or 'friday 2pm'.",
        ),
    ],
    company: Annotated[str | None, typer.Option(metavar="NAME", help="The company you interview with.")] = None,
    role: Annotated[str | None, typer.Option(metavar="TITLE", help="The role you interview for.")] = None,
    interviewer: Annotated[str | None, typer.Option(metavar="NAME", help="Who will interview you.")] = None,
    length: Annotated[
        str | None, typer.Option("--length", metavar="LENGTH", help="How long it lasts: 45m, 1h, 1h30m or 90 (minutes).")
    ] = None,
    round_of: RoundOfOption = None,
    today_: TodayOption = None,
    db: DbOption = None,
) -> None:
    """Book an interview, so the questionnaire is asked for as it ends, while you remember it.

    It gets an id now. On its day `due` lists it with `interview-signals
    assess --for ID`, which fills in company, role, interviewer and day from
    the booking and saves the interview under that id; `remind ID` writes a
    calendar event at its time whose alarm, as it ends, asks how it went.
    """
    with handle_errors():
        from interview_signals.commands.bookings import schedule as book
        from interview_signals.commands.session import Session

        context = {k: v for k, v in {"company": company, "role": role, "interviewer": interviewer}.items() if v is not None}
        with Session(db, warn) as session:
            found = book(session, on, context, length=length, round_of=round_of, today=today_)
        round_said = f", round {found.round} of #{found.application_id}" if found.round > 1 else ""
        output.note(
            f"Booked #{found.id}: {found.who()} on {found.when()}{round_said}. "
            f"Afterwards: `interview-signals assess --for {found.id}`; `interview-signals remind {found.id} --ics FILE` "
            "puts it in your calendar."
        )
