"""Short plain-text email drafts: a thank-you note, a follow-up, a second one,
a request for feedback after a rejection, and a polite withdrawal.

The wording lives in data/drafts.toml; this module picks the pieces and fills
them in. A draft is a starting point the candidate edits and sends, so it says
only what the answers support: one specific line about how the interview went,
never a hint that an offer is expected. The opening ($about) names the role and
the company; nothing else in a body can, so the company appears once.

The greeting uses the interviewer's first name ("Hello Sam,"), or the title and
surname when the name starts with a title ("Dear Dr. Okafor,"). The sign-off is
the sender's configured name, else a visible slot. The thank-you note names the
topic the candidate gave (else a visible slot to fill in); the follow-up names
the interview day and the promised reply day when they are known.

User text (names, company, role, topic) goes in through ``string.Template`` in
a single pass, so braces, dollar signs, [brackets], quotes and newlines come out
exactly as typed and can never break the template or raise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from functools import cache
from string import Template
from typing import Any

from interview_signals import catalog as catalog_module
from interview_signals import words
from interview_signals.catalog import Catalog
from interview_signals.errors import InputError
from interview_signals.followup import display_date
from interview_signals.text import clip, did_you_mean, known, one_line
from interview_signals.tomldata import DataFile

KINDS = (*words.SENDABLE, "feedback", "withdraw")  # the emails of the follow-up cycle, then two more
# Which of company and role are known decides the phrasing: a key per case.
CASES = ("both", "role", "company", "neither")
_CASE_FIELDS = {"both": {"role", "company"}, "role": {"role"}, "company": {"company"}, "neither": set()}
_BODY_FIELDS = frozenset({"greeting", "about", "line", "sign_off"})
# Which of the interview day and the promised reply day are known: with neither,
# a body's $days is left out.
_DAYS_FIELDS = {"both": {"date", "reply_by"}, "date": {"date"}, "reply_by": {"reply_by"}}
# Lines follow the opening that named the company, so they take no placeholders.
_LINE_FIELDS: frozenset[str] = frozenset()
# Words that belong to a surname when they come before its last word: "Dr Ana de la Cruz" is Dr. de la Cruz.
PARTICLES = frozenset("al bin da das de del della den der des di do dos du la le st st. ten ter van von".split())
_TITLE_KEY = re.compile(r"[a-z]+")
DATA = DataFile("drafts.toml")


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str

    def text(self) -> str:
        """The draft as one plain-text block, ready to copy."""
        return f"Subject: {self.subject}\n\n{self.body}\n"


@dataclass(frozen=True)
class Line:
    """A sentence used when ``signal`` was answered ``answer``."""

    signal: str
    answer: str
    text: str


@dataclass(frozen=True)
class Topic:
    """The thank-you note's line about what was talked about."""

    text: str  # uses $topic
    slot: str  # shown, to fill in, when no topic was given


@dataclass(frozen=True)
class KindTemplates:
    subject: Mapping[str, str]  # one per case in CASES
    body: str
    generic: str  # the line when no entry in ``lines`` applies
    lines: tuple[Line, ...]  # in priority order: the first that applies wins
    topic: Topic | None = None  # when the body says what was talked about ($topic)
    days: Mapping[str, str] | None = None  # when the body names the days ($days): one per case in _DAYS_FIELDS


@dataclass(frozen=True)
class Templates:
    version: int
    sign_off: str
    sender_slot: str
    greeting_named: str
    greeting_titled: str
    greeting_unnamed: str
    titles: Mapping[str, str]  # a title as typed, folded and without its dot, to how a greeting writes it
    about: Mapping[str, str]  # one per case in CASES
    kinds: Mapping[str, KindTemplates]


# Caches the shipped drafts, read once per process: safe, the package's data does not change while it runs.
@cache
def load() -> Templates:
    """The drafts shipped with the package (read once per process)."""
    return parse(catalog_module.package_text("drafts.toml"), catalog_module.load())


