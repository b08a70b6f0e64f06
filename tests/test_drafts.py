"""Email drafts: short, addressed, specific where the answers allow, and never
mangled by what the user typed."""

from __future__ import annotations

import itertools
from importlib.resources import files

import pytest
from helpers import build_report

from interview_signals import catalog, drafts
from interview_signals.errors import CatalogError, InputError

# The answers that earn a specific line, in the order they are preferred.
TRIGGERS = [("pitch", "yes"), ("next_steps", "concrete"), ("extra_people", "yes"), ("tour", "yes"), ("vibe", "warm")]
NASTY = [
    "{company} {0} {__class__} {",
    "$company $$ ${role} $",
    "[bold red]Acme[/] [link=x]",
    'O\'Brien "Quotes" & Co',
    "Line one\nLine two\r\nLine three",
    "%s %(name)s %",
    "\\n \\ backslash",
]


def words(text: str) -> int:
    return len(text.split())


def test_shipped_drafts_load_and_cover_every_kind():
    templates = drafts.load()
    assert set(templates.kinds) == set(drafts.KINDS)
    for kind in templates.kinds.values():
        assert [(line.signal, line.answer) for line in kind.lines] == TRIGGERS


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_names_the_interviewer_company_and_role(kind):
    result = drafts.draft(kind, build_report({}, company="Acme", role="Data engineer", interviewer="Sam"))
    assert result.body.startswith("Hello Sam,\n")
    assert "the Data engineer role at Acme" in result.body
    assert "Acme" in result.subject and "Data engineer" in result.subject
    assert result.body.rstrip().endswith("[Your name]")
    assert result.text().startswith(f"Subject: {result.subject}\n\n")


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_interviewer_argument_wins_over_the_report(kind):
    result = drafts.draft(kind, build_report({}, interviewer="Sam"), interviewer="Dr Lee")
    assert result.body.startswith("Hello Dr Lee,\n") and "Sam" not in result.body
    assert drafts.draft(kind, build_report({}, interviewer="Sam"), interviewer="  ").body.startswith("Hello Sam,\n")


@pytest.mark.parametrize("kind", drafts.KINDS)
@pytest.mark.parametrize(
    ("context", "phrase"),
    [
        ({"company": "Acme"}, "the role at Acme"),
        ({"role": "Designer"}, "the Designer role"),
        ({}, "the role"),
        ({"company": "  ", "role": ""}, "the role"),
    ],
)
def test_reads_fine_with_part_or_none_of_the_context(kind, context, phrase):
    result = drafts.draft(kind, build_report({}, **context))
    assert result.body.startswith("Hello,\n")
    opening = "talk with me about" if kind == "thank-you" else "my interview for"
    assert f"{opening} {phrase}. " in result.body
    assert "  " not in result.body and " ." not in result.body and " ," not in result.body
    assert "  " not in result.subject and not result.subject.endswith(" ")
    assert "$" not in result.body + result.subject


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_specific_line_is_chosen_by_priority(kind):
    templates = drafts.load().kinds[kind]
    expected = [line.text for line in templates.lines]
    for start in range(len(TRIGGERS)):
        # Every trigger from this one down is present: the first of them wins.
        answers = dict(TRIGGERS[start:])
        body = drafts.draft(kind, build_report(answers, company="Acme")).body
        assert expected[start] in body
        assert all(other not in body for other in expected[:start] + expected[start + 1 :])
    assert templates.generic in drafts.draft(kind, build_report({"vibe": "cold", "pitch": "downsides"})).body


def test_pitch_line_reads_fine_with_or_without_a_company():
    for context in ({}, {"company": "Acme"}):
        body = drafts.draft("thank-you", build_report({"pitch": "yes"}, **context)).body
        assert "I appreciated hearing what makes the team a good place to work." in body


CONTEXTS = [
    {"company": "Acme", "role": "Data engineer", "interviewer": "Sam Lee"},
    {"company": "Acme", "interviewer": "Sam Lee"},
    {"company": "Acme", "role": "Data engineer"},
    {"company": "Acme"},
    {"role": "Data engineer", "interviewer": "Sam Lee"},
    {},
]


def every_answer_mix():
    """No trigger, each one alone, and every mix of them."""
    for mask in itertools.product([False, True], repeat=len(TRIGGERS)):
        yield {signal: answer for (signal, answer), on in zip(TRIGGERS, mask, strict=True) if on}


