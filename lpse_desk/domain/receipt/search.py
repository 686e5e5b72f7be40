"""Finding a receipt by what the officer remembers of it: part of its number or of the
vendor's name."""

from __future__ import annotations

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
