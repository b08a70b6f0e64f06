"""Exit codes and the errors that map to them.

Only the command-line boundary (``cli.py``) turns these into a message on
stderr and an exit code; nothing else calls ``sys.exit``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # something on the machine's side failed (a file, the database)
    USAGE = 2  # bad usage or bad input
    PARTIAL = 3  # `score`: some lines could not be scored
    NOT_SAVED = 4  # the report was shown but could not be saved to history
    INTERRUPTED = 130  # Ctrl-C


class SignalsError(Exception):
    """An error with a one-line message meant for the user."""

    exit_code: ExitCode = ExitCode.FAILURE


class InputError(SignalsError):
    """The user's input was wrong: exit 2."""

    exit_code = ExitCode.USAGE


class CatalogError(SignalsError):
    """The questionnaire data in data/ is broken: a bug in the package."""

    exit_code = ExitCode.FAILURE
