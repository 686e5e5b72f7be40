"""A head of unit's report (``domain.reports.tables.ReportDocument``) as an A4 portrait PDF.

Generic over the model: a title block (period, filters, notes), then each table with its
definitions in small print under it, each bar chart after the table it belongs to (two
charts for the same table side by side), and the head of unit's signature block at the
end. Every page says "Halaman X dari Y". Numbers are written the Indonesian way (1.234;
12,5%), durations as minutes:seconds, dates as DD/MM/YYYY. Names and other text from the
data are escaped: a name with ``<b>`` prints those characters.

Long periods stay readable because the model buckets the visits chart (a bar per day up to
62 days, per week up to 186, else per month: ``counter_tables.visit_buckets``) and marks the
per-day table of a longer period as for the files only; the PDF says where the days are.
Same document, same bytes (ReportLab's invariant mode; the signing date is given).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.reports.definitions import definition
from lpse_desk.domain.reports.tables import Chart, Kind, ReportDocument, Table, Value
from lpse_desk.domain.reports.text import hours_minutes, minutes_seconds
from lpse_desk.domain.textfmt import count_id, format_date_id, format_decimal_id
from lpse_desk.receipts.a4 import MM, head_styles, paragraph_text, render_a4, style
from lpse_desk.receipts.typeface import BOLD, REGULAR, printable

BAR_LABELS_SHOWN = 32
"""At most this many category labels under a chart (every k-th bar is named past it)."""
VALUES_OVER_BARS = 16
"""Bars up to this many carry their value above them."""
HEAD_OF_UNIT = "Kepala UKPBJ/LPSE"
PLACE = "Bogor"


def cell_text(value: Value, kind: Kind) -> str:
    """A value as the PDF prints it (``–`` for no figure)."""
    if value is None:
        return "–"
    if kind is Kind.COUNT and isinstance(value, int):
        return count_id(value)
    if kind is Kind.SHARE and isinstance(value, int | float):
        return f"{format_decimal_id(value * 100, 1)}%"
    if kind is Kind.CHANGE and isinstance(value, int | float):
        sign = "+" if value > 0 else "−" if value < 0 else ""
        return f"{sign}{format_decimal_id(abs(value) * 100, 1)}%"
    if kind is Kind.DURATION and not isinstance(value, str | int | float | date):
        return minutes_seconds(value)
    if kind is Kind.HOURS and not isinstance(value, str | int | float | date):
        return hours_minutes(value)
    if kind is Kind.DATE and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER

    return {
        **head_styles(),
        "period": style("period", 10, alignment=TA_CENTER),
        "cell": style("cell", 8),
        "head": style("head", 8, BOLD),
        "definition": style("definition", 6.8, textColor="#444444", spaceBefore=1),
        "sign": style("sign", 9.5, alignment=TA_CENTER),
    }


_CHAR = 1.65 * MM
"""About the width of one character of the 8 pt table text."""
SMALL_TABLE_ROWS = 12
"""A table up to this many rows is kept on one page with its heading and definitions."""


def _widths(table: Table, shown: list[list[str]], width: float) -> list[float]:
    """Each column as wide as its longest value (a title may wrap at its spaces), then the
    whole stretched to the page's width (three columns or fewer: to 60% of it)."""
    natural = []
    for index, column in enumerate(table.columns):
        longest = max((len(row[index]) for row in shown), default=0)
        words = max(len(word) for word in column.title.split())
        natural.append(max(longest, words, 4) * _CHAR + 4 * MM)
    target = width if len(natural) > 3 else width * 0.6
    if sum(natural) > target:  # text columns give way (their cells wrap)
        fixed = sum(
            w for w, c in zip(natural, table.columns, strict=True) if c.kind is not Kind.TEXT
        )
        loose = sum(natural) - fixed
        scale = max(target - fixed, 0) / loose if loose else 1
        return [w * scale if c.kind is Kind.TEXT else w
                for w, c in zip(natural, table.columns, strict=True)]  # fmt: skip
    return [w * target / sum(natural) for w in natural]


