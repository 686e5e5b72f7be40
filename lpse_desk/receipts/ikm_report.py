"""The published IKM report as an A4 PDF: figures per unsur, a bar chart, profile, suggestions.

Same report, same bytes (ReportLab's invariant mode, no print date). Numbers are written
the Indonesian way (83,61). Nothing in it names a respondent.
"""

from __future__ import annotations

from typing import Any

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.ikm.index import GRADES
from lpse_desk.domain.ikm.report import IkmReport
from lpse_desk.domain.ikm.text import ikm_text, respondents_text, sample_text
from lpse_desk.domain.textfmt import format_decimal_id
from lpse_desk.receipts.a4 import MM, head_styles, paragraph_text, render_a4, style
from lpse_desk.receipts.typeface import BOLD, REGULAR, printable

SUGGESTIONS_SHOWN = 60
"""Suggestions printed in full; the rest are counted (the CSV/screen hold the figures)."""


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER

    return {
        **head_styles(),
        "cell": style("cell", 8.5),
        "cell_head": style("cell_head", 8.5, BOLD),
        "big": style("big", 16, BOLD, alignment=TA_CENTER, leading=22),
        "note": style("note", 7.5),
        "bullet": style("bullet", 9, leftIndent=10, bulletIndent=0, spaceAfter=2),
    }


