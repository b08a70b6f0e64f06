"""Checks shared by the two data files (data/catalog.toml, data/drafts.toml).

Each check names the field and what it must be, so a typo in data/ fails at
load with a message such as ``data/catalog.toml: version must be a positive
whole number``, never halfway through a questionnaire.
"""

from __future__ import annotations

import tomllib
from typing import Any

from interview_signals.errors import CatalogError


class DataFile:
    """Validation helpers for one TOML file shipped in data/."""

    def __init__(self, name: str) -> None:
        self.name = name

    def parse(self, text: str) -> dict[str, Any]:
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"data/{self.name}: not valid TOML: {exc}") from None

    def require(self, ok: bool, field: str, allowed: str) -> None:
        if not ok:
            raise CatalogError(f"data/{self.name}: {field} must be {allowed}")

    def text(self, raw: dict[str, Any], key: str, where: str) -> str:
        value = raw.get(key)
        self.require(isinstance(value, str) and value.strip() != "", join(where, key), "non-empty text")
        assert isinstance(value, str)
        return value

    def whole(self, raw: dict[str, Any], key: str, where: str, low: int, high: int | None = None) -> int:
        """A whole number from ``low`` (to ``high``); true/false is not a number here."""
        value = raw.get(key)
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= low and (high is None or value <= high)
        allowed = (
            f"a whole number from {low} to {high}"
            if high is not None
            else "a positive whole number"
            if low == 1
            else f"a whole number of at least {low}"
        )
        self.require(ok, join(where, key), allowed)
        assert isinstance(value, int)
        return value

    def texts(self, raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        """A non-empty list of non-empty text (``key = ["...", "..."]``)."""
        value = raw.get(key)
        ok = isinstance(value, list) and len(value) > 0 and all(isinstance(v, str) and v.strip() != "" for v in value)
        self.require(ok, join(where, key), "a non-empty list of non-empty text")
        assert isinstance(value, list)
        return tuple(value)

    def fraction(self, raw: dict[str, Any], key: str, where: str) -> float:
        value = raw.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        self.require(ok, join(where, key), "a number from 0 to 1")
        assert isinstance(value, (int, float))
        return float(value)

    def table(self, raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
        value = raw.get(key)
        self.require(isinstance(value, dict), join(where, key), "a table")
        assert isinstance(value, dict)
        return value

    def tables(self, raw: dict[str, Any], key: str, where: str, *, empty: bool = False) -> list[dict[str, Any]]:
        """A list of tables (``[[key]]``); non-empty unless ``empty``."""
        value = raw.get(key, [] if empty else None)
        ok = isinstance(value, list) and (empty or len(value) > 0) and all(isinstance(item, dict) for item in value)
        self.require(ok, join(where, key), "a list of tables" if empty else "a non-empty list of tables")
        assert isinstance(value, list)
        return value

    def unique(self, values: list[str], where: str) -> None:
        duplicates = sorted({v for v in values if values.count(v) > 1})
        self.require(not duplicates, where, f"unique (repeated: {', '.join(duplicates)})")


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key
