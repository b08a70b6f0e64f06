"""Ask the questionnaire in a terminal. The only module that imports questionary.

Questions come from the catalog; this module only turns them into prompts,
through one of two front ends with the same four verbs (``Ui``):

* ``Fancy``: questionary's arrow-key lists, for any terminal with cursor
  control. Each list is erased once answered and echoed back as wrapped
  text, so a long answer never breaks mid-word or runs off a narrow screen.
* ``Plain``: numbered lists read as a line of input (type the number or the
  answer id), for ``TERM=dumb`` (Emacs shell buffers, some consoles): no
  escape codes at all.

Either way Ctrl-C raises KeyboardInterrupt (exit 130) and Ctrl-D raises
EOFError (exit 2) at every question; Enter skips a question that can be
skipped. Prompts are drawn on stderr (``terminal_session``), so stdout carries
only the report or the JSON: ``assess --json > out.json`` works in a terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import questionary
from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import create_app_session
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.output import create_output
from questionary import Choice, Question

from interview_signals import followup
from interview_signals.answers import Answers
from interview_signals.catalog import Catalog, Signal
from interview_signals.errors import InputError
from interview_signals.text import one_line

DONE = "__done__"
RESTART = "__restart__"

# An optional free-text question: (context field, question shown). Later
# questions may depend on earlier answers, so callers pass them in order.
TextQuestion = tuple[str, str]
# A check of typed text: (field, text) -> an error message, or None when it is fine.
Check = Callable[[str, str], str | None]

# Every free-text question can be skipped with Enter; each says so in its own words.
TEXT_QUESTIONS = {
    "company": "Company? (Enter to skip)",
    "role": "Role? (Enter to skip)",
    "interviewer": "Who interviewed you? For the email drafts (Enter to skip)",
    "topic": "One thing you talked about, for your thank-you note? (Enter to skip)",
}
DATE_QUESTION = "When was the interview? (Enter for today, or yesterday, monday, 3 days ago, YYYY-MM-DD)"
REPLY_BY_QUESTION = "When did they say you'd hear back? (friday, 3 days, 2026-12-04; Enter to skip)"
# The review step's names for the context, in the order it lists them.
CONTEXT_NAMES = {
    "company": "Company",
    "role": "Role",
    "interviewer": "Interviewer",
    "date": "Date",
    "reply_by": "You'll hear back by",
    "topic": "Topic for the thank-you note",
}
NOT_GIVEN = "(not given)"


def plain_terminal() -> bool:
    """A terminal without cursor control, where arrow-key lists cannot be drawn."""
    return os.environ.get("TERM", "") in ("dumb", "unknown")


class Ui(Protocol):
    def select(self, question: str, choices: Sequence[tuple[str, str]], default: str | None, hint: str, mark: str) -> str:
        """One of the choices' values; ``choices`` are (value, title) pairs, ``hint`` is shown wrapped already."""

    def text(self, question: str, check: Callable[[str], str | None] | None, default: str = "") -> str:
        """A line of text; Enter gives "" (or ``default``, which is shown for editing)."""

    def confirm(self, question: str) -> bool:
        """Yes or no; no unless the user says yes."""

    def say(self, text: str) -> None:
        """A line for the user, wrapped between words to the terminal."""


def width() -> int:
    """Columns of the terminal the prompts are drawn on (stderr, not stdout)."""
    try:
        columns = get_app_session().output.get_size().columns
    except Exception:  # no terminal to ask: the plain front end's guess
        columns = shutil.get_terminal_size((80, 24)).columns
    return max(columns - 1, 20)


def wrap(text: str, indent: str = "", hanging: str = "  ") -> str:
    return textwrap.fill(text, width=width(), initial_indent=indent, subsequent_indent=indent + hanging, break_long_words=True)


# -- the two front ends -------------------------------------------------------------


_END_OF_INPUT = KeyBindings()


@_END_OF_INPUT.add("c-d", eager=True)
def _end_of_input(event: KeyPressEvent) -> None:
    event.app.exit(exception=EOFError())


