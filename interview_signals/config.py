"""Your settings: a small TOML file (where: paths.config_path), read with
tomllib and written with tomli-w.

Only the keys in SETTINGS are read or set. A key in the file that this
version does not know (one a newer version wrote) is kept as it is when a
setting is changed. The file is written whole or not at all (a temporary file
renamed over it) and only you can read it (0600). A file that cannot be read
as settings is a DamagedConfig naming it, never a traceback.

tomli_w is imported only when a setting is written, so reading a setting
costs nothing beyond the standard library.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from interview_signals import daysoff
from interview_signals.errors import InputError, SignalsError
from interview_signals.text import clip, did_you_mean, escape, is_unsafe, known


class Setting(NamedTuple):
    key: str
    help: str  # what it is for, as a phrase: shown by `config show` and in the help


# Every setting there is: add one here and `config set/get/unset/show` know it.
SETTINGS = (
    Setting("name", "your name, to sign your email drafts"),
    Setting("holidays", "whose public holidays follow-up days skip: a country (US) or a country and region (US-WA, DE-BY)"),
)
KEYS = tuple(setting.key for setting in SETTINGS)

HEADER = "# interview-signals settings. Change them with: interview-signals config set KEY VALUE\n"


class DamagedConfig(SignalsError):
    """The settings file exists but cannot be read as settings (exit 1)."""


def check_key(key: str) -> str:
    """A known key as typed in any case; InputError naming the known ones otherwise."""
    word = key.strip().lower()
    if word not in KEYS:
        raise InputError(f"KEY '{clip(key)}'{did_you_mean(key, KEYS)}: a setting is one of {', '.join(KEYS)}")
    return word


def check_value(key: str, value: str) -> str:
    """A value as it will be stored: one line of printable text, without surrounding spaces."""
    text = value.strip()
    if not text:
        raise InputError(f"{key}: cannot be blank; to remove it, run `interview-signals config unset {key}`")
    unsafe = next((ch for ch in text if is_unsafe(ch)), None)
    if unsafe is not None:
        what = "a line break" if unsafe in "\r\n" else f"a control character ({escape(unsafe)})"
        raise InputError(f"{key}: must be one line of text, without {what}")
    if key == daysoff.SETTING:
        return daysoff.check_code(text)
    return text


def read(path: Path) -> dict[str, Any]:
    """Everything the file holds; {} when there is no file yet.

    Only a regular file is read: it is opened without waiting (O_NONBLOCK) and
    looked at before a byte is read, so a pipe or a device in its place is an
    InputError at once, never a wait for a writer that does not come.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise DamagedConfig(f"{path}: cannot read the settings file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(
                f"{path}: the settings file is not a regular file (a pipe or a device); replace it with a file, or remove it"
            )
        try:
            data = file.read()
        except OSError as exc:
            raise DamagedConfig(f"{path}: cannot read the settings file: {exc.strerror}") from None
    fix = "fix it, or delete it and set your settings again"
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedConfig(f"{path}: the settings file is not UTF-8 text; {fix}") from None
    except tomllib.TOMLDecodeError as exc:
        raise DamagedConfig(f"{path}: the settings file is not valid TOML ({exc}); {fix}") from None
    for key in KEYS:
        if key in raw and not isinstance(raw[key], str):
            raise DamagedConfig(f'{path}: {key} must be text in quotes, such as {key} = "..."; {fix}')
    return raw


def values(raw: dict[str, Any]) -> dict[str, str | None]:
    """Every known key, with its value or None when it is not set (a blank value is not set)."""
    return {key: known(raw.get(key)) for key in KEYS}


def write(path: Path, raw: dict[str, Any]) -> None:
    """Write the settings file whole or not at all, readable by you alone."""
    import tomli_w  # only writing needs it

    from interview_signals import paths
    from interview_signals.files import kept_files, write_private

    data = (HEADER + tomli_w.dumps(raw)).encode("utf-8")
    kept = kept_files(paths.resolve_path(None), settings=False)
    write_private(path, data, str(path), kept=kept, noun="the settings file", make_folder=True)
