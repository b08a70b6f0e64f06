"""How sure a history can be: each sign's offer rate, shrunk toward the user's own base rate.

A sign read good in 3 interviews, 2 of them offers, is not a 67% sign: three
interviews say little. So every rate here is a Beta posterior:

* the base rate is p0 = (offers + 1) / (decided + 2), over every decided
  interview (offer, rejected or ghosted);
* the prior is Beta(4·p0, 4·(1 − p0)): worth four interviews at that rate, so
  a small group stays near the user's own base rate and a large one speaks
  for itself;
* a group with n interviews and k offers has the posterior
  Beta(4·p0 + k, 4·(1 − p0) + n − k): its mean, its 10th and 90th percentiles
  (an 80% interval), and the chance that the rate when the sign read good is
  higher than the rate otherwise.

The percentiles and that chance are computed on a fine grid, not drawn at
random, so they are the same on every run and quick (a few milliseconds a
sign). The grid is in log-odds, t = log(x / (1 − x)), where a Beta density
becomes x^a·(1 − x)^b: bounded and smooth for any a, b > 0, with no infinite
spike at 0 or 1. It spans the bulk of the density (a dozen of its widths
either side of the middle) plus each tail's decay length (14/a on the left,
14/b on the right, leaving about a millionth of the mass outside). Against
scipy's exact values this is within 0.001 (tests/test_calibration.py).

Pure: counts in, plain numbers and dicts out.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import Any, NamedTuple

from interview_signals.text import counted

PRIOR_WEIGHT = 4  # the prior is worth this many interviews at the base rate
LOW, HIGH = 0.1, 0.9  # the interval: 10th to 90th percentile
ENOUGH = 3  # a sign needs this many interviews in each group before it is read
GRID = 2000  # points on each density's grid
_Z80 = 1.2816  # a normal's 90th percentile: half of an 80% interval, in standard errors


class Counts(NamedTuple):
    n: int  # decided interviews in the group
    offers: int  # of them, offers


class Beta(NamedTuple):
    a: float
    b: float

    @property
    def mean(self) -> float:
        return self.a / (self.a + self.b)


def base_rate(decided: Counts) -> float:
    """p0: the offer rate over every decided interview, with one offer and one miss added so it is never 0 or 1."""
    return (decided.offers + 1) / (decided.n + 2)


def prior(decided: Counts) -> Beta:
    p0 = base_rate(decided)
    return Beta(PRIOR_WEIGHT * p0, PRIOR_WEIGHT * (1 - p0))


def posterior(start: Beta, group: Counts) -> Beta:
    return Beta(start.a + group.offers, start.b + group.n - group.offers)


class _Density(NamedTuple):
    """A Beta density on a grid in log-odds: cell centres, and the CDF at each cell's upper edge."""

    centres: list[float]
    cdf: list[float]
    step: float

    def quantile(self, q: float) -> float:
        """The rate below which a share ``q`` of the belief lies."""
        i = min(bisect_left(self.cdf, q), len(self.cdf) - 1)
        before = self.cdf[i - 1] if i else 0.0
        inside = (q - before) / (self.cdf[i] - before) if self.cdf[i] > before else 0.5
        return _rate(self.centres[i] + (inside - 0.5) * self.step)


# Kept per Beta: in a history of tens of interviews most signs' groups have the same counts, so the same
# posteriors (18 densities asked for, 4 different, in benchmarks/bench.py's history).
@functools.lru_cache(maxsize=256)
def _density(beta: Beta) -> _Density:
    a, b = beta
    middle = math.log(a / b)
    width = math.sqrt(1 / a + 1 / b)
    low = middle - 12 * width - 14 / a
    high = middle + 12 * width + 14 / b
    step = (high - low) / GRID
    centres = [low + (i + 0.5) * step for i in range(GRID)]
    # log of x^a (1 - x)^b with x = 1 / (1 + e^-t) is -a·softplus(-t) - b·softplus(t), and softplus(-t)
    # is softplus(t) - t: so a·t - (a + b)·softplus(t), one softplus a point (written out: the hot loop of stats)
    both = a + b
    exp, log1p = math.exp, math.log1p
    logs = [a * t - both * (t + log1p(exp(-t)) if t > 0 else log1p(exp(t))) for t in centres]
    top = max(logs)
    weights = [math.exp(v - top) for v in logs]
    total = math.fsum(weights)
    cdf = [c / total for c in accumulate(weights)]
    cdf[-1] = 1.0
    return _Density(centres, cdf, step)


def _rate(t: float) -> float:
    """Log-odds back to a rate."""
    return 1 / (1 + math.exp(-t)) if t > -700 else 0.0


def interval(beta: Beta) -> tuple[float, float]:
    """The 10th and 90th percentiles."""
    density = _density(beta)
    return density.quantile(LOW), density.quantile(HIGH)


