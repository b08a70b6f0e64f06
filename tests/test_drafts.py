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
# After a rejection or when withdrawing, only how the day felt is worth a line.
KIND_TRIGGERS = {
    "thank-you": TRIGGERS,
    "follow-up": TRIGGERS,
    "second-follow-up": TRIGGERS,
    "feedback": [("extra_people", "yes"), ("vibe", "warm")],
    "withdraw": [("extra_people", "yes"), ("vibe", "warm")],
}
# How each body's first sentence leads into the role: "... about the role. "
OPENINGS = {
    "thank-you": "talk with me about {}. ",
    "follow-up": "my interview for {}. ",
    "second-follow-up": "my interview for {}. ",
    "feedback": "your decision about {}. ",
    "withdraw": "considering me for {}, and ",
}
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
    assert set(templates.kinds) == set(drafts.KINDS) == set(KIND_TRIGGERS) == set(OPENINGS)
    for name, kind in templates.kinds.items():
        assert [(line.signal, line.answer) for line in kind.lines] == KIND_TRIGGERS[name]


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
    assert result.body.startswith("Dear Dr. Lee,\n") and "Sam" not in result.body
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
    assert OPENINGS[kind].format(phrase) in result.body
    assert "  " not in result.body and " ." not in result.body and " ," not in result.body
    assert "  " not in result.subject and not result.subject.endswith(" ")
    assert "$" not in result.body + result.subject


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_specific_line_is_chosen_by_priority(kind):
    templates = drafts.load().kinds[kind]
    expected = [line.text for line in templates.lines]
    triggers = KIND_TRIGGERS[kind]
    for start in range(len(triggers)):
        # Every trigger from this one down is present: the first of them wins.
        answers = dict(triggers[start:])
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
            "interviewer": "Professor Alexandra de la Montgomery",
            "topic": "the move to event sourcing and how the team reviews schema changes",
            "date": "2026-11-23",
            "reply_by": "2026-12-04",
        },
        {"company": "Acme", "interviewer": "Sam Carter", "date": "2026-11-23"},
        {"role": "Designer", "reply_by": "2026-12-04"},
        {},
    ]
    for context in contexts:
        for sender in (None, "Ada King, Countess of Lovelace"):
            for answers in every_answer_mix():
                result = drafts.draft(kind, build_report(answers, **context), sender=sender)
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
    result = drafts.draft(kind, build_report(dict(KIND_TRIGGERS[kind][:1]), company=text, role=text, interviewer=text))
    flat = " ".join(text.split())  # line breaks typed into a name become spaces; nothing else changes
    assert result.body.startswith(f"Hello {flat.split()[0]},\n")  # the first name, as typed
    assert f"the {flat} role at {flat}" in result.body
    assert drafts.load().kinds[kind].lines[0].text in result.body
    assert flat in result.subject and "\n" not in result.subject


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_ten_thousand_character_names_do_not_break_anything(kind):
    long = "Acme {x} $y [b] " * 625  # 10,000 characters
    result = drafts.draft(kind, build_report({}, company=long, role=long, interviewer=long))
    assert long.strip() in result.body


# --- the greeting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Sam Carter", "Hello Sam,"),
        ("Sam", "Hello Sam,"),
        ("  sam   carter ", "Hello sam,"),  # as typed
        ("Zoë Ó Briain-Nguyen", "Hello Zoë,"),
        ("Drew Barrymore", "Hello Drew,"),  # starts with "Dr", but is no title
        ("Professorson", "Hello Professorson,"),
        ("J. Smith", "Hello J. Smith,"),  # an initial is no first name
        ("Dr Montgomery-Williams", "Dear Dr. Montgomery-Williams,"),
        ("Dr. Montgomery-Williams", "Dear Dr. Montgomery-Williams,"),
        ("dr montgomery-williams", "Dear Dr. montgomery-williams,"),  # the name as typed, the title written properly
        ("DR. Jane Okafor", "Dear Dr. Okafor,"),
        ("Mr. Sam Lee", "Dear Mr. Lee,"),
        ("mrs Patel", "Dear Mrs. Patel,"),
        ("Ms Ana de la Cruz", "Dear Ms. de la Cruz,"),
        ("Mx. Rowe", "Dear Mx. Rowe,"),
        ("prof. Ada Byron", "Dear Prof. Byron,"),
        ("Prof Ludwig van Beethoven", "Dear Prof. van Beethoven,"),
        ("Professor Turing", "Dear Professor Turing,"),
        ("PROFESSOR. Alan Turing", "Dear Professor Turing,"),
        ("Dr", "Hello,"),  # a title alone names no one
        ("Dr.", "Hello,"),
        ("", "Hello,"),
    ],
)
def test_greeting(name, greeting):
    body = drafts.draft("thank-you", build_report({}, interviewer=name or None)).body
    assert body.split("\n")[0] == greeting


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_every_kind_greets_the_same_way(kind):
    assert drafts.draft(kind, build_report({}, interviewer="Sam Carter")).body.startswith("Hello Sam,\n\n")
    assert drafts.draft(kind, build_report({}, interviewer="dr okafor")).body.startswith("Dear Dr. okafor,\n\n")


