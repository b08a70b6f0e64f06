"""The interview history store: every saved report, in one SQLite file of your own.

Why it is built the way it is:

* Interview notes are personal. Whenever the history is opened to write, the
  file (and any ``-wal``/``-shm`` beside it) is made 0600 and a folder of its
  own 0700, whatever the umask and whatever an older version or a copy left;
  SQLite gives new companions the database file's mode. A folder that holds
  other things too (a home, a project, /tmp) is not ours to change.
* Reading creates nothing and changes no permission: with no history there
  yet, a reader gets an empty one in memory (``create=False``).
* The tool runs in shell loops and in two terminals at once, so the database
  is in WAL mode with a busy timeout, and every write takes the write lock up
  front with ``BEGIN IMMEDIATE``: a second writer waits its turn instead of
  failing half way with "database is locked".
* The schema version lives in ``PRAGMA user_version``. MIGRATIONS is
  append-only: schema N is MIGRATIONS[:N], so adding a schema is appending one
  script. A file written by a newer version is refused and never written to.
* Ids are never reused (AUTOINCREMENT, schema 2): notes, ``draft <id>`` and
  calendar reminders name an interview by its id, and after a delete they must
  not start pointing at the next one saved.
* Only a file that is recognisably a history (an SQLite file with our
  application id, or, from before that was set, a schema version we know
  with exactly our interviews columns; or, when it cannot be read, an SQLite
  header with our application id or our CREATE TABLE statement on its first
  page) is ever
  opened, written or, when damaged, moved aside (never deleted or reset; the
  History says so in ``warnings`` for the CLI to print). Anything else, a
  JSON file, ~/.bashrc, another program's database, is refused untouched:
  no byte changed, no ``-wal``/``-shm``/``-journal`` made beside it.
* A saved report that cannot be read back (not JSON, or not shaped like a
  report) spoils only its own interview: listing skips it with a warning,
  and reading it by id is a SignalsError naming it.

Pure library code: no printing; failures are SignalsError (the machine's side)
or InputError (the user asked for something that is not there).
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Date
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

from interview_signals import followup, outcomes
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import DamagedInterview, Interview, damaged_message, fold, from_columns
from interview_signals.outcomes import OPEN, check_outcome
from interview_signals.shape import counted_signs, is_day, report_problem
from interview_signals.text import clip

BUSY_TIMEOUT_S = 10
MAX_ROWID = 2**63 - 1
# PRAGMA application_id: offset 68 of the SQLite header, "ISig". It marks a file as ours even when its schema page is lost.
APPLICATION_ID = 0x49536967
SQLITE_MAGIC = b"SQLite format 3\x00"
# Our CREATE TABLE as SQLite keeps it in the schema: as written (schema 1), or quoted after schema 2's RENAME.
OUR_TABLE = re.compile(rb'CREATE TABLE "?interviews"? \(\s*id INTEGER PRIMARY KEY')

# Schema N is MIGRATIONS[:N]. Never edit a shipped script: append a new one.
MIGRATIONS: tuple[str, ...] = (
    # 1: one row per saved report. The full report is kept as JSON; the columns
    # beside it are what listing, filtering and stats read without parsing it.
    # Outcome words are checked in Python, not with CHECK, so adding one needs
    # no table rebuild. The index serves `ORDER BY date DESC, id DESC`; company
    # rides along in it so the company filter is checked on the index, without
    # reading each row and its report (9x faster at 100,000 rows).
    """
    CREATE TABLE interviews (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        date TEXT NOT NULL,
        company TEXT,
        role TEXT,
        score INTEGER,
        verdict TEXT NOT NULL,
        confidence TEXT NOT NULL,
        catalog_version INTEGER NOT NULL,
        report TEXT NOT NULL,
        outcome TEXT,
        outcome_note TEXT,
        outcome_at TEXT
    );
    CREATE INDEX interviews_by_date ON interviews (date, id, company);
    """,
    # 2: ids are never reused. A plain INTEGER PRIMARY KEY hands a deleted
    # highest id to the next save, and notes, `draft <id>` and calendar
    # reminders (interview-<id>-follow-up@...) would then point at a different
    # interview. AUTOINCREMENT only comes with a table rebuild: copy every row
    # with its id, swap the tables and recreate the index. sqlite_sequence is
    # set to the highest id copied, so counting goes on from there (ids deleted
    # above it under schema 1 are beyond knowing).
    """
    CREATE TABLE interviews_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        date TEXT NOT NULL,
        company TEXT,
        role TEXT,
        score INTEGER,
        verdict TEXT NOT NULL,
        confidence TEXT NOT NULL,
        catalog_version INTEGER NOT NULL,
        report TEXT NOT NULL,
        outcome TEXT,
        outcome_note TEXT,
        outcome_at TEXT
    );
    INSERT INTO interviews_v2 (id, created_at, date, company, role, score, verdict, confidence, catalog_version, report,
                               outcome, outcome_note, outcome_at)
        SELECT id, created_at, date, company, role, score, verdict, confidence, catalog_version, report,
               outcome, outcome_note, outcome_at
        FROM interviews;
    DROP TABLE interviews;
    ALTER TABLE interviews_v2 RENAME TO interviews;
    CREATE INDEX interviews_by_date ON interviews (date, id, company);
    DELETE FROM sqlite_sequence WHERE name IN ('interviews', 'interviews_v2');
    INSERT INTO sqlite_sequence (name, seq) SELECT 'interviews', max(id) FROM interviews HAVING count(*) > 0;
    """,
    # 3: what to do next about each interview (followup.next_action), kept up
    # to date on every save, outcome, sent and snooze, so `due` reads only the
    # rows due through the (next_action_on, id) index, never every report.
    # A closed interview has no next action (NULL: not in the index's range).
    # Nothing was sent before this schema, so an open interview's next action
    # is the thank-you on the interview day. The final outcome words are
    # written out here, as they were when this shipped (outcomes.FINAL).
    # "sent" holds every email recorded as sent; "on" is quoted, a keyword.
    """
    ALTER TABLE interviews ADD COLUMN next_action TEXT;
    ALTER TABLE interviews ADD COLUMN next_action_on TEXT;
    ALTER TABLE interviews ADD COLUMN snoozed_until TEXT;
    UPDATE interviews SET next_action = 'thank-you', next_action_on = date
        WHERE outcome IS NULL OR outcome NOT IN ('offer', 'rejected', 'ghosted', 'withdrew');
    CREATE INDEX interviews_by_next_action ON interviews (next_action_on, id);
    CREATE TABLE sent (
        interview_id INTEGER NOT NULL,
        action TEXT NOT NULL,
        "on" TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX sent_by_interview ON sent (interview_id);
    """,
    # 4: one application, several rounds. Every interview belongs to an
    # application, named by the id of its first round; an existing history
    # becomes one application per interview (its own id, round 1). The
    # outcome is the application's: it is written on every round. Only the
    # latest round has a next action. The index finds an application's rounds.
    """
    ALTER TABLE interviews ADD COLUMN application_id INTEGER;
    ALTER TABLE interviews ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
    UPDATE interviews SET application_id = id;
    CREATE INDEX interviews_by_application ON interviews (application_id, round);
    """,
    # 5: stats in SQL. What stats needs of each report sits beside it as two
    # bit masks: read_good, the signs that read good, and read_other, those
    # that read neutral or concerning ("unsure" and "didn't apply" are in
    # neither). Each sign's bit is given in signal_bits the first time it is
    # seen, and never changes. This script, for reports saved before it,
    # fills bits 1 to 62; written since, a mask past 64 bits is kept as bytes
    # (stored_mask), so a catalog may have any number of signs. The store works the masks out whenever it writes a report
    # (History._masks); here, for the reports already saved. A report that is
    # not valid JSON, or a signal entry without a text id, adds nothing; a
    # sign listed twice counts by its first entry. With the masks in the
    # interviews_for_stats index, stats is one pass over that index, never
    # over the reports: the report sits before the other columns in a row and
    # spills over onto pages of its own, so a column read from the table
    # means the report read too (about 10 us a row).
    # The readings view lists every answer of every report, a row each, for
    # anyone who wants to query them in SQL (`sqlite3 history.sqlite3`).
    """
    CREATE VIEW readings AS
        SELECT i.id AS interview_id, json_extract(s.value, '$.id') AS signal,
               json_extract(s.value, '$.answer') AS answer, json_extract(s.value, '$.reading') AS reading
        FROM interviews AS i, json_each(CASE WHEN json_valid(i.report) THEN i.report ELSE '{}' END, '$.signals') AS s
        WHERE s.type = 'object' AND json_type(s.value, '$.id') = 'text';
    CREATE TABLE signal_bits (bit INTEGER PRIMARY KEY, signal TEXT NOT NULL UNIQUE);
    INSERT OR IGNORE INTO signal_bits (signal) SELECT DISTINCT signal FROM readings ORDER BY signal;
    ALTER TABLE interviews ADD COLUMN read_good INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE interviews ADD COLUMN read_other INTEGER NOT NULL DEFAULT 0;
    UPDATE interviews SET (read_good, read_other) = (
        SELECT coalesce(sum(1 << b.bit) FILTER (WHERE first.reading = 'good'), 0),
               coalesce(sum(1 << b.bit) FILTER (WHERE first.reading IN ('neutral', 'concerning')), 0)
        FROM (
            SELECT json_extract(s.value, '$.id') AS signal, json_extract(s.value, '$.reading') AS reading, min(s.key)
            FROM json_each(CASE WHEN json_valid(interviews.report) THEN interviews.report ELSE '{}' END, '$.signals') AS s
            WHERE s.type = 'object' AND json_type(s.value, '$.id') = 'text'
            GROUP BY 1
        ) AS first
        JOIN signal_bits AS b ON b.signal = first.signal
        WHERE b.bit < 63
    );
    CREATE INDEX interviews_for_stats ON interviews (application_id, round, id, score, verdict, outcome, read_good, read_other);
    """,
    # 6: an action has one day everywhere (followup.next_action). next_action_on
    # is that day: for the thank-you, the day after the interview, as the report
    # promises (it was the interview day). next_action_from is the first day it
    # can be done: `due` lists an action from then, through the
    # (next_action_from, id) index, and calls it overdue only after its day.
    # Only the thank-you can be done before its day, from the interview day;
    # a snooze moved both. An interview on 9999-12-31 has no day after it, so
    # nothing to plan (as History._refresh has it).
    """
    ALTER TABLE interviews ADD COLUMN next_action_from TEXT;
    UPDATE interviews SET next_action_from = next_action_on;
    UPDATE interviews SET next_action_on = max(next_action_on, date(date, '+1 day'))
        WHERE next_action = 'thank-you' AND date(date, '+1 day') IS NOT NULL;
    UPDATE interviews SET next_action = NULL, next_action_on = NULL, next_action_from = NULL
        WHERE next_action = 'thank-you' AND date = '9999-12-31';
    DROP INDEX interviews_by_next_action;
    CREATE INDEX interviews_by_next_action_from ON interviews (next_action_from, id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = (
    "id",
    "created_at",
    "date",
    "company",
    "role",
    "score",
    "verdict",
    "confidence",
    "catalog_version",
    "report",
    "outcome",
    "outcome_note",
    "outcome_at",
    "next_action",
    "next_action_on",
    "snoozed_until",
    "application_id",
    "round",
    "next_action_from",
)
# The latest round of each application (every row has an application since schema 4). With max() the only
# aggregate, SQLite takes the bare columns from the row holding the maximum: the latest round's. It reads
# only the interviews_for_stats index, already in application order.
INTEGER_MASK = 1 << 63  # a mask below this is kept as an SQLite integer; from it on, as a BLOB (stored_mask)
_DECIDED = ", ".join(f"'{word}'" for word in outcomes.DECISIVE)  # for SQL: the outcomes calibration learns from
LATEST_ROUNDS = (
    "SELECT id, application_id AS application, score, verdict, outcome, read_good, read_other, max(round)"
    " FROM interviews INDEXED BY interviews_for_stats GROUP BY application_id"
)
FOLD_FUNCTION = "fold"  # the SQL name of fold(), registered on every connection


def list_query(limit: int | None = None, company: str | None = None, outcome: str | None = None) -> tuple[str, list[Any]]:
    """The SELECT behind History.interviews, apart so a test can EXPLAIN it.

    ``outcome`` is an outcome word (stored folded) or OPEN, already checked.
    """
    where, params = _list_filter(company, outcome)
    sql = f"SELECT {', '.join(COLUMNS)} FROM interviews{where} ORDER BY date DESC, id DESC LIMIT ?"
    params.append(-1 if limit is None or limit > MAX_ROWID else limit)  # more than can exist: no limit
    return sql, params


def count_query(company: str | None = None, outcome: str | None = None) -> tuple[str, list[Any]]:
    """The SELECT behind History.count: how many interviews list_query would list with no limit."""
    where, params = _list_filter(company, outcome)
    return f"SELECT count(*) FROM interviews{where}", params


def _list_filter(company: str | None, outcome: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause (empty, or starting with a space) of a listing, and its parameters."""
    params: list[Any] = []
    where = []
    if company:
        # instr, not LIKE: the user's % and _ are letters, not wildcards.
        where.append(f"instr({FOLD_FUNCTION}(company), ?) > 0")
        params.append(fold(company))
    if outcome == OPEN:
        where.append(outcomes.open_sql())
    elif outcome is not None:
        where.append("outcome = ?")
        params.append(outcome)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def due_query(until: str) -> tuple[str, list[Any]]:
    """The SELECT behind History.due, apart so a test can EXPLAIN it."""
    return f"SELECT {', '.join(COLUMNS)} FROM interviews WHERE next_action_from <= ? ORDER BY next_action_from, id", [until]


class History:
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

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = True) -> History:
        """Open the history at ``path``.

        ``create=True`` opens it to write: folder, file and schema are made as
        needed and the file and its folder are made private. ``create=False``
        is for reading: nothing is created and no permission changed; with no
        history there yet (or only an empty file) it is an empty one in memory,
        so every query works and finds nothing. A later write through it makes
        an existing file private first; ``save`` needs ``create=True``. A
        history that cannot be written where it is (a read-only file, folder or
        disc) is opened read-only, so it can still be read, exported and backed
        up; a write through it is a SignalsError saying so.

        A file that is not a history is an InputError and is left untouched.
        """
        path = Path(path)
        warnings: list[str] = []
        if create:
            _make_folder(path.parent)
        opened = _connect(path, warnings, create=create)
        if opened is None:
            return cls(path, _in_memory(path), warnings, in_memory=True, private=False)
        conn, read_only = opened
        return cls(path, conn, warnings, in_memory=False, private=create, read_only=read_only)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    def save(self, report: dict[str, Any], date: str, round_of: int | None = None) -> int:
        """Store a report document (see document.py) for an interview on ``date``; return its id.

        With ``round_of`` (the id of any round of an application) it is saved
        as that application's next round: it takes the application's outcome,
        and the earlier rounds lose their next action (only the latest round
        has one). Without, it starts an application of its own, round 1.
        Whether the round fits its application (company, day) is the caller's
        to check (core.assess).

        A report that would not read back (see report_problem) is refused here,
        so what is saved is always what listing and ``get`` accept.
        """
        row = self._row(report, date)
        if round_of is not None:
            _check_id(round_of)
        with self._write("save to"):
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
                self._conn.execute(
                    "UPDATE interviews SET (outcome, outcome_note, outcome_at) = (SELECT outcome, outcome_note, outcome_at"
                    " FROM interviews WHERE application_id = ? AND id != ? ORDER BY round DESC LIMIT 1) WHERE id = ?",
                    (application, new, new),
                )
            self._refresh_application(new)
        return new

    def _application_of(self, id: int) -> int:
        """The application an interview is a round of (inside a read or write)."""
        row = self._conn.execute("SELECT coalesce(application_id, id) FROM interviews WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise _no_such(id)
        if type(row[0]) is not int:  # a hand edit left text (or a fraction) where the application's id belongs
            raise SignalsError(damaged_message(id, "its application_id is not a number"))
        return row[0]

    def _refresh_application(self, id: int) -> None:
        """Work out the next action again for every round of the application ``id`` is a round of."""
        application = self._application_of(id)
        for (round_id,) in self._conn.execute("SELECT id FROM interviews WHERE application_id = ?", (application,)).fetchall():
            self._refresh(round_id)

    def replace_report(self, id: int, report: dict[str, Any], date: str) -> None:
        """Put a corrected report (and day) in place of a saved one's, keeping its id,
        outcome and what was sent; its next action is worked out again."""
        _check_id(id)
        row = self._row(report, date)
        with self._write("update"):
            cursor = self._conn.execute(
                "UPDATE interviews SET date = ?, company = ?, role = ?, score = ?, verdict = ?, confidence = ?,"
                " catalog_version = ?, report = ?, read_good = ?, read_other = ? WHERE id = ?",
                (*row, *self._masks(report), id),
            )
            if cursor.rowcount == 0:
                raise _no_such(id)
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
            bit = self._bits.get(signal)
            if bit is None:
                self._conn.execute("INSERT OR IGNORE INTO signal_bits (signal) VALUES (?)", (signal,))
                bit = self._bits[signal] = self._conn.execute(
                    "SELECT bit FROM signal_bits WHERE signal = ?", (signal,)
                ).fetchone()[0]
            mask |= 1 << bit
        return stored_mask(mask)

    def set_outcome(self, id: int, outcome: str, note: str | None = None) -> str:
        """Record how it ended, for every round of its application; recording again replaces
        the outcome, note and time. Returns the word stored."""
        _check_id(id)
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
                raise _no_such(id)
            self._refresh_application(id)
        return word

    def record_sent(self, id: int, action: str, on: str) -> str:
        """Record that the ``action`` email was sent on ``on`` (YYYY-MM-DD); clears a snooze.

        Returns the action word stored. Whether the day fits the interview is
        the caller's to check (core.sent); a closed interview is refused.
        """
        _check_id(id)
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
        _check_id(id)
        day = _check_date(until)
        with self._write("snooze in"):
            self._require_open(id)
            self._conn.execute("UPDATE interviews SET snoozed_until = ? WHERE id = ?", (day, id))
            self._refresh(id)

    def delete(self, id: int) -> None:
        _check_id(id)
        with self._write("delete from"):
            gone = self._conn.execute("DELETE FROM interviews WHERE id = ? RETURNING application_id", (id,)).fetchall()
            if not gone:
                raise _no_such(id)
            application = gone[0][0]
            self._conn.execute("DELETE FROM sent WHERE interview_id = ?", (id,))
            rest = self._conn.execute("SELECT id FROM interviews WHERE application_id = ? LIMIT 1", (application,)).fetchone()
            if rest is not None:  # the round before may be the latest now, with a next action again
                self._refresh_application(rest[0])

    def _require_open(self, id: int) -> None:
        """An open interview, and its application's latest round: the one with a next action."""
        row = self._conn.execute("SELECT outcome FROM interviews WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise _no_such(id)
        if not outcomes.is_open(row[0] if isinstance(row[0], str) else None):
            raise InputError(
                f"ID {id}: interview #{id} is recorded as {row[0]}, so nothing more is due; "
                f"`interview-signals outcome {id} pending` reopens it"
            )
        latest = self.latest_round(id)
        if latest != id:
            raise InputError(f"ID {id}: interview #{id} is an earlier round; what is next belongs to its latest round, #{latest}")

    def latest_round(self, id: int) -> int:
        """The id of the latest round of the application ``id`` belongs to."""
        _check_id(id)
        with self._read():
            application = self._application_of(id)
            row = self._conn.execute(
                "SELECT id FROM interviews WHERE application_id = ? ORDER BY round DESC, id DESC LIMIT 1", (application,)
            ).fetchone()
        return id if row is None else int(row[0])

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
            found = followup.next_action(interview_date, followup.follow_up_of(report, interview_date), sent, outcome, snoozed)
        except followup.BeyondCalendar:  # a day after 9999-12-31: nothing more to plan
            found = None
        self._conn.execute(
            "UPDATE interviews SET next_action = ?, next_action_on = ?, next_action_from = ? WHERE id = ?",
            (found.action, found.on.isoformat(), found.start.isoformat(), id) if found else (None, None, None, id),
        )

    # -- reading ---------------------------------------------------------

    def get(self, id: int) -> Interview:
        """One interview; a DamagedInterview (exit 1) naming it when it cannot be read back."""
        _check_id(id)
        with self._read():
            row = self._conn.execute(f"SELECT {', '.join(COLUMNS)} FROM interviews WHERE id = ?", (id,)).fetchone()
        if row is None:
            raise _no_such(id)
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
        _check_id(id)
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

    def sent(self, id: int) -> list[tuple[str, str]]:
        """What was recorded as sent for an interview: (action, day), in the order sent."""
        _check_id(id)
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
                f" FROM latest WHERE outcome IN ({_DECIDED}) AND application IS NOT ?",
                (score, SIMILAR_POINTS, score, SIMILAR_POINTS, application),
            ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    # -- plumbing --------------------------------------------------------

    @contextmanager
    def _write(self, doing: str) -> Iterator[None]:
        if self._read_only:
            raise SignalsError(
                f"cannot {doing} the history database {self.path}: it is read-only here "
                "(a read-only file, folder or disc); copy it somewhere you can write to change it"
            )
        if not self._in_memory and not self._private:  # opened to read, now written: private first
            _make_private(self.path)
            self._private = True
        try:
            with _transaction(self._conn):
                yield
        except BaseException as exc:
            self._bits.clear()  # a sign's bit given in the rolled-back write was never kept
            if isinstance(exc, sqlite3.Error):
                raise SignalsError(f"cannot {doing} the history database {self.path}: {exc}") from exc
            raise

    @contextmanager
    def _read(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise SignalsError(f"cannot read the history database {self.path}: {exc}") from exc

    # -- moving: export, import, backup (the line format and its checks are in transfer.py) --

    # What merge_import decides for the staged lines, in order (transfer.STAGING_SCHEMA has their columns).
    _IMPORT_PLAN = (
        # the same content as an interview here: skipped, standing for that interview
        "UPDATE staged.plan SET kind = 'existing', final_id = e.id, final_app = e.app"
        " FROM staged.existing AS e WHERE e.fingerprint = plan.fingerprint",
        "UPDATE staged.plan SET kind = 'new' WHERE kind IS NULL",
        # an id above every id given out here is free: kept
        "UPDATE staged.plan SET final_id = old_id WHERE kind = 'new' AND old_id > :high",
        "UPDATE staged.plan SET taken = EXISTS (SELECT 1 FROM main.interviews i WHERE i.id = plan.old_id)"
        " WHERE kind = 'new' AND old_id IS NOT NULL AND final_id IS NULL",
    )
    _IMPORT_APPLICATIONS = (
        "UPDATE staged.plan SET final_app = final_id WHERE kind = 'new' AND round = 1",
        # a later round follows its first round, or the interview here that a line of its application duplicates
        "UPDATE staged.plan SET final_app = coalesce("
        " (SELECT t.final_app FROM staged.plan t WHERE t.old_id = plan.application),"
        " (SELECT d.final_app FROM staged.plan d WHERE d.application = plan.application AND d.kind = 'existing' ORDER BY d.line LIMIT 1))"
        " WHERE kind = 'new' AND round > 1",
        # what is left names a first round that is nowhere (deleted): that id is kept when free, else replaced
        "INSERT INTO staged.apps (old) SELECT DISTINCT application FROM staged.plan WHERE kind = 'new' AND final_app IS NULL",
        "UPDATE staged.apps SET new = old WHERE old > :high",
    )

    def transferable(self) -> Generator[tuple[Interview, str | None, list[tuple[Any, Any, Any]]], None, None]:
        """Every interview by id, why it cannot be read back (None when it can) and what was
        sent ((action, on, recorded_at), in the order sent), all from one snapshot of the history."""
        with self._read():
            self._conn.execute("BEGIN")  # one read transaction: a save meanwhile is all in or all out
            try:
                for row in self._conn.execute(f"SELECT {', '.join(COLUMNS)} FROM interviews ORDER BY id"):
                    interview, problem = _interview(row)
                    sent = self._conn.execute(
                        'SELECT action, "on", recorded_at FROM sent WHERE interview_id = ? ORDER BY "on", recorded_at, rowid',
                        (interview.id,),
                    ).fetchall()
                    yield interview, problem, sent
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    def merge_import(
        self,
        staging: Path,
        *,
        dry_run: bool,
        fingerprint: Callable[[tuple[Any, ...], list[list[Any]]], bytes | None],
    ) -> tuple[int, int]:
        """Add the checked lines of a staging database (transfer.staged) in one write transaction;
        returns (added, duplicates skipped). ``dry_run`` works it all out and writes nothing here.

        An id is kept when no interview has it and it is above every id this
        history has given out (so a deleted id is never given again); any other
        line gets the next id after every id in the file. Applications follow
        their first round's id; a round whose first round is a duplicate joins
        the interview it duplicates. A line whose content (all but id and
        application) matches an interview already here is skipped (two equal
        lines are both kept: a history may hold two equal interviews, and the
        round trip keeps them). The staging plan records each decision (kind,
        final_id, final_app, taken) for the caller to report.
        """
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
                        return self._plan_import(fingerprint)
                    finally:
                        if self._conn.in_transaction:
                            self._conn.execute("COMMIT")
            with self._write("import into"):
                added, duplicates = self._plan_import(fingerprint)
                if added:
                    self._apply_import()
                return added, duplicates
        finally:
            try:
                self._conn.execute("DETACH DATABASE staged")
            except sqlite3.Error:
                pass  # closing the connection lets it go too

    def _plan_import(self, fingerprint: Callable[[tuple[Any, ...], list[list[Any]]], bytes | None]) -> tuple[int, int]:
        """Decide each staged line's fate (inside a transaction); (added, duplicates)."""
        c = self._conn
        high = c.execute(
            "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'interviews'), 0),"
            " coalesce(max(id), 0), coalesce(max(application_id), 0)) FROM interviews"
        ).fetchone()[0]
        # Interviews that may be duplicates: the same saved time, then the same content.
        candidates = c.execute(
            "SELECT id, coalesce(application_id, id), created_at, date, outcome, outcome_note, outcome_at, snoozed_until,"
            " round, report FROM interviews WHERE created_at IN (SELECT created_at FROM staged.plan) ORDER BY id"
        )
        for id, application, *columns in candidates:
            sent = c.execute(
                'SELECT action, "on", recorded_at FROM sent WHERE interview_id = ? ORDER BY "on", recorded_at, rowid', (id,)
            ).fetchall()
            found = fingerprint(tuple(columns), [list(item) for item in sent])
            if found is not None:
                c.execute(
                    "INSERT OR IGNORE INTO staged.existing (fingerprint, id, app) VALUES (?, ?, ?)", (found, id, application)
                )
        for statement in self._IMPORT_PLAN:
            c.execute(statement, {"high": high})
        base = c.execute(
            "SELECT max(:high, coalesce(max(old_id), 0), coalesce(max(application), 0)) FROM staged.plan", {"high": high}
        ).fetchone()[0]
        c.execute(
            "WITH fresh AS (SELECT line, row_number() OVER (ORDER BY line) AS n FROM staged.plan WHERE kind = 'new' AND final_id IS NULL)"
            " UPDATE staged.plan SET final_id = :base + fresh.n FROM fresh WHERE fresh.line = plan.line",
            {"base": base},
        )
        for statement in self._IMPORT_APPLICATIONS:
            c.execute(statement, {"high": high})
        base = c.execute("SELECT max(:base, coalesce(max(final_id), 0)) FROM staged.plan", {"base": base}).fetchone()[0]
        c.execute(
            "WITH fresh AS (SELECT old, row_number() OVER (ORDER BY old) AS n FROM staged.apps WHERE new IS NULL)"
            " UPDATE staged.apps SET new = :base + fresh.n FROM fresh WHERE fresh.old = apps.old",
            {"base": base},
        )
        c.execute(
            "UPDATE staged.plan SET final_app = (SELECT new FROM staged.apps WHERE old = plan.application)"
            " WHERE kind = 'new' AND final_app IS NULL"
        )
        self._check_rounds()
        added, duplicates = c.execute(
            "SELECT count(*) FILTER (WHERE kind = 'new'), count(*) FILTER (WHERE kind != 'new') FROM staged.plan"
        ).fetchone()
        return int(added), int(duplicates)

    def _check_rounds(self) -> None:
        """A round the application already has, here or earlier in the file, is an InputError naming the line."""
        c = self._conn
        c.execute("CREATE INDEX staged.plan_by_final_app ON plan (final_app, round)")
        clash = c.execute(
            "SELECT r.line, r.final_app, r.round, i.id FROM staged.plan r JOIN main.interviews i"
            " ON i.application_id = r.final_app AND i.round = r.round WHERE r.kind = 'new' ORDER BY r.line LIMIT 1"
        ).fetchone()
        if clash is not None:
            line, application, round, id = clash
            raise InputError(
                f"line {line}: application #{application} already has a round {round} (#{id}), different from this one; "
                "nothing was imported"
            )
        clash = c.execute(
            "SELECT b.line, b.final_app, b.round, a.line FROM staged.plan a JOIN staged.plan b"
            " ON b.final_app = a.final_app AND b.round = a.round AND b.line > a.line"
            " WHERE a.kind = 'new' AND b.kind = 'new' ORDER BY b.line LIMIT 1"
        ).fetchone()
        if clash is not None:
            raise InputError(
                f"line {clash[0]}: it would be round {clash[2]} of application #{clash[1]}, as line {clash[3]} is; "
                "nothing was imported"
            )

    def _apply_import(self) -> None:
        """Write the planned lines (inside the write transaction), with what was sent, and settle next actions."""
        c = self._conn
        joined = [
            application
            for (application,) in c.execute(
                "SELECT DISTINCT r.final_app FROM staged.plan r WHERE r.kind = 'new'"
                " AND EXISTS (SELECT 1 FROM main.interviews i WHERE i.application_id = r.final_app)"
            ).fetchall()
        ]
        # Each line came with the signs that read good and otherwise (JSON lists); the masks need their bits here.
        import orjson

        signs: set[str] = set()
        listed = "SELECT DISTINCT good_signs FROM staged.rows UNION SELECT DISTINCT other_signs FROM staged.rows"
        for (names,) in c.execute(listed):
            signs.update(orjson.loads(names))
        self.masks_of(sorted(signs))  # gives the new ones their bits
        bits = dict(self._bits)

        def signs_mask(names: str) -> int | bytes:
            return stored_mask(sum(1 << bits[sign] for sign in orjson.loads(names)))

        c.create_function("signs_mask", 1, signs_mask, deterministic=True)
        # The next action came worked out with each line, as for an application's latest round.
        c.execute(
            "INSERT INTO interviews (id, created_at, date, company, role, score, verdict, confidence, catalog_version, report,"
            " outcome, outcome_note, outcome_at, next_action, next_action_on, snoozed_until, application_id, round,"
            " read_good, read_other, next_action_from)"
            " SELECT p.final_id, r.created_at, r.date, r.company, r.role, r.score, r.verdict, r.confidence, r.catalog_version,"
            " r.report, r.outcome, r.outcome_note, r.outcome_at, r.next_action, r.next_action_on, r.snoozed_until,"
            " p.final_app, p.round, signs_mask(r.good_signs), signs_mask(r.other_signs), r.next_action_from"
            " FROM staged.plan p JOIN staged.rows r ON r.line = p.line WHERE p.kind = 'new' ORDER BY p.line"
        )
        c.execute(
            'INSERT INTO sent (interview_id, action, "on", recorded_at) SELECT r.final_id, s.action, s."on", s.recorded_at'
            " FROM staged.sent s JOIN staged.plan r ON r.line = s.line WHERE r.kind = 'new' ORDER BY s.rowid"
        )
        # Only an application's latest round has a next action: among the new lines here; for applications already here, below.
        c.execute(
            "UPDATE interviews SET next_action = NULL, next_action_on = NULL, next_action_from = NULL"
            " WHERE id IN (SELECT p.final_id FROM staged.plan p"
            " WHERE p.kind = 'new' AND EXISTS (SELECT 1 FROM staged.plan l WHERE l.kind = 'new' AND l.final_app = p.final_app"
            " AND l.round > p.round))"
        )
        for application in joined:  # rounds added to an application already here: work out all of it again
            for (round_id,) in c.execute("SELECT id FROM interviews WHERE application_id = ?", (application,)).fetchall():
                self._refresh(round_id)
        # Applications named by an id no interview has (its first round was deleted) keep that id from being given out.
        c.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(new), 0) FROM staged.apps)) WHERE name = 'interviews'"
        )

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


# -- opening -----------------------------------------------------------------


def _make_folder(folder: Path) -> None:
    """Create the folder and any missing parents, each 0700 whatever the umask; leave existing ones alone."""
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    try:
        for path in reversed(missing):
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                pass  # another run made it a moment ago
            os.chmod(path, 0o700)
    except OSError as exc:
        raise SignalsError(f"cannot create the history folder {folder}: {exc.strerror}") from exc
    if not folder.is_dir():
        raise SignalsError(f"cannot use {folder} as the history folder: it is a file, not a folder")


def _create_file(path: Path) -> None:
    """Create an empty database file 0600 before SQLite does (SQLite would honour the umask).

    An odd umask such as 0o277 can take bits away from os.open's mode;
    _make_private sets the mode for good once the file is known to be ours.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.is_dir():
            raise SignalsError(f"cannot use {path} as the history database: it is a folder") from None
        return
    except OSError as exc:
        raise SignalsError(f"cannot create the history database {path}: {exc.strerror}") from exc
    os.close(fd)


def _make_private(path: Path) -> None:
    """Make the database file and any -wal/-shm 0600, and its folder 0700 when the folder is the history's own.

    Done on every open to write, not only when creating: a history written by
    an older version, restored from a backup or copied in keeps whatever mode
    it came with otherwise. A folder that also holds other things (a home, a
    project, /tmp) is left alone: changing it would lock others out of what
    is theirs. Only called once the file is known to be a history (or empty).
    """
    targets = [path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm"))]
    try:
        for target in targets:
            try:
                current = stat.S_IMODE(os.stat(target).st_mode)
            except FileNotFoundError:
                if target == path:
                    raise
                continue
            if current != 0o600:
                os.chmod(target, 0o600)
    except OSError as exc:
        raise SignalsError(f"cannot make the history database {path} private (0600): {exc.strerror}") from exc
    folder = path.parent
    try:
        info = os.stat(folder)
        if stat.S_IMODE(info.st_mode) != 0o700 and info.st_uid == os.geteuid() and _own_folder(folder, path.name):
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise SignalsError(f"cannot make the history folder {folder} private (0700): {exc.strerror}") from exc


def _own_folder(folder: Path, name: str) -> bool:
    """Whether ``folder`` holds nothing but this history: the file, its companions and copies moved aside."""
    with os.scandir(folder) as entries:
        return all(entry.name == name or entry.name.startswith((f"{name}-", f"{name}.corrupt-")) for entry in entries)


def _connect(path: Path, warnings: list[str], *, create: bool) -> tuple[sqlite3.Connection, bool] | None:
    """Open (and migrate) the database; move a damaged history aside once and start afresh.

    Returns the connection and whether it is read-only (reading a history
    that cannot be written where it is: _open_read_only). None when there is
    nothing to read and ``create`` is False: no file, an empty one, or a
    damaged history just moved aside.
    """
    for first_try in (True, False):
        if create:
            _create_file(path)
        elif not path.exists():
            return None
        elif path.is_dir():
            raise SignalsError(f"cannot use {path} as the history database: it is a folder")
        try:
            holds_history = _inspect(path)
            if not holds_history and not create:
                return None
            if create:
                _make_private(path)
                return _open_database(path, write=True), False
            if _writable(path):
                try:
                    return _open_database(path, write=False), False
                except sqlite3.OperationalError as exc:
                    if getattr(exc, "sqlite_errorcode", 0) & 0xFF not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
                        raise
            return _open_read_only(path), True
        except sqlite3.DatabaseError as exc:
            if first_try and _is_unreadable(exc):
                if not _recognisably_ours(path):
                    raise _not_a_history(path) from None
                warnings.append(_move_aside(path, exc, started_anew=create))
                continue
            raise SignalsError(f"cannot open the history database {path}: {exc}") from exc
        except OSError as exc:  # looking at the file itself failed, e.g. no permission to read it
            raise SignalsError(f"cannot open the history database {path}: {exc.strerror}") from exc
    raise AssertionError("unreachable")


def _inspect(path: Path) -> bool:
    """Whether the file holds a history (True) or is empty and may become one (False), without writing a byte.

    Anything else is refused: another program's database or a too new
    history (an error), or a file SQLite cannot read (sqlite3.DatabaseError,
    for _connect to judge). A file in WAL mode with no -wal beside it is read
    with ``immutable=1``, which makes no -wal/-shm beside someone else's file
    (the file is then the whole database). That read takes no locks, so when
    it fails on a file that is recognisably ours, the locked open that follows
    decides: a healthy history being written meanwhile is never moved aside.
    An empty database is checked again under the write lock, by _migrate,
    before the schema is written into it.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a device or a pipe: reading it could block, and it is no history
        raise _not_a_history(path)
    if info.st_size == 0:
        return False
    wal_mode = _header(path)[18:20] == b"\x02\x02"
    if wal_mode and not Path(f"{path}-wal").exists():
        try:
            found = _schema(path, immutable=True)
        except sqlite3.DatabaseError:
            if not _recognisably_ours(path):
                raise _not_a_history(path) from None
            return True
    else:
        found = _schema(path, immutable=False)
    return _judge(path, found)


@dataclass(frozen=True)
class _Found:
    """What an SQLite file says of itself, read without writing: enough to tell whether it is ours."""

    version: int  # PRAGMA user_version
    application_id: int  # PRAGMA application_id
    tables: frozenset[str]
    columns: tuple[tuple[Any, ...], ...]  # the interviews table's (name, type, notnull, pk), if it has one


def _schema(path: Path, *, immutable: bool) -> _Found:
    """The schema version, application id, table names and interviews columns, through a read-only connection."""
    uri = f"{path.absolute().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        return _found(conn)
    finally:
        conn.close()


def _found(conn: sqlite3.Connection) -> _Found:
    return _Found(
        conn.execute("PRAGMA user_version").fetchone()[0],
        conn.execute("PRAGMA application_id").fetchone()[0],
        frozenset(name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")),
        tuple(conn.execute("SELECT name, type, \"notnull\", pk FROM pragma_table_info('interviews')")),
    )


@cache
def _our_columns(version: int) -> tuple[tuple[Any, ...], ...]:
    """The interviews table's columns as schema ``version`` leaves them (MIGRATIONS[:version], in memory)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            for statement in _statements(script):
                conn.execute(statement)
        return _found(conn).columns
    finally:
        conn.close()


def _judge(path: Path, found: _Found) -> bool:
    """True: a history; False: an empty database. Raises for anything that is neither.

    A history is recognised before anything is written to it: by our
    application id (set by every migration since schema 2, and on every
    open to write), or, for a history made before that (application id 0), by
    a schema version this one knows and the interviews table with exactly the
    columns that version gives it. A table merely called interviews, our
    schema with no version, or another program's application id is not ours.
    """
    if not found.tables and not found.version and found.application_id in (0, APPLICATION_ID):
        return False
    if found.application_id == APPLICATION_ID and found.version > SCHEMA_VERSION:
        raise _too_new(path, found.version)
    if found.application_id == APPLICATION_ID:
        ours = found.version > 0 and "interviews" in found.tables
    else:
        known = found.application_id == 0 and 0 < found.version <= SCHEMA_VERSION
        ours = known and found.columns == _our_columns(found.version)
    if not ours:
        raise InputError(f"{path} is an SQLite database but not an interview-signals history; choose another --db")
    return True


def _header(path: Path, size: int = 100) -> bytes:
    with open(path, "rb") as file:
        return file.read(size)


def _recognisably_ours(path: Path) -> bool:
    """Whether a file SQLite cannot read is still recognisably a history, so may be moved aside.

    It must have the SQLite header and then either our application id in it or
    our CREATE TABLE statement on its first page (where the schema lives).
    """
    try:
        header = _header(path)
        if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
            return False
        if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
            return True
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        if page_size < 512 or page_size & (page_size - 1):  # not a power of two: the header is damaged too
            page_size = 65536
        return OUR_TABLE.search(_header(path, page_size)) is not None
    except OSError:
        return False


def _not_a_history(path: Path) -> InputError:
    return InputError(f"{path} is not an interview-signals history; choose another --db")


def _in_memory(path: Path) -> sqlite3.Connection:
    """An empty history in memory, with the full schema, for reading when there is none on disk."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
    _migrate(conn, path)
    return conn


def _open_database(path: Path, *, write: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        _use_wal(conn)
        conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
        # Parse the schema now, so a damaged first page is found here rather than mid-command.
        # Damage deeper in the file only shows when those rows are read (a SignalsError then).
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _migrate(conn, path)
        if write and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            with _transaction(conn):  # a history from before the id was set: mark it, once
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        conn.close()
        raise
    return conn


def _writable(path: Path) -> bool:
    """Whether the history file and its folder (where -wal/-shm go) can be written here."""
    effective = os.access in os.supports_effective_ids
    return os.access(path, os.W_OK, effective_ids=effective) and os.access(path.parent, os.W_OK, effective_ids=effective)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open a history that cannot be written where it is, to read it as it is.

    ``mode=ro`` reads it with the usual locks. A history in WAL mode needs a
    -shm beside it; where none can be made (a read-only folder or disc) it is
    opened with ``immutable=1``: nothing can change it there. An older schema
    is brought up to date in a copy in memory, never on disk.
    """
    conn = None
    for immutable in (False, True):
        uri = f"{path.absolute().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            break
        except sqlite3.OperationalError as exc:
            conn.close()
            if immutable or getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_CANTOPEN:
                raise
    assert conn is not None
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            memory = sqlite3.connect(":memory:", isolation_level=None)
            conn.backup(memory)
            conn.close()
            conn = memory
            _migrate(conn, path)
        conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a new database to WAL, retrying while another run holds it.

    Changing the journal mode needs an exclusive lock, and SQLite answers
    SQLITE_BUSY at once, without waiting on busy_timeout, when two new runs
    both try it (waiting could deadlock). Each try starts afresh, so retrying
    is safe; after the first success every later run finds WAL already set.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.001, 0.02))


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply every pending migration in one transaction."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    with _transaction(conn):
        # Read again under the write lock: another run may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _too_new(path, version)
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise InputError(f"{path} is an SQLite database but not an interview-signals history; choose another --db")
        for script in MIGRATIONS[version:]:
            for statement in _statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (conn.execute takes one; executescript would COMMIT our transaction)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):  # knows about ; inside strings, comments and triggers
            if pending.strip(" \t\r\n;"):
                statements.append(pending.strip())
            pending = ""
    return statements


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _is_unreadable(exc: sqlite3.DatabaseError) -> bool:
    """Not a database, or a damaged one; not a lock, a full disk or a permission problem."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)


def _move_aside(path: Path, exc: Exception, *, started_anew: bool) -> str:
    """Rename the unreadable file (and any -wal/-shm) to <name>.corrupt-<UTC time>; return the warning."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        # Companions first: a stale -wal must never be replayed into the fresh database.
        for suffix in ("-wal", "-shm"):
            if Path(f"{path}{suffix}").exists():
                os.rename(f"{path}{suffix}", f"{aside}{suffix}")
        os.rename(path, aside)
    except OSError as exc2:
        raise SignalsError(f"{path} is not a readable history ({exc}) and could not be moved aside: {exc2.strerror}") from exc2
    then = " and started a new one" if started_anew else "; the next save starts a new one"
    return f"{path} was not a readable history database ({exc}); moved it to {aside}{then}"


def _interview(row: tuple[Any, ...]) -> tuple[Interview, str | None]:
    """A row of COLUMNS as an Interview, and why it cannot be used (interview.from_columns)."""
    return from_columns(dict(zip(COLUMNS, row, strict=True)))


def stored_mask(mask: int) -> int | bytes:
    """A mask as the read_good/read_other columns keep it: an integer while it fits SQLite's 64 bits,
    else its big-endian bytes, so a catalog may have any number of signals (stats._bits reads both)."""
    return mask if mask < INTEGER_MASK else mask.to_bytes((mask.bit_length() + 7) // 8, "big")


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


def _check_id(id: int) -> None:
    """Ids are SQLite rowids: an id outside 1..2**63-1 cannot exist (and would not bind)."""
    if not 0 < id <= MAX_ROWID:
        raise _no_such(id)


def _no_such(id: int) -> InputError:
    return InputError(f"no interview with id {id}; see `interview-signals history`")


def _too_new(path: Path, version: int) -> SignalsError:
    return SignalsError(
        f"{path} was written by a newer version of interview-signals (schema {version}, this one knows up to {SCHEMA_VERSION}); upgrade the tool"
    )
