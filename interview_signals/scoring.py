"""Score a set of answers. Pure: answers in, an Assessment out; no I/O.

The score is the weighted mean of the points of every counted answer, 0–100.
"unsure", "not_applicable" and unanswered signals are left out of it; they
lower the confidence instead, which follows the share of the total weight
that was actually counted.

Every possible per-signal result is built once per catalog (``_table``), so
scoring a line in `score` is a handful of dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from interview_signals.catalog import Band, Catalog, Signal

NOT_COUNTED = "not counted"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: each is made once per catalog
class SignalResult:
    signal: Signal
    answer: str | None  # an answer id, "unsure", "not_applicable", or None (not answered)
    reading: str  # good / neutral / concerning / not counted
    points: int | None  # None when not counted
    meaning: str  # what a concerning answer may mean, else ""

    @property
    def counted(self) -> bool:
        return self.points is not None


@dataclass(frozen=True, eq=False)
class Advice:
    kind: str  # "concern" (what a concerning answer may mean) or "next_step"
    text: str
    signal: str | None = None  # the signal a concern is about


class Assessment(NamedTuple):  # `score` makes one a line: a tuple is quick to make
    catalog_version: int
    score: int | None
    band: Band
    confidence: str
    coverage: float  # share of the total weight that was counted, 0..1
    counted: int  # how many signals were counted
    results: tuple[SignalResult, ...]
    advice: tuple[Advice, ...]  # concerns first, then the next steps


def assess(catalog: Catalog, answers: Mapping[str, str]) -> Assessment:
    """Score validated answers (see answers.py); a missing signal is unanswered."""
    table = _table(catalog)
    results = []
    concerns = []
    counted = counted_weight = weighted = 0
    for signal, by_answer in table.signals:
        answer_id = answers.get(signal.id)
        entry = by_answer.get(answer_id) or (SignalResult(signal, answer_id, NOT_COUNTED, None, ""), None, 0, 0)
        result, concern, weight, weighted_points = entry
        results.append(result)
        if weight:
            counted += 1
            counted_weight += weight
            weighted += weighted_points
        if concern is not None:
            concerns.append(concern)
    score = round(weighted / counted_weight) if counted_weight else None
    coverage = counted_weight / table.total_weight
    return Assessment(
        catalog_version=catalog.version,
        score=score,
        band=table.bands[score] if counted_weight >= table.verdict_weight else catalog.band_for(score, coverage),
        confidence=table.confidence[counted_weight],  # nothing counted: the lowest level
        coverage=coverage,
        counted=counted,
        results=tuple(results),
        advice=(*concerns, *table.next_steps),
    )


class _Table(NamedTuple):
    # per signal: answer -> (result, its concern, weight counted, weight × points)
    signals: tuple[tuple[Signal, dict[str | None, tuple[SignalResult, Advice | None, int, int]]], ...]
    next_steps: tuple[Advice, ...]
    total_weight: int
    bands: dict[int | None, Band]  # by score, once enough weight was counted for a verdict
    verdict_weight: float  # the least counted weight that allows a verdict
    confidence: dict[int, str]  # by counted weight


@cache
def _table(catalog: Catalog) -> _Table:
    signals = []
    for signal in catalog.signals:
        by_answer: dict[str | None, tuple[SignalResult, Advice | None, int, int]] = {}
        for a in signal.answers:
            concern = Advice("concern", a.meaning, signal.id) if a.meaning else None
            result = SignalResult(signal, a.id, a.reading, a.points, a.meaning)
            by_answer[a.id] = (result, concern, signal.weight, signal.weight * a.points)
        for other in (None, *signal.answer_ids[len(signal.answers) :]):
            by_answer[other] = (SignalResult(signal, other, NOT_COUNTED, None, ""), None, 0, 0)
        signals.append((signal, by_answer))
    total = sum(s.weight for s in catalog.signals)
    return _Table(
        signals=tuple(signals),
        next_steps=tuple(Advice("next_step", step.text) for step in catalog.next_steps),
        total_weight=total,
        bands={score: catalog.band_for(score) for score in (None, *range(101))},
        verdict_weight=catalog.verdict_coverage * total,
        confidence={w: next(level for level, low in catalog.confidence if w / total >= low) for w in range(total + 1)},
    )


def possible_results(catalog: Catalog) -> tuple[list[SignalResult], list[Advice]]:
    """Every result and concern any answer (or none) can give, for precomputing output."""
    entries = [entry for _, by_answer in _table(catalog).signals for entry in by_answer.values()]
    return [entry[0] for entry in entries], [entry[1] for entry in entries if entry[1] is not None]
