"""The counter report as tables and charts of the neutral model (``tables``): what the PDF,
the CSV and the spreadsheet of the counter report print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lpse_desk.domain.reports.counter import CounterReport, bin_labels
from lpse_desk.domain.reports.tables import (
    Chart,
    Column,
    Comparison,
    Kind,
    ReportDocument,
    Table,
    Value,
    change,
    staff_name,
)
from lpse_desk.domain.textfmt import DAY_NAMES, MONTH_NAMES, format_date_id

DAYS_BY_DAY = 62
"""Up to this many days the visits chart has a bar per day (and the PDF lists every day)."""
DAYS_BY_WEEK = 186
"""Up to this many days a bar per week (Senin–Minggu); past it a bar per calendar month."""


@dataclass(frozen=True)
class SummaryRow:
    """A headline figure of the counter report: label, kind, this period's and the one before's."""

    label: str
    kind: Kind
    now: Value
    before: Value
    part: bool = False
    """A part of the row above it (the visits booked, the visits walked in)."""
    short: str = ""
    """A shorter label where space is scarce (the screen's summary, beside the time spreads)."""

    @property
    def change(self) -> float | None:
        """The relative change; none for a share."""
        # A share's change is read in percentage points, not as a change of a change.
        return None if self.kind is Kind.SHARE else change(self.now, self.before)


def summary_rows(now: CounterReport, before: CounterReport) -> tuple[SummaryRow, ...]:
    """The headline figures beside the period before: the PDF's summary and the screen's."""
    return (
        SummaryRow("Kunjungan", Kind.COUNT, now.visits, before.visits),
        SummaryRow("Booking MPP", Kind.COUNT, now.booked, before.booked, part=True),
        SummaryRow("Datang langsung", Kind.COUNT, now.walk_in, before.walk_in, part=True),
        SummaryRow("Permohonan daring", Kind.COUNT, now.daring, before.daring),
        SummaryRow("Dilayani", Kind.COUNT, now.served, before.served),
        SummaryRow("Tidak hadir", Kind.COUNT, now.no_show, before.no_show),
        SummaryRow("Batal", Kind.COUNT, now.cancelled, before.cancelled),
        SummaryRow("Dialihkan", Kind.COUNT, now.transferred, before.transferred),
        SummaryRow("Lewat standar", Kind.COUNT, now.over_standard, before.over_standard),
        SummaryRow("Bagian lewat standar", Kind.SHARE, now.over_share, before.over_share,
                   short="bagiannya"),  # fmt: skip
        SummaryRow("Median waktu tunggu", Kind.DURATION, now.waiting.median,
                   before.waiting.median, short="Median tunggu"),  # fmt: skip
        SummaryRow("Median waktu layanan", Kind.DURATION, now.service.median,
                   before.service.median, short="Median layanan"),  # fmt: skip
        # A period's held time adds up to hours (a year: hundreds): hours:minutes, as idle time.
        SummaryRow("Total waktu ditahan", Kind.HOURS, now.held, before.held,
                   short="Total ditahan"),  # fmt: skip
    )


def _summary(now: CounterReport, before: CounterReport) -> Table:
    rows = summary_rows(now, before)
    return Table(
        key="ringkasan",
        title="Ringkasan",
        columns=(Column("Angka", Kind.TEXT), Column("Periode ini", Kind.MIXED),
                 Column("Periode sebelumnya", Kind.MIXED), Column("Perubahan", Kind.CHANGE)),  # fmt: skip
        rows=tuple((one.label, one.now, one.before, one.change) for one in rows),
        row_kinds=tuple(one.kind for one in rows),
        hours="Total waktu ditahan",
        definitions=("kunjungan", "booking", "daring", "dilayani", "tidak_hadir", "batal", "dialihkan",
                     "waktu_ditahan", "perubahan", "pembanding"),  # fmt: skip
    )


def _times(now: CounterReport) -> Table:
    rows = tuple(
        (label, one.median, one.mean, one.p90, one.maximum, one.count)
        for label, one in (("Waktu tunggu", now.waiting), ("Waktu layanan", now.service))
    )
    return Table(
        key="waktu",
        title="Waktu tunggu & waktu layanan",
        short="Waktu tunggu & layanan",
        columns=(
            Column("Ukuran", Kind.TEXT),
            *Column.many(Kind.DURATION, "Median", "Rata-rata", "P90", "Maksimum"),
            Column("Jumlah kunjungan", Kind.COUNT),
        ),
        rows=rows,
        definitions=("waktu_tunggu", "waktu_layanan", "statistik"),
    )


def _worst(now: CounterReport) -> Table:
    rows = tuple(
        (
            one.visit.ticket,
            one.visit.service_code,
            one.visit.service_date,
            one.service,
            one.standard,
            one.over,
        )  # fmt: skip
        for one in now.worst
    )
    return Table(
        key="lewat_standar",
        title="Lewat standar (terlama lebih dulu)",
        short="Lewat standar",
        columns=(
            *Column.many(Kind.TEXT, "Nomor", "Layanan"),
            Column("Tanggal", Kind.DATE),
            *Column.many(Kind.DURATION, "Waktu layanan", "Standar", "Lewat"),
        ),
        rows=rows,
        definitions=("lewat_standar",),
    )


def _officers(now: CounterReport, names: dict[int, str]) -> Table:
    rows = tuple(
        (staff_name(names, line.officer_id), line.served, line.median_service, line.idle)
        for line in now.per_officer
    )
    return Table(
        key="per_petugas",
        title="Per petugas",
        columns=(
            Column("Petugas", Kind.TEXT),
            Column("Dilayani", Kind.COUNT),
            Column("Median waktu layanan", Kind.DURATION),
            Column("Waktu menganggur", Kind.HOURS),
        ),
        rows=rows,
        definitions=("per_petugas", "menganggur"),
        hours="Waktu menganggur",
    )


def _per_day(now: CounterReport) -> Table:
    days = now.days()
    return Table(
        key="per_hari",
        title="Kunjungan per hari",
        columns=(
            Column("Tanggal", Kind.DATE),
            Column("Hari", Kind.TEXT),
            Column("Kunjungan", Kind.COUNT),
        ),  # fmt: skip
        rows=tuple((day, DAY_NAMES[day.weekday()], count) for day, count in days),
        definitions=("kunjungan",),
        printed=len(days) <= DAYS_BY_DAY,
    )


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def visit_buckets(now: CounterReport) -> tuple[str, list[tuple[date, date, int]]]:
    """The visits per bar of the chart: ``("hari" | "minggu" | "bulan", [(first, last, n)])``.

    A day per bar up to ``DAYS_BY_DAY`` days, else a week (Senin–Minggu) up to
    ``DAYS_BY_WEEK``, else a calendar month; the first and last bars are cut to the period.
    """
    days = now.days()
    if len(days) <= DAYS_BY_DAY:
        return "hari", [(day, day, count) for day, count in days]
    unit = "minggu" if len(days) <= DAYS_BY_WEEK else "bulan"
    buckets: list[tuple[date, date, int]] = []
    for day, count in days:
        if unit == "minggu":
            last = min(day + timedelta(days=6 - day.weekday()), now.end)
        else:
            last = min(_month_end(day), now.end)
        if buckets and buckets[-1][1] == last:
            first, _, total = buckets[-1]
            buckets[-1] = (first, last, total + count)
        else:
            buckets.append((day, last, count))
    return unit, buckets


def _buckets_table(unit: str, buckets: list[tuple[date, date, int]]) -> Table:
    return Table(
        key=f"per_{unit}",
        title=f"Kunjungan per {unit}",
        columns=(*Column.many(Kind.DATE, "Dari", "Sampai"), Column("Kunjungan", Kind.COUNT)),
        rows=tuple(buckets),
        definitions=("kunjungan",),
    )


def _bins(now: CounterReport) -> Table:
    rows = tuple(
        (label, waiting, service)
        for label, waiting, service in zip(
            bin_labels(), now.waiting_bins, now.service_bins, strict=True
        )  # fmt: skip
    )
    return Table(
        key="sebaran",
        title="Sebaran waktu tunggu dan waktu layanan",
        short="Sebaran waktu",
        columns=(
            Column("Menit", Kind.TEXT),
            *Column.many(Kind.COUNT, "Waktu tunggu", "Waktu layanan"),
        ),
        rows=rows,
        definitions=("sebaran",),
    )


def _arrivals(now: CounterReport) -> Table:
    hours = sorted({hour for _day, hour in now.arrivals})
    rows = []
    for hour in hours:
        counts = [now.arrivals.get((day, hour), 0) for day in range(7)]
        rows.append((f"{hour:02d}.00–{hour:02d}.59", *counts, sum(counts)))
    return Table(
        key="kedatangan",
        title="Kedatangan per jam × hari (WIB)",
        short="Kedatangan per jam",
        columns=(
            Column("Jam", Kind.TEXT),
            *Column.many(Kind.COUNT, *(name[:3] for name in DAY_NAMES)),
            Column("Jumlah", Kind.COUNT),
        ),
        rows=tuple(rows),
        definitions=("kedatangan",),
    )


def counter_tables(comparison: Comparison, officer_names: dict[int, str]) -> list[Table]:
    """The counter report's tables, in reading order (see the module docstring)."""
    now, before = comparison.now, comparison.before
    tables = [_summary(now, before), _times(now), _worst(now), _officers(now, officer_names)]
    tables.append(_per_day(now))
    unit, buckets = visit_buckets(now)
    if unit != "hari":
        tables.append(_buckets_table(unit, buckets))
    tables += [_bins(now), _arrivals(now)]
    return tables


def _bar_label(unit: str, first: date) -> str:
    if unit == "bulan":
        return f"{MONTH_NAMES[first.month - 1][:3]} {first.year % 100:02d}"
    return f"{first.day}/{first.month}"


def counter_charts(comparison: Comparison) -> list[Chart]:
    """The visits per day (week, month: ``visit_buckets``; none for a one-day report) and the
    two time distributions."""
    now = comparison.now
    unit, buckets = visit_buckets(now)
    visits = Chart(
        key="grafik_kunjungan",
        title=f"Kunjungan per {unit}",
        bars=tuple((_bar_label(unit, first), count) for first, _last, count in buckets),
        after="per_hari" if unit == "hari" else f"per_{unit}",
    )
    labels = bin_labels()
    return [
        *([visits] if len(buckets) > 1 else []),  # one day: the table says it all
        Chart("grafik_tunggu", "Sebaran waktu tunggu (menit)",
              tuple(zip(labels, now.waiting_bins, strict=True)), after="sebaran"),
        Chart("grafik_layanan", "Sebaran waktu layanan (menit)",
              tuple(zip(labels, now.service_bins, strict=True)), after="sebaran"),
    ]  # fmt: skip


def counter_document(
    comparison: Comparison, officer_names: dict[int, str], *, filters: str
) -> ReportDocument:
    """The counter report ready for the exporters."""
    now, before = comparison.now, comparison.before
    compared = (
        f"Pembanding: {format_date_id(before.start)} – {format_date_id(before.end)}"
        if before.start != before.end
        else f"Pembanding: {format_date_id(before.start)}"
    )
    return ReportDocument(
        title="Laporan Layanan Loket",
        start=now.start,
        end=now.end,
        filters=filters,
        tables=tuple(counter_tables(comparison, officer_names)),
        charts=tuple(counter_charts(comparison)),
        notes=(compared,),
    )