def parse(text: str, catalog: Catalog) -> Templates:
    """Validate drafts TOML text; CatalogError naming the field on any fault.

    Lines are checked against the catalog, so renaming a signal or an answer
    there cannot silently switch a line off.
    """
    raw = DATA.parse(text)
    greeting = DATA.table(raw, "greeting", "")
    return Templates(
        version=DATA.whole(raw, "version", "", 1),
        sign_off=_template(raw, "sign_off", "", {"sender"}, required={"sender"}),
        sender_slot=_template(raw, "sender_slot", "", set()),
        greeting_named=_template(greeting, "named", "greeting", {"name"}, required={"name"}),
        greeting_titled=_template(greeting, "titled", "greeting", {"title", "surname"}, required={"title", "surname"}),
        greeting_unnamed=_template(greeting, "unnamed", "greeting", set()),
        titles=_titles(DATA.table(greeting, "titles", "greeting")),
        about=_cases(DATA.table(raw, "about", ""), "about"),
        kinds={kind: _kind(DATA.table(raw, kind, ""), kind, catalog) for kind in KINDS},
    )


def check_kind(kind: str) -> str:
    """A kind of draft as typed in any case; InputError naming KIND otherwise."""
    word = kind.strip().lower()
    if word not in KINDS:
        raise InputError(f"KIND '{clip(kind)}'{did_you_mean(kind, KINDS)}: a draft is one of {', '.join(KINDS)}")
    return word


def draft(kind: str, report: Mapping[str, Any], interviewer: str | None = None, sender: str | None = None) -> Draft:
    """Fill in the ``kind`` draft (one of KINDS) for a report document.

    ``interviewer`` wins over the report's context; with neither, the greeting
    is a neutral "Hello,". ``sender`` signs it; without one, a visible slot does.
    """
    kind = check_kind(kind)
    templates = load()
    chosen = templates.kinds[kind]
    given = report.get("context")
    context: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    # User text goes in as one printable line: no line break typed into a name
    # can reshape the email, and no control character reaches the terminal.
    company, role = (_user_text(context.get(key)) for key in ("company", "role"))
    case = "both" if company and role else "role" if role else "company" if company else "neither"
    values = {"company": company or "", "role": role or ""}
    parts = {
        "greeting": greeting(templates, _user_text(interviewer) or _user_text(context.get("interviewer"))),
        "about": _fill(templates.about[case], values),
        "line": _fill(pick_line(chosen, _answers(report)), {}),  # only turns $$ into $
        "sign_off": _fill(templates.sign_off, {"sender": _user_text(sender) or templates.sender_slot}),
    }
    if chosen.topic is not None:
        topic = (_user_text(context.get("topic")) or "").rstrip(". ")
        parts["topic"] = _fill(chosen.topic.text, {"topic": topic}) if topic else chosen.topic.slot
    if chosen.days is not None:
        parts["days"] = _days(chosen.days, context)
    return Draft(subject=_fill(chosen.subject[case], values), body=_tidy(_fill(chosen.body, parts)))


def greeting(templates: Templates, name: str | None) -> str:
    """The first line: "Hello Sam," for Sam Carter; "Dear Dr. Okafor," for dr Okafor; "Hello," for no name.

    The name stays as typed; only a title is written the way ``titles`` says.
    An initial is not a first name: "J. Smith" is greeted by the whole name.
    """
    words = name.split() if name else []
    if not words:
        return templates.greeting_unnamed
    title = templates.titles.get(words[0].rstrip(".").lower())
    if title is not None:
        if len(words) == 1:  # a title alone names no one
            return templates.greeting_unnamed
        return _fill(templates.greeting_titled, {"title": title, "surname": surname(words[1:])})
    first = words[0]
    bare = first.rstrip(".")
    return _fill(templates.greeting_named, {"name": " ".join(words) if len(bare) == 1 else first})


def surname(words: Sequence[str]) -> str:
    """The last word of a name, with the particles before it: "Ana de la Cruz" gives "de la Cruz"."""
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(words[start:])


def _days(templates: Mapping[str, str], context: Mapping[str, Any]) -> str:
    """The sentence naming the interview day and the promised reply day; "" when neither is known."""
    known_days = {key: display_date(day) for key in ("date", "reply_by") if (day := _iso_date(context.get(key))) is not None}
    case = "both" if len(known_days) == 2 else next(iter(known_days), None)
    return _fill(templates[case], known_days) if case is not None else ""


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _tidy(body: str) -> str:
    """A part left out ($days with no day known) leaves no double space or space at a line's end.

    User text is already one line with single spaces (``_user_text``), so this
    changes nothing anyone typed.
    """
    return "\n".join(re.sub(" {2,}", " ", line).strip(" ") for line in body.split("\n"))


