"""Load and validate the questionnaire in data/catalog.toml.

Everything the user reads — questions, hints, answer labels, what to ask
next time — and everything the score is made of — points, weights, bands —
comes from that one file.
Loading checks it thoroughly, so a typo fails here with the field's name,
not halfway through a questionnaire.
"""

from __future__ import annotations

import pkgutil
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, NamedTuple

from interview_signals.errors import CatalogError
from interview_signals.tomldata import DataFile

READINGS = ("good", "neutral", "concerning")
UNSURE = "unsure"
NOT_APPLICABLE = "not_applicable"
NON_ANSWERS = (UNSURE, NOT_APPLICABLE)
DATA = DataFile("catalog.toml")


class Answer(NamedTuple):
    id: str
    label: str
    points: int
    reading: str
    meaning: str = ""


@dataclass(frozen=True)
class Signal:
    id: str
    title: str
    question: str
    hint: str
    strength: str
    weight: int
    answers: tuple[Answer, ...]
    ask_next: tuple[str, ...]  # what to ask in the next round when this sign is in doubt (unsure or concerning)
    not_applicable: bool = False
    # How `stats` says what happened when the sign read good, and when it didn't (plain.standouts):
    # "When {when_good}, 4 of 4 interviews ended in an offer; when {when_other}, 1 of 8."
    when_good: str = ""
    when_other: str = ""

    @cached_property  # the answer ids, best first; safe: a frozen Signal never changes
    def answer_ids(self) -> tuple[str, ...]:
        """Every answer this signal accepts, best first, non-answers last."""
        extra = (UNSURE, NOT_APPLICABLE) if self.not_applicable else (UNSURE,)
        return tuple(a.id for a in self.answers) + extra

    @cached_property  # the answer ids as a set; safe: a frozen Signal never changes
    def answer_set(self) -> frozenset[str]:
        return frozenset(self.answer_ids)

    @cached_property  # each answer by id; safe: a frozen Signal never changes
    def _by_id(self) -> dict[str, Answer]:
        return {a.id: a for a in self.answers}

    def answer(self, answer_id: str) -> Answer | None:
        """The scored answer with this id, or None for a non-answer."""
        return self._by_id.get(answer_id)


class Band(NamedTuple):
    id: str
    label: str
    min: int
    summary: str


class NextStep(NamedTuple):
    id: str
    text: str


@dataclass(frozen=True, eq=False)  # hashed by identity, so per-catalog caches can key on it
class Catalog:
    version: int
    caveat: str
    signals: tuple[Signal, ...]
    bands: tuple[Band, ...]
    no_score: Band
    too_few: Band  # the verdict when less than ``verdict_coverage`` of the weight was counted
    verdict_coverage: float
    confidence: tuple[tuple[str, float], ...]
    next_steps: tuple[NextStep, ...]
    non_answer_labels: dict[str, str]

    @cached_property  # the signal ids in order; safe: a frozen Catalog never changes
    def signal_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.signals)

    @cached_property  # each signal by id; safe: a frozen Catalog never changes
    def signals_by_id(self) -> dict[str, Signal]:
        return {s.id: s for s in self.signals}

    @cached_property  # each signal's answer set by id; safe: a frozen Catalog never changes
    def answer_sets(self) -> dict[str, frozenset[str]]:
        """Every answer each signal accepts, by signal id."""
        return {s.id: s.answer_set for s in self.signals}

    @cached_property  # the verdict ids, best first; safe: a frozen Catalog never changes
    def verdicts(self) -> tuple[str, ...]:
        """Every verdict id, best first: the bands as listed, then too few answers, then no score.
        The one order verdicts are listed in (stats, the report)."""
        return (*(b.id for b in self.bands), self.too_few.id, self.no_score.id)

    def signal(self, signal_id: str) -> Signal | None:
        return self.signals_by_id.get(signal_id)

    def band_for(self, score: int | None, coverage: float = 1.0) -> Band:
        if score is None:
            return self.no_score
        if coverage < self.verdict_coverage:
            return self.too_few
        return next(b for b in self.bands if score >= b.min)

    def answer_label(self, signal: Signal, answer_id: str | None) -> str:
        if answer_id is None:
            return "(not answered)"
        answer = signal.answer(answer_id)
        return answer.label if answer else self.non_answer_labels[answer_id]


# Caches the shipped catalog, read once per process: safe, the package's data does not change while it runs.
@cache
def load() -> Catalog:
    """The catalog shipped with the package (read once per process)."""
    return parse(package_text("catalog.toml"))


def package_text(name: str) -> str:
    """A file of interview_signals.data, read through the package's loader, so
    it is found in a wheel, an editable install or a checkout alike.

    pkgutil.get_data rather than importlib.resources.files: it asks the same
    loader, and costs a third of the import time on every start.
    """
    data = pkgutil.get_data("interview_signals.data", name)
    if data is None:  # a loader that cannot read package files
        raise CatalogError(f"data/{name}: cannot be read from this installation")
    return data.decode("utf-8")


