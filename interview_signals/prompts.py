"""Ask the questionnaire in a terminal. The only module that imports questionary
and prompt_toolkit.

Questions come from the catalog; this module only turns them into prompts,
through one of two front ends with the same four verbs (``Ui``):

* ``Fancy``: arrow-key lists and lines of input for any terminal with cursor
  control, each a small prompt_toolkit application that questionary's
  ``Question`` asks (questionary's own prompts draw each choice as one line
  at the width it started with, so they cannot wrap it as the terminal is). Every line (question, hint, each
  choice, an error) is wrapped between words at each redraw, from the width
  the terminal has then, with continuation lines indented under their text;
  so a resized terminal is redrawn to fit, and nothing is cut short. A list
  taller than the screen shows a window of it that follows the cursor. Each
  prompt is erased once answered and echoed back as wrapped text.
* ``Plain``: numbered lists read as a line of input (type the number or the
  id shown beside it), for ``TERM=dumb`` (Emacs shell buffers, some
  consoles): no escape codes at all.

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
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from prompt_toolkit import print_formatted_text
from prompt_toolkit.application import Application, create_app_session, get_app
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import HSplit, Layout, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.output import create_output
from prompt_toolkit.styles import Style
from prompt_toolkit.validation import ValidationError, Validator

from interview_signals import followup, questions
from interview_signals.answers import Answers
from interview_signals.catalog import Catalog, Signal
from interview_signals.errors import InputError
from interview_signals.questions import (
    CONTEXT_NAMES,
    DATE_QUESTION,
    LOOKS_RIGHT,
    REPLY_BY_QUESTION,
    REVIEW_QUESTION,
    START_OVER,
    TEXT_QUESTIONS,
    THIS_TIME_QUESTION,
    default_answer,
    fixed_company,
    review_rows,
    too_early,
)
from interview_signals.text import clip, did_you_mean

if TYPE_CHECKING:
    from interview_signals.commands.rounds import Following, RoundPrompt

T = TypeVar("T")

# The review step's own choices: never shown, never typed (only their titles are).
DONE = "__done__"
RESTART = "__restart__"
INTERNAL = (DONE, RESTART)

# An optional free-text question: (context field, question shown). Later
# questions may depend on earlier answers, so callers pass them in order.
TextQuestion = tuple[str, str]
# A check of typed text: (field, text) -> an error message, or None when it is fine.
Check = Callable[[str, str], str | None]
Echo = Callable[[str], str] | None  # typed text as the answered prompt says it back ("" for "(skipped)")


def plain_terminal() -> bool:
    """A terminal without cursor control, where arrow-key lists cannot be drawn."""
    return os.environ.get("TERM", "") in ("dumb", "unknown")


class Ui(Protocol):
    def select(self, question: str, choices: Sequence[tuple[str, str]], default: str | None, hint: str, mark: str) -> str:
        """One of the choices' values; ``choices`` are (value, title) pairs, ``hint`` is plain text
        that the front end wraps, ``mark`` numbers a question ("3/9"; none for the review)."""

    def text(self, question: str, check: Callable[[str], str | None] | None, default: str = "", echo: Echo = None) -> str:
        """A line of text; Enter gives "" (or ``default``, which is shown for editing). ``echo``, what was typed as said back."""

    def confirm(self, question: str) -> bool:
        """Yes or no; no unless the user says yes."""

    def say(self, text: str) -> None:
        """A line for the user, wrapped between words to the terminal."""


def width() -> int:
    """Columns to fill on the terminal the prompts are drawn on (stderr, not stdout):
    one less than it has, so a full line never makes the terminal wrap by itself."""
    try:
        columns = get_app_session().output.get_size().columns
    except Exception:  # no terminal to ask: the plain front end's guess
        columns = shutil.get_terminal_size((80, 24)).columns
    return max(columns - 1, 20)


def wrap(text: str, indent: str = "", hanging: str = "  ", columns: int | None = None) -> str:
    return "\n".join(wrap_lines(text, columns or width(), indent, hanging))


def wrap_lines(text: str, columns: int, indent: str = "", hanging: str = "  ") -> list[str]:
    """``text`` broken between words into lines of at most ``columns`` characters;
    continuation lines start with ``indent + hanging``. A word longer than a line is split."""
    return textwrap.wrap(
        text, width=max(columns, 10), initial_indent=indent, subsequent_indent=indent + hanging, break_on_hyphens=False
    ) or [indent]


# -- drawing a list to fit the screen ------------------------------------------------

POINTER, UNPOINTED = " » ", "   "
STYLE = Style.from_dict(
    {
        "question": "bold",
        "pointer": "fg:ansicyan bold",
        "selected": "bold",
        "more": "italic",
        "error": "fg:ansired",
    }
)


def list_lines(
    question: str, hint: str, titles: Sequence[str], at: int, columns: int, rows: int, top: int = 0
) -> tuple[list[tuple[str, str]], int]:
    """A list question drawn for a screen of ``columns`` by ``rows``: the lines
    as (style, text) pairs, and the first line of the choices shown.

    Everything is wrapped between words. When it all fits in ``rows - 1``
    lines it is all shown; otherwise the compact form: the question without
    its hint, and a window of the choices that holds the one at ``at`` whole
    (moved as little as possible from ``top``, where the last drawing left it),
    with a line above and below saying what more there is."""
    head = [("class:question", line) for line in wrap_lines(question, columns)]
    told = [("", line) for line in wrap_lines(hint, columns, "  ", "")] + [("", "")] if hint else []
    body: list[tuple[str, str]] = []
    spans: list[tuple[int, int]] = []
    for number, title in enumerate(titles):
        first = len(body)
        for n, line in enumerate(wrap_lines(title, columns - len(POINTER), "", "")):
            if number != at:
                body.append(("", UNPOINTED + line))
            else:  # the pointer on its first line, drawn in its own colour (_formatted)
                body.append(("class:pointer" if n == 0 else "class:selected", (POINTER if n == 0 else UNPOINTED) + line))
        spans.append((first, len(body)))
    room = max(rows - 1, 3)
    if len(head) + len(told) + len(body) <= room:
        return head + told + body, 0
    shown = max(room - len(head) - 2, 1)
    start, end = spans[at]
    if start < top:
        top = start
    elif end > top + shown:
        top = max(end - shown, 0) if end - start <= shown else start
    top = min(top, max(len(body) - shown, 0))
    above = f"{UNPOINTED}↑ {top} more line{'s' * (top != 1)}" if top else ""
    left = len(body) - top - shown
    below = f"{UNPOINTED}↓ {left} more line{'s' * (left != 1)}" if left > 0 else ""
    return head + [("class:more", above)] + body[top : top + shown] + [("class:more", below)], top


def _formatted(lines: Sequence[tuple[str, str]]) -> StyleAndTextTuples:
    out: StyleAndTextTuples = []
    for n, (style, line) in enumerate(lines):
        if style == "class:pointer":  # the pointer in its colour, the text as selected
            out += [("class:pointer", POINTER), ("class:selected", line[len(POINTER) :])]
        else:
            out.append((style, line))
        if n < len(lines) - 1:
            out.append(("", "\n"))
    return out


def _screen() -> tuple[int, int]:
    size = get_app().output.get_size()
    return max(size.columns - 1, 20), size.rows


def _ask(app: Application[T]) -> T:
    """Run one prompt as questionary asks a question: Ctrl-C and Ctrl-D come out as exceptions (unsafe_ask)."""
    import questionary

    return cast(T, questionary.Question(app).unsafe_ask())  # questionary types its answer as Any


def _keys() -> KeyBindings:
    """Ctrl-C interrupts and Ctrl-D ends the input, in every prompt."""
    keys = KeyBindings()

    @keys.add("c-c", eager=True)
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt())

    return keys


# -- the two front ends -------------------------------------------------------------


class Fancy:
    """Prompts drawn with prompt_toolkit, each erased once answered and echoed as wrapped text."""

    def select(self, question: str, choices: Sequence[tuple[str, str]], default: str | None, hint: str, mark: str) -> str:
        values = [value for value, _ in choices]
        titles = [title for _, title in choices]
        state = {"at": values.index(default) if default in values else 0, "top": 0}
        asked = f"{mark} {question}".strip()

        def draw() -> StyleAndTextTuples:
            columns, rows = _screen()
            lines, state["top"] = list_lines(asked, hint, titles, state["at"], columns, rows, state["top"])
            return _formatted(lines)

        keys = _keys()

        @keys.add("c-d", eager=True)
        def _end(event: KeyPressEvent) -> None:
            event.app.exit(exception=EOFError())

        @keys.add("up")
        @keys.add("k")
        @keys.add("c-p")
        def _up(event: KeyPressEvent) -> None:
            state["at"] = (state["at"] - 1) % len(values)

        @keys.add("down")
        @keys.add("j")
        @keys.add("c-n")
        def _down(event: KeyPressEvent) -> None:
            state["at"] = (state["at"] + 1) % len(values)

        @keys.add("home")
        def _first(event: KeyPressEvent) -> None:
            state["at"] = 0

        @keys.add("end")
        def _last(event: KeyPressEvent) -> None:
            state["at"] = len(values) - 1

        @keys.add("enter")
        def _pick(event: KeyPressEvent) -> None:
            event.app.exit(result=values[state["at"]])

        window = Window(FormattedTextControl(draw, show_cursor=False), dont_extend_height=True, always_hide_cursor=True)
        app: Application[str] = Application(
            layout=Layout(window), key_bindings=keys, style=STYLE, erase_when_done=True, mouse_support=False
        )
        value = _ask(app)
        if mark:  # a numbered question is echoed; the review is drawn afresh each time
            self.say(f"{asked} {dict(choices)[value]}")
        return value

    def text(self, question: str, check: Callable[[str], str | None] | None, default: str = "", echo: Echo = None) -> str:
        def valid(document: Document) -> None:
            typed = document.text.strip()
            problem = check(typed) if check and typed else None
            if problem:
                raise ValidationError(cursor_position=len(document.text), message=problem)

        def accept(typed: Buffer) -> bool:
            get_app().exit(result=typed.text)
            return True  # keep the text on screen until the prompt is erased

        buffer = Buffer(
            document=Document(default, len(default)),
            multiline=False,
            validator=_Checked(valid) if check else None,
            accept_handler=accept,
        )

        def asked() -> StyleAndTextTuples:
            return _formatted([("class:question", line) for line in wrap_lines(question, _screen()[0])])

        def error() -> StyleAndTextTuples:
            problem = buffer.validation_error
            return (
                _formatted([("class:error", line) for line in wrap_lines(problem.message, _screen()[0], "  ")]) if problem else []
            )

        keys = _keys()

        @keys.add("c-d", filter=Condition(lambda: not buffer.text), eager=True)
        def _end(event: KeyPressEvent) -> None:
            event.app.exit(exception=EOFError())

        layout = HSplit(
            [
                Window(FormattedTextControl(asked, show_cursor=False), dont_extend_height=True),
                Window(BufferControl(buffer, input_processors=[BeforeInput("› ")]), dont_extend_height=True, wrap_lines=True),
                Window(FormattedTextControl(error, show_cursor=False), dont_extend_height=True),
            ]
        )
        app: Application[str] = Application(layout=Layout(layout), key_bindings=keys, style=STYLE, erase_when_done=True)
        typed = _ask(app)
        self.say(f"{question} {(echo or str.strip)(typed) or '(skipped)'}")
        return typed

    def confirm(self, question: str) -> bool:
        def asked() -> StyleAndTextTuples:
            return _formatted([("class:question", line) for line in wrap_lines(f"{question} (y/N)", _screen()[0])])

        keys = _keys()
        for key, answer in (("y", True), ("Y", True), ("n", False), ("N", False), ("enter", False), ("c-d", False)):
            keys.add(key, eager=True)(lambda event, answer=answer: event.app.exit(result=answer))
        window = Window(FormattedTextControl(asked, show_cursor=False), dont_extend_height=True)
        app: Application[bool] = Application(layout=Layout(window), key_bindings=keys, style=STYLE, erase_when_done=True)
        answer = bool(_ask(app))
        self.say(f"{question} {'Yes' if answer else 'No'}")
        return answer

    def say(self, text: str) -> None:
        print_formatted_text(FormattedText([("", wrap(text))]))


class _Checked(Validator):
    def __init__(self, check: Callable[[Document], None]) -> None:
        self._check = check

    def validate(self, document: Document) -> None:
        self._check(document)


class Plain:
    """Numbered lists and plain lines of input, for a terminal without cursor control."""

    def __init__(self, read: Callable[[], str] | None = None, write: Callable[[str], None] | None = None) -> None:
        self._read = read or sys.stdin.readline
        self._write = write or sys.stderr.write

    def _line(self, prompt: str) -> str:
        """A line typed after ``prompt``, which is wrapped: its last line stays open for the typing."""
        *above, last = wrap(prompt.rstrip()).split("\n")
        self._write("".join(line + "\n" for line in above) + last + " ")
        if hasattr(sys.stderr, "flush"):
            sys.stderr.flush()
        line = self._read()
        if not line:  # end of input: Ctrl-D, on a line of its own for the message that follows
            self._write("\n")
            raise EOFError
        return line.rstrip("\r\n")

    def select(self, question: str, choices: Sequence[tuple[str, str]], default: str | None, hint: str, mark: str) -> str:
        default = DONE if DONE in dict(choices) else default  # the review: Enter accepts it, as its prompt says
        lines = [wrap(f"{mark} {question}".strip())]
        if hint:
            lines.append(wrap(hint, indent="  ", hanging=""))
        number_width = len(str(len(choices)))
        for number, (value, title) in enumerate(choices, start=1):
            star = "*" if value == default else " "
            shown = title if value in INTERNAL else f"{value} · {title}"
            lines.append(wrap(f"{star}{number:>{number_width}}) {shown}", indent="  ", hanging=" " * (number_width + 3)))
        self._write("\n".join(lines) + "\n")
        by_word = {value.lower(): value for value, _ in choices if value not in INTERNAL}
        at = next((n for n, (value, _) in enumerate(choices, start=1) if value == default), 0)
        told = f" (Enter for {at}{f': {choices[at - 1][1].lower()}' if default == DONE else ''})" if at else ""
        while True:
            typed = self._line(f"Number or id{told}:")
            word = typed.strip().lower()
            if not word and default is not None:
                return default
            if word.isdigit() and 1 <= int(word) <= len(choices):
                return choices[int(word) - 1][0]
            if word in by_word:
                return by_word[word]
            near = did_you_mean(word, tuple(by_word)) if word and not word.isdigit() else ""
            said = f"'{clip(typed.strip())}' is not in the list{near}. " if word else ""
            ids = ", or the id after it" if by_word else ""
            self._write(wrap(f"{said}Type a number from 1 to {len(choices)}{ids}.") + "\n")

    def text(self, question: str, check: Callable[[str], str | None] | None, default: str = "", echo: Echo = None) -> str:
        shown = f" [{default}]" if default else ""
        while True:
            typed = self._line(f"{question}{shown}").strip() or default
            problem = check(typed) if check and typed else None
            if problem is None:
                return typed
            self._write(wrap(problem) + "\n")

    def confirm(self, question: str) -> bool:
        while True:
            try:
                typed = self._line(f"{question} [y/N]").strip()
            except EOFError:
                return False
            if typed.lower() in ("", "y", "yes", "n", "no"):
                return typed.lower() in ("y", "yes")
            near = did_you_mean(typed, ("yes", "no"))
            self._write(wrap(f"'{clip(typed)}'{near} is not an answer here: type yes or no (Enter for no).") + "\n")

    def say(self, text: str) -> None:
        self._write(wrap(text) + "\n")


@contextmanager
def terminal_session() -> Iterator[None]:
    """Draw every prompt inside on stderr, reading keys from the terminal."""
    with create_app_session(output=create_output(stdout=sys.stderr)):
        yield


def front_end(plain: bool | None = None) -> Ui:
    return Plain() if (plain_terminal() if plain is None else plain) else Fancy()


# -- the questionnaire -----------------------------------------------------------------


def fill_in(
    catalog: Catalog, given: Answers, ask_date: bool, rounds: RoundPrompt | None = None, *, plain: bool | None = None
) -> None:
    """Ask in the terminal for what ``given`` lacks: the context, the date, the
    missing signals, when they said you'd hear back; then the review step,
    where any of it can be changed, but for a round's company (see ``rounds``)."""
    today = followup.today()
    joined: list[Following] = [rounds.joined] if rounds is not None and rounds.joined is not None else []

    def check(field: str, text: str) -> str | None:
        """What is wrong with a typed day, in the words of the date options (followup.parse_day)."""
        try:
            if field == "date":
                day = followup.interview_day(text, today, "date")
                if joined and day.isoformat() < joined[0].date:
                    return too_early(joined[0])
            elif field == "reply_by":
                followup.parse_reply_by(text, followup.interview_day(given.context["date"], today, "date"))
        except InputError as exc:
            return str(exc).split(": ", 1)[-1]
        return None

    ui = front_end(plain)
    with terminal_session():
        _ask_context(given, rounds, joined, ui)
        if ask_date:
            typed = ui.text(DATE_QUESTION, lambda t: check("date", t), echo=lambda t: questions.said_day(t, today)).strip()
            if typed:  # kept as typed, so the review shows the word beside its day; made a date below
                given.context["date"] = typed
        fixed = {"company": fixed_company(joined[0])} if joined else {}
        given.answers = questionnaire(catalog, given.answers, context=given.context, check=check, ui=ui, fixed=fixed)
        if "date" in given.context:
            given.context["date"] = followup.interview_day(given.context["date"], today, "date").isoformat()


