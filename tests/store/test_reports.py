"""The counter report read from a real store (both engines): visits made through the queue
desk, as officers make them, and the figures the report gives for that day and the one before."""

from __future__ import annotations

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
    assert [(line.officer_id, line.served) for line in now.per_officer] == [(P.id, 1)]
    assert report.before.visits == 0 and report.before.end == day - timedelta(days=1)

    only_ubah = reports.counter(start=day, end=day, service_code="ubah").now
    assert (only_ubah.visits, only_ubah.no_show) == (1, 1)
    assert reports.counter(start=day, end=day, officer_id=P.id).now.visits == 1


def test_a_period_backwards_or_an_unknown_service_is_refused(desks, clock):
    _queue, reports = desks
    day = clock.now().date()
    with pytest.raises(ValidationError, match="sebelum tanggal awal"):
        reports.counter(start=day, end=day - timedelta(days=1))
    with pytest.raises(NotFound, match="Layanan 'XYZ' tidak dikenal"):
        reports.counter(start=day, end=day, service_code="XYZ")


def test_the_database_sums_each_visit_as_the_domain_rules_do(engine, clock):
    """Over the demo's days (calls, recalls, holds, no-shows, restores, transfers, cancels):
    the figures the database adds up equal ``figures_of`` over each visit's own events."""
    from sqlmodel import select

    from lpse_desk import demo
    from lpse_desk.domain.counter import serving_standard
    from lpse_desk.domain.reports.counter import figures_of, tallied
    from lpse_desk.store import convert
    from lpse_desk.store.db import read_session
    from lpse_desk.store.queries import events, reports
    from lpse_desk.store.tables.queue import VisitRow

    catalog, calendar = load_catalog(), WorkingCalendar.from_file(paths.calendar_file())
    demo.fill(engine, catalog=catalog, calendar=calendar, now=clock.now())
    # And a no-show restored within the window, called again (and recalled), then served.
    from lpse_desk.store.services.staff import StaffDesk

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
    start, end = clock.now().date() - timedelta(days=120), clock.now().date()
    with read_session(engine) as session:
        chosen = reports.VisitFilter(start, end)
        tallies = reports.tallies_between(session=session, chosen=chosen)
        ids = [one.visit.id for one in tallies]
        logged = events.histories(session=session, entity="visit", entity_ids=ids)
        rows = session.exec(select(VisitRow).where(VisitRow.id.in_(ids))).all()
        by_id = {row.id: convert.visit(row) for row in rows}  # read by the ORM, as elsewhere
        slow = [(by_id[one.visit.id], logged.get(one.visit.id, [])) for one in tallies]
    assert [one.visit for one in tallies] == [visit for visit, _ in slow]
    assert len(tallies) == len(slow) > 20
    moves = {"recall": 0, "held": 0, "transferred": 0, "served": 0}
    for one, (visit, history) in zip(tallies, slow, strict=True):
        standard = serving_standard(catalog.services.get(visit.service_code))
        expected = figures_of(visit, history, standard)
        got = tallied(
            one.visit, counted_call=one.counted_call, first_start=one.first_start,
            serving=timedelta(seconds=round(one.serving_seconds, 3)),
            held=timedelta(seconds=round(one.held_seconds, 3)), transferred=one.transferred,
            standard=standard,
        )  # fmt: skip
        assert got == expected, visit.ticket
        moves["recall"] += sum(1 for e in history if e.action == "dipulihkan")
        moves["held"] += expected.held > timedelta(0)
        moves["transferred"] += expected.transferred
        moves["served"] += expected.served
    assert all(moves.values()), moves  # the demo really has each kind of path
