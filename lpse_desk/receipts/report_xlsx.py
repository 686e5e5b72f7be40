"""A head of unit's report (``domain.reports.tables.ReportDocument``) as an XLSX workbook.

A first sheet "Keterangan" (title, period, filters, notes, and every definition the tables
use), then a sheet per table. Cells hold real values a spreadsheet can compute with:
whole numbers, shares as fractions shown as percentages, dates as date cells (DD/MM/YYYY),
durations as a number of minutes shown with two decimals and the word "menit". The header
row is bold and frozen; columns are as wide as their text. Text from the data is always a
text cell: a name starting with ``=`` is never a formula.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, timedelta
from typing import Any

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.reports.definitions import definition
from lpse_desk.domain.reports.tables import Kind, ReportDocument, Table, Value

FORMATS = {
    Kind.COUNT: "#,##0",
    Kind.SHARE: "0.0%",
    Kind.CHANGE: "+0.0%;-0.0%;0.0%",
    Kind.DURATION: '0.00" menit"',
    Kind.HOURS: '0.00" jam"',
    Kind.DATE: "DD/MM/YYYY",
    Kind.TEXT: "@",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
WIDEST = 60


def _sheet_name(title: str, taken: set[str]) -> str:
    """A legal, unique sheet name (31 characters at most, none of ``[]:*?/\\``)."""
    base = _SHEET_FORBIDDEN.sub("-", title).strip("'")[:31] or "Tabel"
    name, serial = base, 2
    while name.lower() in taken:
        suffix = f" ({serial})"
        name, serial = base[: 31 - len(suffix)] + suffix, serial + 1
    taken.add(name.lower())
    return name


def _put(sheet: Any, row: int, column: int, value: Value, kind: Kind) -> int:
    """Write one value; the width its shown text needs."""
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return 1
    if isinstance(value, timedelta) and kind is Kind.HOURS:
        cell.value = round(value.total_seconds() / 3600, 6)
        shown = f"{cell.value:.2f} jam"
    elif isinstance(value, timedelta):
        cell.value = round(value.total_seconds() / 60, 6)
        shown = f"{cell.value:.2f} menit"
    elif isinstance(value, str):
        cell.value = _CONTROL.sub("", value)
        cell.data_type = "s"  # never a formula, whatever the first character
        shown = cell.value
    else:
        cell.value = value
        shown = value.strftime("%d/%m/%Y") if isinstance(value, date) else f"{value:,}"
    if kind is not Kind.TEXT:
        cell.number_format = FORMATS[kind]
    return len(shown)


def _header(sheet: Any, titles: list[str]) -> list[int]:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E4EBF3")
    for index, title in enumerate(titles, 1):
        cell = sheet.cell(row=1, column=index, value=title)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    return [len(title) + 2 for title in titles]


def _widths(sheet: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), WIDEST)


def _table_sheet(book: Any, table: Table, taken: set[str]) -> None:
    sheet = book.create_sheet(_sheet_name(table.short or table.title, taken))
    widths = _header(sheet, [column.title for column in table.columns])
    for number, row in enumerate(table.rows):
        for index, value in enumerate(row):
            used = _put(sheet, number + 2, index + 1, value, table.kind_at(number, index))
            widths[index] = max(widths[index], used)
    _widths(sheet, widths)


def _about_sheet(book: Any, document: ReportDocument) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.active
    sheet.title = "Keterangan"
    sheet["A1"] = document.title
    sheet["A1"].font = Font(bold=True, size=14)
    facts: list[tuple[str, Value, Kind]] = [
        ("Periode", document.period, Kind.TEXT),
        ("Dari", document.start, Kind.DATE),
        ("Sampai", document.end, Kind.DATE),
        ("Filter", document.filters, Kind.TEXT),
        *(("Catatan", note, Kind.TEXT) for note in document.notes),
        ("Satuan", _units(document), Kind.TEXT),
    ]  # fmt: skip
    row = 3
    for label, value, kind in facts:
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        _put(sheet, row, 2, value, kind)
        row += 1
    row += 1
    sheet.cell(row=row, column=1, value="Definisi").font = Font(bold=True)
    keys = list(dict.fromkeys(key for table in document.tables for key in table.definitions))
    for key in keys:
        row += 1
        sheet.cell(row=row, column=1, value=key)
        words = sheet.cell(row=row, column=2, value=definition(key))
        words.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=1).alignment = Alignment(vertical="top")
        # Row heights are not worked out on opening by every application: set, a wrapped
        # definition prints whole instead of over the next one.
        sheet.row_dimensions[row].height = 15 * math.ceil(len(definition(key)) / DEFINITION_CHARS)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100


DEFINITION_CHARS = 105
"""About how many characters of a definition fit on one line of its 100-wide column."""


def _units(document: ReportDocument) -> str:
    """The units of the times the sheets hold: minutes, and hours where a report has them."""
    named: list[str] = []  # what each table's hours are, in the tables' order, once each
    for table in document.tables:
        kinds = {column.kind for column in table.columns} | set(table.row_kinds)
        name = table.hours[:1].lower() + table.hours[1:]
        if Kind.HOURS in kinds and name not in named:
            named.append(name)
    hours = ""
    if named:
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} dan {named[-1]}"
        hours = f"; {listed} dalam jam (angka desimal)"
    return f"Waktu dalam menit (angka desimal){hours}; bagian dan perubahan dalam persen."


PORTRAIT_WIDTH = 95
"""About how many characters of columns an A4 portrait page prints at full size."""


def _printable(sheet: Any) -> None:
    """Printed one page wide (as many pages long as it takes), landscape when wider than a
    portrait page."""
    from openpyxl.utils import get_column_letter

    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    widths = [sheet.column_dimensions[get_column_letter(n)].width or 8
              for n in range(1, sheet.max_column + 1)]  # fmt: skip
    if sum(widths) > PORTRAIT_WIDTH:
        sheet.page_setup.orientation = "landscape"


def render_report_xlsx(document: ReportDocument) -> bytes:
    """The report as XLSX bytes (see the module docstring)."""
    if not isinstance(document, ReportDocument):
        raise ValidationError("Data laporan tidak valid", field="report")
    # Deferred: openpyxl is only needed when a spreadsheet is written.
    from openpyxl import Workbook

    book = Workbook()
    _about_sheet(book, document)
    taken = {"keterangan"}
    for table in document.tables:
        _table_sheet(book, table, taken)
    for sheet in book.worksheets:
        _printable(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
