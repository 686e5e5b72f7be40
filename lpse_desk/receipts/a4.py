"""What the A4 reports (the IKM report and the head of unit's reports) share: the millimetre,
user text made safe for a Paragraph, and the paragraph styles of the page head."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from lpse_desk.receipts.typeface import BOLD, REGULAR, printable

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
