"""The report's PDF and spreadsheet read back: what they say, their numbers and dates as real
values, names printed as text, a page drawn with ink on it, and the periods that strain a
layout (a day, a year, nothing at all)."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lpse_desk.domain.reports.counter_tables import counter_document
from lpse_desk.domain.reports.tables import filters_text
from lpse_desk.receipts import render_report_pdf, render_report_xlsx
from tests.receipts.report_samples import OFFICERS, comparison

MONTH = (date(2026, 1, 1), date(2026, 1, 31))
YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def document(start: date, end: date, *, per_day: int = 12):
    return counter_document(
        comparison(start, end, per_day=per_day), OFFICERS, filters=filters_text("REG", 2, None)
    )


def pages_of(pdf: bytes) -> list[str]:
    """Each page's text, runs of white space (the table cells' line ends) as one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_month_pdf_says_title_figures_definitions_and_page_numbers():
    month = document(*MONTH)
    pdf = render_report_pdf(month, signed_on=date(2026, 2, 2))
    pages = pages_of(pdf)
    text = "\n".join(pages)
    assert "Laporan Layanan Loket" in pages[0]
    assert "Periode 1 Januari 2026 – 31 Januari 2026" in pages[0]
    assert "Layanan REG · loket 2" in pages[0]
    now, before = month.tables[0].rows[0][1:3]
    assert f"Kunjungan {now} {before}" in text  # the summary's first figures
    assert "Median: nilai tengah." in text  # a definition printed under its table
    assert f"Halaman 1 dari {len(pages)}" in pages[0]
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]
    assert "Ratna <b>Sari</b> & Co" in text  # a name is text, not markup
    assert "Kepala UKPBJ/LPSE" in pages[-1] and "Bogor, 2 Februari 2026" in pages[-1]
    assert "31/01/2026" in text  # every day of a month is listed
    assert render_report_pdf(month, signed_on=date(2026, 2, 2)) == pdf  # same bytes


def test_a_year_lists_no_days_but_charts_the_months_and_a_day_or_nothing_still_prints():
    text = "\n".join(pages_of(render_report_pdf(document(*YEAR, per_day=40))))
    assert "366 baris; rinciannya ada di berkas CSV/XLSX." in text
    assert "Kunjungan per bulan" in text and "Des 24" in text
    assert "Bogor, ...." in text  # no date given: a line to write it on
    day = "\n".join(pages_of(render_report_pdf(document(date(2026, 6, 10), date(2026, 6, 10)))))
    assert "Periode 10 Juni 2026" in day and "Kunjungan per hari" in day
    weekend = "\n".join(pages_of(render_report_pdf(document(date(2026, 6, 13), date(2026, 6, 14)))))
    assert "Tidak ada data pada periode ini." in weekend
    assert "Sebaran waktu tunggu (menit): tidak ada data." in weekend


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) tidak terpasang")
def test_the_chart_page_is_drawn(tmp_path):
    from PIL import Image

    pdf = render_report_pdf(document(*YEAR, per_day=40))
    pages = pages_of(pdf)
    chart_page = next(n for n, text in enumerate(pages, 1) if "Des 24" in text)
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(chart_page), "-l", str(chart_page),
                    str(tmp_path / "r.pdf"), str(tmp_path / "p")], check=True, timeout=60)  # fmt: skip
    (png,) = tmp_path.glob("p*.png")
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16) or []
    # The bars' blue (#2f6690) covers a real part of the page, not a few stray pixels.
    blue = sum(count for count, (r, g, b) in colours if b > 120 and r < 90 and g < 130)
    assert blue > image.width * image.height // 100


def test_the_workbook_holds_real_numbers_and_dates():
    month = document(*MONTH)
    book = load_workbook(io.BytesIO(render_report_xlsx(month)))
    assert book.sheetnames[:4] == ["Keterangan", "Ringkasan", "Waktu tunggu & layanan",
                                   "Lewat standar"]  # fmt: skip
    assert "Kedatangan per jam" in book.sheetnames
    about = book["Keterangan"]
    assert about["A1"].value == "Laporan Layanan Loket"
    words = [cell.value for cell in about["B"] if isinstance(cell.value, str)]
    assert any(value.startswith("Waktu tunggu: dari ambil nomor") for value in words)
    summary = book["Ringkasan"]
    assert summary["A1"].value == "Angka" and summary["A1"].font.b
    assert summary.freeze_panes == "A2"
    assert summary["A2"].value == "Kunjungan"
    assert (
        isinstance(summary["B2"].value, int) and summary["B2"].value == month.tables[0].rows[0][1]
    )
    times = book["Waktu tunggu & layanan"]
    median = month.tables[1].rows[0][1]
    assert times["B2"].value == pytest.approx(median.total_seconds() / 60)
    assert times["B2"].number_format == '0.00" menit"'
    days = book["Kunjungan per hari"]
    assert isinstance(days["A2"].value, datetime) and days["A2"].value.date() == MONTH[0]
    assert days["A2"].is_date
    officers = book["Per petugas"]
    assert officers["A2"].value == "Ratna <b>Sari</b> & Co"
    assert book["Kunjungan per hari"].column_dimensions["B"].width >= 8
    idle = officers.cell(row=1, column=officers.max_column)
    assert idle.value == "Waktu menganggur"
    assert officers.cell(row=2, column=idle.column).number_format == '0.00" jam"'
    units = next(row[1].value for row in about.iter_rows() if row[0].value == "Satuan")
    # Each kind of hours the sheets hold is named once; the held time's sum is one of them.
    assert units.count("waktu menganggur") == 1 and "total waktu ditahan" in units
    assert "menganggur dalam jam" in units
    # Printed, each sheet is one page wide and every definition has room for its lines.
    assert all(sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
               for sheet in book.worksheets)  # fmt: skip
    longest = max((row for row in about.iter_rows(min_row=8) if row[1].value),
                  key=lambda row: len(row[1].value))  # fmt: skip
    assert about.row_dimensions[longest[1].row].height >= 15 * (len(longest[1].value) // 105)


def test_a_name_like_a_formula_stays_text():
    pair = comparison(*MONTH)
    doc = counter_document(pair, {1: '=HYPERLINK("x")', 2: "\x07Budi"}, filters="Semua")
    book = load_workbook(io.BytesIO(render_report_xlsx(doc)))
    cell = book["Per petugas"]["A2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"
    assert book["Per petugas"]["A3"].value == "Budi"


def test_the_signature_never_stands_alone_on_the_last_page():
    """Whatever the length, the head of unit signs under the last table, not on a page of
    its own (a month and a year, whose last page break falls differently)."""
    for start, end in ((date(2026, 1, 1), date(2026, 1, 31)), YEAR):
        pages = pages_of(render_report_pdf(document(start, end), signed_on=date(2026, 2, 2)))
        last = pages[-1]
        assert "Kepala UKPBJ/LPSE" in last
        assert "Kedatangan per jam" in last or "Sebaran" in last  # the last table with it
