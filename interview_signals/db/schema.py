"""The history's schema: the migrations, the columns, and the SQL the queries share.

The schema version lives in ``PRAGMA user_version``. MIGRATIONS is
append-only: schema N is MIGRATIONS[:N], so adding a schema is appending one
script (``migrate`` applies what a file lacks, in one transaction). A file
written by a newer version is refused and never written to.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interview_signals import outcomes
from interview_signals.db.header import APPLICATION_ID
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import COLUMNS, fold
from interview_signals.outcomes import OPEN

MAX_ROWID = 2**63 - 1
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
    # 7: the application's own story. notes: dated notes on an interview or a
    # booking, by its id. bookings: an interview that is booked and not yet
    # assessed. A booking's id is drawn from the interviews' sequence
    # (sqlite_sequence), so it is never an interview's, is never reused, and
    # `assess --for ID` saves the assessed round under that same id; it is a
    # round of its application (its own id, or the one it is booked as a later
    # round of) and counts nowhere in stats until it is assessed. starts_at is
    # the local time it starts, YYYY-MM-DD HH:MM; minutes its length, if given.
    """
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        interview_id INTEGER NOT NULL,
        "on" TEXT NOT NULL,
        text TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX notes_by_interview ON notes (interview_id, id);
    CREATE TABLE bookings (
        id INTEGER PRIMARY KEY,
        application_id INTEGER NOT NULL,
        round INTEGER NOT NULL,
        company TEXT,
        role TEXT,
        interviewer TEXT,
        starts_at TEXT NOT NULL,
        minutes INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE INDEX bookings_by_start ON bookings (starts_at, id);
    CREATE INDEX bookings_by_application ON bookings (application_id, round);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

INTEGER_MASK = 1 << 63  # a mask below this is kept as an SQLite integer; from it on, as a BLOB (stored_mask)
DECIDED = ", ".join(f"'{word}'" for word in outcomes.DECISIVE)  # for SQL: the outcomes calibration learns from
# The latest round of each application (every row has an application since schema 4). With max() the only
# aggregate, SQLite takes the bare columns from the row holding the maximum: the latest round's. It reads
# only the interviews_for_stats index, already in application order.
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


def stored_mask(mask: int) -> int | bytes:
    """A mask as the read_good/read_other columns keep it: an integer while it fits SQLite's 64 bits,
    else its big-endian bytes, so a catalog may have any number of signals (stats._bits reads both)."""
    return mask if mask < INTEGER_MASK else mask.to_bytes((mask.bit_length() + 7) // 8, "big")


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply every pending migration in one transaction."""
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    with transaction(conn):
        # Read again under the write lock: another run may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise too_new(path, version)
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise InputError(f"{path} is an SQLite database but not an interview-signals history; choose another --db")
        for script in MIGRATIONS[version:]:
            for statement in statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def statements(script: str) -> list[str]:
    """Split a migration script into statements (conn.execute takes one; executescript would COMMIT our transaction)."""
    found, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):  # knows about ; inside strings, comments and triggers
            if pending.strip(" \t\r\n;"):
                found.append(pending.strip())
            pending = ""
    return found


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write, all or nothing, taking the write lock up front (BEGIN IMMEDIATE): a second writer waits its turn."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def too_new(path: Path, version: int) -> SignalsError:
    return SignalsError(
        f"{path} was written by a newer version of interview-signals (schema {version}, this one knows up to {SCHEMA_VERSION}); upgrade the tool"
    )
