"""Numbers in plain words: what `stats` and a report's score say, for a reader with no statistics.

The one home of this wording: the terminal (report.py), the Markdown, HTML
and SVG pages (formats.py) and any other view take their sentences and cells
from here, so they all say the same.

The rules it keeps:

* a count stands as a count ("5 of 6"), and a percentage beside it is that
  count's own share, or is labelled for what else it is: "offer rate likely
  48-85%" is the estimate (calibration.py's 80% interval), "Real?" the chance
  a good reading truly goes with more offers, said in words beside it
  (REAL_WORDS: "can't tell" near a coin toss);
* a side with no interviews has no number: "no data yet";
* the signs that most clearly went with offers are said in a sentence each,
  in the catalog's own words (``when_good``, ``when_other``);
* a score from too few signs is given plainly, never drawn as a verdict.

Pure: the stats and report dicts in, strings out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from interview_signals import calibration
from interview_signals.calibration import Counts
from interview_signals.text import counted

CLEAR = 0.8  # a sign clearly went with offers: this chance or more that a good reading goes with more, and enough data
MOST_SENTENCES = 3  # the clearest signs said in a sentence above the table
SMALLEST_DIFFERENCE = 0.2  # with no wider gap in sight, "about N more" waits for one of 20 points

# The words of the table
OFFERS = "Offers"
LIKELY = "Likely"
DECIDED = "an offer, a rejection or no reply"  # what a decided interview is (outcomes.DECISIVE), said plainly
REAL = "Real?"
RATE_LIKELY = "offer rate likely"  # a range said on its own, where no header names it: "offer rate likely 48-85%"
# Real? in words beside its number, by the whole percentage shown, highest band first. 50% is a
# coin toss (no link either way); under 70% (odds under about 2 to 1) it is too near one to tell;
# from 90% (9 to 1 and up) the link is very likely; in between, probably.
REAL_WORDS = ((0.9, "very likely"), (0.7, "probably"), (0.0, "can't tell"))
NO_DATA = "no data yet"
TOO_FEW = "too few"
SIDES = {"good": "good", "other": "otherwise"}  # each sign's two sides, as the table names them


class Phrased(Protocol):
    """What ``phrasing`` reads of a catalog signal."""

    @property
    def id(self) -> str: ...
    @property
    def when_good(self) -> str: ...
    @property
    def when_other(self) -> str: ...


def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole percentage, halves rounded up, as a person works it by hand: 1 of 8 is 13%."""
    return f"{(200 * part + whole) // (2 * whole)}%"


def percent(rate: float) -> str:
    """A rate (0-1) as a whole percentage."""
    return f"{round(100 * rate)}%"


def base_line(cal: Mapping[str, Any]) -> str:
    """How many decided interviews ended in an offer, and that count's own share: never the prior's centre."""
    n, offers = cal["n"], cal["offers"]
    rate = f" ({share(offers, n)})" if n else ""
    decided = f"{counted(n, 'decided interview')} ({DECIDED})" if n else counted(n, "decided interview")
    return f"{offers} of {decided} ended in an offer{rate}."


def counts(group: Mapping[str, Any]) -> str:
    """One side of a sign: "5 of 6" (offers of interviews), or "no data yet"."""
    return f"{group['offers']} of {group['n']}" if group["n"] else NO_DATA


def likely(group: Mapping[str, Any]) -> str:
    """Where that side's offer rate likely lies (its 80% interval), "48-85%"; nothing for a side with no data."""
    return f"{round(100 * group['low'])}-{percent(group['high'])}" if group["n"] else ""


def real(entry: Mapping[str, Any]) -> str:
    """The chance a good reading truly goes with more offers, "99%"; "too few" while a side is too thin to read."""
    return percent(entry["p_good_better"]) if entry["enough"] else TOO_FEW


def real_words(entry: Mapping[str, Any]) -> str:
    """The chance a good reading truly goes with more offers in words (REAL_WORDS), "can't tell" for
    60%; nothing while a side is too thin to read. By the whole percentage shown, so the two agree."""
    if not entry["enough"]:
        return ""
    shown = round(100 * entry["p_good_better"])
    return next(words for least, words in REAL_WORDS if shown >= round(100 * least))


def legend() -> list[str]:
    """One short line for each column that is not a plain count."""
    return [
        f"{OFFERS}: of the interviews where the sign read that way, how many ended in an offer.",
        f"{LIKELY}: where your offer rate probably lies when the sign reads that way (4 chances in 5); "
        "while the counts are small it leans toward your overall rate.",
        f"{REAL}: how sure it is that this sign's link to offers is not just luck: "
        + ", ".join(_band(n) for n in range(len(REAL_WORDS) - 1, -1, -1))
        + " (50% is a coin toss).",
    ]


