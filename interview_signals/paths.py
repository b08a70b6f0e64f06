"""Where the history lives: ``--db``, else $INTERVIEW_SIGNALS_HOME, else the
platform's user data folder (platformdirs). The settings file lives in
$INTERVIEW_SIGNALS_HOME too when that is set, else in the platform's user
config folder.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from interview_signals.errors import InputError, SignalsError

APP_NAME = "interview-signals"
HOME_ENV = "INTERVIEW_SIGNALS_HOME"
FILE_NAME = "history.sqlite3"
CONFIG_FILE_NAME = "config.toml"

# Why the system refuses a path the user named, in words: each is the user's to fix (exit 2).
PATH_FAULTS = {
    errno.ENAMETOOLONG: "a name in it is too long for the file system",
    errno.ENOTDIR: "a part of it is a file, not a folder",
    errno.ELOOP: "its symbolic links go round in a loop",
}


def path_error(exc: OSError, field: str, path: str | os.PathLike[str]) -> SignalsError:
    """The one line for an OSError met on a path the user named in ``field``.

    An InputError when the path itself cannot be a path (PATH_FAULTS), else a
    SignalsError with the system's reason (a disk error, no permission).
    """
    why = PATH_FAULTS.get(exc.errno or 0)
    if why is not None:
        return InputError(f"{field}: {path}: {why}")
    return SignalsError(f"{field}: {path}: {exc.strerror or exc}")


def probe(path: str | os.PathLike[str], field: str) -> os.stat_result | None:
    """What is at a path the user named (through links); None when nothing is there yet.

    Path.exists() and is_dir() answer False for a name too long, a file used as
    a folder or a loop of links; here each is a one-line error naming ``field``.
    """
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise path_error(exc, field, path) from None


def _is_folder(path: Path, field: str) -> bool:
    info = probe(path, field)
    return info is not None and stat.S_ISDIR(info.st_mode)


def resolve_path(db: str | None) -> Path:
    """``--db`` wins, then $INTERVIEW_SIGNALS_HOME (a folder), then the platform's user data folder.

    The path is absolute (a relative one is taken from the current directory),
    so `where` prints a path that means the same from anywhere. A folder where
    the database file should be is the user's to fix: an InputError naming it.
    """
    if db is not None:
        if not db.strip():
            raise InputError("--db must be a file path, got an empty string")
        path = Path(db).expanduser().absolute()
        if _is_folder(path, "--db"):
            raise InputError(f"--db: {path} is a folder; give the path of a database file")
        return path
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        folder = Path(home).expanduser().absolute()
        info = probe(folder, HOME_ENV)
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise InputError(f"{HOME_ENV}: {folder} is a file; it must name a folder for the history")
        path = folder / FILE_NAME
        if _is_folder(path, HOME_ENV):
            raise InputError(
                f"{HOME_ENV}: {path} is a folder where the history database file should be; move it or choose another {HOME_ENV}"
            )
        return path
    import platformdirs  # only needed when nothing else says where; keeps it off the common start-up path

    # appauthor=False: on Windows the folder is not nested twice under the app's name.
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)).absolute() / FILE_NAME
    if _is_folder(path, "the history database"):
        raise InputError(f"{path} is a folder where the history database file should be; move it or give --db")
    return path


def config_path() -> Path:
    """The settings file: config.toml in $INTERVIEW_SIGNALS_HOME (a folder) when
    that is set, else in the platform's user config folder.

    A folder where the file should be is the user's to fix: an InputError naming it.
    """
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        folder = Path(home).expanduser().absolute()
        info = probe(folder, HOME_ENV)
        if info is not None and not stat.S_ISDIR(info.st_mode):
            raise InputError(f"{HOME_ENV}: {folder} is a file; it must name a folder for your settings")
    else:
        import platformdirs  # off the start-up path of every command that reads no settings

        folder = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)).absolute()
    path = folder / CONFIG_FILE_NAME
    if _is_folder(path, HOME_ENV if home else "the settings file"):
        raise InputError(f"{path} is a folder where the settings file should be; move it")
    return path
