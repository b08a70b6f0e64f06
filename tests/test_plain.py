"""Numbers a person reads right (issue 24): the plain words of `stats` and of a score.

A count stands as a count, an estimate is labelled as one, a side with no
interviews has no number, the clearest signs are said in a sentence, and a
score with too few signs behind it is never drawn as a verdict.
"""

from __future__ import annotations

import html
import math
import re

import pytest
from helpers import ALL_BEST, build_report
from rich.console import Console

from interview_signals import calibration, catalog, formats, plain, report, report_stats
from interview_signals.calibration import Counts, calibrate

TITLES = {s.id: s.title for s in catalog.load().signals}
PHRASES = {s.id: (s.when_good, s.when_other) for s in catalog.load().signals}

# The README's sample history, as counts: 12 decided interviews, 5 offers.
SAMPLE = calibrate(
    Counts(12, 5),
    {
        "length": (Counts(6, 5), Counts(6, 0)),
        "start_date": (Counts(4, 4), Counts(8, 1)),
        "next_steps": (Counts(4, 4), Counts(8, 1)),
        "tour": (Counts(7, 5), Counts(3, 0)),
        "pitch": (Counts(9, 4), Counts(3, 1)),
        "vibe": (Counts(11, 5), Counts(1, 0)),
    },
    {"strong": Counts(6, 5), "promising": Counts(6, 0)},
    list(TITLES),  # ties in the questionnaire's order, as `stats` has them
)


def stats_of(cal) -> dict:
    return {"interviews": cal["n"], "by_verdict": {}, "by_outcome": {"offer": cal["offers"]}, "calibration": cal}


def drawn(stats: dict, width: int) -> list[str]:
    console = Console(record=True, width=width)
    report_stats.render_stats(console, stats, TITLES)
    return console.export_text().splitlines()


def entry(cal, signal_id):
    return next(e for e in cal["signals"] if e["id"] == signal_id)


# -- the base line: a count, and the share it is ------------------------------------


def test_the_base_line_is_the_raw_count_and_its_own_percentage():
    assert plain.base_line(SAMPLE) == "5 of 12 decided interviews (an offer, a rejection or no reply) ended in an offer (42%)."
    one = calibrate(Counts(5, 1), {}, {})
    assert plain.base_line(one) == "1 of 5 decided interviews (an offer, a rejection or no reply) ended in an offer (20%)."


@pytest.mark.parametrize(("offers", "n", "shown"), [(1, 8, "13%"), (5, 12, "42%"), (1, 3, "33%"), (2, 3, "67%"), (0, 7, "0%")])
def test_a_raw_share_is_rounded_as_a_person_would_by_hand(offers, n, shown):
    assert plain.share(offers, n) == shown


def test_the_text_never_prints_the_prior_s_centre_or_a_shrunk_mean():
    text = "\n".join(drawn(stats_of(SAMPLE), 100))
    flat = " ".join(text.split())
    assert "5 of 12 decided interviews (an offer, a rejection or no reply) ended in an offer (42%)." in flat
    assert "43%" not in text and "base rate" not in text  # (5 + 1) / (12 + 2): the prior's centre
    length = entry(SAMPLE, "length")
    assert f"{round(100 * length['good']['mean'])}%" not in text  # 67%, beside "5 of 6", read as a sum done wrong


# -- per sign: the count as it is, the estimate labelled ---------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_each_count_stands_as_it_is_and_each_estimate_is_labelled(width):
    lines = drawn(stats_of(SAMPLE), width)
    assert max(map(len, lines)) <= width
    text = "\n".join(lines)
    length = entry(SAMPLE, "length")
    good = length["good"]
    assert plain.likely(good) == f"{round(100 * good['low'])}-{round(100 * good['high'])}%"
    count_lines = [line for line in lines if re.search(r"\b\d+ of \d+\b", line) and "%" in line and "ended" not in line]
    if width >= report.STACK_BELOW:
        assert count_lines  # a table: its header names the estimate and the chance
        header = next(line for line in lines if line.startswith("Sign"))
        assert plain.LIKELY in header and plain.REAL in header and "Sure" not in header and "Rate" not in header
        for line in count_lines:  # a percentage on a row is a range (Likely) or the last cell (Real?)
            loose = re.findall(r"(?<![\d-])\d+%", line)
            assert len(loose) <= 1 and (not loose or line.rstrip().endswith(loose[0])), line
    else:  # stacked: each range says what it is of (wrapping under it when narrow), the chance says "Real?" and its words
        sides = [line for line in lines if re.match(r"  (good|otherwise) +\d+ of \d+ ", line)]
        assert sides and all(f"{plain.RATE_LIKELY}" in line for line in sides), sides
        assert f"{TITLES['length']} · {plain.REAL} {plain.real(length)}, {plain.real_words(length)}" in text
    assert plain.legend()[-1].startswith(f"{plain.REAL}: ")
    for line in plain.legend():
        assert " ".join(line.split()) in " ".join(text.split())


