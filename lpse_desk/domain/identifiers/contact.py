"""Email addresses and Indonesian telephone numbers."""

from __future__ import annotations

import string
from collections.abc import Mapping

from lpse_desk.domain.identifiers.check import (
    PHONE_SEPARATORS,
    IdCheck,
    char_label,
    clean_digits,
    fail,
)

_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~.")
_DOMAIN_CHARS = frozenset(string.ascii_letters + string.digits + "-.")
_EMAIL_PROVIDERS = frozenset(
    {
        "gmail.com",
        "yahoo.com",
        "yahoo.co.id",
        "ymail.com",
        "hotmail.com",
        "outlook.com",
        "icloud.com",
    }
)
_REAL_NEAR_PROVIDERS = frozenset({"mail.com", "email.com"})
"""Real domains one keystroke from a provider, which must not draw a typo warning."""

_EMAIL_TYPOS: Mapping[str, tuple[str, ...]] = {
    "gmail.co.id": ("gmail.com",),
    "gmail.id": ("gmail.com",),
    "yahoo.co": ("yahoo.co.id", "yahoo.com"),
    "yahoo.id": ("yahoo.co.id",),
}
"""Typos more than one keystroke away, or with two likely intentions."""


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(shorter) and shorter[i] == longer[i]:
        i += 1
    return shorter[i:] == longer[i + 1 :]


def _email_typo_warning(domain: str) -> str | None:
    if domain in _EMAIL_PROVIDERS or domain in _REAL_NEAR_PROVIDERS:
        return None
    guesses = _EMAIL_TYPOS.get(domain) or sorted(
        provider for provider in _EMAIL_PROVIDERS if _one_edit_apart(domain, provider)
    )
    if not guesses:
        return None
    options = " atau ".join(f"'{guess}'" for guess in guesses)
    return f"Domain email '{domain}' mungkin salah ketik; maksudnya {options}?"


def _email_error(text: str) -> str | None:
    """The first broken syntax rule of a stripped email address, or None."""
    if len(text) > 254:
        return f"Email terlalu panjang: {len(text)} karakter (maksimum 254)"
    if any(char.isspace() for char in text):
        return "Email tidak boleh berisi spasi"
    if text.count("@") != 1:
        if "@" not in text:
            return "Email harus berisi '@' (contoh: nama@perusahaan.co.id)"
        return f"Email harus berisi tepat satu '@'; terisi {text.count('@')}"
    local, domain = text.split("@")
    if not local:
        return "Bagian email sebelum '@' kosong"
    if len(local) > 64:
        return f"Bagian email sebelum '@' terlalu panjang: {len(local)} karakter (maksimum 64)"
    bad = next((char for char in local if char not in _LOCAL_CHARS), None)
    if bad is not None:
        return f"Bagian email sebelum '@' berisi karakter tidak sah: {char_label(bad)}"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "Titik sebelum '@' tidak boleh di awal, di akhir, atau berurutan"
    if not domain:
        return "Domain email (sesudah '@') kosong"
    bad = next((char for char in domain if char not in _DOMAIN_CHARS), None)
    if bad is not None:
        return f"Domain email berisi karakter tidak sah: {char_label(bad)}"
    if "." not in domain:
        return f"Domain email '{domain}' harus berisi titik (contoh: gmail.com)"
    labels = domain.split(".")
    if any(not label for label in labels):
        return f"Domain email '{domain}' berisi titik di awal, di akhir, atau berurutan"
    for label in labels:
        if len(label) > 63:
            return f"Bagian domain email terlalu panjang: {len(label)} karakter (maksimum 63)"
        if label.startswith("-") or label.endswith("-"):
            return f"Bagian domain email '{label}' tidak boleh diawali atau diakhiri '-'"
    top = labels[-1]
    if not (len(top) >= 2 and top.isalpha()) and not top.lower().startswith("xn--"):
        return f"Akhiran domain email '.{top}' tidak sah"
    return None


def check_email(value: str) -> IdCheck:
    """Check an email address's syntax; warn on a likely typo of a big provider's domain."""
    if not isinstance(value, str) or not value.strip():
        return fail("email", value, "Email belum diisi")
    text = value.strip()
    error = _email_error(text)
    if error is not None:
        return fail("email", value, error)
    local, domain = text.split("@")
    # Only the domain is case-insensitive; the mailbox owner's server decides the local part.
    normalized = f"{local}@{domain.lower()}"
    typo = _email_typo_warning(domain.lower())
    return IdCheck("email", value, normalized, normalized, None, (typo,) if typo else ())


# --- telephone ----------------------------------------------------------------------------

_TWO_DIGIT_AREA_CODES = frozenset({"21", "22", "24", "31", "61"})
"""Jakarta, Bandung, Semarang, Surabaya, Medan; every other area code has three digits."""


def _phone_display(national: str, mobile: bool) -> str:
    if mobile:
        return f"{national[:4]}-{national[4:8]}-{national[8:]}"
    area = 3 if national[1:3] in _TWO_DIGIT_AREA_CODES else 4
    return f"({national[:area]}) {national[area:]}"


def _is_mobile(national: str) -> bool:
    # 080x are toll-free and premium-rate services, not handsets.
    return national.startswith("08") and national[2:3] != "0"


def _national_phone(text: str) -> tuple[str, str | None]:
    """National digits (0…) of a stripped telephone number, or the rule it breaks."""
    plus = text.startswith("+")
    digits = clean_digits("Nomor telepon", text[1:] if plus else text, PHONE_SEPARATORS)
    if isinstance(digits, IdCheck):
        return "", digits.error
    national = digits
    if plus or digits.startswith("62"):
        if not digits.startswith("62"):
            return "", f"Nomor luar negeri (+{digits[:4]}…) tidak didukung; tulis +62… atau 0…"
        # "+62 (0)812…" and "+62 0812…" are common; the trunk 0 does not belong after 62.
        rest = digits[2:]
        national = "0" + (rest[1:] if rest.startswith("0") else rest)
    elif not digits.startswith("0"):
        hint = f"; maksudnya 0{digits}?" if digits.startswith("8") and len(digits) <= 12 else ""
        return "", f"Nomor telepon harus diawali 0, 62 atau +62{hint}"
    if national.startswith("00"):
        return "", "Nomor telepon diawali 00 (kode internasional); tulis +62… atau 0…"
    # Landlines are 0 + a 2–3 digit area code + 5–8 digits (9–12 in all); mobile numbers
    # are 08xx plus 6–9 digits (10–13 in all).
    length = len(national)
    if not 9 <= length <= 13:
        return "", f"Nomor telepon harus 9–13 digit (dengan 0 di depan); terisi {length} digit"
    if _is_mobile(national) and length < 10:
        return "", f"Nomor seluler (08…) harus 10–13 digit; terisi {length} digit"
    return national, None


def check_phone(value: str) -> IdCheck:
    """Check an Indonesian telephone number (0…, 62… or +62…); warn when it is not mobile."""
    if not isinstance(value, str) or not value.strip():
        return fail("telepon", value, "Nomor telepon belum diisi")
    national, error = _national_phone(value.strip())
    if error is not None:
        return fail("telepon", value, error)
    mobile = _is_mobile(national)
    warnings: tuple[str, ...] = ()
    if not mobile:
        warnings = ("Bukan nomor seluler (08…); notifikasi WhatsApp/SMS mungkin tidak sampai",)
    details = {
        "jenis": "seluler" if mobile else "telepon tetap",
        "internasional": "+62" + national[1:],
    }
    display = _phone_display(national, mobile)
    return IdCheck("telepon", value, national, display, None, warnings, details)