def test_surname_takes_the_particles_before_it():
    assert drafts.surname(["Ana", "de", "la", "Cruz"]) == "de la Cruz"
    assert drafts.surname(["Van", "Helsing"]) == "Van Helsing"
    assert drafts.surname(["Jane", "Okafor"]) == "Okafor"
    assert drafts.surname(["Okafor"]) == "Okafor"


# --- the sign-off -------------------------------------------------------------------


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_signed_with_the_senders_name_else_a_visible_slot(kind):
    report = build_report({}, company="Acme")
    signed = drafts.draft(kind, report, sender="Ada Lovelace").body
    assert signed.endswith("\n\nBest wishes,\nAda Lovelace") and "[Your name]" not in signed
    for nobody in (None, "", "   "):
        assert drafts.draft(kind, report, sender=nobody).body.endswith("\n\nBest wishes,\n[Your name]")


@pytest.mark.parametrize("text", NASTY)
def test_the_senders_name_comes_through_on_one_line(text):
    body = drafts.draft("follow-up", build_report({}), sender=text).body
    assert body.endswith("Best wishes,\n" + " ".join(text.split()))


# --- the thank-you note's topic ---------------------------------------------------------

SLOT = "[One thing you talked about that stayed with you.]"


def test_the_thank_you_names_the_topic_after_the_line_about_how_it_went():
    report = build_report(
        {"pitch": "yes"}, company="Acme", role="Data engineer", interviewer="Sam Carter", topic="the move to event sourcing"
    )
    assert drafts.draft("thank-you", report, sender="Ada Lovelace").body == (
        "Hello Sam,\n\n"
        "Thank you for taking the time to talk with me about the Data engineer role at Acme. "
        "I appreciated hearing what makes the team a good place to work. "
        "I especially enjoyed talking about the move to event sourcing.\n\n"
        "I came away with a clearer picture of the work, and I'm very interested in it. "
        "If there is anything else I can send you, please let me know.\n\n"
        "Best wishes,\nAda Lovelace"
    )


@pytest.mark.parametrize("answers", [{}, {"vibe": "warm"}, {"tour": "yes"}])
def test_without_a_topic_the_thank_you_leaves_a_slot_to_fill_in(answers):
    for context in ({}, {"topic": ""}, {"topic": "  "}, {"topic": " . "}):
        body = drafts.draft("thank-you", build_report(answers, **context)).body
        assert f". {SLOT}\n\n" in body and "talking about" not in body


@pytest.mark.parametrize(
    "topic", ["the move to event sourcing.", "the move to event sourcing", "  the move\nto event sourcing  "]
)
def test_a_topic_is_one_line_ending_in_one_full_stop(topic):
    body = drafts.draft("thank-you", build_report({}, topic=topic)).body
    assert "I especially enjoyed talking about the move to event sourcing.\n\n" in body and SLOT not in body


@pytest.mark.parametrize("text", NASTY)
def test_a_topic_comes_through_exactly(text):
    body = drafts.draft("thank-you", build_report({}, topic=text)).body
    assert f"talking about {' '.join(text.split()).rstrip('. ')}." in body


@pytest.mark.parametrize("kind", [k for k in drafts.KINDS if k != "thank-you"])
def test_only_the_thank_you_names_the_topic(kind):
    body = drafts.draft(kind, build_report({}, topic="the move to event sourcing")).body
    assert "event sourcing" not in body and "[" not in body.replace("[Your name]", "")


# --- the follow-up's days --------------------------------------------------------------


@pytest.mark.parametrize(
    ("context", "sentence"),
    [
        (
            {"date": "2026-11-23", "reply_by": "2026-11-27"},
            "We spoke on Mon 23 Nov 2026, and you mentioned I might hear back by Fri 27 Nov 2026.",
        ),
        ({"date": "2026-11-23"}, "We spoke on Mon 23 Nov 2026."),
        ({"reply_by": "2026-12-04"}, "You mentioned I might hear back by Fri 4 Dec 2026."),
        ({"date": "2026-11-23", "reply_by": "not a date"}, "We spoke on Mon 23 Nov 2026."),
        ({"date": 20261123, "reply_by": "2026-12-04"}, "You mentioned I might hear back by Fri 4 Dec 2026."),
    ],
)
def test_the_follow_up_names_the_days_it_knows(context, sentence):
    body = drafts.draft("follow-up", build_report({"vibe": "warm"}, company="Acme", **context)).body
    assert f"my interview for the role at Acme. {sentence} I enjoyed our conversation and have thought about it since.\n" in body
    assert body.count("Nov 2026") + body.count("Dec 2026") == sentence.count(" 2026")


