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


def test_every_signal_has_one_or_two_questions_to_ask_next_time():
    for signal in catalog.load().signals:
        assert 1 <= len(signal.ask_next) <= 2, signal.id
        assert all(q.strip() == q and q.endswith("?") and len(q) <= 100 for q in signal.ask_next), signal.id


def test_every_signal_says_in_plain_words_when_it_read_good_and_when_not():
    """For the stats sentences: "When {when_good}, 4 of 4 interviews ended in an offer; when {when_other}, 1 of 8." """
    for signal in catalog.load().signals:
        for phrase in (signal.when_good, signal.when_other):
            assert phrase == phrase.strip() and phrase[0].islower() and len(phrase) <= 60, (signal.id, phrase)


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
        return '"' + item.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
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
        (lambda r: r["signals"][1].pop("strength"), "signals.tour.strength"),
        (lambda r: r["signals"][3]["answers"][2].update(reading="bad"), "signals.as_if_hired.answers[2].reading"),
        (lambda r: r["signals"][3]["answers"][2].pop("meaning"), "signals.as_if_hired.answers[2].meaning"),
        (lambda r: r["signals"][4].pop("question"), "signals.start_date.question"),
        (lambda r: r["signals"][0].pop("ask_next"), "signals.vibe.ask_next"),
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


def test_parse_takes_every_field_from_the_file():
    raw = tomllib.loads(shipped_text())
    cat = catalog.parse(shipped_text())
    assert cat.version == raw["version"]
    assert cat.caveat == raw["caveat"]
    assert [(b.id, b.label, b.min, b.summary) for b in cat.bands] == [
        (b["id"], b["label"], b["min"], b["summary"]) for b in raw["bands"]
    ]
    for band, section in ((cat.no_score, raw["no_score"]), (cat.too_few, raw["too_few"])):
        assert (band.id, band.label, band.min, band.summary) == (section["id"], section["label"], 0, section["summary"])
    assert cat.verdict_coverage == raw["too_few"]["min_coverage"]
    assert cat.confidence == tuple((c["level"], c["min_coverage"]) for c in raw["confidence"])
    assert [(n.id, n.text) for n in cat.next_steps] == [(n["id"], n["text"]) for n in raw["next_steps"]]
    assert cat.non_answer_labels == raw["non_answers"]
    for signal, section in zip(cat.signals, raw["signals"], strict=True):
        assert (signal.id, signal.title, signal.question, signal.hint, signal.strength) == (
            section["id"],
            section["title"],
            section["question"],
            section["hint"],
            section["strength"],
        )
        assert signal.weight == raw["weights"][section["strength"]]
        assert signal.not_applicable is section.get("not_applicable", False)
        assert signal.ask_next == tuple(section["ask_next"])
        assert (signal.when_good, signal.when_other) == (section["when_good"], section["when_other"])
        assert [(a.id, a.label, a.points, a.reading, a.meaning) for a in signal.answers] == [
            (a["id"], a["label"], a["points"], a["reading"], a.get("meaning", "")) for a in section["answers"]
        ]


def test_package_text_reads_a_shipped_data_file():
    assert catalog.package_text("catalog.toml") == shipped_text()


def test_a_data_file_the_installation_cannot_read_is_a_catalog_error(monkeypatch):
    monkeypatch.setattr(catalog.pkgutil, "get_data", lambda package, name: None)
    with pytest.raises(CatalogError) as err:
        catalog.package_text("catalog.toml")
    assert str(err.value) == "data/catalog.toml: cannot be read from this installation"


def test_exactly_the_verdict_coverage_is_enough_for_a_verdict():
    cat = catalog.load()
    assert cat.band_for(80, cat.verdict_coverage).id == "strong"
    assert cat.band_for(80, cat.verdict_coverage - 0.01).id == "too_few"
    assert cat.band_for(None, 1.0) is cat.no_score


def test_the_smallest_catalog_the_rules_allow_loads():
    """A weight of 1, two answers of 100 and 0, and bands and confidence ending at 0."""

    def smallest(raw):
        raw["weights"] = {"only": 1}
        raw["signals"] = [raw["signals"][0] | {"strength": "only"}]
        raw["signals"][0]["answers"] = [raw["signals"][0]["answers"][0], raw["signals"][0]["answers"][-1]]
        raw["bands"] = [raw["bands"][0] | {"min": 100}, raw["bands"][-1]]

    cat = catalog.parse(broken(smallest))
    assert [(s.id, s.weight, [a.points for a in s.answers]) for s in cat.signals] == [("vibe", 1, [100, 0])]
    assert [b.min for b in cat.bands] == [100, 0]


