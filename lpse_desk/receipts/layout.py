"""Measurements and text styles of the two receipt papers: an A5 sheet and an 80 mm roll."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from lpse_desk.receipts.typeface import BOLD, REGULAR, register_fonts

PAPERS = ("A5", "80mm")
"""Paper names as the settings file writes them (``receipt_paper``)."""

_MM = 72 / 25.4


@dataclass(frozen=True)
class Paper:
    """Where things go on one paper (all lengths in points)."""

    width: float
    height: float | None
    """None: a roll, as tall as its content."""
    margin_x: float
    margin_top: float
    margin_bottom: float
    label_width: float
    column_widths: tuple[float, ...]
    """Columns of the documents table (sheet only), up to layout 3."""
    column_widths_4: tuple[float, ...]
    """From layout 4: the names get the room the ticks do not need, so the usual file fits
    one sheet."""
    column_widths_4_quiet: tuple[float, ...]
    """Layout 4 when no row has a remark: the Catatan column narrows and the names widen."""
    qr_size: float
    signature_space: float
    table: bool
    """True: documents as a six-column table; False: one block per document (roll)."""
    font_size: float
    org_scale: float
    """Size of the "LPSE Kota Bogor" line against the body text."""


@cache
def paper_of(name: str) -> Paper:
    """The measurements of ``A5`` or ``80mm``."""
    if name == "A5":
        widths = (5, 46, 15, 15, 18, 25)  # mm, summing to the 124 mm between the margins
        widths_4 = (5, 54, 12, 12, 15, 26)
        quiet = (5, 66, 12, 12, 15, 14)
        return Paper(
            width=148 * _MM,
            height=210 * _MM,
            margin_x=12 * _MM,
            margin_top=10 * _MM,
            margin_bottom=12 * _MM,
            label_width=24 * _MM,
            column_widths=tuple(w * _MM for w in widths),
            column_widths_4=tuple(w * _MM for w in widths_4),
            column_widths_4_quiet=tuple(w * _MM for w in quiet),
            qr_size=28 * _MM,
            signature_space=9 * _MM,
            table=True,
            font_size=8,
            org_scale=1.3,
        )
    # Thermal printers draw about 72 mm of an 80 mm roll.
    return Paper(
        width=80 * _MM,
        height=None,
        margin_x=4 * _MM,
        margin_top=4 * _MM,
        margin_bottom=6 * _MM,
        label_width=25 * _MM,
        column_widths=(),
        column_widths_4=(),
        column_widths_4_quiet=(),
        qr_size=36 * _MM,
        signature_space=12 * _MM,
        table=False,
        font_size=8,
        org_scale=1.0,
    )


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one paper."""

    org: Any
    small_center: Any
    title: Any
    number: Any
    banner: Any
    section: Any
    label: Any
    value: Any
    cell_head: Any
    cell: Any
    cell_center: Any
    mark: Any
    body: Any
    bullet: Any
    sign_head: Any
    sign_name: Any
    small: Any


@cache
def styles_for(name: str, *, tight: bool = False) -> Styles:
    """Paragraph styles for ``A5`` or ``80mm`` (built once; ReportLab never mutates them).

    ``tight`` (layout 4): closer lines and headings and a slightly smaller table text, so
    the usual file of up to eight documents fits one A5 sheet; older layouts keep theirs."""
    register_fonts()
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    paper = paper_of(name)
    size = paper.font_size

    spacing = 1.15 if tight else 1.25

    def style(label: str, *, font: str = REGULAR, scale: float = 1.0, **extra: Any) -> Any:
        points = size * scale
        extra.setdefault("bulletFontName", REGULAR)  # the default would pull in Times-Roman
        return ParagraphStyle(
            label, fontName=font, fontSize=points, leading=points * spacing, **extra
        )

    cell_scale = 0.85 if tight else 0.9
    return Styles(
        org=style("org", font=BOLD, scale=paper.org_scale, alignment=TA_CENTER),
        small_center=style("small_center", scale=0.8, alignment=TA_CENTER),
        title=style("title", font=BOLD, scale=1.75, alignment=TA_CENTER, spaceAfter=1),
        number=style("number", font=BOLD, scale=1.1, alignment=TA_CENTER,
                     spaceAfter=3 if tight else 6),  # fmt: skip
        banner=style("banner", font=BOLD, scale=1.2, alignment=TA_CENTER),
        section=style("section", font=BOLD, scale=1.05, spaceBefore=3 if tight else 6,
                      spaceAfter=1 if tight else 2),  # fmt: skip
        label=style("label", scale=0.95, textColor="#333333"),
        value=style("value", scale=0.95),
        cell_head=style("cell_head", font=BOLD, scale=0.85),
        cell=style("cell", scale=cell_scale),
        cell_center=style("cell_center", scale=cell_scale, alignment=TA_CENTER),
        mark=style("mark", scale=cell_scale, alignment=TA_CENTER),
        body=style("body", spaceAfter=2),
        bullet=style("bullet", leftIndent=10, bulletIndent=2),
        sign_head=style("sign_head", font=BOLD, scale=0.9, alignment=TA_CENTER),
        sign_name=style("sign_name", scale=0.9, alignment=TA_CENTER),
        small=style("small", scale=0.8, spaceAfter=2),
    )
