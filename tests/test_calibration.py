"""Calibration: each sign's offer rate, shrunk toward the user's base rate, with how sure it can be."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_signals import calibration
from interview_signals.calibration import Beta, Counts

# The hand-worked history of tests/test_history.py: 5 decided interviews, 2 offers.
# p0 = 3/7, so the prior is Beta(12/7, 16/7).
DECIDED = Counts(5, 2)
SIGNS = {
    "vibe": (Counts(3, 2), Counts(2, 0)),
    "pitch": (Counts(2, 1), Counts(2, 1)),
    "tour": (Counts(1, 1), Counts(0, 0)),
}
# scipy.stats.beta.ppf for the percentiles; P(good > other) by numerical integration
# of pdf_good x cdf_other with scipy.integrate.quad (scipy 1.17.1).
REFERENCE = {
    "vibe": {"good": (0.2931, 0.7636), "other": (0.0809, 0.5282), "p_good_better": 0.8363},
    "pitch": {"good": (0.2046, 0.7086), "other": (0.2046, 0.7086), "p_good_better": 0.5},
    "tour": {"good": (0.2639, 0.8123), "other": (0.1388, 0.7391), "p_good_better": 0.6481},
}


def test_the_base_rate_and_prior_are_worth_four_interviews_at_the_users_own_rate():
    assert calibration.base_rate(DECIDED) == pytest.approx(3 / 7)
    assert calibration.prior(DECIDED) == pytest.approx(Beta(12 / 7, 16 / 7))


def test_posterior_means_match_a_hand_count():
    # mean = (4·p0 + offers) / (4 + n), with 4·p0 = 12/7
    by_hand = {
        "vibe": (Fraction(12, 7) + 2) / 7,  # 26/49
        "pitch": (Fraction(12, 7) + 1) / 6,  # 19/42, both groups
        "tour": (Fraction(12, 7) + 1) / 5,  # 19/35
    }
    found = {entry["id"]: entry for entry in calibration.calibrate(DECIDED, SIGNS, {})["signals"]}
    for signal, mean in by_hand.items():
        assert found[signal]["good"]["mean"] == round(float(mean), 3), signal
    assert found["vibe"]["other"]["mean"] == round(12 / 7 / 6, 3)  # no offers in 2
    assert found["pitch"]["other"]["mean"] == round(19 / 42, 3)
    assert found["tour"]["other"]["mean"] == round(3 / 7, 3)  # no interviews: the prior's mean, the base rate


def test_intervals_and_chances_match_a_reference_computation():
    found = {entry["id"]: entry for entry in calibration.calibrate(DECIDED, SIGNS, {})["signals"]}
    for signal, expected in REFERENCE.items():
        for group in ("good", "other"):
            low, high = expected[group]
            assert found[signal][group]["low"] == pytest.approx(low, abs=0.01), (signal, group)
            assert found[signal][group]["high"] == pytest.approx(high, abs=0.01), (signal, group)
        assert found[signal]["p_good_better"] == pytest.approx(expected["p_good_better"], abs=0.01), signal


@pytest.mark.parametrize(
    ("good", "other", "low", "high", "chance"),
    [
        # 40 decided, 12 offers: p0 = 13/42. scipy's values, as above.
        (Counts(15, 9), Counts(20, 3), (0.3927, 0.0854), (0.6831, 0.2799), 0.995),
    ],
)
def test_a_larger_history_matches_the_reference_too(good, other, low, high, chance):
    start = calibration.prior(Counts(40, 12))
    entry = calibration.sign("pitch", good, other, start)
    assert (entry["good"]["low"], entry["other"]["low"]) == pytest.approx(low, abs=0.01)
    assert (entry["good"]["high"], entry["other"]["high"]) == pytest.approx(high, abs=0.01)
    assert entry["p_good_better"] == pytest.approx(chance, abs=0.01)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Beta(3.7, 2.3), Beta(1.7, 4.3)),
        (Beta(0.05, 3.95), Beta(2.5, 6.5)),  # a tiny base rate: most of the belief sits near 0
        (Beta(250.4, 310.6), Beta(240.2, 320.8)),  # many interviews: narrow beliefs
    ],
)
def test_the_chance_agrees_with_drawing_at_random(first, second):
    draws = random.Random(13)
    n = 20_000
    wins = sum(draws.betavariate(*first) > draws.betavariate(*second) for _ in range(n))
    assert calibration.chance_higher(first, second) == pytest.approx(wins / n, abs=0.01)


@pytest.mark.parametrize(
    ("first", "second", "low", "high", "chance"),
    [
        # scipy.stats.beta.ppf, and scipy.integrate.quad of pdf_first x cdf_second (scipy 1.17.1)
        (Beta(26 / 7, 23 / 7), Beta(12 / 7, 30 / 7), 0.293072, 0.763620, 0.836262),
        (Beta(0.3, 0.5), Beta(0.5, 0.3), 0.001313, 0.949378, 0.300255),  # U-shaped: mass piled at both ends
        (Beta(250.4, 310.6), Beta(240.2, 320.8), 0.419498, 0.473276, 0.730528),
        (Beta(0.05, 3.95), Beta(2.5, 6.5), 0.0, 0.021644, 0.015763),
    ],
)
def test_the_grid_is_as_good_as_an_exact_computation(first, second, low, high, chance):
    """Unrounded, the grid's percentiles and chance are within 0.0001 of scipy's (the report rounds to 0.001)."""
    assert calibration.interval(first) == pytest.approx((low, high), abs=1e-4)
    assert calibration.chance_higher(first, second) == pytest.approx(chance, abs=1e-4)


def test_the_chance_of_higher_is_complementary():
    first, second = Beta(2.2, 5.1), Beta(4.4, 1.9)
    assert calibration.chance_higher(first, second) + calibration.chance_higher(second, first) == pytest.approx(1, abs=1e-6)
    assert calibration.chance_higher(first, first) == pytest.approx(0.5, abs=1e-6)


def test_the_interval_holds_the_mean_and_eighty_percent():
    belief = Beta(6.3, 9.1)
    low, high = calibration.interval(belief)
    draws = random.Random(5)
    inside = sum(low <= draws.betavariate(*belief) <= high for _ in range(20_000)) / 20_000
    assert low < belief.mean < high
    assert inside == pytest.approx(0.8, abs=0.01)


@settings(max_examples=60, deadline=None)
@given(
    decided=st.integers(5, 400),
    data=st.data(),
)
def test_more_offers_while_a_sign_was_good_never_lower_its_rate(decided, data):
    """Turn one interview where the sign read good from a miss into an offer: the good rate never drops."""
    good_n = data.draw(st.integers(1, decided), label="good_n")
    good_offers = data.draw(st.integers(0, good_n - 1), label="good_offers")
    offers = data.draw(st.integers(good_offers, decided - (good_n - good_offers)), label="offers")
    other_n = data.draw(st.integers(0, decided - good_n), label="other_n")
    other_offers = data.draw(
        st.integers(max(0, other_n - (decided - good_n - (offers - good_offers))), min(other_n, offers - good_offers))
    )
    before = calibration.sign(
        "s", Counts(good_n, good_offers), Counts(other_n, other_offers), calibration.prior(Counts(decided, offers))
    )
    after = calibration.sign(
        "s", Counts(good_n, good_offers + 1), Counts(other_n, other_offers), calibration.prior(Counts(decided, offers + 1))
    )
    assert after["good"]["mean"] >= before["good"]["mean"]
    assert after["good"]["low"] >= before["good"]["low"]
    assert after["good"]["high"] >= before["good"]["high"]


def test_signs_come_most_telling_first_and_thin_ones_last():
    signs = {
        "thin": (Counts(2, 2), Counts(9, 0)),  # the biggest gap, but only 2 interviews read good
        "flat": (Counts(5, 2), Counts(5, 2)),
        "telling": (Counts(6, 5), Counts(6, 1)),
        "reverse": (Counts(6, 1), Counts(6, 4)),
    }
    found = calibration.calibrate(Counts(12, 5), signs, {})
    assert [entry["id"] for entry in found["signals"]] == ["telling", "flat", "reverse", "thin"]
    assert [entry["enough"] for entry in found["signals"]] == [True, True, True, False]
    chances = [entry["p_good_better"] for entry in found["signals"][:3]]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] > 0.9 > 0.1 > chances[2]


def test_ties_keep_the_questionnaires_order():
    same = (Counts(4, 2), Counts(4, 2))
    found = calibration.calibrate(Counts(8, 4), {"b": same, "c": same, "a": same}, {}, order=("c", "a", "b"))
    assert [entry["id"] for entry in found["signals"]] == ["c", "a", "b"]


def test_enough_needs_three_interviews_in_each_group():
    start = calibration.prior(DECIDED)
    assert calibration.sign("s", Counts(3, 1), Counts(3, 1), start)["enough"] is True
    assert calibration.sign("s", Counts(3, 1), Counts(2, 1), start)["enough"] is False
    assert calibration.sign("s", Counts(2, 1), Counts(3, 1), start)["enough"] is False


def test_the_caveat_names_the_counts_and_the_size_of_chance():
    assert (
        calibration.caveat(Counts(12, 4))
        == "12 decided interviews; with so few, differences under about 35 points can be chance."
    )
    assert (
        calibration.caveat(Counts(400, 100)) == "400 decided interviews; even so, differences under about 5 points can be chance."
    )
    # more interviews, smaller differences can be told from chance
    gaps = [calibration.chance_gap(Counts(n, n // 3)) for n in (5, 12, 30, 100, 1000)]
    assert gaps == sorted(gaps, reverse=True) and gaps[0] > gaps[-1]


def test_offers_by_verdict_and_the_totals_are_kept():
    found = calibration.calibrate(DECIDED, {}, {"strong": Counts(3, 2), "weak": Counts(2, 0)})
    assert found["by_verdict"] == {"strong": {"n": 3, "offers": 2}, "weak": {"n": 2, "offers": 0}}
    assert (found["n"], found["offers"], found["offer_rate"], found["base_rate"]) == (5, 2, 0.4, 0.429)


@pytest.mark.parametrize(
    ("decided", "gap"),
    [
        # 1.2816 x sqrt(p0 (1 - p0) x 4 / n), p0 = (k + 1) / (n + 2), to the nearest 5 points, worked by hand
        (Counts(5, 2), 55),  # p0 = 3/7: 0.567
        (Counts(12, 4), 35),  # p0 = 5/14: 0.354
        (Counts(30, 10), 20),  # p0 = 11/32: 0.222
        (Counts(100, 30), 10),  # p0 = 31/102: 0.118
        (Counts(1, 0), 100),  # 1.21: never more than 100 points
    ],
)
def test_the_size_of_chance_worked_by_hand(decided, gap):
    assert calibration.chance_gap(decided) == gap


def test_one_decided_interview_is_named_so_and_none_has_no_rate():
    assert calibration.caveat(Counts(1, 0)).startswith("1 decided interview; with so few,")
    empty = calibration.calibrate(Counts(0, 0), {}, {})
    assert (empty["n"], empty["offer_rate"], empty["base_rate"], empty["prior_weight"]) == (0, None, 0.5, 4)


def test_a_sign_the_questionnaire_no_longer_asks_comes_after_those_it_does_on_a_tie():
    same = (Counts(4, 2), Counts(4, 2))
    found = calibration.calibrate(Counts(8, 4), {"retired": same, "vibe": same}, {}, order=("vibe",))
    assert [entry["id"] for entry in found["signals"]] == ["vibe", "retired"]
