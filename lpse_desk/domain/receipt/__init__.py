"""The tanda terima (and the incomplete-file slip): its data, its signed summary, its print.

- ``data``: ``ReceiptData`` and its documents, checked on creation, stored as JSON.
- ``signed``: the summary the QR code and the PDF metadata carry, under the desk's HMAC.
- ``printed``: the wording printed on the sheet (bearer line, document lines, QR text) and
  the digest of the printed fields that the signed summary binds.
"""

from __future__ import annotations

from lpse_desk.domain.receipt.data import (
    JSON_VERSION,
    KIND_LABELS,
    LAYOUT,
    LAYOUTS,
    MAX_CHARS,
    ORIGINAL_CHECKS,
    PROCEDURE_IDS,
    SIGNED_PREFIX,
    ReceiptData,
    ReceiptDocument,
    receipt_kind,
)
from lpse_desk.domain.receipt.signed import (
    SignatureError,
    npwp_fingerprint,
    read_signed,
    sign_receipt,
    sign_summary,
    summary_of,
)

__all__ = [
    "JSON_VERSION",
    "KIND_LABELS",
    "LAYOUT",
    "LAYOUTS",
    "MAX_CHARS",
    "ORIGINAL_CHECKS",
    "PROCEDURE_IDS",
    "SIGNED_PREFIX",
    "ReceiptData",
    "ReceiptDocument",
    "SignatureError",
    "npwp_fingerprint",
    "read_signed",
    "receipt_kind",
    "sign_receipt",
    "sign_summary",
    "summary_of",
]
