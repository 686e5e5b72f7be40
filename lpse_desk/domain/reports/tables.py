"""A report as data: tables of typed values and bar charts, printed by any exporter.

The PDF (``receipts.report_pdf``), the CSV (``domain.reports.tidy``) and the spreadsheet
(``receipts.report_xlsx``) read only this model, so a new report (the case report) adds a
``case_tables`` beside ``counter_tables`` and gets all three outputs. Values stay real:
``int`` counts, ``float`` shares (0.25 is 25%), ``timedelta`` durations, ``date`` dates and
``str`` text; None is "no figure" (printed ``–``, left empty in the files). Each exporter
chooses the unit it writes (the PDF minutes:seconds, the CSV seconds, the spreadsheet minutes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from lpse_desk.domain.reports.counter import CounterReport
from lpse_desk.domain.textfmt import format_date_id

Value = int | float | timedelta | date | str | None


class Kind(StrEnum):
    """What a column holds, which decides how each exporter writes it."""

    COUNT = "jumlah"
    SHARE = "persen"
    """A share as a fraction (0.25 is 25%)."""
    CHANGE = "perubahan"
    """A relative change as a signed fraction (+0.25 is +25%)."""
    DURATION = "durasi"
    HOURS = "jam_kerja"
    """A long duration (working time to a decision, idle time): hours:minutes, not
    minutes:seconds."""
    DATE = "tanggal"
    TEXT = "teks"
    MIXED = "per_baris"
    """The row says: ``Table.row_kinds`` (a summary mixing counts, shares and times)."""


@dataclass(frozen=True)
class Column:
    """A column: its title (Indonesian) and the kind of its values."""

    title: str
    kind: Kind

    @classmethod
    def many(cls, kind: Kind, *titles: str) -> tuple[Column, ...]:
        """Columns of one kind side by side, one per title."""
        return tuple(cls(title, kind) for title in titles)


@dataclass(frozen=True)
class Table:
    """One table of a report, with the definitions printed under it."""

    key: str
    """Stable name (the CSV's ``tabel``, the spreadsheet's sheet order)."""
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    definitions: tuple[str, ...] = ()
    """Keys of ``definitions.DEFINITIONS``."""
    row_kinds: tuple[Kind, ...] = ()
    """The kind of each row's values in ``Kind.MIXED`` columns."""
    printed: bool = True
    """False: only the files carry it (a year's 366 days); the PDF shows its chart instead."""
    short: str = ""
    """A shorter title where space is scarce (a spreadsheet's sheet: 31 characters)."""
    hours: str = "Waktu kerja"
    """What its ``Kind.HOURS`` values are, for the PDF's "… ditulis jam:menit" under it."""

    def kind_at(self, row: int, column: int) -> Kind:
        """The kind of the value at ``row``, ``column``."""
        kind = self.columns[column].kind
        return self.row_kinds[row] if kind is Kind.MIXED else kind


@dataclass(frozen=True)
class Chart:
    """A bar chart as data: a label and a value per bar, drawn after table ``after``."""

    key: str
    title: str
    bars: tuple[tuple[str, float], ...]
    after: str
    axis: str = "kunjungan"
    """What the values count (the value axis' caption)."""


@dataclass(frozen=True)
class ReportDocument:
    """Everything an exporter prints: title, period, filters, tables and charts."""

    title: str
    start: date
    end: date
    filters: str
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """Lines printed under the filters (e.g. what the comparison period is)."""

    @property
    def period(self) -> str:
        """``1 Januari 2026 – 31 Januari 2026`` (one date for a one-day report)."""
        if self.start == self.end:
            return format_date_id(self.start)
        return f"{format_date_id(self.start)} – {format_date_id(self.end)}"


class Comparison(Protocol):
    """A period's counter report and the same-length period before it."""

    now: CounterReport
    before: CounterReport


def filters_text(
    service_code: str | None = None, loket: int | None = None, officer: str | None = None
) -> str:
    """``Layanan REG · loket 2 · petugas Ratna``; ``Semua layanan, loket dan petugas``."""
    parts = [
        *([f"Layanan {service_code}"] if service_code else []),
        *([f"loket {loket}"] if loket is not None else []),
        *([f"petugas {officer}"] if officer else []),
    ]
    if not parts:
        return "Semua layanan, loket dan petugas"
    text = " · ".join(parts)
    return text[0].upper() + text[1:]


def change(now: float | timedelta | None, before: float | timedelta | None) -> float | None:
    """``(now − before) ÷ before``; None when either is missing or ``before`` is zero."""
    if now is None or before is None:
        return None
    if isinstance(now, timedelta) and isinstance(before, timedelta):
        now, before = now.total_seconds(), before.total_seconds()
    return None if not before else (now - before) / before


def staff_name(names: Mapping[int, str], officer_id: int) -> str:
    """The officer's name from the staff list (``staf #7`` for one no longer listed)."""
    return names.get(officer_id, f"staf #{officer_id}")
