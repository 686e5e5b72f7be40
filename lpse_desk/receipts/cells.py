"""The receipt's smallest parts: marks, escaped text, a table in the receipt font, a heading."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from lpse_desk.receipts.layout import Styles
from lpse_desk.receipts.typeface import REGULAR, printable

CHECK, DASH, NOT_ASKED = "✓", "—", "tidak diminta"


def text(value: object) -> str:
    """Paragraph markup for a value: drawable characters, XML-escaped, newlines kept."""
    return escape(printable(str(value))).replace("\n", "<br/>")


def table(cells: list, widths: list, commands: list, **options: Any) -> Any:
    """A platypus Table in the receipt font (string cells would otherwise use Helvetica)."""
    from reportlab.platypus import Table, TableStyle

    table = Table(cells, colWidths=widths, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
    return table


def section(title: str, st: Styles) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(title, st.section)
