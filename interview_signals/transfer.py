"""Moving a history: every interview out as NDJSON and back in, and a backup copy of the file.

The export line (``export_version`` 2) is one JSON object per saved
interview, ordered by id, its keys always in this order::

    {"export_version":2,"id":3,"application":1,"round":2,"date":"2026-11-09",
     "created_at":"2026-11-09T18:02:11+00:00","outcome":"offer","outcome_note":"a call",
     "outcome_at":"2026-11-20T08:00:00+00:00","snoozed_until":null,
     "sent":[{"action":"thank-you","on":"2026-11-09","recorded_at":"2026-11-09T18:30:00+00:00"}],
     "notes":[{"on":"2026-11-10","text":"Sam called","recorded_at":"2026-11-10T09:00:00+00:00"}],
     "report":{...the report as saved...}}

* What is stored and not worked out from something else is there: the
  report (company, role, score and verdict are read from it again, as
  ``save`` does), the days and times, the outcome and its note, the snooze,
  the application (the id of its first round) and round, what was sent, and
  the notes (version 2; a version 1 line has none, and is read as before).
  The next action is left out: it is worked out again on import.
* The same history always gives the same bytes: compact JSON, UTF-8,
  characters a terminal would act on (DEL, C1 controls, bidi controls, line
  and paragraph separators) written as ``\\uXXXX`` (the same JSON), the
  report's own keys in the order it was saved with, a newline after every
  line. So export, import into an empty history and export again gives
  identical bytes.
* A damaged interview (a report that cannot be read back) is never left out
  quietly: the export stops, names it and writes nothing.

Import reads a file one line at a time, checks each line and puts it in a
staging database of its own, in a temporary folder only you can open (0700);
any bad line is an InputError naming it, before the history is opened to
write (so a bad file changes and creates nothing). Then one write
transaction (db.History.merge_import) works out every line's id and
adds what is new. Memory stays flat however long the file: the lines, their
fingerprints and the id map live in SQLite, not in Python lists.

Pure library code: nothing here prints.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any, TypeGuard

import orjson

from interview_signals import followup, outcomes
from interview_signals.db import History
from interview_signals.db.merge import STAGING_INDEXES, STAGING_SCHEMA
from interview_signals.db.schema import MAX_ROWID
from interview_signals.errors import InputError, SignalsError
from interview_signals.files import kept_files, refuse_kept, temporary_beside
from interview_signals.interview import Interview
from interview_signals.paths import probe
from interview_signals.shape import counted_signs, is_day, report_problem_fast
from interview_signals.text import BIDI_CONTROLS, clip

EXPORT_VERSION = 2  # raised only when the line format changes; a newer one is refused. 2 added "notes".
FIELDS = (
    "export_version",
    "id",
    "application",
    "round",
    "date",
    "created_at",
    "outcome",
    "outcome_note",
    "outcome_at",
    "snoozed_until",
    "sent",
    "notes",
    "report",
)
_FIELD_SET = frozenset(FIELDS)
_FIELDS_OF_VERSION_1 = _FIELD_SET - {"notes"}
_SENT_FIELDS = ("action", "on", "recorded_at")
_NOTE_FIELDS = ("on", "text", "recorded_at")
# An interview's line as History.transferable reads it: the interview, its problem, what was sent, its notes.
Transferable = tuple[Interview, str | None, list[tuple[Any, Any, Any]], list[tuple[Any, Any, Any]]]
LINE_LIMIT = 16 << 20  # an exported interview is a few kilobytes
LINE_LIMIT_WORDS = "16 MiB"
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")
_BOM = b"\xef\xbb\xbf"

# -- export ----------------------------------------------------------------------


def export_lines(history: History) -> Iterator[bytes]:
    """Every interview as an export line (bytes, newline included), by id, read in one snapshot.

    A damaged interview is a SignalsError naming it: an export that left it
    out would look whole and not be.
    """
    with closing(history.transferable()) as interviews:  # closed at once, ending its read, even when stopped early
        yield from _lines(interviews)


def _lines(interviews: Iterable[Transferable]) -> Iterator[bytes]:
    for interview, problem, sent, notes in interviews:
        if problem is None:
            problem = _export_problem(interview, sent, notes)
        line = None
        if problem is None:
            try:
                line = encode(record(interview, sent, notes))
            except UnicodeEncodeError:  # a \ud800 escape in the stored JSON reads back as a lone surrogate
                problem = "its saved report holds text that is not valid Unicode (a lone surrogate)"
        if line is None:
            raise SignalsError(
                f"interview #{interview.id} is damaged ({problem}), so the history cannot be exported whole; "
                f"`interview-signals delete {interview.id}` removes it, and `interview-signals backup FILE` copies the file as it is"
            )
        yield line


def record(
    interview: Interview, sent: Iterable[tuple[str, str, str]], notes: Iterable[tuple[str, str, str]] = ()
) -> dict[str, Any]:
    """One interview as an export line's object, keys in FIELDS order."""
    return {
        "export_version": EXPORT_VERSION,
        "id": interview.id,
        "application": interview.application,
        "round": interview.round,
        "date": interview.date,
        "created_at": interview.created_at,
        "outcome": interview.outcome,
        "outcome_note": interview.outcome_note,
        "outcome_at": interview.outcome_at,
        "snoozed_until": interview.snoozed_until,
        "sent": [dict(zip(_SENT_FIELDS, item, strict=True)) for item in sent],
        "notes": [dict(zip(_NOTE_FIELDS, item, strict=True)) for item in notes],
        "report": interview.report,
    }


