"""Moving a history: `export`, `import` and `backup` (transfer.py does the work)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from interview_signals.commands.session import Session
from interview_signals.errors import InputError, SignalsError

if TYPE_CHECKING:
    from interview_signals.transfer import Imported


def export_history(session: Session, destination: str | None, deliver: Callable[[bytes], None]) -> int:
    """Write every interview as an export line (see transfer.py); returns how many.

    ``destination`` is a file, written whole and private (0600); None sends
    the lines to ``deliver`` instead, once all are made, so a damaged
    interview found half way stops the export before anything is delivered.
    """
    import tempfile

    from interview_signals import transfer
    from interview_signals.files import kept_files, private_output

    count = 0
    store = session.history()
    if destination is None:
        try:
            with tempfile.TemporaryFile() as spool:  # unnamed, so private; memory stays flat
                for line in transfer.export_lines(store):
                    spool.write(line)
                    count += 1
                spool.seek(0)
                while chunk := spool.read(1 << 20):
                    deliver(chunk)
        except OSError as exc:
            raise SignalsError(f"cannot make the export in a temporary file: {exc.strerror}") from None
        return count
    with private_output(destination, "FILE", kept=kept_files(store.path)) as out:
        for line in transfer.export_lines(store):
            out.write(line)
            count += 1
    return count


def import_history(
    session: Session,
    source: str,
    stdin: BinaryIO | None,
    *,
    dry_run: bool = False,
    renumbered: Callable[[tuple[int, int, int, bool]], None] | None = None,
) -> Imported:
    """Import an export (a path, or "-" for ``stdin``) in one transaction; returns what it did.

    Every line is checked before the history is opened to write, so a bad
    line (an InputError naming it) changes and creates nothing; so does a dry run.
    """
    from interview_signals import batch, transfer

    if source == "-" and stdin is None:
        raise InputError("FILE: standard input is closed; give an export file, or pipe one in")
    with batch.open_input(source, stdin if source == "-" and stdin is not None else io.BytesIO()) as (stream, _):
        lines = batch.read_lines(stream, limit=transfer.LINE_LIMIT)
        try:
            return transfer.import_lines(lines, session.opened, dry_run=dry_run, renumbered=renumbered)
        except OSError as exc:  # reading the file failed part way (a disk error, a file gone from a network share)
            raise SignalsError(f"FILE: cannot read {'standard input' if source == '-' else source}: {exc.strerror}") from None


def backup_history(session: Session, destination: str) -> int:
    """Copy the history database to ``destination`` (see transfer.backup); returns how many interviews the copy holds."""
    from interview_signals import transfer

    return transfer.backup(session.history(), destination)