def test_the_chance_column_is_explained_in_one_short_line():
    real = next(line for line in plain.legend() if line.startswith(plain.REAL))
    assert len(real) <= 160 and "offers" in real  # two lines of a terminal at most
    for least, words in plain.REAL_WORDS:  # each band of words, and where it starts
        assert words in real and (least == 0 or f"{round(100 * least)}%" in real), real
    assert plain.real(entry(SAMPLE, "length")) == f"{round(100 * entry(SAMPLE, 'length')['p_good_better'])}%"
    assert plain.real(entry(SAMPLE, "vibe")) == plain.TOO_FEW


# -- no data, no number -------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 100])
def test_a_side_with_no_interviews_says_so_and_draws_no_bar(width):
    cal = calibrate(Counts(6, 3), {"tour": (Counts(6, 3), Counts(0, 0))}, {})
    lines = drawn(stats_of(cal), width)
    other = [line for line in lines if "otherwise" in line and "interview" not in line]
    assert len(other) == 1
    assert plain.NO_DATA in other[0]
    assert "%" not in other[0] and "█" not in other[0] and "0 of 0" not in other[0]
    assert plain.counts(entry(cal, "tour")["other"]) == plain.NO_DATA
    assert plain.likely(entry(cal, "tour")["other"]) == ""


# -- the strongest signs, one sentence each -----------------------------------------


def test_the_clearest_signs_are_said_in_a_sentence_each_at_most_three():
    said = plain.standouts(SAMPLE, PHRASES, TITLES)
    clear = [e for e in SAMPLE["signals"] if e["enough"] and e["p_good_better"] >= plain.CLEAR]
    assert len(clear) > plain.MOST_SENTENCES  # four are clear here: only three are said
    assert len(said) == plain.MOST_SENTENCES
    assert said[1] == "When they asked when you could start, 4 of 4 interviews ended in an offer; when they didn't, 1 of 8."
    for sentence, e in zip(said, clear, strict=False):
        good, other = PHRASES[e["id"]]
        assert sentence.startswith(f"When {good}, {e['good']['offers']} of {e['good']['n']} interviews")
        assert sentence.endswith(f"when {other}, {e['other']['offers']} of {e['other']['n']}.")
    text = " ".join("\n".join(drawn(stats_of(SAMPLE), 80)).split())
    assert all(sentence in text for sentence in said)
    assert text.index(said[0]) < text.index("Sign ")  # above the table


def test_a_sign_without_enough_interviews_is_never_called_clear():
    # vibe: 11 good, 1 other, and a high chance; too thin on one side to be said
    cal = calibrate(Counts(12, 5), {"vibe": (Counts(11, 5), Counts(1, 0)), "pitch": (Counts(9, 4), Counts(3, 1))}, {})
    assert entry(cal, "vibe")["p_good_better"] < 1 and not entry(cal, "vibe")["enough"]
    said = plain.standouts(cal, PHRASES, TITLES)
    assert len(said) == 1 and said[0].startswith("With 12 decided interviews, no sign has clearly gone with more offers yet")


def test_when_nothing_is_clear_it_says_about_how_many_more_would_tell():
    # pitch: 2 of 3 when good, 1 of 3 otherwise; a chance of about 0.72, under CLEAR
    cal = calibrate(Counts(6, 2), {"pitch": (Counts(3, 2), Counts(3, 1)), "vibe": (Counts(4, 1), Counts(2, 1))}, {})
    assert entry(cal, "pitch")["enough"] and entry(cal, "pitch")["p_good_better"] < plain.CLEAR
    more = plain.more_to_tell(cal)
    assert plain.standouts(cal, PHRASES, TITLES) == [
        f"With 6 decided interviews, no sign has clearly gone with more offers yet: about {more} more would tell."
    ]
    # by hand: the widest gap seen is pitch's, 2/3 - 1/3; at p0 = 3/8 a gap that size stands
    # clear of chance (half an 80% interval for two halves, as in the caveat) at
    # 4 · 3/8 · 5/8 · (1.2816 / (1/3))² = 13.86..., so 14 decided interviews: 8 more than 6
    assert more == 8
    # a wide gap already, but one side too thin (2 interviews): never fewer than ENOUGH more
    thin = calibrate(Counts(6, 2), {"pitch": (Counts(4, 2), Counts(2, 0))}, {})
    assert plain.more_to_tell(thin) == calibration.ENOUGH
    # no gap at all: wait for one of SMALLEST_DIFFERENCE
    flat = calibrate(Counts(6, 2), {"pitch": (Counts(3, 1), Counts(3, 1))}, {})
    need = math.ceil(4 * (3 / 8) * (5 / 8) * (1.2816 / plain.SMALLEST_DIFFERENCE) ** 2)
    assert plain.more_to_tell(flat) == need - 6 == 33  # 4 · 3/8 · 5/8 · (1.2816 / 0.2)² = 38.5...


