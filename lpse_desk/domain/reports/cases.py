"""The case report: cases handed to the verifiers and decided, the time from hand-off to the
decision in working time with the returned (paused) time left out, the 1x24 jam kerja
standard, returns by reason, what is open and overdue now, per service and per verifier
(definitions in ``definitions``)."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus, Event
from lpse_desk.domain.reports.counter import Spread, spread_of, whole_seconds

WITH_VERIFIER = CaseStatus.AWAITING_REVIEW.value
CONCLUDED = {CaseStatus.APPROVED.value, CaseStatus.REJECTED.value}
LATE_LISTED = 50
"""How many of the late cases the report lists (latest by most late first)."""
NOTE_ONLY = "catatan"
"""A return's reason when no document was rejected (only the verifier's note)."""
NOT_RECORDED = "tidak_tercatat"
"""A return recorded before the desk kept its reasons (migration 0012)."""
HOUR_BINS = (4, 8, 16, 24, 48)
"""The edges (working hours) of the chart of the time to a decision: 0–4, …, 48 and more."""


def hour_bin_labels() -> tuple[str, ...]:
    """``("0–4", "4–8", …, "≥48")`` (working hours)."""
    edges = (0, *HOUR_BINS)
    return (*(f"{low}–{high}" for low, high in zip(edges, HOUR_BINS, strict=False)),
            f"≥{HOUR_BINS[-1]}")  # fmt: skip


def hour_binned(decisions: Iterable[Decision]) -> tuple[int, ...]:
    """How many decisions took working time in each bin of ``HOUR_BINS`` (an edge belongs to
    the bin above it: exactly 24 hours is in 24–48)."""
    edges = [hours * 3600 for hours in HOUR_BINS]
    counts = [0] * (len(HOUR_BINS) + 1)
    for one in decisions:
        counts[bisect_right(edges, one.worked.total_seconds())] += 1
    return tuple(counts)


@dataclass(frozen=True)
class Worked:
    """A case's working time with the verifiers, as its events give it."""

    seconds: int | None
    """Whole seconds in ``menunggu_verifikasi`` up to the decision; None: not decided."""
    concluded_at: datetime | None
    """The approval or rejection (the first move to ``disetujui``/``ditolak``)."""
    verdict: str | None


def worked_of(history: Sequence[Event], calendar: WorkingCalendar) -> Worked:
    """The working time a case spent waiting on (or with) a verifier, from hand-off (or each
    resubmission) to a return or the decision; the time it was back with the vendor does
    not count, nor weekends and holidays (``WorkingCalendar.working_time_between``)."""
    total = timedelta(0)
    since: datetime | None = None
    for event in sorted(history, key=lambda one: (one.at, one.id)):
        if event.to_state is None:
            continue
        if since is not None:
            total += calendar.working_time_between(since, event.at)
            since = None
        if event.to_state == WITH_VERIFIER:
            since = event.at
        elif event.to_state in CONCLUDED:
            return Worked(whole_seconds(total), event.at, event.to_state)
    return Worked(None, None, None)


class Decision(NamedTuple):
    """One case decided in the period, as the report counts it."""

    case_id: int
    service_code: str
    verdict: str
    """``disetujui`` or ``ditolak``."""
    decided_by: int | None
    concluded_at: datetime | None
    """When it was decided; the store reads it only for the late cases the report lists."""
    worked: timedelta
    standard: timedelta
    """The service's completion standard (1x24 jam kerja for REG, from the catalog)."""

    @property
    def late_by(self) -> timedelta | None:
        return self.worked - self.standard if self.worked > self.standard else None


@dataclass(frozen=True)
class Return:
    """One return to the vendor in the period, with its reasons (one per rejected document;
    ``NOTE_ONLY`` when only the note was given, ``NOT_RECORDED`` for old returns)."""

    case_id: int
    service_code: str
    returned_by: int | None
    returned_at: datetime
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class OpenCase:
    """A case with the verifiers or back with the vendor at the moment of the report."""

    case_id: int
    service_code: str
    status: str
    assigned_to: int | None
    due_at: datetime | None
    overdue_by: timedelta | None
    """Working time past its deadline (None: not overdue, or paused while returned)."""


@dataclass(frozen=True, kw_only=True)
class Outcomes:
    """What became of some cases in the period: decisions, returns, time to a decision."""

    approved: int
    rejected: int
    returned: int
    on_time: int
    worked: Spread

    @property
    def decided(self) -> int:
        return self.approved + self.rejected

    @property
    def on_time_share(self) -> float | None:
        """Share of the decided cases decided within their standard (None: none decided)."""
        return self.on_time / self.decided if self.decided else None


@dataclass(frozen=True, kw_only=True)
class ServiceLine(Outcomes):
    service_code: str
    handed_off: int


@dataclass(frozen=True, kw_only=True)
class VerifierLine(Outcomes):
    officer_id: int