def encode(document: dict[str, Any]) -> bytes:
    """An export line: compact JSON, UTF-8, terminal-unsafe characters escaped, a newline at the end."""
    data = _dump(document)
    if data.isascii() and b"\x7f" not in data:
        return data + b"\n"
    text = data.decode("utf-8")
    if _UNSAFE.search(text) is None:
        return data + b"\n"
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text).encode("utf-8") + b"\n"


def _export_problem(interview: Interview, sent: list[tuple[str, str, str]], notes: list[tuple[str, str, str]]) -> str | None:
    """What would stop the line from being imported again (the report itself was checked on reading)."""
    try:
        _check_fields(record(interview, sent, notes), "", check_report=False)
    except InputError as exc:
        return str(exc).removeprefix(": ")
    return None


# -- import: reading and checking each line -------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What an import did, or (``dry_run``) would do."""

    added: int
    duplicates: int  # already in the history: skipped
    renumbered: int  # lines whose id was taken or used before, given a new one
    dry_run: bool
    notes: int = 0  # notes a skipped line had that its interview here lacked: added to it


# (line, old id, new id, whether the old id is an interview's now) for each renumbered line
Renumbered = tuple[int, int, int, bool]


def import_lines(
    lines: Iterable[bytes],
    open_store: Callable[[bool], AbstractContextManager[History]],
    *,
    dry_run: bool,
    renumbered: Callable[[Renumbered], None] | None = None,
) -> Imported:
    """Check every line, then merge them into the history ``open_store(create)`` opens, in one transaction.

    ``open_store(create)`` is a context manager giving a History; it is
    called only once every line has passed (so a bad file creates nothing),
    with ``create=False`` for a dry run or an empty file. ``renumbered`` hears
    of each line that gets a new id, in line order, once the import is done.
    """
    with staged(lines) as staging:
        empty = staging.count == 0
        with open_store(not dry_run and not empty) as store:
            if empty:
                return Imported(0, 0, 0, dry_run)
            added, duplicates, notes = store.merge_import(staging.path, dry_run=dry_run, fingerprint=stored_fingerprint)
        changed = staging.renumbered()
        count = 0
        for item in changed:
            count += 1
            if renumbered is not None:
                renumbered(item)
        return Imported(added, duplicates, count, dry_run, notes)


