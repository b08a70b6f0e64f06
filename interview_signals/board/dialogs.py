"""The board's small screens: a line of text to type (a day, a note, a filter), a choice from a list (the
outcome), and a page to read (the keys, a draft, the detail on a narrow terminal). Escape closes each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class Ask(ModalScreen[str | None]):
    """One line to type: Enter gives it, Escape gives None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, hint: str = "", value: str = "") -> None:
        super().__init__()
        self.question, self.hint, self.value = question, hint, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"))
            yield Input(value=self.value, id="answer")
            yield Static(Text(self.hint + ("\n" if self.hint else "") + "Enter to confirm, Escape to cancel", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(ModalScreen[str | None]):
    """A choice from a list: Enter gives the chosen id, Escape gives None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, question: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"))
            yield OptionList(*(Option(Text(label), id=ident) for ident, label in self.choices), id="choices")
            yield Static(Text("Enter to choose, Escape to cancel", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)


class Page(ModalScreen[None]):
    """A page to read and scroll (arrows, j/k, Page Up/Down); Escape or q closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("j", "down", show=False),
        Binding("k", "up", show=False),
    ]

    def __init__(self, content: RenderableType, extra: Iterable[Binding] = ()) -> None:
        super().__init__()
        self.content = content

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="page", id="page"):
            yield Static(self.content, id="page-body")
        yield Static(Text("Escape closes", style="dim"), classes="page-foot")

    def action_down(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_down(animate=False)

    def action_up(self) -> None:
        self.query_one("#page", VerticalScroll).scroll_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
