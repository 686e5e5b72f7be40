"""The counter report as lines of text (the command line; the PDF will print the same)."""

from __future__ import annotations

from datetime import timedelta

from lpse_desk.domain.reports.counter import CounterReport, Spread
from lpse_desk.domain.reports.definitions import definition
from lpse_desk.domain.reports.tables import staff_name
from lpse_desk.domain.textfmt import format_date_id

DAYS = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")


def minutes_seconds(delta: timedelta | None) -> str:
    """``12:05`` (minutes:seconds, hours counted in minutes); ``–`` for no figure."""
    if delta is None:
        return "–"
    seconds = int(round(delta.total_seconds()))
    return f"{seconds // 60}:{seconds % 60:02d}"


def hours_minutes(delta: timedelta | None) -> str:
    """``26:05`` (hours:minutes: working time, idle time); ``–`` for no figure."""
    if delta is None:
        return "–"
    minutes = int(round(delta.total_seconds() / 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def _spread(label: str, figures: Spread) -> str:
    return (
        f"{label}: median {minutes_seconds(figures.median)} · rata-rata "
        f"{minutes_seconds(figures.mean)} · p90 {minutes_seconds(figures.p90)} · maksimum "
        f"{minutes_seconds(figures.maximum)} (menit:detik; {figures.count} kunjungan)"
    )


def _change(now: int, before: int) -> str:
    if before == 0:
        return "sebelumnya 0"
    return f"sebelumnya {before}, {(now - before) / before * 100:+.0f}%"


def counter_lines(
    now: CounterReport, before: CounterReport, officers: dict[int, str], *, definitions: bool = True
) -> list[str]:
    """The report, a line each: figures, the worst visits, per officer, arrivals by hour."""
    period = f"{format_date_id(now.start)} – {format_date_id(now.end)}"
    share = f"{now.over_share * 100:.1f}%".replace(".", ",") if now.over_share is not None else "–"
    lines = [
        f"Laporan layanan loket {period}",
        f"Kunjungan: {now.visits} ({_change(now.visits, before.visits)}) · booking {now.booked}"
        f" · datang langsung {now.walk_in}"
        f" · permohonan daring {'–' if now.daring is None else now.daring}",
        f"Dilayani: {now.served} ({_change(now.served, before.served)}) · tidak hadir "
        f"{now.no_show} · batal {now.cancelled} · dialihkan {now.transferred}",
        _spread("Waktu tunggu", now.waiting),
        _spread("Waktu layanan", now.service),
        f"Total waktu ditahan: {hours_minutes(now.held)} (jam:menit)",
        f"Lewat standar: {now.over_standard} dari {now.served} dilayani ({share})",
    ]
    for one in now.worst:
        lines.append(
            f"  {one.visit.ticket} {one.visit.service_code} {format_date_id(one.visit.service_date)}"
            f": layanan {minutes_seconds(one.service)}, standar {minutes_seconds(one.standard)},"
            f" lewat {minutes_seconds(one.over)}"
        )
    lines.append("Per petugas:")
    for line in now.per_officer:
        name = staff_name(officers, line.officer_id)
        lines.append(
            f"  {name}: {line.served} dilayani, median layanan {minutes_seconds(line.median_service)}"
            f", menganggur {hours_minutes(line.idle)}"
        )
    if not now.per_officer:
        lines.append("  –")
    hours = sorted({hour for _day, hour in now.arrivals})
    lines.append("Kedatangan per jam (WIB):" + ("" if hours else " –"))
    if hours:
        lines.append("  jam  " + " ".join(f"{day:>4}" for day in DAYS))
        for hour in hours:
            counts = " ".join(f"{now.arrivals.get((day, hour), 0):>4}" for day in range(7))
            lines.append(f"  {hour:02d}   {counts}")
    if definitions:
        lines.append("")
        for key in ("kunjungan", "daring", "waktu_tunggu", "waktu_layanan", "waktu_ditahan",
                    "lewat_standar", "statistik", "menganggur", "pembanding"):  # fmt: skip
            lines.append(definition(key))
    return lines
