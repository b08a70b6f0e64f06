"""The app every command joins, the options they share, and the error
boundary: each command runs inside ``handle_errors``, which turns a failure
into one line on stderr and an exit code.

Start-up matters (the tool runs in shell loops), so rich, questionary, sqlite
and icalendar are imported only inside the commands that draw, ask, store or
write a calendar; the scripted JSON path never loads them.
"""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, BinaryIO

import typer

from interview_signals import output
from interview_signals.cli.boot import Command, Group
from interview_signals.errors import ExitCode, InputError, SignalsError
from interview_signals.followup import DAY_FORMS, EITHER, FUTURE
from interview_signals.text import clip

EXIT_CODES_HELP = (
    "Exit codes: 0 done; 1 something failed on the machine's side (a file or the database), "
    "or `config get` found the setting not set; "
    "2 bad usage or bad input; 3 `score` could not score some lines; "
    "4 the report was shown but could not be saved; 130 interrupted (Ctrl-C)."
)


app = typer.Typer(
    cls=Group,
    help=f"Read the signs after a job interview: answer a few questions, get an honest verdict and what to do next.\n\n{EXIT_CODES_HELP}",
    epilog="Examples:\n\n"
    "interview-signals                 (asks the questions in your terminal)\n\n"
    "interview-signals history\n\n"
    "interview-signals assess --help",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def examples_epilog(examples: tuple[str, ...]) -> str:
    return "Examples:\n\n" + "\n\n".join(examples)


def command(
    *examples: str, group: typer.Typer | None = None, name: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command (of ``group``, else the app) whose help ends with ``examples``, each a line a user could type."""
    return (group or app).command(name, cls=Command, epilog=examples_epilog(examples))


def complete_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.interview_ids(ctx, incomplete)


def interview_id(text: str) -> int:
    """An interview's id as typed: 3 or #3."""
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()):
        raise typer.BadParameter(f"'{clip(text)}': an id is a number such as 3 or #3")
    return int(digits)


# -- the boundary: errors become one line on stderr and an exit code ----------


@contextmanager
def handle_errors() -> Iterator[None]:
    """The one place that turns failures into a message and an exit code."""
    try:
        yield
    except InputError as exc:  # the core names the field; here it is the option the user typed
        fail(exc.named(FLAGS[exc.field]) if exc.field in FLAGS else str(exc), exc.exit_code)
    except SignalsError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted; nothing was saved.\n")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except EOFError:
        if sys.stdin is not None and sys.stdin.isatty():  # Ctrl-D: a way to stop, as documented, not an error
            output.note("Stopped; nothing was saved.")
            raise typer.Exit(ExitCode.USAGE) from None
        fail(
            "input ended before every question was answered; run it in a terminal, or pass the answers with --answer or --answers",
            ExitCode.USAGE,
        )
    except BrokenPipeError:
        # the reader went away (`| head`): not our failure, and nothing more to say
        sys.stderr.close()
        raise typer.Exit(ExitCode.FAILURE) from None


# The option that gives each field the core names in its errors (InputError.field).
FLAGS = {"date": "--date", "reply_by": "--reply-by", "on": "--on", "until": "--until", "today": "--today", "text": "TEXT"}


def fail(message: str, code: ExitCode) -> None:
    output.error(message)
    raise typer.Exit(code)


warn = output.warning


# -- shared options -------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON to stdout instead of the report.")]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="The history database to use (default: history.sqlite3 in $INTERVIEW_SIGNALS_HOME, else in your user data folder).",
    ),
]
ReplyByOption = Annotated[
    str | None,
    typer.Option(
        "--reply-by",
        metavar="WHEN",
        help=f"When they said you'd hear back, counted from the interview as today: {DAY_FORMS[FUTURE]}.",
    ),
]
RoundOfOption = Annotated[
    int | None,
    typer.Option(
        "--round-of",
        metavar="ID",
        parser=interview_id,
        autocompletion=complete_ids,
        help="The next round of the application interview ID belongs to (its company, role and interviewer).",
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="DAY",
        help=f"Take this day as today (for scripts), {DAY_FORMS[EITHER]}; a weekday is the next one, today counting.",
    ),
]
IdArgument = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        parser=interview_id,
        autocompletion=complete_ids,
        help="The interview's id, 3 or #3, as `interview-signals history` shows it.",
    ),
]


def stdin() -> BinaryIO | None:
    """Standard input as bytes, or None when it is closed (``<&-``)."""
    return getattr(sys.stdin, "buffer", None)


def refuse_kept(path: str, field: str, db: str | None) -> None:
    """Refuse a file to write that is one the tool keeps, before anything is asked or saved."""
    from interview_signals import paths
    from interview_signals.files import kept_files, refuse_kept

    refuse_kept(path, field, kept_files(paths.resolve_path(db)))
