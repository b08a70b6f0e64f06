"""Render a report document (see document.py) for people, with rich.

The only module that imports rich for the report. It computes nothing: it
lays out what the document says. Every string that came from the user goes
in as a ``Text`` (never parsed as markup), so ``[brackets]`` print as typed.
Readings are spelled out in words as well as colour, so the report reads the
same with NO_COLOR.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import IO, Any, Literal, cast

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from interview_signals import output
from interview_signals.followup import display_date
from interview_signals.text import clip

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


def console(stderr: bool = False) -> Console:
    """A console for the report (stdout) or for messages (stderr), drawing on
    output.py's guarded stream: trimmed lines off a terminal, ASCII where the
    encoding needs it, one-line errors when the stream fails."""
    return Console(file=cast("IO[str]", output.text_stream(stderr=stderr)), highlight=False)


def render(console: Console, doc: Mapping[str, Any], titles: Mapping[str, str], *, just_saved: bool = True) -> None:
    """Print the whole report. ``titles`` maps signal ids to their display titles."""
    console.print(_verdict_panel(doc))
    console.print(_signals_table(doc, titles))
    console.print()
    concerns = [a for a in doc["advice"] if a["kind"] == "concern"]
    if concerns:
        items = [
            (Text("!", style="red"), Text(f"{titles.get(a['signal'], a['signal'])}: ", style="bold") + Text(a["text"]))
            for a in concerns
        ]
        console.print(_listing("What the doubts may mean", items))
    steps = [a for a in doc["advice"] if a["kind"] != "concern"]
    console.print(_listing("What to do next", [(Text(f"{n}."), Text(a["text"])) for n, a in enumerate(steps, start=1)]))
    if doc.get("follow_up"):
        console.print(_dates(doc["follow_up"]))
    console.print(Text(doc["caveat"], style="italic"))
    if doc.get("id") is not None:
        saved = doc["id"]
        said = "Saved as interview" if just_saved else "Interview"
        console.print(Text(f"{said} #{saved}. Drafts: interview-signals draft {saved} thank-you", style="dim"))


def render_outcome(console: Console, outcome: str, note: str | None) -> None:
    """`show`'s last line: how it turned out, with the note the user kept."""
    line = Text("Outcome: ", style="bold") + Text(outcome)
    if note:
        line.append(f" ({clip(note, 200)})")
    console.print(line)


def day(iso: str) -> str:
    """2026-12-04 as "Fri 4 Dec 2026"."""
    return display_date(date.fromisoformat(iso))


def _dates(plan: Mapping[str, Any]) -> Group:
    follow = Text(day(plan["follow_up_on"]), style="bold")
    if plan.get("reply_by"):
        follow.append(f", the first working day after {day(plan['reply_by'])}, when they said you'd hear back")
    else:
        follow.append(", a week after the interview, as they named no day to hear back")
    return _listing(
        "Your dates",
        [
            (Text("✉"), Text("Thank-you note by ") + Text(day(plan["thank_you_by"]), style="bold")),
            (Text("↻"), Text("Follow up on ") + follow),
        ],
    )


def render_history(console: Console, rows: Sequence[Mapping[str, Any]], filtered: bool = False) -> None:
    if not rows:
        if filtered:
            console.print("No saved interview matches that.")
        else:
            console.print("No interviews saved yet. Run `interview-signals` after your next one.")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    columns: tuple[tuple[str, Literal["left", "right"]], ...] = (
        ("ID", "right"),
        ("Date", "left"),
        ("Company", "left"),
        ("Role", "left"),
        ("Score", "right"),
    )
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=name in ("ID", "Date", "Score"))
    table.add_column("Verdict")
    table.add_column("Outcome")
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["date"],
            Text(clip(row["company"] or "", 30)),
            Text(clip(row["role"] or "", 30)),
            "-" if row["score"] is None else str(row["score"]),
            Text(row["verdict"], style=VERDICT_STYLE.get(row["verdict"], "")),
            Text(row["outcome"] or "-", style="" if row["outcome"] else "dim"),
        )
    console.print(table)


def render_due(console: Console, rows: Sequence[Mapping[str, Any]]) -> None:
    """One entry per interview: who, when, and the command that drafts the note."""
    for row in rows:
        late = row["days_overdue"]
        when = "today" if late == 0 else f"{_count(late, 'day')} overdue" if late > 0 else f"in {_count(-late, 'day')}"
        who = " · ".join(clip(row[k], 40) for k in ("company", "role") if row[k]) or "(no company given)"
        line = Text(f"#{row['id']} ", style="bold") + Text(who) + Text(f"  follow up {day(row['follow_up_on'])}, ")
        line.append(when, style="red" if late > 0 else "yellow" if late == 0 else "dim")
        console.print(line)
        console.print(Text(f"    {row['draft_command']}", style="dim"))


