"""A report as one CSV file in long ("tidy") form: one line per figure.

Columns ``tabel,baris,kunci,kolom,nilai,satuan``: the table's key, the row's number (from 1)
and its first cell (the row's name: a figure, a date, a ticket), the column's title, the
value and its unit. Every figure appears once, so a script filters by ``tabel`` and
``kolom`` and a spreadsheet pivots it back into the tables. The first lines (``tabel``
``laporan``) say the title, the period and the filters.

Written with a comma between fields and a decimal point (UTF-8, no BOM, ``\\n`` line
ends), like the IKM CSV. Units (``satuan``): ``jumlah`` (whole numbers), ``persen``
(shares and changes ×100, up to two decimals, signed for a change), ``detik`` (durations
in seconds, up to one decimal: medians and means may fall between whole seconds),
``tanggal`` (YYYY-MM-DD) and ``teks``. A missing figure is an empty ``nilai``.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from lpse_desk.domain.reports.tables import Kind, ReportDocument, Value

CSV_COLUMNS = ("tabel", "baris", "kunci", "kolom", "nilai", "satuan")
UNITS = {
    Kind.COUNT: "jumlah",
    Kind.SHARE: "persen",
    Kind.CHANGE: "persen",
    Kind.DURATION: "detik",
    Kind.HOURS: "detik",
    Kind.DATE: "tanggal",
    Kind.TEXT: "teks",
}


def _decimal(number: float, places: int, *, signed: bool = False) -> str:
    text = f"{number:+.{places}f}" if signed else f"{number:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "+0") else text


def csv_value(value: Value, kind: Kind) -> str:
    """``value`` as the CSV writes it in ``kind``'s unit (empty for None)."""
    if value is None:
        return ""
    if kind in (Kind.DURATION, Kind.HOURS) and isinstance(value, timedelta):
        return _decimal(value.total_seconds(), 1)
    if kind in (Kind.SHARE, Kind.CHANGE) and isinstance(value, int | float):
        return _decimal(value * 100, 2, signed=kind is Kind.CHANGE)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def report_csv(document: ReportDocument) -> str:
    """The document's tables as one long CSV (see the module docstring)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    about = [
        ("Judul", document.title, Kind.TEXT),
        ("Dari", document.start, Kind.DATE),
        ("Sampai", document.end, Kind.DATE),
        ("Filter", document.filters, Kind.TEXT),
        *((f"Catatan {n}", note, Kind.TEXT) for n, note in enumerate(document.notes, 1)),
    ]
    for number, (name, value, kind) in enumerate(about, 1):
        writer.writerow(("laporan", number, name, "Nilai", csv_value(value, kind), UNITS[kind]))
    for table in document.tables:
        for number, row in enumerate(table.rows, 1):
            key = csv_value(row[0], table.kind_at(number - 1, 0))
            for index in range(1, len(table.columns)):
                kind = table.kind_at(number - 1, index)
                writer.writerow(
                    (table.key, number, key, table.columns[index].title,
                     csv_value(row[index], kind), UNITS[kind])
                )  # fmt: skip
    return buffer.getvalue()