def _table(table: Table, styles: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as Grid

    shown = [
        [cell_text(value, table.kind_at(number, index)) for index, value in enumerate(row)]
        for number, row in enumerate(table.rows)
    ]
    widths = _widths(table, shown, width)
    rows: list[list[Any]] = [[Paragraph(paragraph_text(c.title), styles["head"]) for c in table.columns]]
    for number, texts in enumerate(shown):
        rows.append(
            [Paragraph(paragraph_text(text), styles["cell"]) if table.kind_at(number, index) is Kind.TEXT
             else text for index, text in enumerate(texts)]
        )  # fmt: skip
    grid = Grid(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf3")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for index, column in enumerate(table.columns):
        if column.kind is not Kind.TEXT:
            commands.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    grid.setStyle(commands)
    return grid


def _nice_top(highest: float) -> tuple[float, float]:
    """A value axis top and step: about five steps of 1, 2 or 5 × a power of ten."""
    if highest <= 0:
        return 1, 1
    rough = highest / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1, 2, 5, 10) if f * power >= rough)
    step = max(step, 1)
    return step * math.ceil(highest / step), step


def _chart(chart: Chart, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    height = 55 * MM
    width = min(width, 13 * MM + 20 * MM * len(chart.bars))  # a few bars stay bars, not slabs
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 9, printable(chart.title), fontName=BOLD, fontSize=8.5))
    bars = VerticalBarChart()
    bars.x, bars.y = 11 * MM, 10 * MM
    bars.width, bars.height = width - 13 * MM, height - 22 * MM
    values = [float(value) for _label, value in chart.bars]
    bars.data = [values]
    every = math.ceil(len(values) / BAR_LABELS_SHOWN)
    bars.categoryAxis.categoryNames = [
        printable(label) if n % every == 0 else "" for n, (label, _v) in enumerate(chart.bars)
    ]
    bars.categoryAxis.labels.fontName = REGULAR
    bars.categoryAxis.labels.fontSize = 6.5 if len(values) > 16 else 7
    if len(values) > 16:
        bars.categoryAxis.labels.angle = 90
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dy = -2
    bars.categoryAxis.tickShift = 0
    top, step = _nice_top(max(values, default=0))
    bars.valueAxis.valueMin, bars.valueAxis.valueMax, bars.valueAxis.valueStep = 0, top, step
    bars.valueAxis.labels.fontName = REGULAR
    bars.valueAxis.labels.fontSize = 6.5
    bars.valueAxis.labelTextFormat = lambda value: f"{value:,.0f}".replace(",", ".")
    bars.bars[0].fillColor = colors.HexColor("#2f6690")
    bars.bars[0].strokeColor = None
    bars.groupSpacing = 1 if len(values) > 60 else 3
    if len(values) <= VALUES_OVER_BARS:
        bars.barLabels.fontName = REGULAR
        bars.barLabels.fontSize = 6.5
        bars.barLabels.nudge = 5
        bars.barLabelFormat = lambda value: f"{value:,.0f}".replace(",", ".")
    drawing.add(bars)
    drawing.add(String(0, height - 19, printable(chart.axis), fontName=REGULAR, fontSize=6.5))
    return drawing


def _charts(charts: list[Chart], styles: dict[str, Any], width: float) -> list[Any]:
    """The charts of one table: one at full width, or two side by side."""
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.platypus import Table as Grid

    drawn = [chart for chart in charts if any(value for _label, value in chart.bars)]
    story: list[Any] = [Spacer(1, 3 * MM)]
    for chart in charts:
        if chart not in drawn:
            story.append(Paragraph(paragraph_text(f"{chart.title}: tidak ada data."), styles["body"]))
    for first in range(0, len(drawn), 2):
        pair = drawn[first : first + 2]
        if len(pair) == 1:
            story.append(_chart(pair[0], width))
            continue
        half = width / 2 - 3 * MM
        grid = Grid([[_chart(pair[0], half), _chart(pair[1], half)]], colWidths=[width / 2] * 2)
        grid.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
        story.append(grid)
    return story


