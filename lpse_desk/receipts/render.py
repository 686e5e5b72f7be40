"""The tanda terima and the incomplete-file slip as a PDF: an A5 sheet or an 80 mm roll.

Same data, same bytes: ReportLab's invariant mode, the PDF dates taken from ``issued_at``
and no random ids, so a reprint of stored data can be compared with the first print. The
signed summary rides twice: in the QR code and in the PDF Info dictionary under
``/LPSEDeskSigned``, where ``pdfread.signed_summary_of_pdf`` finds it again. Personal
identifiers are masked here, at the last moment: ``ReceiptData`` keeps them whole.

This module lays out the content; ``drawing`` holds the canvas-level parts (metadata,
footer, watermark, QR code) and ``layout`` the measurements and styles of each paper.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any

from lpse_desk.domain.catalog import PROCEDURES, VENDOR_TYPE_LABELS
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.privacy import is_personal_npwp, mask_nik, mask_npwp
from lpse_desk.domain.receipt import ReceiptData
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.receipts import cells, closing, documents
from lpse_desk.receipts.cells import DASH
from lpse_desk.receipts.drawing import canvas_class, footer, watermark
from lpse_desk.receipts.layout import PAPERS, Paper, Styles, paper_of, styles_for
from lpse_desk.receipts.typeface import REGULAR, register_fonts

AUTHOR = "LPSE Kota Bogor"


def render_receipt(data: ReceiptData, *, signed: str, paper: str = "A5") -> bytes:
    """The receipt as PDF bytes; ``signed`` is ``sign_receipt(data, secret)``."""
    if paper not in PAPERS:
        raise ValidationError(
            f"Ukuran kertas '{paper}' tidak dikenal; pilih {' atau '.join(PAPERS)}", field="paper"
        )
    if not isinstance(data, ReceiptData):
        raise ValidationError("Data tanda terima tidak valid", field="data")
    if not (isinstance(signed, str) and signed and signed.isascii() and signed.isprintable()):
        raise ValidationError("Ringkasan bertanda tangan digital tidak valid", field="signed")
    register_fonts()
    # Deferred: ReportLab costs about 0.12 s to import and only printing needs it.
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
    from reportlab.platypus.doctemplate import LayoutError

    page = paper_of(paper)
    styles = styles_for(paper, tight=data.layout >= 4)
    story = _story(data, signed, page, styles)
    width = page.width - 2 * page.margin_x
    height = page.height or _roll_height(story, width, page)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, height),
        leftMargin=page.margin_x,
        rightMargin=page.margin_x,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=f"{'Tanda Terima' if data.kind == 'tanda_terima' else 'Berkas Belum Lengkap'} "
        f"{data.number}",
        author=AUTHOR,
        subject=f"{data.title.capitalize()} layanan {data.service_code}"
        + (" (salinan)" if data.copy else ""),
        creator="LPSE Desk",
        invariant=1,
        lang="id",
        initialFontName=REGULAR,  # else every page declares Helvetica, an unembedded font
    )
    frame = Frame(
        page.margin_x,
        page.margin_bottom,
        width,
        height - page.margin_top - page.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="isi",
    )
    template = PageTemplate(
        id="halaman",
        frames=[frame],
        onPage=partial(footer, data=data, page=page),
        onPageEnd=partial(watermark, data=data, page=page),
    )
    doc.addPageTemplates([template])
    try:
        doc.build(story, canvasmaker=partial(canvas_class(), signed=signed, data=data, page=page))
    except LayoutError:
        # ReceiptData's length limits keep every row within a page; this is the safety net.
        raise ValidationError(
            "Isi tanda terima terlalu panjang untuk satu halaman; persingkat catatan dokumen",
            field="data",
        ) from None
    return buffer.getvalue()


def _roll_height(story: list, width: float, page: Paper) -> float:
    """Height of a roll receipt: everything on one page, nothing cut."""
    total = 0.0
    for flowable in story:
        total += flowable.wrap(width, 1e6)[1]
        total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total + page.margin_top + page.margin_bottom + 2


# --- the content --------------------------------------------------------------------------


def _story(data: ReceiptData, signed: str, page: Paper, st: Styles) -> list:
    from reportlab.platypus import KeepTogether, Paragraph

    story: list = [*_header(data, page, st)]
    story += _facts(data, page, st)
    story.append(cells.section("Dokumen yang diperiksa", st))
    if not data.documents:
        story.append(Paragraph("Tidak ada dokumen yang dipersyaratkan.", st.body))
    elif page.table:
        story += [
            Paragraph(documents.legend(data), st.small),
            documents.documents_table(data, page, st),
        ]
    else:
        story += [Paragraph(documents.legend(data), st.small), documents.document_blocks(data, st)]
    if data.documents:
        story += documents.left_home_line(data, st)
    if data.kind == "belum_lengkap":
        story += documents.missing(data, st)
    if data.layout >= 4 and page.table:
        # The next step and its deadline beside the QR code, the signatures under them: the
        # usual file on one A5 sheet. Kept together, so a second page starts with all of it.
        story += closing.notes_v4(data, st)
        story.append(KeepTogether(closing.closing_v4(data, signed, page, st)))
        return story
    story += closing.next_step(data, st)
    ending = closing.closing(data, signed, page, st)
    # A roll is one page by construction; on sheets the closing block must not be split.
    story += [KeepTogether(ending)] if page.height is not None else ending
    return story


def _header(data: ReceiptData, page: Paper, st: Styles) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Paragraph

    parts = [
        Paragraph("LPSE Kota Bogor · Mal Pelayanan Publik", st.org),
        Paragraph(
            "Layanan Pengadaan Secara Elektronik, Bagian Pengadaan Barang/Jasa "
            "Sekretariat Daerah Kota Bogor",
            st.small_center,
        ),
        *_office(data, st),
        HRFlowable(width="100%", thickness=0.8, color="black",
                   **({"spaceBefore": 2, "spaceAfter": 3} if data.layout >= 4
                      else {"spaceBefore": 3, "spaceAfter": 5})),  # fmt: skip
        Paragraph(data.title, st.title),
        Paragraph(f"Nomor {cells.text(data.number)}" + _copy_mark(data), st.number),
    ]
    if data.copy and data.layout < 4:
        banner = cells.table(
            [[Paragraph("SALINAN · cetak ulang, bukan cetakan asli", st.banner)]],
            [page.width - 2 * page.margin_x - 8 * mm],
            [
                ("BOX", (0, 0), (-1, -1), 1.5, "black"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ],
        )
        banner.spaceAfter = 4
        parts.append(banner)
    return parts


def _copy_mark(data: ReceiptData) -> str:
    """From layout 4 a reprint says SALINAN on the number's line (besides the watermark and
    the footer), so it keeps the original's page count; before, a boxed banner under it."""
    if data.copy and data.layout >= 4:
        return " · SALINAN (cetak ulang)"
    return ""


