"""The counter report's pieces as Rich renderables: the figure tables, the bar charts drawn with
block characters and the arrivals heat map.

Names and tickets are data: every cell is a ``Text`` made through ``safe`` (a Rich table reads
a ``str`` cell as markup), so ``[b]x[/`` in a staff name is shown as typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from rich.table import Table
from rich.text import Text

from lpse_desk.domain.reports.counter import CounterReport, VisitFigures, bin_labels
from lpse_desk.domain.reports.counter_tables import SummaryRow, summary_rows
from lpse_desk.domain.reports.tables import Kind, Value, staff_name
from lpse_desk.domain.reports.text import DAYS, hours_minutes, minutes_seconds
from lpse_desk.domain.textfmt import MONTH_NAMES, count_id
from lpse_desk.tui import safe
from lpse_desk.tui.fmt import NONE, dmy

BAR_WIDTH = 40
"""Cells of the longest bar of the visits chart (fits 80 columns with its labels)."""
BIN_BAR_WIDTH = 20
"""Cells of the longest bar of each time distribution (two side by side at 80 columns)."""
_EIGHTHS = " ▏▎▍▌▋▊▉"

HEAT = ("", "on #16324f", "on #1f4e79", "on #2e6fb0", "on #4f93d8")
"""Backgrounds of the arrivals heat map, none to most (a fifth of the busiest hour each)."""

def share_text(share: float | None) -> str:
    """``44,7%`` with the Indonesian decimal comma; ``–`` for none."""
    return "–" if share is None else f"{share * 100:.1f}%".replace(".", ",")


def points_text(now: float | None, before: float | None) -> Text:
    """The change of a share in percentage points (``−5,9 poin``): a share that fell from
    49,1% to 43,2% improved by 5,9 points, whatever its count did."""
    if now is None or before is None:
        return Text("–", style="dim")
    points = round((now - before) * 100, 1)
    if not points:
        return Text("0 poin")
    return Text(f"{points:+.1f} poin".replace(".", ",").replace("-", "−"))


def change_text(change: float | None) -> Text:
    """``+12%``, ``−20%``, ``0%`` of a relative change; ``–`` when there is nothing to compare
    with (no figure, or zero before)."""
    if change is None:
        return Text("–", style="dim")
    percent = round(change * 100)
    return Text(f"{percent:+d}%".replace("-", "−") if percent else "0%")


def _hours(delta: timedelta | None) -> str:
    """A long sum of time: ``977:36 jam`` (hours:minutes), told apart from the minutes:seconds
    around it."""
    return NONE if delta is None else f"{hours_minutes(delta)} jam"


def _right(value: object, style: str = "") -> Text:
    return Text(figure_text(value), style=style, justify="right")


def figure_text(value: object) -> str:
    """A figure as the screen writes it: a count with the Indonesian thousands separator
    (``1.340``, as the PDF and the IKM report write it), ``—`` for none."""
    if value is None:
        return NONE
    return count_id(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)


def report_table(*labels: str) -> Table:
    """A report's table (no box, bold headings), its first columns plain ones named ``labels``."""
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    for label in labels:
        table.add_column(label)
    return table


def name_column(table: Table, label: str, width: int) -> None:
    """A person's name: never wrapped, cut with an ellipsis past ``width`` cells."""
    table.add_column(label, max_width=width, no_wrap=True, overflow="ellipsis")


def figure_columns(table: Table, *labels: str, no_wrap: bool = False) -> None:
    """A right-aligned column of figures per label."""
    for label in labels:
        table.add_column(label, justify="right", no_wrap=no_wrap)


def _figure(row: SummaryRow, value: Value) -> str:
    """A headline figure as the screen writes it: a count, minutes:seconds or hours:minutes."""
    if row.kind is Kind.DURATION:
        return minutes_seconds(value)
    if row.kind is Kind.HOURS:
        return _hours(value)
    return figure_text(value)


def summary_table(now: CounterReport, before: CounterReport) -> Table:
    """The headline figures: this period, the one before, and the change."""
    table = report_table()
    table.add_column("Angka", no_wrap=True)  # a long count squeezes the figures, not the names
    figure_columns(table, "Periode ini", "Sebelumnya", "Perubahan")
    for row in summary_rows(now, before):
        label = row.short or row.label
        if row.kind is Kind.SHARE:  # its own row: a share's change is in points, not in %
            table.add_row(Text(f"  {label}"), _right(share_text(row.now), "bold"),
                          _right(share_text(row.before)), points_text(row.now, row.before))  # fmt: skip
            continue
        label = f"  {label}" if row.part else label
        table.add_row(Text(label), _right(_figure(row, row.now), "bold"),
                      _right(_figure(row, row.before)), change_text(row.change))  # fmt: skip
    return table


def spread_table(report: CounterReport) -> Table:
    """Waiting and service time: median, mean, p90, maximum (menit:detik), and how many."""
    table = report_table("")
    figure_columns(table, "Median", "Rata-rata", "P90", "Maksimum", "Jumlah")
    for label, spread in (("Tunggu", report.waiting), ("Layanan", report.service)):
        table.add_row(
            Text(label),
            *(
                _right(minutes_seconds(value))
                for value in (spread.median, spread.mean, spread.p90, spread.maximum)
            ),  # fmt: skip
            _right(spread.count),
        )
    return table


