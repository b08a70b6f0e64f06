"""The JSON report: the fast one-line encoder agrees with the plain document."""

from __future__ import annotations

import json

from helpers import build_report
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


@given(answers_strategy(), contexts, extras)
def test_encode_is_the_document_on_one_line(answers, context, extra):
    line = batch.encode(CAT, answers, context, extra)
    assert "\n" not in line
    expected = {**extra, **build_report(answers, **context)}
    decoded = json.loads(line)
    assert decoded == expected
    assert list(decoded) == list(expected)  # same key order too


def test_build_carries_every_documented_key():
    doc = build_report({"vibe": "cold"}, company="Acme")
    for key in ("schema_version", "score", "verdict", "confidence", "signals", "advice", "caveat", "context"):
        assert key in doc
    assert set(doc["signals"][0]) >= {"id", "answer", "reading", "points"}