def parse(text: str) -> Catalog:
    """Validate catalog TOML text and build a Catalog; CatalogError on any fault."""
    raw = DATA.parse(text)
    weights = DATA.table(raw, "weights", "")
    for name in weights:
        DATA.whole(weights, name, "weights", 1)
    signals = tuple(_signal(s, i, weights) for i, s in enumerate(DATA.tables(raw, "signals", "")))
    DATA.unique([s.id for s in signals], "signals[].id")
    bands = tuple(_band(b, f"bands[{i}]") for i, b in enumerate(DATA.tables(raw, "bands", "")))
    DATA.require(
        [b.min for b in bands] == sorted({b.min for b in bands}, reverse=True) and bands[-1].min == 0,
        "bands[].min",
        "strictly falling from the first band, ending at 0",
    )
    confidence = [
        (DATA.text(c, "level", f"confidence[{i}]"), DATA.fraction(c, "min_coverage", f"confidence[{i}]"))
        for i, c in enumerate(DATA.tables(raw, "confidence", ""))
    ]
    DATA.require(
        [c for _, c in confidence] == sorted({c for _, c in confidence}, reverse=True) and confidence[-1][1] == 0,
        "confidence[].min_coverage",
        "strictly falling, ending at 0",
    )
    non_answers = DATA.table(raw, "non_answers", "")
    labels = {key: DATA.text(non_answers, key, "non_answers") for key in NON_ANSWERS}
    next_steps = tuple(
        NextStep(DATA.text(n, "id", f"next_steps[{i}]"), DATA.text(n, "text", f"next_steps[{i}]"))
        for i, n in enumerate(DATA.tables(raw, "next_steps", ""))
    )
    too_few = DATA.table(raw, "too_few", "")
    no_score = DATA.table(raw, "no_score", "")
    verdict_coverage = DATA.fraction(too_few, "min_coverage", "too_few")
    DATA.unique(
        [b.id for b in bands] + [DATA.text(no_score, "id", "no_score"), DATA.text(too_few, "id", "too_few")], "bands[].id"
    )
    return Catalog(
        version=DATA.whole(raw, "version", "", 1),
        caveat=DATA.text(raw, "caveat", ""),
        signals=signals,
        bands=bands,
        no_score=_band({**no_score, "min": 0}, "no_score"),
        too_few=_band({**too_few, "min": 0}, "too_few"),
        verdict_coverage=verdict_coverage,
        confidence=tuple(confidence),
        next_steps=next_steps,
        non_answer_labels=labels,
    )


def _signal(raw: dict[str, Any], index: int, weights: dict[str, int]) -> Signal:
    sid = DATA.text(raw, "id", f"signals[{index}]")
    where = f"signals.{sid}"
    strength = DATA.text(raw, "strength", where)
    DATA.require(strength in weights, f"{where}.strength", f"one of {', '.join(weights)}")
    answers = tuple(_answer(a, f"{where}.answers[{i}]") for i, a in enumerate(DATA.tables(raw, "answers", where)))
    DATA.require(len(answers) >= 2, f"{where}.answers", "at least two answers")
    ids = [a.id for a in answers]
    DATA.unique(ids, f"{where}.answers[].id")
    DATA.require(not set(ids) & set(NON_ANSWERS), f"{where}.answers[].id", f"not {' or '.join(NON_ANSWERS)} (those are built in)")
    points = [a.points for a in answers]
    DATA.require(
        points[0] == 100 and points[-1] == 0 and all(a > b for a, b in zip(points, points[1:], strict=False)),
        f"{where}.answers[].points",
        "best first: 100 for the first, 0 for the last, strictly falling",
    )
    na = raw.get("not_applicable", False)
    DATA.require(isinstance(na, bool), f"{where}.not_applicable", "true or false")
    return Signal(
        id=sid,
        title=DATA.text(raw, "title", where),
        question=DATA.text(raw, "question", where),
        hint=DATA.text(raw, "hint", where),
        strength=strength,
        weight=weights[strength],
        answers=answers,
        ask_next=DATA.texts(raw, "ask_next", where),
        not_applicable=bool(na),
        when_good=_phrase(raw, "when_good", where),
        when_other=_phrase(raw, "when_other", where),
    )


def _phrase(raw: dict[str, Any], key: str, where: str) -> str:
    """Words that go inside a sentence (after "When "): one line, and no full stop of their own."""
    phrase = DATA.text(raw, key, where)
    DATA.require(
        "\n" not in phrase and not phrase.rstrip().endswith("."), f"{where}.{key}", "a phrase on one line, without a full stop"
    )
    return phrase


def _answer(raw: dict[str, Any], where: str) -> Answer:
    points = DATA.whole(raw, "points", where, 0, 100)
    reading = DATA.text(raw, "reading", where)
    DATA.require(reading in READINGS, f"{where}.reading", f"one of {', '.join(READINGS)}")
    meaning = raw.get("meaning", "")
    DATA.require(isinstance(meaning, str), f"{where}.meaning", "text")
    DATA.require(reading != "concerning" or bool(meaning), f"{where}.meaning", "text saying what a concerning answer may mean")
    return Answer(DATA.text(raw, "id", where), DATA.text(raw, "label", where), points, reading, str(meaning))


def _band(raw: dict[str, Any], where: str) -> Band:
    low = DATA.whole(raw, "min", where, 0, 100)
    return Band(DATA.text(raw, "id", where), DATA.text(raw, "label", where), low, DATA.text(raw, "summary", where))