def _ask_context(given: Answers, rounds: RoundPrompt | None, joined: list[Following], ui: Ui) -> None:
    """Ask the company, role, interviewer and topic not given. A company typed
    that has an open application is offered as another round of it (a yes
    fills the role, and joins ``joined``); a round's interviewer is asked
    again, with last round's as the default."""
    for field, question in TEXT_QUESTIONS.items():
        if field == "interviewer" and joined and joined[0].interviewer:
            if field not in given.context or (rounds is not None and rounds.ask_interviewer):
                typed = ui.text(THIS_TIME_QUESTION, None, default=joined[0].interviewer).strip()
                given.context[field] = typed or joined[0].interviewer
            continue
        if field in given.context:
            continue
        typed = ui.text(question, None).strip()
        if typed:
            given.context[field] = typed
        if field == "company" and typed and rounds is not None and rounds.offer is not None and not joined:
            found = rounds.offer(typed, ui.confirm)
            if found is not None:
                joined.append(found)
                given.context["company"] = found.company or typed
                if found.role and "role" not in given.context:
                    given.context["role"] = found.role


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


def ask_signal(catalog: Catalog, signal: Signal, number: int, default: str | None = None, *, ui: Ui | None = None) -> str:
    choices = [(a.id, a.label) for a in signal.answers]
    choices += [(extra, catalog.non_answer_labels[extra]) for extra in signal.answer_ids[len(signal.answers) :]]
    start = default if default in signal.answer_ids else default_answer(signal)
    return (ui or Fancy()).select(signal.question, choices, start, signal.hint, f"{number}/{len(catalog.signals)}")


