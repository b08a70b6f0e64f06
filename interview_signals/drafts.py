"""Short plain-text email drafts: a thank-you note, a follow-up and a second one.

The wording lives in data/drafts.toml; this module picks the pieces and fills
them in. A draft is a starting point the candidate edits and sends, so it says
only what the answers support: one specific line about how the interview went,
never a hint that an offer is expected. The opening ($about) names the role and
the company; nothing else in a body can, so the company appears once.

User text (names, company, role) goes in through ``string.Template`` in a
single pass, so braces, dollar signs, [brackets], quotes and newlines come out
exactly as typed and can never break the template or raise.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import cache
from string import Template
from typing import Any

from interview_signals import catalog as catalog_module
from interview_signals.catalog import Catalog
from interview_signals.errors import InputError
from interview_signals.text import clip, did_you_mean, known, one_line
from interview_signals.tomldata import DataFile

KINDS = ("thank-you", "follow-up", "second-follow-up")
# Which of company and role are known decides the phrasing: a key per case.
CASES = ("both", "role", "company", "neither")
_CASE_FIELDS = {"both": {"role", "company"}, "role": {"role"}, "company": {"company"}, "neither": set()}
_BODY_FIELDS = {"greeting", "about", "line", "sign_off"}
# Lines follow the opening that named the company, so they take no placeholders.
_LINE_FIELDS: frozenset[str] = frozenset()
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
class KindTemplates:
    subject: Mapping[str, str]  # one per case in CASES
    body: str
    generic: str  # the line when no entry in ``lines`` applies
    lines: tuple[Line, ...]  # in priority order: the first that applies wins


@dataclass(frozen=True)
class Templates:
    version: int
    sign_off: str
    greeting_named: str
    greeting_unnamed: str
    about: Mapping[str, str]  # one per case in CASES
    kinds: Mapping[str, KindTemplates]


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
        sign_off=_template(raw, "sign_off", "", set()),
        greeting_named=_template(greeting, "named", "greeting", {"interviewer"}, required={"interviewer"}),
        greeting_unnamed=_template(greeting, "unnamed", "greeting", set()),
        about=_cases(DATA.table(raw, "about", ""), "about"),
        kinds={kind: _kind(DATA.table(raw, kind, ""), kind, catalog) for kind in KINDS},
    )


def draft(kind: str, report: Mapping[str, Any], interviewer: str | None = None) -> Draft:
    """Fill in the ``kind`` draft (one of KINDS) for a report document.

    ``interviewer`` wins over the report's context; with neither, the greeting
    is a neutral "Hello,".
    """
    kind = kind.strip().lower()
    if kind not in KINDS:
        raise InputError(f"KIND '{clip(kind)}'{did_you_mean(kind, KINDS)}: a draft is one of {', '.join(KINDS)}")
    templates = load()
    chosen = templates.kinds[kind]
    given = report.get("context")
    context: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    # User text goes in as one printable line: no line break typed into a name
    # can reshape the email, and no control character reaches the terminal.
    company, role = (_user_text(context.get(key)) for key in ("company", "role"))
    name = _user_text(interviewer) or _user_text(context.get("interviewer"))
    case = "both" if company and role else "role" if role else "company" if company else "neither"
    values = {"company": company or "", "role": role or ""}
    line = _fill(pick_line(chosen, _answers(report)), {})  # only turns $$ into $
    greeting = _fill(templates.greeting_named, {"interviewer": name}) if name else templates.greeting_unnamed
    body = _fill(
        chosen.body,
        {"greeting": greeting, "about": _fill(templates.about[case], values), "line": line, "sign_off": templates.sign_off},
    )
    return Draft(subject=_fill(chosen.subject[case], values), body=body)


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
    return KindTemplates(
        subject=_cases(DATA.table(raw, "subject", kind), f"{kind}.subject"),
        body=_template(raw, "body", kind, _BODY_FIELDS, required=_BODY_FIELDS),
        generic=_template(raw, "generic", kind, _LINE_FIELDS),
        lines=tuple(_line(item, f"{kind}.lines[{i}]", catalog) for i, item in enumerate(lines)),
    )


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
