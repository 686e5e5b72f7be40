"""What the head of unit's reports read: a period's visits summed by the database from the
report figures each visit row keeps (``tallies``), never visit by visit in Python."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Integer, and_, case, cast, func, literal_column
from sqlmodel import Session, select

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.reports.counter import CounterTotals, VisitFigures, tallied
from lpse_desk.store import convert
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.queue import LoketIdleDayRow, QueueCallRow, VisitRow

DARING = "daring"


@dataclass(frozen=True)
class VisitFilter:
    """Which visits a report reads: taken from ``start`` to ``end`` (WIB days, both
    included), optionally of one service (its last), loket or serving officer.

    A visit's loket is the one it is at or finished at; one that left its loket without
    being served (no-show, held, put back in the queue) counts for the loket that called it
    last: a no-show belongs to the loket that called in vain, as it does to its officer."""

    start: date
    end: date
    service_code: str | None = None
    loket: int | None = None
    officer_id: int | None = None

    def conditions(self) -> list:
        """The WHERE conditions on the visit table."""
        chosen = [VisitRow.service_date >= self.start, VisitRow.service_date <= self.end]
        if self.service_code is not None:
            chosen.append(VisitRow.service_code == self.service_code)
        if self.loket is not None:
            last_called_at = (
                select(QueueCallRow.loket)
                .where(QueueCallRow.visit_id == VisitRow.id)
                .order_by(QueueCallRow.id.desc())
                .limit(1)
                .scalar_subquery()
            )
            chosen.append(func.coalesce(VisitRow.loket, last_called_at) == self.loket)
        if self.officer_id is not None:
            chosen.append(VisitRow.served_by == self.officer_id)
        return chosen


@dataclass(frozen=True)
class Standards:
    """Each service's counter standard in seconds, and the one for a code the catalog lacks."""

    by_code: Mapping[str, int]
    default: int

    def column(self):
        """The standard of each visit's service, as a SQL expression."""
        if not self.by_code:
            return self.default
        return case(dict(self.by_code), value=VisitRow.service_code, else_=self.default)

    def of(self, code: str) -> timedelta:
        return timedelta(seconds=self.by_code.get(code, self.default))


def whole(dialect: str, seconds):
    """Seconds rounded half up to whole ones (``domain.reports.counter.whole_seconds``)."""
    if dialect == "postgresql":
        return cast(func.floor(seconds + 0.5), Integer)
    return cast(seconds + 0.5, Integer)  # never negative: CAST truncates like FLOOR


def _served():
    return and_(VisitRow.status == VisitStatus.DONE.value, VisitRow.first_served_at.is_not(None))


def counter_totals(
    *, session: Session, chosen: VisitFilter, standards: Standards, worst: int
) -> CounterTotals:
    """A period's totals in five queries over the visit rows (four aggregates: by wait, by
    officer and service time, by distance over the standard, by day and hour of arrival;
    the worst visits). The service times are counted per officer and, apart, only those
    over their standard per distance: one count per officer, service and second would hand
    Python three times the rows for a year."""
    dialect = session.get_bind().dialect.name
    where = chosen.conditions()
    served = _served()
    service = whole(dialect, VisitRow.serving_seconds)
    over = and_(served, service > standards.column())
    wait = whole(dialect, VisitRow.wait_seconds)
    waiting = dict(
        session.execute(
            select(wait, func.count())
            .where(*where, VisitRow.wait_seconds.is_not(None))
            .group_by(wait)
        ).all()
    )
    by_officer: dict[int, Counter[int]] = {}
    service_all: Counter[int] = Counter()
    for officer, seconds, count in session.execute(
        select(VisitRow.served_by, service, func.count())
        .where(*where, served)
        .group_by(VisitRow.served_by, service)
    ):
        service_all[seconds] += count
        if officer is not None:
            by_officer.setdefault(officer, Counter())[seconds] += count
    distance = service - standards.column()
    overs: Counter[int] = Counter(dict(session.execute(  # whole seconds over → how many
        select(distance, func.count()).where(*where, over).group_by(distance)).all()))  # fmt: skip
    hour = VisitRow.arrived_hour
    arrivals: Counter[tuple[int, int]] = Counter()
    per_day: Counter[date] = Counter()
    sums = [0] * 6  # booked, served, no-show, cancelled, transferred, held
    for day, at_hour, count, *added in session.execute(
        select(
            VisitRow.service_date,
            hour,
            func.count(),
            func.count(func.nullif(VisitRow.booking_code, "")),
            func.sum(case((served, 1), else_=0)),
            func.sum(case((VisitRow.status == VisitStatus.NO_SHOW.value, 1), else_=0)),
            func.sum(case((VisitRow.status == VisitStatus.CANCELLED.value, 1), else_=0)),
            func.count(VisitRow.transferred_from),
            func.sum(whole(dialect, VisitRow.held_seconds)),
        )
        .where(*where)
        .group_by(VisitRow.service_date, hour)
    ):
        arrivals[(day.weekday(), at_hour)] += count
        per_day[day] += count
        sums = [total + int(value or 0) for total, value in zip(sums, added, strict=True)]
    booked, served_count, no_show, cancelled, transferred, held = sums
    worst_rows = _worst(session, [*where, over], service, standards, overs,
                        sum(service_all.values()), worst)
    return CounterTotals(
        visits=sum(per_day.values()),
        booked=booked,
        served=served_count,
        no_show=no_show,
        cancelled=cancelled,
        transferred=transferred,
        held_seconds=held,
        over_standard=sum(overs.values()),
        waiting=waiting,
        service=dict(service_all),
        service_by_officer=by_officer,
        worst=tuple(_figures(values, standards) for values in worst_rows),
        arrivals=dict(arrivals),
        per_day=dict(per_day),
        idle_by_officer=idle_by_officer(session=session, chosen=chosen, dialect=dialect),
        daring=None if chosen.loket is not None else daring(session=session, chosen=chosen),
    )


