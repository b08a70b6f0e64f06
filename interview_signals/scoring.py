"""Score a set of answers. Pure: answers in, an Assessment out; no I/O.

The score is the weighted mean of the points of every counted answer, 0–100.
"unsure", "not_applicable" and unanswered signals are left out of it; they
lower the confidence instead, which follows the share of the total weight
that was actually counted.

Every possible per-signal result is built once per catalog (``_table``), so
scoring a line in `score` is a handful of dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Generic, NamedTuple, TypeVar

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
    picked = pick(table.signals, answers, lambda signal_id, answer_id: not_counted(catalog, signal_id, answer_id))
    score, band, confidence, coverage = verdict(catalog, picked.counted_weight, picked.weighted)
    return Assessment(
        catalog_version=catalog.version,
        score=score,
        band=band,
        confidence=confidence,
        coverage=coverage,
        counted=picked.counted,
        results=tuple(picked.items),
        advice=(*picked.concerns, *table.next_steps),
    )


R = TypeVar("R")  # what an answer gives for its signal: a SignalResult, or (batch.py) its JSON
C = TypeVar("C")  # the concern it raises

# Per signal id: answer id (None: not answered) -> (what it gives, its concern or None, weight counted, weight × points)
Weighed = tuple[tuple[str, Mapping[str | None, tuple[R, C | None, int, int]]], ...]


class Picked(NamedTuple, Generic[R, C]):
    items: list[R]  # one a signal, in catalog order
    concerns: list[C]
    counted: int  # how many signals were counted
    counted_weight: int
    weighted: int  # the sum of weight × points over the counted signals


def pick(
    signals: Weighed[R, C], answers: Mapping[str, str], unknown: Callable[[str, str | None], tuple[R, C | None, int, int]]
) -> Picked[R, C]:
    """Look up what each signal's answer gives and add up the weight counted:
    the one loop of scoring, shared by ``assess`` and the encoder of `score`.
    ``unknown`` gives the entry of an answer ``signals`` lacks."""
    get = answers.get
    items: list[R] = []
    concerns: list[C] = []
    counted = counted_weight = weighted = 0
    for signal_id, by_answer in signals:
        answer_id = get(signal_id)
        item, concern, weight, points = by_answer.get(answer_id) or unknown(signal_id, answer_id)
        items.append(item)
        if weight:
            counted += 1
            counted_weight += weight
            weighted += points
        if concern is not None:
            concerns.append(concern)
    return Picked(items, concerns, counted, counted_weight, weighted)


def verdict(catalog: Catalog, counted_weight: int, weighted: int) -> tuple[int | None, Band, str, float]:
    """The score, verdict, confidence and coverage of what ``pick`` added up."""
    table = _table(catalog)
    score = round(weighted / counted_weight) if counted_weight else None
    coverage = counted_weight / table.total_weight
    band = table.bands[score] if counted_weight >= table.verdict_weight else catalog.band_for(score, coverage)
    return score, band, table.confidence[counted_weight], coverage  # nothing counted: the lowest confidence


def weighed(catalog: Catalog) -> Weighed[SignalResult, Advice]:
    """Every entry any answer (or none) can give, by signal and answer: each
    result and concern is made once per catalog, so `score` can precompute
    its JSON."""
    return _table(catalog).signals


def not_counted(catalog: Catalog, signal_id: str, answer_id: str | None) -> tuple[SignalResult, None, int, int]:
    """An answer the catalog does not know (a report from an older one): named, not counted."""
    signal = catalog.signal(signal_id)
    assert signal is not None  # pick goes through the catalog's own signals
    return SignalResult(signal, answer_id, NOT_COUNTED, None, ""), None, 0, 0


class _Table(NamedTuple):
    signals: Weighed[SignalResult, Advice]
    next_steps: tuple[Advice, ...]
    total_weight: int
    bands: dict[int | None, Band]  # by score, once enough weight was counted for a verdict
    verdict_weight: float  # the least counted weight that allows a verdict
    confidence: dict[int, str]  # by counted weight


@cache
def _table(catalog: Catalog) -> _Table:
    signals: list[tuple[str, Mapping[str | None, tuple[SignalResult, Advice | None, int, int]]]] = []
    for signal in catalog.signals:
        by_answer: dict[str | None, tuple[SignalResult, Advice | None, int, int]] = {}
        for a in signal.answers:
            concern = Advice("concern", a.meaning, signal.id) if a.meaning else None
            result = SignalResult(signal, a.id, a.reading, a.points, a.meaning)
            by_answer[a.id] = (result, concern, signal.weight, signal.weight * a.points)
        for other in (None, *signal.answer_ids[len(signal.answers) :]):
            by_answer[other] = (SignalResult(signal, other, NOT_COUNTED, None, ""), None, 0, 0)
        signals.append((signal.id, by_answer))
    total = sum(s.weight for s in catalog.signals)
    return _Table(
        signals=tuple(signals),
        next_steps=tuple(Advice("next_step", step.text) for step in catalog.next_steps),
        total_weight=total,
        bands={score: catalog.band_for(score) for score in (None, *range(101))},
        verdict_weight=catalog.verdict_coverage * total,
        confidence={w: next(level for level, low in catalog.confidence if w / total >= low) for w in range(total + 1)},
    )
