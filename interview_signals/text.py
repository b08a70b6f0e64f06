"""User text made safe to show: the one place that decides what reaches a
terminal or a file.

A company, a note or a name is typed by a person (or pasted, or read from a
file someone sent) and may hold control characters: an escape sequence that
recolours or clears the terminal, an OSC 52 clipboard write, a bell, a C1
code, or a bidi override that makes text read backwards. Every place user
text is printed or written goes through ``printable`` (or ``one_line`` and
``clip``, which use it), so none of them reaches the reader raw.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and
# the Arabic letter mark: they reorder what follows them on the line.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")
ELLIPSIS = "…"
# How much of a bad value an error message quotes.
QUOTE_LIMIT = 80


def is_unsafe(ch: str) -> bool:
    """A control character (C0, DEL, C1), a lone surrogate or a bidi control."""
    return ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs")


def escape(ch: str) -> str:
    """A character as a visible escape: \\x1b, \\u202e. A surrogate that stands
    for an undecodable byte (surrogateescape) shows as that byte, \\xff."""
    if "\udc80" <= ch <= "\udcff":
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ascii(ch)[1:-1]


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every unsafe character written as a visible escape."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return "".join(escape(ch) if is_unsafe(ch) and not (keep_newlines and ch == "\n") else ch for ch in text)


def printable_all(value: Any) -> Any:
    """``value`` with every string in it (keys too) made printable, keeping line
    breaks: for a whole document or list of rows on its way to the reader.

    What needs no escape comes back as the very same object, so a long list of
    clean rows is not copied; a list, tuple or mapping with something to escape
    comes back as a new one. Any other iterator (a generator of rows) is walked
    as it is read; numbers and the rest are left as they are."""
    if isinstance(value, str):
        shown = printable(value, keep_newlines=True)
        return value if shown == value else shown
    if isinstance(value, Mapping):
        for key, item in value.items():
            if printable_all(key) is not key or printable_all(item) is not item:
                return {printable_all(k): printable_all(v) for k, v in value.items()}
        return value
    if isinstance(value, list | tuple):
        for item in value:
            if printable_all(item) is not item:
                safe = [printable_all(each) for each in value]
                return safe if isinstance(value, list) else tuple(safe)
        return value
    if isinstance(value, Iterator):
        return _printable_each(value)
    return value


def _printable_each(values: Iterable[Any]) -> Iterator[Any]:
    for item in values:
        yield printable_all(item)


def one_line(text: str) -> str:
    """Runs of white space (line breaks included) folded to one space, then made printable."""
    return printable(" ".join(text.split()))


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """One printable line of at most ``limit`` characters, cut with an ellipsis."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + ELLIPSIS


# A word longer than this misspells none of our ids; nor may a megabyte of it sit in the cache.
LONGEST_TYPO = 64


def did_you_mean(word: str, choices: tuple[str, ...], cutoff: float = 0.6) -> str:
    """ " (did you mean 'warm'?)" for a near miss among ``choices`` (any case), else "".

    ``cutoff`` is how alike (0 to 1) a near miss must be: an unknown key in a
    batch line is taken for a typo only when very alike, since a line may
    carry keys of its own."""
    return "" if len(word) > LONGEST_TYPO else _near_miss(word, choices, cutoff)


# Caches the nearest choice to a mistyped word: batch input repeats the same unknown keys on every line; safe, pure on hashable args.
@lru_cache(maxsize=1024)
def _near_miss(word: str, choices: tuple[str, ...], cutoff: float) -> str:
    import difflib  # only needed when something was mistyped

    folded = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.strip().lower(), list(folded), n=1, cutoff=cutoff)
    return f" (did you mean '{folded[close[0]]}'?)" if close else ""


def known(value: Any) -> str | None:
    """Text the user gave, without surrounding spaces; None if missing, blank or not text."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def counted(n: int, noun: str) -> str:
    """A count with its noun, singular for one: "1 day", "3 days", "2 decided interviews"."""
    return f"{n} {noun}{'s' * (n != 1)}"
