"""Ask the questionnaire in a terminal. The only module that imports questionary.

Questions come from the catalog; this module only turns them into prompts.
Every prompt is asked with ``unsafe_ask``: Ctrl-C raises KeyboardInterrupt
(the CLI turns it into exit 130) instead of quietly returning None. Ctrl-D
raises EOFError on every kind of question: a text question does so by itself
on an empty line; lists and yes/no questions get it from ``_ask``
(questionary's own ignore it).

Prompts are drawn on stderr (see ``terminal_session``), so stdout carries
only the report or the JSON: ``assess --json > out.json`` works in a terminal.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import questionary
from prompt_toolkit.application import create_app_session
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice, Question

from interview_signals import followup
from interview_signals.answers import Answers
from interview_signals.catalog import Catalog, Signal
from interview_signals.errors import InputError

DONE = "__done__"
RESTART = "__restart__"

# An optional free-text question: (context field, question shown). Later
# questions may depend on earlier answers, so callers pass them in order.
TextQuestion = tuple[str, str]

# Every free-text question can be skipped with Enter; each says so in its own words.
TEXT_QUESTIONS = {
    "company": "Company? (Enter to skip)",
    "role": "Role? (Enter to skip)",
    "interviewer": "Who interviewed you? For the email drafts (Enter to skip)",
}
DATE_QUESTION = "When was the interview? (Enter for today, or yesterday, or YYYY-MM-DD)"
REPLY_BY_QUESTION = "When did they say you'd hear back? (friday, 3 days, 2026-12-04; Enter to skip)"


def fill_in(catalog: Catalog, given: Answers, ask_date: bool) -> None:
    """Ask in the terminal for what ``given`` lacks: the context, the date, the
    missing signals (then the review step), and when they said you'd hear back."""
    today = followup.today()

    def check(field: str, text: str) -> str | None:
        try:
            if field == "date":
                followup.interview_day(text, today, "date")
            else:
                followup.parse_reply_by(text, followup.parse_date(given.context["date"], "date"))
        except InputError as exc:
            return str(exc).split(": ", 1)[-1]
        return None

    with terminal_session():
        given.context.update(ask_text([(f, q) for f, q in TEXT_QUESTIONS.items() if f not in given.context]))
        if ask_date:
            typed = ask_text([("date", DATE_QUESTION)], validate=check).get("date")
            if typed:
                given.context["date"] = followup.interview_day(typed, today, "date").isoformat()
        given.answers = questionnaire(catalog, given.answers)
        if given.answers.get("next_steps") == "concrete" and "reply_by" not in given.context:
            given.context.update(ask_text([("reply_by", REPLY_BY_QUESTION)], validate=check))


@contextmanager
def terminal_session() -> Iterator[None]:
    """Draw every prompt inside on stderr, reading keys from the terminal."""
    with create_app_session(output=create_output(stdout=sys.stderr)):
        yield


_END_OF_INPUT = KeyBindings()


@_END_OF_INPUT.add("c-d", eager=True)
def _end_of_input(event: KeyPressEvent) -> None:
    event.app.exit(exception=EOFError())


def _ask(question: Question) -> Any:
    """Ask a list or yes/no question, with Ctrl-D ending the input (see the module docstring)."""
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, _END_OF_INPUT]) if app.key_bindings else _END_OF_INPUT
    return question.unsafe_ask()


def ask_text(questions: Sequence[TextQuestion], validate: Callable[[str, str], str | None] | None = None) -> dict[str, str]:
    """Ask optional free-text questions; Enter skips one, Ctrl-D ends the input
    (EOFError). ``validate(field, text)`` returns an error message or None."""
    given: dict[str, str] = {}
    for field, question in questions:
        check = (lambda text, f=field: True if not text.strip() else (validate(f, text.strip()) or True)) if validate else None
        text = questionary.text(question, validate=check).unsafe_ask()  # Ctrl-D on an empty line: EOFError
        if text.strip():
            given[field] = text.strip()
    return given


def confirm(question: str) -> bool:
    """A yes/no question whose answer is no unless the user says yes (Ctrl-D too is a no)."""
    try:
        return bool(_ask(questionary.confirm(question, default=False)))
    except EOFError:
        return False


def ask_signal(catalog: Catalog, signal: Signal, number: int, default: str | None = None) -> str:
    choices = [Choice(title=a.label, value=a.id) for a in signal.answers]
    choices.append(Choice(title=catalog.non_answer_labels["unsure"], value="unsure"))
    if signal.not_applicable:
        choices.append(Choice(title=catalog.non_answer_labels["not_applicable"], value="not_applicable"))
    question = questionary.select(
        signal.question,
        qmark=f"{number}/{len(catalog.signals)}",
        choices=choices,
        default=default if default in signal.answer_ids else None,
        instruction="\n" + _wrap(signal.hint) + "\n ",
    )
    return str(_ask(question))


def _width() -> int:
    """Columns of the terminal the prompts are drawn on (stderr, not stdout)."""
    return max(get_app_session().output.get_size().columns - 2, 30)


def _wrap(text: str) -> str:
    """Indent and wrap a hint to the terminal: prompt_toolkit cuts long lines off."""
    return textwrap.fill(text, width=_width(), initial_indent="  ", subsequent_indent="  ")


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def review(catalog: Catalog, answers: Mapping[str, str]) -> str:
    """Show every answer; return DONE, RESTART, or the id of a signal to change."""
    width = max(len(s.title) for s in catalog.signals)
    room = _width() - width - 6  # pointer and gaps
    choices = [Choice(title="Looks right: show my report", value=DONE)]
    for signal in catalog.signals:
        label = catalog.answer_label(signal, answers.get(signal.id))
        choices.append(Choice(title=f"{signal.title:<{width}}  {_fit(label, room)}", value=signal.id))
    choices.append(Choice(title="Start over", value=RESTART))
    return str(_ask(questionary.select("Your answers. Pick one to change it, or go on:", choices=choices, instruction=" ")))


def questionnaire(catalog: Catalog, known: Mapping[str, str], *, review_step: bool = True) -> dict[str, str]:
    """Ask every signal not in ``known``, then offer the review step.

    Returns answers for every signal. Raises KeyboardInterrupt on Ctrl-C and
    EOFError if the input ends.
    """
    answers = dict(known)
    for number, signal in enumerate(catalog.signals, start=1):
        if signal.id not in answers:
            answers[signal.id] = ask_signal(catalog, signal, number)
    while review_step:
        choice = review(catalog, answers)
        if choice == DONE:
            break
        if choice == RESTART:
            answers = {s.id: ask_signal(catalog, s, n) for n, s in enumerate(catalog.signals, start=1)}
            continue
        number, signal = next((n, s) for n, s in enumerate(catalog.signals, start=1) if s.id == choice)
        answers[signal.id] = ask_signal(catalog, signal, number, default=answers.get(signal.id))
    return answers