def pick_line(templates: KindTemplates, answers: Mapping[str, str]) -> str:
    """The first line whose answer was given, else the generic one (unfilled)."""
    for line in templates.lines:
        if answers.get(line.signal) == line.answer:
            return line.text
    return templates.generic


def _answers(report: Mapping[str, Any]) -> dict[str, str]:
    """{signal: answer} from a report's ``signals`` list, ignoring anything malformed."""
    signals = report.get("signals")
    if not isinstance(signals, list):
        return {}
    return {
        item["id"]: item["answer"]
        for item in signals
        if isinstance(item, Mapping) and isinstance(item.get("id"), str) and isinstance(item.get("answer"), str)
    }


def _user_text(value: Any) -> str | None:
    given = known(value)
    return one_line(given) if given else None


def _fill(template: str, values: Mapping[str, str]) -> str:
    return Template(template).safe_substitute(values)


def _kind(raw: dict[str, Any], kind: str, catalog: Catalog) -> KindTemplates:
    lines = DATA.tables(raw, "lines", kind, empty=True)
    topic = None
    if "topic" in raw or "topic_slot" in raw:
        topic = Topic(_template(raw, "topic", kind, {"topic"}, required={"topic"}), _template(raw, "topic_slot", kind, set()))
    days = None
    if "days" in raw:
        table = DATA.table(raw, "days", kind)
        days = {case: _template(table, case, f"{kind}.days", fields, required=fields) for case, fields in _DAYS_FIELDS.items()}
    fields = _BODY_FIELDS | ({"topic"} if topic else set()) | ({"days"} if days else set())
    return KindTemplates(
        subject=_cases(DATA.table(raw, "subject", kind), f"{kind}.subject"),
        body=_template(raw, "body", kind, fields, required=fields),
        generic=_template(raw, "generic", kind, _LINE_FIELDS),
        lines=tuple(_line(item, f"{kind}.lines[{i}]", catalog) for i, item in enumerate(lines)),
        topic=topic,
        days=days,
    )


def _titles(raw: dict[str, Any]) -> dict[str, str]:
    for key, value in raw.items():
        field = f"greeting.titles.{key}"
        DATA.require(_TITLE_KEY.fullmatch(key) is not None, field, "named in lower case letters, without a dot")
        DATA.require(isinstance(value, str) and value.strip() != "", field, "non-empty text")
    DATA.require(bool(raw), "greeting.titles", "a table of at least one title")
    return dict(raw)


def _line(raw: dict[str, Any], where: str, catalog: Catalog) -> Line:
    signal_id = DATA.text(raw, "signal", where)
    signal = catalog.signal(signal_id)
    DATA.require(signal is not None, f"{where}.signal", f"one of {', '.join(catalog.signal_ids)}")
    assert signal is not None  # for type checkers; _require raised otherwise
    answer = DATA.text(raw, "answer", where)
    scored = [a.id for a in signal.answers]
    DATA.require(answer in scored, f"{where}.answer", f"an answer of {signal_id}: {', '.join(scored)}")
    return Line(signal_id, answer, _template(raw, "text", where, _LINE_FIELDS))


def _cases(raw: dict[str, Any], where: str) -> dict[str, str]:
    return {case: _template(raw, case, where, _CASE_FIELDS[case], required=_CASE_FIELDS[case]) for case in CASES}


def _template(raw: dict[str, Any], key: str, where: str, allowed: Set[str], required: Set[str] = frozenset()) -> str:
    """A non-empty template using only the ``allowed`` placeholders and all the ``required`` ones."""
    value = DATA.text(raw, key, where)
    field = f"{where}.{key}" if where else key
    template = Template(value)
    DATA.require(template.is_valid(), field, "a valid template (write $$ for a dollar sign)")
    used = set(template.get_identifiers())
    allowed_text = ", ".join(f"${name}" for name in sorted(allowed)) or "nothing"
    DATA.require(
        used <= allowed,
        field,
        f"a text using only these placeholders: {allowed_text} (found ${', $'.join(sorted(used - allowed))})",
    )
    DATA.require(required <= used, field, f"a text using {', '.join(f'${name}' for name in sorted(required))}")
    return value
