"""Masking of personal identifiers on screens, lists, boards and printed receipts.

UU 27/2022 (Pelindungan Data Pribadi) asks for minimal exposure: a NIK and a person's NPWP are
shown masked (``3271********0001``); only a role that needs the full number sees it, and that
showing is logged elsewhere. These functions never raise: a malformed value is masked too,
because masking too much is safer than too little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lpse_desk.domain.identifiers import format_npwp, npwp_kind

_SEPARATORS = " \u00a0.-"


def _compact(value: str) -> str:
    if not isinstance(value, str):
        return ""
    text = value.strip()
    for separator in _SEPARATORS:
        text = text.replace(separator, "")
    return text


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _mask_middle(text: str) -> str:
    """Keep 4 + 4 characters of a NIK-sized value, 2 + 2 of a shorter one, none of a short one."""
    if len(text) >= 16:
        keep = 4
    elif len(text) >= 8:
        keep = 2
    else:
        return "*" * len(text)
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]


def mask_nik(nik: str) -> str:
    """A NIK with only its first and last four digits visible, e.g. ``3271********0001``."""
    return _mask_middle(_compact(nik))


def is_personal_npwp(npwp: str) -> bool:
    """Whether an NPWP may belong to a person; anything not clearly a badan counts as personal."""
    digits = _compact(npwp)
    if not _is_ascii_digits(digits) or len(digits) not in (15, 16):
        return True
    # A 16-digit NPWP not starting with 0 is a NIK; otherwise only the legacy taxpayer-type
    # codes 01-03 mark a badan (see identifiers.NPWP_COMPANY_CODES for the source and its
    # limits). Unknown codes (21, 31, 41, 64...) are masked.
    return npwp_kind(digits) != "badan"


def mask_npwp(npwp: str, *, personal: bool | None = None) -> str:
    """An NPWP fit to show: a person's masked, a company's formatted in full."""
    digits = _compact(npwp)
    if personal is None:
        personal = is_personal_npwp(npwp)
    if not personal:
        return format_npwp(digits) if _is_ascii_digits(digits) else digits
    if len(digits) == 15 and _is_ascii_digits(digits):
        # Keep the dotted shape so it still reads as an NPWP; the taxpayer type and the last
        # four digits are enough to match it against a document.
        return f"{digits[:2]}.***.***.*-**{digits[11]}.{digits[12:]}"
    return _mask_middle(digits)


_DIGIT_RUN = re.compile(r"\+?\d(?:[\d \u00a0.\-]*\d)?")
"""Digits, possibly with spaces, dots or dashes between them (``0812-3456 7890``)."""
_BOOKING_CODE = re.compile(r"(\bMPP-\d{6}-\d{1,6})(?![0-9A-Za-z-])")
"""An MPP booking code as the MPP app writes it (``MPP-261207-0001``: the day, then its
sequence): nobody's number, read whole so that a head of unit can trace a booking. Only that
shape: ``MPP-3271012345670001`` or a code with a phone glued on is masked as any number."""


def mask_digit_runs(text: str, *, min_digits: int = 8) -> str:
    """Free text with every run of ``min_digits`` or more digits (a phone, NIK or NPWP typed
    into it) masked: ``hubungi 08********90``, ``NIK 3271********0001``. Shorter numbers stay."""

    def masked(match: re.Match[str]) -> str:
        digits = _compact(match.group(0).lstrip("+"))
        return _mask_middle(digits) if len(digits) >= min_digits else match.group(0)

    if not isinstance(text, str):
        return ""
    parts = _BOOKING_CODE.split(text)  # codes at the odd places
    return "".join(part if index % 2 else _DIGIT_RUN.sub(masked, part)
                   for index, part in enumerate(parts))  # fmt: skip


LOGGED_TEXT_MIN_DIGITS = 10
"""Notes and event reasons carry dates, times and request numbers ("10 Juni 2026 09.30" reads
as 8 digits, "HD-2026-0042" too); a phone has 10 digits or more, a NIK 16, an NPWP 15 or 16."""


def mask_logged_text(text: str | None) -> str:
    """A note or an event's reason fit to show: phones, NIKs and NPWPs in it masked."""
    return mask_digit_runs(text or "", min_digits=LOGGED_TEXT_MIN_DIGITS)


@dataclass(frozen=True)
class Revealed:
    """The full numbers of one vendor, as far as they are personal (None where not)."""

    vendor_id: int
    nik: str | None
    npwp: str | None
    event_id: int
