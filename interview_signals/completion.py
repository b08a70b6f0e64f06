"""Shell completion: what TAB offers.

Typer's own mechanism does the rest (``--install-completion``,
``--show-completion`` for bash, zsh, fish and PowerShell), with bash's words
joined again at '=' (cli/boot.py). Each function here takes what has been
typed of the current word and returns the candidates, with a description
where the shell can show one (zsh, fish, PowerShell).
"""

from __future__ import annotations

from typing import Any

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
    from interview_signals.commands.history import history_rows
    from interview_signals.commands.session import Session
    from interview_signals.errors import SignalsError
    from interview_signals.text import one_line

    db = ctx.params.get("db") if ctx is not None else None
    typed = incomplete.removeprefix("#")
    try:
        with Session(db if isinstance(db, str) else None) as session:
            rows = history_rows(session, RECENT, None)
    except SignalsError:
        return []
    found = []
    for row in rows:
        if str(row["id"]).startswith(typed):
            # one printable line: a saved name may hold escape sequences, or a line break that would split the candidate
            what = " · ".join(one_line(part) for part in (row["company"], row["role"]) if part) or "(no company given)"
            found.append((str(row["id"]), f"{what}, {row['date']}"))
    return found


def application_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Applications, as `applications` lists them (open ones first), each described as
    "Acme · Data engineer · round 2" (made printable, as interview_ids is).

    Read only, as interview_ids: anything wrong with the history offers nothing.
    """
    from interview_signals.commands.applications import pipeline
    from interview_signals.commands.session import Session
    from interview_signals.errors import SignalsError
    from interview_signals.text import one_line

    db = ctx.params.get("db") if ctx is not None else None
    typed = incomplete.removeprefix("#")
    found = []
    try:
        with Session(db if isinstance(db, str) else None) as session, pipeline(session, limit=RECENT) as apps:
            for app in apps:
                if str(app.id).startswith(typed):
                    parts = [one_line(part) for part in (app.company, app.role) if part] or ["(no company given)"]
                    found.append((str(app.id), " · ".join([*parts, f"round {app.rounds}"])))
    except SignalsError:
        return []
    return found
