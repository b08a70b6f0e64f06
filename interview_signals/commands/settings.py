"""`config`: your settings (config.py reads and writes the file)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from interview_signals import answers
from interview_signals.commands.session import Warn, ignore


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


def replan_open(warn: Warn = ignore) -> int:
    """After `config set/unset holidays`: every open interview's follow-up days worked out again
    with the days off now set, in the history at its default place; how many reports' dates changed.

    A report's follow-up day (and the holidays it skipped) is kept in the
    report, so each day stays the same wherever it shows; this is the one
    time it is worked out again without an edit. The next-action days
    (the second follow-up's too) are worked out again for every open one.
    """
    import datetime as dt

    from interview_signals import followup
    from interview_signals.commands.session import Session

    with Session(None, warn) as session:
        if not session.exists():
            return 0
        store = session.history()
        days_off = session.days_off()
        changed, open_ids = [], []
        for interview in store.open_interviews():
            open_ids.append(interview.id)
            plan = interview.report.get("follow_up")
            if not plan:
                continue
            reply_by = plan.get("reply_by")
            day = dt.date.fromisoformat(interview.date)
            try:
                new = followup.schedule(day, dt.date.fromisoformat(reply_by) if reply_by else None, days_off)
            except followup.BeyondCalendar:
                continue
            if new != plan:
                changed.append((interview.id, {**interview.report, "follow_up": new}, interview.date))
        store.replan(changed, open_ids)
    return len(changed)
