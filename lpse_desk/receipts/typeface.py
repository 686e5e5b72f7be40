"""The receipts' embedded font and what happens to a character it cannot draw.

DejaVu Sans (regular and bold) ships in ``fonts/`` with its licence: Helvetica cannot draw Ł
or ễ, and a system font may be absent on a fresh counter PC. The font covers Latin,
Vietnamese, Greek and Cyrillic; for anything else (CJK, emoji) ``printable`` substitutes
rather than letting the PDF show empty boxes: a letter with a mark the font lacks becomes
its base letter (NFKD, the unknown marks dropped), anything else becomes ``?``. The stored
receipt data keeps the original text; only the print is simplified.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR = "LPSEDesk-Sans"
BOLD = "LPSEDesk-Sans-Bold"
REPLACEMENT = "?"

_lock = threading.Lock()
_covered: frozenset[int] = frozenset()


def register_fonts() -> frozenset[int]:
    """Register both faces with ReportLab (once); the code points both of them can draw."""
    global _covered
    with _lock:
        if not _covered:
            # Deferred: ReportLab costs about 0.12 s to import and only receipts need it.
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            regular = TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf"))
            bold = TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            pdfmetrics.registerFont(regular)
            pdfmetrics.registerFont(bold)
            # No oblique face is shipped: <i> falls back to upright rather than failing.
            pdfmetrics.registerFontFamily(
                REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
            )
            # Bold lacks a few symbols regular has; a character is drawable only if both have it.
            _covered = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
        return _covered


@lru_cache(maxsize=4096)
def _substitute(char: str) -> str:
    if char == "\n":
        return char
    category = unicodedata.category(char)
    if char == "\t" or category in ("Zl", "Zp"):
        return " "
    if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
        # Controls, bidi overrides and zero-width marks would print nothing or reorder the line.
        return ""
    if ord(char) in _covered:
        return char
    kept = "".join(part for part in unicodedata.normalize("NFKD", char) if ord(part) in _covered)
    if kept and not unicodedata.category(kept[0]).startswith("M"):
        return kept
    return REPLACEMENT


def printable(text: str) -> str:
    """``text`` as the receipt prints it: NFC, no control characters, no undrawable glyphs."""
    register_fonts()
    return "".join(_substitute(char) for char in unicodedata.normalize("NFC", text))
