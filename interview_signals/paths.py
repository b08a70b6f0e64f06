"""Where the history lives: ``--db``, else $INTERVIEW_SIGNALS_HOME, else the
platform's user data folder (platformdirs). The settings file lives in
$INTERVIEW_SIGNALS_HOME too when that is set, else in the platform's user
config folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from interview_signals.errors import InputError

APP_NAME = "interview-signals"
HOME_ENV = "INTERVIEW_SIGNALS_HOME"
FILE_NAME = "history.sqlite3"
CONFIG_FILE_NAME = "config.toml"


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
        if path.is_dir():
            raise InputError(f"--db: {path} is a folder; give the path of a database file")
        return path
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        folder = Path(home).expanduser().absolute()
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{HOME_ENV}: {folder} is a file; it must name a folder for the history")
        path = folder / FILE_NAME
        if path.is_dir():
            raise InputError(
                f"{HOME_ENV}: {path} is a folder where the history database file should be; move it or choose another {HOME_ENV}"
            )
        return path
    import platformdirs  # only needed when nothing else says where; keeps it off the common start-up path

    # appauthor=False: on Windows the folder is not nested twice under the app's name.
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)).absolute() / FILE_NAME
    if path.is_dir():
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
        if folder.exists() and not folder.is_dir():
            raise InputError(f"{HOME_ENV}: {folder} is a file; it must name a folder for your settings")
    else:
        import platformdirs  # off the start-up path of every command that reads no settings

        folder = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)).absolute()
    path = folder / CONFIG_FILE_NAME
    if path.is_dir():
        raise InputError(f"{path} is a folder where the settings file should be; move it")
    return path