def _table(rows: list[list[Any]], widths: list[float], *, head: bool = True, align_from: int = 2):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8a8a8a")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (align_from, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if head:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf3")),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _chart(report: IkmReport, width: float) -> Any:
    """Vertical bars of NRR per unsur on the 1–4 scale, the value over each bar."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.lib import colors

    height = 62 * MM
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * MM, 12 * MM
    chart.width, chart.height = width - 16 * MM, height - 20 * MM
    values = [float(item.nrr_rounded) for item in report.result.unsur]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [f"U{item.unsur.number}" for item in report.result.unsur]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4, 0.5
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda value: format_decimal_id(value, 1)
    chart.bars[0].fillColor = colors.HexColor("#2f6690")
    chart.bars[0].strokeColor = None
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    chart.barLabelFormat = lambda value: format_decimal_id(value, 2)
    drawing.add(chart)
    # The lowest NRR of grade B (3,0644 on the 1–4 scale): where "Baik" starts.
    good = chart.y + chart.height * 3.0644 / 4
    drawing.add(
        Line(
            chart.x,
            good,
            chart.x + chart.width,
            good,
            strokeColor=colors.HexColor("#c0392b"),
            strokeDashArray=[3, 2],
            strokeWidth=0.6,
        )
    )
    drawing.add(
        String(
            chart.x,
            1,
            "- - -  batas mutu B (NRR 3,0644)",
            fontName=REGULAR,
            fontSize=6.5,
            fillColor=colors.HexColor("#c0392b"),
        )
    )
    return drawing


def _unsur_table(report: IkmReport, styles: dict[str, Any], width: float) -> Any:
    from reportlab.platypus import Paragraph

    rows: list[list[Any]] = [["No", "Unsur pelayanan", "Jumlah nilai", "NRR", "Nilai ×25", "Mutu"]]
    for item in report.result.unsur:
        rows.append(
            [
                f"U{item.unsur.number}",
                Paragraph(paragraph_text(item.unsur.label), styles["cell"]),
                str(item.total),
                format_decimal_id(item.nrr_rounded),
                format_decimal_id(item.value),
                f"{item.grade.letter} ({item.grade.label})",
            ]
        )
    widths = [10 * MM, 0, 24 * MM, 16 * MM, 20 * MM, 28 * MM]
    widths[1] = width - sum(widths)
    return _table(rows, widths)


def _profile_tables(report: IkmReport, styles: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Table

    total = report.result.respondents or 1
    blocks = []
    for title, counts in report.profile.sections():
        rows = [[title, "Jumlah", "%"]]
        rows += [
            [label, str(count), format_decimal_id(count * 100 / total, 1)]
            for label, count in counts
        ]
        block = _table(rows, [32 * MM, 15 * MM, 13 * MM], align_from=1)
        block.hAlign = "LEFT"
        blocks.append(block)
    grid = Table([blocks[:2], blocks[2:]], colWidths=[width / 2, width / 2])
    grid.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return [grid]


def _story(report: IkmReport, width: float) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    styles = _styles()
    result = report.result
    story: list[Any] = [
        Paragraph("PEMERINTAH KOTA BOGOR — SEKRETARIAT DAERAH", styles["small_center"]),
        Paragraph("Bagian Pengadaan Barang/Jasa · LPSE Kota Bogor", styles["org"]),
        Paragraph("Laporan Indeks Kepuasan Masyarakat (IKM)", styles["title"]),
        Paragraph(
            "Survei Kepuasan Masyarakat menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017",
            styles["small_center"],
        ),
        Spacer(1, 4 * MM),
    ]
    facts = [
        ["Periode", report.period_text],
        ["Layanan", report.scope_text],
        ["Responden", respondents_text(report)],
        ["Sampel", Paragraph(paragraph_text(sample_text(report.sample)), styles["cell"])],
        ["Pembobotan", Paragraph(paragraph_text(result.weighting.label), styles["cell"])],
    ]
    facts_table = _table(
        [[label, printable(value) if isinstance(value, str) else value] for label, value in facts],
        [30 * MM, width - 30 * MM],
        head=False,
        align_from=9,
    )
    story += [facts_table, Spacer(1, 4 * MM)]
    story.append(Paragraph(f"IKM {paragraph_text(ikm_text(report))}", styles["big"]))
    if result.unsur:
        story += [
            Paragraph("Nilai per unsur", styles["section"]),
            _unsur_table(report, styles, width),
            Spacer(1, 2 * MM),
            Paragraph(
                paragraph_text(
                    "NRR = jumlah nilai ÷ jumlah responden; IKM = Σ(NRR × bobot) × 25, "
                    "dibulatkan setengah ke atas pada akhir perhitungan. Mutu: "
                    + "; ".join(
                        f"{g.letter} {g.label} ≥ {format_decimal_id(g.lowest)}" for g in GRADES
                    )
                    + "."
                ),
                styles["note"],
            ),
            KeepTogether(
                [Paragraph("Grafik NRR per unsur", styles["section"]), _chart(report, width)]
            ),
            KeepTogether(
                [
                    Paragraph("Profil responden", styles["section"]),
                    *_profile_tables(report, styles, width),
                ]
            ),
        ]
    story.append(Paragraph("Saran dan masukan yang diterima", styles["section"]))
    if not report.suggestions:
        story.append(Paragraph("Tidak ada saran pada periode ini.", styles["body"]))
    shown = report.suggestions[:SUGGESTIONS_SHOWN]
    for suggestion in shown:
        times = f" ({suggestion.count}×)" if suggestion.count > 1 else ""
        text = paragraph_text(suggestion.text + times)
        story.append(Paragraph(text, styles["bullet"], bulletText="•"))
    rest = report.suggestion_total - sum(s.count for s in shown)
    if rest > 0:
        story.append(Paragraph(f"… dan {rest} saran lainnya.", styles["body"]))
    story.append(Paragraph("Rencana tindak lanjut", styles["section"]))
    for line in report.plan_lines():
        story.append(Paragraph(paragraph_text(line), styles["bullet"], bulletText="•"))
    return story


def render_ikm_report(report: IkmReport) -> bytes:
    """The report as A4 PDF bytes."""
    if not isinstance(report, IkmReport):
        raise ValidationError("Data laporan IKM tidak valid", field="report")
    return render_a4(lambda width: _story(report, width),
                     title=f"Laporan IKM LPSE Kota Bogor {report.period_text}",
                     subject="Indeks Kepuasan Masyarakat")  # fmt: skip
