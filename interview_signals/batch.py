"""Score NDJSON: one answers object a line in, one JSON report a line out.

Lines are handled one at a time as they arrive, so `score` streams inside a
pipeline and its memory stays flat however long the input is. A line that
cannot be scored becomes ``{"line": N, "error": "..."}`` in its place, unless
the caller asked to stop at the first one.

Speed matters here (a season's worth of records in one pipe), so each report
is put together from JSON fragments serialised once per catalog (``encode``),
and lines are parsed with orjson. Whatever orjson accepts or refuses, a line
ends the way ``answers.loads`` (the careful path) says: orjson refuses NaN,
Infinity and escaped lone surrogates, which the careful path then words, and
silently keeps the last of duplicate keys, which a count of colons catches.
A line longer than ``answers.SIZE_LIMIT`` is never held whole (``read_lines``).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO, NamedTuple

import orjson

from interview_signals import answers, document, followup, scoring
from interview_signals.catalog import Catalog
from interview_signals.errors import InputError
from interview_signals.scoring import Advice, Question
from interview_signals.text import QUOTE_LIMIT

# Passed-through values orjson reads exactly; a float or a container may hold
# an integer past 64 bits, which orjson would have rounded to a float.
_EXACT_TYPES = frozenset({str, int, bool, type(None)})
# The end of a string followed by a colon: every key has one (a string's text may hold more).
_KEY_END = re.compile(rb'"[ \t\n\r]*:')
# An error object repeats the line's id (for matching) only when its JSON is this short.
ID_LIMIT = 4 * QUOTE_LIMIT


@dataclass
class Tally:
    scored: int = 0
    failed: int = 0


@contextmanager
def open_input(source: str, stdin: BinaryIO) -> Iterator[tuple[BinaryIO, int | None]]:
    """The NDJSON to read (a path, or "-" for ``stdin``) and its size in bytes when it is a regular file."""
    if source == "-":
        yield stdin, None
        return
    with answers.open_file(source, "FILE", "an NDJSON file") as stream:
        info = os.fstat(stream.fileno())
        yield stream, info.st_size if stat.S_ISREG(info.st_mode) else None


def read_lines(stream: BinaryIO, limit: int = answers.SIZE_LIMIT, block: int = 1 << 16) -> Iterator[bytes]:
    """The lines of ``stream`` (each with its newline, but the last), never holding
    more than ``limit`` + ``block`` bytes of one: a longer line comes out cut to
    ``limit`` + 1 bytes as soon as it is that long (so ``score_lines`` says it is
    too long at once, even for a line that never ends), and the rest of it is
    dropped up to its newline.

    Blocks are read with ``read1`` (whatever has arrived, so a pipe's lines are
    scored as they come) and split into lines in C, which is faster than a
    ``readline`` call a line."""
    read = getattr(stream, "read1", None) or stream.read
    pending = b""
    dropping = False  # inside a line already reported as too long
    while chunk := read(block):
        lines = (pending + chunk).split(b"\n") if pending else chunk.split(b"\n")
        pending = lines.pop()
        if dropping and lines:  # the first piece ends the long line: not a line of its own
            del lines[0]
            dropping = False
        for line in lines:
            yield line + b"\n"
        if len(pending) > limit:
            if not dropping:
                yield pending[: limit + 1]
            dropping, pending = True, b""
    if pending and not dropping:
        yield pending


def with_progress(stream: Iterable[bytes], bar: AbstractContextManager[Callable[[int], None]]) -> Iterator[bytes]:
    """The lines of ``stream``, advancing ``bar`` by the bytes of each."""
    with bar as advance:
        for line in stream:
            advance(len(line))
            yield line


def score_lines(catalog: Catalog, lines: Iterable[bytes], tally: Tally, *, strict: bool = False) -> Iterator[str]:
    """Yield one compact JSON line (no newline) per non-blank input line.

    Extra keys on an input line (an ``id``, say) are copied to the front of
    its report. With ``strict``, the first bad line raises InputError instead.
    """
    reserved = set(document.build(catalog, scoring.assess(catalog, {}), follow_up={}))  # keys an extra may not take
    checked: set[tuple[str, ...]] = set()
    for number, raw in enumerate(lines, start=1):
        too_long = len(raw) > answers.SIZE_LIMIT and len(raw.rstrip(b"\r\n")) > answers.SIZE_LIMIT
        if not too_long and not raw.strip():
            continue
        origin = f"line {number}"
        parsed = None
        careful = False  # whether ``parsed`` came from answers.loads, which reads every value exactly
        try:
            if too_long:  # read_lines kept only its start
                raise InputError(
                    f"{origin}: longer than {answers.SIZE_WORDS}; a line holds one answers object of a few hundred bytes"
                )
            try:
                parsed = orjson.loads(raw)  # several times faster than json.loads on small objects
            except orjson.JSONDecodeError:
                pass  # a BOM, bad bytes, bad JSON, NaN, a lone surrogate: the careful path accepts or words it
            else:
                if type(parsed) is dict and raw.count(b":") != len(parsed) and not _keys_all_kept(raw, parsed):
                    parsed = None  # orjson kept the last of a duplicate key: the careful path names it
            if parsed is None:
                parsed, careful = answers.loads(answers.decode(raw, origin), origin), True
            given = answers.from_object(catalog, parsed, origin, passthrough=True)
            if given.extra and not careful and not _EXACT_TYPES.issuperset(map(type, given.extra.values())):
                # orjson reads an integer past 64 bits as a float: read what is passed through exactly
                parsed, careful = answers.loads(answers.decode(raw, origin), origin), True
                given = answers.from_object(catalog, parsed, origin, passthrough=True)
            if given.extra and tuple(given.extra) not in checked:
                clash = sorted(reserved & set(given.extra))
                if not clash and len(checked) < 256:  # lines of a file tend to share their extra keys
                    checked.add(tuple(given.extra))
                if clash:
                    raise InputError(f"{origin}: '{clash[0]}' is a report field and cannot be passed through; rename it")
            if "date" in given.context:
                context, plan = followup.settle(given.context, None, fields=(f"{origin}: date", f"{origin}: reply_by"))
            else:  # what settle gives a line without a date (no follow-up section), without the call
                context, plan = given.context, None
            try:
                line = encode(catalog, given.answers, context, given.extra, plan)
            except RecursionError:  # read, but nested too deeply for the json module to write back
                raise InputError(f"{origin}: JSON nested too deeply; expected a flat object of answers") from None
        except InputError as exc:
            if strict:
                raise
            tally.failed += 1
            error: dict[str, Any] = {"line": number}
            if isinstance(parsed, dict) and "id" in parsed:  # so a consumer can match it without counting lines
                error.update(_error_id(parsed["id"], raw, careful, origin))
            error["error"] = str(exc).removeprefix(f"{origin}: ")
            yield _one_line(error)
            continue
        tally.scored += 1
        yield line


def _keys_all_kept(raw: bytes, parsed: dict[str, Any]) -> bool:
    """Whether the objects orjson made from ``raw`` hold every key written in it,
    that is whether no object had a key twice (orjson keeps the last, silently).

    Each key is followed by a colon, so a line with as many colons as keys
    passes at once (the common case, checked by the caller); else the string
    ends followed by a colon, an upper bound on the keys written, are counted
    against the keys orjson kept in every object."""
    kept, stack = 0, list[Any]([parsed])
    while stack:
        item = stack.pop()
        if type(item) is dict:
            kept += len(item)
            stack.extend(item.values())
        elif type(item) is list:
            stack.extend(item)
    return len(_KEY_END.findall(raw)) == kept


def _error_id(value: Any, raw: bytes, careful: bool, origin: str) -> dict[str, Any]:
    """``{"id": value}`` for an error object, read exactly; empty when the id is too
    long to repeat (the line number still places the error) or cannot be read exactly."""
    if not careful and type(value) not in _EXACT_TYPES:
        try:
            value = answers.loads(answers.decode(raw, origin), origin)["id"]
        except InputError:
            return {}
    return {"id": value} if len(_one_line(value)) <= ID_LIMIT else {}


def encode(
    catalog: Catalog,
    answers: Mapping[str, str],
    context: Mapping[str, str],
    extra: Mapping[str, Any] | None = None,
    follow_up: Mapping[str, Any] | None = None,
) -> str:
    """``{**extra, **build(catalog, assess(catalog, answers), context, follow_up)}``
    as compact one-line JSON: the hot path of `score`. It scores through the same
    ``scoring.pick`` as ``assess``, but picks each answer's JSON, serialised once
    per catalog, instead of its result. tests/test_encode.py checks it always
    decodes to that same document."""
    parts = _fragments(catalog)
    picked = scoring.pick(parts.signals, answers, parts.unknown)
    score, band, confidence, _ = scoring.verdict(catalog, picked.counted_weight, picked.weighted)
    head = _one_line(extra)[1:-1] + "," if extra else ""
    advice = ",".join([*picked.concerns, parts.next_steps] if picked.concerns else [parts.next_steps])
    return (
        f'{{{head}"schema_version":{document.SCHEMA_VERSION},"catalog_version":{catalog.version},'
        f'"context":{_one_line(context) if context else "{}"},"score":{"null" if score is None else score},'
        f'{parts.verdicts[band.id]},"confidence":{parts.confidence[confidence]},"counted":{picked.counted},'
        f'"total":{len(picked.items)},"signals":[{",".join(picked.items)}],"advice":[{advice}],'
        f'"ask_next":[{",".join(picked.asks)}],"caveat":{parts.caveat}'
        + (f',"follow_up":{_one_line(follow_up)}}}' if follow_up is not None else "}")
    )


class _Fragments(NamedTuple):
    signals: scoring.Weighed[str, str, str]  # as scoring's, with each result, concern and set of questions as its JSON
    unknown: Callable[[str, str | None], tuple[str, None, None, int, int]]  # the entry of an answer the catalog lacks
    verdicts: dict[str, str]
    confidence: dict[str, str]
    next_steps: str
    caveat: str


# Caches each catalog's answers as ready JSON fragments, built once: safe, a Catalog is frozen and hashes by identity.
@cache
def _fragments(catalog: Catalog) -> _Fragments:
    def unknown(signal_id: str, answer_id: str | None) -> tuple[str, None, None, int, int]:
        result, _, _, weight, points = scoring.not_counted(catalog, signal_id, answer_id)
        return _one_line(document.signal_entry(catalog, result)), None, None, weight, points

    return _Fragments(
        signals=tuple(
            (
                signal_id,
                {
                    answer_id: (
                        _one_line(document.signal_entry(catalog, result)),
                        _concern(concern),
                        _questions(questions),
                        weight,
                        points,
                    )
                    for answer_id, (result, concern, questions, weight, points) in by_answer.items()
                },
            )
            for signal_id, by_answer in scoring.weighed(catalog)
        ),
        unknown=unknown,
        verdicts={b.id: _one_line(document.verdict_fields(b))[1:-1] for b in (*catalog.bands, catalog.too_few, catalog.no_score)},
        confidence={level: _one_line(level) for level, _ in catalog.confidence},
        next_steps=",".join(_one_line(document.advice_entry(a)) for a in scoring.assess(catalog, {}).advice),
        caveat=_one_line(catalog.caveat),
    )


def _concern(advice: Advice | None) -> str | None:
    return None if advice is None else _one_line(document.advice_entry(advice))


def _questions(questions: tuple[Question, ...] | None) -> str | None:
    """The ``ask_next`` entries of one answer, as JSON joined by commas (to sit inside the list)."""
    return None if questions is None else ",".join(_one_line(document.question_entry(q)) for q in questions)


def _one_line(value: Any) -> str:
    """Compact JSON; orjson for speed, the json module for what orjson refuses (integers past 64 bits)."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return _compact(value)


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
