"""Booked interviews: `schedule`, and what `due`, `remind` and `assess` read of them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from interview_signals import answers, followup, words
from interview_signals.commands.session import Session
from interview_signals.errors import InputError
from interview_signals.text import clip

if TYPE_CHECKING:
    from interview_signals import calendar
    from interview_signals.booking import Booking
    from interview_signals.db.reading import Reading


def schedule(
    session: Session,
    on: str,
    context: dict[str, str],
    *,
    length: str | None = None,
    round_of: int | None = None,
    today: str | None = None,
) -> Booking:
    """Book an interview: ``on`` is its day and time (booking.parse_start), ``context`` its company,
    role and interviewer (only those given); with ``round_of``, the next round of that application
    (company, role and interviewer from it). ``today`` stands in for today's date, as `due --today`."""
    from interview_signals import booking
    from interview_signals.interview import fold

    for key, value in {"--on": on, "--length": length, "--today": today, **context}.items():
        answers.check_text(value, key if key.startswith("--") else f"--{key}")
    now = followup.parse_day(today, followup.today(), "today", followup.EITHER) if today is not None else followup.today()
    starts_at = booking.parse_start(on, now, "on")
    minutes = None if length is None else booking.parse_length(length, "--length")
    given = {key: value.strip() for key, value in context.items() if value.strip()}
    if round_of is not None:
        rounds = _rounds(session, round_of)
        first, latest = rounds[0], rounds[-1]
        if "company" in given and fold(given["company"]) != fold(first.company):
            raise InputError(
                f"--company '{given['company']}': a round belongs to its application's company, "
                f"{first.company or '(none given)'} (#{latest.application}); leave --company out with --round-of"
            )
        if starts_at[:10] < latest.date:
            raise InputError(
                f"--on '{on.strip()}': this round follows round {latest.round} of #{latest.application}, on {latest.date}; "
                "a round cannot come before the round it follows",
                field="on",
            )
        kept = latest.report.get("context") or {}
        given = {**{k: kept[k] for k in ("company", "role", "interviewer") if isinstance(kept.get(k), str)}, **given}
    store = session.history(create=True)
    _not_booked_yet(store, on, starts_at, given.get("company"))
    new, _ = store.book(starts_at, minutes, dict(given), round_of)
    found = store.booking(new)
    assert found is not None  # just written
    return found


def _not_booked_yet(store: Reading, on: str, starts_at: str, company: str | None) -> None:
    """Refuse a second booking of the company's interview at the same start (the company compared as interview.fold does)."""
    from interview_signals.interview import fold

    for found in store.each_booking(starts_at[:10]):
        if found.starts_at == starts_at and fold(found.company) == fold(company):
            raise InputError(
                f"on '{clip(on.strip())}': {found.company or 'an interview with no company'} is booked for {found.when()} "
                f"already, as #{found.id}; to book it anew, delete that one first: interview-signals delete {found.id}",
                field="on",
            )


def _rounds(session: Session, round_of: int) -> list[Any]:
    try:
        rounds = session.history().rounds(round_of)
    except InputError:
        raise InputError(f"--round-of {round_of}: no interview with id {round_of}; see `interview-signals history`") from None
    if not rounds:
        raise InputError(f"--round-of {round_of}: interview #{round_of} cannot be read")
    return rounds


def assess_command(booking_id: int) -> str:
    """The command that fills in a booked interview's questionnaire."""
    return f"interview-signals assess --for {booking_id}"


def due_row(found: Booking, now: dt.date) -> dict[str, Any]:
    """A booking as a `due` row: the same fields as an interview's (history.summary and more), and its start."""
    return {
        "id": found.id,
        "date": found.date,
        "company": found.company,
        "role": found.role,
        "round": found.round,
        "score": None,
        "verdict": None,
        "confidence": None,
        "outcome": None,
        "outcome_note": None,
        "follow_up_on": None,
        "days_overdue": (now - found.start.date()).days,
        "is_due": found.start.date() <= now,
        "draft_command": assess_command(found.id),
        "action": words.ASSESS,
        "on": found.date,
        "starts_at": found.starts_at,
    }


def reminder_of(found: Booking) -> calendar.Reminder:
    """A booking as a calendar event at its time, for its length, with an alarm as it ends."""
    from interview_signals import calendar

    return calendar.Reminder(
        found.id,
        words.ASSESS,
        found.start.date(),
        found.company,
        found.role,
        assess_command(found.id),
        at=found.start,
        minutes=found.minutes,
    )
