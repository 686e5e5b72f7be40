"""The counter report: visits, waiting and service times, the service standard, per officer
and by hour, computed from the visits and their events (definitions in ``definitions``)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import Event, Visit, VisitStatus
from lpse_desk.domain.queue.rules import visit_times
from lpse_desk.domain.reports.idle import IdleStretch

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


def _whole(delta: timedelta | None) -> timedelta | None:
    return None if delta is None else timedelta(seconds=whole_seconds(delta))


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
        wait=_whole(wait),
        service=_whole(times.serving) if done else None,
        held=_whole(times.held),
        transferred=any(event.action == TRANSFER for event in events),
        standard=standard,
    )


@dataclass(frozen=True)
class RunningTally:
    """A visit's figures as its row keeps them, updated at every move (the reports sum these
    columns instead of reading 600,000 events; ``figures_of`` stays the reference)."""

    moved_at: datetime
    """When the visit last changed state (its arrival until the first move)."""
    wait_seconds: float | None
    serving_seconds: float = 0.0
    held_seconds: float = 0.0
    first_served_at: datetime | None = None


SERVING_STATE = "dilayani"
HELD_STATE = "ditahan"


def tally_after(tally: RunningTally, *, state: str, action: str, at: datetime,
                arrived_at: datetime) -> RunningTally:  # fmt: skip
    """The tally after the visit, in ``state`` since ``tally.moved_at``, moves by ``action``
    at ``at``: the time in the state it leaves is added to its sum (never negative, as in
    ``visit_times``); a call before the first service start sets the wait; the first start
    freezes it."""
    lasted = max((at - tally.moved_at).total_seconds(), 0.0)
    serving = tally.serving_seconds + (lasted if state == SERVING_STATE else 0.0)
    held = tally.held_seconds + (lasted if state == HELD_STATE else 0.0)
    wait = tally.wait_seconds
    if action == CALL and tally.first_served_at is None:
        wait = max((at - arrived_at).total_seconds(), 0.0)
    first = tally.first_served_at
    if action == START and first is None:
        first = at
    return RunningTally(moved_at=at, wait_seconds=wait, serving_seconds=serving,
                        held_seconds=held, first_served_at=first)  # fmt: skip


def tallied(
    visit: Visit,
    *,
    wait: timedelta | None,
    started: bool,
    serving: timedelta,
    held: timedelta,
    transferred: bool,
    standard: timedelta | None,
) -> VisitFigures:
    """A visit's figures from what its row keeps (``RunningTally``): the same rules as
    ``figures_of``, which a store test holds them to."""
    done = visit.status is VisitStatus.DONE and started
    return VisitFigures(
        visit=visit,
        wait=_whole(wait),
        service=_whole(serving) if done else None,
        held=_whole(held),
        transferred=transferred,
        standard=standard,
    )


def whole_seconds(delta: timedelta) -> int:
    """``delta`` in whole seconds, half a second up (the reports count whole seconds, so the
    database's sums and the events' own arithmetic give the same figures)."""
    return math.floor(delta.total_seconds() + 0.5)


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
    return spread_of(Counter(whole_seconds(value) for value in values))


def _at_rank(ordered: Sequence[tuple[int, int]], rank: int) -> int:
    """The value at 1-based ``rank`` of a histogram sorted by value."""
    seen = 0
    for value, count in ordered:
        seen += count
        if seen >= rank:
            return value
    raise IndexError(rank)


def spread_of(histogram: Mapping[int, int]) -> Spread:
    """The spread of whole seconds given as seconds → how many."""
    ordered = sorted((value, count) for value, count in histogram.items() if count)
    total = sum(count for _value, count in ordered)
    if not total:
        return Spread(0, None, None, None, None)
    middle = (total + 1) // 2
    median = float(_at_rank(ordered, middle))
    if total % 2 == 0:
        median = (median + _at_rank(ordered, middle + 1)) / 2
    mean = sum(value * count for value, count in ordered) / total
    return Spread(
        count=total,
        median=timedelta(seconds=median),
        mean=timedelta(seconds=mean),
        p90=timedelta(seconds=_at_rank(ordered, math.ceil(0.9 * total))),
        maximum=timedelta(seconds=ordered[-1][0]),
    )


BINS = (5, 10, 15, 20, 30, 45, 60)
"""The edges (minutes) of the time distributions the charts draw: 0–5, 5–10, …, 60 and more."""


def bin_labels() -> tuple[str, ...]:
    """``("0–5", "5–10", …, "≥60")`` (minutes)."""
    edges = (0, *BINS)
    return (*(f"{low}–{high}" for low, high in zip(edges, BINS, strict=False)), f"≥{BINS[-1]}")


def binned(histogram: Mapping[int, int]) -> tuple[int, ...]:
    """How many of a histogram's seconds fall in each bin of ``BINS`` (a minute edge belongs
    to the bin above it: exactly 15:00 is in 15–20)."""
    counts = [0] * (len(BINS) + 1)
    for seconds, count in histogram.items():
        index = next((i for i, edge in enumerate(BINS) if seconds < edge * 60), len(BINS))
        counts[index] += count
    return tuple(counts)


@dataclass(frozen=True)
class OfficerLine:
    """One officer's part: visits finished, their median service time, and idle time (an
    open loket with nobody at it while numbers were waiting: ``domain.reports.idle``)."""

    officer_id: int
    served: int
    median_service: timedelta | None
    idle: timedelta = timedelta(0)


@dataclass(frozen=True)
class CounterTotals:
    """What a period's visits add up to: the counts, and each duration as a histogram of
    whole seconds. Built from per-visit figures here (``totals_of``) or summed by the
    database (the store), and turned into the report by ``report_of``."""

    visits: int
    booked: int
    served: int
    no_show: int
    cancelled: int
    transferred: int
    held_seconds: int
    over_standard: int
    waiting: Mapping[int, int]
    service: Mapping[int, int]
    service_by_officer: Mapping[int, Mapping[int, int]]
    worst: tuple[VisitFigures, ...]
    arrivals: Mapping[tuple[int, int], int]
    per_day: Mapping[date, int]
    idle_by_officer: Mapping[int, int] = field(default_factory=dict)
    """Officer → whole seconds of idle time (the stretches of the period's days)."""
    daring: int | None = None
    """Daring requests taken in (None: not counted, as for one loket)."""


@dataclass(frozen=True)
class CounterReport:
    """The counter report of the visits taken from ``start`` to ``end`` (WIB dates, both in)."""

    start: date
    end: date
    visits: int
    booked: int
    walk_in: int
    daring: int | None
    """Daring requests (through the helpdesk, no queue number) whose intake began in the
    period; None when a loket is chosen (they have none)."""
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
    per_day: Mapping[date, int]
    """Service day → numbers taken (days without any are absent)."""
    waiting_bins: tuple[int, ...]
    """Waits per bin of ``BINS`` (the chart of the distribution)."""
    service_bins: tuple[int, ...]

    @property
    def over_share(self) -> float | None:
        """Share of the served visits over their standard (None: nobody was served)."""
        return self.over_standard / self.served if self.served else None

    def days(self) -> list[tuple[date, int]]:
        """Every day of the period with its visits, zeros included (the bar chart)."""
        count = (self.end - self.start).days + 1
        return [
            (day, self.per_day.get(day, 0))
            for day in (self.start + timedelta(days=n) for n in range(count))
        ]


def worst_first(over: Iterable[VisitFigures], limit: int = WORST) -> tuple[VisitFigures, ...]:
    """The visits furthest over their standard, furthest first, then by visit id."""
    ordered = sorted(over, key=lambda one: (-whole_seconds(one.over or timedelta(0)), one.visit.id))
    return tuple(ordered[:limit])


def totals_of(
    figures: Sequence[VisitFigures], *, worst: int = WORST, idle: Iterable[IdleStretch] = (),
    daring: int | None = None,
) -> CounterTotals:  # fmt: skip
    """The totals of per-visit figures and idle stretches (the reference the database's sums
    are held to)."""
    served = [one for one in figures if one.served]
    by_officer: dict[int, Counter[int]] = {}
    for one in served:
        if one.visit.served_by is not None and one.service is not None:
            by_officer.setdefault(one.visit.served_by, Counter())[whole_seconds(one.service)] += 1
    arrivals: Counter[tuple[int, int]] = Counter()
    for one in figures:
        arrived = to_wib(one.visit.arrived_at)
        arrivals[(arrived.weekday(), arrived.hour)] += 1
    return CounterTotals(
        visits=len(figures),
        booked=sum(1 for one in figures if one.visit.booking_code),
        served=len(served),
        no_show=sum(1 for one in figures if one.visit.status is VisitStatus.NO_SHOW),
        cancelled=sum(1 for one in figures if one.visit.status is VisitStatus.CANCELLED),
        transferred=sum(1 for one in figures if one.transferred),
        held_seconds=sum(whole_seconds(one.held) for one in figures),
        over_standard=sum(1 for one in served if one.over is not None),
        waiting=Counter(whole_seconds(one.wait) for one in figures if one.wait is not None),
        service=Counter(whole_seconds(one.service) for one in served if one.service is not None),
        service_by_officer=by_officer,
        worst=worst_first((one for one in served if one.over is not None), worst),
        arrivals=dict(arrivals),
        per_day=dict(Counter(one.visit.service_date for one in figures)),
        idle_by_officer=_idle_by_officer(idle),
        daring=daring,
    )


def _idle_by_officer(stretches: Iterable[IdleStretch]) -> dict[int, int]:
    totals: Counter[int] = Counter()
    for one in stretches:
        if one.staff_id is not None:
            totals[one.staff_id] += whole_seconds(one.ended - one.started)
    return dict(totals)


def _officer_lines(totals: CounterTotals) -> tuple[OfficerLine, ...]:
    """Every officer who served or was idle, by id."""
    officers = sorted({*totals.service_by_officer, *totals.idle_by_officer})
    empty: Mapping[int, int] = {}
    return tuple(
        OfficerLine(
            officer,
            sum(totals.service_by_officer.get(officer, empty).values()),
            spread_of(totals.service_by_officer.get(officer, empty)).median,
            timedelta(seconds=totals.idle_by_officer.get(officer, 0)),
        )
        for officer in officers
    )


def report_of(totals: CounterTotals, *, start: date, end: date) -> CounterReport:
    """The report of a period's totals."""
    return CounterReport(
        start=start,
        end=end,
        visits=totals.visits,
        booked=totals.booked,
        walk_in=totals.visits - totals.booked,
        daring=totals.daring,
        served=totals.served,
        no_show=totals.no_show,
        cancelled=totals.cancelled,
        transferred=totals.transferred,
        waiting=spread_of(totals.waiting),
        service=spread_of(totals.service),
        held=timedelta(seconds=totals.held_seconds),
        over_standard=totals.over_standard,
        worst=totals.worst,
        per_officer=_officer_lines(totals),
        arrivals=dict(totals.arrivals),
        per_day=dict(totals.per_day),
        waiting_bins=binned(totals.waiting),
        service_bins=binned(totals.service),
    )


def counter_report(
    figures: Sequence[VisitFigures], *, start: date, end: date, worst: int = WORST,
    idle: Iterable[IdleStretch] = (),
) -> CounterReport:  # fmt: skip
    """The counter report of ``figures`` (the visits taken from ``start`` to ``end``) and of
    the idle stretches of those days."""
    return report_of(totals_of(figures, worst=worst, idle=idle), start=start, end=end)
