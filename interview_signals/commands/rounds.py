"""What a report says of its application's rounds and of the user's history:
shared by `assess` (a new round) and `show` (a saved one)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from interview_signals import catalog
from interview_signals.interview import not_the_latest

if TYPE_CHECKING:
    from interview_signals.db import History
    from interview_signals.interview import Interview


class Following(NamedTuple):
    """The application a new round joins, as the questionnaire shows it."""

    application: int  # its id: its first round's
    round: int  # the new round's number
    company: str
    role: str
    interviewer: str  # who interviewed you last time: the default this time
    date: str  # the day of the round this one follows (YYYY-MM-DD); this one cannot be earlier
    new_application: str  # how to save a new application instead, said where the company cannot change

    def label(self) -> str:
        """The application as the offer names it: "#1 Acme · Data engineer"."""
        return f"#{self.application} {' · '.join(part for part in (self.company, self.role) if part)}"


def following(before: Interview, new_application: str) -> Following:
    """The application of ``before`` (its latest round), joined by a new round."""
    kept = before.report.get("context") or {}

    def text(key: str) -> str:
        value = kept.get(key)
        return value.strip() if isinstance(value, str) else ""

    return Following(
        before.application, before.round + 1, text("company"), text("role"), text("interviewer"), before.date, new_application
    )


class RoundPrompt(NamedTuple):
    """What the questionnaire is told of rounds: the application this interview
    is already a round of (``--round-of``), or, for a company typed in,
    ``offer(company, confirm)``, which asks ``confirm`` "Another round of #1
    Acme · Data engineer?" when that company has an open application, and
    gives the application on a yes."""

    joined: Following | None = None
    offer: Callable[[str, Callable[[str], bool]], Following | None] | None = None
    ask_interviewer: bool = False  # the interviewer was not given: ask, with last round's as the default


def your_history(store: History, interview: Interview) -> dict[str, int] | None:
    """How the user's other applications scored near this one turned out (stats.your_history), or None."""
    from interview_signals import stats

    if interview.score is None:
        return None
    return stats.your_history(*store.similar(interview.score, interview.application))


def round_fields(cat: catalog.Catalog, interview: Interview, before: Interview | None) -> dict[str, Any]:
    """What a saved interview's JSON says of its application: which round it is, and what changed since the last."""
    fields: dict[str, Any] = {"application": {"id": interview.application, "round": interview.round}}
    if before is not None:
        fields["since_last_round"] = since_last_round(cat, before, interview)
    return fields


def since_last_round(cat: catalog.Catalog, before: Interview, now: Interview) -> dict[str, Any]:
    """How round ``now`` differs from the round ``before`` it: score change and the answers that changed, in catalog order."""

    def answered(report: Mapping[str, Any]) -> dict[str, Any]:
        return {item["id"]: item.get("answer") for item in report.get("signals", [])}

    old, new = answered(before.report), answered(now.report)
    changed = [
        {"id": sid, "from": old.get(sid), "to": new.get(sid)}
        for sid in cat.signal_ids
        if (sid in old or sid in new) and old.get(sid) != new.get(sid)
    ]
    change = None if before.score is None or now.score is None else now.score - before.score
    return {"round": before.round, "score_change": change, "changed": changed}


def since_lines(since: Mapping[str, Any], score: int | None = None) -> list[str]:
    """The "Since round N" section as plain lines: the score's change (from and to, given this
    round's ``score``: "Score: 95 → 43 (-52)"), then each changed answer by its labels."""
    cat = catalog.load()
    change = since.get("score_change")
    if change is None:
        lines = ["Score: not comparable (one of the rounds has no score)"]
    elif score is None:
        lines = [f"Score: {'no change' if change == 0 else f'{change:+d}'}"]
    else:
        lines = [f"Score: {score}, no change" if change == 0 else f"Score: {score - change} → {score} ({change:+d})"]
    for item in since.get("changed", []):
        signal = cat.signal(item["id"])
        if signal is None:  # a signal the questionnaire no longer asks
            lines.append(f"{item['id']}: {item['from']} → {item['to']}")
            continue

        def label(answer: str | None, signal: catalog.Signal = signal) -> str:
            try:
                return cat.answer_label(signal, answer)
            except KeyError:  # an answer the questionnaire no longer offers
                return str(answer)

        lines.append(f"{signal.title}: {label(item['from'])} → {label(item['to'])}")
    if not since.get("changed"):
        lines.append(f"Answers: the same as round {since['round']}")
    return lines


def earlier_round(doc: Mapping[str, Any]) -> tuple[str, str] | None:
    """For `show` of an earlier round (its document has "latest_round"): whose next step it is, and the
    command that shows it; None for any other report."""
    latest = doc.get("latest_round")
    if not isinstance(latest, int):
        return None
    said = not_the_latest(int(doc["id"]), latest)
    said = said[0].upper() + said[1:]
    return said, f"interview-signals show {latest}"


def titles() -> Mapping[str, str]:
    """Signal ids to their display titles, for the report."""
    return {s.id: s.title for s in catalog.load().signals}
