"""Scoring at its edges: just below, exactly at and just above every threshold
in data/catalog.toml (the verdict bands, the confidence levels, the share too
few to judge).

The expected verdicts and levels come from the catalog file's own numbers,
read here with tomllib, never from the code under test: a band's minimum
scores in that band, one point less in the band below. The answer sets that
hit an exact score or an exact counted weight are found by searching the
catalog's real weights and points.
"""

from __future__ import annotations

import itertools
import math
import tomllib
from fractions import Fraction
from functools import cache

import pytest

from interview_signals import catalog, scoring

CAT = catalog.load()
RAW = tomllib.loads(catalog.package_text("catalog.toml"))

WEIGHTS = {s["id"]: RAW["weights"][s["strength"]] for s in RAW["signals"]}
POINTS = {s["id"]: {a["id"]: a["points"] for a in s["answers"]} for s in RAW["signals"]}
TOTAL = sum(WEIGHTS.values())
BANDS = [(b["min"], b["id"]) for b in RAW["bands"]]  # highest first, as the file lists them
LEVELS = [(c["min_coverage"], c["level"]) for c in RAW["confidence"]]  # highest first
TOO_FEW = RAW["too_few"]["min_coverage"]
NOT_COUNTED = "unsure"  # answered, but left out of the score


def band_cases() -> list[tuple[int, str]]:
    """(score, the band it must land in): each band's minimum, one above it, and one below it in the band beneath."""
    cases = []
    for n, (low, band) in enumerate(BANDS):
        cases += [(low, band), (low + 1, band)]
        if n + 1 < len(BANDS):
            cases.append((low - 1, BANDS[n + 1][1]))
    return cases


def weight_at_least(share: float) -> int:
    """The least whole counted weight whose share of the total is at least ``share`` (as written in the file)."""
    return math.ceil(Fraction(str(share)) * TOTAL)


def level_cases() -> list[tuple[int, str]]:
    """(counted weight, the confidence it must give): at (or just past) each level's minimum, and one less."""
    cases = []
    for n, (share, level) in enumerate(LEVELS):
        least = weight_at_least(share)
        cases.append((least, level))
        if share > 0:
            cases.append((least - 1, LEVELS[n + 1][1]))
        if least + 1 <= TOTAL:
            cases.append((least + 1, level))
    return cases


@cache
def exact_scores() -> dict[int, dict[str, str]]:
    """An answer set for each score some answers hit exactly (no rounding), counting enough weight for a verdict,
    found by trying every answer (or none) for every signal."""
    found: dict[int, dict[str, str]] = {}
    signals = list(POINTS)
    for picks in itertools.product(*([None, *POINTS[s]] for s in signals)):
        chosen = {s: a for s, a in zip(signals, picks, strict=True) if a is not None}
        weight = sum(WEIGHTS[s] for s in chosen)
        if weight < weight_at_least(TOO_FEW):
            continue
        weighted = sum(WEIGHTS[s] * POINTS[s][a] for s, a in chosen.items())
        if weighted % weight == 0:
            found.setdefault(weighted // weight, chosen)
    return found


def signal_sets_of_weight(weight: int) -> list[tuple[str, ...]]:
    """The signals to answer for exactly ``weight`` of the total: the set with the fewest signals and the one
    with the most, so a share counted by signals instead of by weight is caught."""
    sets = [
        chosen
        for size in range(len(WEIGHTS) + 1)
        for chosen in itertools.combinations(WEIGHTS, size)
        if sum(WEIGHTS[s] for s in chosen) == weight
    ]
    assert sets, f"no signals add up to a weight of {weight}"
    return [sets[0], sets[-1]]


def answered(chosen: tuple[str, ...]) -> dict[str, str]:
    """The best answer to each chosen signal, "unsure" to the rest."""
    return {s: next(iter(POINTS[s])) if s in chosen else NOT_COUNTED for s in POINTS}


def test_the_thresholds_are_read_from_the_catalog_as_written():
    """The raw numbers these tests take as truth are the ones the app loaded."""
    assert [(b.min, b.id) for b in CAT.bands] == BANDS
    assert [(low, level) for level, low in CAT.confidence] == LEVELS
    assert CAT.verdict_coverage == TOO_FEW
    assert sum(s.weight for s in CAT.signals) == TOTAL


@pytest.mark.parametrize(("score", "band"), band_cases())
def test_a_score_at_a_band_minimum_is_in_that_band_one_below_is_not(score, band):
    assert CAT.band_for(score).id == band
    assert CAT.band_for(score, 1.0).id == band


@pytest.mark.parametrize(("score", "band"), [(s, b) for s, b in band_cases() if s in exact_scores()])
def test_answers_scoring_exactly_at_a_band_edge_get_that_band(score, band):
    answers = exact_scores()[score]
    result = scoring.assess(CAT, answers)
    assert (result.score, result.band.id) == (score, band), answers


def test_every_band_edge_is_reached_by_some_answers():
    """So the end-to-end cases above cover each minimum, and one below it, with real answers."""
    wanted = {low for low, _ in BANDS} | {low - 1 for low, _ in BANDS if low > 0}
    assert wanted <= set(exact_scores())


def test_the_too_few_line_is_exactly_its_share():
    share = TOO_FEW
    just_below = math.nextafter(share, 0)
    top_band = BANDS[0][1]
    assert CAT.band_for(100, share).id == top_band
    assert CAT.band_for(100, just_below).id == RAW["too_few"]["id"]
    assert CAT.band_for(100, math.nextafter(share, 1)).id == top_band
    assert CAT.band_for(None, share).id == CAT.band_for(None, just_below).id == RAW["no_score"]["id"]


@pytest.mark.parametrize("weight", [weight_at_least(TOO_FEW) - 1, weight_at_least(TOO_FEW), weight_at_least(TOO_FEW) + 1])
def test_answers_just_under_the_too_few_line_get_no_verdict(weight):
    enough = Fraction(weight, TOTAL) >= Fraction(str(TOO_FEW))
    for chosen in signal_sets_of_weight(weight):
        result = scoring.assess(CAT, answered(chosen))
        assert result.score == 100
        assert result.band.id == (BANDS[0][1] if enough else RAW["too_few"]["id"]), (weight, chosen)


@pytest.mark.parametrize(("weight", "level"), level_cases())
def test_the_confidence_of_a_counted_weight_at_each_level_edge(weight, level):
    _, _, confidence, coverage = scoring.verdict(CAT, weight, 100 * weight)
    assert confidence == level
    assert coverage == weight / TOTAL


REACHABLE = {sum(WEIGHTS[s] for s in chosen) for n in range(len(WEIGHTS) + 1) for chosen in itertools.combinations(WEIGHTS, n)}


@pytest.mark.parametrize(("weight", "level"), [case for case in level_cases() if case[0] in REACHABLE])
def test_answers_covering_a_level_edge_get_that_confidence(weight, level):
    for chosen in signal_sets_of_weight(weight):
        result = scoring.assess(CAT, answered(chosen))
        assert (result.confidence, result.counted) == (level, len(chosen)), (weight, chosen)
        assert result.coverage == weight / TOTAL


def test_a_level_edge_that_is_a_whole_weight_is_tested_exactly_at_it():
    """Half the weight (medium) is a whole number of points of weight here: the `>=` itself is tested."""
    exact = [share for share, _ in LEVELS if share > 0 and (Fraction(str(share)) * TOTAL).denominator == 1]
    assert exact, "no confidence minimum falls on a whole weight: the edge cases test only either side of it"
    assert all((weight_at_least(share), level) in level_cases() for share, level in LEVELS if share in exact)
