"""The counter report read from a real store (both engines): visits made through the queue
desk, as officers make them, and the figures the report gives for that day and the one before."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.errors import NotFound, ValidationError
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.services.reports import ReportDesk
from tests.store.actors import KIOS, RATNA, P, seed

M = timedelta(minutes=1)


@pytest.fixture
def desks(engine, clock):
    seed(engine, clock)
    catalog, calendar = load_catalog(), WorkingCalendar.from_file(paths.calendar_file())
    queue = QueueDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                      policy=QueuePolicy())  # fmt: skip
    return queue, ReportDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock)


def test_a_morning_at_two_lokets_gives_its_figures(desks, clock):
    queue, reports = desks
    day = clock.now().date()
    clock.set(clock.now().replace(hour=8, minute=0))
    first = queue.take(KIOS, "REG")
    clock.advance(5 * M)
    second = queue.take(KIOS, "UBAH")
    queue.open_loket(P, 1)
    queue.open_loket(RATNA, 2)
    clock.advance(5 * M)  # 08.10: A-001 called after 10 minutes, served 18 (3 over REG's 15)
    assert queue.call_next(P, 1).id == first.id
    clock.advance(2 * M)
    queue.start(P, first.id)
    clock.advance(18 * M)
    queue.finish(P, first.id, "informasi")
    clock.advance(6 * M)  # 08.36: B-001 called after 31 minutes, never comes
    assert queue.call_next(RATNA, 2).id == second.id
    clock.advance(5 * M)
    queue.no_show(RATNA, second.id)

    report = reports.counter(start=day, end=day)
    now = report.now
    assert (now.visits, now.served, now.no_show, now.cancelled, now.walk_in) == (2, 1, 1, 0, 2)
    assert (now.waiting.count, now.waiting.median, now.waiting.maximum) == (2, 20.5 * M, 31 * M)
    assert (now.service.median, now.over_standard) == (18 * M, 1)
    assert [one.visit.id for one in now.worst] == [first.id]
    assert now.worst[0].over == 3 * M
    # Both lokets open at 08.05 with A-001 (08.00) and B-001 (08.05) waiting: loket 1 idle
    # until its call at 08.10, loket 2 until its call at 08.36.
    assert [(line.officer_id, line.served, line.idle) for line in now.per_officer] == [
        (P.id, 1, 5 * M), (RATNA.id, 0, 31 * M)]  # fmt: skip
    assert report.before.visits == 0 and report.before.end == day - timedelta(days=1)

    only_ubah = reports.counter(start=day, end=day, service_code="ubah").now
    assert (only_ubah.visits, only_ubah.no_show) == (1, 1)
    assert reports.counter(start=day, end=day, officer_id=P.id).now.visits == 1
    # Each loket's report counts what was called there, the no-show too (it left loket 2
    # when marked): the two lokets add up to the day.
    at = {loket: reports.counter(start=day, end=day, loket=loket).now for loket in (1, 2)}
    assert [(one.visits, one.served, one.no_show, one.waiting.count) for one in at.values()] == [
        (1, 1, 0, 1), (1, 0, 1, 1)]  # fmt: skip
    assert at[2].waiting.maximum == 31 * M


def test_idle_time_counts_only_an_open_free_loket_while_someone_waits(desks, clock):
    """Idle: from the later of the loket becoming free and the longest wait still in the queue
    starting, to the loket's call, pause or close; a paused loket, a busy one, or an empty
    queue add nothing."""
    queue, reports = desks
    day = clock.now().date()
    clock.set(clock.now().replace(hour=8, minute=0))
    queue.open_loket(P, 1)
    queue.open_loket(RATNA, 2)
    clock.advance(10 * M)  # 08.10: nobody waited yet, so no idle so far
    first = queue.take(KIOS, "REG")
    clock.advance(4 * M)  # 08.14: loket 1 calls after 4 idle minutes
    queue.call_next(P, 1)
    queue.start(P, first.id)
    clock.advance(2 * M)  # 08.16: loket 2 pauses with nobody waiting: nothing
    queue.pause_loket(RATNA, 2, "istirahat")
    second = queue.take(KIOS, "UBAH")
    clock.advance(20 * M)  # 08.36: loket 1 is busy, loket 2 paused: nobody idle
    queue.finish(P, first.id, "informasi")
    clock.advance(3 * M)  # 08.39: loket 2 back; loket 1 free since 08.36
    queue.open_loket(RATNA, 2)
    clock.advance(2 * M)  # 08.41: loket 2 calls B-001 (idle 08.39–08.41)
    queue.call_next(RATNA, 2)
    third = queue.take(KIOS, "REG")
    # 08.47: loket 1 (free since 08.36) closes with A-002 waiting since 08.41: 6 minutes. Its
    # minutes 08.36–08.41 are not counted: B-001, waiting then, was called by loket 2.
    clock.advance(6 * M)
    queue.close_loket(P, 1, "rapat")
    clock.advance(M)
    queue.no_show(RATNA, second.id)
    clock.advance(9 * M)  # 08.57: loket 2 free since 08.48, A-002 waiting: 9 minutes
    assert queue.call_next(RATNA, 2).id == third.id

    now = reports.counter(start=day, end=day).now
    idle = {line.officer_id: line.idle for line in now.per_officer}
    assert idle == {P.id: (4 + 6) * M, RATNA.id: (2 + 9) * M}
    assert reports.counter(start=day, end=day, loket=2).now.per_officer[0].idle == 11 * M
    assert [line.idle for line in reports.counter(start=day, end=day, officer_id=P.id)
            .now.per_officer] == [10 * M]  # fmt: skip
    earlier = reports.counter(start=day - timedelta(days=1), end=day - timedelta(days=1)).now
    assert earlier.per_officer == ()
    assert len(_idle_kept_and_replayed(queue.engine, demo=False)) == 4


def test_a_period_backwards_or_an_unknown_service_is_refused(desks, clock):
    _queue, reports = desks
    day = clock.now().date()
    with pytest.raises(ValidationError, match="sebelum tanggal awal"):
        reports.counter(start=day, end=day - timedelta(days=1))
    with pytest.raises(NotFound, match="Layanan 'XYZ' tidak dikenal"):
        reports.counter(start=day, end=day, service_code="XYZ")


def test_a_period_that_has_not_happened_yet_is_refused_or_ends_today(desks, clock):
    """January typed in December printed every figure as 0 against December's, "−100%", and
    a range ending next month compared its empty days with full ones: a period starting
    after today is refused, one ending after it ends today (and compares as far)."""
    _queue, reports = desks
    day = clock.now().date()
    with pytest.raises(ValidationError, match="sesudah hari ini"):
        reports.counter(start=day + timedelta(days=1), end=day + timedelta(days=31))
    with pytest.raises(ValidationError, match="sesudah hari ini"):
        reports.cases(start=day + timedelta(days=1), end=day + timedelta(days=31))
    month = reports.counter(start=day.replace(day=1), end=day.replace(day=30))  # June, asked
    assert (month.now.start, month.now.end) == (day.replace(day=1), day)  # so far
    assert (month.before.start, month.before.end) == (
        day.replace(month=day.month - 1, day=1), day.replace(month=day.month - 1)
    )  # May, as far
    assert reports.cases(start=day.replace(day=1), end=day.replace(day=30)).end == day


def _demo_with_a_restored_no_show(engine, clock):
    """The demo's days (calls, recalls, holds, no-shows, restores, transfers, cancels; some
    visits made through the desk, the older ones written in bulk) and a no-show restored
    within the window, called again (and recalled), then served."""
    from lpse_desk.store.services.staff import StaffDesk

    catalog, calendar = load_catalog(), WorkingCalendar.from_file(paths.calendar_file())
    dewi = StaffDesk(engine, clock).named("Dewi Lestari")
    queue = QueueDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                      policy=QueuePolicy())  # fmt: skip
    late = queue.take(KIOS, "REG")
    queue.open_loket(dewi, 3)
    for step in (lambda: queue.call(dewi, 3, late.id), lambda: queue.no_show(dewi, late.id),
                 lambda: queue.restore(dewi, late.id), lambda: queue.call(dewi, 3, late.id),
                 lambda: queue.recall(dewi, 3), lambda: queue.start(dewi, late.id),
                 lambda: queue.finish(dewi, late.id, "informasi")):  # fmt: skip
        clock.advance(3 * M)
        step()
    return catalog


def _kept_and_recomputed(engine, clock, catalog):
    """(figures the rows keep, ``figures_of`` over each visit's events, the standards)."""
    from sqlmodel import select

    from lpse_desk.domain.reports.counter import figures_of
    from lpse_desk.store import convert
    from lpse_desk.store.db import read_session
    from lpse_desk.store.queries import events, reports
    from lpse_desk.store.tables.queue import VisitRow

    desk = ReportDesk(engine=engine, catalog=catalog, calendar=None, clock=clock)
    standards = desk._standards()
    start, end = clock.now().date() - timedelta(days=120), clock.now().date()
    with read_session(engine) as session:
        chosen = reports.VisitFilter(start, end)
        kept = reports.figures_between(session=session, chosen=chosen, standards=standards)
        ids = [one.visit.id for one in kept]
        logged = events.histories(session=session, entity="visit", entity_ids=ids)
        rows = session.exec(select(VisitRow).where(VisitRow.id.in_(ids))).all()
        by_id = {row.id: convert.visit(row) for row in rows}  # read by the ORM, as elsewhere
    recomputed = [
        figures_of(by_id[one.visit.id], logged.get(one.visit.id, []),
                   standards.of(one.visit.service_code))  # fmt: skip
        for one in kept
    ]
    return kept, recomputed, (chosen, standards)


def test_each_visit_row_keeps_the_figures_its_events_give(demo_engine, clock):
    """The figures kept at every move (and filled in bulk for the demo's older days) equal
    ``figures_of`` over the visit's own events, and the database's totals equal the totals
    of those per-visit figures."""
    from lpse_desk.domain.reports.counter import WORST, totals_of
    from lpse_desk.store.db import read_session
    from lpse_desk.store.queries import reports

    engine = demo_engine
    catalog = _demo_with_a_restored_no_show(engine, clock)
    kept, recomputed, (chosen, standards) = _kept_and_recomputed(engine, clock, catalog)
    assert len(kept) > 20
    moves = {"held": 0, "transferred": 0, "served": 0, "no_show": 0, "cancelled": 0}
    for got, expected in zip(kept, recomputed, strict=True):
        assert got == expected, got.visit.ticket
        moves["held"] += expected.held > timedelta(0)
        moves["transferred"] += expected.transferred
        moves["served"] += expected.served
        moves["no_show"] += expected.visit.status.value == "tidak_hadir"
        moves["cancelled"] += expected.visit.status.value == "batal"
    assert all(moves.values()), moves  # the demo really has each kind of path
    with read_session(engine) as session:
        summed = reports.counter_totals(session=session, chosen=chosen, standards=standards,
                                        worst=WORST)  # fmt: skip
    replayed = _idle_kept_and_replayed(engine)
    daring = _daring_counted_in_python(engine, chosen)
    assert daring > 0  # the demo's helpdesk requests
    assert summed == totals_of(recomputed, idle=replayed, daring=daring)
    with read_session(engine) as session:
        one_loket = reports.counter_totals(session=session, standards=standards, worst=WORST,
                                           chosen=replace(chosen, loket=1))  # fmt: skip
    assert one_loket.daring is None  # daring requests have no loket


def _daring_counted_in_python(engine, chosen) -> int:
    from sqlmodel import select

    from lpse_desk.domain.clock import to_wib
    from lpse_desk.store.db import read_session
    from lpse_desk.store.tables.cases import CaseRow

    with read_session(engine) as session:
        rows = session.exec(select(CaseRow)).all()
        return sum(1 for row in rows if row.procedure == "daring"
                   and chosen.start <= to_wib(row.created_at).date() <= chosen.end)  # fmt: skip


def _idle_kept_and_replayed(engine, *, demo: bool = True):
    """The idle stretches kept by the desk equal those the event log replays (for the demo:
    its days, then a morning through the desk), and the demo has some on most days."""
    from datetime import date

    from lpse_desk.store.db import read_session
    from lpse_desk.store.queries import idle
    from lpse_desk.store.tables.desk import EventRow

    with read_session(engine) as session:
        kept = idle.stretches_between(session=session, start=date.min, end=date.max)
        replayed = idle.replayed(session, EventRow.__table__)
    assert kept == replayed
    if demo:
        days = {one.service_date for one in kept}
        assert len(days) > 20 and max(days) == kept[-1].service_date
    return replayed


def test_the_migration_fills_the_figures_of_visits_recorded_before_it(demo_engine, clock):
    """Back to revision 0010 (no figure columns) and up again: the columns are filled from
    the events, equal to what the desk kept."""
    from lpse_desk.store import db

    engine = demo_engine
    catalog = _demo_with_a_restored_no_show(engine, clock)
    kept, _recomputed, _ = _kept_and_recomputed(engine, clock, catalog)
    idle_kept = _idle_kept_and_replayed(engine)
    db.downgrade(engine, "0010")
    db.upgrade(engine)
    refilled, recomputed, _ = _kept_and_recomputed(engine, clock, catalog)
    assert refilled == kept == recomputed
    assert _idle_kept_and_replayed(engine) == idle_kept
