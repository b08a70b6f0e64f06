"""Render a report document (see document.py) for people, with rich.

The only module that imports rich for the report. It computes nothing: it
lays out what the document says. Every string that came from the user goes
in as a ``Text`` (never parsed as markup), so ``[brackets]`` print as typed.
Readings are spelled out in words as well as colour, so the report reads the
same with NO_COLOR.

Every ``render_*`` function is the boundary where saved text reaches the
reader, so each is wrapped in ``printable_arguments``: every string in what it
is given (the document, rows, titles, lines) has its control characters, bidi
controls and lone surrogates shown as escapes (text.printable_all) before
anything is laid out. A report imported from a file, or a history damaged by
hand, cannot recolour the terminal or write the clipboard, whichever field it
puts such text in, and the layout measures the text as it is shown.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import IO, Any, ParamSpec, TypeVar, cast

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interview_signals import catalog, output, plain, words
from interview_signals.followup import display_date, skipped_note
from interview_signals.text import counted, one_line, printable_all

READING_STYLE = {"good": "green", "neutral": "yellow", "concerning": "red", "not counted": "dim"}
READING_MARK = {"good": "+", "neutral": "~", "concerning": "!", "not counted": "-"}
VERDICT_STYLE = {
    "strong": "bold green",
    "promising": "green",
    "mixed": "yellow",
    "weak": "red",
    "too_few": "dim",
    "unknown": "dim",
}
WEIGHT_NAME = {3: "strong", 2: "moderate"}
BAR_WIDTH = 24
# The report is never wider than this, however wide the terminal: lines stay readable.
MAX_WIDTH = 100
# Narrower than this, tables become stacked lists: a title, then its details beneath.
STACK_BELOW = 70


P = ParamSpec("P")
R = TypeVar("R")
SAFE_DRAWERS: set[str] = set()  # the functions wrapped in printable_arguments, for the tests to check


def printable_arguments(draw: Callable[P, R]) -> Callable[P, R]:
    """``draw`` with every string in its arguments made printable first (see the module docstring)."""

    @functools.wraps(draw)
    def safe(*args: P.args, **kwargs: P.kwargs) -> R:
        return draw(*printable_all(args), **printable_all(kwargs))

    SAFE_DRAWERS.add(draw.__name__)
    return safe


def console(stderr: bool = False) -> Console:
    """A console for the report (stdout) or for messages (stderr), drawing on
    output.py's guarded stream: trimmed lines off a terminal, ASCII where the
    encoding needs it, one-line errors when the stream fails."""
    return Console(file=cast("IO[str]", output.text_stream(stderr=stderr)), highlight=False)


def recorder() -> Console:
    """A console that draws nowhere and records, for a report written to a file
    (formats.py). Its width is MAX_WIDTH, the widest any report is drawn, so a
    file looks as the report does in a wide terminal, whichever terminal made
    it; styles are kept whatever NO_COLOR or TERM say, as a file has its own reader."""
    return Console(
        file=io.StringIO(),
        record=True,
        width=MAX_WIDTH,
        color_system="truecolor",
        no_color=False,
        legacy_windows=False,
        highlight=False,
        emoji=False,
    )


def width(console: Console) -> int:
    """The one width every part of a report shares."""
    return max(min(console.width, MAX_WIDTH), 20)


@printable_arguments
def render(
    console: Console,
    doc: Mapping[str, Any],
    titles: Mapping[str, str],
    *,
    just_saved: bool = True,
    since: Sequence[str] | None = None,
) -> None:
    """Print the whole report. ``titles`` maps signal ids to their display titles;
    ``since``, for a later round, the lines of its "Since round N" section.

    Everything shares one width (the terminal's, up to MAX_WIDTH); answers,
    advice and dates wrap between words and are never cut short. Below
    STACK_BELOW columns the per-signal table becomes a stacked list."""
    room = width(console)
    console.print(_verdict_panel(doc, room), width=room)
    console.print(_signals_table(doc, titles, room) if room >= STACK_BELOW else _signals_stacked(doc, titles), width=room)
    console.print()
    if doc.get("your_history"):
        console.print(_listing("Your history", [(Text("·"), Text(your_history_line(doc["your_history"])))]), width=room)
    if since and doc.get("since_last_round"):
        render_since(console, doc["since_last_round"], since)
    concerns = [a for a in doc["advice"] if a["kind"] == "concern"]
    if concerns:
        items = [(Text("!", style="red"), labelled(f"{titles.get(a['signal'], a['signal'])}: ", a["text"])) for a in concerns]
        console.print(_listing("What the doubts may mean", items), width=room)
    questions = doc.get("ask_next") or []  # a report saved before there were questions has none
    if questions:
        console.print(_listing("Ask next time", _questions(questions, titles)), width=room)
    steps = [a for a in doc["advice"] if a["kind"] != "concern"]
    numbered = [(Text(f"{n}."), Text(a["text"])) for n, a in enumerate(steps, start=1)]
    console.print(_listing("What to do next", numbered), width=room)
    from interview_signals.commands.rounds import earlier_round

    earlier = earlier_round(doc)  # an earlier round's dates and drafts are its latest round's
    if doc.get("follow_up") and earlier is None:
        console.print(_dates(doc["follow_up"]), width=room)
    console.print(Text(doc["caveat"], style="italic"), width=room)
    if earlier is not None:
        console.print(Text(f"{earlier[0]}: {earlier[1]}", style="dim"), width=room)
    elif doc.get("id") is not None:
        saved = doc["id"]
        said = "Saved as interview" if just_saved else "Interview"
        console.print(Text(f"{said} #{saved}. Drafts: interview-signals draft {saved} thank-you", style="dim"), width=room)


def your_history_line(your: Mapping[str, int]) -> str:
    """The report's line on how past interviews scored like this one turned out."""
    from interview_signals.stats import SIMILAR_POINTS

    return (
        f"Of your past interviews scored within {SIMILAR_POINTS} points of this one, "
        f"{your['offers']} of {your['similar']} ended in an offer."
    )


@printable_arguments
def render_since(console: Console, since: Mapping[str, Any], lines: Sequence[str]) -> None:
    """A later round's "Since round N" section: one plain line a change, wrapping at any width."""
    room = width(console)
    items = [(Text("-"), Text(line)) for line in lines]
    console.print(_listing(f"Since round {since['round']}", items), width=room)


@printable_arguments
def render_outcome(console: Console, outcome: str, note: str | None) -> None:
    """`show`'s last line: how it turned out, with the note the user kept."""
    line = labelled("Outcome: ", outcome)
    if note:
        line.append(f" ({one_line(note)})")
    console.print(line, width=width(console))


@printable_arguments
def render_actions(
    console: Console,
    sent: Sequence[Mapping[str, str]],
    next_action: Mapping[str, str] | None,
    notes: Sequence[Mapping[str, str]] = (),
) -> None:
    """`show`'s lines on following up: each email recorded as sent, what to do next, and each note (its line breaks kept)."""
    for item in sent:
        console.print(labelled("Sent: ", f"{item['action']} on {day(item['on'])}"), width=width(console))
    if next_action is not None:
        console.print(labelled("Next: ", words.todo(next_action["action"], day(next_action["on"]))), width=width(console))
    for note in notes:
        console.print(labelled(f"Note, {day(note['on'])}: ", note["text"]), width=width(console))


def labelled(label: str, rest: str | Text) -> Text:
    """A bold label and plain text after it (``Text(label, style="bold") + rest`` would make the whole line bold)."""
    return Text.assemble((label, "bold"), rest)


def day(iso: str) -> str:
    """2026-12-04 as "Fri 4 Dec 2026"."""
    return display_date(date.fromisoformat(iso))


def _dates(plan: Mapping[str, Any]) -> Group:
    follow = Text(day(plan["follow_up_on"]), style="bold")
    if plan.get("reply_by"):
        follow.append(f", the first working day after {day(plan['reply_by'])}, when they said you'd hear back")
    else:
        follow.append(", a week after the interview, as they named no day to hear back")
    items = [
        (Text("✉"), Text("Thank-you note by ") + Text(day(plan["thank_you_by"]), style="bold")),
        (Text("↻"), Text("Follow up on ") + follow),
    ]
    skipped = skipped_note(plan)
    if skipped:  # the public holidays it moved past (config set holidays)
        items.append((Text(""), Text(skipped)))
    return _listing("Your dates", items)


@printable_arguments
def render_history(console: Console, rows: Sequence[Mapping[str, Any]], filtered: bool = False, more: int = 0) -> None:
    """The history table; a Round column when any interview listed is a later round of its application.
    ``more``: how many more the listing matches, not shown; said under the table, with how to see them."""
    if not rows:
        _no_history(console, filtered)
        return
    _history_table(console, rows)
    if more:
        console.print(Text(f"… and {more:,} more: --limit N shows N, --all shows every one", style="dim"), width=width(console))


@printable_arguments
def render_history_stream(console: Console, rows: Iterable[Mapping[str, Any]], filtered: bool = False) -> None:
    """Every interview, two lines each (as the table is on a narrow terminal), each printed as it
    is read: a table would hold them all to size its columns. A later round says which it is."""
    room = width(console)
    shown = False
    for row in rows:
        _stacked(console, row, room, row.get("round", 1) > 1)
        shown = True
    if not shown:
        _no_history(console, filtered)


def _no_history(console: Console, filtered: bool) -> None:
    if filtered:
        console.print("No saved interview matches that.")
    else:
        console.print("No interviews saved yet. Run `interview-signals` after your next one.")


def _stacked(console: Console, row: Mapping[str, Any], room: int, rounds: bool) -> None:
    """One interview as two entries: id, day, company and role (wrapping under the day, never cut);
    then, indented, (round,) score, verdict and outcome."""
    who = " · ".join(one_line(row[k]) for k in ("company", "role") if row[k]) or "(no company given)"
    score = "no score" if row["score"] is None else f"{row['score']}/100"
    console.print(headed(f"#{row['id']}", Text(f"{day(row['date'])}  {who}")), width=room)
    said = f"round {row.get('round', 1)} · " if rounds else ""
    details = Text(f"{said}{score} ") + Text(row["verdict"], style=VERDICT_STYLE.get(row["verdict"], ""))
    details.append(f" · {row['outcome'] or 'no outcome yet'}", style="" if row["outcome"] else "dim")
    console.print(indented(details), width=room)


def headed(ident: str, text: Text) -> Table:
    """An entry of a stacked list: its id in bold, then its text, whose wrapped lines hang under the text."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(ident, style="bold"), text)
    return grid


def indented(text: Text) -> Padding:
    """A line under an entry of a stacked list, indented, its wrapped lines too."""
    return Padding(text, (0, 0, 0, 4))


def _history_table(console: Console, rows: Sequence[Mapping[str, Any]]) -> None:
    room = width(console)
    rounds = any(row.get("round", 1) > 1 for row in rows)
    headers = ("ID", "Date", *(["Round"] if rounds else []), "Score", "Verdict", "Outcome")
    ways = [_history_cells(rows, rounds, days) for days in (day, str)]  # the tool's day form, else YYYY-MM-DD
    fit = table_fit(room, [(widest(headers, cells), name_needs(rows)) for cells in ways])
    if fit is None:
        for row in rows:
            _stacked(console, row, room, rounds)
        return
    way, names = fit
    fixed = widest(headers, ways[way])
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("ID", justify="right", no_wrap=True, min_width=fixed[0])
    table.add_column("Date", no_wrap=True, min_width=fixed[1])
    # a long name may be shortened here (with an ellipsis), never a date or a number
    for header, size in zip(NAME_HEADERS, names, strict=True):
        table.add_column(header, no_wrap=True, overflow="ellipsis", width=size)
    for n, header in enumerate(headers[2:], start=2):
        table.add_column(header, justify="right" if header in ("Round", "Score") else "left", no_wrap=True, min_width=fixed[n])
    for row, (ident, day_, *numbers, verdict, outcome) in zip(rows, ways[way], strict=True):
        table.add_row(
            ident,
            day_,
            *(Text(one_line(row[key] or "")) for key in NAME_KEYS),
            *numbers,
            Text(verdict, style=VERDICT_STYLE.get(verdict, "")),
            Text(outcome, style="" if row["outcome"] else "dim"),
        )
    console.print(table, width=room)


def _history_cells(rows: Sequence[Mapping[str, Any]], rounds: bool, days: Callable[[str], str]) -> list[tuple[str, ...]]:
    """The cells of the history table that are never cut: id, date (as ``days`` writes it), (round,) score, verdict, outcome."""
    return [
        (
            f"#{row['id']}",
            days(row["date"]),
            *([str(row.get("round", 1))] if rounds else []),
            "-" if row["score"] is None else str(row["score"]),
            row["verdict"],
            row["outcome"] or "-",
        )
        for row in rows
    ]


# -- the one width rule of the listings (history, applications) ---------------------------

NAME_KEYS = ("company", "role")
NAME_HEADERS = ("Company", "Role")
NAME_LEAST = 12  # the fewest cells a shortened name keeps in a table; with less room the list is stacked


def widest(headers: Sequence[str], cells: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width: its header or its widest cell."""
    return [max(cell_len(header), *(cell_len(cell[n]) for cell in cells)) for n, header in enumerate(headers)]


def name_needs(rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """The widths the company and the role columns need to show every name whole."""
    return [
        max(cell_len(header), *(cell_len(one_line(row[key] or "")) for row in rows))
        for key, header in zip(NAME_KEYS, NAME_HEADERS, strict=True)
    ]


def name_widths(room: int, fixed: Sequence[int], names: Sequence[int]) -> list[int] | None:
    """The widths of a table's name columns beside ``fixed`` columns that are never cut, all two
    cells apart, in ``room`` cells; ``names`` are what each name column needs to show its names whole.

    Every name column gets what it needs when all fit. Otherwise a name column needing no more
    than an even share of what is left keeps its width, and the longer ones share the rest in
    proportion to what they need: a short column is never padded while a long one is cut.
    None when a shortened one would keep fewer than NAME_LEAST cells: the list is then stacked."""
    left = room - sum(fixed) - 2 * (len(fixed) + len(names) - 1)
    if sum(names) <= left:
        return list(names)
    widths = list(names)
    cut = set(range(len(names)))
    while short := {n for n in cut if names[n] * len(cut) <= left}:  # each within an even share
        cut -= short
        left -= sum(names[n] for n in short)
    need = sum(names[n] for n in cut)
    for n in cut:
        widths[n] = max(0, left) * names[n] // need
    spare = max(0, left) - sum(widths[n] for n in cut)
    for n in sorted(cut, key=lambda n: -names[n])[:spare]:  # the cells the rounding left, to the longest
        widths[n] += 1
    return widths if all(widths[n] >= NAME_LEAST for n in cut) else None


def table_fit(room: int, ways: Sequence[tuple[Sequence[int], Sequence[int]]]) -> tuple[int, list[int]] | None:
    """Which way to draw a listing's table and its name columns' widths (name_widths). ``ways``, best
    first, each: its fixed columns' widths and what its name columns need. The first way in which
    every name is whole; else the last, its names shortened; None under STACK_BELOW columns or
    when no way leaves the names room: the list is then stacked."""
    if room < STACK_BELOW:
        return None
    for n, (fixed, names) in enumerate(ways):
        widths = name_widths(room, fixed, names)
        if widths is not None and (widths == list(names) or n == len(ways) - 1):
            return n, widths
    return None


MOVE_ON_NOTE = "No reply after two follow-ups: consider recording it as ghosted."


@printable_arguments
def render_due(console: Console, rows: Iterable[Mapping[str, Any]]) -> None:
    """One entry per interview: who, what to do and its day, how near that is, and the command that helps with it.

    Late in red, on its day in yellow; one that can be done now, before its
    day (a thank-you on the interview day), plain; one coming up, dim.
    """
    for row in rows:
        late = row["days_overdue"]
        if late >= 0:
            when = "today" if late == 0 else f"{counted(late, 'day')} overdue"
        else:  # before its day: it can be done now (a thank-you on the interview day), or it is coming up
            when = f"{counted(-late, 'day')} left" if row.get("is_due") else f"in {counted(-late, 'day')}"
        who = " · ".join(one_line(row[k]) for k in NAME_KEYS if row[k]) or "(no company given)"
        on = day(row["on"]) + (f" at {row['starts_at'][11:]}" if row.get("starts_at") else "")  # a booked interview's time
        action = Text(f"{words.todo(row['action'], on)}, ")
        action.append(when, style="red" if late > 0 else "yellow" if late == 0 else "" if row.get("is_due") else "dim")
        room = width(console)
        if cell_len(f"#{row['id']} {who}  ") + action.cell_len <= room:  # all on one line
            console.print(headed(f"#{row['id']}", Text(f"{who}  ") + action), width=room)
        else:  # who, wrapping under its indent; what to do on a line of its own
            console.print(headed(f"#{row['id']}", Text(who)), width=room)
            console.print(indented(action), width=room)
        if row["action"] == "move-on":
            console.print(indented(Text(MOVE_ON_NOTE)), width=room)
        console.print(indented(Text(row["draft_command"], style="dim", overflow="fold")), width=room)


def _questions(questions: Sequence[Mapping[str, str]], titles: Mapping[str, str]) -> list[tuple[Text, Text]]:
    """Each question to ask in the next round or a follow-up, under the title of
    the sign it would settle (named once when a sign has two)."""
    items = []
    for n, entry in enumerate(questions):
        signal = entry["signal"]
        text = Text(entry["question"])
        if n == 0 or questions[n - 1]["signal"] != signal:
            text = labelled(f"{titles.get(signal, signal)}: ", text)
        items.append((Text("?", style="cyan"), text))
    return items


def _listing(heading: str, items: list[tuple[Text, Text]]) -> Group:
    """A heading over marked items whose wrapped lines hang under the text."""
    return Group(Text(heading, style="bold"), marked(items), Text())


def marked(items: list[tuple[Text, Text]]) -> Table:
    """Marked items whose wrapped lines hang under the text."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, justify="right", min_width=3)
    grid.add_column()
    for mark, text in items:
        grid.add_row(mark, text)
    return grid


def _verdict_panel(doc: Mapping[str, Any], room: int) -> Panel:
    """The verdict in a box as wide as the rest of the report. Who and where
    ride in its top border when they fit there, else on its first line."""
    style = VERDICT_STYLE.get(doc["verdict"], "")
    score = doc["score"]
    too_few = catalog.load().too_few.id
    head = Text(doc["verdict_label"], style=style)
    if plain.judged(doc, too_few):
        head.append(f"  {plain.score_words(doc, too_few)}", style="bold")
        filled = round(BAR_WIDTH * score / 100)
        bar = Text("█" * filled, style=style) + Text("░" * (BAR_WIDTH - filled), style="dim")
    else:  # no score, or one from too few signs: said plainly, never drawn as a verdict
        bar = Text(plain.score_words(doc, too_few), style="" if score is not None else "dim")
    confidence = Text(f"Confidence: {doc['confidence']} ({doc['counted']} of {doc['total']} signals counted)")
    lines = [head, bar, confidence, Text(doc["summary"])]
    title = _title(doc.get("context") or {})
    if title is not None and title.cell_len > room - 6:  # too long for the border: never cut it short
        lines.insert(0, title)
        title = None
    return Panel(Group(*lines), title=title, title_align="left", width=room)


def _title(context: Mapping[str, str]) -> Text | None:
    parts = [context[k] for k in ("company", "role") if context.get(k)]
    if not parts:
        return None
    return Text(" · ".join(one_line(p) for p in parts), style="bold")


def _reading(item: Mapping[str, Any]) -> Text:
    reading = item["reading"]
    return Text(f"{READING_MARK.get(reading, '')} {reading}", style=READING_STYLE.get(reading, ""))


def _weight(item: Mapping[str, Any]) -> Text:
    return Text(WEIGHT_NAME.get(item["weight"], str(item["weight"])) if item["points"] is not None else "-", style="dim")


def _signals_table(doc: Mapping[str, Any], titles: Mapping[str, str], room: int) -> Table:
    table = Table(title=None, width=room, pad_edge=False, show_edge=False, box=None, header_style="bold")
    longest = max((len(titles.get(item["id"], item["id"])) for item in doc["signals"]), default=10)
    table.add_column("Signal", min_width=min(longest, room // 3), overflow="fold")
    table.add_column("Your answer", ratio=1, overflow="fold")
    table.add_column("Reads as", no_wrap=True)
    table.add_column("Weight", no_wrap=True)
    for item in doc["signals"]:
        dim = "dim" if item["reading"] == "not counted" else ""
        table.add_row(
            Text(titles.get(item["id"], item["id"])), Text(item["answer_label"], style=dim), _reading(item), _weight(item)
        )
    return table


def _signals_stacked(doc: Mapping[str, Any], titles: Mapping[str, str]) -> Group:
    """The per-signal table for a narrow screen: each title, then the answer and its reading beneath."""
    lines: list[Text | Padding] = []
    for item in doc["signals"]:
        lines.append(Text(titles.get(item["id"], item["id"]), style="bold"))
        dim = "dim" if item["reading"] == "not counted" else ""
        lines.append(Padding(Text(item["answer_label"], style=dim, overflow="fold"), (0, 0, 0, 2)))
        lines.append(Padding(_reading(item) + Text(" · ") + _weight(item), (0, 0, 0, 2)))
    return Group(*lines)


@contextmanager
def progress(total_bytes: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for `score`; yields a function that advances it by bytes."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn  # score's alone

    columns = (TextColumn("Scoring"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("score", total=total_bytes)
        yield lambda n: bar.advance(task, n)


@printable_arguments
def render_catalog(console: Console, catalog_doc: Mapping[str, Any]) -> None:
    """The `signals` command: every signal with its answers, best first."""
    for item in catalog_doc["signals"]:
        console.print(Text.assemble((item["id"], "bold"), (f"  {item['title']} ({item['strength']})", "dim")))
        answers = Table.grid(padding=(0, 2, 0, 0))
        answers.add_column(no_wrap=True)
        answers.add_column()
        for answer in item["answers"]:
            answers.add_row(Text(answer["id"], style=READING_STYLE.get(answer["reading"], "")), Text(answer["label"]))
        body = Group(Text(item["question"]), Text(item["hint"], style="italic"), Padding(answers, (0, 0, 0, 2)))
        console.print(Padding(body, (0, 0, 1, 2)))