class Fancy:
    """questionary's prompts, each erased once answered and echoed as wrapped text."""

    def select(self, question: str, choices: Sequence[tuple[str, str]], default: str | None, hint: str, mark: str) -> str:
        prompt = questionary.select(
            question,
            qmark=mark,
            choices=[Choice(title=title, value=value) for value, title in choices],
            default=default if default in {value for value, _ in choices} else None,
            instruction="\n" + hint + "\n " if hint else " ",
        )
        value = str(_ask(prompt))
        self.say(f"{mark} {question} {dict(choices)[value]}".strip())
        return value

    def text(self, question: str, check: Callable[[str], str | None] | None, default: str = "") -> str:
        validate = (lambda typed: True if not typed.strip() else (check(typed.strip()) or True)) if check else None
        typed = str(_ask(questionary.text(question, default=default, validate=validate), ctrl_d=False))
        self.say(f"{question} {typed.strip() or '(skipped)'}")
        return typed

    def confirm(self, question: str) -> bool:
        try:
            return bool(_ask(questionary.confirm(question, default=False)))
        except EOFError:
            return False

    def say(self, text: str) -> None:
        print_formatted_text(FormattedText([("", wrap(text))]))


def _ask(question: Question, *, ctrl_d: bool = True) -> Any:
    """Ask one questionary prompt: erased when done (``Fancy`` echoes it), and
    with ``ctrl_d`` Ctrl-D ends the input (questionary's lists ignore it; a
    text prompt raises EOFError on an empty line by itself)."""
    app = question.application
    app.erase_when_done = True
    if ctrl_d:
        app.key_bindings = merge_key_bindings([app.key_bindings, _END_OF_INPUT]) if app.key_bindings else _END_OF_INPUT
    return question.unsafe_ask()


class Plain:
    """Numbered lists and plain lines of input, for a terminal without cursor control."""

    def __init__(self, read: Callable[[], str] | None = None, write: Callable[[str], None] | None = None) -> None:
        self._read = read or sys.stdin.readline
        self._write = write or sys.stderr.write

    def _line(self, prompt: str) -> str:
        self._write(prompt)
        if hasattr(sys.stderr, "flush"):
            sys.stderr.flush()
        line = self._read()
        if not line:  # end of input: Ctrl-D, on a line of its own for the message that follows
            self._write("\n")
            raise EOFError
        return line.rstrip("\r\n")

    def select(self, question: str, choices: Sequence[tuple[str, str]], default: str | None, hint: str, mark: str) -> str:
        lines = [wrap(f"{mark} {question}".strip())]
        if hint:
            lines.append(hint)
        number_width = len(str(len(choices)))
        for number, (value, title) in enumerate(choices, start=1):
            star = "*" if value == default else " "
            lines.append(wrap(f"{star}{number:>{number_width}}) {title}", indent="  ", hanging=" " * (number_width + 3)))
        self._write("\n".join(lines) + "\n")
        by_word = {value.lower(): value for value, _ in choices}
        while True:
            typed = self._line(f"Number or id{f' (Enter for {choices_number(choices, default)})' if default else ''}: ")
            word = typed.strip().lower()
            if not word and default is not None:
                return default
            if word.isdigit() and 1 <= int(word) <= len(choices):
                return choices[int(word) - 1][0]
            if word in by_word:
                return by_word[word]
            self._write(wrap(f"Type a number from 1 to {len(choices)}, or one of: {', '.join(by_word)}") + "\n")

    def text(self, question: str, check: Callable[[str], str | None] | None, default: str = "") -> str:
        shown = f" [{default}]" if default else ""
        while True:
            typed = self._line(f"{question}{shown} ").strip() or default
            problem = check(typed) if check and typed else None
            if problem is None:
                return typed
            self._write(wrap(problem) + "\n")

    def confirm(self, question: str) -> bool:
        try:
            return self._line(f"{question} [y/N] ").strip().lower() in ("y", "yes")
        except EOFError:
            return False

    def say(self, text: str) -> None:
        self._write(wrap(text) + "\n")


