"""Files written for the user — reports, calendars, exports, settings: private (0600), whole or not at all.

A regular file (or none yet) is written to a temporary file beside its place,
flushed to disk and renamed over it once everything is written, so a failure
or a Ctrl-C half way leaves the old file as it was and no temporary file
behind. A symbolic link is followed (the file it points at is the one
replaced, so a linked dotfile stays linked); what is not a regular file (a
pipe, /dev/stdout) is written to as it is, never replaced. A folder is the
user's mistake: an InputError. Every other failure is a SignalsError naming
the field and the path.

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


@contextmanager
def private_output(
    path: str | os.PathLike[str], field: str, *, noun: str | None = None, make_folder: bool = False
) -> Iterator[IO[bytes]]:
    """A file to stream into, put in place when the block ends well.

    Messages read "FIELD: cannot write NOUN: why", NOUN being the path unless
    given. ``make_folder`` creates a missing folder first, private (0700).
    """
    where = noun or str(path)

    def failed(exc: OSError) -> SignalsError:
        return SignalsError(f"{field}: cannot write {where}: {exc.strerror}")

    try:
        mode: int | None = os.stat(path).st_mode  # through any link
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise failed(exc) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{field}: {path} is a folder; give a file name, or - for standard output")
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


def write_private(
    path: str | os.PathLike[str], data: bytes, field: str, *, noun: str | None = None, make_folder: bool = False
) -> None:
    """Write ``data`` with private_output."""
    with private_output(path, field, noun=noun, make_folder=make_folder) as out:
        out.write(data)
