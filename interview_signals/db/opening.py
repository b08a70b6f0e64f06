"""Opening a history file safely: find it, judge whether it is ours, open it, and keep it private.

Only a file recognisably a history is ever opened, written or, when damaged,
moved aside; anything else is refused with no byte changed and nothing made
beside it. Writing makes the file 0600 and a folder of its own 0700; reading
creates nothing. The database is in WAL mode with a busy timeout, so two runs
at once wait their turn.
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import time
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from interview_signals.db import header as first_bytes
from interview_signals.db.header import APPLICATION_ID, SQLITE_MAGIC
from interview_signals.db.schema import (
    FOLD_FUNCTION,
    MIGRATIONS,
    OUR_TABLE,
    SCHEMA_VERSION,
    migrate,
    statements,
    too_new,
    transaction,
)
from interview_signals.errors import InputError, SignalsError
from interview_signals.interview import fold

BUSY_TIMEOUT_S = 10


def make_folder(folder: Path) -> None:
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
    make_private sets the mode for good once the file is known to be ours.
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


def make_private(path: Path) -> None:
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


def connect(path: Path, warnings: list[str], *, create: bool) -> tuple[sqlite3.Connection, bool] | None:
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
            raise _a_folder(path)
        try:
            holds_history = _inspect(path)
            if not holds_history and not create:
                return None
            if create:
                make_private(path)
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
            raise _cannot_open(path, exc) from exc
    raise AssertionError("unreachable")


def check(path: Path) -> None:
    """Refuse, reading only, what ``connect`` would refuse: a folder, or a file
    that is not a history (another program's database, a JSON file, a too new
    history). No file, an empty one, a history, or a damaged history (opening
    it moves it aside) passes."""
    if not path.exists():
        return
    if path.is_dir():
        raise _a_folder(path)
    try:
        _inspect(path)
    except sqlite3.DatabaseError:
        if not _recognisably_ours(path):
            raise _not_a_history(path) from None
    except OSError as exc:
        raise _cannot_open(path, exc) from exc


def _cannot_open(path: Path, exc: OSError) -> SignalsError:
    return SignalsError(f"cannot open the history database {path}: {exc.strerror}")


def _a_folder(path: Path) -> SignalsError:
    return SignalsError(f"cannot use {path} as the history database: it is a folder")


def _inspect(path: Path) -> bool:
    """Whether the file holds a history (True) or is empty and may become one (False), without writing a byte.

    Anything else is refused: another program's database or a too new
    history (an error), or a file SQLite cannot read (sqlite3.DatabaseError,
    for connect to judge). A file in WAL mode with no -wal beside it is read
    with ``immutable=1``, which makes no -wal/-shm beside someone else's file
    (the file is then the whole database). That read takes no locks, so when
    it fails on a file that is recognisably ours, the locked open that follows
    decides: a healthy history being written meanwhile is never moved aside.
    An empty database is checked again under the write lock, by migrate,
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


class _Found(NamedTuple):
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


# Caches our table's columns at each schema version: safe, shipped migrations are never edited (schema N is MIGRATIONS[:N]).
@cache
def _our_columns(version: int) -> tuple[tuple[Any, ...], ...]:
    """The interviews table's columns as schema ``version`` leaves them (MIGRATIONS[:version], in memory)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for script in MIGRATIONS[:version]:
            for statement in statements(script):
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
        raise too_new(path, found.version)
    if found.application_id == APPLICATION_ID:
        ours = found.version > 0 and "interviews" in found.tables
    else:
        known = found.application_id == 0 and 0 < found.version <= SCHEMA_VERSION
        ours = known and found.columns == _our_columns(found.version)
    if not ours:
        raise InputError(f"{path} is an SQLite database but not an interview-signals history; choose another --db")
    return True


def _header(path: Path, size: int = 100) -> bytes:
    return first_bytes.read(path, size)


def _recognisably_ours(path: Path) -> bool:
    """Whether a file SQLite cannot read is still recognisably a history, so may be moved aside.

    It must have the SQLite header and then either our application id in it or
    our CREATE TABLE statement on its first page (where the schema lives).
    """
    try:
        header = _header(path)
        if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
            return False
        if first_bytes.marked_ours(header):
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


def empty_history(path: Path) -> sqlite3.Connection:
    """An empty history in memory, with the full schema, for reading when there is none on disk."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
    migrate(conn, path)
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
        migrate(conn, path)
        if write and conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            with transaction(conn):  # a history from before the id was set: mark it, once
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
            migrate(conn, path)
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
