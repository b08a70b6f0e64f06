"""The report in other formats: `show --format` and `assess --export FILE`.

Each format is parsed back as its reader would parse it (Markdown with
markdown-it-py, SVG with an XML parser, HTML with html.parser), and what is
asserted is content: the verdict, the company, the nine signs, the dates.
"""

from __future__ import annotations

import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pexpect
import pytest
from helpers import ALL_BEST, MIXED, assert_usage_error, build_report, flags, installed_command, run, run_json, save
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from interview_signals import catalog, cli, followup, formats
from interview_signals.text import one_line

TITLES = {s.id: s.title for s in catalog.load().signals}
HOSTILE = [
    "A|B",
    "*x*",
    "_under_ and **bold**",
    "`tick`",
    "<b>tag</b> & &amp;",
    "[link](javascript:alert(1))",
    "![img](x.png)",
    "# heading",
    "1. one",
    "- dash",
    "> quote",
    "a\\|b \\",
    "two\nlines",
    "~~gone~~ $x$",
    "esc\x1b[31mred",
]
SVG_NAMESPACE = re.search(r'xmlns="([^"]+)"', formats.SVG_PAGE)[1]
SVG = f"{{{SVG_NAMESPACE}}}"


# -- reading each format back --------------------------------------------------------


def parse_md(text: str) -> list:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(text)


def inline_text(token) -> str:
    """The text a reader sees in an inline token; markup would show as other child types."""
    return "".join(child.content if child.type != "softbreak" else " " for child in token.children)


def md_table(tokens) -> list[list[str]]:
    """The rows of the first table, header first, each a list of its cells' text."""
    rows: list[list[str]] = []
    inside = False
    for token in tokens:
        if token.type == "table_open":
            inside = True
        elif token.type == "table_close":
            break
        elif inside and token.type == "tr_open":
            rows.append([])
        elif inside and token.type == "inline":
            rows[-1].append(inline_text(token))
    return rows


def md_sections(tokens) -> dict[str, list[str]]:
    """Each h2 heading's text to the text of the list items under it."""
    sections: dict[str, list[str]] = {}
    current = None
    for n, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            current = inline_text(tokens[n + 1])
            sections[current] = []
        elif token.type == "list_item_open" and current is not None:
            sections[current].append(inline_text(tokens[n + 2]))  # list_item_open, paragraph_open, inline
    return sections


def svg_lines(svg: str) -> list[str]:
    """The SVG's text, laid back on its grid of columns, one string a line."""
    root = ET.fromstring(svg)
    matrix = next(g for g in root.iter(f"{SVG}g") if g.get("class", "").endswith("-matrix"))
    lines: dict[float, dict[int, str]] = {}
    for text in matrix.iter(f"{SVG}text"):
        column = round(float(text.get("x")) / (20 * formats.FONT_ASPECT))
        lines.setdefault(float(text.get("y")), {})[column] = (text.text or "").replace("\xa0", " ").rstrip("\n")
    out = []
    for _, runs in sorted(lines.items()):
        line = ""
        for column, content in sorted(runs.items()):
            line = line.ljust(column) + content
        out.append(line.rstrip())
    return out


class Page(HTMLParser):
    """The title, the tags, and the text of the <pre> of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.title = ""
        self.pre = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._in.append(tag)

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        if "pre" in self._in:
            self.pre += data


def text_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def saved(december):
    """Interview #1 at a company whose name is Markdown, with a thank-you sent and an outcome."""
    doc = save(MIXED, "--company", "A|B *x*", "--role", "Data `engineer`", "--date", "2026-12-01")
    assert run("sent", "1", "thank-you", "--on", "2026-12-01").exit_code == 0
    assert run("outcome", "1", "pending", "--note", "said _soon_").exit_code == 0
    return doc


# -- Markdown ------------------------------------------------------------------------


