"""Shell completion: what TAB offers, and bash's way of splitting words at '='.

Typer's own mechanism does the rest (``--install-completion``,
``--show-completion`` for bash, zsh, fish and PowerShell). Each function here
takes what has been typed of the current word and returns the candidates,
with a description where the shell can show one (zsh, fish, PowerShell).

bash splits ``-a vibe=war`` into the words ``vibe``, ``=`` and ``war``
(``=`` is in COMP_WORDBREAKS), so ``EqualsAwareBash`` joins them again
before completing and hands back only what follows the ``=``, which is the
word bash is completing.
"""

from __future__ import annotations

import os
from typing import Any

from typer._completion_classes import BashComplete

# Latest interviews offered for an ID: enough to find a recent one, few enough to read.
RECENT = 50


def answers(incomplete: str) -> list[tuple[str, str]]:
    """``-a``: signal ids, then that signal's answers (``vibe=<TAB>``: warm, neutral, cold, unsure)."""
    from interview_signals import catalog

    cat = catalog.load()
    name, equals, partial = incomplete.partition("=")
    if equals:
        signal = cat.signal(name.strip().lower())
        if signal is None:
            return []
        return [
            (f"{name}={answer}", cat.answer_label(signal, answer))
            for answer in signal.answer_ids
            if answer.startswith(partial.lower())
        ]
    matching = [s for s in cat.signals if s.id.startswith(name.lower())]
    if len(matching) == 1:  # one signal: offer its answers whole, so the shell stops at '=' for the next TAB
        return answers(f"{matching[0].id}=")
    return [(f"{s.id}=", s.title) for s in matching]


def outcomes(incomplete: str) -> list[str]:
    from interview_signals import outcomes as words

    return [word for word in words.ALL if word.startswith(incomplete.lower())]


def draft_kinds(incomplete: str) -> list[str]:
    """`draft`'s KIND: every kind of draft."""
    from interview_signals import drafts

    return [kind for kind in drafts.KINDS if kind.startswith(incomplete.lower())]


def sendable(incomplete: str) -> list[str]:
    """`sent`'s ACTION: only the emails of the follow-up cycle are recorded as sent."""
    from interview_signals import followup

    return [action for action in followup.SENDABLE if action.startswith(incomplete.lower())]


def config_keys(incomplete: str) -> list[tuple[str, str]]:
    """`config`'s KEY: every setting, with what it is for."""
    from interview_signals import config

    return [(setting.key, setting.help) for setting in config.SETTINGS if setting.key.startswith(incomplete.lower())]


def interview_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Saved interviews, newest first, each with its company and role as the description
    (made printable: zsh, fish and PowerShell print it beside the id).

    The history is only read (never created), with --db if it was typed
    already; anything wrong with it offers nothing rather than an error.
    """
    from interview_signals import core
    from interview_signals.errors import SignalsError
    from interview_signals.text import one_line

    db = ctx.params.get("db") if ctx is not None else None
    typed = incomplete.removeprefix("#")
    try:
        rows = core.history_rows(db if isinstance(db, str) else None, RECENT, None)
    except SignalsError:
        return []
    found = []
    for row in rows:
        if str(row["id"]).startswith(typed):
            # one printable line: a saved name may hold escape sequences, or a line break that would split the candidate
            what = " · ".join(one_line(part) for part in (row["company"], row["role"]) if part) or "(no company given)"
            found.append((str(row["id"]), f"{what}, {row['date']}"))
    return found


class EqualsAwareBash(BashComplete):
    """typer's bash completion, with ``SIGNAL=ANSWER`` kept as one word (see the module docstring)."""

    def get_completion_args(self) -> tuple[list[str], str]:
        cword = os.environ.get("COMP_CWORD", "")
        if not (cword.isascii() and cword.isdigit()):  # bash sets it; anything else is no index to complete at
            from interview_signals.errors import InputError
            from interview_signals.text import clip

            raise InputError(f"COMP_CWORD '{clip(cword)}': bash completion needs the index of the word being completed")
        args, incomplete = super().get_completion_args()
        words = [*args, incomplete]
        joined: list[str] = []
        for word in words:
            if joined and (word == "=" or joined[-1].endswith("=")):
                joined[-1] += word
            else:
                joined.append(word)
        self._typed = joined[-1]
        return joined[:-1], joined[-1]

    def format_completion(self, item: Any) -> str:
        value = str(item.value)
        typed = getattr(self, "_typed", "")
        if "=" in typed:  # bash is completing only what follows the last '='
            return value[value.rfind("=") + 1 :] if "=" in value else value
        return value


def register() -> None:
    """Use EqualsAwareBash for bash (click's registry of completion classes)."""
    from typer._click.shell_completion import add_completion_class

    add_completion_class(EqualsAwareBash, "bash")


def requested(prog_name: str = "interview-signals") -> bool:
    """Whether this run is a shell asking for completions."""
    return bool(os.environ.get("_" + prog_name.replace("-", "_").upper() + "_COMPLETE"))
