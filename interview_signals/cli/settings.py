"""`config`: your settings."""

from typing import Annotated

import typer

from interview_signals import output
from interview_signals.cli.boot import Group
from interview_signals.cli.common import app, command, examples_epilog, handle_errors, warn
from interview_signals.errors import ExitCode
from interview_signals.text import counted, one_line, printable


def _complete_config_keys(incomplete: str) -> list[tuple[str, str]]:
    from interview_signals import completion

    return completion.config_keys(incomplete)


config_app = typer.Typer(
    cls=Group,
    invoke_without_command=True,
    epilog=examples_epilog(
        (
            "interview-signals config set name 'Ada Lovelace'",
            "interview-signals config set holidays US-WA",
            "interview-signals config show",
        )
    ),
)
app.add_typer(config_app, name="config")

KeyArgument = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        autocompletion=_complete_config_keys,
        help="The setting: name (your name, to sign your email drafts) or holidays (whose public holidays "
        "follow-up days skip: a country code such as US, or a country and region such as US-WA or DE-BY).",
    ),
]


@config_app.callback()
def config(ctx: typer.Context) -> None:
    """Your settings, such as the name your email drafts are signed with. With no command, `config show`.

    They live in config.toml in $INTERVIEW_SIGNALS_HOME when that is set, else
    in your user config folder: ~/.config/interview-signals on Linux,
    ~/Library/Application Support/interview-signals on macOS,
    %LOCALAPPDATA%\\interview-signals on Windows. Only you can read the file.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(config_show)


@command("interview-signals config set name 'Ada Lovelace'", group=config_app, name="set")
def config_set(
    key: KeyArgument,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Its value: one line of text; quote it when it has spaces.")],
) -> None:
    """Set a setting. Setting it again replaces it."""
    with handle_errors():
        from interview_signals.commands import settings

        word, path = settings.config_set(key, value)
        output.note(f"Set {word} in {path}.")
        _replanned(word)


@command("interview-signals config get name", 'name="$(interview-signals config get name)"', group=config_app, name="get")
def config_get(key: KeyArgument) -> None:
    """Print a setting's value.

    When it is not set, nothing is printed on stdout, a message goes to stderr
    and the exit code is 1, as with `git config`.
    """
    with handle_errors():
        from interview_signals.commands import settings

        word, value = settings.config_get(key)
        if value is None:
            output.note(f"{word} is not set; set it with `interview-signals config set {word} VALUE`")
            raise typer.Exit(ExitCode.FAILURE)
        output.write(printable(value) + "\n")


@command("interview-signals config unset name", group=config_app, name="unset")
def config_unset(key: KeyArgument) -> None:
    """Remove a setting. Removing one that is not set is not an error."""
    with handle_errors():
        from interview_signals.commands import settings

        word, path, was_set = settings.config_unset(key)
        output.note(f"Removed {word} from {path}." if was_set else f"{word} was not set.")
        if was_set:
            _replanned(word)


def _replanned(word: str) -> None:
    """After the holidays setting changed: the open interviews' follow-up days, worked out again."""
    from interview_signals import daysoff

    if word != daysoff.SETTING:
        return
    from interview_signals.commands import settings

    changed = settings.replan_open(warn)
    if changed:
        output.note(f"Worked out the follow-up days again: {counted(changed, 'open interview')} changed.")


@command(
    "interview-signals config show", "interview-signals config show --json | jq -r .values.name", group=config_app, name="show"
)
def config_show(
    as_json: Annotated[bool, typer.Option("--json", help='Print {"file": ..., "values": {KEY: VALUE or null}}.')] = False,
) -> None:
    """List every setting with its value, or (not set), and the file they live in."""
    with handle_errors():
        from interview_signals.commands import settings

        shown = settings.config_show()
        if as_json:
            output.print_json({"file": str(shown.path), "values": shown.values})
            return
        width = max(len(key) for key in shown.values)
        lines = [f"Settings in {printable(str(shown.path))}" + ("" if shown.exists else " (no file yet)") + ":"]
        for key, value in shown.values.items():
            lines.append(f"  {key:<{width}}  {one_line(value) if value is not None else '(not set)'}")
        output.write("\n".join(lines) + "\n")
