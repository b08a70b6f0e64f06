"""What the first 100 bytes of a history say of it, read with no database
library: cheap enough to look at before `assess` asks its first question."""

from __future__ import annotations

from pathlib import Path

# PRAGMA application_id: offset 68 of the SQLite header, "ISig". It marks a file as ours even when its schema page is lost.
APPLICATION_ID = 0x49536967
SQLITE_MAGIC = b"SQLite format 3\x00"


def read(path: Path, size: int = 100) -> bytes:
    with open(path, "rb") as file:
        return file.read(size)


def marked_ours(header: bytes) -> bool:
    """Whether an SQLite header carries our application id."""
    return header.startswith(SQLITE_MAGIC) and len(header) >= 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID
