"""The History's queries about applications: the pipeline, one row an application, and an application's story.

The pipeline is read as three streams, each in the order of an index and
each read only as far as it is used, so ``--limit 20`` costs the same at
100,000 interviews as at 10 and the full list holds one application at a time:

* booked applications, by the start of their earliest booking (bookings_by_start);
* open applications with a next action, by the first day it can be done
  (interviews_by_next_action_from: only an application's latest round has one);
* the rest, newest first by their latest round's day (interviews_by_date).

The first two are merged by day. Which stage each application is in is
application.stage_of's to say, from what ``_application`` reads of it; the
streams only pick the applications a listing can hold.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Generator, Iterator
from typing import Any, NamedTuple

from interview_signals import application as model
from interview_signals import outcomes
from interview_signals.application import Application, NextAction
from interview_signals.db.reading import Reading, check_id
from interview_signals.errors import InputError
from interview_signals.interview import COLUMNS, Interview
from interview_signals.shape import is_day

_FINAL = ", ".join(f"'{word}'" for word in outcomes.FINAL)
_HIGHEST = "\U0010ffff"  # sorts after every day: no upper bound
_BOOKED = "EXISTS (SELECT 1 FROM bookings AS b WHERE b.application_id = {app})"
_LATER = "SELECT 1 FROM interviews AS l WHERE l.application_id = i.application_id AND l.round > i.round"  # not the latest round
_STREAM_BOOKED = (
    "SELECT b.starts_at, b.id, b.application_id FROM bookings AS b INDEXED BY bookings_by_start"
    " WHERE NOT EXISTS (SELECT 1 FROM bookings AS e WHERE e.application_id = b.application_id"
    "  AND (e.starts_at < b.starts_at OR (e.starts_at = b.starts_at AND e.id < b.id)))"
    # closed: its latest round has a final outcome (as application.stage_of reads it)
    f" AND NOT EXISTS (SELECT 1 FROM interviews AS i WHERE i.application_id = b.application_id AND i.outcome IN ({_FINAL})"
    f"  AND NOT EXISTS ({_LATER}))"
    " ORDER BY b.starts_at, b.id"
)
_STREAM_PLANNED = (
    "SELECT i.next_action_from, i.id, coalesce(i.application_id, i.id) FROM interviews AS i"
    " INDEXED BY interviews_by_next_action_from WHERE i.next_action_from > ? AND i.next_action_from <= ?"
    f" AND NOT {_BOOKED.format(app='i.application_id')} AND NOT EXISTS ({_LATER}) ORDER BY i.next_action_from, i.id"
)
_STREAM_REST = (
    "SELECT coalesce(i.application_id, i.id) FROM interviews AS i INDEXED BY interviews_by_date"
    " WHERE i.next_action_from IS NULL AND ({kept})"
    f" AND NOT EXISTS ({_LATER})"
    f" AND NOT ({outcomes.open_sql('i.outcome')} AND {_BOOKED.format(app='i.application_id')})"
    " ORDER BY i.date DESC, i.id DESC"
)


class Booked(NamedTuple):
    """A booked round, not yet assessed (a row of the bookings table)."""

    id: int
    round: int
    company: str | None
    role: str | None
    interviewer: str | None
    starts_at: str  # YYYY-MM-DD HH:MM

    @property
    def day(self) -> str:
        return self.starts_at[:10]

    @property
    def at(self) -> str | None:
        return self.starts_at[11:16] or None


class Applications(Reading):
    """The queries about applications (History inherits them)."""

    def each_application(
        self, stages: tuple[str, ...], today: str, limit: int | None = None
    ) -> Generator[Application, None, None]:
        """The pipeline: open applications first, by the day of what is next; then the rest, newest first.

        ``stages`` (application.STAGES) are those kept; ``today`` (YYYY-MM-DD)
        decides which are due. Read one at a time; stop early by closing it.
        """
        model.check_limit(limit)
        return self._each_application(frozenset(stages), today, limit)

    def _each_application(self, stages: frozenset[str], today: str, limit: int | None) -> Generator[Application, None, None]:
        cursors: list[sqlite3.Cursor] = []
        found = 0
        with self._read():
            try:
                for app_id in self._pipeline_ids(stages, today, cursors):
                    app = self._application(app_id, today)
                    if app is None or app.stage not in stages:
                        continue
                    yield app
                    found += 1
                    if limit is not None and found >= limit:
                        break
            finally:
                for cursor in cursors:
                    cursor.close()

    def _pipeline_ids(self, stages: frozenset[str], today: str, cursors: list[sqlite3.Cursor]) -> Iterator[int]:
        """Each application's id, once, in the pipeline's order, from the streams ``stages`` need."""
        heads: list[Iterator[tuple[tuple[str, str, int], int]]] = []
        if model.SCHEDULED in stages:
            cursors.append(self._conn.execute(_STREAM_BOOKED))
            heads.append(((str(start)[:10], str(start)[10:], id), app) for start, id, app in cursors[-1])
        if model.DUE in stages or model.WAITING in stages:
            low = "" if model.DUE in stages else today
            high = today if model.WAITING not in stages else _HIGHEST
            cursors.append(self._conn.execute(_STREAM_PLANNED, (low, high)))
            heads.append(((str(day), "", id), app) for day, id, app in cursors[-1])
        # The streams never meet: a booked application is only in the first (or, closed, the last);
        # one with a next action only in the second; the last holds those with none.
        for _, app_id in heapq.merge(*heads):
            yield app_id
        finals = [f"'{word}'" for word in outcomes.FINAL if word in stages]
        kept = [f"i.outcome IN ({', '.join(finals)})"] if finals else []
        if model.WAITING in stages:  # an open application with nothing planned (its day is the calendar's last)
            kept.append(outcomes.open_sql("i.outcome"))
        if kept:
            cursors.append(self._conn.execute(_STREAM_REST.format(kept=" OR ".join(kept))))
            for (app_id,) in cursors[-1]:
                yield app_id

    def _application(self, app_id: Any, today: str) -> Application | None:
        """One application as the pipeline lists it (inside a read); None when nothing of it can be read."""
        if type(app_id) is not int:
            return None
        latest, before = (
            self._conn.execute(
                "SELECT id, company, role, score, outcome, next_action, next_action_on, next_action_from, verdict FROM interviews"
                " WHERE application_id = ? ORDER BY round DESC, id DESC LIMIT 2",
                (app_id,),
            ).fetchall()
            + [None, None]
        )[:2]
        (assessed,) = self._conn.execute("SELECT count(*) FROM interviews WHERE application_id = ?", (app_id,)).fetchone()
        booked = self._bookings(app_id)
        if latest is None and not booked:
            return None
        _, company, role, score, outcome, action, on, start, verdict = latest or (None,) * 9
        company, role, outcome = (_text(company), _text(role), _text(outcome))
        if booked:
            company, role = company or booked[0].company, role or booked[0].role
        stage = model.stage_of(outcome, bool(booked), start if is_day(start) else None, today)
        if stage not in model.OPEN_STAGES:
            next_action = None
        elif booked:
            next_action = NextAction(model.INTERVIEW, booked[0].day, booked[0].at)
        else:
            next_action = NextAction(action, on) if isinstance(action, str) and isinstance(on, str) and is_day(on) else None
        score = _number(score)
        change = model.score_change(score, _number(before[3]) if before is not None else None)
        return Application(
            app_id, company, role, stage, assessed + len(booked), score, change, next_action, outcome, _text(verdict)
        )

    def _bookings(self, app_id: int) -> list[Booked]:
        """An application's booked rounds, earliest first (inside a read); a booking whose start is not a time is left out."""
        found = []
        for id, round_, company, role, interviewer, starts_at in self._conn.execute(
            "SELECT id, round, company, role, interviewer, starts_at FROM bookings WHERE application_id = ? ORDER BY starts_at, id",
            (app_id,),
        ):
            if isinstance(starts_at, str) and is_day(starts_at[:10]) and type(round_) is int:
                found.append(Booked(id, round_, _text(company), _text(role), _text(interviewer), starts_at))
            else:
                self.warnings.append(f"booking #{id} is damaged (its starts_at or round is not usable); skipped it")
        return found

    def application_of_round(self, id: int) -> int:
        """The application any round's id (an interview's or a booking's) belongs to."""
        check_id(id)
        with self._read():
            row = self._conn.execute("SELECT coalesce(application_id, id) FROM interviews WHERE id = ?", (id,)).fetchone()
            if row is None:
                row = self._conn.execute("SELECT application_id FROM bookings WHERE id = ?", (id,)).fetchone()
        if row is None or type(row[0]) is not int:
            raise InputError(f"no interview or booking with id {id}; see `interview-signals applications`")
        return row[0]

    def application(self, app_id: int, today: str) -> Application:
        """The application ``app_id`` (application_of_round's answer) as the pipeline lists it."""
        with self._read():
            found = self._application(app_id, today)
        if found is None:
            raise InputError(f"no application with id {app_id}; see `interview-signals applications`")
        return found

    def story(self, app_id: int) -> tuple[list[Interview], list[Booked], list[tuple[int, str, str]]]:
        """An application's assessed rounds (first first; a damaged one skipped with a warning), its booked
        rounds (earliest first) and its notes as (round id, day, text), by day and then as written."""
        rounds = self._readable(
            f"SELECT {', '.join(COLUMNS)} FROM interviews WHERE application_id = ? ORDER BY round, id", [app_id], None
        )
        with self._read():
            booked = self._bookings(app_id)
            ids = [r.id for r in rounds] + [b.id for b in booked]
            notes = self._conn.execute(
                'SELECT interview_id, "on", text FROM notes WHERE interview_id IN (SELECT value FROM json_each(?))'
                ' ORDER BY "on", id',
                (f"[{', '.join(str(i) for i in ids)}]",),
            ).fetchall()
        kept = [(id, on, text) for id, on, text in notes if is_day(on) and isinstance(text, str)]
        if len(kept) < len(notes):
            self.warnings.append(f"{len(notes) - len(kept)} note(s) of application #{app_id} are damaged; skipped them")
        return rounds, booked, kept


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value: Any) -> int | None:
    return value if type(value) is int else None
