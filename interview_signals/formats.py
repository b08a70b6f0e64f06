"""The report as a file or a page: Markdown, HTML, SVG, plain text or JSON.

`show --format` prints one of these; `assess --export FILE` writes one, the
format named by the file's extension. HTML, SVG and text are the very report
the terminal shows, drawn by report.py into a recording console; Markdown is
written here from the report document, for notes apps; JSON is the document.

Only the names of the formats are needed to check a command line, so this
module imports nothing heavy at its top: rich comes in, through report.py,
only once a report is made.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from interview_signals.errors import InputError
from interview_signals.followup import display_date, skipped_note
from interview_signals.text import clip, did_you_mean, one_line

FORMATS = ("text", "md", "html", "svg", "json")
EXTENSIONS = {".md": "md", ".html": "html", ".svg": "svg", ".txt": "text", ".json": "json"}
# Other names people use for a format, or for its extension: each is
# answered with a did-you-mean, so there stays one name for each.
FORMAT_ALIASES = {"markdown": "md", "txt": "text", "plain": "text", "htm": "html"}
EXTENSION_ALIASES = {".markdown": ".md", ".text": ".txt", ".htm": ".html"}

# A draw function prints the report on the console it is given (a rich Console).
Draw = Callable[[Any], None]
# `show`: the outcome recorded, and its note.
Outcome = tuple[str, str | None] | None


def format_named(word: str) -> str:
    """``--format``'s value as one of FORMATS (any case); an InputError naming the allowed ones."""
    form = word.strip().lower()
    if form in FORMATS:
        return form
    raise InputError(f"--format '{clip(word)}': not a format{_suggest(form, FORMATS, FORMAT_ALIASES)}; choose {_either(FORMATS)}")


def export_format(path: str) -> str:
    """The format ``--export``'s file name asks for, by its extension (any case).

    Checked before anything is asked or saved, so a typo costs nothing: an
    unknown extension, or a path that is a folder, is an InputError.
    """
    extension = os.path.splitext(path)[1].lower()
    allowed = tuple(EXTENSIONS)
    if extension not in EXTENSIONS:
        said = f"'{clip(extension)}' is not a report format" if extension else "the file name has no extension"
        hint = _suggest(extension, allowed, EXTENSION_ALIASES) if extension else ""
        raise InputError(f"--export {clip(path)}: {said}{hint}; end it in {_either(allowed)}")
    if os.path.isdir(path):
        raise InputError(f"--export {clip(path)}: that is a folder; give a file name ending in {extension}")
    return EXTENSIONS[extension]


def _suggest(word: str, choices: tuple[str, ...], aliases: Mapping[str, str]) -> str:
    """A did-you-mean for another name of one of ``choices``, or for a near miss."""
    return f" (did you mean '{aliases[word]}'?)" if word in aliases else did_you_mean(word, choices)


def _either(choices: Sequence[str]) -> str:
    return ", ".join(choices[:-1]) + f" or {choices[-1]}"


# -- rendering -----------------------------------------------------------------------


def rendered(form: str, doc: Mapping[str, Any], draw: Draw, *, since: Sequence[str] = (), outcome: Outcome = None) -> str:
    """The report in ``form``: ``draw`` makes the drawn formats, ``doc`` (with
    ``since`` and ``outcome``, what `show` adds beside it) the others."""
    if form == "json":
        from interview_signals import output

        return output.json_text(doc) + "\n"
    if form == "md":
        from interview_signals.commands.rounds import titles

        return markdown(doc, titles(), since=since, outcome=outcome)
    return drawn(form, draw, title=report_title(doc))


def write(path: str, text: str, db: str | None) -> None:
    """Write the report to ``path``: private (0600, as the history is), whole
    or not at all, and never over the history that ``db`` names."""
    from interview_signals.commands.assess import write_private

    write_private(path, text.encode("utf-8"), "--export", db)


def report_title(doc: Mapping[str, Any]) -> str:
    """The report's title: "Interview report: Acme · Data engineer", or just "Interview report"."""
    who = _who(doc)
    return f"Interview report: {who}" if who else "Interview report"


def _who(doc: Mapping[str, Any]) -> str:
    context = doc.get("context") or {}
    return " · ".join(one_line(context[k]) for k in ("company", "role") if isinstance(context.get(k), str) and context[k].strip())


# -- drawn formats: text, HTML and SVG from rich's recorder --------------------------

# Font stacks every system has a member of, so a page needs no web font.
MONOSPACE = "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace"
SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
# Width over height of a glyph in the fonts above (0.6 in most). The SVG
# places each run of text at its column and stretches it to its width, so a
# font a little narrower or wider still keeps the table's columns in line.
FONT_ASPECT = 0.6

