"""The steps behind every command: one function a command.

The command line (cli.py) parses its arguments, calls one function here and
prints what comes back; the Python API (api.py) calls the same functions. So
nothing here prints or reads the terminal: the interactive parts (asking the
questionnaire, confirming a delete) come in as callables, the input stream
as an argument, and warnings go to the ``warn`` callback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from interview_signals import answers, catalog, document, followup, outcomes, scoring
from interview_signals.errors import InputError, SignalsError

if TYPE_CHECKING:  # sqlite3 stays off the start-up path of `assess --no-save`
    from interview_signals import calendar
    from interview_signals.batch import Tally
    from interview_signals.db import History
    from interview_signals.drafts import Draft
    from interview_signals.interview import Interview

Warn = Callable[[str], None]
# Asks in a terminal for what is missing: (catalog, answers so far, whether to ask the date).
Ask = Callable[[catalog.Catalog, answers.Answers, bool], None]


def _ignore(message: str) -> None:
    """The default ``warn``: a library caller who passes none hears nothing."""


@contextmanager
def open_history(db: str | None, warn: Warn = _ignore, *, create: bool = True) -> Iterator[History]:
    """The history at ``--db`` (or the default place); each of its warnings is passed to ``warn``.

    Warnings from opening (a damaged file moved aside) come first; those from
    what the block reads (a damaged interview skipped) when it ends.
    ``create=False`` is for commands that only read, or that change an
    interview that must already exist: with no history there, they get an
    empty one and nothing is created on disk.
    """
    from interview_signals.db import History
    from interview_signals.paths import resolve_path

    with History.open(resolve_path(db), create=create) as store:
        for message in store.warnings:
            warn(message)
        passed = len(store.warnings)
        try:
            yield store
        finally:
            for message in store.warnings[passed:]:
                warn(message)


# -- assess -----------------------------------------------------------------------


@dataclass
class Request:
    """What `assess` was asked to do. Sources are applied in order, each winning
    over the one before: the saved interview (``from_id``), the answers file,
    the flags, the context options; then the terminal asks for what is left."""

    flags: list[str] = field(default_factory=list)
    answers_file: str | None = None  # a path, or "-" for ``stdin``
    context: dict[str, str] = field(default_factory=dict)  # from --company, --role, ... (only those given)
    from_id: int | None = None
    round_of: int | None = None  # saved as the next round of this interview's application
    save: bool = True
    db: str | None = None


class Assessed(NamedTuple):
    doc: dict[str, Any]
    not_saved: str | None = None  # why saving failed, when it did


def assess(
    request: Request,
    *,
    stdin: BinaryIO | None = None,
    ask: Ask | None = None,
    warn: Warn = _ignore,
    offer_round: Callable[[str], bool] | None = None,
) -> Assessed:
    """Gather the answers, ask (through ``ask``) for what is missing, score, save.

    Without ``ask`` (off a terminal), a missing answer is an InputError naming it.
    When the company was typed in answer to ``ask`` and matches an open
    application (any case), ``offer_round(question)`` is asked whether this is
    another round of it (a yes saves it as that application's next round).
    """
    cat = catalog.load()
    given = answers.Answers()
    if request.from_id is not None:
        given.update(_saved_answers(cat, request.from_id, request.db, warn))
    before: Interview | None = None  # the round this one follows
    if request.round_of is not None:
        before = _round_before(request, warn)
        kept = before.report.get("context") or {}
        for key in ("company", "role", "interviewer"):
            if isinstance(kept.get(key), str) and kept[key].strip():
                given.context[key] = kept[key]
    fields = {"date": "date", "reply_by": "reply_by"}  # where a date came from, for error messages (the CLI names the option)
    if request.answers_file is not None:
        if request.answers_file == "-":
            if stdin is None:
                raise InputError("--answers -: standard input is closed; give a file, or pipe the answers in")
            ask = None  # the answers came down stdin, so the terminal cannot answer too
            text = answers.read_text("-", stdin)
        else:
            text = answers.read_text(request.answers_file, io.BytesIO())  # a file: standard input is not read
        origin = f"--answers {'stdin' if request.answers_file == '-' else request.answers_file}"
        from_file = answers.from_json(cat, text, origin)
        fields.update({key: f"{origin}: {key}" for key in fields if key in from_file.context})
        given.update(from_file)
    given.update(answers.from_flags(cat, request.flags))
    for key, value in request.context.items():
        if (answers.check_text(value, f"--{key.replace('_', '-')}") or "").strip():  # a blank value says nothing
            given.context[key] = value
            fields[key] = key
    now = followup.today()
    dated = "date" in given.context
    given.context, plan = followup.settle(given.context, now, fields=(fields["date"], fields["reply_by"]))
    missing = [s for s in cat.signal_ids if s not in given.answers]
    if missing or (request.from_id is not None and ask is not None):
        if ask is None:
            raise InputError(
                f"not answered: {', '.join(missing)}; off a terminal give every signal with --answer SIGNAL=ANSWER or --answers FILE "
                "(see `interview-signals signals`)"
            )
        typed_company = "company" not in given.context
        ask(cat, given, not dated)
        given.context, plan = followup.settle(given.context, now, fields=(fields["date"], fields["reply_by"]))
        company = given.context.get("company")
        if before is None and typed_company and company and offer_round is not None and request.save:
            before = _offered_round(company, given.context["date"], request.db, offer_round, warn)
            if before is not None:
                request = dataclasses.replace(request, round_of=before.id)
                kept = before.report.get("context") or {}
                for key in ("role", "interviewer"):
                    if key not in given.context and isinstance(kept.get(key), str) and kept[key].strip():
                        given.context[key] = kept[key]
    if before is not None and given.context["date"] < before.date:
        raise InputError(
            f"{fields['date']} {given.context['date']}: this round follows round {before.round} of #{before.application}, "
            f"on {before.date}; a round cannot come before the round it follows",
            field=fields["date"],
        )
    doc = document.build(cat, scoring.assess(cat, given.answers), given.context, plan)
    if not request.save:
        return Assessed({**doc, "your_history": unsaved_history(doc, before, request.db, warn)})
    try:
        with open_history(request.db, warn) as store:
            saved_id = store.save(doc, doc["context"]["date"], round_of=request.round_of)
            interview = store.get(saved_id)
            try:
                your = your_history(store, interview)
            except SignalsError as exc:  # saved all the same: only this line of the report is missing
                warn(f"could not compare with your history: {exc}")
                your = None
    except SignalsError as exc:  # the report must not be lost: it is shown anyway
        return Assessed({**doc, "your_history": None}, not_saved=str(exc))
    return Assessed({"id": saved_id, **_round_fields(cat, interview, before), **doc, "your_history": your})


def your_history(store: History, interview: Interview) -> dict[str, int] | None:
    """How the user's other applications scored near this one turned out (stats.your_history), or None."""
    from interview_signals import stats

    if interview.score is None:
        return None
    return stats.your_history(*store.similar(interview.score, interview.application))


def unsaved_history(doc: dict[str, Any], before: Interview | None, db: str | None, warn: Warn = _ignore) -> dict[str, int] | None:
    """your_history for a report not saved: read from the history when there is one, creating nothing."""
    from interview_signals.paths import resolve_path

    if doc["score"] is None or not resolve_path(db).exists():
        return None
    from interview_signals import stats

    try:
        with open_history(db, warn, create=False) as store:
            return stats.your_history(*store.similar(doc["score"], before.application if before else None))
    except SignalsError as exc:  # the report matters more than this line
        warn(f"could not compare with your history: {exc}")
        return None


def _offered_round(company: str, day: str, db: str | None, offer: Callable[[str], bool], warn: Warn) -> Interview | None:
    """The latest round of the newest open application at ``company`` (any case), if the user says this is another round of it.

    An application whose latest round is later than ``day`` is not offered: this cannot be its next round."""
    from interview_signals.interview import fold
    from interview_signals.stats import latest_rounds

    with open_history(db, warn, create=False) as store:
        found = [i for i in store.interviews(company=company) if fold(i.company) == fold(company.strip())]
    open_ones = [i for i in latest_rounds(found) if outcomes.is_open(i.outcome)]
    if not open_ones or open_ones[0].date > day:
        return None
    latest = open_ones[0]  # the interviews came newest first
    name = " · ".join(part for part in (latest.company, latest.role) if part)
    return latest if offer(f"Another round of #{latest.application} {name}?") else None


def _round_before(request: Request, warn: Warn) -> Interview:
    """The latest round of the application ``--round-of`` names, after checking the new round fits it."""
    from interview_signals.interview import fold

    assert request.round_of is not None
    try:
        with open_history(request.db, warn, create=False) as store:
            rounds = store.rounds(request.round_of)
    except InputError:
        raise InputError(
            f"--round-of {request.round_of}: no interview with id {request.round_of}; see `interview-signals history`"
        ) from None
    if not rounds:  # its only round is damaged (skipped with a warning)
        raise InputError(f"--round-of {request.round_of}: interview #{request.round_of} cannot be read")
    first, latest = rounds[0], rounds[-1]
    company = request.context.get("company")
    if company is not None and company.strip() and fold(company.strip()) != fold(first.company):
        raise InputError(
            f"--company '{company.strip()}': a round belongs to its application's company, "
            f"{first.company or '(none given)'} (#{latest.application}); leave --company out with --round-of"
        )
    return latest


def _round_fields(cat: catalog.Catalog, interview: Interview, before: Interview | None) -> dict[str, Any]:
    """What a saved interview's JSON says of its application: which round it is, and what changed since the last."""
    fields: dict[str, Any] = {"application": {"id": interview.application, "round": interview.round}}
    if before is not None:
        fields["since_last_round"] = since_last_round(cat, before, interview)
    return fields


def since_last_round(cat: catalog.Catalog, before: Interview, now: Interview) -> dict[str, Any]:
    """How round ``now`` differs from the round ``before`` it: score change and the answers that changed, in catalog order."""

    def answered(report: Mapping[str, Any]) -> dict[str, Any]:
        return {item["id"]: item.get("answer") for item in report.get("signals", [])}

    old, new = answered(before.report), answered(now.report)
    changed = [
        {"id": sid, "from": old.get(sid), "to": new.get(sid)}
        for sid in cat.signal_ids
        if (sid in old or sid in new) and old.get(sid) != new.get(sid)
    ]
    change = None if before.score is None or now.score is None else now.score - before.score
    return {"round": before.round, "score_change": change, "changed": changed}


def since_lines(since: Mapping[str, Any]) -> list[str]:
    """The "Since round N" section as plain lines: the score's change, then each changed answer by its labels."""
    cat = catalog.load()
    change = since.get("score_change")
    if change is None:
        lines = ["Score: not comparable (one of the rounds has no score)"]
    else:
        lines = [f"Score: {'no change' if change == 0 else f'{change:+d}'}"]
    for item in since.get("changed", []):
        signal = cat.signal(item["id"])
        if signal is None:  # a signal the questionnaire no longer asks
            lines.append(f"{item['id']}: {item['from']} → {item['to']}")
            continue

        def label(answer: str | None, signal: catalog.Signal = signal) -> str:
            try:
                return cat.answer_label(signal, answer)
            except KeyError:  # an answer the questionnaire no longer offers
                return str(answer)

        lines.append(f"{signal.title}: {label(item['from'])} → {label(item['to'])}")
    if not since.get("changed"):
        lines.append(f"Answers: the same as round {since['round']}")
    return lines


def _saved_answers(cat: catalog.Catalog, interview_id: int, db: str | None, warn: Warn) -> answers.Answers:
    given = answers.from_object(cat, saved(interview_id, db, warn).report, f"interview #{interview_id}")
    # a new interview: it keeps who and where, not when
    given.context = {k: v for k, v in given.context.items() if k in ("company", "role", "interviewer")}
    return given


def titles() -> Mapping[str, str]:
    """Signal ids to their display titles, for the report."""
    return {s.id: s.title for s in catalog.load().signals}


def catalog_doc() -> dict[str, Any]:
    """The questionnaire, as `signals --json` prints it."""
    return document.catalog_doc(catalog.load())


# -- score ------------------------------------------------------------------------


def score(
    source: str, stdin: BinaryIO | None, write: Callable[[str], None], *, strict: bool = False, progress: Any = None
) -> Tally:
    """Score NDJSON from ``source`` (a path, or "-" for ``stdin``), passing each report line to ``write``.

    ``progress(size)``, when given, is a context manager yielding a function
    that advances a progress bar by bytes; it is used only for a regular file.
    """
    from interview_signals import batch

    if source != "-":
        stdin = io.BytesIO()  # a file: standard input is not read
    elif stdin is None:
        raise InputError("FILE: standard input is closed; give an NDJSON file, or pipe the lines in")
    cat = catalog.load()
    tally = batch.Tally()
    with batch.open_input(source, stdin) as (stream, size):
        lines = batch.read_lines(stream)
        if size and progress is not None:
            lines = batch.with_progress(lines, progress(size))
        for line in batch.score_lines(cat, lines, tally, strict=strict):
            write(line + "\n")
    return tally


# -- the history --------------------------------------------------------------------


def saved(interview_id: int, db: str | None, warn: Warn = _ignore) -> Interview:
    """One saved interview."""
    with open_history(db, warn, create=False) as store:
        return store.get(interview_id)


def saved_open(interview_id: int, db: str | None, warn: Warn = _ignore) -> Interview:
    """One saved interview, with a warning when a final outcome already closed it."""
    interview = saved(interview_id, db, warn)
    if not outcomes.is_open(interview.outcome):
        warn(f"interview #{interview.id} is recorded as {interview.outcome}; a follow-up may no longer be needed")
    return interview


def shown(interview_id: int, db: str | None, warn: Warn = _ignore) -> tuple[dict[str, Any], Interview]:
    """A saved interview's report document (with its id, what was sent and its next action), and the interview."""
    with open_history(db, warn, create=False) as store:
        interview = store.get(interview_id)
        sent = [{"action": action, "on": on} for action, on in store.sent(interview_id)]
        earlier = [r for r in store.rounds(interview_id) if r.round < interview.round]
        your = your_history(store, interview)
    next_action = {"action": interview.next_action, "on": interview.next_action_on} if interview.next_action is not None else None
    rounds = _round_fields(catalog.load(), interview, earlier[-1] if earlier else None)
    # what is worked out here is never taken from the saved report (an imported line may carry any of it)
    saved = {k: v for k, v in interview.report.items() if k not in WORKED_OUT}
    shown = {"id": interview.id, **rounds, **saved, "your_history": your}
    return {**shown, "sent": sent, "next_action": next_action}, interview


# The fields `show` works out from the history and adds to the saved report.
WORKED_OUT = frozenset({"id", "application", "since_last_round", "your_history", "sent", "next_action"})


def history_rows(
    db: str | None,
    limit: int | None,
    company: str | None,
    warn: Warn = _ignore,
    outcome: str | None = None,
    application: int | None = None,
) -> list[dict[str, Any]]:
    """Saved interviews as rows, newest first (see history_listing), all in one list."""
    with history_listing(db, limit, company, warn, outcome=outcome, application=application) as listing:
        return list(listing.rows)


class Listing:
    """Saved interviews as rows (``rows``, read as they are used), and ``more()``: how
    many the listing's filters match beyond those read, for "and N more"."""

    def __init__(self, interviews: Iterator[Interview], matching: Callable[[], int]) -> None:
        self._listed = 0
        self._matching = matching
        self.rows: Iterator[dict[str, Any]] = (self._counted(summary(i)) for i in interviews)

    def _counted(self, row: dict[str, Any]) -> dict[str, Any]:
        self._listed += 1
        return row

    def more(self) -> int:
        """How many interviews match beyond the rows read so far (damaged ones, skipped when read, included)."""
        return max(0, self._matching() - self._listed)


@contextmanager
def history_listing(
    db: str | None,
    limit: int | None,
    company: str | None,
    warn: Warn = _ignore,
    outcome: str | None = None,
    application: int | None = None,
) -> Iterator[Listing]:
    """Saved interviews as rows, newest first; ``outcome`` is an outcome word or "open".

    ``application``: only the rounds of the application that interview (any
    of its rounds) belongs to, latest round first; it takes no other filter.
    Everything given is checked, and the history opened, before the block
    runs, so a mistake is reported before anything is printed; the rows are
    read as the block uses them, one at a time.
    """
    answers.check_text(company, "--company")
    answers.check_text(outcome, "--outcome")
    if application is not None:
        if company is not None or outcome is not None:
            raise InputError("--application lists every round of one application; leave out --company and --outcome")
        if limit is not None and limit < 1:
            raise InputError(f"--limit must be 1 or more, got {limit}")
        with open_history(db, warn, create=False) as store:
            try:
                rounds = store.rounds(application)
            except InputError:
                raise InputError(
                    f"--application {application}: no interview with id {application}; see `interview-signals history`"
                ) from None
        yield Listing(iter(list(reversed(rounds))[:limit]), lambda: len(rounds))
        return
    with open_history(db, warn, create=False) as store:
        interviews = store.each_interview(limit=limit, company=company, outcome=outcome)
        try:
            yield Listing(interviews, lambda: store.count(company=company, outcome=outcome))
        finally:
            interviews.close()  # stopped early: the read ends here, not when collected


def record_outcome(interview_id: int, result: str, note: str | None, db: str | None, warn: Warn = _ignore) -> str:
    """Record how an application ended (every round of it gets the outcome); returns the outcome word as stored."""
    answers.check_text(result, "RESULT")
    answers.check_text(note, "--note")
    with open_history(db, warn, create=False) as store:  # an interview to record must exist: create nothing
        return store.set_outcome(interview_id, result, note)


def stats(db: str | None, warn: Warn = _ignore) -> dict[str, Any]:
    """Counts by verdict and outcome, and calibration once enough outcomes are decided (stats.summarize)."""
    with open_history(db, warn, create=False) as store:
        return store.stats(catalog.load().signal_ids)


def delete(interview_id: int, db: str | None, confirm: Callable[[Interview], bool] | None, warn: Warn = _ignore) -> bool:
    """Delete an interview once ``confirm(interview)`` agrees; ``confirm=None`` means it was
    confirmed already (--yes). Returns whether it was deleted. A damaged interview can be
    deleted too: that is the way out the message about it points to."""
    from interview_signals.interview import DamagedInterview

    with open_history(db, warn, create=False) as store:  # an interview to delete must exist: create nothing
        try:
            interview = store.get(interview_id)
        except DamagedInterview as exc:
            interview = exc.interview
        if confirm is not None and not confirm(interview):
            return False
        store.delete(interview_id)
    return True


def where(db: str | None) -> Path:
    from interview_signals.paths import resolve_path

    return resolve_path(db)


# -- following up -------------------------------------------------------------------


def due(db: str | None, today: str | None, days: int, warn: Warn = _ignore) -> list[dict[str, Any]]:
    """Open interviews whose next action can be done by now (see due_rows), all in one list."""
    with due_rows(db, today, days, warn) as rows:
        return list(rows)


@contextmanager
def due_rows(db: str | None, today: str | None, days: int, warn: Warn = _ignore) -> Iterator[Iterator[dict[str, Any]]]:
    """Open interviews whose next action can be done by now (or within ``days``), oldest first,
    read one at a time as the block uses them; what is given is checked before it runs.

    ``today`` stands in for today's date, in the words of every date option
    (either way from today). A row is due (``is_due``) from the first day its
    action can be done, and overdue (``days_overdue`` above 0) only after its
    day (``on``): a thank-you is due from the interview day, overdue after
    the day after it. Only the rows due are read, through the store's
    next-action index.
    """
    if days < 0:
        raise InputError(f"--days must be 0 or more, got {days}")
    answers.check_text(today, "--today")
    now = followup.parse_day(today, followup.today(), "today", followup.EITHER) if today is not None else followup.today()
    try:
        horizon = followup.later(now, days)
    except followup.BeyondCalendar:  # a horizon past the end of the calendar: everything
        horizon = dt.date.max
    with open_history(db, warn, create=False) as store:
        found = store.each_due(horizon.isoformat())
        try:
            yield (_due_row(interview, now) for interview in found)
        finally:
            found.close()


def _due_row(interview: Interview, now: dt.date) -> dict[str, Any]:
    assert interview.next_action is not None and interview.next_action_on is not None  # the store checked both
    start = interview.next_action_from or interview.next_action_on
    return {
        **summary(interview),
        "days_overdue": (now - dt.date.fromisoformat(interview.next_action_on)).days,
        "is_due": dt.date.fromisoformat(start) <= now,
        "draft_command": action_command(interview.id, interview.next_action),
        "action": interview.next_action,
        "on": interview.next_action_on,
    }


def action_command(interview_id: int, action: str) -> str:
    """The command that helps with an action: the draft of the email, or recording the ghosting."""
    if action == "move-on":
        return f"interview-signals outcome {interview_id} ghosted"
    return f"interview-signals draft {interview_id} {action}"


def sent(interview_id: int, action: str, on: str | None, db: str | None, warn: Warn = _ignore) -> tuple[str, dt.date, Interview]:
    """Record that an email was sent (``on``: YYYY-MM-DD, today or yesterday; default today).

    Returns the action word, the day, and the interview with its new next action.
    """
    from interview_signals.followup import check_action

    answers.check_text(action, "ACTION")
    answers.check_text(on, "--on")
    word = check_action(action)
    with open_history(db, warn, create=False) as store:  # an interview must exist: create nothing
        interview = store.get(interview_id)
        day = followup.sent_day("today" if on is None else on, dt.date.fromisoformat(interview.date), followup.today(), "on")
        store.record_sent(interview_id, word, day.isoformat())
        return word, day, store.get(interview_id)


def snooze(interview_id: int, until: str, db: str | None, warn: Warn = _ignore) -> Interview:
    """Put an interview's next action off until ``until``; returns the interview with its new next action."""
    answers.check_text(until, "--until")
    day = followup.snooze_day(until, followup.today(), "until")
    with open_history(db, warn, create=False) as store:
        store.snooze(interview_id, day.isoformat())
        return store.get(interview_id)


# What `edit` can correct, each by the option of the same name.
EDITABLE = ("company", "role", "interviewer", "date", "reply_by", "topic")


def edit(interview_id: int, changes: Mapping[str, str], db: str | None, warn: Warn = _ignore) -> Interview:
    """Correct the context of a saved interview and work its dates out again.

    ``changes`` maps fields of EDITABLE to their new text; an empty one clears
    the field (every interview keeps its day, so ``date`` cannot be cleared).
    A new company is every round's of its application (a round belongs to its
    application's company), and a round's day stays between its neighbours'.
    Returns the interview as saved now.
    """
    options = {key: f"--{key.replace('_', '-')}" for key in EDITABLE}
    if not changes:
        raise InputError(f"nothing to change; give one or more of {', '.join(options.values())}")
    for key, value in changes.items():
        answers.check_text(value, options[key])
    if not changes.get("date", "-").strip():
        raise InputError(f"date: every interview has a day; give {followup.DAY_FORMS[followup.PAST]}", field="date")
    with open_history(db, warn, create=False) as store:  # an interview must exist: create nothing
        interview = store.get(interview_id)
        report = dict(interview.report)
        context = {key: value for key, value in (report.get("context") or {}).items() if isinstance(value, str)}
        context.setdefault("date", interview.date)
        for key, value in changes.items():
            if value.strip():
                context[key] = value
            else:
                context.pop(key, None)
        report["context"], plan = followup.settle(context, followup.today())
        if plan is not None:
            report["follow_up"] = plan
        others = [r for r in store.rounds(interview_id) if r.id != interview_id]
        _check_round_day(interview, report["context"]["date"], others)
        store.replace_report(interview_id, report, report["context"]["date"])
        if "company" in changes:  # a round belongs to its application's company: every round follows
            for other in others:
                kept = dict(other.report)
                kept["context"] = {k: v for k, v in (kept.get("context") or {}).items() if k != "company"}
                if changes["company"].strip():
                    kept["context"]["company"] = changes["company"]
                store.replace_report(other.id, kept, other.date)
        return store.get(interview_id)


def _check_round_day(interview: Interview, day: str, others: list[Interview]) -> None:
    """A round's day stays between the round before it and the round after it."""
    before = [r for r in others if r.round < interview.round]
    after = [r for r in others if r.round > interview.round]
    if before and day < before[-1].date:
        raise InputError(
            f"date {day}: interview #{interview.id} is round {interview.round}; it cannot come before "
            f"round {before[-1].round} (#{before[-1].id}, on {before[-1].date})",
            field="date",
        )
    if after and day > after[0].date:
        raise InputError(
            f"date {day}: interview #{interview.id} is round {interview.round}; it cannot come after "
            f"round {after[0].round} (#{after[0].id}, on {after[0].date})",
            field="date",
        )


def draft(interview_id: int, kind: str, interviewer: str | None, db: str | None, warn: Warn = _ignore) -> Draft:
    """A draft email about a saved interview, signed with your configured name.

    Only the emails of the follow-up cycle warn about a closed interview: a
    feedback request comes after a rejection, and withdrawing needs no warning.
    """
    from interview_signals import drafts

    answers.check_text(kind, "KIND")
    answers.check_text(interviewer, "--interviewer")
    word = drafts.check_kind(kind)
    interview = saved_open(interview_id, db, warn) if word in followup.SENDABLE else saved(interview_id, db, warn)
    return drafts.draft(word, interview.report, interviewer, sender=_sender(warn))


def _sender(warn: Warn) -> str | None:
    """Your configured name; a settings file that cannot be read is a warning, and the draft keeps its name slot."""
    from interview_signals import config, paths

    try:
        return config.values(config.read(paths.config_path()))["name"]
    except SignalsError as exc:
        warn(f"{exc} (the draft is signed with a slot for your name)")
        return None


class Reminder(NamedTuple):
    action: str  # one of followup.ACTIONS
    day: dt.date
    ics: bytes


class Reminders(NamedTuple):
    events: int  # how many; 0 when no open interview has a next action
    ics: bytes | None  # the calendar when no ``deliver`` was given; else None (it went to ``deliver``)


# Takes a calendar file's bytes in pieces (see calendar.calendar_pieces) and writes each as it comes.
Deliver = Callable[[Iterable[bytes]], None]


def reminder(interview_id: int, db: str | None, deliver: Deliver | None = None, warn: Warn = _ignore) -> Reminder:
    """A calendar reminder of a saved interview's next action, as an iCalendar file's bytes.

    The bytes go to ``deliver`` (when given) before any warning that the day
    is past, so the warning's "written anyway" is true when it is heard. An
    interview with no next action (a final outcome closed it) is an InputError.
    """
    from interview_signals import calendar

    with open_history(db, warn, create=False) as store:
        interview = store.get(interview_id)
        latest = store.latest_round(interview_id)
    if latest != interview_id and outcomes.is_open(interview.outcome):
        raise InputError(
            f"ID {interview_id}: interview #{interview_id} is an earlier round; what is next belongs to its latest round, "
            f"#{latest}: `interview-signals remind {latest}`"
        )
    item = _reminder_of(interview)
    data = calendar.calendar_file([item])
    if deliver is not None:
        deliver([data])
    _warn_past([item], followup.today(), warn)
    return Reminder(item.action, item.on, data)


def reminders(db: str | None, deliver: Deliver | None = None, warn: Warn = _ignore) -> Reminders:
    """One calendar holding a reminder for each open interview's next action, soonest first.

    Only interviews with a next action are read, through the store's
    next-action index, one at a time: each event goes to ``deliver`` as it
    is made, so memory stays flat however many there are. With none, nothing
    is made and ``deliver`` is not called. Without ``deliver`` the calendar
    comes back whole, in ``ics``.
    """
    import itertools

    from interview_signals import calendar

    with open_history(db, warn, create=False) as store:
        found = store.each_due(dt.date.max.isoformat())  # every next action, however far off
        try:
            first = next(found, None)
            if first is None:
                return Reminders(0, None)
            made = 0

            def events() -> Iterator[calendar.Reminder]:
                nonlocal made
                for interview in itertools.chain([first], found):
                    made += 1
                    yield _reminder_of(interview)

            pieces = calendar.calendar_pieces(events())
            data = b"".join(pieces) if deliver is None else None
            if deliver is not None:
                deliver(pieces)
        finally:
            found.close()
        # Once everything is delivered, the days already past (they come first, soonest first), read again.
        heard = len(store.warnings)
        now = followup.today()
        _warn_past((_reminder_of(interview) for interview in store.each_due(now.isoformat())), now, warn)
        del store.warnings[heard:]  # a damaged interview was skipped, and said so, on the first read
    return Reminders(made, data)


def _reminder_of(interview: Interview) -> calendar.Reminder:
    from interview_signals import calendar

    if interview.next_action is None or interview.next_action_on is None:
        if not outcomes.is_open(interview.outcome):
            raise InputError(
                f"ID {interview.id}: interview #{interview.id} is recorded as {interview.outcome}, so there is nothing left "
                f"to remind of; `interview-signals outcome {interview.id} pending` reopens it"
            )
        raise InputError(
            f"ID {interview.id}: interview #{interview.id} has no next action, so there is nothing left to remind of"
        )
    return calendar.Reminder(
        interview.id,
        interview.next_action,
        dt.date.fromisoformat(interview.next_action_on),
        interview.company,
        interview.role,
        action_command(interview.id, interview.next_action),
    )


def _warn_past(items: Iterable[calendar.Reminder], today: dt.date, warn: Warn) -> None:
    from interview_signals import words

    for item in items:
        if item.on < today:
            warn(
                f"the {words.ACTION_WORDS[item.action].name} for interview #{item.interview_id} was due on "
                f"{followup.display_date(item.on)}, already past; the reminder is written anyway"
            )


def write_private(path: str, data: bytes, field: str, db: str | None) -> None:
    """Write a file for the user: private (0600), whole or not at all, and
    never over the history that ``db`` names or the settings (see files.py)."""
    from interview_signals import paths
    from interview_signals.files import kept_files, write_private

    write_private(path, data, field, kept=kept_files(paths.resolve_path(db)))


# -- settings ------------------------------------------------------------------------


class Settings(NamedTuple):
    path: Path
    exists: bool
    values: dict[str, str | None]  # every known key; None when not set


def config_show() -> Settings:
    """Every known setting and the file they live in."""
    from interview_signals import config, paths

    path = paths.config_path()
    return Settings(path, path.exists(), config.values(config.read(path)))


def config_get(key: str) -> tuple[str, str | None]:
    """The key as known (any case is accepted) and its value, None when it is not set."""
    from interview_signals import config, paths

    answers.check_text(key, "KEY")
    word = config.check_key(key)
    return word, config.values(config.read(paths.config_path()))[word]


def config_set(key: str, value: str) -> tuple[str, Path]:
    """Set a setting; returns the key as known and the file written.

    The file is read first, so a damaged one is reported, never overwritten.
    """
    from interview_signals import config, paths

    answers.check_text(key, "KEY")
    answers.check_text(value, "VALUE")
    word = config.check_key(key)
    text = config.check_value(word, value)
    path = paths.config_path()
    raw = config.read(path)
    config.write(path, {**raw, word: text})
    return word, path


def config_unset(key: str) -> tuple[str, Path, bool]:
    """Remove a setting; returns the key as known, the file, and whether it was set."""
    from interview_signals import config, paths

    answers.check_text(key, "KEY")
    word = config.check_key(key)
    path = paths.config_path()
    raw = config.read(path)
    was_set = config.values(raw)[word] is not None
    if word in raw:  # a blank value goes too
        config.write(path, {k: v for k, v in raw.items() if k != word})
    return word, path, was_set


# -- saved interviews as rows ---------------------------------------------------------


SUMMARY_FIELDS = (
    "id",
    "date",
    "company",
    "role",
    "round",
    "score",
    "verdict",
    "confidence",
    "outcome",
    "outcome_note",
    "follow_up_on",
)


def summary(interview: Interview) -> dict[str, Any]:
    """One saved interview as a row for `history` and `due`."""
    return {
        "id": interview.id,
        "date": interview.date,
        "company": interview.company,
        "role": interview.role,
        "round": interview.round,
        "score": interview.score,
        "verdict": interview.verdict,
        "confidence": interview.confidence,
        "outcome": interview.outcome,
        "outcome_note": interview.outcome_note,
        "follow_up_on": follow_up_day(interview).isoformat(),
    }


def follow_up_day(interview: Interview) -> dt.date:
    return followup.follow_up_of(interview.report, dt.date.fromisoformat(interview.date))


# -- moving: export, import, backup ----------------------------------------------------

if TYPE_CHECKING:
    from interview_signals.transfer import Imported


def export_history(db: str | None, destination: str | None, deliver: Callable[[bytes], None], warn: Warn = _ignore) -> int:
    """Write every interview as an export line (see transfer.py); returns how many.

    ``destination`` is a file, written whole and private (0600); None sends
    the lines to ``deliver`` instead, once all are made, so a damaged
    interview found half way stops the export before anything is delivered.
    """
    import tempfile

    from interview_signals import transfer
    from interview_signals.files import kept_files, private_output

    count = 0
    with open_history(db, warn, create=False) as store:
        if destination is None:
            try:
                with tempfile.TemporaryFile() as spool:  # unnamed, so private; memory stays flat
                    for line in transfer.export_lines(store):
                        spool.write(line)
                        count += 1
                    spool.seek(0)
                    while chunk := spool.read(1 << 20):
                        deliver(chunk)
            except OSError as exc:
                raise SignalsError(f"cannot make the export in a temporary file: {exc.strerror}") from None
            return count
        with private_output(destination, "FILE", kept=kept_files(store.path)) as out:
            for line in transfer.export_lines(store):
                out.write(line)
                count += 1
    return count


def import_history(
    source: str,
    stdin: BinaryIO | None,
    db: str | None,
    *,
    dry_run: bool = False,
    renumbered: Callable[[tuple[int, int, int, bool]], None] | None = None,
    warn: Warn = _ignore,
) -> Imported:
    """Import an export (a path, or "-" for ``stdin``) in one transaction; returns what it did.

    Every line is checked before the history is opened to write, so a bad
    line (an InputError naming it) changes and creates nothing; so does a dry run.
    """
    from interview_signals import batch, transfer

    if source == "-" and stdin is None:
        raise InputError("FILE: standard input is closed; give an export file, or pipe one in")
    with batch.open_input(source, stdin if source == "-" and stdin is not None else io.BytesIO()) as (stream, _):
        lines = batch.read_lines(stream, limit=transfer.LINE_LIMIT)
        try:
            return transfer.import_lines(
                lines, lambda create: open_history(db, warn, create=create), dry_run=dry_run, renumbered=renumbered
            )
        except OSError as exc:  # reading the file failed part way (a disk error, a file gone from a network share)
            raise SignalsError(f"FILE: cannot read {'standard input' if source == '-' else source}: {exc.strerror}") from None


def backup_history(db: str | None, destination: str, warn: Warn = _ignore) -> int:
    """Copy the history database to ``destination`` (see transfer.backup); returns how many interviews the copy holds."""
    from interview_signals import transfer

    with open_history(db, warn, create=False) as store:
        return transfer.backup(store, destination)
