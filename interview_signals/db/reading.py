"""The History's queries: every read of the history, each a SQL query that reads only what it needs."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interview_signals import followup, outcomes
from interview_signals.booking import START_FORMAT, Booking
from interview_signals.db.schema import DECIDED, LATEST_ROUNDS, MAX_ROWID, count_query, due_query, list_query
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import COLUMNS, DamagedInterview, Interview, Note, damaged_message, from_columns
from interview_signals.outcomes import check_outcome
from interview_signals.shape import is_day


class Reading:
    """The reading half of History (db/history.py), which opens the connection these read through."""

    path: Path
    warnings: list[str]
    _conn: sqlite3.Connection

    def get(self, id: int) -> Interview:
        """One interview; a DamagedInterview (exit 1) naming it when it cannot be read back."""
        check_id(id)
        with self._read():
            row = self._conn.execute(f"SELECT {', '.join(COLUMNS)} FROM interviews WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise no_such(id)
        interview, problem = _interview(row)
        if problem:
            raise DamagedInterview(damaged_message(id, problem), interview)
        return interview

    def interviews(self, limit: int | None = None, company: str | None = None, outcome: str | None = None) -> list[Interview]:
        """Newest first (interview date, then the order saved). ``company`` matches any part of the name, any case;
        ``outcome`` is an outcome word or "open" (no final outcome yet), any case.

        The unfiltered query walks the date index backwards and stops after
        ``limit`` rows, so it costs the same at 100,000 interviews as at 10. A
        substring filter cannot seek in an index: it walks the same index,
        checking the company stored there, until ``limit`` rows match — quick
        for a common name, every entry when nothing matches.
        """
        return list(self.each_interview(limit, company, outcome))

    def each_interview(
        self, limit: int | None = None, company: str | None = None, outcome: str | None = None
    ) -> Generator[Interview, None, None]:
        """What ``interviews`` lists, one at a time as read: memory stays flat however many there are.

        The arguments are checked here, before the first one is read. Stop
        early by closing the iterator (or leaving the ``for``); reading ends then.
        """
        if limit is not None and limit < 1:
            raise InputError(f"--limit must be 1 or more, got {limit}")
        # No LIMIT in SQL: a damaged row is skipped, so rows are read until ``limit`` good ones.
        # The cursor steps the index lazily, so stopping early costs no more than LIMIT did.
        sql, params = list_query(None, company.strip() if company else None, None if outcome is None else check_outcome(outcome))
        return self._each(sql, params, limit)

    def count(self, company: str | None = None, outcome: str | None = None) -> int:
        """How many interviews ``interviews`` would list with no limit, damaged ones included."""
        sql, params = count_query(company.strip() if company else None, None if outcome is None else check_outcome(outcome))
        with self._read():
            return int(self._conn.execute(sql, params).fetchone()[0])

    def rounds(self, id: int) -> list[Interview]:
        """Every round of the application ``id`` (any of its rounds) belongs to, first round first."""
        check_id(id)
        with self._read():
            application = self._application_of(id)
        sql = f"SELECT {', '.join(COLUMNS)} FROM interviews WHERE application_id = ? ORDER BY round, id"
        return self._readable(sql, [application], None)

    def open_interviews(self) -> list[Interview]:
        """Interviews with no final outcome yet (none recorded, or pending), oldest first."""
        sql = f"SELECT {', '.join(COLUMNS)} FROM interviews WHERE {outcomes.open_sql()} ORDER BY date, id"
        return self._readable(sql, [], None)

    def due(self, until: str) -> list[Interview]:
        """Interviews whose next action can be done on or before ``until`` (YYYY-MM-DD), soonest first.

        It reads the (next_action_from, id) index up to ``until`` and only the
        rows found there: the cost follows what is due, not the history's size.
        A closed interview has no next action, so is never in that range.
        """
        return list(self.each_due(until))

    def each_due(self, until: str) -> Generator[Interview, None, None]:
        """What ``due`` lists, one at a time as read (see each_interview)."""
        sql, params = due_query(until)
        return self._each(sql, params, None)

    # -- bookings: interviews booked and not yet assessed (schema 7) --

    def booking(self, id: int) -> Booking | None:
        """The booking with this id; None when there is none (it may be an interview's id)."""
        if not 0 < id <= MAX_ROWID:
            return None
        with self._read():
            row = self._conn.execute(f"{_BOOKINGS} WHERE id = ?", (id,)).fetchone()
        return None if row is None else _booking(row)

    def each_booking(self, until: str | None = None) -> Generator[Booking, None, None]:
        """Bookings whose day is ``until`` (YYYY-MM-DD) or earlier, every one without; soonest first.
        Read through the (starts_at, id) index, so the cost follows what is found."""
        sql, params = (f"{_BOOKINGS} ORDER BY starts_at, id", []) if until is None else (_BOOKINGS_UNTIL, [f"{until} ~"])
        with self._read():
            cursor = self._conn.execute(sql, params)
            try:
                for row in cursor:
                    found = _booking(row)
                    if found is not None:
                        yield found
            finally:
                cursor.close()

    def sent(self, id: int) -> list[tuple[str, str]]:
        """What was recorded as sent for an interview: (action, day), in the order sent."""
        check_id(id)
        with self._read():
            rows = self._conn.execute(
                'SELECT action, "on" FROM sent WHERE interview_id = ? ORDER BY "on", recorded_at, rowid', (id,)
            ).fetchall()
        for action, on in rows:
            if action not in followup.SENDABLE or not is_day(on):
                if action not in followup.SENDABLE:
                    said = f"an email recorded as sent is not one of {', '.join(followup.SENDABLE)}"
                else:
                    said = "the day an email was recorded as sent is not a day written YYYY-MM-DD"
                raise SignalsError(damaged_message(id, said))
        return [(action, on) for action, on in rows]

    def notes(self, id: int) -> list[Note]:
        """The notes kept on an interview (or a booking), by day, then in the order written."""
        check_id(id)
        with self._read():
            rows = self._conn.execute(NOTES_OF, (id,)).fetchall()
        for on, text, _ in rows:
            if not is_day(on) or not isinstance(text, str):
                said = "a note's day is not a day written YYYY-MM-DD" if not is_day(on) else "a note's text is not text"
                raise SignalsError(damaged_message(id, said))
        return [Note(on, text) for on, text, _ in rows]

    def _readable(self, sql: str, params: list[Any], limit: int | None) -> list[Interview]:
        """The rows of ``sql`` as Interviews, up to ``limit``; a damaged one is skipped with a warning."""
        return list(self._each(sql, params, limit))

    def _each(self, sql: str, params: list[Any], limit: int | None) -> Generator[Interview, None, None]:
        """_readable one row at a time, as the cursor reads it."""
        found = 0
        with self._read():
            cursor = self._conn.execute(sql, params)
            try:
                for row in cursor:
                    interview, problem = _interview(row)
                    if problem:
                        self.warnings.append(f"interview #{interview.id} is damaged ({problem}); skipped it")
                        continue
                    yield interview
                    found += 1
                    if limit is not None and found >= limit:
                        break
            finally:
                cursor.close()  # ends the read at once when stopped early

    def stats(self, order: tuple[str, ...] = ()) -> dict[str, Any]:
        """Counts and calibration over the whole history; see stats.summarize(). ``order``: the signals' order, for ties.

        Counted in SQL (schema 5), never by reading a report: one pass over
        the interviews_for_stats index takes each application's latest round
        and groups them by verdict, outcome and which signs read good and
        otherwise (the read_good and read_other masks); stats.summarize adds
        each group's count to those signs. The groups are as many as the
        different ways interviews went, not the interviews. A row whose report
        is damaged still counts by its columns.
        """
        from interview_signals.stats import Group, Tallies, summarize

        with self._read():
            (interviews,) = self._conn.execute("SELECT count(*) FROM interviews").fetchone()
            bits = dict(self._conn.execute("SELECT bit, signal FROM signal_bits").fetchall())
            groups = [
                Group(verdict, outcome if isinstance(outcome, str) else None, good, other, n)
                for verdict, outcome, good, other, n in self._conn.execute(
                    f"SELECT verdict, outcome, read_good, read_other, count(*) FROM ({LATEST_ROUNDS})"
                    " WHERE typeof(verdict) = 'text' GROUP BY verdict, outcome, read_good, read_other"
                )
            ]
        return summarize(Tallies(interviews, groups, bits), order)

    def similar(self, score: int | None, application: int | None = None) -> tuple[int, int, int]:
        """For the report's "your history": (decided applications, those whose latest round scored
        within stats.SIMILAR_POINTS of ``score``, and of those the offers), leaving out ``application``."""
        from interview_signals.stats import SIMILAR_POINTS

        with self._read():
            row = self._conn.execute(
                f"WITH latest AS ({LATEST_ROUNDS}) SELECT count(*), total(abs(score - ?) <= ?),"
                " total(abs(score - ?) <= ? AND outcome = 'offer')"
                f" FROM latest WHERE outcome IN ({DECIDED}) AND application IS NOT ?",
                (score, SIMILAR_POINTS, score, SIMILAR_POINTS, application),
            ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    @contextmanager
    def _read(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise SignalsError(f"cannot read the history database {self.path}: {exc}") from exc

    def _application_of(self, id: int) -> int:
        """The application an interview is a round of (inside a read or write)."""
        row = self._conn.execute("SELECT coalesce(application_id, id) FROM interviews WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise no_such(id)
        if type(row[0]) is not int:  # a hand edit left text (or a fraction) where the application's id belongs
            raise SignalsError(damaged_message(id, "its application_id is not a number"))
        return row[0]

    def latest_round(self, id: int) -> int:
        """The id of the latest round of the application ``id`` belongs to."""
        check_id(id)
        with self._read():
            application = self._application_of(id)
            row = self._conn.execute(
                "SELECT id FROM interviews WHERE application_id = ? ORDER BY round DESC, id DESC LIMIT 1", (application,)
            ).fetchone()
        return id if row is None else int(row[0])

    def transferable(self) -> Generator[tuple[Interview, str | None, list[tuple[Any, Any, Any]], list[tuple[Any, Any, Any]]]]:
        """Every interview by id, why it cannot be read back (None when it can), what was
        sent ((action, on, recorded_at), in the order sent) and its notes ((on, text, recorded_at),
        as ``notes`` orders them), all from one snapshot of the history."""
        with self._read():
            self._conn.execute("BEGIN")  # one read transaction: a save meanwhile is all in or all out
            try:
                for row in self._conn.execute(f"SELECT {', '.join(COLUMNS)} FROM interviews ORDER BY id"):
                    interview, problem = _interview(row)
                    sent = self._conn.execute(
                        'SELECT action, "on", recorded_at FROM sent WHERE interview_id = ? ORDER BY "on", recorded_at, rowid',
                        (interview.id,),
                    ).fetchall()
                    yield interview, problem, sent, self._conn.execute(NOTES_OF, (interview.id,)).fetchall()
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")


_BOOKINGS = "SELECT id, application_id, round, company, role, interviewer, starts_at, minutes FROM bookings"
# "~" sorts after every "HH:MM": every start on the day given, or before it.
_BOOKINGS_UNTIL = f"{_BOOKINGS} WHERE starts_at <= ? ORDER BY starts_at, id"


def _booking(row: tuple[Any, ...]) -> Booking | None:
    """A bookings row as a Booking; None when a hand edit left it unusable (its start is not a time)."""
    from datetime import datetime

    found = Booking(*row)
    try:
        datetime.strptime(found.starts_at, START_FORMAT)
    except (TypeError, ValueError):
        return None
    return found


# An interview's notes, by day, then in the order written; the same order for `show` and export.
NOTES_OF = 'SELECT "on", text, recorded_at FROM notes WHERE interview_id = ? ORDER BY "on", recorded_at, id'


def _interview(row: tuple[Any, ...]) -> tuple[Interview, str | None]:
    """A row of COLUMNS as an Interview, and why it cannot be used (interview.from_columns)."""
    return from_columns(dict(zip(COLUMNS, row, strict=True)))


def check_id(id: int) -> None:
    """Ids are SQLite rowids: an id outside 1..2**63-1 cannot exist (and would not bind)."""
    if not 0 < id <= MAX_ROWID:
        raise no_such(id)


def no_such(id: int) -> InputError:
    return InputError(f"no interview with id {id}; see `interview-signals history`")
