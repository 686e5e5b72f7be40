"""Canvas-level parts of a receipt: the Info dictionary, the footer and the watermark."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lpse_desk.domain.receipt import ReceiptData
from lpse_desk.receipts.layout import Paper
from lpse_desk.receipts.pages import holding_canvas
from lpse_desk.receipts.typeface import BOLD, REGULAR

INFO_KEY = "LPSEDeskSigned"
"""Custom key of the PDF Info dictionary holding the signed summary."""


@lru_cache(maxsize=1)
def canvas_class() -> type:
    """A Canvas whose Info dictionary carries the signed summary and the receipt's own time."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString

    class DeskInfo(PDFInfo):
        signed = ""
        pdf_date = ""

        def format(self, document: Any) -> bytes:
            # PDFInfo.format has no hook for extra keys, so the dictionary is written here;
            # tests read Title, Author and the dates back to notice a ReportLab change.
            entries = {
                "Title": PDFString(self.title),
                "Author": PDFString(self.author),
                "Subject": PDFString(self.subject),
                "Creator": PDFString(self.creator),
                "Producer": PDFString(self.producer),
                "Keywords": PDFString(self.keywords),
                "CreationDate": PDFString(self.pdf_date),
                "ModDate": PDFString(self.pdf_date),
                "Trapped": PDFName(self.trapped),
                INFO_KEY: PDFString(self.signed),
            }
            return PDFDictionary(entries).format(document)

    class DeskCanvas(holding_canvas()):
        def __init__(
            self, *args: Any, signed: str, data: ReceiptData, page: Paper, **kwargs: Any
        ) -> None:
            super().__init__(*args, **kwargs)
            info = DeskInfo()
            info.signed = signed
            at = data.issued_at
            info.pdf_date = f"D:{at:%Y%m%d%H%M%S}+07'00'"
            self._doc.info = info
            self._paper = page
            # From layout 4 a sheet says "Halaman 1 dari 2": its pages are held until the
            # count is known (older layouts keep "Halaman 1", so they redraw identical).
            if data.layout >= 4 and page.height is not None:
                self._held = []

        def stamp(self, total: int) -> None:
            page_count(self, self._paper, total)

    return DeskCanvas


def page_count(canvas: Any, page: Paper, total: int) -> None:
    """``Halaman 1 dari 2`` at the foot of a layout-4 sheet."""
    canvas.saveState()
    canvas.setFillGray(0.35)
    canvas.setFont(REGULAR, 6.5)
    canvas.drawRightString(
        page.width - page.margin_x,
        page.margin_bottom / 2,
        f"Halaman {canvas.getPageNumber()} dari {total}",
    )
    canvas.restoreState()


def footer(canvas: Any, doc: Any, *, data: ReceiptData, page: Paper) -> None:
    """On a sheet: the number, SALINAN when it is one, and the page number."""
    if page.height is None:
        return
    canvas.saveState()
    canvas.setFillGray(0.35)
    canvas.setFont(REGULAR, 6.5)
    y = page.margin_bottom / 2
    canvas.drawString(page.margin_x, y, data.number)
    if data.layout < 4:  # layout 4: "Halaman 1 dari 2", once the count is known (DeskCanvas)
        canvas.drawRightString(page.width - page.margin_x, y, f"Halaman {doc.page}")
    if data.copy:
        canvas.setFont(BOLD, 6.5)
        canvas.drawCentredString(page.width / 2, y, "SALINAN")
    canvas.restoreState()


def watermark(canvas: Any, doc: Any, *, data: ReceiptData, page: Paper) -> None:
    """A reprint on a sheet: SALINAN across the page, over the content but see-through."""
    if not data.copy or page.height is None:
        return
    canvas.saveState()
    canvas.setFillGray(0.5)
    canvas.setFillAlpha(0.16)
    canvas.setFont(BOLD, 64)
    canvas.translate(page.width / 2, page.height / 2)
    canvas.rotate(35)
    canvas.drawCentredString(0, 0, "SALINAN")
    canvas.restoreState()
