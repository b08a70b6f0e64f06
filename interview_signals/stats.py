"""What a history says: counts by verdict and outcome, which signs went with
the user's offers, and how past interviews scored like this one turned out.

Pure: counts in (the store counts them in SQL, see History.stats), a plain
dict out. Each application counts once, by its latest round: that round's
answers and verdict against the application's outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from interview_signals import calibration, catalog, outcomes
from interview_signals.calibration import Counts

if TYPE_CHECKING:
    from interview_signals.interview import Interview

NO_OUTCOME = "none"
MIN_FOR_CALIBRATION = 5  # decided interviews before calibration (and your_history) is shown
SIMILAR_POINTS = 10  # "scored within 10 points of this one"
MIN_SIMILAR = 3  # fewer similar interviews than this say nothing


class Group(NamedTuple):
    """Applications (by their latest round) alike in verdict, outcome and which signs read how."""

    verdict: str
    outcome: str | None
    good: int | bytes  # a mask of the signs that read good: bit b stands for Tallies.bits[b] (db.schema.stored_mask)
    other: int | bytes  # of those that read neutral or concerning
    n: int


class Tallies(NamedTuple):
    interviews: int  # every round saved
    groups: Sequence[Group]
    bits: Mapping[int, str]  # the sign each mask bit stands for (the store's signal_bits)


def summarize(tallies: Tallies, order: Sequence[str] = ()) -> dict[str, Any]:
    """Counts by verdict and outcome, and calibration once there is enough to learn from.

    ``interviews`` counts every round saved, ``applications`` the
    applications; everything else is over applications. ``by_outcome`` has
    every outcome word plus "none" (nothing recorded). ``final_outcomes``
    counts offer/rejected/ghosted/withdrew. Calibration learns only from
    *decided* outcomes — offer, rejected, ghosted — because they say what the
    employer decided; "withdrew" is final but says nothing about the
    employer's intent, and "pending" is not known yet. Below
    MIN_FOR_CALIBRATION decided outcomes ``calibration`` is None and
    ``needed`` says how many more are needed (0 once there are enough).
    ``order`` is the questionnaire's signal order, for ties.
    """
    by_verdict: dict[str, int] = {}
    by_outcome = dict.fromkeys((*outcomes.ALL, NO_OUTCOME), 0)
    decided_by_verdict: dict[str, Counts] = {}
    signs: dict[str, list[int]] = {}  # read good: n, offers; otherwise: n, offers
    for group in tallies.groups:
        by_verdict[group.verdict] = by_verdict.get(group.verdict, 0) + group.n
        key = group.outcome or NO_OUTCOME
        by_outcome[key] = by_outcome.get(key, 0) + group.n
        if group.outcome not in outcomes.DECISIVE:
            continue
        offers = group.n if group.outcome == outcomes.OFFER else 0
        held = decided_by_verdict.get(group.verdict, Counts(0, 0))
        decided_by_verdict[group.verdict] = Counts(held.n + group.n, held.offers + offers)
        for first, mask in ((0, group.good), (2, group.other)):
            for bit in _bits(mask):
                tally = signs.setdefault(tallies.bits.get(bit, f"#{bit}"), [0, 0, 0, 0])
                tally[first] += group.n
                tally[first + 1] += offers
    decided = Counts(sum(c.n for c in decided_by_verdict.values()), sum(c.offers for c in decided_by_verdict.values()))
    enough = decided.n >= MIN_FOR_CALIBRATION
    by_sign = {signal: (Counts(t[0], t[1]), Counts(t[2], t[3])) for signal, t in signs.items()}
    return {
        "interviews": tallies.interviews,
        "applications": sum(group.n for group in tallies.groups),
        "by_verdict": dict(sorted(by_verdict.items())),
        "by_outcome": by_outcome,
        "final_outcomes": sum(group.n for group in tallies.groups if group.outcome in outcomes.FINAL),
        "decisive_outcomes": decided.n,
        "needed": max(0, MIN_FOR_CALIBRATION - decided.n),
        "calibration": calibration.calibrate(decided, by_sign, _best_first(decided_by_verdict), order) if enough else None,
    }


def _bits(mask: object) -> Iterator[int]:
    """The positions of the bits set in ``mask``, lowest first: a whole number, or big-endian bytes
    for a mask past 64 bits (db.schema.stored_mask); none for anything else."""
    if isinstance(mask, bytes):
        mask = int.from_bytes(mask, "big")
    if not isinstance(mask, int):
        return
    while mask > 0:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


def _best_first(by_verdict: Mapping[str, Counts]) -> dict[str, Counts]:
    """In the catalog's order of verdicts (Catalog.verdicts); one it does not know comes last."""
    rank = {verdict: n for n, verdict in enumerate(catalog.load().verdicts)}
    return dict(sorted(by_verdict.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def your_history(decided: int, similar: int, offers: int) -> dict[str, int] | None:
    """{"similar": M, "offers": N} for the report, or None while it would say nothing:
    fewer than MIN_FOR_CALIBRATION decided interviews, or fewer than MIN_SIMILAR similar ones."""
    if decided < MIN_FOR_CALIBRATION or similar < MIN_SIMILAR:
        return None
    return {"similar": similar, "offers": offers}


def latest_rounds(interviews: Iterable[Interview]) -> list[Interview]:
    """The latest round of each application, in the order the applications first appear."""
    latest: dict[int, Interview] = {}
    for interview in interviews:
        held = latest.get(interview.application)
        if held is None or (interview.round, interview.id) > (held.round, held.id):
            latest[interview.application] = interview
    return list(latest.values())
