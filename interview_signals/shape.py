"""The shape of a report document: the one schema a report is checked against.

document.py builds a report; this module says what a report must look like to
be kept and read back. The same schema (REPORT) is used by a save, by an
import and by reading a saved interview back, so what is saved is always
what is read: a report that fails here is refused when saved or imported,
and named as damaged when read from a history edited by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date as Date
from functools import cache, lru_cache
from typing import Any, NamedTuple

from interview_signals.text import escape, is_unsafe


def report_problem(report: Any, *, strict: bool = False) -> str | None:
    """What is wrong with a report document, as "has no ..." or "has a ..." to follow
    "the report", or None: checked against REPORT, the one schema of a report, by
    everything that reads one back (the store's rows, import, save).

    ``strict`` (import and save) also refuses control characters in the text the
    tool writes itself (TOOL_TEXT), which no report made by interview-signals
    holds; reading back is not strict, so an old history still shows, with such
    text escaped on the way out (report.py). Values are not checked against the
    catalog: an old report keeps the wording it was saved with.
    """
    return _problem(report, REPORT, "", strict)


# A kind is a tuple of what a value may be: str (text), TOOL_TEXT (text the tool
# wrote), int (a whole number; true/false are not), None (null), DAY (a day
# written YYYY-MM-DD), an Object or a List.
TOOL_TEXT = "tool text"
DAY = "day"


class Object(NamedTuple):
    """A JSON object with these fields, each there unless ``optional``; ``rest`` is the kind of any
    other field (None: others are not read). ``empty``: {} is allowed too (a report with no follow-up plan)."""

    fields: Mapping[str, tuple[Any, ...]]
    optional: frozenset[str] = frozenset()
    rest: tuple[Any, ...] | None = None
    empty: bool = False


class List(NamedTuple):
    """A JSON list whose every item is of ``item``'s kind."""

    item: tuple[Any, ...]


_SIGNAL = Object(
    {
        "id": (TOOL_TEXT,),
        "answer": (TOOL_TEXT, None),
        "answer_label": (TOOL_TEXT,),
        "reading": (TOOL_TEXT,),
        "points": (int, None),
        "weight": (int,),
    },
    optional=frozenset({"answer"}),
)
_CHANGE = Object({"id": (TOOL_TEXT,), "from": (TOOL_TEXT, None), "to": (TOOL_TEXT, None)})
# The report as document.build writes it (and since_last_round, which a line may carry): every part
# that is kept and read, with its kinds. "context" holds what the user typed: any text. Each interview's
# own parts come last (transfer checks the rest once for many reports, then these).
REPORT = Object(
    {
        "signals": (List((_SIGNAL,)),),
        "schema_version": (int, None),
        "catalog_version": (int,),
        "score": (int, None),
        "verdict": (TOOL_TEXT,),
        "verdict_label": (TOOL_TEXT,),
        "summary": (TOOL_TEXT,),
        "confidence": (TOOL_TEXT,),
        "counted": (int,),
        "total": (int,),
        "advice": (List((Object({"kind": (TOOL_TEXT,), "signal": (TOOL_TEXT, None), "text": (TOOL_TEXT,)}),)),),
        "ask_next": (List((Object({"signal": (TOOL_TEXT,), "question": (TOOL_TEXT,)}),)), None),
        "caveat": (TOOL_TEXT,),
        "since_last_round": (
            Object(
                {"round": (int,), "score_change": (int, None), "changed": (List((_CHANGE,)),)},
                frozenset({"score_change", "changed"}),
            ),
            None,
        ),
        "follow_up": (
            Object(
                {
                    "thank_you_by": (DAY,),
                    "follow_up_on": (DAY,),
                    "reply_by": (DAY, None),
                    # the public holidays the follow-up day skipped (followup.schedule); only when it skipped one
                    "skipped": (List((Object({"on": (DAY,), "name": (str,)}),)),),
                },
                frozenset({"reply_by", "skipped"}),
                empty=True,
            ),
            None,
        ),
        "context": (Object({}, rest=(str, None)), None),
    },
    # reports saved before questions, follow-up days or rounds have none of them
    optional=frozenset({"schema_version", "ask_next", "since_last_round", "follow_up", "context"}),
)
_MISSING = object()


def _problem(value: Any, kind: Object, path: str, strict: bool) -> str | None:
    """What is wrong with the object ``value`` at ``path`` (signals[0].answer, "" for the report itself)."""
    if not isinstance(value, dict):
        return f'has a "{path}" that is not an object' if path else "is not a JSON object"
    if kind.empty and not value:
        return None
    names = list(kind.fields) + ([name for name in value if name not in kind.fields] if kind.rest is not None else [])
    for name in names:
        kinds = kind.fields.get(name, kind.rest)
        assert kinds is not None
        where = f"{path}.{name}" if path else name
        found = value.get(name, _MISSING)
        if found is _MISSING:
            if name in kind.optional:
                continue
            return f'has no "{where}" ({_kind_words(kinds)})'
        problem = _value_problem(found, kinds, where, strict)
        if problem:
            return problem
    return None


def _value_problem(value: Any, kinds: tuple[Any, ...], where: str, strict: bool) -> str | None:
    for kind in kinds:
        if kind is None and value is None:
            return None
        if kind is str and isinstance(value, str):
            return None
        if kind == TOOL_TEXT and isinstance(value, str):
            unsafe = next((ch for ch in value if is_unsafe(ch)), None) if strict and not value.isprintable() else None
            return None if unsafe is None else f'has a "{where}" holding a control character ({escape(unsafe)})'
        if kind is int and type(value) is int:
            return None
        if kind == DAY and is_day(value):
            return None
        if isinstance(kind, Object) and isinstance(value, dict):
            return _problem(value, kind, where, strict)
        if isinstance(kind, List) and isinstance(value, list):
            for n, item in enumerate(value):
                problem = _value_problem(item, kind.item, f"{where}[{n}]", strict)
                if problem:
                    return problem
            return None
    return f'has a "{where}" that is not {_kind_words(kinds)}'


_KIND_WORDS = {str: "text", TOOL_TEXT: "text", int: "a whole number", None: "null", DAY: "a day written YYYY-MM-DD"}


def _kind_words(kinds: tuple[Any, ...]) -> str:
    words = ["an object" if isinstance(k, Object) else "a list" if isinstance(k, List) else _KIND_WORDS[k] for k in kinds]
    return " or ".join(dict.fromkeys(words))


def is_day(value: Any) -> bool:
    """Whether ``value`` is a real calendar day written YYYY-MM-DD."""
    return isinstance(value, str) and _is_day_text(value)


# Caches whether a text is a real day: the same days come again and again (listing, import); safe, a pure function of a str.
@lru_cache(maxsize=8192)
def _is_day_text(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        Date.fromisoformat(value)
    except ValueError:
        return False
    return True


def counted_signs(report: Any) -> tuple[list[str], list[str]]:
    """The ids of the signs that read good in ``report``, and of those that read neutral or
    concerning; each sign by its first entry, as migration 5 counts them."""
    good: list[str] = []
    other: list[str] = []
    seen: set[str] = set()
    signals = report.get("signals") if type(report) is dict else None
    for entry in signals if type(signals) is list else ():
        signal = entry.get("id") if type(entry) is dict else None
        if type(signal) is not str or signal in seen:
            continue
        seen.add(signal)
        reading = entry.get("reading")
        if reading == "good":
            good.append(signal)
        elif reading == "neutral" or reading == "concerning":
            other.append(signal)
    return good, other


# The parts of a report that are each interview's own; the rest (signals, advice, ...) follows from the answers.
_OWN_PARTS = ("context", "follow_up")


def report_problem_fast(report: Any) -> str | None:
    """report_problem (strict, as for a save), quicker for many reports, and the same answer
    (REPORT lists each interview's own parts last, so the first fault found is the same).

    report_problem checks each part of a report apart. The parts that follow
    from the answers (signals, advice, ...) repeat from one interview to the
    next, so their verdict is remembered by their JSON. Each interview's own
    parts (its context and follow-up days) are checked on the smallest valid
    report, which costs little.
    """
    import orjson  # only an import reads many reports

    skeleton = _skeleton()
    if not isinstance(report, dict) or skeleton is None:
        return report_problem(report, strict=True)
    shared = {name: value for name, value in report.items() if name not in _OWN_PARTS}
    try:
        shared_key = orjson.dumps(shared)
    except orjson.JSONEncodeError:
        return report_problem(report, strict=True)
    return _shared_problem(shared_key) or report_problem(
        skeleton | {name: report[name] for name in _OWN_PARTS if name in report}, strict=True
    )


# Caches the verdict on a report's shared parts by their JSON: safe, the same JSON always gets the same verdict.
@lru_cache(maxsize=512)
def _shared_problem(key: bytes) -> str | None:
    import orjson

    return report_problem(orjson.loads(key), strict=True)


# Caches the smallest valid report, built once from the shipped catalog: safe, that catalog never changes in a process.
@cache
def _skeleton() -> dict[str, Any] | None:
    """The smallest report that passes report_problem: a real one, its lists emptied and its own parts
    left out (None if even that fails)."""
    from interview_signals import catalog, document, scoring

    cat = catalog.load()
    report = document.build(cat, scoring.assess(cat, {}), {}, {}) | {"signals": [], "advice": [], "ask_next": []}
    report = {name: value for name, value in report.items() if name not in _OWN_PARTS}
    return None if report_problem(report, strict=True) else report
