"""`assess`: one pipeline from answers to a saved report, for the command line
and the Python API alike (``interview_signals.assess``).

The answers come as an ``answers.AnswersMap`` (``command_line`` and
``python_call`` build one); ``assess`` asks for what is missing, checks the
round against the application it follows, scores, saves, and adds what the
history says: the round (``application``, ``since_last_round``) and
``your_history``.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from interview_signals import answers, catalog, document, followup, outcomes, scoring
from interview_signals.commands.rounds import Following, RoundPrompt, following, round_fields, your_history
from interview_signals.commands.session import Session
from interview_signals.errors import InputError, SignalsError

if TYPE_CHECKING:
    from interview_signals.booking import Booking
    from interview_signals.daysoff import DaysOff
    from interview_signals.interview import Interview

# Asks in a terminal for what is missing: (catalog, answers so far, whether to ask the date, what to do of rounds).
Ask = Callable[[catalog.Catalog, answers.Answers, bool, RoundPrompt], None]
# Kept from the application a round follows: who and where.
KEPT = ("company", "role", "interviewer")


class Request(NamedTuple):
    """What `assess` was asked to do: the answers from every source, and what to do with them."""

    given: answers.AnswersMap
    round_of: int | None = None  # saved as the next round of this interview's application
    booked: int | None = None  # `assess --for`: the booked interview this is, saved under its id
    save: bool = True
    # Every signal must be answered (asked for through ``ask``); False: one left out counts as not answered.
    complete: bool = True
    option: Callable[[str], str] = str  # how messages name an option: "round_of", or "--round-of"


class Assessed(NamedTuple):
    doc: dict[str, Any]
    not_saved: SignalsError | None = None  # why saving failed, when it did


class Options(NamedTuple):
    """The command line's sources of answers (see command_line)."""

    flags: Sequence[str] = ()  # --answer SIGNAL=ANSWER
    answers_file: str | None = None  # a path, or "-" for stdin
    context: Mapping[str, str] = MappingProxyType({})  # from --company, --role, ... (only those given)
    from_id: int | None = None


def option_name(key: str) -> str:
    """A field as the command line's option for it: reply_by is --reply-by."""
    return f"--{key.replace('_', '-')}"


def command_line(session: Session, options: Options, stdin: BinaryIO | None) -> tuple[answers.AnswersMap, bool]:
    """The layers the command line gives; and whether the terminal may still ask (not when stdin held the answers)."""
    cat = catalog.load()
    given = answers.AnswersMap(option_name)
    if options.from_id is not None:
        given.add("saved", _saved_answers(session, cat, options.from_id), f"interview #{options.from_id}")
    may_ask = True
    if options.answers_file is not None:
        if options.answers_file == "-":
            if stdin is None:
                raise InputError("--answers -: standard input is closed; give a file, or pipe the answers in")
            may_ask = False  # the answers came down stdin, so the terminal cannot answer too
            text = answers.read_text("-", stdin)
        else:
            text = answers.read_text(options.answers_file, io.BytesIO())  # a file: standard input is not read
        origin = f"--answers {'stdin' if options.answers_file == '-' else options.answers_file}"
        given.add("file", answers.from_json(cat, text, origin), origin)
    flags = answers.from_flags(cat, options.flags)
    for key, value in options.context.items():
        if (answers.check_text(value, option_name(key)) or "").strip():  # a blank value says nothing
            flags.context[key] = value
    given.add("flags", flags)
    return given, may_ask


def python_call(given: Mapping[str, Any], context: Mapping[str, str]) -> answers.AnswersMap:
    """The layers a Python call gives: a mapping of answers (or a saved report), and context by keyword."""
    unknown = sorted(set(context) - set(answers.CONTEXT_FIELDS))
    if unknown:
        raise TypeError(f"assess() got unexpected context {', '.join(unknown)}; it takes {', '.join(answers.CONTEXT_FIELDS)}")
    if not isinstance(given, Mapping):
        raise InputError(
            f"answers: expected a mapping of signal ids to answers such as {{'vibe': 'warm'}}, got {type(given).__name__}"
        )
    cat = catalog.load()
    layers = answers.AnswersMap()
    layers.add("file", answers.from_object(cat, dict(given), "answers"), "answers")
    keywords = answers.from_object(cat, dict(context), "context")
    for key, value in keywords.context.items():
        answers.check_text(value, key)  # text that could be neither saved nor printed
    layers.add("flags", keywords)
    for key, value in layers.layer("file").context.items():
        answers.check_text(value, layers.name(key))
    return layers


