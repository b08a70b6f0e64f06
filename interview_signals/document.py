"""The JSON report: one plain dict, the public shape scripts rely on.

(`score` writes the same document through a faster encoder: see batch.py.)

``assess --json``, ``show --json`` and ``score`` all print this document, and
``--answers`` reads it back, so a saved report replays as it is. Change the
shape only by adding keys; anything else bumps SCHEMA_VERSION.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from interview_signals.catalog import Band, Catalog
from interview_signals.scoring import Advice, Assessment, Question, SignalResult

SCHEMA_VERSION = 1


def build(
    catalog: Catalog, assessment: Assessment, context: Mapping[str, str] | None = None, follow_up: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "catalog_version": assessment.catalog_version,
        "context": dict(context or {}),
        "score": assessment.score,
        **verdict_fields(assessment.band),
        "confidence": assessment.confidence,
        "counted": assessment.counted,
        "total": len(assessment.results),
        "signals": [signal_entry(catalog, r) for r in assessment.results],
        "advice": [advice_entry(a) for a in assessment.advice],
        "ask_next": [question_entry(q) for q in assessment.ask_next],
        "caveat": catalog.caveat,
    }
    if follow_up is not None:
        doc["follow_up"] = dict(follow_up)
    return doc


def verdict_fields(band: Band) -> dict[str, str]:
    return {"verdict": band.id, "verdict_label": band.label, "summary": band.summary}


def signal_entry(catalog: Catalog, result: SignalResult) -> dict[str, Any]:
    return {
        "id": result.signal.id,
        "answer": result.answer,
        "answer_label": catalog.answer_label(result.signal, result.answer),
        "reading": result.reading,
        "points": result.points,
        "weight": result.signal.weight,
    }


def advice_entry(advice: Advice) -> dict[str, Any]:
    return {"kind": advice.kind, "signal": advice.signal, "text": advice.text}


def question_entry(question: Question) -> dict[str, Any]:
    return {"signal": question.signal, "question": question.text}


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