@pytest.mark.parametrize("context", [{}, {"date": "", "reply_by": None}, {"date": "someday"}])
def test_a_follow_up_with_no_day_known_leaves_no_gap(context):
    body = drafts.draft("follow-up", build_report({"vibe": "warm"}, **context)).body
    assert "my interview for the role. I enjoyed our conversation and have thought about it since.\n" in body
    assert "We spoke" not in body and "hear back" not in body
    assert all(line == line.strip(" ") and "  " not in line for line in body.split("\n"))


@pytest.mark.parametrize("kind", [k for k in drafts.KINDS if k != "follow-up"])
def test_only_the_follow_up_names_the_days(kind):
    body = drafts.draft(kind, build_report({}, date="2026-11-23", reply_by="2026-11-27")).body
    assert "2026" not in body


# --- after a rejection, and withdrawing ----------------------------------------------------


def test_feedback_thanks_them_and_asks_for_a_line_or_two():
    result = drafts.draft("feedback", build_report({}, company="Acme", role="Designer", interviewer="Sam Carter"))
    assert result.subject == "Feedback on my interview: Designer role at Acme"
    assert "Thank you for letting me know your decision about the Designer role at Acme." in result.body
    assert "I'd be grateful for any feedback" in result.body
    assert "disappointed" in result.body and "reconsider" not in result.body.lower()


def test_withdraw_says_so_plainly_and_owes_no_reason():
    result = drafts.draft("withdraw", build_report({}, company="Acme", role="Designer", interviewer="Sam Carter"))
    assert result.subject == "Withdrawing my application: Designer role at Acme"
    assert "I have decided to withdraw from the process." in result.body
    assert "because" not in result.body and "[" not in result.body.replace("[Your name]", "")


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
        match=r"^KIND 'thanks' \(did you mean 'thank-you'\?\): a draft is one of thank-you, follow-up, second-follow-up, feedback, withdraw$",
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
            broken('named = "Hello $name,"', 'named = "Hello there,"'),
            "data/drafts.toml: greeting.named must be a text using $name",
        ),
        (
            broken('titled = "Dear $title $surname,"', 'titled = "Dear $title,"'),
            "data/drafts.toml: greeting.titled must be a text using $surname, $title",
        ),
        (broken('dr = "Dr."', 'Dr = "Dr."'), "data/drafts.toml: greeting.titles.Dr must be named in lower case letters"),
        (broken('mx = "Mx."', 'mx = ""'), "data/drafts.toml: greeting.titles.mx must be non-empty text"),
        (
            broken('sign_off = "Best wishes,\\n$sender"', 'sign_off = "Best wishes,\\n[Your name]"'),
            "data/drafts.toml: sign_off must be a text using $sender",
        ),
        (broken('sender_slot = "[Your name]"', 'sender_slot = " "'), "data/drafts.toml: sender_slot must be non-empty text"),
        (
            broken("talk with me about $about. $line $topic", "talk with me about $about. $line"),
            "data/drafts.toml: thank-you.body must be a text using $about, $greeting, $line, $sign_off, $topic",
        ),
        (
            broken('topic = "I especially enjoyed talking about $topic."', 'topic = "I especially enjoyed it."'),
            "data/drafts.toml: thank-you.topic must be a text using $topic",
        ),
        (
            broken('topic_slot = "[', 'topicslot = "['),
            "data/drafts.toml: thank-you.topic_slot must be non-empty text",
        ),
        (
            broken('reply_by = "You mentioned I might hear back by $reply_by."', 'reply_by = "You mentioned a day."'),
            "data/drafts.toml: follow-up.days.reply_by must be a text using $reply_by",
        ),
        (
            broken('date = "We spoke on $date."', 'date = "We spoke on $date, by $reply_by."'),
            "data/drafts.toml: follow-up.days.date must be a text using only these placeholders: $date (found $reply_by)",
        ),
        (
            broken("once more about my interview for $about.", "once more about my interview for $about on $days."),
            "data/drafts.toml: second-follow-up.body must be a text using only these placeholders: $about, $greeting, $line, $sign_off (found $days)",
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
            "data/drafts.toml: follow-up.body must be a text using $about, $days, $greeting, $line, $sign_off",
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
