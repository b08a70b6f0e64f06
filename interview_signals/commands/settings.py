"""`config`: your settings (config.py reads and writes the file)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from interview_signals import answers


class Settings(NamedTuple):
    path: Path
    exists: bool
    values: dict[str, str | None]  # every known key; None when not set


def config_show() -> Settings:
    """Every known setting and the file they live in."""
    from interview_signals import config, paths

    path = paths.config_path()
    return Settings(path, path.exists(), config.values(config.read(path)))


def config_get(key: str) -> tuple[str, str | None]:
    """The key as known (any case is accepted) and its value, None when it is not set."""
    from interview_signals import config, paths

    answers.check_text(key, "KEY")
    word = config.check_key(key)
    return word, config.values(config.read(paths.config_path()))[word]


def config_set(key: str, value: str) -> tuple[str, Path]:
    """Set a setting; returns the key as known and the file written.

    The file is read first, so a damaged one is reported, never overwritten.
    """
    from interview_signals import config, paths

    answers.check_text(key, "KEY")
    answers.check_text(value, "VALUE")
    word = config.check_key(key)
    text = config.check_value(word, value)
    path = paths.config_path()
    raw = config.read(path)
    config.write(path, {**raw, word: text})
    return word, path


def config_unset(key: str) -> tuple[str, Path, bool]:
    """Remove a setting; returns the key as known, the file, and whether it was set."""
    from interview_signals import config, paths

    answers.check_text(key, "KEY")
    word = config.check_key(key)
    path = paths.config_path()
    raw = config.read(path)
    was_set = config.values(raw)[word] is not None
    if word in raw:  # a blank value goes too
        config.write(path, {k: v for k, v in raw.items() if k != word})
    return word, path, was_set
