"""Reading a receipt PDF back: the signed summary that ``render_receipt`` put in its metadata."""

from __future__ import annotations

import io
import logging

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.receipt import SIGNED_PREFIX
from lpse_desk.receipts.drawing import INFO_KEY

MAX_PDF_BYTES = 10 * 1024 * 1024
"""A receipt is about 60 KB; anything past this is not one and is not parsed."""


def signed_summary_of_pdf(data: bytes) -> str | None:
    """The signed summary in a receipt PDF; None for anything that is not a desk receipt.

    None covers a file that is not a PDF, a damaged or encrypted PDF and a PDF without the
    desk's metadata. Whether the summary is genuine is ``read_signed``'s question.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ValidationError(
            f"Berkas PDF harus berupa bytes, bukan {type(data).__name__}", field="pdf"
        )
    data = bytes(data)
    if len(data) > MAX_PDF_BYTES or b"%PDF-" not in data[:1024]:
        return None
    # Deferred: pypdf is only needed when a receipt is checked.
    from pypdf import PdfReader

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a damaged file is an answer (None), not log noise
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None
        value = (reader.metadata or {}).get(f"/{INFO_KEY}")
    except Exception:  # noqa: BLE001
        # pypdf raises many kinds of error on hostile or truncated input (its own, ValueError,
        # KeyError, zlib and struct errors, RecursionError...); all mean "not a desk receipt".
        return None
    finally:
        quiet.setLevel(level)
    if value is None:
        return None
    text = str(value)
    if not (text.isascii() and text.startswith(f"{SIGNED_PREFIX}.")):
        return None
    return text


def page_lines(data: bytes) -> list[tuple[int, float, float, str]] | None:
    """Each line of text on the pages as ``(page, x, y, text)`` (None: not a readable PDF).

    In drawing order, with the position where the line starts (points, from the bottom left),
    so ``receipt verify`` can say which printed field differs and where text was laid over
    the page. Pieces drawn at one position (a bold word inside a line) make one line.
    """
    if len(data) > MAX_PDF_BYTES or b"%PDF-" not in data[:1024]:
        return None
    from pypdf import PdfReader

    lines: list[tuple[int, float, float, str]] = []
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(bytes(data)), strict=False)
        if reader.is_encrypted:
            return None
        for number, page in enumerate(reader.pages):

            def seen(text, cm, tm, _font, _size, number=number) -> None:
                # The text matrix's origin through the page's transformation matrix.
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                where = (number, round(x, 1), round(y, 1))
                if lines and lines[-1][:3] == where and not lines[-1][3].endswith("\n"):
                    lines[-1] = (*where, lines[-1][3] + text)
                else:
                    lines.append((*where, text))

            page.extract_text(visitor_text=seen)
    except Exception:  # noqa: BLE001 - a hostile or damaged file: no text to compare
        return None
    finally:
        quiet.setLevel(level)
    placed = [(page, x, y, " ".join(text.split())) for page, x, y, text in lines]
    return [line for line in placed if line[3]]