@dataclass(frozen=True, kw_only=True)
class CaseReport(Outcomes):
    """The case report of ``start``–``end`` (WIB dates, both in), and what is open at ``as_of``."""

    start: date
    end: date
    as_of: datetime
    handed_off: int
    late: tuple[Decision, ...]
    """The late decisions, most late first (at most ``LATE_LISTED``; ``late_count`` is all)."""
    late_count: int
    per_service: tuple[ServiceLine, ...]
    per_verifier: tuple[VerifierLine, ...]
    returns_by_reason: Mapping[str, int]
    """Reason code → documents rejected for it on returns of the period."""
    open_cases: int
    paused: int
    overdue: tuple[OpenCase, ...]
    """The open cases past their deadline now, most overdue first."""
    worked_bins: tuple[int, ...] = ()
    """Decisions per bin of ``HOUR_BINS`` (the chart of the time to a decision)."""


_APPROVED = CaseStatus.APPROVED.value


_Row = tuple[str, "int | None", bool, bool, int]
"""A decision as the tallies count it: service, verifier, approved, on time, whole seconds."""


class _Tally:
    """Approved, decided, on time and the worked seconds of some decisions."""

    __slots__ = ("approved", "decided", "on_time", "worked")

    def __init__(self, rows: Sequence[_Row] = ()) -> None:
        self.decided = len(rows)
        self.approved = sum(row[2] for row in rows)
        self.on_time = sum(row[3] for row in rows)
        self.worked: Counter[int] = Counter(row[4] for row in rows)

    def split(self, returned: int) -> dict[str, object]:
        """The ``Outcomes`` fields of these decisions and ``returned`` returns."""
        return {"approved": self.approved, "rejected": self.decided - self.approved,
                "returned": returned, "on_time": self.on_time, "worked": spread_of(self.worked)}  # fmt: skip


def _tallies(decisions: Iterable[Decision]) -> tuple[_Tally, dict[str, _Tally], dict[int, _Tally]]:
    """The decisions (a year: 30,000) tallied in all, per service and per verifier: each
    decision read once, then each group counted whole."""
    rows: list[_Row] = [
        (one.service_code, one.decided_by, one.verdict == _APPROVED, one.worked <= one.standard,
         int(one.worked.total_seconds()))  # whole seconds already
        for one in decisions
    ]  # fmt: skip
    by_code: dict[str, list[_Row]] = {}
    by_officer: dict[int, list[_Row]] = {}
    for row in rows:
        by_code.setdefault(row[0], []).append(row)
        if row[1] is not None:
            by_officer.setdefault(row[1], []).append(row)
    return (
        _Tally(rows),
        {code: _Tally(group) for code, group in by_code.items()},
        {officer: _Tally(group) for officer, group in by_officer.items()},
    )


def latest(late: Iterable[Decision], listed: int) -> list[Decision]:
    """The ``listed`` decisions furthest over their standard, furthest first, then by case."""
    return heapq.nsmallest(listed, late, key=lambda one: (one.standard - one.worked, one.case_id))


def case_report(
    *,
    start: date,
    end: date,
    as_of: datetime,
    handed_off: Mapping[str, int],
    decisions: Sequence[Decision],
    returns: Sequence[Return],
    open_cases: Sequence[OpenCase],
    late_listed: int = LATE_LISTED,
) -> CaseReport:
    """The report of a period's hand-offs (service → count), decisions and returns, and
    the cases open at ``as_of``."""
    total, by_code, by_officer = _tallies(decisions)
    late = [one for one in decisions if one.worked > one.standard]
    returned_code = Counter(one.service_code for one in returns)
    returned_by = Counter(one.returned_by for one in returns if one.returned_by is not None)
    per_service = [
        ServiceLine(service_code=code, handed_off=handed_off.get(code, 0),
                    **(by_code.get(code) or _Tally()).split(returned_code[code]))  # fmt: skip
        for code in sorted({*handed_off, *by_code, *returned_code})
    ]
    per_verifier = [
        VerifierLine(officer_id=officer,
                     **(by_officer.get(officer) or _Tally()).split(returned_by[officer]))  # fmt: skip
        for officer in sorted({*by_officer, *returned_by})
    ]
    reasons: Counter[str] = Counter()
    for one in returns:
        reasons.update(one.reasons or (NOTE_ONLY,))
    overdue = sorted((one for one in open_cases if one.overdue_by is not None),
                     key=lambda one: (-(one.overdue_by or timedelta(0)), one.case_id))  # fmt: skip
    return CaseReport(
        start=start,
        end=end,
        as_of=as_of,
        handed_off=sum(handed_off.values()),
        **total.split(len(returns)),
        late=tuple(latest(late, late_listed)),
        late_count=len(late),
        per_service=tuple(per_service),
        per_verifier=tuple(per_verifier),
        returns_by_reason=dict(reasons),
        open_cases=len(open_cases),
        paused=sum(1 for one in open_cases if one.status == CaseStatus.RETURNED.value),
        overdue=tuple(overdue),
        worked_bins=hour_binned(decisions),
    )