@pytest.mark.parametrize("kind", drafts.KINDS)
@pytest.mark.parametrize("context", CONTEXTS)
def test_the_company_is_named_once_in_the_body(kind, context):
    # The opening names it; a specific line after it must not say "at Acme" again.
    for answers in every_answer_mix():
        body = drafts.draft(kind, build_report(answers, **context)).body
        assert body.count("Acme") == (1 if "company" in context else 0), (answers, body)


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_follow_up_closing_does_not_undercut_itself(kind):
    body = drafts.draft(kind, build_report({}, company="Acme")).body.lower()
    for phrase in ("no rush", "no hurry", "whenever", "no pressure", "don't worry"):
        assert phrase not in body


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_every_combination_stays_under_150_words(kind):
    contexts = [
        {
            "company": "Northwind Traders International",
            "role": "Senior data platform engineer",
            "interviewer": "Alexandra Montgomery",
        },
        {"company": "Acme"},
        {"role": "Designer"},
        {},
    ]
    for context in contexts:
        for answers in every_answer_mix():
            result = drafts.draft(kind, build_report(answers, **context))
            assert words(result.body) < 150, (context, answers)
            assert words(result.subject) < 15


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_never_overclaims(kind):
    everything_good = {s.id: s.answers[0].id for s in catalog.load().signals}
    body = drafts.draft(kind, build_report(everything_good, company="Acme", role="Dev")).body.lower()
    for phrase in (
        "offer",
        "i'm the one",
        "i am the one",
        "perfect fit",
        "when i start",
        "when i join",
        "look forward to working",
    ):
        assert phrase not in body


@pytest.mark.parametrize("kind", drafts.KINDS)
@pytest.mark.parametrize("text", NASTY)
def test_user_text_comes_through_on_one_line(kind, text):
    result = drafts.draft(kind, build_report({"pitch": "yes"}, company=text, role=text, interviewer=text))
    flat = " ".join(text.split())  # line breaks typed into a name become spaces; nothing else changes
    assert f"Hello {flat},\n" in result.body
    assert f"the {flat} role at {flat}" in result.body
    assert drafts.load().kinds[kind].lines[0].text in result.body
    assert flat in result.subject and "\n" not in result.subject


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_ten_thousand_character_names_do_not_break_anything(kind):
    long = "Acme {x} $y [b] " * 625  # 10,000 characters
    result = drafts.draft(kind, build_report({}, company=long, role=long, interviewer=long))
    assert long.strip() in result.body


def test_malformed_report_parts_fall_back_to_neutral_text():
    for bad in (
        {},
        {"context": None, "signals": None},
        {"context": "Acme", "signals": [1, {"id": 2}, {"id": "pitch", "answer": None}]},
    ):
        result = drafts.draft("thank-you", bad)
        assert result.body.startswith("Hello,\n") and drafts.load().kinds["thank-you"].generic in result.body
    assert drafts.draft("follow-up", {"context": {"company": 42, "interviewer": ["x"]}}).body.startswith("Hello,\n")


def test_unknown_kind_is_an_input_error():
    with pytest.raises(
        InputError,
        match=r"^KIND 'thanks' \(did you mean 'thank-you'\?\): a draft is one of thank-you, follow-up, second-follow-up$",
    ):
        drafts.draft("thanks", build_report({}))


# --- validation on load ---------------------------------------------------------

SHIPPED = files("interview_signals.data").joinpath("drafts.toml").read_text(encoding="utf-8")


def broken(old: str, new: str) -> str:
    assert old in SHIPPED
    return SHIPPED.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (broken("version = 1", "version = 0"), "data/drafts.toml: version must be a positive whole number"),
        (broken('sign_off = "', 'signoff = "'), "data/drafts.toml: sign_off must be non-empty text"),
        (broken('unnamed = "Hello,"', 'unnamed = ""'), "data/drafts.toml: greeting.unnamed must be non-empty text"),
        (
            broken('named = "Hello $interviewer,"', 'named = "Hello there,"'),
            "data/drafts.toml: greeting.named must be a text using $interviewer",
        ),
        (
            broken('role = "the $role role"', 'role = "the $rol role"'),
            "data/drafts.toml: about.role must be a text using only these placeholders: $role (found $rol)",
        ),
        (
            broken('neither = "the role"', 'neither = "the $ role"'),
            "data/drafts.toml: about.neither must be a valid template (write $$ for a dollar sign)",
        ),
        (broken("[thank-you]\nbody", "[thank-you]\nbdy"), "data/drafts.toml: thank-you.body must be non-empty text"),
        (
            broken("my interview for $about.", "my interview."),
            "data/drafts.toml: follow-up.body must be a text using $about, $greeting, $line, $sign_off",
        ),
        (
            broken("makes the team a good", "makes the team at $company a good"),
            "data/drafts.toml: thank-you.lines[0].text must be a text using only these placeholders: nothing (found $company)",
        ),
        (
            broken("makes the team a good", "makes the team$at_company a good"),
            "data/drafts.toml: thank-you.lines[0].text must be a text using only these placeholders: nothing (found $at_company)",
        ),
        (
            broken('signal = "pitch"', 'signal = "pitchh"'),
            "data/drafts.toml: thank-you.lines[0].signal must be one of vibe, tour, extra_people, as_if_hired, start_date, length, pitch, other_offers, next_steps",
        ),
        (
            broken('answer = "concrete"', 'answer = "unsure"'),
            "data/drafts.toml: thank-you.lines[1].answer must be an answer of next_steps: concrete, vague, chase_assistant",
        ),
        (broken("[follow-up.subject]", "[follow-up.subjects]"), "data/drafts.toml: follow-up.subject must be a table"),
        ("version = [", "data/drafts.toml: not valid TOML"),
    ],
)
def test_broken_drafts_fail_on_load_naming_the_field(text, message):
    with pytest.raises(CatalogError) as info:
        drafts.parse(text, catalog.load())
    assert str(info.value).startswith(message)
