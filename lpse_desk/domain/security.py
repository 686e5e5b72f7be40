"""PIN rules and salted slow hashing (scrypt from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from lpse_desk.domain.errors import ValidationError

PIN_MIN = 4
PIN_MAX = 12
# scrypt cost: about 40 ms per check on the counter PCs, slow enough to make
# guessing a stolen database's PINs expensive, quick enough for a login.
_N, _R, _P = 2**14, 8, 1
_SCHEME = "scrypt"


def check_pin_rules(pin: str) -> str:
    """Return ``pin`` if it is 4–12 ASCII digits; ValidationError otherwise."""
    if not pin:
        raise ValidationError("PIN wajib diisi", field="pin")
    if not (pin.isascii() and pin.isdigit()):
        raise ValidationError("PIN hanya boleh berisi angka 0–9", field="pin")
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        raise ValidationError(
            f"PIN harus {PIN_MIN}–{PIN_MAX} angka; terisi {len(pin)} angka", field="pin"
        )
    if len(set(pin)) == 1:
        raise ValidationError("PIN tidak boleh berupa satu angka yang diulang", field="pin")
    return pin


def hash_pin(pin: str) -> str:
    """Salted scrypt hash of ``pin`` as ``scrypt$n$r$p$salt$hash`` (base64)."""
    check_pin_rules(pin)
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"{_SCHEME}${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the stored hash (constant-time compare)."""
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != _SCHEME:
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        digest = hashlib.scrypt(
            pin.encode(), salt=salt, n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)
