"""Exit codes and the errors that map to them.

Only the command-line boundary (``cli/common.py``) turns these into a message on
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
    """The user's input was wrong: exit 2.

    ``field`` names what was wrong as the core knows it ("date", "reply_by"),
    and the message starts with it: a Python caller reads ``date 'someday':
    ...``. The command line's error boundary (cli/common.py) says it with the option
    the user typed instead (``--date 'someday': ...``) through ``named``.
    """

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    def named(self, name: str) -> str:
        """The message with its field called ``name``; as it is when it names no field."""
        message = str(self)
        if self.field and message.startswith(self.field):
            return name + message[len(self.field) :]
        return message


class CatalogError(SignalsError):
    """The questionnaire data in data/ is broken: a bug in the package."""

    exit_code = ExitCode.FAILURE
