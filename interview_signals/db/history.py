"""History: an open history database, and every write to it (its queries are in reading.py)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from datetime import date as Date
from pathlib import Path
from types import TracebackType
from typing import Any

from interview_signals import followup, outcomes
from interview_signals.daysoff import WEEKENDS, DaysOff
from interview_signals.db.applications import Applications
from interview_signals.db.opening import connect, empty_history, make_folder, make_private
from interview_signals.db.reading import check_id, no_such
from interview_signals.db.schema import stored_mask, transaction
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import not_the_latest
from interview_signals.shape import counted_signs, is_day, report_problem
from interview_signals.text import clip


class History(Applications):
    """An open history database. Use ``with History.open(path) as h:``."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        warnings: list[str],
        *,
        in_memory: bool,
        private: bool,
        read_only: bool = False,
        days_off: Callable[[], DaysOff] | None = None,
    ) -> None:
        self.path = path
        # One-line messages for stderr: a corrupt file moved aside, an interview skipped as damaged.
        # Listing appends to it as it goes; core.open_history passes each one on to ``warn``.
        self.warnings = warnings
        self._conn = conn
        self._in_memory = in_memory  # nothing on disk yet: opened with create=False
        self._private = private  # the file and its folder are already made private
        self._read_only = read_only  # it can only be read here: a read-only file, folder or disc
        self._bits: dict[str, int] = {}  # signal_bits as far as read; a sign's bit never changes
        # The days the stored next-action days skip (daysoff.py), asked for when a day is worked out.
        self._days_off = days_off or (lambda: WEEKENDS)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True, days_off: Callable[[], DaysOff] | None = None) -> History:
        """Open the history at ``path``.

        ``create=True`` opens it to write: folder, file and schema are made as
        needed and the file and its folder are made private. ``create=False``
        is for reading: nothing is created and no permission changed; with no
        history there yet (or only an empty file) it is an empty one in memory,
        so every query works and finds nothing. A later write through it makes
        an existing file private first; ``save`` needs ``create=True``. A
        history that cannot be written where it is (a read-only file, folder or
        disc) is opened read-only, so it can still be read, exported and backed
        up; a write through it is a SignalsError saying so. ``days_off`` gives
        the days off the stored next-action days skip (weekends only without).

        A file that is not a history is an InputError and is left untouched.
        """
        path = Path(path)
        warnings: list[str] = []
        if create:
            make_folder(path.parent)
        opened = connect(path, warnings, create=create)
        if opened is None:
            return cls(path, empty_history(path), warnings, in_memory=True, private=False, days_off=days_off)
        conn, read_only = opened
        return cls(path, conn, warnings, in_memory=False, private=create, read_only=read_only, days_off=days_off)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    def save(self, report: dict[str, Any], date: str, round_of: int | None = None, *, booking: int | None = None) -> int:
        """Store a report document (see document.py) for an interview on ``date``; return its id.

        With ``round_of`` (the id of any round of an application) it is saved
        as that application's next round: it takes the application's outcome,
        and the earlier rounds lose their next action (only the latest round
        has one). Without, it starts an application of its own, round 1.
        Whether the round fits its application (company, day) is the caller's
        to check (commands.assess).

        With ``booking`` (a booking's id) it is that booked interview, assessed:
        saved under the booking's id, as the round of the application it was
        booked as, and the booking goes, all in one write.

        A report that would not read back (see report_problem) is refused here,
        so what is saved is always what listing and ``get`` accept.
        """
        row = self._row(report, date)
        if round_of is not None:
            check_id(round_of)
        with self._write("save to"):
            if booking is not None:
                return self._assessed(booking, row, report)
            cursor = self._conn.execute(
                "INSERT INTO interviews (created_at, date, company, role, score, verdict, confidence, catalog_version, report,"
                " read_good, read_other) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_now(), *row, *self._masks(report)),
            )
            new = cursor.lastrowid
            assert new is not None
            if round_of is None:
                self._conn.execute("UPDATE interviews SET application_id = id WHERE id = ?", (new,))
            else:
                application = self._application_of(round_of)
                self._conn.execute(
                    "UPDATE interviews SET (application_id, round, outcome, outcome_note, outcome_at) ="
                    " (SELECT ?, max(round) + 1, NULL, NULL, NULL FROM interviews WHERE application_id = ? AND id != ?)"
                    " WHERE id = ?",
                    (application, application, new, new),
                )
                self._take_outcome(application, new)
            self._refresh_application(new)
        return new

    def _take_outcome(self, application: int, id: int) -> None:
        """A later round takes the application's outcome from the rounds before it (inside a write)."""
        self._conn.execute(
            "UPDATE interviews SET (outcome, outcome_note, outcome_at) = (SELECT outcome, outcome_note, outcome_at"
            " FROM interviews WHERE application_id = ? AND id != ? ORDER BY round DESC LIMIT 1) WHERE id = ?",
            (application, id, id),
        )

    def _assessed(self, booking: int, row: tuple[Any, ...], report: dict[str, Any]) -> int:
        """Save the report of a booked interview under the booking's id, as its round (inside a write)."""
        found = self._conn.execute("DELETE FROM bookings WHERE id = ? RETURNING application_id, round", (booking,)).fetchone()
        if found is None:
            raise InputError(f"no booked interview with id {booking}; see `interview-signals due --days 30`")
        application, round = found
        self._conn.execute(
            "INSERT INTO interviews (id, created_at, date, company, role, score, verdict, confidence, catalog_version, report,"
            " read_good, read_other, application_id, round) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (booking, _now(), *row, *self._masks(report), application, round),
        )
        self._take_outcome(application, booking)
        self._refresh_application(booking)
        return booking

    def book(
        self, starts_at: str, minutes: int | None, context: dict[str, str | None], round_of: int | None = None
    ) -> tuple[int, int]:
        """Book an interview starting at ``starts_at`` (YYYY-MM-DD HH:MM); ``context`` holds its company,
        role and interviewer. With ``round_of`` (any round of an application), it is that application's
        next round. Returns (its id, its round). The id is drawn from the interviews' sequence (schema 7)."""
        if self._in_memory:
            raise SignalsError(f"cannot save to the history database {self.path}: it was opened for reading")
        if round_of is not None:
            check_id(round_of)
        with self._write("save to"):
            (new,) = self._conn.execute(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'interviews'), 0),"
                " coalesce((SELECT max(id) FROM interviews), 0)) + 1"
            ).fetchone()
            if self._conn.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'interviews'", (new,)).rowcount == 0:
                self._conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('interviews', ?)", (new,))
            application, round = new, 1
            if round_of is not None:
                application = self._application_of(round_of)
                (round,) = self._conn.execute(
                    "SELECT max(coalesce((SELECT max(round) FROM interviews WHERE application_id = ?), 0),"
                    " coalesce((SELECT max(round) FROM bookings WHERE application_id = ?), 0)) + 1",
                    (application, application),
                ).fetchone()
            self._conn.execute(
                "INSERT INTO bookings (id, application_id, round, company, role, interviewer, starts_at, minutes, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new,
                    application,
                    round,
                    context.get("company"),
                    context.get("role"),
                    context.get("interviewer"),
                    starts_at,
                    minutes,
                    _now(),
                ),
            )
        return new, round

    def _refresh_application(self, id: int) -> None:
        """Work out the next action again for every round of the application ``id`` is a round of."""
        application = self._application_of(id)
        for (round_id,) in self._conn.execute("SELECT id FROM interviews WHERE application_id = ?", (application,)).fetchall():
            self._refresh(round_id)

    def replace_report(self, id: int, report: dict[str, Any], date: str) -> None:
        """Put a corrected report (and day) in place of a saved one's, keeping its id,
        outcome and what was sent; its next action is worked out again."""
        check_id(id)
        row = self._row(report, date)
        with self._write("update"):
            cursor = self._conn.execute(
                "UPDATE interviews SET date = ?, company = ?, role = ?, score = ?, verdict = ?, confidence = ?,"
                " catalog_version = ?, report = ?, read_good = ?, read_other = ? WHERE id = ?",
                (*row, *self._masks(report), id),
            )
            if cursor.rowcount == 0:
                raise no_such(id)
            self._refresh(id)

    def replan(self, reports: list[tuple[int, dict[str, Any], str]], ids: list[int]) -> None:
        """After the days off changed: put each (id, report, date) in place as replace_report does,
        and work out the next action of each of ``ids`` again, all in one write."""
        with self._write("update"):
            for id, report, date in reports:
                row = self._row(report, date)
                self._conn.execute(
                    "UPDATE interviews SET date = ?, company = ?, role = ?, score = ?, verdict = ?, confidence = ?,"
                    " catalog_version = ?, report = ?, read_good = ?, read_other = ? WHERE id = ?",
                    (*row, *self._masks(report), id),
                )
            for id in ids:
                self._refresh(id)

    def _row(self, report: dict[str, Any], date: str) -> tuple[Any, ...]:
        """The columns saved for a report on ``date``, after the checks every saved report passes."""
        if self._in_memory:
            raise SignalsError(f"cannot save to the history database {self.path}: it was opened for reading")
        day = _check_date(date)
        try:
            verdict, confidence, catalog_version = report["verdict"], report["confidence"], report["catalog_version"]
        except KeyError as exc:
            raise InputError(f"the report has no '{exc.args[0]}'; only reports made by interview-signals can be saved") from None
        problem = report_problem(report, strict=True)
        if problem:
            raise InputError(f"the report {problem}; only reports made by interview-signals can be saved")
        context = report.get("context") or {}
        return (
            day,
            context.get("company") or None,
            context.get("role") or None,
            report.get("score"),
            verdict,
            confidence,
            catalog_version,
            json.dumps(report, ensure_ascii=False),
        )

    def _masks(self, report: dict[str, Any]) -> tuple[int | bytes, int | bytes]:
        """(read_good, read_other) for a report, inside a write: the bits of the signs
        that read good, and of those that read neutral or concerning (schema 5)."""
        good_signs, other_signs = counted_signs(report)
        return self.masks_of(good_signs), self.masks_of(other_signs)

    def masks_of(self, signs: list[str]) -> int | bytes:
        """The bit mask of these signs as stored (stored_mask), giving a sign seen for the first time its bit (inside a write)."""
        mask = 0
        for signal in signs:
            mask |= 1 << self._bit(signal)
        return stored_mask(mask)

    def _bit(self, signal: str) -> int:
        """A sign's bit in the masks, given it the first time the sign is seen (inside a write)."""
        bit = self._bits.get(signal)
        if bit is None:
            self._conn.execute("INSERT OR IGNORE INTO signal_bits (signal) VALUES (?)", (signal,))
            bit = self._bits[signal] = self._conn.execute("SELECT bit FROM signal_bits WHERE signal = ?", (signal,)).fetchone()[0]
        return bit

    def set_outcome(self, id: int, outcome: str, note: str | None = None) -> str:
        """Record how it ended, for every round of its application; recording again replaces
        the outcome, note and time. Returns the word stored."""
        check_id(id)
        word = outcomes.check_result(outcome)
        note = note.strip() if note and note.strip() else None
        with self._write("record the outcome in"):
            # the outcome is the application's: every round of it gets it
            cursor = self._conn.execute(
                "UPDATE interviews SET outcome = ?, outcome_note = ?, outcome_at = ?"
                " WHERE id = ? OR application_id = (SELECT application_id FROM interviews WHERE id = ?)",
                (word, note, _now(), id, id),
            )
            if cursor.rowcount == 0:
                raise no_such(id)
            self._refresh_application(id)
        return word

    def record_sent(self, id: int, action: str, on: str) -> str:
        """Record that the ``action`` email was sent on ``on`` (YYYY-MM-DD); clears a snooze.

        Returns the action word stored. Whether the day fits the interview is
        the caller's to check (commands.followup.sent); a closed interview is refused.
        """
        check_id(id)
        word = followup.check_action(action)
        day = _check_date(on)
        with self._write("record what was sent in"):
            self._require_open(id)
            self._conn.execute(
                'INSERT INTO sent (interview_id, action, "on", recorded_at) VALUES (?, ?, ?, ?)', (id, word, day, _now())
            )
            self._conn.execute("UPDATE interviews SET snoozed_until = NULL WHERE id = ?", (id,))
            self._refresh(id)
        return word

    def snooze(self, id: int, until: str) -> None:
        """Put the next action off until ``until`` (YYYY-MM-DD); a closed interview is refused."""
        check_id(id)
        day = _check_date(until)
        with self._write("snooze in"):
            self._require_open(id)
            self._conn.execute("UPDATE interviews SET snoozed_until = ? WHERE id = ?", (day, id))
            self._refresh(id)

    def unsend(self, id: int, action: str) -> str:
        """Take back the latest record of the ``action`` email sent (the latest day, then the latest
        recorded), so it is due again; returns the day it was recorded as sent. None recorded: an InputError."""
        check_id(id)
        word = followup.check_action(action)
        with self._write("take back what was sent in"):
            gone = self._conn.execute(
                "DELETE FROM sent WHERE rowid = (SELECT rowid FROM sent WHERE interview_id = ? AND action = ?"
                ' ORDER BY "on" DESC, recorded_at DESC, rowid DESC LIMIT 1) RETURNING "on"',
                (id, word),
            ).fetchall()
            if not gone:
                self._application_of(id)  # no such interview: say that first
                raise InputError(f"no {word} recorded as sent for interview #{id}, so there is nothing to take back")
            self._refresh(id)
        return str(gone[0][0])

    def clear_snooze(self, id: int) -> None:
        """Remove the snooze: the next action has the day the schedule gives it again. None there: an InputError."""
        check_id(id)
        with self._write("clear the snooze in"):
            cursor = self._conn.execute(
                "UPDATE interviews SET snoozed_until = NULL WHERE id = ? AND snoozed_until IS NOT NULL", (id,)
            )
            if cursor.rowcount == 0:
                self._application_of(id)
                raise InputError(f"ID {id}: interview #{id} is not snoozed, so there is no snooze to clear")
            self._refresh(id)

    def clear_outcome(self, id: int) -> tuple[str, str | None]:
        """Remove the outcome (and its note) from every round of the application, reopening it; its next action
        returns. Returns the outcome and note removed. None recorded: an InputError."""
        check_id(id)
        with self._write("clear the outcome in"):
            application = self._application_of(id)
            row = self._conn.execute(
                "SELECT outcome, outcome_note FROM interviews WHERE application_id = ? AND outcome IS NOT NULL"
                " ORDER BY round DESC LIMIT 1",
                (application,),
            ).fetchone()
            if row is None:
                raise InputError(f"ID {id}: interview #{id} has no outcome recorded, so there is none to clear")
            self._conn.execute(
                "UPDATE interviews SET outcome = NULL, outcome_note = NULL, outcome_at = NULL WHERE application_id = ?",
                (application,),
            )
            self._refresh_application(id)
        return str(row[0]), row[1] if isinstance(row[1], str) else None

    def add_note(self, id: int, on: str, text: str) -> None:
        """Keep a dated note (``on``: YYYY-MM-DD) on an interview or a booking. The text is kept as given,
        line breaks and all (Windows line ends as newlines), without the white space around it."""
        check_id(id)
        day = _check_date(on)
        text = _note_text(text)
        if not text:
            raise InputError("text: a note needs some text; it was empty", field="text")
        with self._write("keep the note in"):
            found = self._conn.execute(
                "SELECT 1 FROM interviews WHERE id = ? UNION ALL SELECT 1 FROM bookings WHERE id = ?", (id, id)
            ).fetchone()
            if found is None:
                raise no_such(id)
            self._conn.execute(
                'INSERT INTO notes (interview_id, "on", text, recorded_at) VALUES (?, ?, ?, ?)', (id, day, text, _now())
            )

    def delete_note(self, id: int, on: str, text: str) -> None:
        """Take back a note: the latest kept on interview ``id`` on day ``on`` with ``text`` (as add_note keeps it).
        None such: an InputError."""
        check_id(id)
        with self._write("take back the note in"):
            gone = self._conn.execute(
                'DELETE FROM notes WHERE id = (SELECT max(id) FROM notes WHERE interview_id = ? AND "on" = ? AND text = ?)',
                (id, _check_date(on), _note_text(text)),
            ).rowcount
            if not gone:
                raise InputError(f"no such note on interview #{id}, so there is nothing to take back")

    def delete(self, id: int) -> None:
        check_id(id)
        with self._write("delete from"):
            gone = self._conn.execute("DELETE FROM interviews WHERE id = ? RETURNING application_id", (id,)).fetchall()
            if not gone:
                if self._conn.execute("DELETE FROM bookings WHERE id = ?", (id,)).rowcount:
                    return  # a booked interview, not yet assessed
                raise no_such(id)
            application = gone[0][0]
            self._conn.execute("DELETE FROM sent WHERE interview_id = ?", (id,))
            self._conn.execute("DELETE FROM notes WHERE interview_id = ?", (id,))
            rest = self._conn.execute("SELECT id FROM interviews WHERE application_id = ? LIMIT 1", (application,)).fetchone()
            if rest is not None:  # the round before may be the latest now, with a next action again
                self._refresh_application(rest[0])

    def _require_open(self, id: int) -> None:
        """An open interview, and its application's latest round: the one with a next action."""
        row = self._conn.execute("SELECT outcome FROM interviews WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise no_such(id)
        if not outcomes.is_open(row[0] if isinstance(row[0], str) else None):
            raise InputError(
                f"ID {id}: interview #{id} is recorded as {row[0]}, so nothing more is due; "
                f"`interview-signals outcome {id} pending` reopens it"
            )
        latest = self.latest_round(id)
        if latest != id:
            raise InputError(f"ID {id}: {not_the_latest(id, latest)}")

    def _refresh(self, id: int) -> None:
        """Work out the interview's next action again (inside a write) and store it.

        Only the latest round of an application has one; an earlier round has none.
        A row whose date is unusable keeps what it has; one whose report is
        unreadable gets the follow-up day of a report with no plan.
        """
        row = self._conn.execute(
            "SELECT date, report, outcome, snoozed_until, application_id, round FROM interviews WHERE id = ?", (id,)
        ).fetchone()
        if row is None:
            return
        later = self._conn.execute(
            "SELECT 1 FROM interviews WHERE application_id = ? AND round > ? AND id != ? LIMIT 1", (row[4], row[5], id)
        ).fetchone()
        if later is not None:  # an earlier round: what is next belongs to the latest round
            self._conn.execute(
                "UPDATE interviews SET next_action = NULL, next_action_on = NULL, next_action_from = NULL WHERE id = ?", (id,)
            )
            return
        if not is_day(row[0]):
            return
        interview_date = Date.fromisoformat(row[0])
        try:
            report = json.loads(row[1]) if isinstance(row[1], str | bytes) else {}
        except (ValueError, RecursionError):
            report = {}
        if report_problem(report):
            report = {}
        sent = [
            (action, Date.fromisoformat(on))
            for action, on in self._conn.execute('SELECT action, "on" FROM sent WHERE interview_id = ?', (id,))
            if is_day(on)
        ]
        snoozed = Date.fromisoformat(row[3]) if is_day(row[3]) else None
        outcome = row[2] if isinstance(row[2], str) else None
        try:
            follow_up = followup.follow_up_of(report, interview_date)
            found = followup.next_action(interview_date, follow_up, sent, outcome, snoozed, self._days_off())
        except followup.BeyondCalendar:  # a day after 9999-12-31: nothing more to plan
            found = None
        self._conn.execute(
            "UPDATE interviews SET next_action = ?, next_action_on = ?, next_action_from = ? WHERE id = ?",
            (found.action, found.on.isoformat(), found.start.isoformat(), id) if found else (None, None, None, id),
        )

    # -- plumbing --------------------------------------------------------

    @contextmanager
    def _write(self, doing: str) -> Iterator[None]:
        if self._read_only:
            raise SignalsError(
                f"cannot {doing} the history database {self.path}: it is read-only here "
                "(a read-only file, folder or disc); copy it somewhere you can write to change it"
            )
        if not self._in_memory and not self._private:  # opened to read, now written: private first
            make_private(self.path)
            self._private = True
        try:
            with transaction(self._conn):
                yield
        except BaseException as exc:
            self._bits.clear()  # a sign's bit given in the rolled-back write was never kept
            if isinstance(exc, sqlite3.Error):
                raise SignalsError(f"cannot {doing} the history database {self.path}: {exc}") from exc
            raise

    # -- moving: import, backup (the line format and its checks are in transfer.py, the SQL in merge.py) --

    def merge_import(
        self,
        staging: Path,
        *,
        dry_run: bool,
        fingerprint: Callable[[tuple[Any, ...], list[list[Any]]], bytes | None],
    ) -> tuple[int, int, int]:
        """Add the checked lines of a staging database (transfer.staged) in one write transaction;
        returns (added, duplicates skipped, notes added to the interviews they duplicate). ``dry_run``
        works it all out and writes nothing here.

        An id is kept when no interview has it and it is above every id this
        history has given out (so a deleted id is never given again); any other
        line gets the next id after every id in the file. Applications follow
        their first round's id; a round whose first round is a duplicate joins
        the interview it duplicates. A line whose content (all but id and
        application) matches an interview already here is skipped (two equal
        lines are both kept: a history may hold two equal interviews, and the
        round trip keeps them). Notes are not part of what makes two the same:
        a skipped line's notes that the interview here lacks are added to it.
        The staging plan records each decision (kind, final_id, final_app,
        taken) for the caller to report.
        """
        from interview_signals.db import merge  # an import's alone

        try:
            self._conn.execute("ATTACH DATABASE ? AS staged", (str(staging),))
            self._conn.execute("PRAGMA staged.synchronous = OFF")
        except sqlite3.Error as exc:
            raise SignalsError(f"cannot read the staged import: {exc}") from exc
        try:
            if dry_run:
                with self._read():
                    self._conn.execute("BEGIN")  # reads here, writes the staging database only
                    try:
                        return merge.plan(self._conn, fingerprint)
                    finally:
                        if self._conn.in_transaction:
                            self._conn.execute("COMMIT")
            with self._write("import into"):
                added, duplicates, notes = merge.plan(self._conn, fingerprint)
                if added:
                    merge.apply(self._conn, self._bit, self._refresh)
                if notes:
                    merge.add_missing_notes(self._conn)
                return added, duplicates, notes
        finally:
            try:
                self._conn.execute("DETACH DATABASE staged")
            except sqlite3.Error:
                pass  # closing the connection lets it go too

    def backup_into(self, target: str) -> int:
        """Copy the whole history into the SQLite file ``target`` with SQLite's online backup,
        in one step (so one consistent snapshot, while others may write); returns how many interviews it holds."""
        if self._in_memory:
            raise InputError(f"there is no history at {self.path} yet, so there is nothing to back up")
        try:
            copy = sqlite3.connect(target, isolation_level=None)
            try:
                self._conn.backup(copy)
                return int(copy.execute("SELECT count(*) FROM interviews").fetchone()[0])
            finally:
                copy.close()
        except sqlite3.Error as exc:
            raise SignalsError(f"cannot back up the history database {self.path}: {exc}") from exc


def _check_date(text: str) -> str:
    """An interview date must be a real calendar day written YYYY-MM-DD."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError
        return Date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InputError(f"date must be a day written YYYY-MM-DD, e.g. 2025-03-14; got '{clip(text)}'") from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _note_text(text: str) -> str:
    """A note's text as kept: Windows and old Mac line ends as newlines, no white space around it."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