class Staging:
    """The checked lines of one import, in a private SQLite file of their own."""

    def __init__(self, path: Path, count: int) -> None:
        self.path = path
        self.count = count

    def renumbered(self) -> Iterator[Renumbered]:
        conn = sqlite3.connect(self.path)
        try:
            cursor = conn.execute(
                "SELECT line, old_id, final_id, coalesce(taken, 0) FROM plan"
                " WHERE kind = 'new' AND old_id IS NOT NULL AND final_id != old_id ORDER BY line"
            )
            for line, old, new, taken in cursor:
                yield int(line), int(old), int(new), bool(taken)
        finally:
            conn.close()


@contextmanager
def staged(lines: Iterable[bytes]) -> Iterator[Staging]:
    """Every line checked and put in a staging database, in a 0700 temporary folder removed after."""
    try:
        folder = tempfile.mkdtemp(prefix="interview-signals-import-")  # 0700: the lines are as private as the history
    except OSError as exc:
        raise SignalsError(f"cannot make a temporary folder to check the import in: {exc.strerror}") from None
    try:
        path = Path(folder, "staging.sqlite3")
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA page_size = 16384")  # a report fits on one page
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            for statement in STAGING_SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("BEGIN")
            count = _stage(conn, lines)
            for statement in STAGING_INDEXES.split(";"):
                if statement.strip():
                    conn.execute(statement)
            _check_across(conn)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise SignalsError(f"cannot stage the import in a temporary folder: {exc}") from exc
        finally:
            conn.close()
        yield Staging(path, count)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_ROW_INSERT = f"INSERT INTO rows VALUES ({', '.join('?' * 19)})"
_PLAN_INSERT = "INSERT INTO plan (line, old_id, application, round, created_at, fingerprint) VALUES (?, ?, ?, ?, ?, ?)"


def _stage(conn: sqlite3.Connection, lines: Iterable[bytes], batch: int = 500) -> int:
    """Check each line and stage it, a few hundred lines at a time (so memory holds one batch at most)."""
    count = 0
    rows: list[tuple[Any, ...]] = []
    plans: list[tuple[Any, ...]] = []
    sent: list[tuple[Any, ...]] = []
    notes: list[tuple[Any, ...]] = []
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if len(raw) > LINE_LIMIT and len(raw.rstrip(b"\r\n")) > LINE_LIMIT:
            raise InputError(f"line {number}: longer than {LINE_LIMIT_WORDS}; an exported interview is a few kilobytes")
        if not raw or raw.isspace():
            continue  # a blank line says nothing
        row, plan, sent_rows, note_rows = check_line(raw, number)
        rows.append(row)
        plans.append(plan)
        sent += sent_rows
        notes += note_rows
        count += 1
        if len(rows) >= batch:
            _flush(conn, rows, plans, sent, notes)
    _flush(conn, rows, plans, sent, notes)
    return count


def _flush(conn: sqlite3.Connection, *batches: list[tuple[Any, ...]]) -> None:
    rows, plans, sent, notes = batches
    conn.executemany(_ROW_INSERT, rows)
    conn.executemany(_PLAN_INSERT, plans)
    conn.executemany('INSERT INTO sent (line, action, "on", recorded_at) VALUES (?, ?, ?, ?)', sent)
    conn.executemany('INSERT INTO notes (line, "on", text, recorded_at) VALUES (?, ?, ?, ?)', notes)
    for batch in batches:
        batch.clear()