def set_in(path: str, value):
    """A mutation setting one field, by a path such as "signals.0.answers.1.points" (None removes it)."""

    def mutate(raw):
        *parents, last = path.split(".")
        for key in parents:
            raw = raw[int(key)] if isinstance(raw, list) else raw[key]
        if isinstance(raw, list):
            raw[int(last)] = value
        elif value is None:
            raw.pop(last)
        else:
            raw[last] = value

    return mutate


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (set_in("version", 0), "version must be a positive whole number"),
        (set_in("version", True), "version must be a positive whole number"),
        (set_in("caveat", " "), "caveat must be non-empty text"),
        (set_in("weights", None), "weights must be a table"),
        (set_in("weights.strong", 0), "weights.strong must be a positive whole number"),
        (set_in("signals", None), "signals must be a non-empty list of tables"),
        (set_in("signals.0.id", None), "signals[0].id must be non-empty text"),
        (set_in("signals.1.strength", "huge"), "signals.tour.strength must be one of strong, moderate"),
        (set_in("signals.0.title", None), "signals.vibe.title must be non-empty text"),
        (set_in("signals.0.question", None), "signals.vibe.question must be non-empty text"),
        (set_in("signals.0.hint", None), "signals.vibe.hint must be non-empty text"),
        (set_in("signals.1.not_applicable", "yes"), "signals.tour.not_applicable must be true or false"),
        (set_in("signals.0.ask_next", None), "signals.vibe.ask_next must be a non-empty list of non-empty text"),
        (set_in("signals.0.ask_next", []), "signals.vibe.ask_next must be a non-empty list of non-empty text"),
        (set_in("signals.0.ask_next", "When?"), "signals.vibe.ask_next must be a non-empty list of non-empty text"),
        (set_in("signals.8.ask_next", ["When?", 3]), "signals.next_steps.ask_next must be a non-empty list of non-empty text"),
        (set_in("signals.8.ask_next", ["When?", " "]), "signals.next_steps.ask_next must be a non-empty list of non-empty text"),
        (set_in("signals.0.when_good", None), "signals.vibe.when_good must be non-empty text"),
        (set_in("signals.4.when_other", " "), "signals.start_date.when_other must be non-empty text"),
        (
            set_in("signals.4.when_good", "they asked when you could start."),
            "signals.start_date.when_good must be a phrase on one line, without a full stop",
        ),
        (
            set_in("signals.5.when_other", "it\nended early"),
            "signals.length.when_other must be a phrase on one line, without a full stop",
        ),
        (set_in("signals.0.answers", None), "signals.vibe.answers must be a non-empty list of tables"),
        (
            lambda r: r["signals"][0].update(answers=r["signals"][0]["answers"][:1]),
            "signals.vibe.answers must be at least two answers",
        ),
        (set_in("signals.0.answers.1.id", "warm"), "signals.vibe.answers[].id must be unique (repeated: warm)"),
        (
            set_in("signals.5.answers.0.id", "unsure"),
            "signals.length.answers[].id must be not unsure or not_applicable (those are built in)",
        ),
        (
            set_in("signals.0.answers.1.points", 100),
            "signals.vibe.answers[].points must be best first: 100 for the first, 0 for the last, strictly falling",
        ),
        (set_in("signals.0.answers.0.points", 101), "signals.vibe.answers[0].points must be a whole number from 0 to 100"),
        (set_in("signals.0.answers.0.id", None), "signals.vibe.answers[0].id must be non-empty text"),
        (set_in("signals.0.answers.0.label", None), "signals.vibe.answers[0].label must be non-empty text"),
        (set_in("signals.0.answers.0.reading", None), "signals.vibe.answers[0].reading must be non-empty text"),
        (
            set_in("signals.3.answers.2.reading", "bad"),
            "signals.as_if_hired.answers[2].reading must be one of good, neutral, concerning",
        ),
        (set_in("signals.3.answers.2.meaning", 5), "signals.as_if_hired.answers[2].meaning must be text"),
        (
            set_in("signals.3.answers.2.meaning", None),
            "signals.as_if_hired.answers[2].meaning must be text saying what a concerning answer may mean",
        ),
        (set_in("bands", None), "bands must be a non-empty list of tables"),
        (set_in("bands.0.min", 101), "bands[0].min must be a whole number from 0 to 100"),
        (set_in("bands.1.id", None), "bands[1].id must be non-empty text"),
        (set_in("bands.1.label", None), "bands[1].label must be non-empty text"),
        (set_in("bands.1.summary", None), "bands[1].summary must be non-empty text"),
        (set_in("bands.3.min", 5), "bands[].min must be strictly falling from the first band, ending at 0"),
        (set_in("confidence", None), "confidence must be a non-empty list of tables"),
        (set_in("confidence.0.level", None), "confidence[0].level must be non-empty text"),
        (set_in("confidence.1.min_coverage", 2), "confidence[1].min_coverage must be a number from 0 to 1"),
        (set_in("confidence.2.min_coverage", 0.1), "confidence[].min_coverage must be strictly falling, ending at 0"),
        (set_in("non_answers", None), "non_answers must be a table"),
        (set_in("non_answers.unsure", None), "non_answers.unsure must be non-empty text"),
        (set_in("next_steps", None), "next_steps must be a non-empty list of tables"),
        (set_in("next_steps.0.id", None), "next_steps[0].id must be non-empty text"),
        (set_in("next_steps.1.text", None), "next_steps[1].text must be non-empty text"),
        (set_in("too_few", None), "too_few must be a table"),
        (set_in("too_few.min_coverage", None), "too_few.min_coverage must be a number from 0 to 1"),
        (set_in("too_few.id", None), "too_few.id must be non-empty text"),
        (set_in("too_few.label", None), "too_few.label must be non-empty text"),
        (set_in("no_score", None), "no_score must be a table"),
        (set_in("no_score.id", None), "no_score.id must be non-empty text"),
        (set_in("no_score.summary", None), "no_score.summary must be non-empty text"),
    ],
)
def test_each_check_says_which_field_and_what_it_must_be(mutate, message):
    with pytest.raises(CatalogError) as err:
        catalog.parse(broken(mutate))
    assert str(err.value) == f"data/catalog.toml: {message}"
