"""The interview history: every saved report, in one SQLite file of your own.

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

Where each part lives: ``schema`` (the migrations, the columns and the SQL
the queries share), ``opening`` (finding, judging and opening a file safely),
``reading`` and ``history`` (the History class: its queries, and its writes),
``merge`` (the SQL that plans and applies an import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interview_signals.db.history import History

__all__ = ["History"]


def __getattr__(name: str) -> Any:
    """``History`` on first use: `assess` checks a history file (db.opening) before
    its first question, and the class with its queries is not needed for that."""
    if name == "History":
        from interview_signals.db.history import History

        return History
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