def _office(data: ReceiptData, st: Styles) -> list:
    """From layout 4: the unit's address and phone, then its hours and complaint channel."""
    from reportlab.platypus import Paragraph

    if data.layout < 4:
        return []
    where = cells.text(data.office_address)
    if data.office_phone:
        where += f" · Telp. {cells.text(data.office_phone)}"
    when = (
        f"Jam layanan {cells.text(data.office_hours)} · Pengaduan: "
        f"{cells.text(data.office_complaints)}"
    )
    return [Paragraph(where, st.small_center), Paragraph(when, st.small_center)]


Pair = tuple[str, str]


def _grid(rows: list[tuple[Pair, ...]], page: Paper, st: Styles) -> Any:
    """Label/value pairs: two pairs a line on a sheet, one a line on a roll."""
    from reportlab.platypus import Paragraph

    width = page.width - 2 * page.margin_x
    commands: list = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
    ]
    lines = []
    if page.table:
        half = width / 2
        widths = [page.label_width, half - page.label_width] * 2
        for row in rows:
            line = []
            for label, value in row:
                line += [Paragraph(label, st.label), Paragraph(value, st.value)]
            if len(row) == 1:
                line += ["", ""]
                commands.append(("SPAN", (1, len(lines)), (3, len(lines))))
            lines.append(line)
    else:
        widths = [page.label_width, width - page.label_width]
        lines = [
            [Paragraph(label, st.label), Paragraph(value, st.value)]
            for row in rows
            for label, value in row
        ]
    return cells.table(lines, widths, commands)


def _or_dash(value: str | None) -> str:
    return cells.text(value) if value else DASH


def _facts(data: ReceiptData, page: Paper, st: Styles) -> list:
    counter = f"Loket {data.loket} · " if data.loket is not None else ""
    visit: list[tuple[Pair, ...]] = [
        (("Tanggal", cells.text(format_long_id(data.issued_at))),),
        (("Layanan", f"{cells.text(data.service_code)} · {cells.text(data.service_name)}"),),
        (
            ("Loket / petugas", counter + cells.text(data.officer_name)),
            ("Prosedur", cells.text(PROCEDURES.get(data.procedure, data.procedure))),
        ),
        (
            ("No. antrian", _or_dash(data.queue_ticket)),
            ("No. tiket", cells.text(data.desk_ticket_no)),
        ),
        (("No. helpdesk", _or_dash(data.helpdesk_request_no)),),
    ]
    npwp = mask_npwp(data.npwp, personal=is_personal_npwp(data.npwp)) if data.npwp else None
    nik = mask_nik(data.director_nik) if data.director_nik else None
    legal_form = VENDOR_TYPE_LABELS.get(data.vendor_legal_form, data.vendor_legal_form)
    vendor: list[tuple[Pair, ...]] = [
        (("Nama penyedia", f"<b>{cells.text(data.vendor_name)}</b>"),),
        (("Bentuk usaha", cells.text(legal_form)),),
        (("NPWP", _or_dash(npwp)), ("NIB", _or_dash(data.nib))),
        (("User ID SPSE", _or_dash(data.spse_user_id)), ("NIK direktur", _or_dash(nik))),
    ]
    if data.layout == 1 or data.procedure != "daring":  # online, nobody brings the file
        vendor.append((("Pembawa berkas", _bearer_text(data)),))
    return [_grid(visit, page, st), cells.section("Penyedia", st), _grid(vendor, page, st)]


def _bearer_text(data: ReceiptData) -> str:
    if data.layout == 1:  # as receipts issued before layout 2 read
        if data.bearer_is_director:
            return f"{cells.text(data.bearer_name)} (direktur/pemilik)"
        return f"{cells.text(data.bearer_name)}, <b>dengan Surat Kuasa</b>"
    if data.bearer_is_director:
        return f"{cells.text(data.bearer_name)} (direktur/pemilik, datang sendiri)"
    return f"{cells.text(data.bearer_name)}, penerima kuasa <b>dengan Surat Kuasa</b>"
