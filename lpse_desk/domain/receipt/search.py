"""Finding a receipt by what the officer remembers of it: part of its number or of the
vendor's name."""

from __future__ import annotations

import re

from lpse_desk.domain.errors import ValidationError

FIND_MINIMUM = 3
FOUND_LIMIT = 100
"""The most receipts one search lists (newest first)."""


def clean_search(text: str) -> str:
    """The search text with its spaces folded; fewer than ``FIND_MINIMUM`` characters are
    refused (every receipt would match)."""
    wanted = " ".join((text or "").split())
    if len(wanted) < FIND_MINIMUM:
        raise ValidationError(
            f"Tulis paling sedikit {FIND_MINIMUM} huruf atau angka dari nomor tanda terima atau "
            "nama penyedia", field="cari",
        )  # fmt: skip
    return wanted


_YEAR_AND_SEQ = re.compile(r"(?:tt-lpse[/-])?(\d{4})[/-]0*(\d{1,6})", re.IGNORECASE)


def number_part(text: str) -> str:
    """The part of a receipt number that ``text`` names: "2026/15" or "2026-15" (as said
    at the counter, or as in the file's name) is "2026/000015"; other text as it is."""
    match = _YEAR_AND_SEQ.fullmatch(text.strip())
    if match is None:
        return text
    return f"{match.group(1)}/{int(match.group(2)):06d}"
