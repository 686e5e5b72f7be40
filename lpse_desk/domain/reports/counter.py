"""The counter report: visits, waiting and service times, the service standard, per officer
and by hour, computed from the visits and their events (definitions in ``definitions``)."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import Event, Visit, VisitStatus
from lpse_desk.domain.queue.rules import visit_times

CALL = "dipanggil"
START = "mulai_dilayani"
TRANSFER = "dialihkan"
WORST = 10
"""How many of the visits furthest over their standard the report lists."""


@dataclass(frozen=True)
class VisitFigures:
    """One visit as the report counts it."""

    visit: Visit
    wait: timedelta | None
    """Arrival to the call that was followed by service (or the last call); None: never called."""
    service: timedelta | None
    """Time at the loket being served (holds excluded); None unless served."""
    held: timedelta
    transferred: bool
    standard: timedelta | None
    """The service's counter standard from the catalog (None: the catalog has none)."""

    @property
    def served(self) -> bool:
        return self.visit.status is VisitStatus.DONE and self.service is not None

    @property
    def over(self) -> timedelta | None:
        """By how much the service time exceeded the standard (None: not over)."""
        if self.service is None or self.standard is None or self.service <= self.standard:
            return None
        return self.service - self.standard


def figures_of(visit: Visit, history: Sequence[Event], standard: timedelta | None) -> VisitFigures:
    """A visit's figures from its events (``history``: the visit's own, any order)."""
    events = sorted(history, key=lambda event: (event.at, event.id))
    calls = [event for event in events if event.action == CALL]
    first_start = next((event for event in events if event.action == START), None)
    counted = None
    if first_start is not None:
        before = [call for call in calls if (call.at, call.id) <= (first_start.at, first_start.id)]
        counted = before[-1] if before else None
    elif calls:
        counted = calls[-1]
    wait = max(counted.at - visit.arrived_at, timedelta(0)) if counted is not None else None
    end = visit.finished_at or (events[-1].at if events else visit.arrived_at)
    times = visit_times(events, end)
    done = visit.status is VisitStatus.DONE and first_start is not None
    return VisitFigures(
        visit=visit,
        wait=wait,
        service=times.serving if done else None,
        held=times.held,
        transferred=any(event.action == TRANSFER for event in events),
        standard=standard,
    )


def tallied(
    visit: Visit,
    *,
    counted_call: datetime | None,
    first_start: datetime | None,
    serving: timedelta,
    held: timedelta,
    transferred: bool,
    standard: timedelta | None,
) -> VisitFigures:
    """A visit's figures from what the database summed of its events (the same rules as
    ``figures_of``: the counted call is the last one before the first service start)."""
    done = visit.status is VisitStatus.DONE and first_start is not None
    return VisitFigures(
        visit=visit,
        wait=max(counted_call - visit.arrived_at, timedelta(0)) if counted_call else None,
        service=serving if done else None,
        held=held,
        transferred=transferred,
        standard=standard,
    )


@dataclass(frozen=True)
class Spread:
    """Median, mean, p90 (nearest rank) and maximum of some durations."""

    count: int
    median: timedelta | None
    mean: timedelta | None
    p90: timedelta | None
    maximum: timedelta | None


def spread(values: Iterable[timedelta]) -> Spread:
    """The spread of ``values`` (all None when there are none)."""
    ordered = sorted(values)
    if not ordered:
        return Spread(0, None, None, None, None)
    seconds = [value.total_seconds() for value in ordered]
    rank = math.ceil(0.9 * len(ordered))
    return Spread(
        count=len(ordered),
        median=timedelta(seconds=statistics.median(seconds)),
        mean=timedelta(seconds=statistics.fmean(seconds)),
        p90=ordered[rank - 1],
        maximum=ordered[-1],
    )


@dataclass(frozen=True)
class OfficerLine:
    """One officer's part: visits finished and their median service time."""

    officer_id: int
    served: int
    median_service: timedelta | None


@dataclass(frozen=True)
class CounterReport:
    """The counter report of the visits taken from ``start`` to ``end`` (WIB dates, both in)."""

    start: date
    end: date
    visits: int
    booked: int
    walk_in: int
    served: int
    no_show: int
    cancelled: int
    transferred: int
    waiting: Spread
    service: Spread
    held: timedelta
    over_standard: int
    worst: tuple[VisitFigures, ...]
    """The served visits furthest over their standard, furthest first (at most ``WORST``)."""
    per_officer: tuple[OfficerLine, ...]
    arrivals: Mapping[tuple[int, int], int]
    """(weekday 0 = Senin, hour in WIB) → numbers taken."""

    @property
    def over_share(self) -> float | None:
        """Share of the served visits over their standard (None: nobody was served)."""
        return self.over_standard / self.served if self.served else None


def counter_report(
    figures: Sequence[VisitFigures], *, start: date, end: date, worst: int = WORST
) -> CounterReport:
    """The counter report of ``figures`` (the visits taken from ``start`` to ``end``)."""
    served = [one for one in figures if one.served]
    over = [one for one in served if one.over is not None]
    over.sort(key=lambda one: (-(one.over or timedelta(0)).total_seconds(), one.visit.id))
    by_officer: dict[int, list[timedelta]] = {}
    for one in served:
        if one.visit.served_by is not None and one.service is not None:
            by_officer.setdefault(one.visit.served_by, []).append(one.service)
    arrivals: Counter[tuple[int, int]] = Counter()
    for one in figures:
        arrived = to_wib(one.visit.arrived_at)
        arrivals[(arrived.weekday(), arrived.hour)] += 1
    booked = sum(1 for one in figures if one.visit.booking_code)
    return CounterReport(
        start=start,
        end=end,
        visits=len(figures),
        booked=booked,
        walk_in=len(figures) - booked,
        served=len(served),
        no_show=sum(1 for one in figures if one.visit.status is VisitStatus.NO_SHOW),
        cancelled=sum(1 for one in figures if one.visit.status is VisitStatus.CANCELLED),
        transferred=sum(1 for one in figures if one.transferred),
        waiting=spread(one.wait for one in figures if one.wait is not None),
        service=spread(one.service for one in served if one.service is not None),
        held=sum((one.held for one in figures), timedelta(0)),
        over_standard=len(over),
        worst=tuple(over[:worst]),
        per_officer=tuple(
            OfficerLine(officer, len(times), spread(times).median)
            for officer, times in sorted(by_officer.items())
        ),
        arrivals=dict(arrivals),
    )


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length that ends the day before ``start``."""
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)