def test_the_count_of_more_agrees_with_the_caveat_s_size_of_chance():
    for decided in (Counts(6, 2), Counts(10, 5), Counts(20, 3)):
        for difference in (0.2, 0.35, 0.5):
            total = calibration.decided_to_show(decided, difference)
            p0 = calibration.base_rate(decided)
            half = 1.2816 * math.sqrt(p0 * (1 - p0) * 4 / total)
            before = 1.2816 * math.sqrt(p0 * (1 - p0) * 4 / (total - 1)) if total > 1 else math.inf
            assert half <= difference < before, (decided, difference)
    assert calibration.chance_gap(Counts(12, 5)) == 35  # the caveat's own figure is unchanged


def test_a_sign_the_catalog_no_longer_has_is_still_said_plainly():
    cal = calibrate(Counts(12, 5), {"gone": (Counts(4, 4), Counts(8, 1))}, {})
    said = plain.standouts(cal, PHRASES, {})
    assert said == ["When 'gone' read good, 4 of 4 interviews ended in an offer; when it didn't, 1 of 8."]


# -- a score that matches its words --------------------------------------------------

FEW = {"pitch": "yes"}  # one glowing answer: 100, but too few signs to judge


def panel(doc: dict, width: int = 80) -> str:
    console = Console(record=True, width=width)
    report.render(console, doc, TITLES)
    return console.export_text()


def test_a_score_from_too_few_signs_is_shown_plainly_with_no_bar():
    doc = build_report(FEW)
    assert (doc["score"], doc["verdict"]) == (100, catalog.load().too_few.id)
    text = panel(doc)
    assert "█" not in text and "░" not in text
    assert "100/100 from only 1 sign, not a verdict" in " ".join(text.split())


def test_a_judged_score_still_has_its_bar():
    text = panel(build_report(ALL_BEST))
    assert "█" * report.BAR_WIDTH in text and "100/100" in text


def test_the_markdown_says_the_same_words_for_a_score_from_too_few_signs():
    doc = build_report(FEW)
    page = formats.markdown(doc, TITLES)
    assert plain.score_words(doc, catalog.load().too_few.id) in page
    assert "100/100 from only 1 sign, not a verdict" in page
    judged = formats.markdown(build_report(ALL_BEST), TITLES)
    assert "· 100/100 ·" in judged


@pytest.mark.parametrize("form", ["html", "svg", "text"])
def test_the_drawn_pages_draw_no_bar_for_a_score_from_too_few_signs(form):
    doc = build_report(FEW)
    page = formats.drawn(form, lambda console: report.render(console, doc, TITLES), title="t")
    assert "█" not in page and "░" not in page
    shown = re.sub(r"\s", "", html.unescape(re.sub(r"<[^>]+>", "", page)))  # the SVG sets each run of text apart
    assert "100/100fromonly1sign,notaverdict" in shown


# -- the chance in words beside its number -------------------------------------------


@pytest.mark.parametrize(
    ("chance", "words"),
    [
        (0.5, "can't tell"),
        (0.694, "can't tell"),
        (0.696, "probably"),
        (0.89, "probably"),
        (0.896, "very likely"),
        (1, "very likely"),
    ],
)
def test_the_chance_is_said_in_words_by_the_percentage_shown(chance, words):
    """Near a coin toss (50%) it can't tell; the band follows the whole percentage printed beside it."""
    enough = {"enough": True, "p_good_better": chance}
    assert plain.real_words(enough) == words
    assert plain.real_words({"enough": False, "p_good_better": chance}) == ""


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_each_chance_shows_its_words_beside_it_at_every_width(width):
    lines = drawn(stats_of(SAMPLE), width)
    assert max(map(len, lines)) <= width, lines
    text = "\n".join(lines)
    pitch = entry(SAMPLE, "pitch")  # 4 of 9 against 1 of 3: near a coin toss
    assert plain.real(pitch) == "60%" and plain.real_words(pitch) == "can't tell"
    rows = [n for n, line in enumerate(lines) if line.startswith(TITLES["pitch"])]
    assert len(rows) == 1
    near = " ".join(lines[rows[0] : rows[0] + 2])  # its row and the one beneath
    assert "60%" in near and "can't tell" in near, near
    assert "very likely" in text and "probably" in text


def test_the_base_line_with_nothing_decided_gives_no_share_and_no_definition():
    """Nothing decided yet: a count of nought, with no percentage of nought and no "(an offer, ...)"."""
    assert plain.base_line({"n": 0, "offers": 0}) == "0 of 0 decided interviews ended in an offer."
    assert plain.base_line({"n": 1, "offers": 1}) == (
        f"1 of 1 decided interview ({plain.DECIDED}) ended in an offer ({plain.share(1, 1)})."
    )


@pytest.mark.parametrize("counted_signs", [None, True, "2"])
def test_a_too_few_score_without_a_count_of_signs_says_only_that_it_is_not_a_verdict(counted_signs):
    too_few = catalog.load().too_few.id
    doc = {"score": 100, "verdict": too_few, "counted": counted_signs}
    assert plain.score_words(doc, too_few) == "100/100, not a verdict"
    assert plain.score_words({**doc, "counted": 1}, too_few) == "100/100 from only 1 sign, not a verdict"
