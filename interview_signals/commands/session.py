"""One command's hold on the history: where it lives, where warnings go, and
the history itself, opened once, when the command first needs it, and closed
when the command ends.

    with Session(db, warn) as session:
        interview = session.history().get(3)

Warnings from opening (a damaged file moved aside) are passed to ``warn`` at
once; those from what is read (a damaged interview skipped) when the session
ends, or sooner through ``hear``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite3 stays off the start-up path of `assess --no-save`
    from interview_signals.daysoff import DaysOff
    from interview_signals.db import History

Warn = Callable[[str], None]


def ignore(message: str) -> None:
    """The default ``warn``: a library caller who passes none hears nothing."""


class Session:
    def __init__(self, db: str | None = None, warn: Warn = ignore) -> None:
        self.db = db  # --db as given; None for the default place
        self.warn = warn
        self._store: History | None = None
        self._heard = 0  # the store's warnings passed on so far
        self._can_save = False  # opened to write, or onto a history already on disk
        self._days_off: DaysOff | None = None

    @cached_property
    def path(self) -> Path:
        """The history's path: --db, or the default place (paths.resolve_path)."""
        from interview_signals.paths import resolve_path

        return resolve_path(self.db)

    def exists(self) -> bool:
        """Whether there is a history file to read (so a read can find something)."""
        return self._store is not None or self.path.exists()

    def check(self) -> None:
        """Refuse a history that could not be opened, before anything is asked:
        reading only, changing nothing (db.opening.check)."""
        if self._store is not None or not self.path.exists():
            return
        from interview_signals.db import header

        if self.path.is_file():  # not a pipe, whose reading could block
            try:
                if header.marked_ours(header.read(self.path)):
                    return  # the common case, judged without a database library
            except OSError:
                pass
        from interview_signals.db.opening import check

        check(self.path)

    def history(self, *, create: bool = False) -> History:
        """The history, opened on first use. ``create=False`` (reading, or changing an
        interview that must exist) creates nothing on disk: with no history there it
        is an empty one. ``create=True`` (saving) makes it as needed; a session that
        found no history on disk when it opened it to read opens it again to write."""
        if self._store is not None and (self._can_save or not create):
            return self._store
        self.close()
        from interview_signals.db import History

        self._store = History.open(self.path, create=create, days_off=self.days_off)
        # read from disk, not an empty stand-in in memory (no file, an empty one, one moved aside)
        self._can_save = create or (self.path.is_file() and self.path.stat().st_size > 0)
        self._heard = 0
        self.hear()
        return self._store

    def days_off(self) -> DaysOff:
        """The days the follow-up rules skip: weekends, and the public holidays of `config set holidays`.
        The setting is read once a command, when a day is first worked out; a settings file that
        cannot be read is a warning, and only weekends are skipped."""
        if self._days_off is None:
            from interview_signals import config, daysoff, paths
            from interview_signals.errors import SignalsError

            try:
                code = config.values(config.read(paths.config_path()))[daysoff.SETTING]
            except SignalsError as exc:
                self.warn(f"{exc} (follow-up days skip weekends only)")
                code = None
            self._days_off = daysoff.DaysOff(code)
        return self._days_off

    @contextmanager
    def opened(self, create: bool) -> Iterator[History]:
        """``history(create=create)`` as a context manager that leaves it open (for transfer.import_lines)."""
        yield self.history(create=create)

    def hear(self) -> None:
        """Pass the history's warnings not yet heard on to ``warn``."""
        if self._store is not None:
            for message in self._store.warnings[self._heard :]:
                self.warn(message)
            self._heard = len(self._store.warnings)

    def close(self) -> None:
        """Pass on the warnings left and close the history (it opens again if used again)."""
        store, self._store = self._store, None
        if store is not None:
            try:
                for message in store.warnings[self._heard :]:
                    self.warn(message)
            finally:
                store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
