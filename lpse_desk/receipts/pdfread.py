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


def page_lines(data: bytes) -> list[str] | None:
    """The text of every page, one stripped line per entry (None: not a readable PDF).

    Used to say *which* printed field of a receipt differs from the one on record.
    """
    if len(data) > MAX_PDF_BYTES or b"%PDF-" not in data[:1024]:
        return None
    from pypdf import PdfReader

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(bytes(data)), strict=False)
        if reader.is_encrypted:
            return None
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception:  # noqa: BLE001 - a hostile or damaged file: no text to compare
        return None
    finally:
        quiet.setLevel(level)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
