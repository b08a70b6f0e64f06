"""The applications command: the pipeline (`applications`), and one application's story (`applications ID`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from interview_signals import answers, application, catalog, followup
from interview_signals.commands.rounds import since_last_round
from interview_signals.commands.session import Session

if TYPE_CHECKING:
    from interview_signals.application import Application
    from interview_signals.db.applications import Booked
    from interview_signals.interview import Interview

# The columns of `applications --csv`: the JSON fields, the next action in two.
CSV_FIELDS = ("id", "company", "role", "stage", "rounds", "score", "score_change", "next_action", "next_action_on", "outcome")


def today_of(today: str | None) -> dt.date:
    """``--today`` (the words of every date option, either way from today), or today."""
    answers.check_text(today, "--today")
    return followup.parse_day(today, followup.today(), "today", followup.EITHER) if today is not None else followup.today()


@contextmanager
def pipeline(
    session: Session,
    *,
    open_only: bool = False,
    closed_only: bool = False,
    stage: str | None = None,
    limit: int | None = None,
    one_more: bool = False,
    today: str | None = None,
) -> Iterator[Iterator[Application]]:
    """Every application, open ones first by the day of what is next, then closed ones newest first
    (db/applications.py), read one at a time as the block uses them; ``one_more``: one beyond
    ``limit``, to tell whether there are more. What is given is checked, and the history opened,
    before the block runs."""
    answers.check_text(stage, "--stage")
    stages = application.check_filters(open_only, closed_only, stage)
    application.check_limit(limit)
    day = today_of(today)
    found = session.history().each_application(stages, day.isoformat(), None if limit is None else limit + one_more)
    try:
        yield found
    finally:
        found.close()


def csv_row(app: Application) -> dict[str, Any]:
    """An application as a row of `applications --csv`."""
    row = app.as_dict()
    row["next_action"], row["next_action_on"] = (
        (None, None) if app.next_action is None else (app.next_action.action, app.next_action.on)
    )
    return row


def story(session: Session, round_id: int, today: str | None = None) -> dict[str, Any]:
    """An application's whole story, found by any of its rounds' ids: the pipeline's row of it, and every
    round in order (assessed ones with what changed since the round before, then booked ones), what was
    sent, each note, the outcome and the next action."""
    day = today_of(today)
    store = session.history()
    app_id = store.application_of_round(round_id)
    app = store.application(app_id, day.isoformat())
    interviews, booked, notes = store.story(app_id)
    sent = [{"id": r.id, "action": action, "on": on} for r in interviews for action, on in store.sent(r.id)]
    session.hear()
    latest = interviews[-1] if interviews else None
    return {
        **{key: value for key, value in app.as_dict().items() if key not in ("rounds", "next_action")},
        "rounds": _rounds(interviews, booked),
        "sent": sorted(sent, key=lambda item: (item["on"], item["id"])),
        "notes": [{"id": id, "on": on, "text": text} for id, on, text in notes],
        "outcome_note": latest.outcome_note if latest is not None and app.outcome else None,
        "next_action": None if app.next_action is None else app.next_action.as_dict(),
    }


def _rounds(interviews: list[Interview], booked: list[Booked]) -> list[dict[str, Any]]:
    """Each round as the story lists it: assessed ones first, then the booked ones."""
    cat = catalog.load()
    rounds = []
    before: Interview | None = None
    for interview in interviews:
        since = since_last_round(cat, before, interview) if before is not None else None
        context = interview.report.get("context") or {}
        rounds.append(
            {
                "id": interview.id,
                "round": interview.round,
                "date": interview.date,
                "interviewer": context.get("interviewer"),
                "topic": context.get("topic"),
                "score": interview.score,
                "score_change": None if since is None else since["score_change"],
                "changed": [] if since is None else since["changed"],
                "booked": None,
            }
        )
        before = interview
    for booking in booked:
        rounds.append(
            {
                "id": booking.id,
                "round": booking.round,
                "date": booking.day,
                "interviewer": booking.interviewer,
                "topic": None,
                "score": None,
                "score_change": None,
                "changed": [],
                "booked": booking.starts_at,
            }
        )
    return rounds
