"""The case report's pieces as Rich renderables: the headline figures, the time to a decision
(jam:menit kerja), its chart and the decisions per service, the tables per service and per
verifier, the late decisions, the returns by reason, and what is open now.

Names are data: every cell is a ``Text`` made through ``safe`` (a Rich table reads a ``str``
cell as markup), so ``[b]x[/`` in a verifier's name is shown as typed.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.reports.case_tables import reason_label
from lpse_desk.domain.reports.cases import CaseReport, hour_bin_labels
from lpse_desk.domain.reports.tables import staff_name
from lpse_desk.domain.reports.text import hours_minutes
from lpse_desk.tui import safe
from lpse_desk.tui.fmt import NONE, dmy, due_date_time
from lpse_desk.tui.screens.counter_report_parts import (
    bar_chart,
    figure_columns,
    figure_text,
    name_column,
    report_table,
    share_text,
)

BAR_WIDTH = 24
"""Cells of the longest bar of each chart (two side by side at 120 columns, one at 80)."""

def _right(value: object, style: str = "") -> Text:
    return Text(figure_text(value), style=style, justify="right")


def on_time_text(on_time: int, decided: int) -> str:
    """``3/4 (75,0%)``; ``0/0 (–)`` when nothing was decided."""
    return f"{on_time}/{decided} ({share_text(on_time / decided if decided else None)})"


def summary_table(report: CaseReport) -> Table:
    """Handed off, approved, rejected, returned, on time and late in the period."""
    table = report_table()
    table.add_column("Angka", no_wrap=True)  # a long count squeezes the figures, not the names
    figure_columns(table, "Periode ini")
    rows = (
        ("Diserahkan ke verifikator", str(report.handed_off)),
        ("Disetujui", str(report.approved)),
        ("Ditolak", str(report.rejected)),
        ("Dikembalikan ke penyedia", str(report.returned)),
        ("Tepat waktu (dari diputus)", on_time_text(report.on_time, report.decided)),
        ("Terlambat", str(report.late_count)),
    )
    for label, value in rows:
        late = label == "Terlambat" and report.late_count
        table.add_row(Text(label), _right(value, "bold red" if late else "bold"))
    return table


def spread_table(report: CaseReport) -> Table:
    """The time to a decision: median, mean, p90, maximum (jam:menit kerja), and how many."""
    table = report_table()
    figure_columns(table, "Median", "Rata-rata", "P90", "Maksimum", "Diputus")
    worked = report.worked
    table.add_row(
        *(_right(hours_minutes(value))
          for value in (worked.median, worked.mean, worked.p90, worked.maximum)),
        _right(worked.count),
    )  # fmt: skip
    return table


def hours_chart(report: CaseReport) -> Text:
    """Decisions per bin of working hours to the decision."""
    rows = list(zip((f"{label} j" for label in hour_bin_labels()), report.worked_bins,
                    strict=True))  # fmt: skip
    return bar_chart(rows, BAR_WIDTH, "magenta")


def service_chart(report: CaseReport) -> Text:
    """Cases decided per service."""
    if not report.per_service:
        return Text("Belum ada kasus.", style="dim")
    return bar_chart([(line.service_code, line.decided) for line in report.per_service],
                     BAR_WIDTH, "cyan")  # fmt: skip


def service_table(report: CaseReport) -> Table | Text:
    """Per service: handed off, decided, returned, on time, median time."""
    if not report.per_service:
        return Text("Belum ada kasus pada periode ini.", style="dim")
    table = report_table()
    table.add_column("Layanan", no_wrap=True)
    # "Kembali" (dikembalikan) keeps a year's four-digit counts within 80 columns.
    figure_columns(table, "Diserahkan", "Disetujui", "Ditolak", "Kembali", "Tepat waktu",
                   "Median", no_wrap=True)  # fmt: skip
    for line in report.per_service:
        table.add_row(safe.plain(line.service_code), _right(line.handed_off), *_decisions(line))
    return table


def _decisions(line) -> tuple[Text, ...]:
    """A service's or a verifier's approved, rejected, returned, on time and median time."""
    return (
        _right(line.approved),
        _right(line.rejected),
        _right(line.returned),
        _right(on_time_text(line.on_time, line.decided)),
        _right(hours_minutes(line.worked.median)),
    )


def verifier_table(report: CaseReport, names: Mapping[int, str]) -> Table | Text:
    """Per verifier: decided, returned, on time, median time of the cases they decided."""
    if not report.per_verifier:
        return Text("Belum ada keputusan atau pengembalian.", style="dim")
    table = report_table()
    name_column(table, "Verifikator", 20)
    figure_columns(table, "Disetujui", "Ditolak", "Kembali", "Tepat waktu", "Median", no_wrap=True)
    lines = sorted(report.per_verifier, key=lambda line: (-line.decided, line.officer_id))
    for line in lines:
        table.add_row(safe.plain(staff_name(names, line.officer_id)), *_decisions(line))
    return table


def _case_table(when: str, person: str, width: int, *figures: str) -> Table:
    """A list of cases: the case, its service, a moment, a person, then figures."""
    table = report_table("Kasus", "Layanan", when)
    name_column(table, person, width)
    figure_columns(table, *figures)
    return table


def _case_cells(case_id: int, service_code: str, when: str, person: str) -> tuple[Text, ...]:
    """A case's first cells in a ``_case_table``: its number, its service, the moment and the
    person (data: shown as typed)."""
    return (Text(f"#{case_id}"), safe.plain(service_code), Text(when), safe.plain(person))


def late_table(report: CaseReport, names: Mapping[int, str]) -> Table | Text:
    """The late decisions, most late first."""
    if not report.late:
        return Text("Tidak ada kasus yang diputus lewat standar.", style="dim")
    table = _case_table("Diputus", "Verifikator", 20, "Waktu", "Standar", "Terlambat")
    for one in report.late:
        concluded = dmy(to_wib(one.concluded_at).date())
        decided = NONE if one.decided_by is None else staff_name(names, one.decided_by)
        table.add_row(
            *_case_cells(one.case_id, one.service_code, concluded, decided),
            _right(hours_minutes(one.worked)),
            _right(hours_minutes(one.standard)),
            _right(hours_minutes(one.late_by), "bold red"),
        )
    if report.late_count > len(report.late):
        return Group(table, Text(f"({len(report.late)} terlama dari {report.late_count})",
                                 style="dim"))  # fmt: skip
    return table


def reasons_table(report: CaseReport) -> Table | Text:
    """Documents rejected on the period's returns, by reason, most first."""
    if not report.returns_by_reason:
        return Text("Tidak ada pengembalian.", style="dim")
    table = report_table("Alasan")
    figure_columns(table, "Jumlah")
    ordered = sorted(report.returns_by_reason.items(), key=lambda item: (-item[1], item[0]))
    for code, count in ordered:
        table.add_row(safe.plain(reason_label(code)), _right(count, "bold"))
    return table


def now_summary(report: CaseReport) -> Text:
    """``11 terbuka · 2 di tangan penyedia · 1 lewat tenggat``."""
    text = Text(end="")
    text.append(f"{report.open_cases}", style="bold")
    text.append(" terbuka · ")
    text.append(f"{report.paused}", style="bold")
    text.append(" di tangan penyedia · ")
    text.append(f"{len(report.overdue)}", style="bold red" if report.overdue else "bold")
    text.append(" lewat tenggat")
    return text


def overdue_table(report: CaseReport, names: Mapping[int, str]) -> Table | Text:
    """The open cases past their deadline now, most overdue first, with by how much."""
    if not report.overdue:
        return Text("Tidak ada kasus yang lewat tenggat.", style="dim")
    table = _case_table("Tenggat", "Ditugaskan", 24, "Lewat (jam kerja)")
    for one in report.overdue:
        assigned = ("belum ditugaskan" if one.assigned_to is None
                    else staff_name(names, one.assigned_to))  # fmt: skip
        table.add_row(
            *_case_cells(one.case_id, one.service_code, due_date_time(one.due_at), assigned),
            _right(hours_minutes(one.overdue_by), "bold red"),
        )
    return table