def worst_table(worst: Sequence[VisitFigures], names: Mapping[int, str]) -> Table | Text:
    """The served visits furthest over their standard, furthest first."""
    if not worst:
        return Text("Tidak ada kunjungan yang lewat standar.", style="dim")
    table = report_table("Nomor", "Layanan", "Tanggal")
    name_column(table, "Petugas", 24)
    figure_columns(table, "Waktu", "Standar", "Lewat")
    for one in worst:
        visit = one.visit
        table.add_row(
            safe.plain(visit.ticket),
            safe.plain(visit.service_code),
            Text(dmy(visit.service_date)),
            safe.plain(NONE if visit.served_by is None else staff_name(names, visit.served_by)),
            _right(minutes_seconds(one.service)),
            _right(minutes_seconds(one.standard)),
            _right(minutes_seconds(one.over), "bold red"),
        )
    return table


def officer_table(report: CounterReport, names: Mapping[int, str]) -> Table | Text:
    """Visits each officer finished, their median service time and idle time, busiest first."""
    if not report.per_officer:
        return Text("Belum ada kunjungan yang diselesaikan.", style="dim")
    table = report_table()
    name_column(table, "Petugas", 32)
    figure_columns(table, "Dilayani", "Bagian", "Median layanan", "Menganggur")
    lines = sorted(report.per_officer, key=lambda line: (-line.served, line.officer_id))
    for line in lines:
        table.add_row(
            safe.plain(staff_name(names, line.officer_id)),
            _right(line.served),
            _right(share_text(line.served / report.served if report.served else None)),
            _right(minutes_seconds(line.median_service)),
            _right(hours_minutes(line.idle)),
        )
    return table


def bar(value: int, maximum: int, width: int) -> str:
    """A bar of block characters: ``value`` of ``maximum`` over ``width`` cells (eighths)."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def bar_chart(rows: Sequence[tuple[str, int]], width: int, style: str) -> Text:
    """One line per row: its label, its bar, its count."""
    label_width = max((len(label) for label, _ in rows), default=0)
    count_width = max((len(str(count)) for _, count in rows), default=1)
    maximum = max((count for _, count in rows), default=0)
    text = Text(end="")
    for index, (label, count) in enumerate(rows):
        if index:
            text.append("\n")
        text.append(f"{label:<{label_width}} ", style="dim" if not count else "")
        drawn = bar(count, maximum, width)
        text.append(drawn, style=style)
        text.append(" " * (width - len(drawn) + 1))
        text.append(f"{count:>{count_width}}", style="bold" if count else "dim")
    return text


def visits_by_time(report: CounterReport) -> tuple[str, list[tuple[str, int]]]:
    """The visits chart's unit (``hari``, ``minggu``, ``bulan``) and its rows: a day each for
    a month or less, a week each (from Senin) up to half a year, a month each beyond; each row is named by its
    first day in the period."""
    days = report.days()
    if len(days) <= 31:
        return "hari", [(f"{DAYS[day.weekday()]} {day:%d/%m}", count) for day, count in days]
    grouped: dict[date, int] = {}
    by_week = len(days) <= 186
    for day, count in days:
        # A week or month cut by the period starts at the period's first day.
        key = max(day - timedelta(days=day.weekday()) if by_week else day.replace(day=1),
                  report.start)  # fmt: skip
        grouped[key] = grouped.get(key, 0) + count
    if by_week:
        return "minggu", [(f"mg {key:%d/%m/%y}", count) for key, count in grouped.items()]
    return "bulan", [(f"{MONTH_NAMES[key.month - 1][:3]} {key.year}", count)
                     for key, count in grouped.items()]  # fmt: skip


def distribution(counts: Sequence[int]) -> Text:
    """A time distribution (minutes, the bins of ``bin_labels``) as a bar chart."""
    rows = list(zip((f"{label}'" for label in bin_labels()), counts, strict=True))
    return bar_chart(rows, BIN_BAR_WIDTH, "magenta")


def arrivals_heat(report: CounterReport) -> Table | Text:
    """Numbers taken by hour (rows, WIB) and weekday (columns), shaded by how busy."""
    if not report.arrivals:
        return Text("Belum ada kedatangan.", style="dim")
    hours = sorted({hour for _day, hour in report.arrivals})
    busiest = max(report.arrivals.values())
    table = Table(box=None, padding=(0, 0), show_edge=False, header_style="bold")
    table.add_column("Jam ", no_wrap=True)
    for day in DAYS:
        table.add_column(Text(day, justify="right"), justify="right", min_width=5)
    for hour in range(hours[0], hours[-1] + 1):
        cells = []
        for day in range(7):
            count = report.arrivals.get((day, hour), 0)
            if not count:
                cells.append(Text("·", style="dim", justify="right"))
                continue
            shade = HEAT[min(len(HEAT) - 1, 1 + (count - 1) * (len(HEAT) - 1) // busiest)]
            cells.append(Text(f" {count:>3} ", style=f"bold {shade}".strip(), justify="right"))
        table.add_row(Text(f"{hour:02d}.00"), *cells)
    return table

