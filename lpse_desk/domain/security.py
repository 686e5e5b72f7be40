"""PIN rules and salted slow hashing (scrypt from the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from lpse_desk.domain.errors import ValidationError

PIN_MIN = 4
PIN_MAX = 12
PIN_MIN_CHOICES = (4, 6)
"""What the ``pin_minimal`` setting may require."""
# scrypt cost: 66 ms per check on the 2-core CI machine (benchmarks/pin_hash.py), inside the
# 50–100 ms a login can spend, and 24 MB of memory per guess for anyone who copies the
# database. N stays 2**14: 2**15 × r=8 already passes OpenSSL's default 32 MB limit.
_N, _R, _P = 2**14, 12, 1
_SCHEME = "scrypt"


def _is_sequence(pin: str) -> bool:
    """Each digit one more (or one less) than the one before; 0 follows 9 as on a keyboard's
    number row, so 7890 and 8901 count, as do 3210 and 1098."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9})


def _repeated_block(pin: str) -> bool:
    """Two or three digits said over and over: 1212, 121212, 12121, 123123."""
    return any(
        len(pin) >= 2 * size and pin == (pin[:size] * len(pin))[: len(pin)] for size in (2, 3)
    )


def check_pin_rules(pin: str, *, min_length: int = PIN_MIN) -> str:
    """Return ``pin`` if it is ``min_length``–12 ASCII digits and not an obvious guess;
    ValidationError (in Indonesian, never quoting the PIN) otherwise."""
    if not pin:
        raise ValidationError("PIN wajib diisi", field="pin")
    if not (pin.isascii() and pin.isdigit()):
        raise ValidationError("PIN hanya boleh berisi angka 0–9", field="pin")
    if not min_length <= len(pin) <= PIN_MAX:
        raise ValidationError(
            f"PIN harus {min_length}–{PIN_MAX} angka; terisi {len(pin)} angka", field="pin"
        )
    if len(set(pin)) == 1:
        raise ValidationError("PIN tidak boleh berupa satu angka yang diulang", field="pin")
    if _is_sequence(pin):
        raise ValidationError(
            "PIN tidak boleh berupa angka berurutan (seperti 1234 atau 9876); "
            "pilih angka yang tidak berurutan",
            field="pin",
        )
    if _repeated_block(pin):
        raise ValidationError(
            "PIN tidak boleh berupa pola yang diulang (seperti 1212 atau 123123)", field="pin"
        )
    if len(pin) == 4 and pin[:2] in ("19", "20"):
        raise ValidationError(
            "PIN 4 angka tidak boleh berupa tahun (19xx atau 20xx), mudah ditebak dari tahun "
            "lahir; pilih angka lain atau PIN 6 angka",
            field="pin",
        )
    return pin


def _encode(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"{_SCHEME}${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def hash_pin(pin: str, *, min_length: int = PIN_MIN) -> str:
    """Salted scrypt hash of ``pin`` as ``scrypt$n$r$p$salt$hash`` (base64), after the rules."""
    check_pin_rules(pin, min_length=min_length)
    return _encode(pin)


def rehash_pin(pin: str) -> str:
    """A fresh hash at today's cost of a PIN that was just verified.

    No rule check: an officer whose old PIN breaks a newer rule keeps it until it is reset.
    """
    return _encode(pin)


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other cost parameters (or another scheme)."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[:4] != [_SCHEME, str(_N), str(_R), str(_P)]


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
