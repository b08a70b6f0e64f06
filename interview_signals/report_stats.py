"""Draw the stats of a history for people, with rich: the counts, and which
signs went with the user's offers (calibration), in the plain words of plain.py.

Beside report.py, whose boundary it shares: every ``render_*`` here is wrapped
in ``printable_arguments`` too. It computes nothing; it lays out what
stats.py and calibration.py worked out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from interview_signals import catalog, plain
from interview_signals.report import STACK_BELOW, labelled, marked, printable_arguments, width
from interview_signals.text import counted


@printable_arguments
def render_stats(console: Console, stats: Mapping[str, Any], titles: Mapping[str, str]) -> None:
    saved = f"{counted(stats['interviews'], 'interview')} saved"
    applications = stats.get("applications", stats["interviews"])
    if applications != stats["interviews"]:  # rounds: each application counts once, by its latest round
        saved += f" in {counted(applications, 'application')}, each counted once by its latest round"
    console.print(Text(saved, style="bold"))
    order = list(catalog.load().verdicts)  # best first
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
                f"Record {counted(needed, 'more outcome')} (offer, rejected or ghosted) to see which signs "
                "went with your offers: interview-signals outcome ID RESULT"
            )
        )
        return
    render_calibration(console, calibration, titles)


@printable_arguments
def render_calibration(console: Console, calibration: Mapping[str, Any], titles: Mapping[str, str]) -> None:
    """Which signs went with the user's offers, in plain words (plain.py): the raw
    count of offers, the clearest signs in a sentence each, then every sign's two
    sides as counts, each with where its rate likely lies (its 80% interval, as a
    bar over one 0-100% scale) and the chance a good reading truly goes with more
    offers. Thin signs come last, dimmed; a side with no interviews has no number."""
    room = width(console)
    console.print(Text("Which signs went with your offers", style="bold"), width=room)
    console.print(Text(plain.base_line(calibration)), width=room)
    console.print()
    phrases = plain.phrasing(catalog.load().signals)
    said = [(Text("·"), Text(sentence)) for sentence in plain.standouts(calibration, phrases, titles)]
    console.print(marked(said), width=room)
    console.print()
    for line in plain.legend():
        console.print(Text(line, style="dim"), width=room)
    console.print()
    signs = calibration["signals"]
    if room >= STACK_BELOW and sum(_columns(signs, titles)) + BAR_LEAST + 5 * 2 <= room:  # the table, when it fits
        console.print(_calibration_table(signs, titles, room), width=room)
    else:
        console.print(_calibration_stacked(signs, titles, room), width=room)
    verdicts = calibration.get("by_verdict") or {}
    if verdicts:
        console.print()
        console.print(labelled("Offers by verdict, of decided interviews: ", plain.by_verdict(verdicts)), width=room)
    if any(not entry["enough"] for entry in signs):
        console.print(Text(plain.few_note(), style="dim"), width=room)
    console.print(Text(plain.closing(calibration), style="italic"), width=room)


GROUPS = (("good", "green"), ("other", "yellow"))  # each sign's two sides, and their bars' colours


def _widest(signs: Sequence[Mapping[str, Any]], cell: Callable[[Mapping[str, Any]], str], least: int = 0) -> int:
    """The widest ``cell`` of any side of any sign."""
    return max([least, *(len(cell(e[name])) for e in signs for name, _ in GROUPS)])


BAR_LEAST = len(plain.NO_DATA) + 1  # the narrowest bar of the table: room for "no data yet"


def _columns(signs: Sequence[Mapping[str, Any]], titles: Mapping[str, str]) -> tuple[int, int, int, int, int]:
    """The widths of the table's columns but the bar: sign, side, offers, likely, Real? (its number or words)."""
    longest = max((cell_len(titles.get(e["id"], e["id"])) for e in signs), default=4)
    sides = max(len(word) for word in plain.SIDES.values())
    offers = _widest(signs, _count, len(plain.OFFERS))
    likely = _widest(signs, plain.likely, len(plain.LIKELY))
    real = max(len(plain.REAL), len(plain.TOO_FEW), *(len(words) for _, words in plain.REAL_WORDS))
    return longest, sides, offers, likely, real


