"""The history commands: `history`, `show`, `outcome`, `stats`, `delete`, `where`
and `edit`; and saved interviews as the rows `history` and `due` list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from interview_signals import answers, catalog, followup, outcomes
from interview_signals.commands.rounds import round_fields, your_history
from interview_signals.commands.session import Session
from interview_signals.errors import InputError

if TYPE_CHECKING:
    from interview_signals.booking import Booking
    from interview_signals.interview import Interview


def saved(session: Session, interview_id: int) -> Interview:
    """One saved interview."""
    return session.history().get(interview_id)


def saved_open(session: Session, interview_id: int, action: str = "follow-up") -> Interview:
    """One saved interview, with a warning when a final outcome already closed it,
    naming the email asked for (``action``, one of words.ACTIONS)."""
    from interview_signals.words import ACTION_WORDS

    interview = saved(session, interview_id)
    if not outcomes.is_open(interview.outcome):
        name = ACTION_WORDS[action].name if action in ACTION_WORDS else action
        session.warn(f"interview #{interview.id} is recorded as {interview.outcome}; a {name} may no longer be needed")
    return interview


# The fields `show` works out from the history and adds to the saved report.
WORKED_OUT = frozenset({"id", "application", "since_last_round", "your_history", "sent", "next_action", "notes", "latest_round"})


def shown(session: Session, interview_id: int) -> tuple[dict[str, Any], Interview]:
    """A saved interview's report document (with its id, what was sent, its next action and its notes), and the interview."""
    store = session.history()
    interview = store.get(interview_id)
    sent = [{"action": action, "on": on} for action, on in store.sent(interview_id)]
    notes = [{"on": on, "text": text} for on, text in store.notes(interview_id)]
    earlier = [r for r in store.rounds(interview_id) if r.round < interview.round]
    your = your_history(store, interview)
    session.hear()  # a damaged round skipped, said before the report
    next_action = {"action": interview.next_action, "on": interview.next_action_on} if interview.next_action is not None else None
    rounds = round_fields(catalog.load(), interview, earlier[-1] if earlier else None)
    # what is worked out here is never taken from the saved report (an imported line may carry any of it)
    kept = {k: v for k, v in interview.report.items() if k not in WORKED_OUT}
    doc = {"id": interview.id, **rounds, **kept, "your_history": your}
    latest = store.latest_round(interview_id)  # an earlier round's next step is its latest round's
    later = {"latest_round": latest} if latest != interview.id else {}
    return {**doc, "sent": sent, "next_action": next_action, "notes": notes, **later}, interview


def history_rows(
    session: Session, limit: int | None, company: str | None, outcome: str | None = None, application: int | None = None
) -> list[dict[str, Any]]:
    """Saved interviews as rows, newest first (see history_listing), all in one list."""
    with history_listing(session, limit, company, outcome=outcome, application=application) as listing:
        return list(listing.rows)


class Listing:
    """Saved interviews as rows (``rows``, read as they are used), and ``more()``: how
    many the listing's filters match beyond those read, for "and N more"."""

    def __init__(self, interviews: Iterator[Interview], matching: Callable[[], int]) -> None:
        self._listed = 0
        self._matching = matching
        self.rows: Iterator[dict[str, Any]] = (self._counted(summary(i)) for i in interviews)

    def _counted(self, row: dict[str, Any]) -> dict[str, Any]:
        self._listed += 1
        return row

    def more(self) -> int:
        """How many interviews match beyond the rows read so far (damaged ones, skipped when read, included)."""
        return max(0, self._matching() - self._listed)


@contextmanager
def history_listing(
    session: Session, limit: int | None, company: str | None, outcome: str | None = None, application: int | None = None
) -> Iterator[Listing]:
    """Saved interviews as rows, newest first; ``outcome`` is an outcome word or "open".

    ``application``: only the rounds of the application that interview (any
    of its rounds) belongs to, latest round first; it takes no other filter.
    Everything given is checked, and the history opened, before the block
    runs, so a mistake is reported before anything is printed; the rows are
    read as the block uses them, one at a time.
    """
    answers.check_text(company, "--company")
    answers.check_text(outcome, "--outcome")
    if application is not None:
        rounds = _application_rounds(session, application, limit, company, outcome)
        yield Listing(iter(list(reversed(rounds))[:limit]), lambda: len(rounds))
        return
    store = session.history()
    interviews = store.each_interview(limit=limit, company=company, outcome=outcome)
    try:
        yield Listing(interviews, lambda: store.count(company=company, outcome=outcome))
    finally:
        interviews.close()  # stopped early: the read ends here, not when collected


def _application_rounds(
    session: Session, application: int, limit: int | None, company: str | None, outcome: str | None
) -> list[Interview]:
    """`history --application`: every round of the application, first round first."""
    if company is not None or outcome is not None:
        raise InputError("--application lists every round of one application; leave out --company and --outcome")
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be 1 or more, got {limit}")
    try:
        rounds = session.history().rounds(application)
    except InputError:
        raise InputError(
            f"--application {application}: no interview with id {application}; see `interview-signals history`"
        ) from None
    session.hear()
    return rounds


def record_outcome(session: Session, interview_id: int, result: str, note: str | None) -> str:
    """Record how an application ended (every round of it gets the outcome); returns the outcome word as stored."""
    answers.check_text(result, "RESULT")
    answers.check_text(note, "--note")
    return session.history().set_outcome(interview_id, result, note)  # an interview to record must exist: create nothing


def clear_outcome(session: Session, interview_id: int) -> tuple[str, str | None, Interview]:
    """Remove an application's outcome, reopening it: the outcome and note removed, and its latest round
    (the one with the next action) as it is now."""
    store = session.history()
    result, note = store.clear_outcome(interview_id)
    return result, note, store.get(store.latest_round(interview_id))