def render_stats(console: Console, stats: Mapping[str, Any], titles: Mapping[str, str]) -> None:
    console.print(Text(f"{stats['interviews']} interviews saved", style="bold"))
    order = list(VERDICT_STYLE)  # best first
    by_verdict = sorted(stats["by_verdict"].items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    verdicts = ", ".join(f"{name}: {count}" for name, count in by_verdict) or "none yet"
    outcomes = ", ".join(f"{name}: {count}" for name, count in stats["by_outcome"].items() if count) or "none yet"
    console.print(Text(f"By verdict: {verdicts}"))
    console.print(Text(f"By outcome: {outcomes}"))
    console.print()
    calibration = stats.get("calibration")
    if not calibration:
        needed = stats["needed"]
        console.print(
            Text(
                f"Record {_count(needed, 'more outcome')} (offer, rejected or ghosted) to see which signs "
                "went with your offers: interview-signals outcome ID RESULT"
            )
        )
        return
    console.print(
        Text(
            f"Which signs went with your offers ({_count(calibration['offers'], 'offer')} in {calibration['n']} decided interviews)",
            style="bold",
        )
    )
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Signal")
    table.add_column("Offers when it read good", justify="right")
    table.add_column("Offers otherwise", justify="right")
    for signal_id, groups in calibration["signals"].items():
        table.add_row(Text(titles.get(signal_id, signal_id)), _rate(groups["good"]), _rate(groups["other"]))
    console.print(table)
    console.print(
        Text(
            "Small samples mislead: with a handful of interviews a difference can be pure chance. "
            "Treat this as a hint about your own interviews, not a rule.",
            style="italic",
        )
    )


def _count(n: int, noun: str) -> str:
    """1 day, 3 days."""
    return f"{n} {noun}{'s' * (n != 1)}"


def _rate(group: Mapping[str, Any]) -> Text:
    if not group["n"]:
        return Text("-", style="dim")
    return Text(f"{group['offers']} of {group['n']} ({round(100 * group['offer_rate'])}%)")


def _listing(heading: str, items: list[tuple[Text, Text]]) -> Group:
    """A heading over marked items whose wrapped lines hang under the text."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, justify="right", min_width=3)
    grid.add_column()
    for mark, text in items:
        grid.add_row(mark, text)
    return Group(Text(heading, style="bold"), grid, Text())


def _verdict_panel(doc: Mapping[str, Any]) -> Panel:
    style = VERDICT_STYLE.get(doc["verdict"], "")
    score = doc["score"]
    head = Text(doc["verdict_label"], style=style)
    if score is not None:
        head.append(f"  {score}/100", style="bold")
        filled = round(BAR_WIDTH * score / 100)
        bar = Text("█" * filled, style=style) + Text("░" * (BAR_WIDTH - filled), style="dim")
    else:
        bar = Text("no score", style="dim")
    confidence = Text(f"Confidence: {doc['confidence']} ({doc['counted']} of {doc['total']} signals counted)")
    body = Group(head, bar, confidence, Text(doc["summary"]))
    return Panel(body, title=_title(doc.get("context") or {}), title_align="left", expand=False)


def _title(context: Mapping[str, str]) -> Text | None:
    parts = [context[k] for k in ("company", "role") if context.get(k)]
    if not parts:
        return None
    return Text(" · ".join(clip(p) for p in parts), style="bold")


def _signals_table(doc: Mapping[str, Any], titles: Mapping[str, str]) -> Table:
    table = Table(title=None, expand=False, pad_edge=False, show_edge=False, box=None, header_style="bold")
    table.add_column("Signal", ratio=3)
    table.add_column("Your answer", ratio=4)
    table.add_column("Reads as", no_wrap=True)
    table.add_column("Weight", no_wrap=True)
    for item in doc["signals"]:
        reading = item["reading"]
        style = READING_STYLE.get(reading, "")
        table.add_row(
            Text(titles.get(item["id"], item["id"])),
            Text(item["answer_label"], style="dim" if reading == "not counted" else ""),
            Text(f"{READING_MARK.get(reading, '')} {reading}", style=style),
            Text(WEIGHT_NAME.get(item["weight"], str(item["weight"])) if item["points"] is not None else "-", style="dim"),
        )
    return table


@contextmanager
def progress(total_bytes: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for `score`; yields a function that advances it by bytes."""
    columns = (TextColumn("Scoring"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console(stderr=True), transient=True) as bar:
        task = bar.add_task("score", total=total_bytes)
        yield lambda n: bar.advance(task, n)


def render_catalog(console: Console, catalog_doc: Mapping[str, Any]) -> None:
    """The `signals` command: every signal with its answers, best first."""
    for item in catalog_doc["signals"]:
        console.print(Text(item["id"], style="bold") + Text(f"  {item['title']} ({item['strength']})", style="dim"))
        answers = Table.grid(padding=(0, 2, 0, 0))
        answers.add_column(no_wrap=True)
        answers.add_column()
        for answer in item["answers"]:
            answers.add_row(Text(answer["id"], style=READING_STYLE.get(answer["reading"], "")), Text(answer["label"]))
        body = Group(Text(item["question"]), Text(item["hint"], style="italic"), Padding(answers, (0, 0, 0, 2)))
        console.print(Padding(body, (0, 0, 1, 2)))
