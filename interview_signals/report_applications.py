"""Render the applications for people, with rich: the pipeline (a table, or a stacked list when narrow) and
one application's story.

A sibling of report.py, sharing its width, its labels and its guard: every
``render_*`` here is wrapped in report.printable_arguments, so every string it
is given is made printable before it is laid out (see report.py's docstring).
It computes nothing: it lays out what commands/applications.py gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from interview_signals import words
from interview_signals.report import (
    NAME_HEADERS,
    NAME_KEYS,
    console,
    day,
    headed,
    indented,
    labelled,
    name_needs,
    printable_arguments,
    table_fit,
    widest,
    width,
)
from interview_signals.text import one_line

STAGE_STYLE = {
    "scheduled": "cyan",
    "due": "bold yellow",
    "waiting": "",
    "offer": "green",
    "rejected": "red",
    "ghosted": "dim",
    "withdrew": "dim",
}
__all__ = ["console", "render_application", "render_applications", "render_applications_stream"]


@printable_arguments
def render_applications(console: Console, rows: Sequence[Mapping[str, Any]], filtered: bool = False, more: bool = False) -> None:
    """The pipeline as a table, its columns as wide as what they hold (report.table_fit); stacked
    under STACK_BELOW columns, or when the names would not fit. ``more``: the listing holds more
    than shown; said under it, with how to see them."""
    if not rows:
        _none(console, filtered)
        return
    room = width(console)
    headers = ("ID", "Stage", "Rounds", "Score", "Next")
    ways = [[_cells(row, days) for row in rows] for days in (day, str)]  # the tool's day form, else YYYY-MM-DD
    fit = table_fit(room, [(widest(headers, cells), name_needs(rows)) for cells in ways])
    if fit is None:
        for row in rows:
            _stacked(console, row, room)
    else:
        way, names = fit
        fixed = widest(headers, ways[way])
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("ID", justify="right", no_wrap=True, min_width=fixed[0])
        # a long name may be shortened here (with an ellipsis), never a stage, a number or a day
        for header, size in zip(NAME_HEADERS, names, strict=True):
            table.add_column(header, no_wrap=True, overflow="ellipsis", width=size)
        for n, header in enumerate(headers[1:], start=1):
            table.add_column(
                header, justify="right" if header in ("Rounds", "Score") else "left", no_wrap=True, min_width=fixed[n]
            )
        for row, (ident, stage, rounds, score, next_) in zip(rows, ways[way], strict=True):
            names_ = (Text(one_line(row[key] or "")) for key in NAME_KEYS)
            table.add_row(ident, *names_, Text(stage, style=STAGE_STYLE.get(stage, "")), rounds, score, next_)
        console.print(table, width=room)
    if more:
        console.print(Text("… and more: --limit N shows N, --all shows every one", style="dim"), width=room)


@printable_arguments
def render_applications_stream(console: Console, rows: Iterable[Mapping[str, Any]], filtered: bool = False) -> None:
    """Every application, two lines each (as the table is when narrow), each printed as it is read."""
    room = width(console)
    shown = False
    for row in rows:
        _stacked(console, row, room)
        shown = True
    if not shown:
        _none(console, filtered)


def _none(console: Console, filtered: bool) -> None:
    if filtered:
        console.print("No application matches that.")
    else:
        console.print("No applications yet. Run `interview-signals` after your next interview.")


def _cells(row: Mapping[str, Any], days: Callable[[str], str] = day) -> tuple[str, str, str, str, str]:
    """The cells of a row that are never cut: id, stage, rounds, score (and its change), next action and
    its day (as ``days`` writes it)."""
    score = "-" if row["score"] is None else str(row["score"])
    if row["score_change"] is not None:
        score += f" {row['score_change']:+d}"
    return f"#{row['id']}", row["stage"], str(row["rounds"]), score, _next(row, days)


def _next(row: Mapping[str, Any], days: Callable[[str], str]) -> str:
    """The next action and its day, with the time of a booked interview: "follow-up Mon 30 Nov 2026"."""
    action = row["next_action"]
    if action is None:
        return "-"
    at = f" {row['at']}" if row.get("at") else ""
    return f"{action['action']} {days(action['on'])}{at}"


def _stacked(console: Console, row: Mapping[str, Any], room: int) -> None:
    """One application as an entry: id, company and role (wrapping, never cut); then, indented, stage,
    rounds and score; and, when open, what is next."""
    who = " · ".join(one_line(row[k]) for k in NAME_KEYS if row[k]) or "(no company given)"
    console.print(headed(f"#{row['id']}", Text(who)), width=room)
    _, stage, rounds, score, next_ = _cells(row)
    line = Text(stage, style=STAGE_STYLE.get(stage, ""))
    line.append(f" · {rounds} round{'s' * (rounds != '1')} · score {score}")
    console.print(indented(line), width=room)
    if next_ != "-":
        console.print(indented(Text(f"next: {next_}")), width=room)


@printable_arguments
def render_application(console: Console, doc: Mapping[str, Any], changes: Sequence[Sequence[str]]) -> None:
    """One application's story: who and where it stands, every round (``changes``: for each, the lines
    on what changed since the round before), what was sent, the notes, the outcome and what is next."""
    room = width(console)
    who = " · ".join(one_line(doc[k]) for k in ("company", "role") if doc[k]) or "(no company given)"
    console.print(labelled(f"Application #{doc['id']} ", who), width=room)
    console.print(labelled("Stage: ", Text(doc["stage"], style=STAGE_STYLE.get(doc["stage"], ""))), width=room)
    console.print()
    items = []
    for entry, lines in zip(doc["rounds"], changes, strict=True):
        items.append((Text(f"{entry['round']}."), _round_line(entry)))
        items.extend((Text(""), Text(f"- {line}", style="dim")) for line in lines)
    console.print(_listing("Rounds", items), width=room)
    if doc["sent"]:
        sent = [
            (Text("✉"), Text(f"{_action_name(item['action'])} sent {day(item['on'])} (#{item['id']})")) for item in doc["sent"]
        ]
        console.print(_listing("Sent", sent), width=room)
    if doc["notes"]:
        notes = [(Text("·"), labelled(f"{day(item['on'])}: ", Text(item["text"]))) for item in doc["notes"]]
        console.print(_listing("Notes", notes), width=room)
    if doc["outcome"]:
        line = labelled("Outcome: ", doc["outcome"])
        if doc.get("outcome_note"):
            line.append(f" ({one_line(doc['outcome_note'])})")
        console.print(line, width=room)
    if doc["next_action"] is not None:
        action = doc["next_action"]
        at = next(
            (entry["booked"][11:16] for entry in doc["rounds"] if entry["booked"] and entry["booked"][:10] == action["on"]), ""
        )
        said = words.todo(action["action"], day(action["on"])) + (f" at {at}" if at else "")
        console.print(labelled("Next: ", said), width=room)


def _round_line(entry: Mapping[str, Any]) -> Text:
    """A round in one line (wrapping): its day, who and what about, and its score and change."""
    if entry["booked"]:
        parts = [f"booked for {day(entry['date'])} at {entry['booked'][11:16]}".removesuffix(" at ")]
    else:
        parts = [day(entry["date"])]
    if entry["interviewer"]:
        parts.append(f"with {one_line(entry['interviewer'])}")
    if entry["topic"]:
        parts.append(f"about {one_line(entry['topic'])}")
    if not entry["booked"]:
        score = "no score" if entry["score"] is None else f"score {entry['score']}"
        if entry["score_change"] is not None:
            score += f" ({entry['score_change']:+d})"
        parts.append(score)
    return Text(" · ".join(parts))


def _action_name(action: str) -> str:
    wording = words.ACTION_WORDS.get(action)
    return action if wording is None else wording.name


def _listing(heading: str, items: list[tuple[Text, Text]]) -> Group:
    """A heading over marked items whose wrapped lines hang under the text (as report.py lists)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, justify="right", min_width=3)
    grid.add_column()
    for mark, text in items:
        grid.add_row(mark, text)
    return Group(Text(heading, style="bold"), grid, Text())
