"""Turn what the user typed — flags, a JSON file, stdin — into validated answers.

Two JSON shapes are accepted:

* a flat object ``{"vibe": "warm", "pitch": "yes", "company": "Acme"}``:
  signal ids map to answer ids, and a few context fields ride along;
* a report printed by ``assess --json`` (it has a ``signals`` list), so a saved
  report replays as it is.

Every fault becomes an InputError whose one-line message names the field and
what is allowed there.

JSON is read strictly (``loads``): NaN and Infinity, duplicate keys and
escaped lone surrogates are refused, naming the key they are under.
An answers file past ``SIZE_LIMIT`` is refused, and never read whole.
A bad value is quoted with ``text.clip``: 80 characters of it at most.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, BinaryIO

from interview_signals.catalog import Catalog
from interview_signals.errors import InputError
from interview_signals.paths import path_error
from interview_signals.text import LONGEST_TYPO, clip, did_you_mean

# Context that may accompany the answers; all optional text.
CONTEXT_FIELDS = ("company", "role", "date", "interviewer", "reply_by", "topic")
_CONTEXT_SET = frozenset(CONTEXT_FIELDS)  # `in` a frozenset is quicker than in a tuple: the hot path of `score`
# The most an answers file (or one line of `score`) may hold; a whole report is some 2 KB.
SIZE_LIMIT = 1 << 20
SIZE_WORDS = "1 MiB"


@dataclass
class Answers:
    answers: dict[str, str] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # passed through untouched (batch `id`s)

    def update(self, other: Answers) -> None:
        """Let ``other`` win wherever it says something."""
        self.answers.update(other.answers)
        self.context.update(other.context)
        self.extra.update(other.extra)


# Where an interview's answers come from, lowest first: each layer wins over those before it.
# catalog: its defaults (nothing answered, the day today); saved: an interview saved before
# (`--from`, and the application `--round-of` names); file: `--answers` (or the mapping given
# to the Python API); flags: `--answer` and the context options (or the API's keywords);
# prompts: what was typed in the terminal.
LAYERS = ("catalog", "saved", "file", "flags", "prompts")


class AnswersMap:
    """The answers and context of one interview as layers, one a source (see LAYERS).

    ``combined()`` is what they say together; ``layer_of`` and ``name`` tell
    which source gave a value, so a message names it as the user gave it:
    ``--answers a.json: date`` for a file, ``--date`` for an option. ``option``
    names a field given by flags or prompts (the command line's ``--reply-by``;
    the Python API's ``reply_by``).
    """

    def __init__(self, option: Callable[[str], str] = str) -> None:
        self.option = option
        self._layers: dict[str, Answers] = {}
        self._origins: dict[str, str] = {}

    def add(self, layer: str, given: Answers, origin: str | None = None) -> None:
        """Put ``given`` in ``layer``, over what that layer held; ``origin`` names the source in messages."""
        if layer not in LAYERS:
            raise ValueError(f"no layer {layer!r}; the layers are {', '.join(LAYERS)}")
        self._layers.setdefault(layer, Answers()).update(given)
        if origin is not None:
            self._origins[layer] = origin

    def layer(self, layer: str) -> Answers:
        """What ``layer`` holds (empty when nothing was put in it)."""
        return self._layers.get(layer, Answers())

    def combined(self) -> Answers:
        """Every layer at once, each winning over those before it; a new object each call."""
        result = Answers()
        for layer in LAYERS:
            if layer in self._layers:
                result.update(self._layers[layer])
        return result

    def layer_of(self, key: str) -> str | None:
        """The layer whose value of ``key`` (a signal or a context field) wins; None when no layer gives it."""
        for layer in reversed(LAYERS):
            held = self._layers.get(layer)
            if held is not None and (key in held.answers or key in held.context):
                return layer
        return None

    def name(self, key: str) -> str:
        """``key`` as a message names it: after the source that gave it (``--answers a.json: date``,
        ``interview #3: date``), else as an option (``--date``)."""
        layer = self.layer_of(key)
        origin = self._origins.get(layer) if layer is not None else None
        return f"{origin}: {key}" if origin is not None else self.option(key)


def changes(before: Answers, after: Answers) -> Answers:
    """What ``after`` says that ``before`` did not (a new or changed answer or context field)."""
    return Answers(
        {key: value for key, value in after.answers.items() if before.answers.get(key) != value},
        {key: value for key, value in after.context.items() if before.context.get(key) != value},
    )


def check_text(value: str | None, field: str) -> str | None:
    """Text typed on the command line must be valid UTF-8: bytes that are not
    arrive as surrogates, which could be neither saved nor printed."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            ch = value[exc.start]
            if "\udc80" <= ch <= "\udcff":  # a byte the command line could not decode
                raise InputError(f"{field}: not UTF-8 text (byte 0x{ord(ch) - 0xDC00:02x} at character {exc.start})") from None
            raise InputError(f"{field}: not UTF-8 text (a lone surrogate, \\u{ord(ch):04x}, at character {exc.start})") from None
    return value


# How alike an unknown key must be to a signal id to be taken for its typo: a
# batch line's own keys (an "offers" column, say) must not be.
SIGNAL_TYPO = 0.75


def validate(catalog: Catalog, signal_id: str, answer: str, origin: str) -> tuple[str, str]:
    """The signal and answer ids as the catalog spells them: any case is accepted."""
    signal = catalog.signal(signal_id) or catalog.signal(signal_id.strip().lower())
    if signal is None:
        raise InputError(
            f"{origin}: unknown signal '{clip(signal_id)}'{did_you_mean(signal_id, catalog.signal_ids, SIGNAL_TYPO)}; signals are {', '.join(catalog.signal_ids)}"
        )
    if answer in signal.answer_set:
        return signal.id, answer
    folded = answer.strip().lower()
    if folded in signal.answer_set:
        return signal.id, folded
    raise InputError(
        f"{origin}: '{clip(answer)}'{did_you_mean(answer, signal.answer_ids)} is not an answer for {signal.id}; allowed: {', '.join(signal.answer_ids)}"
    )


def from_flags(catalog: Catalog, values: Iterable[str]) -> Answers:
    """Parse repeated ``--answer SIGNAL=ANSWER`` values."""
    result = Answers()
    for value in values:
        check_text(value, "--answer")
        key, sep, answer = value.partition("=")
        key, answer = key.strip(), answer.strip()
        if not sep or not key or not answer:
            raise InputError(f"--answer '{clip(value)}': expected SIGNAL=ANSWER, for example vibe=warm")
        key, answer = validate(catalog, key, answer, "--answer")
        result.answers[key] = answer
    return result


def read_text(source: str, stdin: BinaryIO) -> str:
    """Read ``--answers`` text from a path, or from stdin when the path is '-'.

    At most ``SIZE_LIMIT`` + 1 bytes are read, so a pipe that never ends (or
    /dev/zero) is refused instead of filling memory."""
    if source == "-":
        return decode(_read_capped(stdin, "--answers stdin"), "--answers stdin")
    with open_file(source, "--answers", "a JSON file") as stream:
        return decode(_read_capped(stream, f"--answers {source}"), f"--answers {source}")


def _read_capped(stream: BinaryIO, origin: str) -> bytes:
    data = stream.read(SIZE_LIMIT + 1)
    if len(data) > SIZE_LIMIT:
        raise InputError(f"{origin}: larger than {SIZE_WORDS}; answers take a few hundred bytes, so this is not an answers file")
    return data


def open_file(source: str, field: str, expected: str) -> BinaryIO:
    """Open a file the user named for reading, or say in one line why not."""
    try:
        return open(source, "rb")  # noqa: SIM115 - the caller closes it
    except FileNotFoundError:
        raise InputError(f"{field}: no such file: {source}") from None
    except IsADirectoryError:
        raise InputError(f"{field}: {source} is a folder; give {expected}, or - for stdin") from None
    except PermissionError:
        raise InputError(f"{field}: permission denied reading {source}") from None
    except OSError as exc:  # a name too long, a file used as a folder, a loop of links, a disk error
        raise path_error(exc, field, source) from None


def decode(data: bytes, origin: str) -> str:
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is accepted and dropped
    except UnicodeDecodeError as exc:
        raise InputError(f"{origin}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if not text.strip():
        raise InputError(f'{origin}: is empty; expected a JSON object such as {{"vibe": "warm"}}')
    return text


def from_json(catalog: Catalog, text: str, origin: str, *, passthrough: bool = False) -> Answers:
    return from_object(catalog, loads(text, origin), origin, passthrough=passthrough)


def loads(text: str, origin: str) -> Any:
    """Parse JSON strictly: what the json module lets through but JSON does not
    have is an InputError naming the key it sits under. That is NaN, Infinity
    and -Infinity, a number too large for a float (it would read as infinity)
    or too long for an int, a key given twice in one object (the json module
    would keep the last), and an escaped lone surrogate ("\\ud800"), which is
    not text: it could be neither printed nor saved."""
    try:
        document = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_Refused.constant, parse_int=_read_int)
    except _DuplicateKey as exc:
        raise InputError(f"{origin}: key '{clip(exc.key)}' is given more than once in one object; give it once") from None
    except json.JSONDecodeError as exc:
        # a one-line object says its column; the line too when there are more, or the error is past the first
        many = exc.lineno > 1 or "\n" in text.strip()
        where = f"line {exc.lineno}, column {exc.colno}" if many else f"column {exc.colno}"
        raise InputError(f"{origin}: not valid JSON at {where}: {exc.msg}") from None
    except RecursionError:
        raise InputError(f"{origin}: JSON nested too deeply; expected a flat object of answers") from None
    if type(document) is dict:  # anything else is refused as a whole by from_object
        _check_values(document, origin)
    return document


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _Refused:
    """Stands in for a value JSON does not have, until ``_check_values`` finds the key it sits under."""

    def __init__(self, why: str) -> None:
        self.why = why

    @classmethod
    def constant(cls, name: str) -> _Refused:
        return cls(f"{name} is not a JSON value; give a number or null")


def _read_int(text: str) -> int | _Refused:
    try:
        return int(text)
    except ValueError:  # past sys.get_int_max_str_digits()
        return _Refused(f"a number of {len(text.lstrip('-'))} digits is too long to read")


def _check_values(document: dict[str, Any], origin: str) -> None:
    """Raise InputError at the first value under a key of ``document`` that ``loads`` refuses.
    Iterative, so a document nested as deep as the json module allows is walked all the same."""
    for key, value in document.items():
        if not _is_text(key):
            raise InputError(f"{origin}: key '{clip(key)}': {_lone_surrogate(key)}")
        where = f"{origin}: {clip(key)}"
        stack = [value]
        while stack:
            item = stack.pop()
            kind = type(item)
            if kind is str:
                if not _is_text(item):
                    raise InputError(f"{where}: {_lone_surrogate(item)}")
            elif kind is dict:
                for inner in item:
                    if not _is_text(inner):
                        raise InputError(f"{where}: key '{clip(inner)}': {_lone_surrogate(inner)}")
                stack.extend(item.values())
            elif kind is list:
                stack.extend(item)
            elif kind is _Refused:
                raise InputError(f"{where}: {item.why}")
            elif kind is float and math.isinf(item):
                raise InputError(f"{where}: a number too large for JSON (it reads as infinity)")


def _is_text(value: str) -> bool:
    """False when ``value`` holds a lone surrogate, which the json module reads from an escape such as \\ud800."""
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _lone_surrogate(value: str) -> str:
    at = next(i for i, ch in enumerate(value) if "\ud800" <= ch <= "\udfff")
    return f"an escaped lone surrogate (\\u{ord(value[at]):04x} at character {at}) is not text; escape a whole character or leave it out"


def from_object(catalog: Catalog, document: Any, origin: str, *, passthrough: bool = False) -> Answers:
    """Validate a decoded JSON document. With ``passthrough``, keys that are
    neither signals nor context are kept in ``extra`` (unless they look like a
    misspelt signal) instead of being refused."""
    if not isinstance(document, dict):
        raise InputError(f'{origin}: expected a JSON object such as {{"vibe": "warm"}}, got {_json_type(document)}')
    if isinstance(document.get("signals"), list):
        return _from_report(catalog, document, origin)
    result = Answers({}, {}, {})  # quicker than the default factories, once a line in `score`
    chosen = result.answers
    allowed = catalog.answer_sets
    signals = catalog.signals_by_id
    for key, value in document.items():
        if type(value) is str and value in allowed.get(key, ()):  # the common case, checked first: `score`'s hot path
            chosen[key] = value
            continue
        signal = signals.get(key)
        if signal is None and not key.islower():  # any case is accepted; most keys are lower case already
            signal = signals.get(key.lower())
        if signal is not None:
            _add_answer(catalog, result, key, value, origin)
        elif key in _CONTEXT_SET:
            result.context[key] = _context_value(value, f"{origin}: {key}")
        elif passthrough and (len(key) > LONGEST_TYPO or not _is_typo(key, catalog)):
            result.extra[key] = value
        else:
            raise _unknown_key(catalog, key, origin, context=not passthrough)
    return result


def _unknown_key(catalog: Catalog, key: str, origin: str, *, context: bool) -> InputError:
    """A key that is neither a signal nor, where context is taken, a context field; a near miss of either is suggested."""
    if not context:
        near = did_you_mean(key, catalog.signal_ids, SIGNAL_TYPO)
        return InputError(f"{origin}: unknown signal '{clip(key)}'{near}; signals are {', '.join(catalog.signal_ids)}")
    near = did_you_mean(key, (*catalog.signal_ids, *CONTEXT_FIELDS), SIGNAL_TYPO)
    return InputError(
        f"{origin}: unknown signal or context field '{clip(key)}'{near}; signals are {', '.join(catalog.signal_ids)}, "
        f"and context: {', '.join(CONTEXT_FIELDS)}"
    )


def _from_report(catalog: Catalog, report: Mapping[str, Any], origin: str) -> Answers:
    result = Answers()
    for index, item in enumerate(report["signals"]):
        where = f"{origin}: signals[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InputError(f'{where}: expected an object with an "id" and an "answer"')
        _add_answer(catalog, result, item["id"], item.get("answer"), origin)
    context = report.get("context") or {}
    if not isinstance(context, dict):
        raise InputError(f"{origin}: context: expected an object with {', '.join(CONTEXT_FIELDS)}")
    for key, value in context.items():
        if key in CONTEXT_FIELDS and value is not None:
            result.context[key] = _context_value(value, f"{origin}: context.{key}")
    return result


def _add_answer(catalog: Catalog, result: Answers, key: str, value: Any, origin: str) -> None:
    if value is None:  # an explicit null means "not answered"
        return
    if not isinstance(value, str):
        raise InputError(f"{origin}: {key}: expected an answer as text, got {_json_type(value)}")
    key, value = validate(catalog, key, value, origin)
    result.answers[key] = value


def _context_value(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{where}: expected text, got {_json_type(value)}")
    return value


# Caches whether an unknown key is a typo of a signal id: lines repeat their extra keys; safe, a Catalog is frozen and hashes by identity.
@lru_cache(maxsize=1024)
def _is_typo(key: str, catalog: Catalog) -> bool:
    """Whether an unknown key looks like a misspelt signal id (then it is refused, not passed through)."""
    return bool(did_you_mean(key, catalog.signal_ids, SIGNAL_TYPO))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "an array", dict: "an object"}.get(
        type(value), type(value).__name__
    )