def choices_number(choices: Sequence[tuple[str, str]], value: str | None) -> int:
    return next(n for n, (v, _) in enumerate(choices, start=1) if v == value)


@contextmanager
def terminal_session() -> Iterator[None]:
    """Draw every prompt inside on stderr, reading keys from the terminal."""
    with create_app_session(output=create_output(stdout=sys.stderr)):
        yield


def front_end(plain: bool | None = None) -> Ui:
    return Plain() if (plain_terminal() if plain is None else plain) else Fancy()


# -- the questionnaire -----------------------------------------------------------------


def fill_in(catalog: Catalog, given: Answers, ask_date: bool, *, plain: bool | None = None) -> None:
    """Ask in the terminal for what ``given`` lacks: the context, the date, the
    missing signals, when they said you'd hear back; then the review step,
    where any of it can be changed."""
    today = followup.today()

    def check(field: str, text: str) -> str | None:
        """What is wrong with a typed day, in the words of the date options (followup.parse_day)."""
        try:
            if field == "date":
                followup.interview_day(text, today, "date")
            elif field == "reply_by":
                followup.parse_reply_by(text, followup.interview_day(given.context["date"], today, "date"))
        except InputError as exc:
            return str(exc).split(": ", 1)[-1]
        return None

    ui = front_end(plain)
    with terminal_session():
        given.context.update(ask_text([(f, q) for f, q in TEXT_QUESTIONS.items() if f not in given.context], ui=ui))
        if ask_date:
            typed = ask_text([("date", DATE_QUESTION)], validate=check, ui=ui).get("date")
            if typed:
                given.context["date"] = followup.interview_day(typed, today, "date").isoformat()
        given.answers = questionnaire(catalog, given.answers, context=given.context, check=check, ui=ui)
        if "date" in given.context:
            given.context["date"] = followup.interview_day(given.context["date"], today, "date").isoformat()


def ask_text(questions: Sequence[TextQuestion], validate: Check | None = None, *, ui: Ui | None = None) -> dict[str, str]:
    """Ask optional free-text questions; Enter skips one, Ctrl-D ends the input
    (EOFError). ``validate(field, text)`` returns an error message or None."""
    ui = ui or Fancy()
    given: dict[str, str] = {}
    for field, question in questions:
        check = (lambda text, f=field: validate(f, text)) if validate else None
        text = ui.text(question, check)
        if text.strip():
            given[field] = text.strip()
    return given


def confirm(question: str, *, plain: bool | None = None) -> bool:
    """A yes/no question whose answer is no unless the user says yes (Ctrl-D too is a no)."""
    return front_end(plain).confirm(question)


