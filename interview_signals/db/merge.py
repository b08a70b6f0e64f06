"""The SQL of an import: plan where each staged line goes, check its rounds, then write it.

transfer.py checks the lines and stages them in a database of their own
(STAGING_SCHEMA below); History.merge_import attaches it as
``staged`` and calls these inside one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from interview_signals.db.schema import stored_mask
from interview_signals.errors import InputError

# The staging database (transfer.staged): one row a line, then what the merge decides for it.
STAGING_SCHEMA = """
CREATE TABLE rows (
    line INTEGER PRIMARY KEY,
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
    outcome_at TEXT,
    snoozed_until TEXT,
    next_action TEXT,
    next_action_on TEXT,
    good_signs TEXT NOT NULL,
    other_signs TEXT NOT NULL,
    next_action_from TEXT
);
CREATE TABLE plan (
    line INTEGER PRIMARY KEY,
    old_id INTEGER,
    application INTEGER,
    round INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    kind TEXT,
    final_id INTEGER,
    final_app INTEGER,
    taken INTEGER
);
CREATE TABLE sent (line INTEGER NOT NULL, action TEXT NOT NULL, "on" TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE TABLE notes (line INTEGER NOT NULL, "on" TEXT NOT NULL, text TEXT NOT NULL, recorded_at TEXT NOT NULL);
CREATE TABLE existing (fingerprint BLOB PRIMARY KEY, id INTEGER NOT NULL, app INTEGER NOT NULL);
CREATE TABLE apps (old INTEGER PRIMARY KEY, new INTEGER);
"""
STAGING_INDEXES = """
CREATE INDEX plan_by_old_id ON plan (old_id);
CREATE INDEX plan_by_fingerprint ON plan (fingerprint, line);
CREATE INDEX plan_by_application ON plan (application, kind);
CREATE INDEX plan_by_created_at ON plan (created_at);
"""

# What plan decides for the staged lines, in order (STAGING_SCHEMA has their columns).
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


# The notes of the lines skipped as duplicates that their interview here lacks (the same day, text and
# time recorded): notes are not part of what makes two interviews the same, so they are added to it.
_MISSING_NOTES = (
    'SELECT DISTINCT p.final_id, n."on", n.text, n.recorded_at FROM staged.notes n JOIN staged.plan p ON p.line = n.line'
    " WHERE p.kind = 'existing' AND NOT EXISTS (SELECT 1 FROM main.notes m WHERE m.interview_id = p.final_id"
    ' AND m."on" = n."on" AND m.text = n.text AND m.recorded_at = n.recorded_at)'
)


def plan(c: sqlite3.Connection, fingerprint: Callable[[tuple[Any, ...], list[list[Any]]], bytes | None]) -> tuple[int, int, int]:
    """Decide each staged line's fate (inside a transaction); (added, duplicates, notes to add to the duplicates' interviews)."""
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
            c.execute("INSERT OR IGNORE INTO staged.existing (fingerprint, id, app) VALUES (?, ?, ?)", (found, id, application))
    for statement in _IMPORT_PLAN:
        c.execute(statement, {"high": high})
    base = c.execute(
        "SELECT max(:high, coalesce(max(old_id), 0), coalesce(max(application), 0)) FROM staged.plan", {"high": high}
    ).fetchone()[0]
    c.execute(
        "WITH fresh AS (SELECT line, row_number() OVER (ORDER BY line) AS n FROM staged.plan WHERE kind = 'new' AND final_id IS NULL)"
        " UPDATE staged.plan SET final_id = :base + fresh.n FROM fresh WHERE fresh.line = plan.line",
        {"base": base},
    )
    for statement in _IMPORT_APPLICATIONS:
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
    _check_rounds(c)
    added, duplicates = c.execute(
        "SELECT count(*) FILTER (WHERE kind = 'new'), count(*) FILTER (WHERE kind != 'new') FROM staged.plan"
    ).fetchone()
    (notes,) = c.execute(f"SELECT count(*) FROM ({_MISSING_NOTES})").fetchone()
    return int(added), int(duplicates), int(notes)


def add_missing_notes(c: sqlite3.Connection) -> None:
    """Give the interviews here that lines were skipped for the notes those lines had and they lack (inside the write)."""
    c.execute(f'INSERT INTO notes (interview_id, "on", text, recorded_at) {_MISSING_NOTES} ORDER BY 1, 2, 4, 3')


def _check_rounds(c: sqlite3.Connection) -> None:
    """A round the application already has, here or earlier in the file, is an InputError naming the line."""
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


def apply(c: sqlite3.Connection, bit_of: Callable[[str], int], refresh: Callable[[int], None]) -> None:
    """Write the planned lines (inside the write transaction), with what was sent and their notes, and settle next actions.

    ``bit_of`` gives a sign its bit in the masks (History._bit); ``refresh`` works out
    an interview's next action again (History._refresh).
    """
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
    bits = {sign: bit_of(sign) for sign in sorted(signs)}  # gives the new ones their bits

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
    c.execute(
        'INSERT INTO notes (interview_id, "on", text, recorded_at) SELECT r.final_id, n."on", n.text, n.recorded_at'
        " FROM staged.notes n JOIN staged.plan r ON r.line = n.line WHERE r.kind = 'new' ORDER BY n.rowid"
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
            refresh(round_id)
    # Applications named by an id no interview has (its first round was deleted) keep that id from being given out.
    c.execute(
        "UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(new), 0) FROM staged.apps)) WHERE name = 'interviews'"
    )
