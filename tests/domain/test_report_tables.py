"""The report's tables from a counter report written out by hand, the chart buckets of long
periods, and the long CSV read back with the csv module."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import pytest

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.reports.counter import CounterReport, OfficerLine, Spread, VisitFigures
from lpse_desk.domain.reports.counter_tables import (
    counter_charts,
    counter_document,
    counter_tables,
    visit_buckets,
)
from lpse_desk.domain.reports.definitions import DEFINITIONS
from lpse_desk.domain.reports.tables import Kind, filters_text
from lpse_desk.domain.reports.tidy import CSV_COLUMNS, report_csv

M = timedelta(minutes=1)
S = timedelta(seconds=1)


def empty(start: date, end: date) -> CounterReport:
    none = Spread(0, None, None, None, None)
    return CounterReport(
        start=start, end=end, visits=0, booked=0, walk_in=0, daring=0, served=0, no_show=0, cancelled=0,
        transferred=0, waiting=none, service=none, held=timedelta(0), over_standard=0, worst=(),
        per_officer=(), arrivals={}, per_day={}, waiting_bins=(0,) * 8, service_bins=(0,) * 8,
    )  # fmt: skip


def slow_visit() -> VisitFigures:
    visit = Visit(
        id=7, service_date=date(2026, 6, 10), service_code="REG", prefix="A", number=3,
        status=VisitStatus.DONE, visitor_name=None, phone=None, priority=None,
        booking_code=None, loket=1, arrived_at=datetime(2026, 6, 10, 8, tzinfo=WIB),
        called_at=None, finished_at=None, served_by=1,
    )  # fmt: skip
    return VisitFigures(visit=visit, wait=10 * M, service=18 * M + 30 * S, held=timedelta(0),
                        transferred=False, standard=15 * M)  # fmt: skip


@dataclass(frozen=True)
class Pair:
    now: CounterReport
    before: CounterReport


@pytest.fixture
def pair() -> Pair:
    now = replace(
        empty(date(2026, 6, 8), date(2026, 6, 12)),
        visits=20, booked=5, walk_in=15, daring=4, served=16, no_show=3, cancelled=1, transferred=2,
        waiting=Spread(18, 12 * M + 30 * S, 13 * M, 25 * M, 41 * M),
        service=Spread(16, 11 * M, 11.5 * M, 17 * M, 18 * M + 30 * S),
        held=4 * M, over_standard=4, worst=(slow_visit(),),
        per_officer=(OfficerLine(1, 10, 12 * M, 95 * M), OfficerLine(9, 6, 9 * M)),
        arrivals={(0, 8): 3, (2, 8): 4, (2, 13): 2}, per_day={date(2026, 6, 10): 20},
        waiting_bins=(1, 2, 3, 4, 5, 1, 1, 1), service_bins=(2, 2, 4, 4, 4, 0, 0, 0),
    )  # fmt: skip
    before = replace(
        empty(date(2026, 6, 3), date(2026, 6, 7)),
        visits=16, served=16, waiting=Spread(10, 10 * M, 10 * M, 10 * M, 10 * M),
        service=Spread(16, 11 * M, 11 * M, 11 * M, 11 * M), over_standard=2,
    )  # fmt: skip
    return Pair(now, before)


def by_key(tables):
    return {table.key: table for table in tables}


def test_the_summary_compares_each_figure_with_the_period_before(pair):
    summary = by_key(counter_tables(pair, {1: "Ratna"}))["ringkasan"]
    rows = {row[0]: row[1:] for row in summary.rows}
    assert rows["Kunjungan"] == (20, 16, 0.25)
    assert rows["Booking MPP"] == (5, 0, None)  # no change from zero
    assert rows["Permohonan daring"] == (4, 0, None)
    assert rows["Lewat standar"] == (4, 2, 1.0)
    assert rows["Bagian lewat standar"] == (0.25, 0.125, None)
    assert rows["Median waktu tunggu"] == (12 * M + 30 * S, 10 * M, 0.25)
    assert rows["Total waktu ditahan"] == (4 * M, timedelta(0), None)
    kinds = {row[0]: summary.kind_at(n, 1) for n, row in enumerate(summary.rows)}
    assert kinds["Kunjungan"] is Kind.COUNT and kinds["Permohonan daring"] is Kind.COUNT
    assert kinds["Bagian lewat standar"] is Kind.SHARE
    assert kinds["Median waktu layanan"] is Kind.DURATION
    # A period's held time adds up to hours: written hours:minutes, and said so under it.
    assert kinds["Total waktu ditahan"] is Kind.HOURS
    assert summary.hours == "Total waktu ditahan"
    assert summary.kind_at(0, 3) is Kind.CHANGE


def test_the_text_report_writes_a_year_of_holds_in_hours(pair):
    from lpse_desk.domain.reports.text import counter_lines

    held = replace(pair.now, held=977 * 60 * M + 36 * M)
    lines = counter_lines(held, pair.before, {1: "Ratna"}, definitions=False)
    assert "Total waktu ditahan: 977:36 (jam:menit)" in lines


def test_times_worst_officers_bins_and_arrivals(pair):
    tables = by_key(counter_tables(pair, {1: "Ratna"}))
    assert tables["waktu"].rows[0] == ("Waktu tunggu", 12 * M + 30 * S, 13 * M, 25 * M, 41 * M, 18)
    assert tables["lewat_standar"].rows == (
        ("A-003", "REG", date(2026, 6, 10), 18 * M + 30 * S, 15 * M, 3 * M + 30 * S),
    )
    assert tables["per_petugas"].rows == (("Ratna", 10, 12 * M, 95 * M), ("staf #9", 6, 9 * M, 0 * M))
    assert tables["per_petugas"].columns[-1].kind is Kind.HOURS
    assert tables["sebaran"].rows[0] == ("0–5", 1, 2)
    assert tables["sebaran"].rows[-1] == ("≥60", 1, 0)
    arrivals = tables["kedatangan"]
    assert [c.title for c in arrivals.columns][:3] == ["Jam", "Sen", "Sel"]
    assert arrivals.rows == (
        ("08.00–08.59", 3, 0, 4, 0, 0, 0, 0, 7),
        ("13.00–13.59", 0, 0, 2, 0, 0, 0, 0, 2),
    )
    days = tables["per_hari"]
    assert days.printed and len(days.rows) == 5
    assert days.rows[2] == (date(2026, 6, 10), "Rabu", 20) and days.rows[0][2] == 0
    for table in tables.values():
        assert all(key in DEFINITIONS for key in table.definitions), table.key
        assert all(len(row) == len(table.columns) for row in table.rows), table.key


def test_a_one_day_report_has_no_visits_chart_and_an_empty_one_has_empty_tables():
    day = date(2026, 6, 10)
    one = Pair(empty(day, day), empty(day - timedelta(days=1), day - timedelta(days=1)))
    assert [chart.key for chart in counter_charts(one)] == ["grafik_tunggu", "grafik_layanan"]
    tables = by_key(counter_tables(one, {}))
    assert tables["lewat_standar"].rows == () and tables["kedatangan"].rows == ()
    assert tables["waktu"].rows[0] == ("Waktu tunggu", None, None, None, None, 0)


@pytest.mark.parametrize(
    ("start", "end", "unit", "bars", "first", "last"),
    [
        (date(2026, 1, 1), date(2026, 1, 31), "hari", 31, (1, 1), (31, 31)),
        (date(2026, 1, 1), date(2026, 3, 31), "minggu", 14, (1, 4), (30, 31)),  # Thu to Sun
        (date(2024, 1, 1), date(2024, 12, 31), "bulan", 12, (1, 31), (1, 31)),
    ],
)
def test_long_periods_are_charted_per_week_or_month(start, end, unit, bars, first, last):
    report = replace(empty(start, end), per_day={start: 2, end: 3, start + timedelta(days=1): 1})
    found, buckets = visit_buckets(report)
    assert (found, len(buckets)) == (unit, bars)
    assert (buckets[0][0].day, buckets[0][1].day) == first
    assert (buckets[-1][0].day, buckets[-1][1].day) == last
    assert sum(count for *_days, count in buckets) == 6
    assert buckets[0][0] == start and buckets[-1][1] == end
    tables = by_key(counter_tables(Pair(report, report), {}))
    assert tables["per_hari"].printed is (unit == "hari")
    assert f"per_{unit}" in tables
    assert ({"per_minggu", "per_bulan"} & set(tables) != set()) is (unit != "hari")


def test_the_csv_holds_every_figure_once_with_its_unit(pair):
    document = counter_document(pair, {1: 'Ratna, "R"'}, filters=filters_text("REG", 2, None))
    rows = list(csv.DictReader(io.StringIO(report_csv(document))))
    assert tuple(rows[0]) == CSV_COLUMNS
    about = {row["kunci"]: row["nilai"] for row in rows if row["tabel"] == "laporan"}
    assert about["Dari"] == "2026-06-08" and about["Filter"] == "Layanan REG · loket 2"
    cell = {(r["tabel"], r["kunci"], r["kolom"]): (r["nilai"], r["satuan"]) for r in rows}
    assert cell[("ringkasan", "Kunjungan", "Perubahan")] == ("+25", "persen")
    assert cell[("ringkasan", "Bagian lewat standar", "Periode ini")] == ("25", "persen")
    assert cell[("ringkasan", "Booking MPP", "Perubahan")] == ("", "persen")
    assert cell[("waktu", "Waktu tunggu", "Median")] == ("750", "detik")
    assert cell[("waktu", "Waktu layanan", "Rata-rata")] == ("690", "detik")
    assert cell[("lewat_standar", "A-003", "Tanggal")] == ("2026-06-10", "tanggal")
    assert cell[("per_petugas", 'Ratna, "R"', "Dilayani")] == ("10", "jumlah")
    assert cell[("per_petugas", 'Ratna, "R"', "Waktu menganggur")] == ("5700", "detik")
    assert cell[("per_hari", "2026-06-10", "Kunjungan")] == ("20", "jumlah")
    # Every figure once: no (table, row, column) twice.
    keys = [(r["tabel"], r["baris"], r["kolom"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert sum(1 for r in rows if r["tabel"] == "kedatangan") == 2 * 8
