"""The JSON documents: the questionnaire as `signals --json` prints it."""

from __future__ import annotations

import json

from helpers import run

from interview_signals import catalog, document


def test_the_questionnaire_document_has_every_answer_with_its_reading_and_points():
    cat = catalog.load()
    doc = json.loads(run("signals", "--json").stdout)
    assert doc == document.catalog_doc(cat)
    assert (doc["schema_version"], doc["catalog_version"]) == (document.SCHEMA_VERSION, cat.version)
    tour = next(s for s in doc["signals"] if s["id"] == "tour")
    signal = cat.signal("tour")
    assert {k: tour[k] for k in ("title", "question", "hint", "strength", "weight")} == {
        "title": signal.title,
        "question": signal.question,
        "hint": signal.hint,
        "strength": "moderate",
        "weight": 2,
    }
    assert tour["answers"] == [
        *({"id": a.id, "label": a.label, "reading": a.reading, "points": a.points} for a in signal.answers),
        {"id": "unsure", "label": cat.non_answer_labels["unsure"], "reading": "not counted", "points": None},
        {"id": "not_applicable", "label": cat.non_answer_labels["not_applicable"], "reading": "not counted", "points": None},
    ]
