"""Scoring rules, as properties: they must hold for every set of answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from interview_signals import catalog, scoring

CAT = catalog.load()


def answers_strategy(with_non_answers: bool = True):
    """Any subset of signals, each with any answer it accepts."""
    options = {s.id: list(s.answer_ids if with_non_answers else [a.id for a in s.answers]) for s in CAT.signals}
    return st.fixed_dictionaries({}, optional={sid: st.sampled_from(ids) for sid, ids in options.items()})


def test_all_best_answers_score_100_and_all_worst_score_0():
    best = scoring.assess(CAT, {s.id: s.answers[0].id for s in CAT.signals})
    worst = scoring.assess(CAT, {s.id: s.answers[-1].id for s in CAT.signals})
    assert (best.score, best.band.id, best.confidence) == (100, "strong", "high")
    assert (worst.score, worst.band.id) == (0, "weak")


def test_nothing_answered_gives_no_score_and_says_so():
    result = scoring.assess(CAT, {})
    assert result.score is None
    assert result.band.id == "unknown"
    assert result.confidence == "low"
    assert result.counted == 0


def test_only_non_answers_give_no_score():
    result = scoring.assess(CAT, {s.id: "unsure" for s in CAT.signals} | {"tour": "not_applicable"})
    assert result.score is None and result.band.id == "unknown"


def test_the_score_is_the_weighted_mean_of_counted_points():
    # vibe warm (100 × 2) and pitch downsides (0 × 3): 200 / 5 = 40
    result = scoring.assess(CAT, {"vibe": "warm", "pitch": "downsides", "tour": "unsure"})
    assert result.score == 40
    assert result.counted == 2
    readings = {r.signal.id: r.reading for r in result.results}
    assert readings["tour"] == "not counted" and readings["vibe"] == "good" and readings["pitch"] == "concerning"


def test_concerning_answers_bring_their_meaning_as_advice_first():
    result = scoring.assess(CAT, {"pitch": "downsides", "vibe": "warm"})
    kinds = [(a.kind, a.signal) for a in result.advice]
    assert kinds[0] == ("concern", "pitch")
    assert [k for k, _ in kinds[1:]] == ["next_step"] * len(CAT.next_steps)


@given(answers_strategy(), st.sampled_from(CAT.signals), st.data())
def test_a_better_answer_never_lowers_the_score(answers, signal, data):
    scored = [a.id for a in signal.answers]
    worse_index = data.draw(st.integers(1, len(scored) - 1))
    better_index = data.draw(st.integers(0, worse_index - 1))
    worse = scoring.assess(CAT, answers | {signal.id: scored[worse_index]})
    better = scoring.assess(CAT, answers | {signal.id: scored[better_index]})
    assert better.score >= worse.score


@given(answers_strategy())
def test_non_answers_are_left_out_and_lower_confidence(answers):
    result = scoring.assess(CAT, answers)
    counted = {r.signal.id for r in result.results if r.counted}
    expected = {k for k, v in answers.items() if v not in ("unsure", "not_applicable")}
    assert counted == expected
    same_without = scoring.assess(CAT, {k: v for k, v in answers.items() if k in expected})
    assert same_without.score == result.score
    full = scoring.assess(CAT, {s.id: s.answers[0].id for s in CAT.signals})
    levels = [level for level, _ in CAT.confidence]  # high first
    assert levels.index(result.confidence) >= levels.index(full.confidence)


@given(answers_strategy())
def test_score_is_in_range_and_band_matches(answers):
    result = scoring.assess(CAT, answers)
    if result.score is None:
        assert result.counted == 0
    else:
        assert 0 <= result.score <= 100
        assert result.band == CAT.band_for(result.score, result.coverage)
        if result.coverage < CAT.verdict_coverage:
            assert result.band.id == "too_few"
        else:
            assert result.score >= result.band.min


def test_one_glowing_answer_is_too_few_for_a_verdict():
    result = scoring.assess(CAT, {"vibe": "warm"})
    assert (result.score, result.band.id, result.confidence) == (100, "too_few", "low")
    enough = scoring.assess(CAT, {"vibe": "warm", "pitch": "yes", "next_steps": "concrete"})  # 8 of 22: over a third
    assert enough.band.id == "strong"


def test_weighed_holds_every_result_and_concern_an_answer_can_give():
    weighed = scoring.weighed(CAT)
    assert [signal_id for signal_id, _ in weighed] == [s.id for s in CAT.signals]
    entries = [entry for _, by_answer in weighed for entry in by_answer.values()]
    results = [result for result, _, _, _, _ in entries]
    concerns = [concern for _, concern, _, _, _ in entries if concern is not None]
    assert sorted((r.signal.id, r.answer or "") for r in results) == sorted(
        (s.id, a) for s in CAT.signals for a in (*s.answer_ids, "")
    )
    assert all(r.counted == (r.answer in [a.id for a in r.signal.answers]) for r in results)
    assert all(
        (weight, points) == ((r.signal.weight, r.signal.weight * r.points) if r.counted else (0, 0))
        for r, _, _, weight, points in entries
    )
    assert sorted((c.kind, c.signal, c.text) for c in concerns) == sorted(
        ("concern", s.id, a.meaning) for s in CAT.signals for a in s.answers if a.meaning
    )
    # an answer of "unsure" or one read as concerning asks its signal's questions; any other asks none
    for r, _, questions, _, _ in entries:
        in_doubt = r.answer == "unsure" or r.reading == "concerning"
        assert (questions is not None) == in_doubt, (r.signal.id, r.answer)
        if questions is not None:
            assert [(q.signal, q.text) for q in questions] == [(r.signal.id, text) for text in r.signal.ask_next]
    # what assess gives is drawn from them, so `score` can precompute its output
    assessed = scoring.assess(CAT, {s.id: s.answers[-1].id for s in CAT.signals})
    assert all(any(r is p for p in results) for r in assessed.results)
    assert all(any(a is c for c in concerns) for a in assessed.advice if a.kind == "concern")
    asked = [q for _, _, questions, _, _ in entries if questions is not None for q in questions]
    assert assessed.ask_next and all(any(q is a for a in asked) for q in assessed.ask_next)


def test_signs_in_doubt_ask_their_questions_in_catalog_order():
    """Unsure and concerning answers ask; good and neutral ones, not_applicable and unanswered do not."""
    answers = {
        "vibe": "warm",  # good
        "tour": "not_applicable",
        "extra_people": "no",  # neutral
        "start_date": "unsure",
        "length": "cut_short",  # concerning
        "pitch": "yes",  # good
        "other_offers": "unsure",
        "next_steps": "vague",  # concerning, and ahead of other_offers in the answers given: catalog order wins
    }
    answers = {"next_steps": answers.pop("next_steps"), **answers}
    result = scoring.assess(CAT, answers)
    in_doubt = ("start_date", "length", "other_offers", "next_steps")
    assert [(q.signal, q.text) for q in result.ask_next] == [(s, text) for s in in_doubt for text in CAT.signal(s).ask_next]
    assert [q.signal for q in result.ask_next] == ["start_date"] * 2 + ["length"] + ["other_offers"] * 2 + ["next_steps"] * 2


def test_good_neutral_and_unanswered_signs_ask_nothing():
    assert scoring.assess(CAT, {s.id: s.answers[0].id for s in CAT.signals}).ask_next == ()
    neutral = {s.id: a.id for s in CAT.signals for a in s.answers if a.reading == "neutral"}
    assert scoring.assess(CAT, neutral | {"tour": "not_applicable"}).ask_next == ()
    assert scoring.assess(CAT, {}).ask_next == ()
    assert scoring.assess(CAT, {"vibe": "lukewarm"}).ask_next == ()  # an answer an older catalog had: not counted, no question


def test_an_answer_the_catalog_does_not_know_is_not_counted_but_still_named():
    """A report from an older catalog may hold an answer this one lacks."""
    result = scoring.assess(CAT, {"vibe": "lukewarm", "pitch": "yes"})
    vibe = next(r for r in result.results if r.signal.id == "vibe")
    assert (vibe.signal, vibe.answer, vibe.reading, vibe.points) == (CAT.signal("vibe"), "lukewarm", "not counted", None)
    assert (result.counted, result.score) == (1, 100)
