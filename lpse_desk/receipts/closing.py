"""The end of a receipt: the next step and its deadline, the signature boxes, the QR code
and the line that explains it. Up to layout 3 the QR sits beside the signatures; from layout
4 (on a sheet) beside the next step, so the usual file fits one A5 sheet."""

from __future__ import annotations

from lpse_desk.domain.receipt import ReceiptData
from lpse_desk.domain.receipt.printed import deadline_text, qr_text
from lpse_desk.receipts import cells
from lpse_desk.receipts.layout import Paper, Styles
from lpse_desk.receipts.qr import qr_code

HELPDESK_URL = "http://helpdesklpse.kotabogor.go.id/"


def next_step(data: ReceiptData, st: Styles) -> list:
    from reportlab.platypus import Paragraph

    return [
        cells.section("Langkah berikutnya", st),
        Paragraph(cells.text(data.next_step), st.body),
        *_deadline(data, st),
        *notes_v4(data, st),
    ]


def _deadline(data: ReceiptData, st: Styles) -> list:
    """"Paling lambat …" in bold, when the case has a deadline."""
    from reportlab.platypus import Paragraph

    if data.due_at is None:
        return []
    text = f"<b>Paling lambat {cells.text(deadline_text(data))}</b> (1x24 jam kerja)."
    return [Paragraph(text, st.body)]


def hint(data: ReceiptData, st: Styles) -> list:
    from reportlab.platypus import Paragraph

    if data.layout >= 4:  # beside the code itself, and shorter
        text = (
            "Kode QR ini bertanda tangan digital LPSE Desk atas seluruh isi tanda terima; "
            "keasliannya dapat diperiksa di loket. Hasil layanan lewat helpdesk "
            f"{HELPDESK_URL.removeprefix('http://').rstrip('/')}; sebutkan nomor "
            f"<b>{cells.text(data.number)}</b>."
        )
        if data.kind == "tanda_terima":
            text += " Bukan bukti permohonan telah disetujui."
        return [Paragraph(text, st.small)]
    what = (
        "nomor dan waktu dokumen ini dengan tanda tangan digital LPSE Desk atas seluruh isinya"
        if data.layout >= 3
        else "ringkasan dokumen ini (nomor, waktu, layanan, dokumen yang diterima) dengan "
        "tanda tangan digital LPSE Desk"
    )
    text = (
        f"Kode QR memuat {what}; keasliannya dapat diperiksa di loket. "
        f"Hasil layanan diinformasikan melalui helpdesk {HELPDESK_URL}; sebutkan nomor "
        f"<b>{cells.text(data.number)}</b>."
    )
    if data.kind == "tanda_terima":
        text += " Tanda terima ini bukan bukti permohonan telah disetujui."
    return [Paragraph(text, st.small)]


def _signature_boxes(
    data: ReceiptData, st: Styles, *, bearer_head: str | None, space: float
) -> tuple[list, list]:
    """The officer's box and (with ``bearer_head``) the bearer's, sharing rows so they are
    equally tall: the rows and the table commands, for a table of three columns or more."""
    from reportlab.platypus import Paragraph, Spacer

    bearer = bearer_head is not None
    rows = [
        [
            Paragraph("Petugas loket", st.sign_head),
            "",
            Paragraph(bearer_head, st.sign_head) if bearer else "",
        ],
        [Spacer(1, space), "", ""],
        [
            Paragraph(f"( {cells.text(data.officer_name)} )", st.sign_name),
            "",
            Paragraph(f"( {cells.text(data.bearer_name)} )", st.sign_name) if bearer else "",
        ],
    ]
    commands = [
        ("BOX", (0, 0), (0, -1), 0.6, "black"),
        *([("BOX", (2, 0), (2, -1), 0.6, "black")] if bearer else []),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, -1), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    return rows, commands


def closing(data: ReceiptData, signed: str, page: Paper, st: Styles) -> list:
    """Two signature boxes (rows shared, so they are equally tall), the QR code, the hint."""
    from reportlab.lib.units import mm

    width = page.width - 2 * page.margin_x
    gap = 3 * mm
    qr = qr_code(qr_text(data, signed), page.qr_size)
    beside = page.table  # the QR sits beside the boxes on a sheet, below them on a roll
    box = (width - (page.qr_size + gap if beside else 0) - gap) / 2
    # The second box is the bearer's, who signs at the counter; a daring request has none.
    bearer = data.layout == 1 or data.procedure != "daring"
    if data.layout == 1:
        bearer_head = "Penyedia/kuasa"
    else:
        bearer_head = "Direktur/pemilik" if data.bearer_is_director else "Penerima kuasa"
    rows, commands = _signature_boxes(
        data, st, bearer_head=bearer_head if bearer else None, space=page.signature_space
    )
    widths = [box, gap, box]
    if beside:
        for row, cell in zip(rows, (qr, "", ""), strict=True):
            row += ["", cell]
        widths += [gap, page.qr_size]
        commands += [
            ("SPAN", (4, 0), (4, -1)),
            ("VALIGN", (4, 0), (4, -1), "MIDDLE"),
            ("LEFTPADDING", (4, 0), (4, -1), 0),
            ("RIGHTPADDING", (4, 0), (4, -1), 0),
            ("TOPPADDING", (4, 0), (4, -1), 0),
            ("BOTTOMPADDING", (4, 0), (4, -1), 0),
        ]
    table = cells.table(rows, widths, commands)
    table.spaceBefore = 8
    table.spaceAfter = 4
    parts: list = [table]
    if not beside:
        qr.hAlign = "CENTER"
        parts.append(qr)
    return parts + hint(data, st)


def notes_v4(data: ReceiptData, st: Styles) -> list:
    """The notes: layout 4 prints them before the closing block (they may run long and split
    pages), older layouts after the next step."""
    from reportlab.platypus import Paragraph

    if not data.notes:
        return []
    return [cells.section("Catatan", st), Paragraph(cells.text(data.notes), st.body)]


def closing_v4(data: ReceiptData, signed: str, page: Paper, st: Styles) -> list:
    """Layout 4 on a sheet: "Langkah berikutnya", then the next step, its deadline and the
    line about the QR code beside the code itself, then both signature boxes."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    width = page.width - 2 * page.margin_x
    gap = 3 * mm
    qr_size = page.qr_size - 4 * mm  # 24 mm: 0.33 mm a module (version 14), read by a phone
    words = [Paragraph(cells.text(data.next_step), st.body), *_deadline(data, st),
             *hint(data, st)]  # fmt: skip
    beside = cells.table(
        [[words, "", qr_code(qr_text(data, signed), qr_size)]],
        [width - qr_size - gap, gap, qr_size],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    head = "Direktur/pemilik" if data.bearer_is_director else "Penerima kuasa"
    rows, commands = _signature_boxes(
        data, st, bearer_head=head if data.procedure != "daring" else None,  # nobody came
        space=page.signature_space - 1 * mm,
    )
    box = (width - gap) / 2
    signatures = cells.table(rows, [box, gap, box], commands)
    signatures.spaceBefore = 3
    return [cells.section("Langkah berikutnya", st), beside, signatures]
