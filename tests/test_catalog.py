"""The shipped catalog loads, and a broken one fails with the field's name."""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

import pytest

from interview_signals import catalog
from interview_signals.errors import CatalogError

SIGNALS = ["vibe", "tour", "extra_people", "as_if_hired", "start_date", "length", "pitch", "other_offers", "next_steps"]
ANSWERS = {
    "vibe": ["warm", "neutral", "cold"],
    "tour": ["yes", "no", "escorted_out"],
    "extra_people": ["yes", "no", "cancelled"],
    "as_if_hired": ["yes", "no", "distant"],
    "start_date": ["asked", "not_asked", "start_unclear"],
    "length": ["longer", "as_scheduled", "cut_short"],
    "pitch": ["yes", "no", "downsides"],
    "other_offers": ["asked", "not_asked", "competition_stressed"],
    "next_steps": ["concrete", "vague", "chase_assistant"],
}


def shipped_text() -> str:
    return files("interview_signals.data").joinpath("catalog.toml").read_text(encoding="utf-8")


def test_signal_ids_and_answers_are_the_public_contract():
    cat = catalog.load()
    assert list(cat.signal_ids) == SIGNALS
    for signal in cat.signals:
        extra = ["unsure", "not_applicable"] if signal.id == "tour" else ["unsure"]
        assert list(signal.answer_ids) == ANSWERS[signal.id] + extra


def test_strong_signals_weigh_more_than_moderate_ones():
    cat = catalog.load()
    strong = {s.id for s in cat.signals if s.strength == "strong"}
    assert strong == {"start_date", "pitch", "other_offers", "next_steps"}
    assert min(s.weight for s in cat.signals if s.id in strong) > max(s.weight for s in cat.signals if s.id not in strong)


def test_every_concerning_answer_says_what_it_may_mean():
    for signal in catalog.load().signals:
        for answer in signal.answers:
            assert (answer.reading == "concerning") <= bool(answer.meaning), (signal.id, answer.id)


def broken(mutate) -> str:
    raw = tomllib.loads(shipped_text())
    mutate(raw)
    return dump(raw)


def dump(value, prefix="") -> str:
    """A tiny TOML writer for the test's own mutated data (tables and arrays of tables)."""
    lines, tables = [], []
    for key, item in value.items():
        if isinstance(item, dict):
            tables.append((key, item, False))
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            tables.append((key, item, True))
        else:
            lines.append(f"{key} = {toml_value(item)}")
    for key, item, many in tables:
        name = f"{prefix}{key}"
        for entry in item if many else [item]:
            lines.append(f"[[{name}]]" if many else f"[{name}]")
            lines.append(dump(entry, f"{name}."))
    return "\n".join(lines)


def toml_value(item) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(item, list):
        return "[" + ", ".join(toml_value(i) for i in item) + "]"
    return repr(item)


def test_the_round_trip_helper_reproduces_the_catalog():
    again = catalog.parse(broken(lambda raw: None))
    assert again.signals == catalog.load().signals
    assert again.bands == catalog.load().bands


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda r: r["signals"][0]["answers"][1].update(points=100), "signals.vibe.answers[].points"),
        (lambda r: r["signals"][2]["answers"][0].update(points=90), "signals.extra_people.answers[].points"),
        (lambda r: r["signals"][1].update(strength="huge"), "signals.tour.strength"),
        (lambda r: r["signals"][3]["answers"][2].update(reading="bad"), "signals.as_if_hired.answers[2].reading"),
        (lambda r: r["signals"][3]["answers"][2].pop("meaning"), "signals.as_if_hired.answers[2].meaning"),
        (lambda r: r["signals"][4].pop("question"), "signals.start_date.question"),
        (lambda r: r["signals"][5]["answers"][0].update(id="unsure"), "signals.length.answers[].id"),
        (lambda r: r["signals"][6].update(id="vibe"), "signals[].id"),
        (lambda r: r["bands"][1].update(min=90), "bands[].min"),
        (lambda r: r.pop("caveat"), "caveat"),
        (lambda r: r.pop("no_score"), "no_score"),
        (lambda r: r["too_few"].update(min_coverage=2), "too_few.min_coverage"),
        (lambda r: r["too_few"].update(id="strong"), "bands[].id"),
        (lambda r: r["weights"].update(strong=0), "weights.strong"),
        (lambda r: r["confidence"][2].update(min_coverage=0.1), "confidence[].min_coverage"),
    ],
)
def test_a_broken_catalog_names_the_field(mutate, field):
    with pytest.raises(CatalogError, match=re.escape(f"data/catalog.toml: {field} must be")):
        catalog.parse(broken(mutate))


def test_invalid_toml_is_a_catalog_error():
    with pytest.raises(CatalogError, match="not valid TOML"):
        catalog.parse("version = ")
