"""What the A4 reports (the IKM report and the head of unit's reports) share: the millimetre,
user text made safe for a Paragraph, and the paragraph styles of the page head."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from lpse_desk.receipts.pages import holding_canvas
from lpse_desk.receipts.typeface import BOLD, REGULAR, printable, register_fonts

MM = 72 / 25.4
"""One millimetre in points."""


def paragraph_text(value: object) -> str:
    """``value`` as a Paragraph's text: printable in the desk's font, markup escaped, lines kept."""
    return escape(printable(str(value))).replace("\n", "<br/>")


def style(name: str, size: float, font: str = REGULAR, **extra: Any) -> Any:
    """A paragraph style in the desk's font, leading 1.3 times the size unless given."""
    from reportlab.lib.styles import ParagraphStyle

    extra.setdefault("bulletFontName", REGULAR)
    extra.setdefault("leading", size * 1.3)
    return ParagraphStyle(name, fontName=font, fontSize=size, **extra)


def head_styles() -> dict[str, Any]:
    """The page head and the text between tables: organisation, title, sections, body."""
    from reportlab.lib.enums import TA_CENTER

    return {
        "org": style("org", 10, BOLD, alignment=TA_CENTER),
        "small_center": style("small_center", 8, alignment=TA_CENTER),
        "title": style("title", 15, BOLD, alignment=TA_CENTER, spaceBefore=6, spaceAfter=2),
        "section": style("section", 11, BOLD, spaceBefore=10, spaceAfter=4),
        "body": style("body", 9),
    }


MARGIN = 18 * MM
"""Left, right and bottom margin; the top one is 15 mm."""


def render_a4(story: Callable[[float], list[Any]], *, title: str, subject: str) -> bytes:
    """An A4 portrait report as PDF bytes: ``story`` given the width between the margins,
    "LPSE Desk — ``title``" and "Halaman X dari Y" at the foot of every page."""
    register_fonts()
    # Deferred: ReportLab costs about 0.12 s to import and only printing needs it.
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * MM,
        bottomMargin=MARGIN,
        title=title,
        author="LPSE Kota Bogor",
        subject=subject,
        creator="LPSE Desk",
        invariant=1,
        lang="id",
        initialFontName=REGULAR,
    )
    doc.build(story(A4[0] - 2 * MARGIN), canvasmaker=_numbered_canvas(f"LPSE Desk — {title}"))
    return buffer.getvalue()


def _numbered_canvas(footer: str) -> type:
    """A canvas that prints ``footer`` and "Halaman X dari Y" at the foot of each page."""

    class NumberedCanvas(holding_canvas()):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held = []

        def stamp(self, total: int) -> None:
            self.setFont(REGULAR, 7)
            self.drawString(18 * MM, 10 * MM, footer)
            self.drawRightString(
                self._pagesize[0] - 18 * MM, 10 * MM, f"Halaman {self._pageNumber} dari {total}"
            )

    return NumberedCanvas
