"""Score NDJSON: one answers object a line in, one JSON report a line out.

Lines are handled one at a time as they arrive, so `score` streams inside a
pipeline and its memory stays flat however long the input is. A line that
cannot be scored becomes ``{"line": N, "error": "..."}`` in its place, unless
the caller asked to stop at the first one.

Speed matters here (a season's worth of records in one pipe), so each report
is put together from JSON fragments serialised once per catalog (``encode``),
and lines are parsed with orjson.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson

from interview_signals import answers, document, followup, scoring
from interview_signals.catalog import Catalog
from interview_signals.errors import InputError
from interview_signals.scoring import Advice, Assessment, SignalResult

_LONG_NUMBER = re.compile(rb"[0-9]{19}")


@dataclass
class Tally:
    scored: int = 0
    failed: int = 0


def score_lines(catalog: Catalog, lines: Iterable[bytes], tally: Tally, *, strict: bool = False) -> Iterator[str]:
    """Yield one compact JSON line (no newline) per non-blank input line.

    Extra keys on an input line (an ``id``, say) are copied to the front of
    its report. With ``strict``, the first bad line raises InputError instead.

    Most lines of a file share one shape (the same keys, valid answers), so a
    line of a shape already vetted is scored straight from its parsed object;
    anything else takes the careful path, which accepts or words every case.
    """
    reserved = frozenset(document.build(catalog, scoring.assess(catalog, {}), follow_up={}))  # keys an extra may not take
    allowed = {s.id: s.answer_set for s in catalog.signals}
    shapes: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        origin = f"line {number}"
        parsed = None
        try:
            parsed = _parse(raw)
            line = None
            if type(parsed) is dict:
                keys = tuple(parsed)
                if keys not in shapes and len(shapes) < 256:
                    shapes[keys] = _extra_keys(catalog, keys, reserved)
                extras = shapes.get(keys)
                if extras is not None and all(type(v) is str and v in allowed[k] for k, v in parsed.items() if k in allowed):
                    extra = {k: parsed[k] for k in extras} if extras else None
                    line = encode(catalog, scoring.assess(catalog, parsed), {}, extra)
            if line is None:
                line = score_carefully(catalog, raw, parsed, origin, reserved)
        except InputError as exc:
            if strict:
                raise
            tally.failed += 1
            error: dict[str, Any] = {"line": number}
            if isinstance(parsed, dict) and "id" in parsed:
                error["id"] = parsed["id"]  # so a consumer can match it without counting lines
            error["error"] = str(exc).removeprefix(f"{origin}: ")
            yield _one_line(error)
            continue
        tally.scored += 1
        yield line


def _parse(raw: bytes) -> Any:
    """The line's JSON value, or None for the careful path to accept or word (a BOM, bad bytes, bad JSON).

    orjson is several times faster than json on small objects, but it reads an
    integer past 64 bits as a float, so a line with a long run of digits is
    read by the json module instead."""
    try:
        return json.loads(raw) if _LONG_NUMBER.search(raw) else orjson.loads(raw)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None


def score_carefully(catalog: Catalog, raw: bytes, parsed: Any, origin: str, reserved: frozenset[str]) -> str:
    """One line, every rule checked and every fault worded (the path for any line the fast one declines)."""
    if parsed is None:
        given = answers.from_json(catalog, answers.decode(raw, origin), origin, passthrough=True)
    else:
        given = answers.from_object(catalog, parsed, origin, passthrough=True)
    clash = sorted(reserved & set(given.extra))
    if clash:
        raise InputError(f"{origin}: '{clash[0]}' is a report field and cannot be passed through; rename it")
    context, plan = given.context, None
    if "date" in context:
        context, plan = followup.settle(context, None, fields=(f"{origin}: date", f"{origin}: reply_by"))
    return encode(catalog, scoring.assess(catalog, given.answers), context, given.extra, plan)


def _extra_keys(catalog: Catalog, keys: tuple[str, ...], reserved: frozenset[str]) -> tuple[str, ...] | None:
    """For lines with these keys: the keys passed through as they are, or None
    when the careful path must look (context to read, a clash, a misspelt signal)."""
    extras = tuple(k for k in keys if catalog.signal(k) is None)
    if any(k in answers.CONTEXT_FIELDS or k in reserved for k in extras):
        return None
    try:
        answers.from_object(catalog, dict.fromkeys(extras), "", passthrough=True)  # refuses a near miss such as "vibee"
    except InputError:
        return None
    return extras


def encode(
    catalog: Catalog,
    assessment: Assessment,
    context: Mapping[str, str],
    extra: Mapping[str, Any] | None = None,
    follow_up: Mapping[str, Any] | None = None,
) -> str:
    """``{**extra, **build(..., follow_up)}`` as compact one-line JSON, put together from
    fragments serialised once per catalog: the hot path of `score`.
    tests/test_batch.py checks it always decodes to that same document."""
    parts = _fragments(catalog)
    head = _one_line(extra)[1:-1] + "," if extra else ""
    signals = ",".join([parts.signals.get(r) or _one_line(document.signal_entry(catalog, r)) for r in assessment.results])
    concerns = [parts.concerns[a] for a in assessment.advice if a.kind == "concern"]
    advice = ",".join([*concerns, parts.next_steps] if concerns else [parts.next_steps])
    score = "null" if assessment.score is None else assessment.score
    return (
        f'{{{head}"schema_version":{document.SCHEMA_VERSION},"catalog_version":{assessment.catalog_version},'
        f'"context":{_one_line(context) if context else "{}"},"score":{score},{parts.verdicts[assessment.band.id]},'
        f'"confidence":{parts.confidence[assessment.confidence]},"counted":{assessment.counted},"total":{len(assessment.results)},'
        f'"signals":[{signals}],"advice":[{advice}],"caveat":{parts.caveat}'
        + (f',"follow_up":{_one_line(follow_up)}}}' if follow_up is not None else "}")
    )


@dataclass(frozen=True)
class _Fragments:
    signals: dict[SignalResult, str]  # keyed by identity: each result is made once per catalog
    concerns: dict[Advice, str]
    verdicts: dict[str, str]
    confidence: dict[str, str]
    next_steps: str
    caveat: str


@cache
def _fragments(catalog: Catalog) -> _Fragments:
    results, concerns = scoring.possible_results(catalog)
    return _Fragments(
        signals={r: _one_line(document.signal_entry(catalog, r)) for r in results},
        concerns={a: _one_line(document.advice_entry(a)) for a in concerns},
        verdicts={b.id: _one_line(document.verdict_fields(b))[1:-1] for b in (*catalog.bands, catalog.too_few, catalog.no_score)},
        confidence={level: _one_line(level) for level, _ in catalog.confidence},
        next_steps=",".join(_one_line(document.advice_entry(a)) for a in scoring.assess(catalog, {}).advice),
        caveat=_one_line(catalog.caveat),
    )


def _one_line(value: Any) -> str:
    """Compact JSON; orjson for speed, the json module for what orjson refuses (integers past 64 bits)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return _compact(value)


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