def daring(*, session: Session, chosen: VisitFilter) -> int:
    """Daring requests whose intake began in the chosen days (WIB), of the chosen service
    and taken in by the chosen officer."""
    where = [CaseRow.procedure == DARING,
             CaseRow.created_at >= datetime.combine(chosen.start, time(0), tzinfo=WIB),
             CaseRow.created_at < datetime.combine(chosen.end + timedelta(days=1), time(0),
                                                   tzinfo=WIB)]  # fmt: skip
    if chosen.service_code is not None:
        where.append(CaseRow.service_code == chosen.service_code)
    if chosen.officer_id is not None:
        where.append(CaseRow.intake_by == chosen.officer_id)
    return session.execute(select(func.count()).select_from(CaseRow).where(*where)).scalar_one()


def _worst(session, where: list, service, standards: Standards, overs: Counter[int],
           served: int, worst: int):  # fmt: skip
    """The ``worst`` served visits furthest over their standard. The histogram of how far over
    gives the least of those distances, so only visits served at least that much longer than
    the lowest standard can be among them: over a long period a handful, read through the
    index on service time (``ix_visit_report_over``) instead of every visit of the period.

    SQLite has no statistics to choose that index by (the desk runs no ANALYZE), and
    SQLAlchemy's SQLite dialect writes no table hint (``with_hint`` was silently dropped):
    the bound is wrapped in ``likelihood()`` with the share of served visits the histogram
    says pass it, so the planner weighs the two indexes as they are (a year: 45 ms through
    the days, 0.2 ms through the service times)."""
    if not overs or worst <= 0:
        return []
    ranked = sorted(overs.items(), reverse=True)
    seen, cut = 0, ranked[-1][0]
    for distance, count in ranked:
        seen += count
        if seen >= worst:
            cut = distance
            break
    lowest = min((*standards.by_code.values(), standards.default))
    bound = VisitRow.serving_seconds >= lowest + cut - 0.5
    if session.get_bind().dialect.name == "sqlite":
        share = min(max(seen, 1) / max(served, 1), 1.0)
        bound = func.likelihood(bound, literal_column(f"{share:.6f}"))
    query = (
        select(*convert.visit_columns(), *_figure_columns())
        .where(*where, bound)
        .order_by((service - standards.column()).desc(), VisitRow.id)
        .limit(worst)
    )
    return list(session.execute(query).mappings())


def idle_by_officer(*, session: Session, chosen: VisitFilter, dialect: str) -> dict[int, int]:
    """Whole seconds of idle time per officer in the chosen days, loket and officer (idle time
    is not per service: a service filter leaves it whole)."""
    day = LoketIdleDayRow
    where = [day.service_date >= chosen.start, day.service_date <= chosen.end]
    if chosen.loket is not None:
        where.append(day.loket == chosen.loket)
    if chosen.officer_id is not None:
        where.append(day.staff_id == chosen.officer_id)
    rows = session.execute(
        select(day.staff_id, func.sum(day.seconds)).where(*where).group_by(day.staff_id)
    )
    return {officer: int(total) for officer, total in rows}


def _figure_columns() -> list:
    return [
        VisitRow.wait_seconds,
        VisitRow.serving_seconds,
        VisitRow.held_seconds,
        VisitRow.first_served_at,
    ]


def _figures(values: Mapping, standards: Standards) -> VisitFigures:
    visit: Visit = convert.visit_of(values)
    wait = values["wait_seconds"]
    return tallied(
        visit,
        wait=None if wait is None else timedelta(seconds=wait),
        started=values["first_served_at"] is not None,
        serving=timedelta(seconds=values["serving_seconds"] or 0.0),
        held=timedelta(seconds=values["held_seconds"] or 0.0),
        transferred=visit.transferred_from is not None,
        standard=standards.of(visit.service_code),
    )


def figures_between(
    *, session: Session, chosen: VisitFilter, standards: Standards
) -> list[VisitFigures]:
    """Every chosen visit with the figures its row keeps, by arrival (the store test holds
    them to ``figures_of`` over the visit's events)."""
    rows = session.execute(
        select(*convert.visit_columns(), *_figure_columns())
        .where(*chosen.conditions())
        .order_by(VisitRow.arrived_at, VisitRow.id)
    )
    return [_figures(values, standards) for values in rows.mappings()]
