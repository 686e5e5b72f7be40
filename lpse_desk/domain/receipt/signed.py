"""The signed summary of a receipt: what its QR code and PDF metadata carry.

No names; a personal NPWP masked (DOMAIN §7) plus a keyed fingerprint that matches the full
number without revealing it, all under an HMAC-SHA256 made with the desk's secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from typing import Any

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.receipt.data import SIGNED_PREFIX, ReceiptData
from lpse_desk.domain.receipt.printed import fields_digest, shown_npwp

_MAX_SIGNED_CHARS = 4096


class SignatureError(ValidationError):
    """A signed summary that is malformed or whose signature does not match."""


def _check_secret(secret: bytes) -> None:
    if not isinstance(secret, bytes) or len(secret) < 16:
        raise ValidationError(
            "Kunci tanda tangan digital harus berupa bytes minimal 16 byte", field="secret"
        )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text or not re.fullmatch(r"[A-Za-z0-9_-]+", text, re.ASCII):
        raise binascii.Error("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def npwp_fingerprint(npwp: str, secret: bytes) -> str:
    """Keyed fingerprint of a full NPWP (digits only): matches it without revealing it."""
    _check_secret(secret)
    digest = hmac.new(secret, f"{SIGNED_PREFIX}/npwp/{npwp}".encode(), hashlib.sha256)
    return _b64(digest.digest()[:12])


def summary_of(data: ReceiptData, *, secret: bytes) -> dict[str, Any]:
    """What the QR code and the PDF metadata carry (no names; a person's NPWP masked).

    From layout 3 (summary v2) it also carries the digest of every printed field, so the
    signature covers names, documents, notes and the deadline without spelling them out.
    """
    # Both versions begin alike; the keys keep their order, as the signed bytes do.
    head = {
        "no": data.number,
        "kind": data.kind,
        "at": data.issued_at.isoformat(timespec="seconds"),
        "svc": data.service_code,
    }
    fingerprint = None if data.npwp is None else npwp_fingerprint(data.npwp, secret)
    if data.layout >= 3:
        return {"v": 2, **head, "npwp_fp": fingerprint, "copy": data.copy,
                "fields": fields_digest(data)}  # fmt: skip
    return {
        "v": 1,
        **head,
        "npwp": None if data.npwp is None else shown_npwp(data.npwp),
        "npwp_fp": fingerprint,
        "docs": list(data.received_ids),
        "copy": data.copy,
    }


def _mac(secret: bytes, payload: str) -> bytes:
    # HMAC-SHA256 truncated to 128 bits (as RFC 4868 does): forgery stays out of reach and
    # the QR code stays small enough to scan from a thermal print.
    message = f"{SIGNED_PREFIX}.{payload}".encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).digest()[:16]


def sign_summary(summary: dict[str, Any], secret: bytes) -> str:
    """``LPSEDESK1.<base64url canonical JSON>.<base64url HMAC>``: one ASCII line.

    The HMAC (SHA-256, first 16 bytes) covers ``LPSEDESK1.<payload>`` exactly as written,
    so verifying never depends on re-serialising the JSON.
    """
    _check_secret(secret)
    canonical = json.dumps(summary, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    payload = _b64(canonical.encode("ascii"))
    return f"{SIGNED_PREFIX}.{payload}.{_b64(_mac(secret, payload))}"


def sign_receipt(data: ReceiptData, secret: bytes) -> str:
    """The signed summary of a receipt: what ``render_receipt`` needs as ``signed``."""
    return sign_summary(summary_of(data, secret=secret), secret)


def read_signed(text: str, secret: bytes) -> dict[str, Any]:
    """The summary inside a signed string; SignatureError when malformed or not signed by us."""
    _check_secret(secret)
    if not isinstance(text, str) or not text.strip():
        raise SignatureError("Tanda tangan digital kosong", field="signed")
    text = text.strip()
    if len(text) > _MAX_SIGNED_CHARS or not text.isascii():
        raise SignatureError("Format tanda tangan digital tidak dikenali", field="signed")
    parts = text.split(".")
    if len(parts) != 3 or parts[0] != SIGNED_PREFIX:
        raise SignatureError(
            f"Format tanda tangan digital tidak dikenali: harus diawali {SIGNED_PREFIX}. "
            "dan terdiri atas tiga bagian",
            field="signed",
        )
    _, payload, mac_text = parts
    try:
        given = _unb64(mac_text)
        _unb64(payload)
    except (binascii.Error, ValueError):
        raise SignatureError(
            "Format tanda tangan digital tidak dikenali: bukan base64url", field="signed"
        ) from None
    if not hmac.compare_digest(given, _mac(secret, payload)):
        raise SignatureError(
            "Tanda tangan digital tidak cocok: isi tanda terima telah diubah "
            "atau bukan dibuat dengan kunci loket ini",
            field="signed",
        )
    try:
        summary = json.loads(_unb64(payload).decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        summary = None
    if not isinstance(summary, dict):
        raise SignatureError("Isi tanda tangan digital rusak", field="signed")
    return summary
