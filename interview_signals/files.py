"""Files written for the user — reports, calendars, exports, settings: private (0600), whole or not at all.

A regular file (or none yet) is written to a temporary file beside its place,
flushed to disk and renamed over it once everything is written, so a failure
or a Ctrl-C half way leaves the old file as it was and no temporary file
behind. A symbolic link is followed (the file it points at is the one
replaced, so a linked dotfile stays linked); what is not a regular file (a
pipe, /dev/stdout) is written to as it is, never replaced. A folder is the
user's mistake: an InputError. Every other failure is a SignalsError naming
the field and the path.

No file written here is ever one the tool keeps: the history in use, its
``-wal``/``-shm``, the settings file (unless that is the file being written),
or any other interview-signals history or SQLite write-ahead log, however the
path is spelt (relative, ``..``, a symbolic or a hard link). Such a target is
an InputError before anything is opened.

The temporary file is ``.NAME.XXXXXXXX.tmp`` beside NAME (temporary_beside,
also used by `backup`). A run killed outright (SIGKILL, a power cut) cannot
remove its own, so the next write to the same NAME clears those left behind:
only ones untouched for STALE_AFTER_S, as a run still writing keeps its own
fresh.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from interview_signals.errors import InputError, SignalsError

PRIVATE = 0o600
STALE_AFTER_S = 600  # a temporary file untouched this long was left by a run that was killed


def temporary_beside(target: Path) -> tuple[int, str]:
    """A new temporary file ``.NAME.XXXXXXXX.tmp`` beside ``target`` (mkstemp: 0600, opened),
    once the stale ones an earlier, killed run left for the same target are cleared."""
    clear_stale_temporaries(target)
    return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")


def clear_stale_temporaries(target: Path) -> None:
    """Remove the temporary files (and SQLite's companions of them) left beside ``target`` by
    runs that were killed: those named as temporary_beside names them and untouched for
    STALE_AFTER_S. A run still writing keeps its file fresh, so it is never taken. Best effort."""
    left_behind = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp(?:-journal|-wal|-shm)?")
    cutoff = time.time() - STALE_AFTER_S
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if left_behind.fullmatch(entry.name):
            with suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(entry.path)


# The first bytes of an SQLite write-ahead log, either byte order of its checksums.
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def kept_files(history: Path, *, settings: bool = True) -> list[Path]:
    """The files the tool keeps, which nothing it writes may replace: the
    history (as paths.resolve_path gives it), its -wal and -shm, and the
    settings file (left out with ``settings=False``, for writing it)."""
    from interview_signals import paths

    kept = [history, Path(f"{history}-wal"), Path(f"{history}-shm")]
    if settings:
        kept.append(paths.config_path())
    return kept


def refuse_kept(path: str | os.PathLike[str], field: str, kept: list[Path]) -> None:
    """An InputError when ``path`` is one of ``kept`` under any name (the same
    place after following links, or the same device and inode), or holds an
    interview-signals history or an SQLite write-ahead log of its own."""
    target = Path(os.path.realpath(path))
    for own in kept:
        if target == Path(os.path.realpath(own)) or _same_file(target, own):
            raise InputError(f"{field}: {path} is {_kept_noun(own, kept)}; give another path")
    what = _sqlite_kind(target)
    if what is not None:
        raise InputError(f"{field}: {path} is {what}; give another path")


def _kept_noun(own: Path, kept: list[Path]) -> str:
    return "your settings file" if own not in kept[:3] else "the history itself"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _sqlite_kind(path: Path) -> str | None:
    """What the regular file at ``path`` is, when it is a history or a write-ahead log; else None."""
    from interview_signals.db.header import marked_ours

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as file:
            header = file.read(100)
    except (OSError, ValueError):
        return None
    if header[:4] in WAL_MAGIC:
        return "an SQLite write-ahead log"
    if marked_ours(header):
        return "an interview-signals history"
    return None


@contextmanager
def private_output(
    path: str | os.PathLike[str],
    field: str,
    *,
    kept: list[Path],
    noun: str | None = None,
    make_folder: bool = False,
) -> Iterator[IO[bytes]]:
    """A file to stream into, put in place when the block ends well.

    ``kept`` are the files it must not be (see kept_files); the caller names
    them, since only it knows which history is in use. Messages read "FIELD:
    cannot write NOUN: why", NOUN being the path unless given.
    ``make_folder`` creates a missing folder first, private (0700).
    """
    where = noun or str(path)
    refuse_kept(path, field, kept)

    def failed(exc: OSError) -> SignalsError:
        return SignalsError(f"{field}: cannot write {where}: {exc.strerror}")

    try:
        mode: int | None = os.stat(path).st_mode  # through any link
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise failed(exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise _a_folder(path, field)
    if mode is not None and not stat.S_ISREG(mode):
        try:
            with open(path, "wb") as out:
                yield out
        except OSError as exc:
            raise failed(exc) from None
        return
    target = Path(os.path.realpath(path))
    try:
        if make_folder:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = temporary_beside(target)
    except OSError as exc:
        raise failed(exc) from None
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, PRIVATE)  # mkstemp made it so; said here, where it matters
        os.replace(temporary, target)
    except BaseException as exc:  # a failure or a Ctrl-C: the temporary file goes either way
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise failed(exc) from None
        raise


def _a_folder(path: str | os.PathLike[str], field: str) -> InputError:
    return InputError(f"{field}: {path} is a folder; give a file name, or - for standard output")


def check_target(path: str | os.PathLike[str], field: str) -> None:
    """Refuse, changing nothing, a file to write that private_output could not
    (a folder, or a file in a folder that is not there), before anything is asked."""
    try:
        if os.path.isdir(path):
            raise _a_folder(path, field)
        folder = Path(os.path.realpath(path)).parent
    except OSError:  # a path that cannot be looked at: writing it says why
        return
    if not folder.is_dir():
        raise InputError(f"{field}: cannot write {path}: there is no folder {folder}")


def write_private(
    path: str | os.PathLike[str],
    data: bytes,
    field: str,
    *,
    kept: list[Path],
    noun: str | None = None,
    make_folder: bool = False,
) -> None:
    """Write ``data`` with private_output."""
    with private_output(path, field, kept=kept, noun=noun, make_folder=make_folder) as out:
        out.write(data)
