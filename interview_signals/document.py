"""The JSON report: one plain dict, the public shape scripts rely on.

``assess --json``, ``show --json`` and ``score`` all print this document, and
``--answers`` reads it back, so a saved report replays as it is. Change the
shape only by adding keys; anything else bumps SCHEMA_VERSION.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson

from interview_signals import scoring
from interview_signals.catalog import Band, Catalog
from interview_signals.scoring import Advice, Assessment, SignalResult

SCHEMA_VERSION = 1


def build(catalog: Catalog, assessment: Assessment, context: Mapping[str, str] | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "catalog_version": assessment.catalog_version,
        "context": dict(context or {}),
        "score": assessment.score,
        **_verdict(assessment.band),
        "confidence": assessment.confidence,
        "counted": assessment.counted,
        "total": len(assessment.results),
        "signals": [_signal(catalog, r) for r in assessment.results],
        "advice": [_advice(a) for a in assessment.advice],
        "caveat": catalog.caveat,
    }


def encode(catalog: Catalog, assessment: Assessment, context: Mapping[str, str], extra: Mapping[str, Any] | None = None) -> str:
    """``{**extra, **build(...)}`` as compact one-line JSON, put together from
    fragments serialised once per catalog: the hot path of `score`.
    tests/test_document.py checks it always decodes to that same document."""
    parts = _fragments(catalog)
    head = _one_line(extra)[1:-1] + "," if extra else ""
    signals = ",".join([parts.signals.get(r) or _one_line(_signal(catalog, r)) for r in assessment.results])
    concerns = [parts.concerns[a] for a in assessment.advice if a.kind == "concern"]
    advice = ",".join([*concerns, parts.next_steps] if concerns else [parts.next_steps])
    score = "null" if assessment.score is None else assessment.score
    return (
        f'{{{head}"schema_version":{SCHEMA_VERSION},"catalog_version":{assessment.catalog_version},'
        f'"context":{_one_line(context) if context else "{}"},"score":{score},{parts.verdicts[assessment.band.id]},'
        f'"confidence":{parts.confidence[assessment.confidence]},"counted":{assessment.counted},"total":{len(assessment.results)},'
        f'"signals":[{signals}],"advice":[{advice}],"caveat":{parts.caveat}}}'
    )


def _verdict(band: Band) -> dict[str, str]:
    return {"verdict": band.id, "verdict_label": band.label, "summary": band.summary}


def _signal(catalog: Catalog, result: SignalResult) -> dict[str, Any]:
    return {
        "id": result.signal.id,
        "answer": result.answer,
        "answer_label": catalog.answer_label(result.signal, result.answer),
        "reading": result.reading,
        "points": result.points,
        "weight": result.signal.weight,
    }


def _advice(advice: Advice) -> dict[str, Any]:
    return {"kind": advice.kind, "signal": advice.signal, "text": advice.text}


@dataclass(frozen=True)
class _Fragments:
    signals: dict[SignalResult, str]  # keyed by identity: each result is made once per catalog
    concerns: dict[Advice, str]
    verdicts: dict[str, str]
    confidence: dict[str, str]
    next_steps: str
    caveat: str


@cache
def _fragments(catalog: Catalog) -> _Fragments:
    results, concerns = scoring.possible_results(catalog)
    return _Fragments(
        signals={r: _one_line(_signal(catalog, r)) for r in results},
        concerns={a: _one_line(_advice(a)) for a in concerns},
        verdicts={b.id: _one_line(_verdict(b))[1:-1] for b in (*catalog.bands, catalog.no_score)},
        confidence={level: _one_line(level) for level, _ in catalog.confidence},
        next_steps=",".join(_one_line(_advice(a)) for a in scoring.assess(catalog, {}).advice),
        caveat=_one_line(catalog.caveat),
    )


def _one_line(value: Any) -> str:
    """Compact JSON; orjson for speed, the json module for what orjson refuses (integers past 64 bits)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return _compact(value)


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(document: Any) -> str:
    """Pretty JSON for people and jq alike; non-ASCII kept as written."""
    return json.dumps(document, indent=2, ensure_ascii=False)


def catalog_doc(catalog: Catalog) -> dict[str, Any]:
    """The questionnaire itself, as `signals --json` prints it."""
    signals = []
    for signal in catalog.signals:
        answers = [{"id": a.id, "label": a.label, "reading": a.reading, "points": a.points} for a in signal.answers]
        answers += [
            {"id": na, "label": catalog.non_answer_labels[na], "reading": "not counted", "points": None}
            for na in signal.answer_ids[len(signal.answers) :]
        ]
        signals.append(
            {
                "id": signal.id,
                "title": signal.title,
                "question": signal.question,
                "hint": signal.hint,
                "strength": signal.strength,
                "weight": signal.weight,
                "answers": answers,
            }
        )
    return {"schema_version": SCHEMA_VERSION, "catalog_version": catalog.version, "signals": signals}