def assess(
    session: Session, request: Request, *, ask: Ask | None = None, confirm: Callable[[str], bool] | None = None
) -> Assessed:
    """Ask (through ``ask``) for what is missing, score, save.

    Everything that can be checked is checked before the first question: the
    history (``session.check``), the round it follows, the days given. Without
    ``ask`` (off a terminal), a missing answer is an InputError naming it, with
    every other problem of the answers given, unless the request is not
    ``complete``. ``ask`` is told of rounds (``RoundPrompt``): the application
    ``round_of`` names, or, for a company typed in, how to offer another round
    of an open application there. In a terminal, with neither company nor day
    given, ``confirm(question)`` asks whether this is an interview booked for
    today (a yes assesses that booking).
    """
    cat = catalog.load()
    given = request.given
    session.check()
    before = None if request.round_of is None else _round_before(session, request)
    booked = _booked(session, request, confirm if ask is not None else None)
    before = _before_booking(session, booked) if booked is not None else before
    days_off = session.days_off()
    missing = [s for s in cat.signal_ids if s not in given.combined().answers]
    asking = request.complete and bool(missing or (given.layer("saved").answers and ask is not None))
    if asking and ask is None:
        raise _unanswered(given, missing, days_off)
    context, plan = _settled(given, days_off)
    if asking and ask is not None:
        before = _asked(session, request, cat, ask, before, days_off, booked=booked is not None)
        context, plan = _settled(given, days_off)
    if before is not None and context["date"] < before.date:
        raise InputError(
            f"{given.name('date')} {context['date']}: this round follows round {before.round} of #{before.application}, "
            f"on {before.date}; a round cannot come before the round it follows",
            field=given.name("date"),
        )
    doc = document.build(cat, scoring.assess(cat, given.combined().answers), context, plan)
    if not request.save:
        return Assessed({**doc, "your_history": _unsaved_history(session, doc, before)})
    return _saved(session, cat, doc, before, booked)


def _unanswered(given: answers.AnswersMap, missing: list[str], days_off: DaysOff) -> InputError:
    """Off a terminal: every problem of the answers given, in one line and in the
    order of the questions (the day, the signals, when you'll hear back)."""
    problems = [
        f"not answered: {', '.join(missing)} (off a terminal give every signal with --answer SIGNAL=ANSWER "
        "or --answers FILE; see `interview-signals signals`)"
    ]
    try:
        _settled(given, days_off)
    except InputError as exc:
        problems.insert(0 if exc.field == given.name("date") else 1, str(exc))
    return InputError("; ".join(problems))


def _asked(
    session: Session,
    request: Request,
    cat: catalog.Catalog,
    ask: Ask,
    before: Interview | None,
    days_off: DaysOff,
    *,
    booked: bool,
) -> Interview | None:
    """Ask in the terminal; the round this interview follows: ``before``, or an
    application offered for the company typed in and accepted (a booked
    interview knows its company and round already)."""
    given = request.given
    joined: list[Interview] = []
    if before is not None and not booked:
        new_application = f"stop here (Ctrl-C) and run it again without {request.option('round_of')}"
        rounds = RoundPrompt(following(before, new_application), ask_interviewer=given.layer_of("interviewer") in (None, "saved"))
    elif "company" in given.combined().context:
        rounds = RoundPrompt()
    else:
        day = _settled(given, days_off)[0]["date"]

        def offer(company: str, confirm: Callable[[str], bool]) -> Following | None:
            found = _offered_round(session, company, day, confirm)
            if found is None:
                return None
            joined.append(found)
            return following(found, f'stop here (Ctrl-C), run it again, and answer no to "{_another_round(found)}"')

        rounds = RoundPrompt(offer=offer)
    _prompted(given, cat, ask, rounds, days_off)
    if joined:
        _keep(given, joined[0], ("role", "interviewer"))
        return joined[0]
    return before


