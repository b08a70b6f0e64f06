"""Load and validate the questionnaire in data/catalog.toml.

Everything the user reads — questions, hints, answer labels — and everything
the score is made of — points, weights, bands — comes from that one file.
Loading checks it thoroughly, so a typo fails here with the field's name,
not halfway through a questionnaire.
"""

from __future__ import annotations

import pkgutil
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from interview_signals.errors import CatalogError

READINGS = ("good", "neutral", "concerning")
UNSURE = "unsure"
NOT_APPLICABLE = "not_applicable"
NON_ANSWERS = (UNSURE, NOT_APPLICABLE)


@dataclass(frozen=True)
class Answer:
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
    not_applicable: bool = False

    @cached_property
    def answer_ids(self) -> tuple[str, ...]:
        """Every answer this signal accepts, best first, non-answers last."""
        extra = (UNSURE, NOT_APPLICABLE) if self.not_applicable else (UNSURE,)
        return tuple(a.id for a in self.answers) + extra

    @cached_property
    def answer_set(self) -> frozenset[str]:
        return frozenset(self.answer_ids)

    @cached_property
    def _by_id(self) -> dict[str, Answer]:
        return {a.id: a for a in self.answers}

    def answer(self, answer_id: str) -> Answer | None:
        """The scored answer with this id, or None for a non-answer."""
        return self._by_id.get(answer_id)


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    min: int
    summary: str


@dataclass(frozen=True)
class NextStep:
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

    @cached_property
    def signal_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.signals)

    @cached_property
    def signals_by_id(self) -> dict[str, Signal]:
        return {s.id: s for s in self.signals}

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
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"data/catalog.toml: not valid TOML: {exc}") from None
    weights = _table(raw, "weights", "weights")
    for name, value in weights.items():
        _require(isinstance(value, int) and value > 0, f"weights.{name}", "a positive whole number")
    signals = tuple(_signal(s, i, weights) for i, s in enumerate(_list(raw, "signals", "")))
    _unique([s.id for s in signals], "signals[].id")
    bands = tuple(_band(b, f"bands[{i}]") for i, b in enumerate(_list(raw, "bands", "")))
    _require(
        [b.min for b in bands] == sorted({b.min for b in bands}, reverse=True) and bands[-1].min == 0,
        "bands[].min",
        "strictly falling from the first band, ending at 0",
    )
    _unique([b.id for b in bands], "bands[].id")
    confidence = []
    for i, c in enumerate(_list(raw, "confidence", "")):
        level = _str(c, "level", f"confidence[{i}]")
        cover = c.get("min_coverage")
        _require(isinstance(cover, (int, float)) and 0 <= cover <= 1, f"confidence[{i}].min_coverage", "a number from 0 to 1")
        confidence.append((level, float(cover)))
    _require(
        [c for _, c in confidence] == sorted({c for _, c in confidence}, reverse=True) and confidence[-1][1] == 0,
        "confidence[].min_coverage",
        "strictly falling, ending at 0",
    )
    non_answers = _table(raw, "non_answers", "non_answers")
    labels = {key: _str(non_answers, key, "non_answers") for key in NON_ANSWERS}
    next_steps = tuple(
        NextStep(_str(n, "id", f"next_steps[{i}]"), _str(n, "text", f"next_steps[{i}]"))
        for i, n in enumerate(_list(raw, "next_steps", ""))
    )
    too_few = _table(raw, "too_few", "too_few")
    cover = too_few.get("min_coverage")
    _require(isinstance(cover, (int, float)) and 0 <= cover <= 1, "too_few.min_coverage", "a number from 0 to 1")
    _unique(
        [b.id for b in bands] + [_str(_table(raw, "no_score", "no_score"), "id", "no_score"), _str(too_few, "id", "too_few")],
        "bands[].id",
    )
    version = raw.get("version")
    _require(isinstance(version, int) and version > 0, "version", "a positive whole number")
    return Catalog(
        version=version,
        caveat=_str(raw, "caveat", ""),
        signals=signals,
        bands=bands,
        no_score=_band({**_table(raw, "no_score", "no_score"), "min": 0}, "no_score"),
        too_few=_band({**too_few, "min": 0}, "too_few"),
        verdict_coverage=float(too_few["min_coverage"]),
        confidence=tuple(confidence),
        next_steps=next_steps,
        non_answer_labels=labels,
    )


def _signal(raw: Any, index: int, weights: dict[str, int]) -> Signal:
    where = f"signals[{index}]"
    _require(isinstance(raw, dict), where, "a table")
    sid = _str(raw, "id", where)
    where = f"signals.{sid}"
    strength = _str(raw, "strength", where)
    _require(strength in weights, f"{where}.strength", f"one of {', '.join(weights)}")
    answers = tuple(_answer(a, f"{where}.answers[{i}]") for i, a in enumerate(_list(raw, "answers", where)))
    _require(len(answers) >= 2, f"{where}.answers", "at least two answers")
    ids = [a.id for a in answers]
    _unique(ids, f"{where}.answers[].id")
    _require(not set(ids) & set(NON_ANSWERS), f"{where}.answers[].id", f"not {' or '.join(NON_ANSWERS)} (those are built in)")
    points = [a.points for a in answers]
    _require(
        points[0] == 100 and points[-1] == 0 and all(a > b for a, b in zip(points, points[1:], strict=False)),
        f"{where}.answers[].points",
        "best first: 100 for the first, 0 for the last, strictly falling",
    )
    na = raw.get("not_applicable", False)
    _require(isinstance(na, bool), f"{where}.not_applicable", "true or false")
    return Signal(
        id=sid,
        title=_str(raw, "title", where),
        question=_str(raw, "question", where),
        hint=_str(raw, "hint", where),
        strength=strength,
        weight=weights[strength],
        answers=answers,
        not_applicable=na,
    )


def _answer(raw: Any, where: str) -> Answer:
    _require(isinstance(raw, dict), where, "a table")
    points = raw.get("points")
    _require(
        isinstance(points, int) and not isinstance(points, bool) and 0 <= points <= 100,
        f"{where}.points",
        "a whole number from 0 to 100",
    )
    reading = _str(raw, "reading", where)
    _require(reading in READINGS, f"{where}.reading", f"one of {', '.join(READINGS)}")
    meaning = raw.get("meaning", "")
    _require(isinstance(meaning, str), f"{where}.meaning", "text")
    _require(reading != "concerning" or bool(meaning), f"{where}.meaning", "text saying what a concerning answer may mean")
    return Answer(_str(raw, "id", where), _str(raw, "label", where), points, reading, meaning)


def _band(raw: Any, where: str) -> Band:
    _require(isinstance(raw, dict), where, "a table")
    low = raw.get("min")
    _require(isinstance(low, int) and 0 <= low <= 100, f"{where}.min", "a whole number from 0 to 100")
    return Band(_str(raw, "id", where), _str(raw, "label", where), low, _str(raw, "summary", where))


def _str(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    _require(isinstance(value, str) and value.strip() != "", _join(where, key), "non-empty text")
    return value


def _list(raw: dict[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key)
    _require(isinstance(value, list) and len(value) > 0, _join(where, key), "a non-empty list of tables")
    return value


def _table(raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = raw.get(key)
    _require(isinstance(value, dict), where, "a table")
    return value


def _unique(values: list[str], where: str) -> None:
    duplicates = sorted({v for v in values if values.count(v) > 1})
    _require(not duplicates, where, f"unique (repeated: {', '.join(duplicates)})")


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _require(ok: bool, field: str, allowed: str) -> None:
    if not ok:
        raise CatalogError(f"data/catalog.toml: {field} must be {allowed}")
