"""The documents on a receipt: the checklist table (sheet), its blocks (roll), what is missing."""

from __future__ import annotations

from typing import Any

from lpse_desk.domain.receipt import ReceiptData, ReceiptDocument
from lpse_desk.domain.receipt.printed import (
    LEFT_HOME,
    METERAI_INVALID,
    METERAI_INVALID_WHY,
    listed,
    remark_parts,
)
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.receipts import cells
from lpse_desk.receipts.cells import CHECK, DASH, NOT_ASKED
from lpse_desk.receipts.layout import Paper, Styles

ORIGINAL_CHECK_MARKS = {"video_call": "lewat video call", "belum_diperiksa": "belum diperiksa"}


def _original_mark(item: ReceiptDocument) -> str:
    if item.original_check is not None:
        return ORIGINAL_CHECK_MARKS[item.original_check]
    if item.original_shown:
        return CHECK
    return DASH if item.original_required else NOT_ASKED


def _copy_mark(item: ReceiptDocument) -> str:
    if item.copy_received:
        return CHECK
    return DASH if item.copy_required else NOT_ASKED


def _mark_markup(mark: str) -> str:
    # "tidak diminta" is set smaller so it fits the narrow column on one line.
    small = mark == NOT_ASKED or mark in ORIGINAL_CHECK_MARKS.values()
    return f"<font size='6'>{mark}</font>" if small else mark


LEGEND = (
    f"Asli: diperlihatkan kepada petugas · Salinan: diterima LPSE · {CHECK} ada · {DASH} belum ada"
)
LEGEND_DARING = (
    "Asli: diperiksa bersama direktur/pemilik lewat video call · Salinan: diterima melalui "
    f"helpdesk · {CHECK} ada · {DASH} belum ada"
)


def legend(data: ReceiptData) -> str:
    return LEGEND_DARING if data.procedure == "daring" and data.layout > 1 else LEGEND


def _remark(item: ReceiptDocument) -> str:
    """The Catatan cell (``remark_parts``), the invalid meterai in bold, one part a line."""
    parts = [cells.text(part) for part in remark_parts(item)]
    if item.meterai_invalid:
        parts[0] = f"<b>{METERAI_INVALID}</b>{METERAI_INVALID_WHY}"
    return "<br/>".join(parts)


def _name_cell(item: ReceiptDocument) -> str:
    name = cells.text(item.name)
    return name if item.mandatory else f"{name} <font size='-1.5'>(tidak wajib)</font>"


def documents_table(data: ReceiptData, page: Paper, st: Styles) -> Any:
    from reportlab.platypus import Paragraph

    header = ["No", "Dokumen", "Asli", "Salinan", "Berlaku" if data.layout >= 4 else "Masa berlaku",
              "Catatan"]  # fmt: skip
    rows = [[Paragraph(text, st.cell_head) for text in header]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, "black"),
        ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1 if data.layout >= 4 else 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 if data.layout >= 4 else 2.5),
        ("LEFTPADDING", (2, 1), (3, -1), 1),
        ("RIGHTPADDING", (2, 1), (3, -1), 1),
        ("LEFTPADDING", (0, 0), (0, -1), 1),
        ("RIGHTPADDING", (0, 0), (0, -1), 1),
    ]
    for number, item in enumerate(listed(data)[0], start=1):
        expiry = format_date_id(item.expiry_date) if item.expiry_date else ""
        rows.append(
            [
                Paragraph(str(number), st.cell_center),
                Paragraph(_name_cell(item), st.cell),
                Paragraph(_mark_markup(_original_mark(item)), st.mark),
                Paragraph(_mark_markup(_copy_mark(item)), st.mark),
                Paragraph(expiry, st.cell),
                Paragraph(_remark(item), st.cell),
            ]
        )
        if item.mandatory and not item.received:
            style.append(("BACKGROUND", (0, number), (-1, number), "#f0f0f0"))
    widths = page.column_widths
    if data.layout >= 4:  # names widen where no row has a remark to print
        quiet = not any(remark_parts(item) for item in listed(data)[0])
        widths = page.column_widths_4_quiet if quiet else page.column_widths_4
    return cells.table(rows, list(widths), style, repeatRows=1)


def document_blocks(data: ReceiptData, st: Styles) -> Any:
    """The roll's checklist: one block per document, since six columns do not fit 72 mm."""
    from reportlab.platypus import Paragraph

    rows = []
    for number, item in enumerate(listed(data)[0], start=1):
        marks = f"Asli: {_original_mark(item)} · Salinan: {_copy_mark(item)}"
        if item.expiry_date:
            marks += f" · Berlaku s.d. {format_date_id(item.expiry_date)}"
        cell = [
            Paragraph(f"<b>{number}. {_name_cell(item)}</b>", st.cell),
            Paragraph(marks, st.cell),
        ]
        if remark := _remark(item):
            cell.append(Paragraph(remark, st.cell))
        rows.append([cell])
    return cells.table(
        rows,
        ["100%"],
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, "black"),
            ("LINEABOVE", (0, 0), (-1, 0), 0.4, "black"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ],
    )


def left_home_line(data: ReceiptData, st: Styles) -> list:
    """From layout 4, the optional documents not brought, in one line under the checklist."""
    from reportlab.platypus import Paragraph

    names = listed(data)[1]
    if not names:
        return []
    return [Paragraph(f"{LEFT_HOME}: {cells.text('; '.join(names))}.", st.small)]


def missing(data: ReceiptData, st: Styles) -> list:
    from reportlab.platypus import Paragraph

    parts = [
        cells.section("Yang masih kurang", st),
        Paragraph(
            "Dokumen wajib berikut belum lengkap, sehingga berkas belum dapat diteruskan "
            "ke verifikator:",
            st.body,
        ),
    ]
    for item in data.missing:
        line = f"<b>{cells.text(item.name)}</b>: {cells.text(item.status_text.removeprefix('Kurang: '))}"
        if item.note:
            line += f" ({cells.text(item.note)})"
        parts.append(Paragraph(line, st.bullet, bulletText="•"))
    return parts