def _settled(given: answers.AnswersMap, days_off: DaysOff) -> tuple[dict[str, str], dict[str, Any] | None]:
    """The context with its days read (the interview day defaults to today), and the follow-up plan."""
    context = given.combined().context
    return followup.settle(context, followup.today(), fields=(given.name("date"), given.name("reply_by")), days_off=days_off)


def _prompted(given: answers.AnswersMap, cat: catalog.Catalog, ask: Ask, rounds: RoundPrompt, days_off: DaysOff) -> None:
    """Ask in the terminal; what is typed there becomes the prompts layer."""
    shown = given.combined()
    shown.context = dict(_settled(given, days_off)[0])
    asked = answers.Answers(dict(shown.answers), dict(shown.context))
    ask(cat, asked, "date" not in given.combined().context, rounds)
    given.add("prompts", answers.changes(shown, asked))


def _saved(
    session: Session, cat: catalog.Catalog, doc: dict[str, Any], before: Interview | None, booked: Booking | None = None
) -> Assessed:
    """Save the report (a booked interview's under its id); a failure to save keeps the report (``not_saved`` says why)."""
    try:
        store = session.history(create=True)
        if booked is not None:
            saved_id = store.save(doc, doc["context"]["date"], booking=booked.id)
        else:
            saved_id = store.save(doc, doc["context"]["date"], round_of=None if before is None else before.id)
        interview = store.get(saved_id)
        your = _compared(session, lambda: your_history(store, interview))
    except SignalsError as exc:  # the report must not be lost: it is shown anyway
        return Assessed({**doc, "your_history": None}, not_saved=exc)
    return Assessed({"id": saved_id, **round_fields(cat, interview, before), **doc, "your_history": your})


def _compared(session: Session, compare: Callable[[], dict[str, int] | None]) -> dict[str, int] | None:
    """The report's your_history line; when reading the history for it fails, a warning and None (the report matters more)."""
    try:
        return compare()
    except SignalsError as exc:
        session.warn(f"could not compare with your history: {exc}")
        return None


def _unsaved_history(session: Session, doc: dict[str, Any], before: Interview | None) -> dict[str, int] | None:
    """your_history for a report not saved: read from the history when there is one, creating nothing."""
    if doc["score"] is None or not session.exists():
        return None
    from interview_signals import stats

    application = before.application if before else None
    return _compared(session, lambda: stats.your_history(*session.history().similar(doc["score"], application)))


def _offered_round(session: Session, company: str, day: str, offer: Callable[[str], bool]) -> Interview | None:
    """The latest round of the newest open application at ``company`` (any case), if the user says this is another round of it.

    An application whose latest round is later than ``day`` is not offered: this cannot be its next round."""
    if not session.exists():
        return None
    from interview_signals.interview import fold
    from interview_signals.stats import latest_rounds

    found = [i for i in session.history().interviews(company=company) if fold(i.company) == fold(company.strip())]
    open_ones = [i for i in latest_rounds(found) if outcomes.is_open(i.outcome)]
    if not open_ones or open_ones[0].date > day:
        return None
    latest = open_ones[0]  # the interviews came newest first
    return latest if offer(_another_round(latest)) else None


def _another_round(latest: Interview) -> str:
    """The question that offers another round of ``latest``'s application."""
    return f"Another round of {following(latest, '').label()}?"


def _round_before(session: Session, request: Request) -> Interview:
    """The latest round of the application ``round_of`` names, after checking the new round fits it;
    its company, role and interviewer join the saved layer."""
    from interview_signals.interview import fold

    assert request.round_of is not None
    named = f"{request.option('round_of')} {request.round_of}"
    try:
        rounds = session.history().rounds(request.round_of)
    except InputError:
        raise InputError(f"{named}: no interview with id {request.round_of}; see `interview-signals history`") from None
    if not rounds:  # its only round is damaged (skipped with a warning)
        raise InputError(f"{named}: interview #{request.round_of} cannot be read")
    first, latest = rounds[0], rounds[-1]
    given = request.given
    company = given.combined().context.get("company")
    if given.layer_of("company") in ("file", "flags") and company is not None and fold(company.strip()) != fold(first.company):
        raise InputError(
            f"{given.name('company')} '{company.strip()}': a round belongs to its application's company, "
            f"{first.company or '(none given)'} (#{latest.application}); leave {given.name('company')} out with {request.option('round_of')}"
        )
    _keep(given, latest, KEPT)
    return latest


