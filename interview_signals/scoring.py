"""Score a set of answers. Pure: answers in, an Assessment out; no I/O.

The score is the weighted mean of the points of every counted answer, 0–100.
"unsure", "not_applicable" and unanswered signals are left out of it; they
lower the confidence instead, which follows the share of the total weight
that was actually counted. A sign answered "unsure" or read as concerning
also gives the catalog's questions to ask next time (``ask_next``).

Every possible per-signal result is built once per catalog (``_table``), so
scoring a line in `score` is a handful of dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Generic, NamedTuple, TypeVar

from interview_signals.catalog import UNSURE, Band, Catalog, Signal

NOT_COUNTED = "not counted"


# Records, not classes with behaviour: NamedTuples, which cost a fifth of a
# frozen dataclass to define on every start (the scripted `assess` path defines each).
class SignalResult(NamedTuple):
    signal: Signal
    answer: str | None  # an answer id, "unsure", "not_applicable", or None (not answered)
    reading: str  # good / neutral / concerning / not counted
    points: int | None  # None when not counted
    meaning: str  # what a concerning answer may mean, else ""

    @property
    def counted(self) -> bool:
        return self.points is not None


class Advice(NamedTuple):
    kind: str  # "concern" (what a concerning answer may mean) or "next_step"
    text: str
    signal: str | None = None  # the signal a concern is about


class Question(NamedTuple):
    """A question to ask in the next round (or a follow-up) about a sign in doubt."""

    signal: str
    text: str


class Assessment(NamedTuple):  # `score` makes one a line: a tuple is quick to make
    catalog_version: int
    score: int | None
    band: Band
    confidence: str
    coverage: float  # share of the total weight that was counted, 0..1
    counted: int  # how many signals were counted
    results: tuple[SignalResult, ...]
    advice: tuple[Advice, ...]  # concerns first, then the next steps
    ask_next: tuple[Question, ...]  # in catalog order, for each sign answered "unsure" or read as concerning


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
        ask_next=tuple(question for questions in picked.asks for question in questions) if picked.asks else (),
    )


R = TypeVar("R")  # what an answer gives for its signal: a SignalResult, or (batch.py) its JSON
C = TypeVar("C")  # the concern it raises
Q = TypeVar("Q")  # the questions it calls for

# What an answer gives: (its result, its concern or None, its questions or None, weight counted, weight × points)
Entry = tuple[R, C | None, Q | None, int, int]
# Per signal id: answer id (None: not answered) -> its Entry
Weighed = tuple[tuple[str, Mapping[str | None, Entry[R, C, Q]]], ...]


class Picked(NamedTuple, Generic[R, C, Q]):
    items: list[R]  # one a signal, in catalog order
    concerns: list[C]
    asks: list[Q]  # the questions of each sign that calls for some, in catalog order
    counted: int  # how many signals were counted
    counted_weight: int
    weighted: int  # the sum of weight × points over the counted signals


def pick(
    signals: Weighed[R, C, Q], answers: Mapping[str, str], unknown: Callable[[str, str | None], Entry[R, C, Q]]
) -> Picked[R, C, Q]:
    """Look up what each signal's answer gives and add up the weight counted:
    the one loop of scoring, shared by ``assess`` and the encoder of `score`.
    ``unknown`` gives the entry of an answer ``signals`` lacks."""
    get = answers.get
    items: list[R] = []
    concerns: list[C] = []
    asks: list[Q] = []
    counted = counted_weight = weighted = 0
    for signal_id, by_answer in signals:
        answer_id = get(signal_id)
        item, concern, ask, weight, points = by_answer.get(answer_id) or unknown(signal_id, answer_id)
        items.append(item)
        if weight:
            counted += 1
            counted_weight += weight
            weighted += points
        if concern is not None:
            concerns.append(concern)
        if ask is not None:
            asks.append(ask)
    return Picked(items, concerns, asks, counted, counted_weight, weighted)


def verdict(catalog: Catalog, counted_weight: int, weighted: int) -> tuple[int | None, Band, str, float]:
    """The score, verdict, confidence and coverage of what ``pick`` added up."""
    table = _table(catalog)
    score = round(weighted / counted_weight) if counted_weight else None
    coverage = counted_weight / table.total_weight
    band = table.bands[score] if counted_weight >= table.verdict_weight else catalog.band_for(score, coverage)
    return score, band, table.confidence[counted_weight], coverage  # nothing counted: the lowest confidence


def weighed(catalog: Catalog) -> Weighed[SignalResult, Advice, tuple[Question, ...]]:
    """Every entry any answer (or none) can give, by signal and answer: each
    result, concern and set of questions is made once per catalog, so `score`
    can precompute its JSON."""
    return _table(catalog).signals


def not_counted(catalog: Catalog, signal_id: str, answer_id: str | None) -> tuple[SignalResult, None, None, int, int]:
    """An answer the catalog does not know (a report from an older one): named, not counted, no question."""
    signal = catalog.signal(signal_id)
    assert signal is not None  # pick goes through the catalog's own signals
    return SignalResult(signal, answer_id, NOT_COUNTED, None, ""), None, None, 0, 0


class _Table(NamedTuple):
    signals: Weighed[SignalResult, Advice, tuple[Question, ...]]
    next_steps: tuple[Advice, ...]
    total_weight: int
    bands: dict[int | None, Band]  # by score, once enough weight was counted for a verdict
    verdict_weight: float  # the least counted weight that allows a verdict
    confidence: dict[int, str]  # by counted weight


# Caches each catalog's scoring table, built once: safe, a Catalog is frozen and hashes by identity.
@cache
def _table(catalog: Catalog) -> _Table:
    signals: list[tuple[str, Mapping[str | None, Entry[SignalResult, Advice, tuple[Question, ...]]]]] = []
    for signal in catalog.signals:
        by_answer: dict[str | None, Entry[SignalResult, Advice, tuple[Question, ...]]] = {}
        questions = tuple(Question(signal.id, text) for text in signal.ask_next)  # for a sign in doubt
        for a in signal.answers:
            concern = Advice("concern", a.meaning, signal.id) if a.meaning else None
            result = SignalResult(signal, a.id, a.reading, a.points, a.meaning)
            ask = questions if a.reading == "concerning" else None
            by_answer[a.id] = (result, concern, ask, signal.weight, signal.weight * a.points)
        for other in (None, *signal.answer_ids[len(signal.answers) :]):
            ask = questions if other == UNSURE else None  # not_applicable and unanswered ask nothing
            by_answer[other] = (SignalResult(signal, other, NOT_COUNTED, None, ""), None, ask, 0, 0)
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