def check_line(raw: bytes, number: int) -> tuple[tuple[Any, ...], tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """One export line, checked, as staging rows (its columns, its plan, what was sent, its notes); InputError naming the line and field."""
    where = f"line {number}"
    doc = _parse(raw, where)
    fields = _check_fields(doc, where, check_report=True)
    report = fields["report"]
    sent = fields["sent"]
    context = report.get("context") or {}
    try:
        report_text = _dump(report)
        head = _dump([doc.get(name) for name in _HEAD] + [fields["round"], sent])
    except (UnicodeEncodeError, orjson.JSONEncodeError, TypeError, ValueError):
        raise InputError(f"{where}: holds text that is not valid Unicode (a lone surrogate); export it again") from None
    found = _next_action(doc["date"], report, sent, doc.get("outcome"), doc.get("snoozed_until"))
    row = (
        number,
        doc["created_at"],
        doc["date"],
        context.get("company") or None,
        context.get("role") or None,
        report.get("score"),
        report["verdict"],
        report["confidence"],
        report["catalog_version"],
        report_text.decode("utf-8"),
        doc.get("outcome"),
        doc.get("outcome_note"),
        doc.get("outcome_at"),
        doc.get("snoozed_until"),
        found.action if found else None,
        found.on.isoformat() if found else None,
        *(_dump(signs).decode() for signs in counted_signs(report)),  # for the stats masks (store, schema 5)
        found.start.isoformat() if found else None,
    )
    plan = (number, doc.get("id"), doc.get("application"), fields["round"], doc["created_at"], _digest(head, report_text))
    return row, plan, [(number, *item) for item in sent], [(number, *item) for item in fields["notes"]]


# The fields a duplicate must share, besides round, what was sent and the report (not id or application).
_HEAD = ("created_at", "date", "outcome", "outcome_note", "outcome_at", "snoozed_until")


def stored_fingerprint(columns: tuple[Any, ...], sent: list[list[str]]) -> bytes | None:
    """The fingerprint of an interview already in the history, from its columns
    (created_at, date, outcome, outcome_note, outcome_at, snoozed_until, round, report);
    None when it cannot be read (a damaged row matches nothing)."""
    *head, round_, report = columns
    try:
        report_text = _dump(json.loads(report))
        return _digest(_dump([*head, round_, sent]), report_text)
    except (ValueError, TypeError, RecursionError, orjson.JSONEncodeError):
        return None


def _digest(head: bytes, report_text: bytes) -> bytes:
    digest = hashlib.sha256(head)
    digest.update(b"\n")
    digest.update(report_text)
    return digest.digest()


def _dump(value: Any) -> bytes:
    """Compact JSON, the same bytes for the same value (orjson, or json for what orjson cannot write)."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:  # an integer past 64 bits, say
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _parse(raw: bytes, where: str) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass  # the json module reads a few things orjson does not (integers past 64 bits) and words its errors better
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON at column {exc.colno}: {exc.msg}") from None
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply to be an exported interview") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_fields(doc: Any, where: str, *, check_report: bool) -> dict[str, Any]:
    """The fields of an export line, checked; InputError naming the field and what it may hold."""
    if not isinstance(doc, dict):
        raise InputError(f"{where}: not a JSON object; each line of an export is one interview")
    version = doc.get("export_version")
    if not _is_int(version) or version < 1:
        raise InputError(f'{where}: "export_version" must be a whole number such as 1; is this an interview-signals export?')
    if version > EXPORT_VERSION:
        raise InputError(
            f"{where}: export_version {version} is newer than this interview-signals reads (up to {EXPORT_VERSION}); "
            "upgrade it to import this file"
        )
    allowed = _FIELD_SET if version >= 2 else _FIELDS_OF_VERSION_1
    if not allowed.issuperset(doc):
        unknown = sorted(set(doc) - allowed)
        named = ", ".join(name for name in FIELDS if name in allowed)
        raise InputError(f'{where}: unknown field "{clip(unknown[0])}" in an export_version {version} line; it has {named}')
    for name in ("id", "application"):
        value = doc.get(name)
        if value is not None and not (_is_int(value) and 0 < value <= MAX_ROWID):
            raise InputError(f'{where}: "{name}" must be a whole number from 1 up, or null; got {_shown(value)}')
    round_ = doc.get("round", 1)
    if not (_is_int(round_) and 0 < round_ <= MAX_ROWID):
        raise InputError(f'{where}: "round" must be a whole number from 1 up; got {_shown(round_)}')
    for name in ("date", "snoozed_until"):
        value = doc.get(name)
        if (value is not None or name == "date") and not is_day(value):
            raise InputError(f'{where}: "{name}" must be a day written YYYY-MM-DD; got {_shown(value)}')
    for name in ("created_at", "outcome_at"):
        value = doc.get(name)
        if (value is not None or name == "created_at") and not _is_time(value):
            raise InputError(f'{where}: "{name}" must be a time written like 2026-11-25T09:30:00+00:00; got {_shown(value)}')
    outcome = doc.get("outcome")
    if outcome is not None and outcome not in outcomes.ALL:
        raise InputError(f'{where}: "outcome" must be one of {", ".join(outcomes.ALL)}, or null; got {_shown(outcome)}')
    note = doc.get("outcome_note")
    if note is not None and not isinstance(note, str):
        raise InputError(f'{where}: "outcome_note" must be text, or null; got {_shown(note)}')
    _check_round(doc, where, round_)
    sent = _check_items(doc.get("sent", []), where, "sent", _SENT_FIELDS)
    notes = _check_items(doc.get("notes", []), where, "notes", _NOTE_FIELDS)
    report = doc.get("report")
    if check_report:
        if "report" not in doc:
            raise InputError(f'{where}: "report" is missing; every line holds the report as saved')
        problem = report_problem_fast(report)
        if problem or not isinstance(report, dict):
            raise InputError(f'{where}: "report" {problem}')
    return {"round": round_, "sent": sent, "notes": notes, "report": report}


def _check_round(doc: dict[str, Any], where: str, round_: int) -> None:
    """Round 1 is its own application; a later round names its application's first round."""
    own, application = doc.get("id"), doc.get("application")
    if round_ == 1 and application is not None and application != own:
        raise InputError(
            f'{where}: round 1 is the first round of its application, so "application" must be its own "id" or null; got {application}'
        )
    if round_ > 1 and application is None:
        raise InputError(f'{where}: round {round_} needs "application", the id of its application\'s first round')
    if round_ > 1 and application == own:
        raise InputError(f'{where}: "application" {application} is this interview\'s own id, so "round" must be 1; got {round_}')


def _check_items(value: Any, where: str, name: str, keys: tuple[str, ...]) -> list[list[str]]:
    """ "sent" or "notes": a list of objects with exactly ``keys``, each value checked (_ITEM_CHECKS); as lists of values."""
    if not isinstance(value, list):
        listed = ", ".join(f'"{key}"' for key in keys)
        raise InputError(f'{where}: "{name}" must be a list of {{{listed}}} objects; got {_shown(value)}')
    items = []
    for n, item in enumerate(value):
        at = f'{where}: "{name}"[{n}]'
        if not isinstance(item, dict) or set(item) != set(keys):
            raise InputError(f"{at} must be an object with exactly {', '.join(keys[:-1])} and {keys[-1]}")
        for key in keys:
            fits, wanted = _ITEM_CHECKS[key]
            if not fits(item[key]):
                got = "" if key == "recorded_at" else f"; got {_shown(item[key])}"
                raise InputError(f"{at}.{key} must be {wanted}{got}")
        items.append([item[key] for key in keys])
    return items


def _check_across(conn: sqlite3.Connection) -> None:
    """What one line alone cannot show: an id given twice, a round given twice, a round naming a later round as its first."""
    row = conn.execute(
        "SELECT b.line, b.old_id, a.line FROM plan a JOIN plan b ON b.old_id = a.old_id AND b.line > a.line ORDER BY b.line LIMIT 1"
    ).fetchone()
    if row is not None:
        raise InputError(f"line {row[0]}: id {row[1]} is already on line {row[2]}; each interview has an id of its own")
    row = conn.execute(
        "SELECT b.line, b.round, b.application, a.line FROM plan a JOIN plan b"
        " ON b.application = a.application AND b.round = a.round AND b.line > a.line"
        " WHERE b.round > 1 ORDER BY b.line LIMIT 1"
    ).fetchone()
    if row is not None:
        raise InputError(f"line {row[0]}: round {row[1]} of application {row[2]} is already on line {row[3]}")
    row = conn.execute(
        "SELECT r.line, r.application, t.line, t.round FROM plan r JOIN plan t ON t.old_id = r.application"
        " WHERE t.round != 1 ORDER BY r.line LIMIT 1"
    ).fetchone()
    if row is not None:
        raise InputError(
            f'line {row[0]}: "application" {row[1]} names line {row[2]}, which is round {row[3]}; '
            "an application is named by the id of its first round"
        )


def _next_action(
    day: str, report: dict[str, Any], sent: list[list[str]], outcome: str | None, snoozed_until: str | None
) -> followup.Action | None:
    """The next action as the store works it out for an application's latest round (History._refresh)."""
    interview_day = Date.fromisoformat(day)
    done = [(action, Date.fromisoformat(on)) for action, on, _ in sent]
    snoozed = Date.fromisoformat(snoozed_until) if snoozed_until is not None else None
    try:
        return followup.next_action(interview_day, followup.follow_up_of(report, interview_day), done, outcome, snoozed)
    except followup.BeyondCalendar:  # a day after 9999-12-31: nothing more to plan
        return None


def _is_int(value: Any) -> TypeGuard[int]:
    return type(value) is int  # JSON gives int or bool (not an int here), never a subclass of int


def _is_time(value: Any) -> bool:
    if not isinstance(value, str) or len(value) < 10:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


# How each value of a "sent" or "notes" item is checked, and what it must be.
_ITEM_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "action": (lambda value: value in followup.SENDABLE, f"one of {', '.join(followup.SENDABLE)}"),
    "on": (is_day, "a day written YYYY-MM-DD"),
    "text": (lambda value: isinstance(value, str) and bool(value.strip()), "text, not empty"),
    "recorded_at": (_is_time, "a time written like 2026-11-25T09:30:00+00:00"),
}


