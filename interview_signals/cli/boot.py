"""Start-up: the entry point and every trick that keeps the command line quick
and its help plain. This is the one module that uses typer's private API
(typer vendors click without re-exporting what is needed here); pyproject.toml
holds typer to the minor release tested.

Before running one command, typer inspects the signature of every command it
holds; ``lean_app`` hands it a copy holding only the command asked for.

Shell completion is typer's own (``--install-completion``, ``--show-completion``
for bash, zsh, fish and PowerShell); completion.py says what TAB offers.
bash splits ``-a vibe=war`` into the words ``vibe``, ``=`` and ``war`` (``=``
is in COMP_WORDBREAKS), so for bash ``register_completion`` puts in a
completer that joins them again before completing and hands back only what
follows the ``=``, which is the word bash is completing.
"""

from __future__ import annotations

import copy
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

import typer

# typer vendors click (since 0.26) without re-exporting its exception types
from typer._click.exceptions import ClickException
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from interview_signals import output
from interview_signals.errors import ExitCode, SignalsError


class _NamedArgument(TyperArgument):
    """An argument shown in help by its name alone: ID, [FILE]; not {ID} or ID <int>."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        return name if self.required else f"[{name}]"


def _plain_params(params: list[Any]) -> None:
    """Help that reads as prose: arguments by name, flags with no <bool> beside them."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _NamedArgument
        elif isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""


class Command(TyperCommand):
    """typer's command with plain help (see _plain_params)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_params(params)
        return params


class Group(TyperGroup):
    """typer's group with plain help (see _plain_params), whose bash completion
    keeps SIGNAL=ANSWER as one word (see EqualsAwareBash)."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        _plain_params(params)
        return params

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        register_completion()
        super()._main_shell_completion(*args, **kwargs)


def register_completion() -> None:
    """Use a bash completer that keeps ``SIGNAL=ANSWER`` one word (click's registry of completion classes)."""
    from typer._click.shell_completion import add_completion_class
    from typer._completion_classes import BashComplete

    class EqualsAwareBash(BashComplete):
        """typer's bash completion, with ``SIGNAL=ANSWER`` kept as one word (see the module docstring)."""

        def get_completion_args(self) -> tuple[list[str], str]:
            cword = os.environ.get("COMP_CWORD", "")
            if not (cword.isascii() and cword.isdigit()):  # bash sets it; anything else is no index to complete at
                from interview_signals.errors import InputError
                from interview_signals.text import clip

                raise InputError(f"COMP_CWORD '{clip(cword)}': bash completion needs the index of the word being completed")
            args, incomplete = super().get_completion_args()
            self._typed, words = _join_equals([*args, incomplete])
            return words, self._typed

        def format_completion(self, item: Any) -> str:
            value = str(item.value)
            if "=" in getattr(self, "_typed", ""):  # bash is completing only what follows the last '='
                return value[value.rfind("=") + 1 :] if "=" in value else value
            return value

    add_completion_class(EqualsAwareBash, "bash")


def _join_equals(words: list[str]) -> tuple[str, list[str]]:
    """bash's words with each ``=`` joined to its neighbours again: the word being completed, and those before it."""
    joined: list[str] = []
    for word in words:
        if joined and (word == "=" or joined[-1].endswith("=")):
            joined[-1] += word
        else:
            joined.append(word)
    return joined[-1], joined[:-1]


def run(
    app: typer.Typer, argv: list[str] | None = None, bare: str | None = None, load_all: Callable[[], object] = lambda: None
) -> None:
    """Run the app on ``argv`` (the command line's words); ``bare`` names the command a run with none
    runs; ``load_all`` registers every command on ``app`` (see lean_app)."""
    if hasattr(signal, "SIGPIPE"):
        # When the reader goes away (`| head`), stop quietly as cat and grep do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    output.steady_environment()
    args = sys.argv[1:] if argv is None else argv
    try:
        code = lean_app(app, args, load_all)(args=args, prog_name="interview-signals", standalone_mode=False)
    except ClickException as exc:
        # typer would draw a box of several lines; every bad input gets one line here
        context = getattr(exc, "ctx", None)
        where = context.command_path if context is not None else _command_path(app, args)
        elsewhere = _option_of(context, bare, getattr(exc, "option_name", None)) if where == "interview-signals" else None
        if elsewhere is not None:  # an option of the bare command, given before any command was named
            output.error(
                f"No such option: {elsewhere} (options of {bare} go after its name: interview-signals {bare} {elsewhere})"
            )
        else:
            output.error(f"{_in_our_words(exc)} (see `{where} --help`)")
        code = exc.exit_code
    except typer.Abort:
        code = ExitCode.INTERRUPTED
    except SignalsError as exc:  # outside a command: typer's own output (--help) failed to print
        output.error(str(exc))
        code = exc.exit_code
    output.settle_stdout()
    sys.exit(code or 0)


