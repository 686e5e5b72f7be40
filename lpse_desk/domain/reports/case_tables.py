"""The case report as tables and charts for the exporters (``tables``), and as lines of text
for the command line."""

from __future__ import annotations

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.reports.cases import (
    NOT_RECORDED,
    NOTE_ONLY,
    CaseReport,
    Outcomes,
    hour_bin_labels,
)
from lpse_desk.domain.reports.definitions import definition
from lpse_desk.domain.reports.tables import (
    Chart,
    Column,
    Kind,
    ReportDocument,
    Table,
    staff_name,
)
from lpse_desk.domain.reports.text import hours_minutes
from lpse_desk.domain.review.documents import REFUSAL_REASON_LABELS
from lpse_desk.domain.textfmt import deadline_wall, format_date_id, format_long_id

REASON_LABELS = {
    **{reason.value: label for reason, label in REFUSAL_REASON_LABELS.items()},
    NOTE_ONLY: "Catatan verifikator (tanpa dokumen ditolak)",
    NOT_RECORDED: "Tidak tercatat (sebelum desk mencatat alasan)",
}


def case_filters(service_code: str | None = None, verifier: str | None = None) -> str:
    """``Layanan REG · verifikator Andi``; ``Semua layanan dan verifikator``."""
    parts = [*([f"Layanan {service_code}"] if service_code else []),
             *([f"verifikator {verifier}"] if verifier else [])]  # fmt: skip
    if not parts:
        return "Semua layanan dan verifikator"
    text = " · ".join(parts)
    return text[0].upper() + text[1:]


def reason_label(code: str) -> str:
    return REASON_LABELS.get(code, code)


def _summary(report: CaseReport) -> Table:
    rows = (
        ("Diserahkan ke verifikator", report.handed_off, Kind.COUNT),
        ("Disetujui", report.approved, Kind.COUNT),
        ("Ditolak", report.rejected, Kind.COUNT),
        ("Dikembalikan ke penyedia", report.returned, Kind.COUNT),
        ("Diputus tepat waktu", report.on_time, Kind.COUNT),
        ("Bagian tepat waktu", report.on_time_share, Kind.SHARE),
        ("Terlambat", report.late_count, Kind.COUNT),
        ("Median waktu sampai keputusan", report.worked.median, Kind.HOURS),
        ("Rata-rata waktu sampai keputusan", report.worked.mean, Kind.HOURS),
        ("P90 waktu sampai keputusan", report.worked.p90, Kind.HOURS),
        ("Maksimum waktu sampai keputusan", report.worked.maximum, Kind.HOURS),
        ("Terbuka sekarang", report.open_cases, Kind.COUNT),
        ("Di tangan penyedia sekarang", report.paused, Kind.COUNT),
        ("Lewat tenggat sekarang", len(report.overdue), Kind.COUNT),
    )
    return Table(
        key="ringkasan_kasus",
        title="Ringkasan kasus",
        columns=(Column("Angka", Kind.TEXT), Column("Nilai", Kind.MIXED)),
        rows=tuple((label, value) for label, value, _kind in rows),
        row_kinds=tuple(kind for _label, _value, kind in rows),
        definitions=("diserahkan", "diputus", "pengembalian", "waktu_kerja", "tepat_waktu",
                     "terbuka", "statistik_kasus"),  # fmt: skip
    )


_SPLIT = (
    *Column.many(Kind.COUNT, "Disetujui", "Ditolak", "Dikembalikan", "Tepat waktu"),
    Column("Bagian tepat waktu", Kind.SHARE),
    Column("Median waktu", Kind.HOURS),
)


def _per_service(report: CaseReport) -> Table:
    rows = tuple(
        (line.service_code, line.handed_off, line.approved, line.rejected, line.returned,
         line.on_time, line.on_time_share, line.worked.median)  # fmt: skip
        for line in report.per_service
    )
    return Table(
        key="kasus_per_layanan",
        title="Per layanan",
        columns=(Column("Layanan", Kind.TEXT), Column("Diserahkan", Kind.COUNT), *_SPLIT),
        rows=rows,
        definitions=("tepat_waktu",),
    )


def _per_verifier(report: CaseReport, names: dict[int, str]) -> Table:
    rows = tuple(
        (staff_name(names, line.officer_id), line.approved, line.rejected, line.returned,
         line.on_time, line.on_time_share, line.worked.median)  # fmt: skip
        for line in report.per_verifier
    )
    return Table(
        key="per_verifikator",
        title="Per verifikator",
        columns=(Column("Verifikator", Kind.TEXT), *_SPLIT),
        rows=rows,
        definitions=("per_verifikator",),
    )


def _late(report: CaseReport, names: dict[int, str]) -> Table:
    rows = tuple(
        (f"#{one.case_id}", one.service_code, to_wib(one.concluded_at).date(),
         names.get(one.decided_by, "–") if one.decided_by is not None else "–",
         one.worked, one.standard, one.late_by)  # fmt: skip
        for one in report.late
    )
    shown = "" if report.late_count <= len(report.late) else f" ({len(report.late)} terlama)"
    return Table(
        key="terlambat",
        title=f"Terlambat{shown}",
        columns=(
            *Column.many(Kind.TEXT, "Kasus", "Layanan"),
            Column("Diputus", Kind.DATE),
            Column("Verifikator", Kind.TEXT),
            *Column.many(Kind.HOURS, "Waktu sampai keputusan", "Standar", "Terlambat"),
        ),
        rows=rows,
        definitions=("terlambat",),
    )