def _band(n: int) -> str:
    """REAL_WORDS[n] as the legend says it: "under 70% can't tell", "from 90% very likely"."""
    least, words = REAL_WORDS[n]
    if n == len(REAL_WORDS) - 1:
        return f"under {percent(REAL_WORDS[n - 1][0])} {words}"
    return f"from {percent(least)} {words}"


def few_note() -> str:
    """Under the table, when a sign is too thin to read."""
    return f"{TOO_FEW}: under {calibration.ENOUGH} interviews on one side, so not read yet (dimmed, last)."


def closing(cal: Mapping[str, Any]) -> str:
    """The last words: how big a difference chance can make (the caveat), and what to make of it all."""
    return f"{cal['caveat']} Treat this as a hint about your own interviews, not a rule."


def phrasing(signals: Iterable[Phrased]) -> dict[str, tuple[str, str]]:
    """Each signal's (when it read good, when it didn't) words, from the catalog."""
    return {s.id: (s.when_good, s.when_other) for s in signals}


def clear(cal: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The signs that clearly went with offers, clearest first: enough data on both sides and a chance of CLEAR or more."""
    return [e for e in cal["signals"] if e["enough"] and e["p_good_better"] >= CLEAR]


def standouts(cal: Mapping[str, Any], phrases: Mapping[str, tuple[str, str]], titles: Mapping[str, str]) -> list[str]:
    """Up to MOST_SENTENCES sentences for the signs that most clearly went with offers, or,
    when none did yet, one saying so and about how many more decided interviews would tell.

    "When they asked when you could start, 4 of 4 interviews ended in an offer; when they didn't, 1 of 8."
    A sign the catalog no longer has is named by its title (or id) in quotes."""
    said = []
    for entry in clear(cal)[:MOST_SENTENCES]:
        title = titles.get(entry["id"], entry["id"])
        when_good, when_other = phrases.get(entry["id"], (f"'{title}' read good", "it didn't"))
        good, other = entry["good"], entry["other"]
        said.append(
            f"When {when_good}, {good['offers']} of {counted(good['n'], 'interview')} ended in an offer; "
            f"when {when_other}, {other['offers']} of {other['n']}."
        )
    if said:
        return said
    return [
        f"With {counted(cal['n'], 'decided interview')}, no sign has clearly gone with more offers yet: "
        f"about {more_to_tell(cal)} more would tell."
    ]


def more_to_tell(cal: Mapping[str, Any]) -> int:
    """About how many more decided interviews before a sign could stand out.

    The widest gap seen now between a sign's two sides (raw shares, good
    minus otherwise; at least SMALLEST_DIFFERENCE) is taken as the gap to
    find, and calibration.decided_to_show says how many decided interviews,
    at the user's base rate, put a gap that wide clear of chance: the caveat's
    own logic turned round. Never fewer than calibration.ENOUGH more, as a
    thin side needs that many interviews before it is read at all.
    """
    gaps = [_gap(e["good"], e["other"]) for e in cal["signals"] if e["good"]["n"] and e["other"]["n"]]
    widest = max([SMALLEST_DIFFERENCE, *gaps])
    decided = Counts(int(cal["n"]), int(cal["offers"]))
    return max(calibration.ENOUGH, calibration.decided_to_show(decided, widest) - decided.n)


def _gap(good: Mapping[str, Any], other: Mapping[str, Any]) -> float:
    return min(1.0, float(good["offers"] / good["n"] - other["offers"] / other["n"]))


def by_verdict(verdicts: Mapping[str, Mapping[str, int]]) -> str:
    """Offers by verdict, as counts: "strong: 5 of 6, promising: 0 of 4"."""
    return ", ".join(f"{name}: {c['offers']} of {c['n']}" for name, c in verdicts.items())


# -- a report's score ------------------------------------------------------------------


def judged(doc: Mapping[str, Any], too_few: str) -> bool:
    """Whether the report's score comes with a verdict, and so may be drawn as a bar.
    ``too_few`` is the catalog's verdict for too few signs (Catalog.too_few.id)."""
    return doc.get("score") is not None and doc.get("verdict") != too_few


def score_words(doc: Mapping[str, Any], too_few: str) -> str:
    """The score as words: "72/100"; "no score"; or, from too few signs,
    "100/100 from only 1 sign, not a verdict"."""
    score = doc.get("score")
    if score is None:
        return "no score"
    if judged(doc, too_few):
        return f"{score}/100"
    signs = doc.get("counted")
    many = f" from only {counted(signs, 'sign')}" if isinstance(signs, int) and not isinstance(signs, bool) else ""
    return f"{score}/100{many}, not a verdict"