def _signature(signed_on: date | None, styles: dict[str, Any], width: float) -> Any:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer
    from reportlab.platypus import Table as Grid

    when = format_date_id(signed_on) if signed_on else "...................."
    block = [
        Paragraph(paragraph_text(f"{PLACE}, {when}"), styles["sign"]),
        Paragraph(paragraph_text(HEAD_OF_UNIT), styles["sign"]),
        Spacer(1, 20 * MM),
        Paragraph("(........................................)", styles["sign"]),
        Paragraph("NIP. ..............................", styles["sign"]),
    ]
    grid = Grid([["", block]], colWidths=[width - 70 * MM, 70 * MM])
    return KeepTogether([Spacer(1, 10 * MM), grid])


def _story(document: ReportDocument, signed_on: date | None, width: float) -> list[Any]:
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

    styles = _styles()
    story: list[Any] = [
        Paragraph("PEMERINTAH KOTA BOGOR — SEKRETARIAT DAERAH", styles["small_center"]),
        Paragraph("Bagian Pengadaan Barang/Jasa · LPSE Kota Bogor", styles["org"]),
        Paragraph(paragraph_text(document.title), styles["title"]),
        Paragraph(paragraph_text(f"Periode {document.period}"), styles["period"]),
        Paragraph(paragraph_text(document.filters), styles["small_center"]),
        *(Paragraph(paragraph_text(note), styles["small_center"]) for note in document.notes),
        Spacer(1, 3 * MM),
    ]
    for table in document.tables:
        charts = [chart for chart in document.charts if chart.after == table.key]
        heading = Paragraph(paragraph_text(table.title), styles["section"])
        if not table.printed:
            note = f"{len(table.rows)} baris; rinciannya ada di berkas CSV/XLSX."
            body = [Paragraph(paragraph_text(note), styles["body"])]
        elif table.rows:
            body = [_table(table, styles, width)]
        else:
            body = [Paragraph("Tidak ada data pada periode ini.", styles["body"])]
        words = [
            Paragraph(paragraph_text(definition(key)), styles["definition"]) for key in table.definitions
        ]
        if table.printed and any(
            table.kind_at(n, i) is Kind.DURATION
            for n in range(len(table.rows)) for i in range(len(table.columns))
        ):  # fmt: skip
            words.append(Paragraph("Waktu ditulis menit:detik.", styles["definition"]))
        if table.printed and any(
            table.kind_at(n, i) is Kind.HOURS
            for n in range(len(table.rows)) for i in range(len(table.columns))
        ):  # fmt: skip
            words.append(Paragraph(f"{table.hours} ditulis jam:menit.", styles["definition"]))
        words = [Spacer(1, 1.5 * MM), *words]
        if len(table.rows) <= SMALL_TABLE_ROWS or not table.printed:
            story.append(KeepTogether([heading, *body, *words]))
        else:  # a long table starts where a few of its rows still fit, and runs on
            story += [CondPageBreak(45 * MM), heading, *body, KeepTogether(words)]
        if charts:
            story.append(KeepTogether(_charts(charts, styles, width)))
    # The signature never stands alone on a last page: it keeps the last block with it.
    story.append(KeepTogether([story.pop(), _signature(signed_on, styles, width)]))
    return story


def render_report_pdf(document: ReportDocument, *, signed_on: date | None = None) -> bytes:
    """The report as A4 portrait PDF bytes (``signed_on``: the date over the signature;
    None leaves a line to write it by hand)."""
    if not isinstance(document, ReportDocument):
        raise ValidationError("Data laporan tidak valid", field="report")
    title = printable(f"{document.title} {document.period}")
    return render_a4(lambda width: _story(document, signed_on, width), title=title,
                     subject=printable(document.filters))  # fmt: skip