@functools.lru_cache(maxsize=256)
def chance_higher(first: Beta, second: Beta) -> float:
    """P(a rate drawn from ``first`` > one drawn from ``second``)."""
    return _chance_higher(_density(first), _density(second))


def _chance_higher(one: _Density, other: _Density) -> float:
    """∫ f_one · F_other: each cell of ``one`` weighs ``other``'s CDF at its centre, read off its grid
    (linear within a cell; written out in the loop, the hot one of stats, rather than a call a point)."""
    total, previous = 0.0, 0.0
    cdf, step, cells = other.cdf, other.step, len(other.cdf)
    low_edge = other.centres[0] - step / 2
    for centre, cumulative in zip(one.centres, one.cdf, strict=True):
        position = (centre - low_edge) / step
        if position <= 0:
            below = 0.0
        elif (i := int(position)) >= cells:
            below = 1.0
        else:
            before = cdf[i - 1] if i else 0.0
            below = before + (cdf[i] - before) * (position - i)
        total += (cumulative - previous) * below
        previous = cumulative
    return total


def sign(signal_id: str, good: Counts, other: Counts, start: Beta) -> dict[str, Any]:
    """One sign's calibration entry: each group's counts, mean and 80% interval
    (rates rounded to 0.001), the chance the rate is higher when it read good,
    and whether both groups have enough interviews to read it."""
    beliefs = {"good": (good, posterior(start, good)), "other": (other, posterior(start, other))}
    densities = {name: _density(belief) for name, (_, belief) in beliefs.items()}
    entry: dict[str, Any] = {"id": signal_id}
    for name, (counts, belief) in beliefs.items():
        density = densities[name]
        entry[name] = {
            "n": counts.n,
            "offers": counts.offers,
            "mean": round(belief.mean, 3),
            "low": round(density.quantile(LOW), 3),
            "high": round(density.quantile(HIGH), 3),
        }
    entry["p_good_better"] = round(chance_higher(beliefs["good"][1], beliefs["other"][1]), 3)
    entry["enough"] = good.n >= ENOUGH and other.n >= ENOUGH
    return entry


def calibrate(
    decided: Counts,
    signs: Mapping[str, tuple[Counts, Counts]],
    by_verdict: Mapping[str, Counts],
    order: Sequence[str] = (),
) -> dict[str, Any]:
    """The whole calibration: the base rate, each sign (most telling first), offers by verdict, and the caveat.

    ``signs`` maps a signal id to its (good, other) counts; ``order`` (the
    questionnaire's) breaks ties, then the id. Signs without enough data come
    last, whatever their chance.
    """
    start = prior(decided)
    rank = {signal_id: n for n, signal_id in enumerate(order)}
    entries = [sign(signal_id, good, other, start) for signal_id, (good, other) in signs.items()]
    entries.sort(key=lambda e: (not e["enough"], -e["p_good_better"], rank.get(e["id"], len(rank)), e["id"]))
    return {
        "n": decided.n,
        "offers": decided.offers,
        "offer_rate": round(decided.offers / decided.n, 3) if decided.n else None,
        "base_rate": round(base_rate(decided), 3),
        "prior_weight": PRIOR_WEIGHT,
        "signals": entries,
        "by_verdict": {verdict: {"n": c.n, "offers": c.offers} for verdict, c in by_verdict.items()},
        "caveat": caveat(decided),
    }


def chance_gap(decided: Counts) -> int:
    """How far apart, in percentage points, two rates must be before chance is an unlikely reason.

    Half an 80% interval for the difference between two halves of the
    decided interviews at the base rate, to the nearest 5 points (at least 5).
    """
    half = _half_gap(base_rate(decided), max(decided.n, 1))
    return min(100, max(5, 5 * round(100 * half / 5)))


def _half_gap(p0: float, n: int) -> float:
    """Half an 80% interval for the difference between two halves of ``n`` interviews at the rate ``p0``."""
    return _Z80 * math.sqrt(p0 * (1 - p0) * 4 / n)


def decided_to_show(decided: Counts, difference: float) -> int:
    """How many decided interviews in all, at the user's base rate, before two
    rates ``difference`` apart (a share, above 0) stand clear of chance:
    chance_gap's half-interval (unrounded) turned round,
    n = 4·p0·(1 − p0)·(z / difference)², the first whole number at or above it."""
    p0 = base_rate(decided)
    n = max(1, math.ceil(4 * p0 * (1 - p0) * (_Z80 / difference) ** 2))
    while n > 1 and _half_gap(p0, n - 1) <= difference:  # guard the float rounding at the edge
        n -= 1
    while _half_gap(p0, n) > difference:
        n += 1
    return n


def caveat(decided: Counts) -> str:
    """The plain words under the table: the counts, and how big a difference chance can make."""
    gap = chance_gap(decided)
    few = "with so few" if gap >= 20 else "even so"
    return f"{counted(decided.n, 'decided interview')}; {few}, differences under about {gap} points can be chance."