def _shown(value: Any) -> str:
    """A value as the message quotes it: short, and JSON so a string reads as one."""
    try:
        return clip(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError):
        return "(not JSON)"


# -- backup ------------------------------------------------------------------------


def backup(history: History, target: str) -> int:
    """A consistent copy of the history at ``target``, private (0600), made
    with SQLite's online backup; returns how many interviews it holds.

    The copy is made beside ``target`` and renamed over it, so a failure
    leaves no half copy and an existing file whole; a regular file already
    there is replaced, as cp would. Refused, and left as it is: a file the
    tool keeps (files.refuse_kept: the history, its -wal/-shm, the settings,
    another history), anything that is not a regular file (a pipe, a
    device: renaming over it would replace the node, not write into it), and
    a read-only file (cp refuses it unless you are root; here even root must
    make it writable or remove it first).
    """
    path = Path(target)
    if target == "-":
        raise InputError("FILE: a backup is a database file, not text for standard output; give a file name")
    there = probe(path, "FILE")
    if there is not None and stat.S_ISDIR(there.st_mode):
        raise InputError(f"FILE: {target} is a folder; give a file name for the copy")
    if there is not None and not stat.S_ISREG(there.st_mode):
        raise InputError(f"FILE: {target} is not a regular file (a pipe or a device); give the name of a file for the copy")
    if there is not None and (not there.st_mode & 0o222 or not os.access(path, os.W_OK)):
        raise InputError(f"FILE: {target} is read-only; make it writable or remove it first, or give another name")
    refuse_kept(target, "FILE", kept_files(history.path))
    final = Path(os.path.realpath(path))
    try:
        fd, temporary = temporary_beside(final)
    except OSError as exc:
        raise SignalsError(f"FILE: cannot write {target}: {exc.strerror}") from None
    os.close(fd)
    try:
        count = history.backup_into(temporary)
        os.chmod(temporary, 0o600)
        os.replace(temporary, final)
    except OSError as exc:
        raise SignalsError(f"FILE: cannot write {target}: {exc.strerror}") from None
    finally:
        for leftover in (temporary, f"{temporary}-journal", f"{temporary}-wal", f"{temporary}-shm"):
            try:
                os.unlink(leftover)
            except FileNotFoundError:
                pass
    return count
