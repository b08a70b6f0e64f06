"""Score a set of answers. Pure: answers in, an Assessment out; no I/O.

The score is the weighted mean of the points of every counted answer, 0–100.
"unsure", "not_applicable" and unanswered signals are left out of it; they
lower the confidence instead, which follows the share of the total weight
that was actually counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interview_signals.catalog import Band, Catalog, Signal

NOT_COUNTED = "not counted"


@dataclass(frozen=True)
class SignalResult:
    signal: Signal
    answer: str | None  # an answer id, "unsure", "not_applicable", or None (not answered)
    reading: str  # good / neutral / concerning / not counted
    points: int | None  # None when not counted
    meaning: str  # what a concerning answer may mean, else ""

    @property
    def counted(self) -> bool:
        return self.points is not None


@dataclass(frozen=True)
class Advice:
    kind: str  # "concern" (what a concerning answer may mean) or "next_step"
    text: str
    signal: str | None = None  # the signal a concern is about


@dataclass(frozen=True)
class Assessment:
    catalog_version: int
    score: int | None
    band: Band
    confidence: str
    coverage: float  # share of the total weight that was counted, 0..1
    results: tuple[SignalResult, ...]
    advice: tuple[Advice, ...]

    @property
    def counted(self) -> int:
        return sum(r.counted for r in self.results)

    @property
    def answers(self) -> dict[str, str]:
        """The answers given, as the {signal: answer} mapping --answers takes."""
        return {r.signal.id: r.answer for r in self.results if r.answer is not None}


def assess(catalog: Catalog, answers: Mapping[str, str]) -> Assessment:
    """Score validated answers (see answers.py); a missing signal is unanswered."""
    results = []
    for signal in catalog.signals:
        answer_id = answers.get(signal.id)
        answer = signal.answer(answer_id) if answer_id else None
        if answer is None:
            results.append(SignalResult(signal, answer_id, NOT_COUNTED, None, ""))
        else:
            results.append(SignalResult(signal, answer_id, answer.reading, answer.points, answer.meaning))
    total = sum(s.weight for s in catalog.signals)
    counted_weight = sum(r.signal.weight for r in results if r.counted)
    score = None
    if counted_weight:
        weighted = sum(r.signal.weight * r.points for r in results if r.points is not None)
        score = round(weighted / counted_weight)
    coverage = counted_weight / total
    confidence = next(level for level, low in catalog.confidence if coverage >= low)
    if score is None:
        confidence = catalog.confidence[-1][0]
    return Assessment(
        catalog_version=catalog.version,
        score=score,
        band=catalog.band_for(score),
        confidence=confidence,
        coverage=coverage,
        results=tuple(results),
        advice=tuple(
            [Advice("concern", r.meaning, r.signal.id) for r in results if r.meaning]
            + [Advice("next_step", step.text) for step in catalog.next_steps]
        ),
    )