def test_markdown_holds_the_heading_verdict_signs_doubts_checklist_and_dates():
    plan = followup.schedule(followup.parse_date("2026-12-01", "date"), None)
    doc = build_report(MIXED, company="Acme", role="Data engineer", date="2026-12-01", follow_up=plan)
    tokens = parse_md(formats.markdown(doc, TITLES))

    assert tokens[0].type == "heading_open" and tokens[0].tag == "h1"
    assert inline_text(tokens[1]) == "Interview report: Acme · Data engineer"
    paragraphs = [inline_text(tokens[n + 1]) for n, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert paragraphs[0] == f"{doc['verdict_label']} · {doc['score']}/100 · confidence medium (7 of 9 signals counted)"
    assert paragraphs[1] == doc["summary"]

    rows = md_table(tokens)
    assert rows[0] == ["Signal", "Your answer", "Reads as", "Weight"]
    assert [row[0] for row in rows[1:]] == [TITLES[s] for s in ALL_BEST]
    assert all(len(row) == 4 for row in rows)
    pitch = rows[1 + list(ALL_BEST).index("pitch")]
    assert pitch == [TITLES["pitch"], "They stressed the job's downsides", "concerning", "strong"]
    tour = rows[1 + list(ALL_BEST).index("tour")]
    assert tour[2:] == ["not counted", "-"]

    sections = md_sections(tokens)
    doubts = [a for a in doc["advice"] if a["kind"] == "concern"]
    assert sections["What the doubts may mean"] == [f"{TITLES[a['signal']]}: {a['text']}" for a in doubts]
    steps = [a["text"] for a in doc["advice"] if a["kind"] != "concern"]
    assert sections["What to do next"] == [f"[ ] {text}" for text in steps]  # a checklist
    assert sections["Your dates"] == [
        "Interview: Tue 1 Dec 2026",
        "Thank-you note by: Wed 2 Dec 2026",
        "Follow up on: Tue 8 Dec 2026, a week after the interview, as they named no day to hear back",
    ]
    assert len(sections["Ask next time"]) == len(doc["ask_next"])
    assert "Following up" not in sections  # only `show` has something to say there


def test_markdown_of_a_report_with_no_company_and_no_score():
    doc = build_report({key: "unsure" for key in ALL_BEST})
    tokens = parse_md(formats.markdown(doc, TITLES))
    assert inline_text(tokens[1]) == "Interview report"
    assert inline_text(tokens[4]).startswith("Not enough to go on · no score ·")
    assert [row[3] for row in md_table(tokens)[1:]] == ["-"] * 9
    assert "Your dates" not in md_sections(tokens)


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_keeps_hostile_names_as_plain_text(name):
    doc = build_report(MIXED, company=name, role=name)
    tokens = parse_md(formats.markdown(doc, {"vibe": name, **{k: v for k, v in TITLES.items() if k != "vibe"}}))

    heading = tokens[1]
    assert {child.type for child in heading.children} <= {"text"}, heading.children  # no emphasis, link, code or HTML
    assert inline_text(heading) == f"Interview report: {one_line(name)} · {one_line(name)}"
    rows = md_table(tokens)
    assert len(rows) == 10 and all(len(row) == 4 for row in rows)  # nothing split or ended the table
    assert rows[1][0] == one_line(name)
    assert not any(t.type in ("html_block", "html_inline", "link_open", "image", "code_inline", "em_open") for t in tokens)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_is_one_literal_cell_and_one_literal_list_item(text):
    cell = md_table(parse_md(f"| a |\n| --- |\n| {formats.md(text)} |\n"))
    assert cell == [["a"], [one_line(text)]]
    items = md_sections(parse_md(f"## s\n\n- {formats.md(text)}\n"))["s"] if one_line(text) else [""]
    assert items == [one_line(text)]


def test_show_markdown_has_what_was_sent_what_is_next_and_the_outcome(saved):
    result = run("show", "1", "--format", "md")
    assert result.exit_code == 0, result.stderr
    tokens = parse_md(result.stdout)
    assert inline_text(tokens[1]) == "Interview report: A|B *x* · Data `engineer`"
    assert md_sections(tokens)["Following up"] == [
        "Sent: thank-you on Tue 1 Dec 2026",
        "Next: follow up on Tue 8 Dec 2026",
        "Outcome: pending (said _soon_)",
    ]


def test_a_later_round_s_markdown_says_what_changed(december):
    save(ALL_BEST, "--company", "Acme", "--date", "2026-12-01")
    save(ALL_BEST | {"length": "cut_short"}, "--round-of", "1", "--date", "2026-12-08")
    sections = md_sections(parse_md(run("show", "2", "--format", "md").stdout))
    assert sections["Since round 1"][0].startswith("Score: 100 → ")  # from, to, and the change
    assert sections["Since round 1"][1].startswith(f"{TITLES['length']}: ")


# -- text, HTML and SVG: the report the terminal shows ---------------------------------


def test_text_is_the_terminal_report_at_100_columns_without_escape_codes(saved):
    text = run("show", "1", "--format", "text").stdout
    coloured = run("show", "1", env={"COLUMNS": "100", "NO_COLOR": None, "TERM": "xterm-256color", "FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout  # the terminal's report here is in colour
    assert "\x1b" not in text
    plain = run("show", "1", env={"COLUMNS": "100"}).stdout
    assert text_lines(text) == text_lines(plain)
    assert "A|B *x* · Data `engineer`" in text and "Outcome: pending (said _soon_)" in text


def test_text_is_the_same_however_wide_the_terminal(saved):
    narrow = run("show", "1", "--format", "text", env={"COLUMNS": "40"}).stdout
    wide = run("show", "1", "--format", "text", env={"COLUMNS": "200"}).stdout
    assert narrow == wide
    assert max(len(line) for line in narrow.splitlines()) == 100  # the verdict's box spans the width


def test_svg_is_well_formed_and_draws_the_text_report_on_its_grid(saved):
    result = run("show", "1", "--format", "svg")
    assert result.exit_code == 0, result.stderr
    svg = result.stdout
    root = ET.fromstring(svg)
    assert SVG_NAMESPACE.endswith("/2000/svg")  # SVG 1.1's namespace, without which it is not read as SVG
    assert root.tag == f"{SVG}svg"
    assert root.findtext(f"{SVG}title") == "Interview report: A|B *x* · Data `engineer`"
    assert svg_lines(svg) == text_lines(run("show", "1", "--format", "text").stdout)
    style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    assert "@font-face" not in style and "url(" not in style  # nothing to download
    assert "monospace" in style


def test_html_parses_and_its_page_is_the_text_report(saved):
    result = run("show", "1", "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = Page(result.stdout)
    assert page.tags[:2] == ["html", "head"] and "pre" in page.tags
    assert page.title == "Interview report: A|B *x* · Data `engineer`"
    assert text_lines(page.pre) == text_lines(run("show", "1", "--format", "text").stdout)
    assert "@font-face" not in result.stdout and "monospace" in result.stdout


def test_a_company_with_control_characters_still_makes_a_valid_svg(december):
    save(ALL_BEST, "--company", "bell\x07 nul\x01 esc\x1b[2J", "--date", "2026-12-01")
    svg = run("show", "1", "--format", "svg").stdout
    assert any("bell\\x07 nul\\x01 esc\\x1b[2J" in line for line in svg_lines(svg))


def test_the_last_guard_keeps_the_svg_well_formed_whatever_is_drawn():
    svg = formats.drawn("svg", lambda console: console.print("a\x01b\x1fc"), title="t\x02")
    assert any(line.startswith("a") for line in svg_lines(svg))


# -- show --format ---------------------------------------------------------------------


@pytest.mark.parametrize("form", formats.FORMATS)
def test_show_prints_every_format_with_the_verdict_and_the_company(saved, form):
    result = run("show", "1", "--format", form.upper() if form == "svg" else form)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert saved["verdict_label"] in result.stdout
    company = {"md": "A\\|B \\*x\\*", "json": '"company": "A|B *x*"'}.get(form, "A|B *x*")
    assert company in result.stdout


def test_format_json_is_json():
    save(ALL_BEST)
    assert run("show", "1", "--format", "json").stdout == run("show", "1", "--json").stdout
    assert run("show", "1", "--json", "--format", "json").stdout == run("show", "1", "--json").stdout


def test_json_and_another_format_is_a_usage_error():
    save(ALL_BEST)
    assert_usage_error(run("show", "1", "--json", "--format", "md"), "--json and --format md", "give one of them")


@pytest.mark.parametrize(("word", "meant"), [("mdd", "md"), ("svgg", "svg"), ("markdown", "md"), ("txt", "text")])
def test_an_unknown_format_is_a_usage_error_with_a_did_you_mean(word, meant):
    save(ALL_BEST)
    assert_usage_error(
        run("show", "1", "--format", word), f"--format '{word}'", f"did you mean '{meant}'", "text, md, html, svg or json"
    )


def test_the_format_is_checked_before_the_interview_is_looked_up():
    assert_usage_error(run("show", "7", "--format", "pdf"), "--format 'pdf'", "choose text, md")


def test_format_completion_offers_the_formats():
    assert cli.history._complete_formats("") == list(formats.FORMATS)
    assert cli.history._complete_formats("s") == ["svg"]


# -- assess --export FILE --------------------------------------------------------------


def exported(tmp_path: Path, name: str, *args: str, env: dict[str, str] | None = None):
    path = tmp_path / name
    result = run("assess", *flags(MIXED), "--company", "A|B *x*", "--date", "2026-12-01", "--export", str(path), *args, env=env)
    return result, path


@pytest.mark.parametrize("name", ["r.md", "r.html", "r.svg", "r.txt", "r.json", "R.MD"])
def test_export_writes_the_format_its_extension_names_and_still_prints_the_report(tmp_path, december, name):
    result, path = exported(tmp_path, name)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote the report to {path}.\n"
    assert "Saved as interview #1" in result.stdout and "A|B *x*" in result.stdout  # printed as usual
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal, as the history is
    assert sorted(os.listdir(tmp_path)) == sorted([name, "home"])  # no temporary file left
    data = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".md":
        tokens = parse_md(data)
        assert inline_text(tokens[1]) == "Interview report: A|B *x*"
        assert len(md_table(tokens)) == 10
    elif suffix == ".html":
        page = Page(data)
        assert page.title == "Interview report: A|B *x*" and "Saved as interview #1" in page.pre
    elif suffix == ".svg":
        assert any("Saved as interview #1" in line for line in svg_lines(data))
    elif suffix == ".txt":
        assert "\x1b" not in data and "Saved as interview #1" in data
    else:
        shown = run_json("show", "1", "--json")
        assert json.loads(data) == {key: value for key, value in shown.items() if key not in ("sent", "next_action", "notes")}
        assert json.loads(data)["context"]["company"] == "A|B *x*"


def test_export_json_is_what_assess_json_prints(tmp_path, december):
    result, path = exported(tmp_path, "r.json", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(result.stdout)


def test_export_text_is_the_report_printed_at_100_columns(tmp_path, december):
    result, path = exported(tmp_path, "r.txt", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == result.stdout
    assert "Saved as interview #1" in result.stdout


def test_export_replaces_a_file_that_is_there(tmp_path, december):
    path = tmp_path / "r.md"
    path.write_text("old notes")
    result, _ = exported(tmp_path, "r.md")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8").startswith("# Interview report: A\\|B \\*x\\*")


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("r.mdd", ["--export", "'.mdd' is not a report format", "did you mean '.md'", ".md, .html, .svg, .txt or .json"]),
        ("r.markdown", ["did you mean '.md'"]),
        ("r.htm", ["did you mean '.html'"]),
        ("r.pdf", ["'.pdf' is not a report format", "end it in .md"]),
        ("report", ["the file name has no extension", "end it in .md"]),
    ],
)
def test_an_unknown_extension_fails_before_anything_is_asked_or_saved(tmp_path, name, fragments):
    path = tmp_path / name
    # stdin is not a terminal and no answers are given: the export is checked first all the same
    assert_usage_error(run("assess", "--export", str(path)), *fragments)
    assert_usage_error(run("assess", *flags(ALL_BEST), "--export", str(path)), *fragments)
    assert not path.exists()
    assert run_json("history", "--json") == []


def test_a_folder_is_not_an_export_file(tmp_path):
    (tmp_path / "notes.md").mkdir()
    assert_usage_error(run("assess", *flags(ALL_BEST), "--export", str(tmp_path / "notes.md")), "is a folder", "ending in .md")
    assert run_json("history", "--json") == []


def no_permission(source, target):
    raise OSError(13, "Permission denied")


def test_an_unwritable_path_is_exit_1_after_the_report_is_printed_and_saved(tmp_path, december, monkeypatch):
    """A file that fails only as it is written (a missing folder is refused before anything, exit 2)."""
    path = tmp_path / "r.md"
    monkeypatch.setattr(os, "replace", no_permission)
    result = run("assess", *flags(ALL_BEST), "--company", "Acme", "--export", str(path))
    assert result.exit_code == 1
    assert "Saved as interview #1" in result.stdout  # the report was printed
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"cannot write {path}" in lines[0] and "saved as #1" in lines[0] and "show 1 --format md" in lines[0]
    assert not path.exists()
    assert run_json("history", "--json")[0]["company"] == "Acme"


def test_an_unwritable_path_without_saving_says_the_report_was_not_saved(tmp_path, monkeypatch):
    path = tmp_path / "r.svg"
    monkeypatch.setattr(os, "replace", no_permission)
    result = run("assess", *flags(ALL_BEST), "--no-save", "--export", str(path))
    assert result.exit_code == 1
    assert "These are signs, not an offer" in result.stdout
    assert "the report was printed, not saved" in result.stderr


def test_a_failed_write_leaves_nothing_half_written(tmp_path, december, monkeypatch):
    path = tmp_path / "r.html"
    path.write_text("the old page")

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = run("assess", *flags(ALL_BEST), "--export", str(path))
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "saved as #1" in result.stderr
    assert path.read_text() == "the old page"  # the old file is whole
    assert sorted(os.listdir(tmp_path)) == ["home", "r.html"]  # and no temporary file is left beside it


def test_ctrl_c_while_writing_leaves_no_file_and_says_the_interview_was_saved(tmp_path, december, monkeypatch):
    path = tmp_path / "r.svg"

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = run("assess", *flags(ALL_BEST), "--export", str(path))
    assert result.exit_code == 130
    assert "interrupted while writing" in result.stderr and "saved as #1" in result.stderr
    assert "nothing was saved" not in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["home"]


@pytest.mark.subprocess
def test_in_a_terminal_a_bad_extension_is_refused_before_the_first_question(tmp_path, isolated_home):
    env = os.environ | {"PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "INTERVIEW_SIGNALS_HOME": str(isolated_home)}
    child = pexpect.spawn(
        installed_command(),
        ["assess", "--export", "notes.mdd"],
        env=env,
        dimensions=(40, 80),
        encoding="utf-8",
        timeout=20,
        cwd=tmp_path,
    )
    child.expect(pexpect.EOF)
    child.wait()
    assert child.exitstatus == 2
    assert "did you mean '.md'" in child.before
    assert "Company?" not in child.before and "1/9" not in child.before  # nothing was asked
    assert sorted(os.listdir(tmp_path)) == []