# The pages handed to rich's exporters, in their format-string language: rich
# fills in the {placeholders} and turns {{ into {; TITLE, MONOSPACE and SANS
# are ours (see _page). The HTML's lines are set close, so that box and bar
# characters join.
HTML_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>TITLE</title>
<style>
body {{ margin: 1.5rem; color: {foreground}; background: {background}; }}
pre {{ font-family: MONOSPACE; font-size: 14px; line-height: 1.25; }}
{stylesheet}
</style>
</head>
<body>
<pre>{code}</pre>
</body>
</html>
"""

# The matrix keeps the spaces at the ends of each run of text (xml:space):
# some renderers drop them, and the words after them slide left.
SVG_PAGE = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img">
<title>TITLE</title>
<style>
.{unique_id}-matrix {{ font-family: MONOSPACE; font-size: {char_height}px; }}
.{unique_id}-title {{ font-family: SANS; font-size: 18px; font-weight: bold; }}
{styles}
</style>
<defs>
{lines}
</defs>
{chrome}
<g transform="translate({terminal_x} {terminal_y})">
{backgrounds}
<g class="{unique_id}-matrix" xml:space="preserve">
{matrix}
</g>
</g>
</svg>
"""

# Characters XML 1.0 forbids even when escaped. User text reaches the report
# with its control characters escaped already (text.py); this is the last
# guard, so an SVG always parses.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def drawn(form: str, draw: Draw, *, title: str) -> str:
    """The report ``draw`` prints, recorded as plain text (no escape codes), an HTML page or an SVG picture."""
    from interview_signals import report

    recorder = report.recorder()
    draw(recorder)
    if form == "text":
        return "".join(line.rstrip() + "\n" for line in recorder.export_text(styles=False).splitlines())
    if form == "html":
        return recorder.export_html(code_format=_page(HTML_PAGE, title))
    if form == "svg":
        svg = recorder.export_svg(code_format=_page(SVG_PAGE, title), title=title, font_aspect_ratio=FONT_ASPECT)
        return _NOT_XML.sub("\ufffd", svg)
    raise ValueError(form)  # pragma: no cover - FORMATS holds no other drawn format


def _page(page: str, title: str) -> str:
    """``page`` with its fonts and ``title`` filled in, escaped for HTML and XML and,
    as rich formats the page, with any brace in it doubled."""
    named = html.escape(title).replace("{", "{{").replace("}", "}}")
    return page.replace("MONOSPACE", MONOSPACE).replace("SANS", SANS).replace("TITLE", named)


# -- Markdown -------------------------------------------------------------------------

# Punctuation that means something inline in Markdown (CommonMark, GitHub's
# tables and strikethrough, and the $ of notes apps' maths). A backslash
# before any of them keeps it literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#$])")
# What would start a block at the beginning of a line: a list item, a rule or a setext underline.
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def md(value: Any) -> str:
    """Text from the report as one line of literal Markdown, safe in a paragraph,
    a list item or a table cell: line breaks folded, control characters
    shown as escapes (text.py), and every character Markdown would act on
    backslash-escaped."""
    text = _INLINE.sub(r"\\\1", one_line(str(value)))
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def markdown(doc: Mapping[str, Any], titles: Mapping[str, str], *, since: Sequence[str] = (), outcome: Outcome = None) -> str:
    """The report as Markdown for a notes app: a heading and the verdict, a
    table of the signs, the doubts, questions to ask, the next steps as a
    checklist, the dates; for `show`, what was sent, what is next and the
    outcome. A pure function of its arguments; every value is escaped."""
    from interview_signals.commands.rounds import earlier_round
    from interview_signals.report import WEIGHT_NAME, your_history_line  # the words the terminal uses

    title_of = titles.get
    out = [f"# {md(report_title(doc))}", "", _verdict_line(doc), "", md(doc.get("summary", "")), ""]
    out += ["## The signs", "", "| Signal | Your answer | Reads as | Weight |", "| --- | --- | --- | --- |"]
    for item in doc.get("signals", []):
        weight = WEIGHT_NAME.get(item.get("weight"), str(item.get("weight"))) if item.get("points") is not None else "-"
        cells = (title_of(item["id"], item["id"]), item.get("answer_label", ""), item.get("reading", ""), weight)
        out.append("| " + " | ".join(md(cell) for cell in cells) + " |")
    out.append("")
    if doc.get("your_history"):
        out += _section("Your history", [f"- {md(your_history_line(doc['your_history']))}"])
    if since and doc.get("since_last_round"):
        out += _section(f"Since round {doc['since_last_round'].get('round')}", [f"- {md(line)}" for line in since])
    advice = doc.get("advice", [])
    doubts = [a for a in advice if a.get("kind") == "concern"]
    out += _section(
        "What the doubts may mean", [f"- **{md(title_of(a['signal'], a['signal']))}:** {md(a['text'])}" for a in doubts]
    )
    out += _section("Ask next time", _questions(doc.get("ask_next") or [], titles))
    steps = [a for a in advice if a.get("kind") != "concern"]
    out += _section("What to do next", [f"- [ ] {md(a['text'])}" for a in steps])
    earlier = earlier_round(doc)  # an earlier round's dates and drafts are its latest round's
    out += _section("Your dates", _dates(doc) if earlier is None else [])
    out += _section("Following up", _following_up(doc, outcome))
    out += _section("Notes", _notes(doc))
    out += [f"*{md(doc.get('caveat', ''))}*", ""]
    if earlier is not None:
        out += [f"{md(earlier[0])}: `{earlier[1]}`", ""]
    elif isinstance(doc.get("id"), int):  # saved
        out += [f"Interview #{doc['id']} in your history. Drafts: `interview-signals draft {doc['id']} thank-you`", ""]
    return "\n".join(out)