def _calibration_table(signs: Sequence[Mapping[str, Any]], titles: Mapping[str, str], room: int) -> Table:
    """A row a side: sign, side, offers (a count), where the rate likely lies (as
    figures and a bar) and, on the good row, the chance it is real, its words beneath.

    Two spaces between columns; the bar takes what the others leave, BAR_LEAST to 40 cells."""
    longest, sides, offers, likely, real = _columns(signs, titles)
    bar = max(BAR_LEAST, min(40, room - (longest + sides + offers + likely + real + 5 * 2)))
    table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False)
    table.add_column("Sign", overflow="fold")
    table.add_column("")
    table.add_column(plain.OFFERS, justify="right", no_wrap=True)
    table.add_column(plain.LIKELY, justify="right", no_wrap=True)
    table.add_column("0% " + " " * max(0, bar - 7) + "100%", width=bar, no_wrap=True)
    table.add_column(plain.REAL, justify="right", no_wrap=True)
    for entry in signs:
        style = "" if entry["enough"] else "dim"
        for name, colour in GROUPS:
            group = entry[name]
            table.add_row(
                Text(titles.get(entry["id"], entry["id"]), style=style) if name == "good" else Text(""),
                Text(plain.SIDES[name], style=style),
                Text(_count(group), style=style),
                Text(plain.likely(group), style=style),
                _range_bar(group, bar, style or colour),
                _real(entry) if name == "good" else Text(plain.real_words(entry), style="dim"),  # its words beneath it
                end_section=name == "other",
            )
    return table


def _calibration_stacked(signs: Sequence[Mapping[str, Any]], titles: Mapping[str, str], room: int) -> Group:
    """For a narrow terminal: each sign's title and the chance it is real (and its words) on a line,
    its two sides beneath, each range labelled with what it is of; a bar too when there is room for one."""
    sides = max(len(word) for word in plain.SIDES.values())
    offers = _widest(signs, _count)
    likely = _widest(signs, _likely_said)
    bar = min(40, room - (2 + sides + 1 + offers + 1 + likely + 1))
    parts: list[Any] = []
    for entry in signs:
        style = "" if entry["enough"] else "dim"
        title = titles.get(entry["id"], entry["id"])
        said = f", {plain.real_words(entry)}" if entry["enough"] else ""
        real = Text.assemble((f"{plain.REAL} ", "dim"), _real(entry), said)
        if cell_len(f"{title} · ") + real.cell_len <= room:
            parts.append(Text.assemble((title, style or "bold"), (" · ", "dim"), real))
        else:  # the chance on a line of its own, under the title, as its sides are
            parts.extend([Text(title, style=style or "bold"), Padding(real, (0, 0, 0, 2))])
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(min_width=sides)
        grid.add_column(justify="right", min_width=offers, no_wrap=True)
        grid.add_column(min_width=likely if bar >= 10 else None)  # wraps between words when narrow
        if bar >= 10:
            grid.add_column(no_wrap=True)
        for name, colour in GROUPS:
            group = entry[name]
            cells = [Text(plain.SIDES[name], style=style), Text(_count(group), style=style)]
            cells.append(Text(_likely_said(group), style=style) if group["n"] else Text(plain.NO_DATA, style="dim"))
            if bar >= 10:
                cells.append(_range_bar(group, bar, style or colour) if group["n"] else Text(""))
            grid.add_row(*cells)
        parts.append(Padding(grid, (0, 0, 0, 2)))
    return Group(*parts)


def _count(group: Mapping[str, Any]) -> str:
    """A side's count of offers; blank for a side with no interviews (its bar cell says so)."""
    return plain.counts(group) if group["n"] else ""


def _likely_said(group: Mapping[str, Any]) -> str:
    return f"{plain.RATE_LIKELY} {plain.likely(group)}" if group["n"] else ""


def _real(entry: Mapping[str, Any]) -> Text:
    """The chance a good reading truly goes with more offers; "too few" when too thin to read."""
    return Text(plain.real(entry), style="bold" if entry["enough"] else "dim")


def _range_bar(group: Mapping[str, Any], size: int, style: str) -> Text:
    """A track of ``size`` cells for 0-100%, with the cells from the side's low to high filled
    (at least one); for a side with no interviews, no bar: it says so."""
    if not group["n"]:
        return Text(plain.NO_DATA, style="dim")
    first = min(size - 1, int(group["low"] * size))
    last = max(first, min(size - 1, math.ceil(group["high"] * size) - 1))
    return Text.assemble(("·" * first, "dim"), ("█" * (last - first + 1), style), ("·" * (size - 1 - last), "dim"))