def note(session: Session, interview_id: int, text: str, on: str | None) -> dt.date:
    """Keep a dated note on an interview (``on``: today or earlier, default today); returns its day."""
    answers.check_text(text, "TEXT")
    answers.check_text(on, "--on")
    today = followup.today()
    day = today if on is None else followup.parse_day(on, today, "on", followup.PAST)
    session.history().add_note(interview_id, day.isoformat(), text)  # the interview must exist: create nothing
    return day


def unnote(session: Session, interview_id: int, on: dt.date, text: str) -> None:
    """Take back a note just kept with ``note`` (the board's undo): the latest on that day with that text."""
    session.history().delete_note(interview_id, on.isoformat(), text)


def stats(session: Session) -> dict[str, Any]:
    """Counts by verdict and outcome, and calibration once enough outcomes are decided (stats.summarize)."""
    return session.history().stats(catalog.load().signal_ids)


def delete(session: Session, interview_id: int, confirm: Callable[[Interview | Booking], bool] | None) -> bool:
    """Delete an interview (or a booked one) once ``confirm(interview)`` agrees; ``confirm=None`` means it was
    confirmed already (--yes). Returns whether it was deleted. A damaged interview can be
    deleted too: that is the way out the message about it points to."""
    from interview_signals.interview import DamagedInterview

    store = session.history()  # an interview to delete must exist: create nothing
    interview: Interview | Booking | None = store.booking(interview_id)
    try:
        if interview is None:
            interview = store.get(interview_id)
    except DamagedInterview as exc:
        interview = exc.interview
    if confirm is not None and not confirm(interview):
        return False
    store.delete(interview_id)
    return True


# What `edit` can correct, each by the option of the same name.
EDITABLE = ("company", "role", "interviewer", "date", "reply_by", "topic")


def edit(session: Session, interview_id: int, changes: Mapping[str, str]) -> Interview:
    """Correct the context of a saved interview and work its dates out again.

    ``changes`` maps fields of EDITABLE to their new text; an empty one clears
    the field (every interview keeps its day, so ``date`` cannot be cleared).
    A new company is every round's of its application (a round belongs to its
    application's company), and a round's day stays between its neighbours'.
    Returns the interview as saved now.
    """
    _check_changes(changes)
    store = session.history()  # an interview must exist: create nothing
    interview = store.get(interview_id)
    report = dict(interview.report)
    context = {key: value for key, value in (report.get("context") or {}).items() if isinstance(value, str)}
    context.setdefault("date", interview.date)
    for key, value in changes.items():
        if value.strip():
            context[key] = value
        else:
            context.pop(key, None)
    report["context"], plan = followup.settle(context, followup.today(), days_off=session.days_off())
    if plan is not None:
        report["follow_up"] = plan
    others = [r for r in store.rounds(interview_id) if r.id != interview_id]
    _check_round_day(interview, report["context"]["date"], others)
    store.replace_report(interview_id, report, report["context"]["date"])
    if "company" in changes:  # a round belongs to its application's company: every round follows
        for other in others:
            kept = dict(other.report)
            kept["context"] = {k: v for k, v in (kept.get("context") or {}).items() if k != "company"}
            if changes["company"].strip():
                kept["context"]["company"] = changes["company"]
            store.replace_report(other.id, kept, other.date)
    return store.get(interview_id)


def _check_changes(changes: Mapping[str, str]) -> None:
    """At least one change, each text that can be saved; the date can change but not go."""
    options = {key: f"--{key.replace('_', '-')}" for key in EDITABLE}
    if not changes:
        raise InputError(f"nothing to change; give one or more of {', '.join(options.values())}")
    for key, value in changes.items():
        answers.check_text(value, options[key])
    if not changes.get("date", "-").strip():
        raise InputError(f"date: every interview has a day; give {followup.DAY_FORMS[followup.PAST]}", field="date")


def _check_round_day(interview: Interview, day: str, others: list[Interview]) -> None:
    """A round's day stays between the round before it and the round after it."""
    before = [r for r in others if r.round < interview.round]
    after = [r for r in others if r.round > interview.round]
    if before and day < before[-1].date:
        raise InputError(
            f"date {day}: interview #{interview.id} is round {interview.round}; it cannot come before "
            f"round {before[-1].round} (#{before[-1].id}, on {before[-1].date})",
            field="date",
        )
    if after and day > after[0].date:
        raise InputError(
            f"date {day}: interview #{interview.id} is round {interview.round}; it cannot come after "
            f"round {after[0].round} (#{after[0].id}, on {after[0].date})",
            field="date",
        )


# -- saved interviews as rows ---------------------------------------------------------


SUMMARY_FIELDS = (
    "id",
    "date",
    "company",
    "role",
    "round",
    "score",
    "verdict",
    "confidence",
    "outcome",
    "outcome_note",
    "follow_up_on",
)


def summary(interview: Interview) -> dict[str, Any]:
    """One saved interview as a row for `history` and `due`."""
    return {
        "id": interview.id,
        "date": interview.date,
        "company": interview.company,
        "role": interview.role,
        "round": interview.round,
        "score": interview.score,
        "verdict": interview.verdict,
        "confidence": interview.confidence,
        "outcome": interview.outcome,
        "outcome_note": interview.outcome_note,
        "follow_up_on": follow_up_day(interview).isoformat(),
    }


def follow_up_day(interview: Interview) -> dt.date:
    return followup.follow_up_of(interview.report, dt.date.fromisoformat(interview.date))