def _reasons(report: CaseReport) -> Table:
    ordered = sorted(report.returns_by_reason.items(), key=lambda item: (-item[1], item[0]))
    return Table(
        key="alasan_pengembalian",
        title="Alasan pengembalian",
        columns=(Column("Alasan", Kind.TEXT), Column("Jumlah", Kind.COUNT)),
        rows=tuple((reason_label(code), count) for code, count in ordered),
        definitions=("alasan_pengembalian",),
    )


def _overdue(report: CaseReport, names: dict[int, str]) -> Table:
    rows = tuple(
        (f"#{one.case_id}", one.service_code,
         deadline_wall(one.due_at)[0] if one.due_at is not None else None,
         names.get(one.assigned_to, "–") if one.assigned_to is not None else "belum ditugaskan",
         one.overdue_by)  # fmt: skip
        for one in report.overdue
    )
    return Table(
        key="lewat_tenggat",
        title=f"Lewat tenggat sekarang ({format_long_id(report.as_of)})",
        short="Lewat tenggat",
        columns=(
            *Column.many(Kind.TEXT, "Kasus", "Layanan"),
            Column("Tenggat", Kind.DATE),
            Column("Ditugaskan", Kind.TEXT),
            Column("Lewat", Kind.HOURS),
        ),
        rows=rows,
        definitions=("lewat_tenggat",),
    )


def case_tables(report: CaseReport, names: dict[int, str]) -> list[Table]:
    """The case report's tables, in reading order."""
    return [_summary(report), _per_service(report), _per_verifier(report, names),
            _late(report, names), _reasons(report), _overdue(report, names)]  # fmt: skip


def case_charts(report: CaseReport) -> list[Chart]:
    """Decisions per service and the time to a decision (working hours)."""
    return [
        Chart("grafik_kasus_layanan", "Kasus diputus per layanan",
              tuple((line.service_code, line.decided) for line in report.per_service),
              after="kasus_per_layanan", axis="kasus"),
        Chart("grafik_waktu_kerja", "Waktu sampai keputusan (jam kerja)",
              tuple(zip(hour_bin_labels(), report.worked_bins, strict=True)),
              after="ringkasan_kasus", axis="kasus"),
    ]  # fmt: skip


def case_document(report: CaseReport, names: dict[int, str], *, filters: str) -> ReportDocument:
    """The case report ready for the exporters."""
    return ReportDocument(
        title="Laporan Kasus Verifikasi",
        start=report.start,
        end=report.end,
        filters=filters,
        tables=tuple(case_tables(report, names)),
        charts=tuple(case_charts(report)) if report.decided else (),
        notes=(f"Kasus terbuka dihitung pada {format_long_id(report.as_of)}",),
    )


def _outcomes(line: Outcomes) -> str:
    """What became of one service's or one verifier's cases, in words."""
    return (
        f"disetujui {line.approved}, ditolak {line.rejected}, dikembalikan {line.returned}, "
        f"tepat waktu {line.on_time}/{line.decided}, median {hours_minutes(line.worked.median)}"
    )


def case_lines(report: CaseReport, names: dict[int, str], *, definitions: bool = True) -> list[str]:
    """The case report, a line each (the command line)."""
    period = f"{format_date_id(report.start)} – {format_date_id(report.end)}"
    share = (
        f"{report.on_time_share * 100:.1f}%".replace(".", ",")
        if report.on_time_share is not None
        else "–"
    )
    worked = report.worked
    lines = [
        f"Laporan kasus verifikasi {period}",
        f"Diserahkan ke verifikator: {report.handed_off} · disetujui {report.approved} · "
        f"ditolak {report.rejected} · dikembalikan {report.returned}",
        f"Tepat waktu: {report.on_time} dari {report.decided} diputus ({share}) · terlambat "
        f"{report.late_count}",
        f"Waktu sampai keputusan: median {hours_minutes(worked.median)} · rata-rata "
        f"{hours_minutes(worked.mean)} · p90 {hours_minutes(worked.p90)} · maksimum "
        f"{hours_minutes(worked.maximum)} (jam:menit kerja)",
        f"Sekarang ({format_long_id(report.as_of)}): {report.open_cases} terbuka, "
        f"{report.paused} di tangan penyedia, {len(report.overdue)} lewat tenggat",
        "Per layanan:",
    ]
    lines += [f"  {line.service_code}: diserahkan {line.handed_off}, {_outcomes(line)}"
              for line in report.per_service]  # fmt: skip
    lines.append("Per verifikator:" + ("" if report.per_verifier else " –"))
    lines += [f"  {staff_name(names, line.officer_id)}: {_outcomes(line)}"
              for line in report.per_verifier]  # fmt: skip
    lines.append("Terlambat:" + ("" if report.late else " –"))
    for one in report.late:
        lines.append(
            f"  kasus #{one.case_id} {one.service_code} diputus {format_date_id(to_wib(one.concluded_at).date())}"
            f": {hours_minutes(one.worked)} (standar {hours_minutes(one.standard)}, lewat "
            f"{hours_minutes(one.late_by)})"
        )
    lines.append("Alasan pengembalian:" + ("" if report.returns_by_reason else " –"))
    for code, count in sorted(report.returns_by_reason.items(), key=lambda i: (-i[1], i[0])):
        lines.append(f"  {reason_label(code)}: {count} dokumen")
    lines.append("Lewat tenggat sekarang:" + ("" if report.overdue else " –"))
    for one in report.overdue:
        lines.append(f"  kasus #{one.case_id} {one.service_code}: lewat "
                     f"{hours_minutes(one.overdue_by)}")  # fmt: skip
    if definitions:
        lines.append("")
        lines += [definition(key) for key in ("diputus", "waktu_kerja", "tepat_waktu",
                                              "lewat_tenggat", "alasan_pengembalian")]  # fmt: skip
    return lines