def default_answer(signal: Signal) -> str:
    """Where the cursor starts: the neutral answer (the middle one where none
    reads neutral), so pressing Enter through says "nothing special happened"."""
    neutral = [a.id for a in signal.answers if a.reading == "neutral"]
    return neutral[0] if neutral else signal.answers[len(signal.answers) // 2].id


def ask_signal(catalog: Catalog, signal: Signal, number: int, default: str | None = None, *, ui: Ui | None = None) -> str:
    choices = [(a.id, a.label) for a in signal.answers]
    choices += [(extra, catalog.non_answer_labels[extra]) for extra in signal.answer_ids[len(signal.answers) :]]
    start = default if default in signal.answer_ids else default_answer(signal)
    hint = wrap(signal.hint, indent="  ", hanging="")
    return (ui or Fancy()).select(signal.question, choices, start, hint, f"{number}/{len(catalog.signals)}")


def questionnaire(
    catalog: Catalog,
    known: Mapping[str, str],
    *,
    context: dict[str, str] | None = None,
    check: Check | None = None,
    review_step: bool = True,
    ui: Ui | None = None,
) -> dict[str, str]:
    """Ask every signal not in ``known`` and, when the next steps are concrete
    and ``context`` is given, when they said you'd hear back; then offer the
    review step, where ``context`` (edited in place) can be changed too.

    Returns answers for every signal. Raises KeyboardInterrupt on Ctrl-C and
    EOFError when the input ends.
    """
    ui = ui or Fancy()
    answers = dict(known)
    for number, signal in enumerate(catalog.signals, start=1):
        if signal.id not in answers:
            answers[signal.id] = ask_signal(catalog, signal, number, ui=ui)
    asked: set[str] = set()  # the hear-back question is asked once; the review step changes it
    _ask_reply_by(answers, context, check, ui, asked)
    while review_step:
        choice = review(catalog, answers, context, ui=ui)
        if choice == DONE:
            break
        if choice == RESTART:
            answers = {s.id: ask_signal(catalog, s, n, ui=ui) for n, s in enumerate(catalog.signals, start=1)}
            _ask_reply_by(answers, context, check, ui, asked)
        elif context is not None and choice in CONTEXT_NAMES:
            _change_context(context, choice, check, ui)
        else:
            number, signal = next((n, s) for n, s in enumerate(catalog.signals, start=1) if s.id == choice)
            answers[signal.id] = ask_signal(catalog, signal, number, default=answers.get(signal.id), ui=ui)
            _ask_reply_by(answers, context, check, ui, asked)
    return answers


def _ask_reply_by(
    answers: Mapping[str, str], context: dict[str, str] | None, check: Check | None, ui: Ui, asked: set[str]
) -> None:
    """With concrete next steps, ask once when they said you'd hear back."""
    if context is not None and answers.get("next_steps") == "concrete" and "reply_by" not in context | dict.fromkeys(asked):
        context.update(ask_text([("reply_by", REPLY_BY_QUESTION)], validate=check, ui=ui))
        asked.add("reply_by")


def _change_context(context: dict[str, str], field: str, check: Check | None, ui: Ui) -> None:
    question = DATE_QUESTION if field == "date" else REPLY_BY_QUESTION if field == "reply_by" else TEXT_QUESTIONS[field]
    validate = (lambda text: check(field, text)) if check and field in ("date", "reply_by") else None
    typed = ui.text(question, validate, default=context.get(field, "")).strip()
    if typed:
        context[field] = typed
    elif field != "date":  # a cleared date stays what it was: every interview has one
        context.pop(field, None)


def review_rows(catalog: Catalog, answers: Mapping[str, str], context: Mapping[str, str] | None) -> list[tuple[str, str, str]]:
    """What the review step lists: (value to change it, name, current answer)."""
    rows: list[tuple[str, str, str]] = []
    if context is not None:
        for field, name in CONTEXT_NAMES.items():
            if field == "reply_by" and answers.get("next_steps") != "concrete":
                continue
            value = context.get(field) or ""
            shown = _day(value) if field == "date" and value else one_line(value) if value else NOT_GIVEN
            rows.append((field, name, shown))
    for signal in catalog.signals:
        rows.append((signal.id, signal.title, catalog.answer_label(signal, answers.get(signal.id))))
    return rows


def review(
    catalog: Catalog, answers: Mapping[str, str], context: Mapping[str, str] | None = None, *, ui: Ui | None = None
) -> str:
    """Show everything; return DONE, RESTART, or the field or signal id to change.

    The answers are listed in full, wrapped between words, above the list of
    what can be changed (shown while choosing, erased afterwards, so after a
    change only the current answers are on screen)."""
    rows = review_rows(catalog, answers, context)
    listing = "\n".join(wrap(f"{name}: {shown}", indent="  ", hanging="    ") for _, name, shown in rows)
    choices = [(DONE, "Looks right: show my report")]
    choices += [(value, f"Change: {name}") for value, name, _ in rows]
    choices.append((RESTART, "Start over"))
    return (ui or Fancy()).select("Your answers. Pick one to change it, or go on:", choices, DONE, listing, "")


def _day(iso: str) -> str:
    try:
        return followup.display_date(followup.parse_date(iso, "date"))
    except InputError:
        return one_line(iso)
