"""The board's two panes: the pipeline (the applications by group, as a list the cursor moves over) and the
detail of the one selected. Every piece of user text is made printable (text.printable, as report.py does
for every drawer) and passed as a rich ``Text``, never as markup, so a name like ``[bold]`` shows as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_signals import catalog, followup, words
from interview_signals.board.data import CLOSED, GROUP_TITLES, GROUPS, Row
from interview_signals.report import READING_MARK, READING_STYLE, VERDICT_STYLE, marked, your_history_line
from interview_signals.text import one_line, printable

BAR = 8  # cells in a row's score bar
GROUP_PREFIX = "group:"  # the id of a group's heading in the list
MORE_PREFIX = "more:"  # the id of the line under a group's first PAGE rows that shows the rest
PAGE = 30  # rows of a group listed at first: the first screen costs the same however long the search


def shown(value: str | None) -> str:
    """User text as one printable line."""
    return one_line(printable(value or ""))


def day(iso: str) -> str:
    return followup.display_date(followup.parse_date(iso, "on"))


def score_bar(score: int | None, verdict: str | None) -> Text:
    """The latest score as a small bar, the number and its verdict as saved: "█████░░░ 65 mixed"
    (a score from too few signs says too_few, as its report does)."""
    if score is None:
        return Text("no score yet", style="dim")
    word = shown(verdict) if isinstance(verdict, str) else catalog.load().band_for(score).id
    filled = round(BAR * score / 100)
    style = VERDICT_STYLE.get(word, "")
    return Text("█" * filled, style=style) + Text("░" * (BAR - filled), style="dim") + Text(f" {score:>3} {word}")


def next_words(row: Row) -> Text:
    """The next action and its day, with OVERDUE spelled out (never colour alone)."""
    app = row.app
    if app.next_action is None:
        return Text(app.outcome or app.stage)
    action = app.next_action
    said = words.todo(words.ASSESS if action.action == "interview" else action.action, day(action.on))
    if action.at:
        said += f" at {action.at}"
    if row.overdue:
        return Text(f"! OVERDUE {row.days_overdue}d: ", style="bold red") + Text(said)
    return Text(said)


def row_prompt(row: Row) -> Group:
    """An application in the list: who and which round; then its score and what is next."""
    app = row.app
    who = " · ".join(shown(name) for name in (app.company, app.role) if name) or "(no company given)"
    head = Text(f"#{app.id} ", style="bold") + Text(who) + Text(f" · round {app.rounds}", style="dim")
    return Group(head, Padding(score_bar(app.score, app.verdict) + Text(" · ") + next_words(row), (0, 0, 0, 3)))


class Pipeline(OptionList):
    """The applications by group; a group's heading folds it (the closed ones start folded)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folded: set[str] = {CLOSED}
        self.limits: dict[str, int | None] = {}  # rows shown of each group: PAGE until asked for all (None)
        self.rows: dict[str, Row] = {}

    def show_rows(self, found: Iterable[Row], keep: int | None) -> None:
        """List ``found`` by group, the cursor on the application ``keep`` when it is listed."""
        self.clear_options()
        self.rows = {}
        options: list[Option] = []
        by_group: dict[str, list[Row]] = {group: [] for group in GROUPS}
        for row in found:
            by_group[row.group].append(row)
        for group in GROUPS:
            members = by_group[group]
            folded = group in self.folded
            mark = "▸" if folded and members else "▾"
            title = Text(f"{mark} {GROUP_TITLES[group]} ({len(members)})", style="bold reverse" if members else "dim")
            if folded and members:
                title.append("  Enter shows them", style="dim")
            options.append(Option(title, id=GROUP_PREFIX + group, disabled=not members))
            if not folded:
                options += self._members(group, members, keep)
        self.add_options(options)
        target = str(keep) if keep is not None and str(keep) in self.rows else None
        if target is not None:
            self.highlighted = self.get_option_index(target)
        else:
            self.highlighted = next((n for n, o in enumerate(options) if not o.disabled), None)

    def _members(self, group: str, members: list[Row], keep: int | None) -> list[Option]:
        """A group's rows: the first PAGE (or up to ``keep``, or all once asked), then a line for the rest."""
        limit = self.limits.get(group, PAGE)
        if limit is not None and keep is not None:
            limit = max(limit, next((n + 1 for n, row in enumerate(members) if row.app.id == keep), 0))
        options = []
        for row in members[:limit]:
            self.rows[str(row.app.id)] = row
            options.append(Option(row_prompt(row), id=str(row.app.id)))
        if limit is not None and len(members) > limit:
            more = Text(f"   … {len(members) - limit} more: Enter shows them", style="dim")
            options.append(Option(more, id=MORE_PREFIX + group))
        return options

    def selected_row(self) -> Row | None:
        if self.highlighted is None:
            return None
        return self.rows.get(self.get_option_at_index(self.highlighted).id or "")

    def selected_group(self) -> str | None:
        """The group whose heading the cursor is on, if it is on one."""
        if self.highlighted is None:
            return None
        ident = self.get_option_at_index(self.highlighted).id or ""
        return ident.removeprefix(GROUP_PREFIX) if ident.startswith(GROUP_PREFIX) else None

    def selected_more(self) -> str | None:
        """The group whose "… more" line the cursor is on, if it is on one."""
        if self.highlighted is None:
            return None
        ident = self.get_option_at_index(self.highlighted).id or ""
        return ident.removeprefix(MORE_PREFIX) if ident.startswith(MORE_PREFIX) else None