def questionnaire(
    catalog: Catalog,
    known: Mapping[str, str],
    *,
    context: dict[str, str] | None = None,
    check: Check | None = None,
    review_step: bool = True,
    ui: Ui | None = None,
    fixed: Mapping[str, tuple[str, str]] | None = None,
) -> dict[str, str]:
    """Ask every signal not in ``known`` and, when the next steps are concrete
    and ``context`` is given, when they said you'd hear back; then offer the
    review step, where ``context`` (edited in place) can be changed too, but
    for the fields ``fixed`` names: (what their line adds, what picking it says).

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
    choice = DONE
    while review_step:
        choice = review(catalog, answers, context, ui=ui, at=choice if choice != RESTART else DONE, fixed=fixed)
        if choice == DONE:
            break
        if fixed and choice in fixed:
            ui.say(fixed[choice][1])
            continue
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


def review(
    catalog: Catalog,
    answers: Mapping[str, str],
    context: Mapping[str, str] | None = None,
    *,
    ui: Ui | None = None,
    at: str = DONE,
    fixed: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """Show everything; return DONE, RESTART, or the field or signal id to change.

    The review is the list itself: one line per answer ("Feel of the
    conversation: Warm: …"), which picked changes it, under "Looks right";
    the cursor starts on ``at`` (after a change, the line just changed)."""
    choices = [(DONE, LOOKS_RIGHT)]
    fixed = fixed or {}
    choices += [
        (value, f"{name}: {shown}" + (f" ({fixed[value][0]})" if value in fixed else ""))
        for value, name, shown in review_rows(catalog, answers, context)
    ]
    choices.append((RESTART, START_OVER))
    return (ui or Fancy()).select(REVIEW_QUESTION, choices, at, "", "")
