"""The counter report's figures on a hand-made morning whose every number is worked out here:
a no-show restored and recalled, a hold in the middle of service, a transfer that keeps the
arrival time, a cancel, a booking."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lpse_desk import paths
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Event, Visit, VisitStatus
from lpse_desk.domain.reports.comparison import previous_period
from lpse_desk.domain.reports.counter import (
    counter_report,
    figures_of,
    spread,
)
from lpse_desk.domain.reports.definitions import DEFINITIONS, definition

DAY = date(2026, 6, 10)  # a Wednesday
STANDARDS = {"REG": timedelta(minutes=15), "UBAH": timedelta(minutes=20)}
M = timedelta(minutes=1)


def at(hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 6, 10, hour, minute, tzinfo=WIB)


_ids = iter(range(1, 10_000))


def visit(number: int, steps: list[tuple[str, str, str | None]], *, service: str = "REG",
          status: VisitStatus, officer: int | None = None, booking: str | None = None):  # fmt: skip
    """A visit and its events: ``steps`` are (HH:MM, action, state it moved to)."""
    arrived = at(steps[0][0])
    finished = at(steps[-1][0]) if status is not VisitStatus.WAITING else None
    one = Visit(
        id=number, service_date=DAY, service_code=service, prefix="A", number=number,
        status=status, visitor_name=None, phone=None, priority=None, booking_code=booking,
        loket=None, arrived_at=arrived, called_at=None, finished_at=finished, served_by=officer,
    )  # fmt: skip
    history = [
        Event(id=next(_ids), at=at(hhmm), actor="t", entity="visit", entity_id=number,
              action=action, from_state=None, to_state=to, reason=None)  # fmt: skip
        for hhmm, action, to in steps
    ]
    return figures_of(one, history, STANDARDS[service])


@pytest.fixture
def morning():
    return [
        # 1: plain; waits 10, served 18 (3 over REG's 15)
        visit(1, [("08:00", "nomor_diambil", "menunggu"), ("08:10", "dipanggil", "dipanggil"),
                  ("08:12", "mulai_dilayani", "dilayani"), ("08:30", "selesai", "selesai")],
              status=VisitStatus.DONE, officer=1),
        # 2: no-show, restored, called again (and recalled): the wait runs to the last call
        visit(2, [("08:05", "nomor_diambil", "menunggu"), ("08:15", "dipanggil", "dipanggil"),
                  ("08:20", "tidak_hadir", "tidak_hadir"), ("08:40", "dipulihkan", "menunggu"),
                  ("08:50", "dipanggil", "dipanggil"), ("08:51", "panggil_ulang", None),
                  ("08:52", "mulai_dilayani", "dilayani"), ("09:00", "selesai", "selesai")],
              status=VisitStatus.DONE, officer=1),
        # 3: held mid-service 20 min, called again: waits 20, served 9 + 10 = 19 (4 over)
        visit(3, [("08:00", "nomor_diambil", "menunggu"), ("08:20", "dipanggil", "dipanggil"),
                  ("08:21", "mulai_dilayani", "dilayani"), ("08:30", "ditahan", "ditahan"),
                  ("08:50", "kembali_antre", "menunggu"), ("08:55", "dipanggil", "dipanggil"),
                  ("08:56", "mulai_dilayani", "dilayani"), ("09:06", "selesai", "selesai")],
              status=VisitStatus.DONE, officer=2),
        # 4: transferred REG → UBAH keeping its arrival: waits 20, served 10 (UBAH: 20 allowed)
        visit(4, [("09:00", "nomor_diambil", "menunggu"), ("09:05", "dialihkan", "menunggu"),
                  ("09:20", "dipanggil", "dipanggil"), ("09:21", "mulai_dilayani", "dilayani"),
                  ("09:31", "selesai", "selesai")],
              service="UBAH", status=VisitStatus.DONE, officer=2),
        # 5: cancelled before any call: no wait counted
        visit(5, [("09:10", "nomor_diambil", "menunggu"), ("09:15", "batal", "batal")],
              status=VisitStatus.CANCELLED),
        # 6: no-show never restored: waits 30
        visit(6, [("09:00", "nomor_diambil", "menunggu"), ("09:30", "dipanggil", "dipanggil"),
                  ("09:35", "tidak_hadir", "tidak_hadir")],
              status=VisitStatus.NO_SHOW),
        # 7: booked: waits 2, served 10
        visit(7, [("10:00", "nomor_diambil", "menunggu"), ("10:02", "dipanggil", "dipanggil"),
                  ("10:03", "mulai_dilayani", "dilayani"), ("10:13", "selesai", "selesai")],
              status=VisitStatus.DONE, officer=2, booking="MPP-260610-0001"),
    ]  # fmt: skip


def test_each_visit_s_wait_service_and_hold(morning):
    waits = [one.wait for one in morning]
    assert waits == [10 * M, 45 * M, 20 * M, 20 * M, None, 30 * M, 2 * M]
    assert [one.service for one in morning] == [18 * M, 8 * M, 19 * M, 10 * M, None, None, 10 * M]
    assert [one.held for one in morning] == [timedelta(0)] * 2 + [20 * M] + [timedelta(0)] * 4
    assert [one.over for one in morning] == [3 * M, None, 4 * M, None, None, None, None]
    assert [one.transferred for one in morning] == [False, False, False, True, False, False, False]


def test_the_report_of_the_morning(morning):
    report = counter_report(morning, start=DAY, end=DAY)
    assert (report.visits, report.booked, report.walk_in) == (7, 1, 6)
    assert (report.served, report.no_show, report.cancelled, report.transferred) == (5, 1, 1, 1)
    # Waits 2, 10, 20, 20, 30, 45: median 20, mean 127/6 min, p90 the 6th of 6, max 45.
    assert report.waiting.count == 6
    assert report.waiting.median == 20 * M
    assert report.waiting.mean == timedelta(seconds=127 * 60 / 6)
    assert (report.waiting.p90, report.waiting.maximum) == (45 * M, 45 * M)
    # Service 8, 10, 10, 18, 19: median 10, mean 13, p90 the 5th of 5 = 19.
    assert (report.service.median, report.service.mean) == (10 * M, 13 * M)
    assert (report.service.p90, report.service.maximum) == (19 * M, 19 * M)
    assert report.held == 20 * M
    assert report.over_standard == 2 and report.over_share == pytest.approx(2 / 5)
    assert [one.visit.id for one in report.worst] == [3, 1]  # 4 minutes over, then 3
    assert [(line.officer_id, line.served, line.median_service) for line in report.per_officer] == [
        (1, 2, 13 * M),
        (2, 3, 10 * M),
    ]
    assert report.arrivals == {(2, 8): 3, (2, 9): 3, (2, 10): 1}


def test_an_empty_period_has_no_figures_rather_than_zeros():
    report = counter_report([], start=DAY, end=DAY)
    assert report.visits == 0 and report.over_share is None
    assert report.waiting.median is None and report.service.maximum is None


def test_p90_is_the_nearest_rank():
    values = [timedelta(minutes=n) for n in range(1, 11)]  # 1..10
    assert spread(values).p90 == 9 * M  # rank ceil(0.9 * 10) = 9
    assert spread(values[:3]).p90 == 3 * M  # rank ceil(2.7) = 3


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        # A whole month, quarter or year: the one before, whole (not "2–31 May").
        ((2026, 6, 1), (2026, 6, 30), ((2026, 5, 1), (2026, 5, 31))),
        ((2026, 7, 1), (2026, 9, 30), ((2026, 4, 1), (2026, 6, 30))),
        ((2025, 1, 1), (2025, 12, 31), ((2024, 1, 1), (2024, 12, 31))),
        ((2026, 1, 1), (2026, 1, 31), ((2025, 12, 1), (2025, 12, 31))),
        # So far: the same stretch of the one before (a day the month lacks is its last).
        ((2026, 6, 1), (2026, 6, 10), ((2026, 5, 1), (2026, 5, 10))),
        ((2026, 3, 1), (2026, 3, 30), ((2026, 2, 1), (2026, 2, 28))),
        ((2026, 10, 1), (2026, 12, 6), ((2026, 7, 1), (2026, 9, 6))),
        ((2026, 1, 1), (2026, 6, 10), ((2025, 1, 1), (2025, 6, 10))),
        # A week so far: the same days a week earlier (June 2026 begins on a Monday).
        ((2026, 6, 8), (2026, 6, 10), ((2026, 6, 1), (2026, 6, 3))),
        ((2026, 6, 1), (2026, 6, 3), ((2026, 5, 25), (2026, 5, 27))),
        # Any other period: as long, ending the day before.
        ((2026, 12, 2), (2026, 12, 9), ((2026, 11, 24), (2026, 12, 1))),
        ((2026, 6, 10), (2026, 6, 10), ((2026, 6, 9), (2026, 6, 9))),
    ],
)
def test_a_period_is_compared_with_the_one_a_head_of_unit_expects(start, end, before):
    assert previous_period(date(*start), date(*end)) == (date(*before[0]), date(*before[1]))


@pytest.mark.parametrize(
    ("span", "start", "end", "before"),
    [
        # The year so far in its first quarter: last year's same stretch, not the quarter's.
        ("tahun", (2026, 1, 1), (2026, 3, 15), ((2025, 1, 1), (2025, 3, 15))),
        ("kuartal", (2026, 1, 1), (2026, 3, 15), ((2025, 10, 1), (2025, 12, 15))),
        ("tahun", (2026, 1, 1), (2026, 1, 10), ((2025, 1, 1), (2025, 1, 10))),
        # "This week" or "this month" on its first day: last week's Monday, last month's 1st.
        ("minggu", (2026, 12, 7), (2026, 12, 7), ((2026, 11, 30), (2026, 11, 30))),
        ("bulan", (2026, 12, 1), (2026, 12, 1), ((2026, 11, 1), (2026, 11, 1))),
    ],
)
def test_the_kind_of_period_asked_decides_where_the_dates_cannot(span, start, end, before):
    assert previous_period(date(*start), date(*end), span=span) == (
        date(*before[0]), date(*before[1]))  # fmt: skip


def test_a_day_is_compared_with_the_working_day_before_it():
    calendar = WorkingCalendar.from_file(paths.calendar_file())
    monday = date(2026, 12, 7)
    assert previous_period(monday, monday, previous_working_day=calendar.previous_working_day) == (
        date(2026, 12, 4), date(2026, 12, 4))  # fmt: skip  (Friday, not Sunday)
    assert previous_period(monday, monday, span="hari",
                           previous_working_day=calendar.previous_working_day) == (
        date(2026, 12, 4), date(2026, 12, 4))  # fmt: skip


def test_every_figure_has_its_definition_in_indonesian():
    for key in ("waktu_tunggu", "waktu_layanan", "lewat_standar", "statistik", "dialihkan"):
        assert definition(key).split(":", 1)[1].strip()
    assert "panggilan terakhirnya" in DEFINITIONS["waktu_tunggu"]  # as Qmatic counts a recall