def _verdict_line(doc: Mapping[str, Any]) -> str:
    """The verdict, the score in plain words (plain.score_words: one from too few signs is
    said to be no verdict, as the terminal says it) and the confidence."""
    from interview_signals import catalog, plain

    scored = md(plain.score_words(doc, catalog.load().too_few.id))
    counted = f"{md(doc.get('counted'))} of {md(doc.get('total'))} signals counted"
    return f"**{md(doc.get('verdict_label', doc.get('verdict', '')))}** · {scored} · confidence {md(doc.get('confidence', ''))} ({counted})"


def _section(heading: str, lines: list[str]) -> list[str]:
    return [f"## {md(heading)}", "", *lines, ""] if lines else []


def _questions(questions: Sequence[Mapping[str, str]], titles: Mapping[str, str]) -> list[str]:
    """Each question under the title of the sign it would settle, named once when a sign has two."""
    lines = []
    for n, entry in enumerate(questions):
        signal = entry["signal"]
        named = n == 0 or questions[n - 1]["signal"] != signal
        lead = f"**{md(titles.get(signal, signal))}:** " if named else ""
        lines.append(f"- {lead}{md(entry['question'])}")
    return lines


def _dates(doc: Mapping[str, Any]) -> list[str]:
    lines = []
    when = (doc.get("context") or {}).get("date")
    if when:
        lines.append(f"- Interview: {_day(when)}")
    plan = doc.get("follow_up")
    if plan:
        lines.append(f"- Thank-you note by: **{_day(plan['thank_you_by'])}**")
        if plan.get("reply_by"):
            why = f"the first working day after {_day(plan['reply_by'])}, when they said you'd hear back"
        else:
            why = "a week after the interview, as they named no day to hear back"
        lines.append(f"- Follow up on: **{_day(plan['follow_up_on'])}**, {why}")
        skipped = skipped_note(plan)
        if skipped:  # the public holidays it moved past (config set holidays)
            lines.append(f"  - {md(skipped)}")
    return lines


def _following_up(doc: Mapping[str, Any], outcome: Outcome) -> list[str]:
    lines = [f"- Sent: {md(item['action'])} on {_day(item['on'])}" for item in doc.get("sent") or []]
    upcoming = doc.get("next_action")
    if upcoming:
        from interview_signals import words  # the words `show` uses

        lines.append(f"- Next: {md(words.todo(upcoming['action'], _day(upcoming['on'])))}")
    if outcome is not None:
        result, note = outcome
        lines.append(f"- Outcome: {md(result)}" + (f" ({md(note)})" if note else ""))
    return lines


def _notes(doc: Mapping[str, Any]) -> list[str]:
    """`show`'s notes, a list item each; a note's lines stay lines (a hard break, \\ at the end of each)."""
    lines = []
    for note in doc.get("notes") or []:
        parts = [md(part) for part in str(note["text"]).splitlines() if part.strip()]
        lines.append(f"- **{_day(note['on'])}:** " + "\\\n  ".join(parts))
    return lines


def _day(iso: str) -> str:
    """2026-12-04 as "Fri 4 Dec 2026"; what is not a date, as it is."""
    try:
        return display_date(date.fromisoformat(iso))
    except (TypeError, ValueError):
        return md(iso)
