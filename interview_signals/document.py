"""The JSON report: one plain dict, the public shape scripts rely on.

``assess --json``, ``show --json`` and ``score`` all print this document, and
``--answers`` reads it back, so a saved report replays as it is. Change the
shape only by adding keys; anything else bumps SCHEMA_VERSION.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from interview_signals.catalog import Catalog
from interview_signals.scoring import Assessment

SCHEMA_VERSION = 1


def build(catalog: Catalog, assessment: Assessment, context: Mapping[str, str] | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "catalog_version": assessment.catalog_version,
        "context": dict(context or {}),
        "score": assessment.score,
        "verdict": assessment.band.id,
        "verdict_label": assessment.band.label,
        "summary": assessment.band.summary,
        "confidence": assessment.confidence,
        "counted": assessment.counted,
        "total": len(assessment.results),
        "signals": [
            {
                "id": r.signal.id,
                "answer": r.answer,
                "answer_label": catalog.answer_label(r.signal, r.answer),
                "reading": r.reading,
                "points": r.points,
                "weight": r.signal.weight,
            }
            for r in assessment.results
        ],
        "advice": [{"kind": a.kind, "signal": a.signal, "text": a.text} for a in assessment.advice],
        "caveat": catalog.caveat,
    }


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