def _option_of(context: Any, name: str | None, option: str | None) -> str | None:
    """``option`` when the command ``name`` (of the app ``context`` runs) takes it; else None."""
    command = context.command.get_command(context, name) if context is not None and name and option else None
    if command is None:
        return None
    taken = {opt for param in command.params for opt in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))}
    return option if option in taken else None


# What a value typer could not convert is, by the kind of conversion that failed.
NOT_A = {"int": "a whole number", "float": "a number", "bool": "yes or no"}


def _in_our_words(exc: ClickException) -> str:
    """The message of a usage error, in the tool's words where typer's are a
    library's: "--limit: 'x' is not a whole number", not a validation error's."""
    option = getattr(exc, "option_name", None)
    if option and "requires an argument" in exc.format_message():
        return f"{option}: needs a value"
    param = getattr(exc, "param", None)
    errors = getattr(exc.__cause__, "errors", None)  # typer converts values through a validation library
    if param is None or not callable(errors):
        return exc.format_message()
    try:
        first = errors()[0]
        kind, value = str(first["type"]), str(first["input"])
    except (LookupError, TypeError, ValueError):
        return exc.format_message()
    from interview_signals.text import clip

    names = [name for name in getattr(param, "opts", ()) if name.startswith("--")] or [param.human_readable_name]
    wanted = next((words for prefix, words in NOT_A.items() if kind.startswith(prefix)), "a value it takes")
    return f"{names[0]}: '{clip(value)}' is not {wanted}"


def _command_path(app: typer.Typer, args: list[str]) -> str:
    """The command the words of ``args`` name, for a usage error found before typer knew it: `interview-signals outcome`."""
    words = [arg for arg in args if not arg.startswith("-")]
    path = ["interview-signals"]
    group: typer.Typer | None = app
    for word in words[:2]:
        if group is None:
            break
        if any(_command_name(c) == word for c in group.registered_commands):
            path.append(word)
            break
        group = next((g.typer_instance for g in group.registered_groups if g.name == word), None)
        if group is not None:
            path.append(word)
    return " ".join(path)


def lean_app(app: typer.Typer, args: list[str], load_all: Callable[[], object] = lambda: None) -> typer.Typer:
    """The app to run ``args`` with. Before running one command, typer inspects
    the signature of every command it holds; with a dozen that is a few
    milliseconds of every start. So when the first word that is not a flag
    names a command or a group of them such as `config` (the app itself takes
    flags only), a copy holding just that one runs; `--help`, typos and a bare
    run get the whole app. ``app`` may hold only some of its commands yet
    (cli/__init__.py registers assess's family first): ``load_all`` registers
    the rest, called only when the command asked for is not among them or the
    whole app is wanted. The module's ``app`` is never changed but by
    ``load_all``, so ``main`` can run any number of times."""
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None and ("--help" in args or "-h" in args):
        load_all()
        return _summary(app)
    chosen, groups = _named(app, name)
    if not chosen and not groups:
        load_all()
        chosen, groups = _named(app, name)
    if not chosen and not groups:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    lean.registered_groups = groups
    return lean


def _named(app: typer.Typer, name: str | None) -> tuple[list[Any], list[Any]]:
    """The commands and the groups of ``app`` called ``name``."""
    return [c for c in app.registered_commands if _command_name(c) == name], [g for g in app.registered_groups if g.name == name]


def _summary(whole: typer.Typer) -> typer.Typer:
    """A copy of ``whole`` for its own --help, which lists each command by name
    and help text only: every command becomes one with no options, so typer
    builds none of their options (a third of the time of `--help` with twenty
    commands). The help printed is the same (tests/test_startup.py)."""
    summary = copy.copy(whole)
    summary.registered_commands = [_stub(info) for info in whole.registered_commands]
    summary.registered_groups = []
    for group in whole.registered_groups:
        listed = copy.copy(group)
        listed.typer_instance = _summary(group.typer_instance) if group.typer_instance is not None else None
        summary.registered_groups.append(listed)
    return summary


def _stub(info: typer.models.CommandInfo) -> typer.models.CommandInfo:
    def stub() -> None:
        """Never run: it stands in for a command in the list --help prints."""

    stub.__doc__ = info.help or (info.callback.__doc__ if info.callback is not None else None)
    listed = copy.copy(info)
    listed.name, listed.help, listed.callback = _command_name(info), None, stub
    return listed


def _command_name(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    callback = info.callback
    return callback.__name__.replace("_", "-") if callback is not None else None
