"""Score NDJSON: one answers object a line in, one JSON report a line out.

Lines are handled one at a time as they arrive, so `score` streams inside a
pipeline and its memory stays flat however long the input is. A line that
cannot be scored becomes ``{"line": N, "error": "..."}`` in its place, unless
the caller asked to stop at the first one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import orjson

from interview_signals import answers, document, scoring
from interview_signals.catalog import Catalog
from interview_signals.errors import InputError


@dataclass
class Tally:
    scored: int = 0
    failed: int = 0


def score_lines(catalog: Catalog, lines: Iterable[bytes], tally: Tally, *, strict: bool = False) -> Iterator[str]:
    """Yield one compact JSON line (no newline) per non-blank input line.

    Extra keys on an input line (an ``id``, say) are copied to the front of
    its report. With ``strict``, the first bad line raises InputError instead.
    """
    reserved = set(document.build(catalog, scoring.assess(catalog, {})))  # keys an extra may not take
    checked: set[tuple[str, ...]] = set()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            origin = f"line {number}"
            try:
                parsed = orjson.loads(raw)  # several times faster than json.loads on small objects
            except orjson.JSONDecodeError:
                parsed = None  # a BOM, bad bytes, bad JSON: the careful path accepts or words it
            if parsed is None:
                given = answers.from_json(catalog, answers.decode(raw, origin), origin, passthrough=True)
            else:
                given = answers.from_object(catalog, parsed, origin, passthrough=True)
            assessment = scoring.assess(catalog, given.answers)
            if given.extra and tuple(given.extra) not in checked:
                clash = sorted(reserved & set(given.extra))
                if not clash and len(checked) < 256:  # lines of a file tend to share their extra keys
                    checked.add(tuple(given.extra))
                if clash:
                    raise InputError(f"{origin}: '{clash[0]}' is a report field and cannot be passed through; rename it")
            line = document.encode(catalog, assessment, given.context, given.extra)
        except InputError as exc:
            if strict:
                raise
            tally.failed += 1
            yield json.dumps({"line": number, "error": str(exc)}, ensure_ascii=False)
            continue
        tally.scored += 1
        yield line
