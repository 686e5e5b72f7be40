"""Idle time at the lokets: an open loket with nobody at it while numbers were waiting.

The desk writes each stretch when it ends (``store.queries.idle``); ``replay`` works the same
stretches out of the event log, for the visits and lokets recorded before the desk kept them
and as the reference a store test holds the kept ones to.

A stretch starts at the later of two moments and ends when the loket calls, pauses or closes:

- the loket became free: opened (or reopened after a pause), or its visitor left it
  (finished, no-show, held, transferred, put back) while it was open;
- the number waiting longest among those still waiting at the end started to wait (taken,
  back from hold, restored, transferred).

So a stretch is counted only while someone was waiting the whole time, and never longer than
the wait of a number still in the queue when the loket acted: a number called meanwhile by
another loket does not lengthen it. A loket left open at the end of the day without a call,
a pause or a close ends no stretch and adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import Event

WAITING = "menunggu"
ACTIVE = frozenset({"dipanggil", "dilayani"})
CALL = "dipanggil"
OPEN = "loket_buka"
ENDINGS = ("dipanggil", "loket_jeda", "loket_tutup")
"""What ends a stretch: a call, a pause, a close (the actions of the event log)."""
_LOKET_IN_REASON = re.compile(r"^loket (\d+)$")
_STAFF_IN_ACTOR = re.compile(r"\(#(\d+)\)$")


@dataclass(frozen=True)
class IdleStretch:
    """One stretch of a loket's idle time, ended by ``ended_by`` (one of ``ENDINGS``)."""

    loket: int
    staff_id: int | None
    service_date: date
    started: datetime
    ended: datetime
    ended_by: str

    @property
    def seconds(self) -> float:
        return (self.ended - self.started).total_seconds()


def stretch(
    *, loket: int, staff_id: int | None, free_since: datetime | None,
    waiting_since: datetime | None, at: datetime, ended_by: str,
) -> IdleStretch | None:  # fmt: skip
    """The stretch a loket free since ``free_since`` ends at ``at`` while the longest waiting
    number has waited since ``waiting_since``; None when either is missing or it is empty."""
    if free_since is None or waiting_since is None:
        return None
    started = max(free_since, waiting_since)
    if at <= started:
        return None
    return IdleStretch(loket, staff_id, to_wib(at).date(), started, at, ended_by)


def staff_id_in(actor: str) -> int | None:
    """The staff id in the event log's name of a staff member (``Siti Rahma (#2)``)."""
    found = _STAFF_IN_ACTOR.search(actor)
    return int(found.group(1)) if found else None


@dataclass
class _Loket:
    open_on: date | None = None
    free_since: datetime | None = None
    visit: int | None = None


class _Replay:
    def __init__(self) -> None:
        self.lokets: dict[int, _Loket] = {}
        self.waiting: dict[int, tuple[date, datetime]] = {}
        self.day_of: dict[int, date] = {}
        self.at_loket: dict[int, int] = {}
        self.stretches: list[IdleStretch] = []

    def loket(self, number: int) -> _Loket:
        return self.lokets.setdefault(number, _Loket())

    def end(self, number: int, entry: Event) -> None:
        day = to_wib(entry.at).date()
        since = [moment for of_day, moment in self.waiting.values() if of_day == day]
        state = self.loket(number)
        found = stretch(loket=number, staff_id=staff_id_in(entry.actor),
                        free_since=state.free_since, waiting_since=min(since, default=None),
                        at=entry.at, ended_by=entry.action)  # fmt: skip
        if found is not None:
            self.stretches.append(found)
        state.free_since = None

    def visit(self, entry: Event) -> None:
        vid = entry.entity_id
        if entry.action == CALL:
            called = _LOKET_IN_REASON.match(entry.reason or "")
            if called:
                number = int(called.group(1))
                self.end(number, entry)
                self.loket(number).visit = vid
                self.at_loket[vid] = number
        if entry.from_state == WAITING:
            self.waiting.pop(vid, None)
        if entry.to_state == WAITING:
            day = self.day_of.setdefault(vid, to_wib(entry.at).date())
            self.waiting[vid] = (day, entry.at)
        if entry.from_state in ACTIVE and entry.to_state not in ACTIVE:
            number = self.at_loket.pop(vid, None)
            if number is not None:
                state = self.loket(number)
                state.visit = None
                if state.open_on == to_wib(entry.at).date():
                    state.free_since = entry.at

    def loket_event(self, entry: Event) -> None:
        number, state = entry.entity_id, self.loket(entry.entity_id)
        if entry.action in ENDINGS:
            self.end(number, entry)
        if entry.action == OPEN:
            state.open_on = to_wib(entry.at).date()
            state.free_since = entry.at if state.visit is None else None
        else:
            state.open_on = None


def replay(entries: Iterable[Event]) -> list[IdleStretch]:
    """The idle stretches the visit and loket events give, read in log order (time, then id)."""
    run = _Replay()
    for entry in entries:
        if entry.entity == "visit":
            run.visit(entry)
        elif entry.entity == "loket":
            run.loket_event(entry)
    return run.stretches