def _booked(session: Session, request: Request, offer: Callable[[str], bool] | None) -> Booking | None:
    """The booked interview this is: the one `--for` names, or in a terminal one booked for today
    that the user says this is. Its company, role, interviewer and day join the saved layer."""
    if request.booked is not None:
        named = f"{request.option('for')} {request.booked}"
        if request.round_of is not None:
            raise InputError(f"{named}: a booked interview knows its round already; leave {request.option('round_of')} out")
        found = session.history().booking(request.booked) if session.exists() else None
        if found is None:
            raise InputError(
                f"{named}: no booked interview with id {request.booked}; `interview-signals due --days 30` lists them"
            )
    else:
        found = _offered_booking(session, request, offer)
        if found is None:
            return None
        named = f"{request.option('for')} {found.id}"
    if found.date > followup.today().isoformat():
        raise InputError(f"{named}: interview #{found.id} is booked for {found.when()}; assess it once it has happened")
    _same_company(request, found.company, found.application_id, named)
    kept = {"company": found.company, "role": found.role, "interviewer": found.interviewer, "date": found.date}
    request.given.add("saved", answers.Answers(context={k: v for k, v in kept.items() if v}))
    return found


def _offered_booking(session: Session, request: Request, offer: Callable[[str], bool] | None) -> Booking | None:
    """In a terminal, with nothing saying which interview this is: one booked for today, if the user says so."""
    context = request.given.combined().context
    if offer is None or request.round_of is not None or not request.save or "company" in context or "date" in context:
        return None
    if not session.exists():
        return None
    today = followup.today().isoformat()
    for found in list(session.history().each_booking(today)):
        if found.date == today and offer(f"The {found.company or 'booked'} interview at {found.time}?"):
            return found
    return None


def _before_booking(session: Session, booked: Booking) -> Interview | None:
    """The latest assessed round before a booked later round (for since_last_round); None for a first round."""
    if booked.round == 1:
        return None
    try:
        rounds = session.history().rounds(booked.application_id)
    except InputError:  # the rounds before were deleted
        return None
    earlier = [r for r in rounds if r.round < booked.round]
    return earlier[-1] if earlier else None


def _same_company(request: Request, company: str | None, application: int, named: str) -> None:
    """A --company given with --for must be the booking's (any case)."""
    from interview_signals.interview import fold

    given = request.given
    typed = given.combined().context.get("company")
    if given.layer_of("company") in ("file", "flags") and typed is not None and fold(typed.strip()) != fold(company):
        raise InputError(
            f"{given.name('company')} '{typed.strip()}': {named} is booked with {company or '(no company given)'} "
            f"(#{application}); leave {given.name('company')} out with {request.option('for')}"
        )


def _keep(given: answers.AnswersMap, before: Interview, keys: tuple[str, ...]) -> None:
    """Who and where from the round this one follows, in the saved layer (what the user gives wins)."""
    kept = before.report.get("context") or {}
    given.add("saved", answers.Answers(context={k: kept[k] for k in keys if isinstance(kept.get(k), str) and kept[k].strip()}))


def _saved_answers(session: Session, cat: catalog.Catalog, interview_id: int) -> answers.Answers:
    """A saved interview's answers, and who and where (a new interview: not when)."""
    given = answers.from_object(cat, session.history().get(interview_id).report, f"interview #{interview_id}")
    given.context = {k: v for k, v in given.context.items() if k in KEPT}
    return given


def catalog_doc() -> dict[str, Any]:
    """The questionnaire, as `signals --json` prints it."""
    return document.catalog_doc(catalog.load())


def write_private(path: str, data: bytes, field: str, db: str | None) -> None:
    """Write a file for the user (`assess --export`): private (0600), whole or not at all,
    and never over the history that ``db`` names or the settings (see files.py)."""
    from interview_signals import paths
    from interview_signals.files import kept_files, write_private

    write_private(path, data, field, kept=kept_files(paths.resolve_path(db)))