class Detail(VerticalScroll):
    """The selected application in full: rounds with their signs, questions to ask, what was sent, notes."""

    def compose(self) -> Iterable[Static]:
        yield Static(Text("Select an application and press Enter.", style="dim"), id="detail-body")

    shown: RenderableType | None = None  # what it shows now

    def show(self, renderable: RenderableType) -> None:
        self.shown = renderable
        self.query_one("#detail-body", Static).update(renderable)
        self.scroll_home(animate=False)


def detail_text(doc: Mapping[str, Any]) -> RenderableType:
    """An application's story as the detail pane shows it, worded as `applications ID` and the report are."""
    from interview_signals.commands.rounds import titles

    names = titles()
    who = " · ".join(shown(doc[k]) for k in ("company", "role") if doc[k]) or "(no company given)"
    parts: list[RenderableType] = [Text(f"#{doc['id']} ", style="bold") + Text(who, style="bold")]
    parts.append(Text(f"Stage: {doc['stage']}" + (f" ({shown(doc['outcome_note'])})" if doc.get("outcome_note") else "")))
    if doc["next_action"] is not None:
        action = doc["next_action"]
        word = words.ASSESS if action["action"] == "interview" else action["action"]
        parts.append(Text("Next: " + words.todo(word, day(action["on"]))))
    for entry in doc["rounds"]:
        parts.extend(_round(entry, doc["reports"].get(entry["id"]), names))
    reports = [doc["reports"][e["id"]] for e in doc["rounds"] if e["id"] in doc["reports"]]
    latest = reports[-1] if reports else {}
    asks = [(Text("?"), labelled(names.get(q["signal"], q["signal"]), q["question"])) for q in latest.get("ask_next") or []]
    sent = [(Text("✉"), Text(f"{words.ACTION_WORDS[s['action']].name} sent {day(s['on'])} (#{s['id']})")) for s in doc["sent"]]
    notes = [(Text("·"), labelled(day(n["on"]), printable(n["text"], keep_newlines=True))) for n in doc["notes"]]
    similar = [(Text("·"), Text(your_history_line(latest["your_history"])))] if latest.get("your_history") else []
    for heading, items in (("Ask next time", asks), ("Sent", sent), ("Notes", notes), ("Your history", similar)):
        if items:
            parts += [Text(""), Text(heading, style="bold"), marked(items)]
    return Group(*parts)


def labelled(label: str, rest: str) -> Text:
    """ "label: rest", the label bold, both made printable."""
    return Text(f"{shown(label)}: ", style="bold") + Text(printable(rest, keep_newlines=True))


def _round(entry: Mapping[str, Any], report: Mapping[str, Any] | None, names: Mapping[str, str]) -> list[RenderableType]:
    """A round's line, and under it each sign as the report words it: the answer and what it reads as."""
    if entry["booked"]:
        bits = [f"booked for {day(entry['date'])} at {entry['booked'][11:16]}"]
    else:
        bits = [day(entry["date"])]
    bits += [f"with {shown(entry['interviewer'])}"] * bool(entry["interviewer"])
    bits += [f"about {shown(entry['topic'])}"] * bool(entry["topic"])
    lines: list[RenderableType] = [Text(""), Text(f"Round {entry['round']}: " + " · ".join(bits), style="bold")]
    if report is None:
        return lines
    lines.append(
        Padding(score_bar(report["score"], report.get("verdict")) + Text(f" · {shown(report['verdict_label'])}"), (0, 0, 0, 4))
    )
    signs = []
    for item in report["signals"]:
        reading = item["reading"]
        mark = Text(READING_MARK.get(reading, " "), style=READING_STYLE.get(reading, ""))
        said = labelled(names.get(item["id"], item["id"]), item["answer_label"]) + Text(f" ({reading})", style="dim")
        signs.append((mark, said))
    lines.append(marked(signs))
    return lines
