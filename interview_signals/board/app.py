"""`interview-signals board`: the App, its layout and its keys.

Each key's change is the commands package's own function, in a Session of its own (data.py), saved at
once; ``u`` takes back the last one made here. The list is read again after every change, on ``r``, and
every minute, so a change made in another terminal shows up.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, OptionList, Static

from interview_signals import application, followup, outcomes, output, words
from interview_signals.board import data
from interview_signals.board.dialogs import Ask, Choose, Page
from interview_signals.board.panes import Detail, Pipeline, detail_text, shown
from interview_signals.errors import InputError, SignalsError

NARROW_BELOW = 80  # columns: under this the detail has a screen of its own
REFRESH_SECONDS = 60
CLEAR = "clear"  # the outcome dialog's choice that removes the outcome

# Every key, as `?` and the README list them.
KEYS = (
    ("↑ ↓  j k", "move"),
    ("Enter", "open the detail (on a group's heading: fold or unfold it)"),
    ("s", "record the next action as sent today"),
    ("z", "snooze the next action until a day you give"),
    ("o", "set or clear the outcome"),
    ("n", "add a note"),
    ("d", "show the draft of the next action's email"),
    ("c", "copy that draft to the clipboard"),
    ("a", "the questionnaire: for the booked round, or a new interview"),
    ("/", "filter by company or role"),
    ("u", "undo the last change made on the board"),
    ("r", "read the history again (also every minute)"),
    ("?", "these keys"),
    ("q", "quit"),
)


def questionnaire(argv: list[str]) -> None:
    """Run the terminal questionnaire (`interview-signals assess ...`) as its own process."""
    subprocess.run([sys.executable, "-m", "interview_signals", *argv], check=False)
    output.write("\nPress Enter to go back to the board.")  # the report stays on screen until read
    try:
        sys.stdin.readline()
    except (OSError, ValueError):  # standard input closed: nothing to wait for
        pass


class Board(App[None]):
    TITLE = "interview-signals board"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #pipeline { width: 1fr; height: 1fr; border: none; }
    #detail { width: 1fr; height: 1fr; border-left: solid $secondary; padding: 0 1; }
    Board.narrow #detail { display: none; }
    #status { height: 1; padding: 0 1; }
    .dialog { width: 90%; max-width: 70; height: auto; border: solid $accent; background: $panel; padding: 0 1; }
    Ask, Choose { align: center middle; }
    #choices { height: auto; max-height: 12; }
    .page { height: 1fr; padding: 0 1; }
    .page-foot { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("s", "sent", "sent"),
        Binding("z", "snooze", "snooze"),
        Binding("o", "outcome", "outcome"),
        Binding("n", "note", "note"),
        Binding("d", "draft", "draft"),
        Binding("c", "copy", "copy", show=False),
        Binding("a", "assess", "assess", show=False),
        Binding("slash", "filter", "filter", key_display="/"),
        Binding("u", "undo", "undo"),
        Binding("r", "reload", "refresh", show=False),
        Binding("question_mark", "keys", "keys", key_display="?"),
        Binding("q", "quit", "quit"),
        Binding("ctrl+c", "quit", "quit", show=False, priority=True),
    ]

    def __init__(self, db: str | None = None, today: Callable[[], dt.date] | None = None) -> None:
        super().__init__()
        self.db = db
        self.today = today or followup.today
        self.filter_words = ""
        self.undo_stack: list[data.Change] = []
        self.run_questionnaire = questionnaire
        self.first_load = True
        self.status = ""  # what the status line says

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Pipeline(id="pipeline")
            yield Detail(id="detail")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.set_class(self.size.width < NARROW_BELOW, "narrow")
        self.action_reload()
        self.set_interval(REFRESH_SECONDS, self.action_reload)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "narrow")

    @property
    def pipeline(self) -> Pipeline:
        return self.query_one(Pipeline)

    def say(self, message: str, error: bool = False) -> None:
        """A line under the list: what a key did, or why it could not."""
        self.status = message
        self.query_one("#status", Static).update(Text(message, style="bold red" if error else ""))

    def guarded(self, step: Callable[[], Any]) -> Any:
        """``step``, with a refusal said on the status line instead of a traceback."""
        try:
            return step()
        except (InputError, SignalsError) as exc:
            self.say(str(exc), error=True)
            return None

    # -- reading -------------------------------------------------------------------------------------------

    def action_reload(self) -> None:
        found = self.guarded(lambda: data.rows(self.db, self.today()))
        if found is None:
            return
        listed = [row for row in found if data.matches(row, self.filter_words)]
        selected = self.pipeline.selected_row()
        keep = selected.app.id if selected is not None else None
        if self.first_load:
            urgent = data.most_urgent(listed)
            keep, self.first_load = (urgent.app.id if urgent else None), False
        self.pipeline.show_rows(listed, keep)
        self.sub_title = f"{len(listed)} of {len(found)} applications" if self.filter_words else f"{len(found)} applications"
        if not found:
            self.say("No applications yet. Press a for the questionnaire after your next interview.")
        self.show_detail()

    def show_detail(self) -> None:
        if self.has_class("narrow"):
            return
        row = self.pipeline.selected_row()
        if row is None:
            return
        doc = self.guarded(lambda: data.detail(self.db, row.app.id, self.today()))
        if doc is not None:
            self.query_one(Detail).show(detail_text(doc))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.pipeline:
            self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is not self.pipeline:
            return
        group, more = self.pipeline.selected_group(), self.pipeline.selected_more()
        if group is not None:
            self.pipeline.folded ^= {group}
        if more is not None:
            self.pipeline.limits[more] = None
        if group is not None or more is not None:
            self.action_reload()
            return
        row = self.pipeline.selected_row()
        if row is None:
            return
        doc = self.guarded(lambda: data.detail(self.db, row.app.id, self.today()))
        if doc is None:
            return
        if self.has_class("narrow"):
            self.push_screen(Page(detail_text(doc)))
        else:
            self.query_one(Detail).show(detail_text(doc))
            self.query_one(Detail).focus()

    def current(self) -> tuple[data.Row, dict[str, Any]] | None:
        """The selected application and its story; None, said, when the cursor is on no application."""
        row = self.pipeline.selected_row()
        if row is None:
            self.say("Move the cursor onto an application first.", error=True)
            return None
        doc = self.guarded(lambda: data.detail(self.db, row.app.id, self.today()))
        return None if doc is None else (row, doc)

    def changed(self, change: data.Change | None) -> None:
        """A change made: kept for undo, said, and the board read again."""
        if change is None:
            return
        self.undo_stack.append(change)
        self.say(change.said + " (u undoes it)")
        self.action_reload()

    # -- the keys ------------------------------------------------------------------------------------------

    def next_email(self) -> tuple[int, str] | None:
        """The selected application's latest round and the email its next action is; None, said, when there is none."""
        found = self.current()
        if found is None:
            return None
        row, doc = found
        action = row.app.next_action
        round_id = data.latest_round(doc)
        if action is not None and action.action == application.INTERVIEW:
            self.say(f"#{row.app.id}'s next step is the interview itself: press a to assess it.", error=True)
            return None
        if action is None or not row.app.is_open or round_id is None:
            self.say(f"#{row.app.id} has nothing next to send.", error=True)
            return None
        if action.action not in words.SENDABLE:
            self.say(f"#{row.app.id}: no reply after two follow-ups; o records it as ghosted.", error=True)
            return None
        return round_id, action.action

    def action_sent(self) -> None:
        found = self.next_email()
        if found is not None:
            self.changed(self.guarded(lambda: data.record_sent(self.db, *found)))

    def action_snooze(self) -> None:
        found = self.current()
        if found is None:
            return
        round_id = data.latest_round(found[1])
        if round_id is None or not found[0].app.is_open:
            self.say(f"#{found[0].app.id} has no next action to snooze.", error=True)
            return

        def done(until: str | None) -> None:
            if until:
                assert round_id is not None
                self.changed(self.guarded(lambda: data.snooze(self.db, round_id, until)))

        hint = f"{followup.DAY_FORMS[followup.FUTURE]}"
        self.push_screen(Ask(f"Snooze #{round_id} until which day?", hint), done)

    def action_outcome(self) -> None:
        found = self.current()
        if found is None:
            return
        row, doc = found
        choices = [(word, word) for word in outcomes.ALL]
        if doc["outcome"]:
            choices.append((CLEAR, f"clear it (now {doc['outcome']})"))

        def done(word: str | None) -> None:
            if word == CLEAR:
                self.changed(self.guarded(lambda: data.clear_outcome(self.db, row.app.id)))
            elif word:
                before = (doc["outcome"], doc.get("outcome_note"))
                self.changed(self.guarded(lambda: data.set_outcome(self.db, row.app.id, word, before)))

        self.push_screen(Choose(f"The outcome of #{row.app.id}", choices), done)

    def action_note(self) -> None:
        found = self.current()
        if found is None:
            return
        row, doc = found
        round_id = data.latest_round(doc) or data.booked_round(doc) or row.app.id

        def done(text: str | None) -> None:
            if text and text.strip():
                self.changed(self.guarded(lambda: data.add_note(self.db, round_id, text)))

        self.push_screen(Ask(f"A note on #{round_id} (today)"), done)

    def the_draft(self) -> str | None:
        found = self.next_email()
        if found is None:
            return None
        made = self.guarded(lambda: data.draft(self.db, *found))
        return None if made is None else str(made.text())

    def action_draft(self) -> None:
        text = self.the_draft()
        if text is not None:
            self.push_screen(Page(Text(shown_block(text))))

    def action_copy(self) -> None:
        text = self.the_draft()
        if text is None:
            return
        self.copy_to_clipboard(text)
        self.say(
            "Sent the draft to the clipboard through the terminal; if it is not there, your terminal does not allow it: d shows it."
        )

    def action_assess(self) -> None:
        row = self.pipeline.selected_row()
        argv = ["assess"] + (["--db", self.db] if self.db else [])
        if row is not None and row.app.stage == application.SCHEDULED:
            doc = self.guarded(lambda: data.detail(self.db, row.app.id, self.today()))
            booked = None if doc is None else data.booked_round(doc)
            if booked is not None:
                argv += ["--for", str(booked)]
        try:
            with self.suspend():
                self.run_questionnaire(argv)
        except Exception as exc:  # textual's SuspendNotSupported: no terminal to hand over (a test, a web view)
            if type(exc).__name__ != "SuspendNotSupported":
                raise
            self.say("The questionnaire needs the terminal, which this board cannot hand over here.", error=True)
            return
        self.action_reload()

    def action_filter(self) -> None:
        def done(words_: str | None) -> None:
            if words_ is not None:
                self.filter_words = words_.strip()
                self.say(
                    f"Showing the applications whose company or role holds '{shown(self.filter_words)}'."
                    if self.filter_words
                    else "Showing every application."
                )
                self.action_reload()

        self.push_screen(Ask("Filter by company or role (empty: show all)", value=self.filter_words), done)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.say("Nothing changed on the board to undo.", error=True)
            return
        change = self.undo_stack.pop()
        said = self.guarded(lambda: data.take_back(self.db, change))
        if said is not None:
            self.say(said)
        self.action_reload()

    def action_keys(self) -> None:
        lines = [Text("The keys", style="bold")]
        lines += [Text(f"  {key:<10}") + Text(what) for key, what in KEYS]
        lines.append(Text("\nEvery change is saved at once, with the same rules as the commands.", style="dim"))
        self.push_screen(Page(Text("\n").join(lines)))


def shown_block(text: str) -> str:
    """Text of several lines made printable, line breaks kept (a draft)."""
    from interview_signals.text import printable

    return printable(text, keep_newlines=True)
