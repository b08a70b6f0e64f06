"""The JSON report: the fast one-line encoder agrees with the plain document."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from helpers import ALL_BEST, build_report
from hypothesis import given
from hypothesis import strategies as st
from test_scoring import CAT, answers_strategy

from interview_signals import batch

text = st.text(max_size=30)
contexts = st.dictionaries(st.sampled_from(["company", "role", "interviewer"]), text)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
extras = st.dictionaries(st.sampled_from(["id", "batch", "note", "ünïcode"]), json_values)


def compact(value: Any) -> str:
    """The document as `score` must write it: compact JSON, orjson's bytes (the json module's past 64-bit integers)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@given(answers_strategy(), contexts, extras)
def test_encode_is_the_document_on_one_line(answers, context, extra):
    line = batch.encode(CAT, answers, context, extra)
    assert "\n" not in line
    expected = {**extra, **build_report(answers, **context)}
    assert line == compact(expected)  # byte for byte, key order included


@pytest.mark.parametrize("signal", [s.id for s in CAT.signals])
def test_encode_is_the_document_for_every_answer_of_every_signal(signal):
    """Each answer of each signal (and none), with the rest best and with the rest unanswered."""
    answer_ids = [*next(s for s in CAT.signals if s.id == signal).answer_ids, None]
    for rest in (ALL_BEST, {}):
        for answer in answer_ids:
            answers = {k: v for k, v in rest.items() if k != signal} | ({} if answer is None else {signal: answer})
            assert batch.encode(CAT, answers, {"company": "Acme"}) == compact(build_report(answers, company="Acme"))


def test_build_carries_every_documented_key():
    doc = build_report({"vibe": "cold"}, company="Acme")
    for key in ("schema_version", "score", "verdict", "confidence", "signals", "advice", "ask_next", "caveat", "context"):
        assert key in doc
    assert list(doc).index("ask_next") == list(doc).index("advice") + 1
    assert set(doc["signals"][0]) >= {"id", "answer", "reading", "points"}


def test_encode_asks_what_build_asks():
    """Signs in doubt, with one question and with two, and none at all: the fast encoder's fragments agree."""
    for answers in (
        {"vibe": "unsure", "length": "cut_short", "pitch": "yes", "next_steps": "vague"},
        {"tour": "not_applicable", "start_date": "start_unclear", "other_offers": "unsure"},
        {"vibe": "warm", "extra_people": "no"},
        {},
    ):
        line = json.loads(batch.encode(CAT, answers, {}))
        assert line == build_report(answers)
        assert line["ask_next"] == [
            {"signal": s.id, "question": q}
            for s in CAT.signals
            if answers.get(s.id) == "unsure" or (s.answer(answers.get(s.id, "")) or s.answers[0]).reading == "concerning"
            for q in s.ask_next
        ]
