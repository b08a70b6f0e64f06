"""What a history says: counts by verdict and outcome, and which signs went
with the user's offers. Pure: saved interviews in, a plain dict out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from interview_signals import outcomes
from interview_signals.store import Interview

NO_OUTCOME = "none"
MIN_FOR_CALIBRATION = 5


def summarize(interviews: Iterable[Interview]) -> dict[str, Any]:
    """Counts by verdict and outcome, and calibration once there is enough to learn from.

    Each application counts once, by its latest round (its answers against the
    application's outcome): ``interviews`` counts every round saved,
    ``applications`` the applications, and everything else is over applications.

    ``by_outcome`` has every outcome word plus "none" (nothing recorded).
    ``final_outcomes`` counts offer/rejected/ghosted/withdrew. Calibration
    learns only from *decisive* outcomes — offer, rejected, ghosted — because
    they say what the employer decided; "withdrew" is final but says nothing
    about the employer's intent, and "pending" is not known yet. Below
    MIN_FOR_CALIBRATION decisive outcomes ``calibration`` is None and
    ``needed`` says how many more are needed (0 once there are enough).
    """
    every = [*interviews]
    items = latest_rounds(every)
    by_outcome = dict.fromkeys((*outcomes.ALL, NO_OUTCOME), 0)
    for interview in items:
        key = interview.outcome or NO_OUTCOME
        by_outcome[key] = by_outcome.get(key, 0) + 1
    decisive = [i for i in items if i.outcome in outcomes.DECISIVE]
    return {
        "interviews": len(every),
        "applications": len(items),
        "by_verdict": dict(sorted(Counter(i.verdict for i in items).items())),
        "by_outcome": by_outcome,
        "final_outcomes": sum(i.outcome in outcomes.FINAL for i in items),
        "decisive_outcomes": len(decisive),
        "needed": max(0, MIN_FOR_CALIBRATION - len(decisive)),
        "calibration": calibration(decisive) if len(decisive) >= MIN_FOR_CALIBRATION else None,
    }


def latest_rounds(interviews: Iterable[Interview]) -> list[Interview]:
    """The latest round of each application, in the order the applications first appear."""
    latest: dict[int, Interview] = {}
    for interview in interviews:
        held = latest.get(interview.application)
        if held is None or (interview.round, interview.id) > (held.round, held.id):
            latest[interview.application] = interview
    return list(latest.values())


def calibration(interviews: Iterable[Interview]) -> dict[str, Any]:
    """How often each signal reading "good" went with an offer, against every other reading.

    Only interviews with a decisive outcome count (others are skipped). For
    each signal id in the reports: ``good`` = interviews where it read good,
    ``other`` = where it read anything else (neutral, concerning, not counted);
    each with ``n``, ``offers`` and ``offer_rate`` (None when n is 0). An
    interview whose report lacks the signal (an older questionnaire) is in
    neither group. Signals keep the order they first appear in.
    """
    decisive = [i for i in interviews if i.outcome in outcomes.DECISIVE]
    tallies: dict[str, dict[str, list[int]]] = {}
    for interview in decisive:
        offer = interview.outcome == outcomes.OFFER
        for signal in interview.report.get("signals", []):
            tally = tallies.setdefault(signal["id"], {"good": [0, 0], "other": [0, 0]})
            group = tally["good" if signal.get("reading") == "good" else "other"]
            group[0] += 1
            group[1] += offer
    offers = sum(i.outcome == outcomes.OFFER for i in decisive)
    return {
        **_rate(len(decisive), offers),
        "signals": {sid: {name: _rate(n, k) for name, (n, k) in tally.items()} for sid, tally in tallies.items()},
    }


def _rate(n: int, offers: int) -> dict[str, Any]:
    return {"n": n, "offers": offers, "offer_rate": round(offers / n, 3) if n else None}
