"""An application: the rounds of one job application seen as the one thing a job seeker follows.

Every interview is a round of an application (schema 4), named by the id of
its first round; a booked interview not yet assessed (the bookings table,
schema 7) is a round of one too. An Application is what the pipeline lists:
who, where it stands (its stage), how its latest round scored, and what to do
next. Its stage comes from one rule (``stage_of``), read from the facts the
history keeps: the outcome, a booking, and the latest round's next action,
worked out by the one schedule (followup.next_action) when it was saved.

Stages, in the order a listing shows them:

* ``scheduled``: a round is booked and not yet assessed;
* ``due``: the next action can be done today (or could before: overdue),
  the same rule as `due` (from its first day, ``next_action_from``);
* ``waiting``: nothing to do yet;
* a final outcome (``offer``, ``rejected``, ``ghosted``, ``withdrew``): closed.

A final outcome decides whatever else is kept; then a booking, whatever the
latest round's next action (the booked round comes after it).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from interview_signals import outcomes
from interview_signals.errors import InputError
from interview_signals.text import clip, did_you_mean

SCHEDULED, DUE, WAITING = "scheduled", "due", "waiting"
OPEN_STAGES = (SCHEDULED, DUE, WAITING)
STAGES = (*OPEN_STAGES, *outcomes.FINAL)
INTERVIEW = "interview"  # a booked round's next action: to go to the interview


class NextAction(NamedTuple):
    """What to do next about an application: a followup.ACTIONS word (or INTERVIEW, for a booked round) and its day."""

    action: str
    on: str  # YYYY-MM-DD
    at: str | None = None  # HH:MM, for a booked interview

    def as_dict(self) -> dict[str, str]:
        return {"action": self.action, "on": self.on}


class Application(NamedTuple):
    id: int  # its first round's id
    company: str | None
    role: str | None
    stage: str  # one of STAGES
    rounds: int  # how many rounds, booked ones included
    score: int | None  # the latest assessed round's
    score_change: int | None  # since the assessed round before it; None without one, or without both scores
    next_action: NextAction | None
    outcome: str | None  # as recorded: a final word, pending, or None
    verdict: str | None = None  # the latest assessed round's, as saved (not in `applications --json`)

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    def as_dict(self) -> dict[str, Any]:
        """The fields of `applications --json`."""
        return {
            "id": self.id,
            "company": self.company,
            "role": self.role,
            "stage": self.stage,
            "rounds": self.rounds,
            "score": self.score,
            "score_change": self.score_change,
            "next_action": None if self.next_action is None else self.next_action.as_dict(),
            "outcome": self.outcome,
        }


def stage_of(outcome: str | None, booked: bool, next_action_from: str | None, today: str) -> str:
    """Where an application stands (see the module docstring). ``next_action_from`` is the first day
    the latest round's next action can be done (YYYY-MM-DD); ``today`` is YYYY-MM-DD."""
    if not outcomes.is_open(outcome):
        assert outcome is not None  # is_open(None) holds
        return outcome.strip().lower()
    if booked:
        return SCHEDULED
    if next_action_from is not None and next_action_from <= today:
        return DUE
    return WAITING


def score_change(latest: int | None, before: int | None) -> int | None:
    """How the latest round's score moved since the round before: None when either has none."""
    return None if latest is None or before is None else latest - before


def check_stage(text: str) -> str:
    """A stage to list by, as typed in any case; InputError naming --stage otherwise."""
    word = text.strip().lower()
    if word not in STAGES:
        raise InputError(f"--stage '{clip(text)}'{did_you_mean(text, STAGES)}: a stage is one of {', '.join(STAGES)}")
    return word


def check_limit(limit: int | None) -> None:
    """--limit, when given, is 1 or more."""
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be 1 or more, got {limit}")


def check_filters(open_only: bool, closed_only: bool, stage: str | None) -> tuple[str, ...]:
    """The stages a listing keeps, from --open, --closed and --stage (at most one of them)."""
    given = [name for name, on in (("--open", open_only), ("--closed", closed_only), ("--stage", stage is not None)) if on]
    if len(given) > 1:
        raise InputError(f"{' and '.join(given)}: give one of --open, --closed and --stage, not several")
    if stage is not None:
        return (check_stage(stage),)
    if open_only:
        return OPEN_STAGES
    if closed_only:
        return outcomes.FINAL
    return STAGES
