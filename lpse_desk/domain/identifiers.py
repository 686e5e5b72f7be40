"""Checks of Indonesian identifiers and contact details: NIK, NPWP, NITKU, NIB, email, telephone.

Every checker accepts any text and returns an ``IdCheck``; none raises, so a form, the CLI and
an import can all show ``error`` (a hard rule broken: reject) and ``warnings`` (the officer may
proceed) as they are. The rules and their sources are in ``../shared/DOMAIN.md`` §4.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from stdnum import luhn

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.provinces import PROVINCES

_DIGITS = frozenset(string.digits)
_NUMBER_SEPARATORS = " \u00a0.-"
"""Typed or pasted between digit groups; the no-break space arrives when copying from PDFs."""

_PHONE_SEPARATORS = " \u00a0.-()"

NPWP_COMPANY_CODES = frozenset({"01", "02", "03"})
"""Legacy taxpayer-type digits of a badan. DJP publishes no table; the widely repeated one
(pajakku.com, tempo.co, katadata.co.id) reads 01-03 badan, 04/06 pengusaha, 05 karyawan,
07-09 orang pribadi. Newer numbers use other codes (21, 31, 41, 64...) of unknown type."""

NPWP_PERSON_CODES = frozenset({"04", "05", "06", "07", "08", "09"})
"""Legacy taxpayer-type digits of an orang pribadi (same source as the company codes)."""

ADULT_AGE = 17
"""Age at which a KTP is issued; a younger vendor representative is a likely typing mistake."""

MAX_PLAUSIBLE_AGE = 100


@dataclass(frozen=True)
class IdCheck:
    """The verdict on one identifier: its canonical and display forms, or why it fails."""

    kind: str
    raw: str
    normalized: str | None
    display: str | None
    error: str | None
    warnings: tuple[str, ...] = ()
    details: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # One result may be shown by several widgets; none of them may change it for the others.
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken (warnings do not count)."""
        return self.error is None


def _raw(value: object) -> str:
    return value if isinstance(value, str) else ""


def _fail(kind: str, value: object, error: str) -> IdCheck:
    return IdCheck(kind=kind, raw=_raw(value), normalized=None, display=None, error=error)


def _char_label(char: str) -> str:
    """A character as an officer can read it; invisible ones by their code point."""
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def _clean_digits(kind: str, value: object, separators: str = _NUMBER_SEPARATORS) -> str | IdCheck:
    """The ASCII digits of a number with its separators removed, or the failed check."""
    if not isinstance(value, str):
        return _fail(kind, value, f"{kind} belum diisi" if value is None else f"{kind} harus teks")
    text = value.strip()
    if not text:
        return _fail(kind, value, f"{kind} belum diisi")
    for separator in separators:
        text = text.replace(separator, "")
    # str.isdigit() accepts '١' and '²'; only ASCII digits are a number here.
    bad = next((char for char in text if char not in _DIGITS), None)
    if bad is not None:
        return _fail(kind, value, f"{kind} berisi karakter selain angka: {_char_label(bad)}")
    return text


def _group4(digits: str) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# --- NIK ----------------------------------------------------------------------------------


def _nik_birth_date(digits: str, today: date) -> date | None:
    """The birth date in a NIK, or None when DDMMYY is not a date."""
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        # Women have 40 added; subtracting (not day % 40) keeps 81-99 invalid as they should be.
        day -= 40
    # stdnum's get_birth_date always prefers 19YY; a holder born this century is likelier than
    # a centenarian, so 20YY wins unless that date has not happened yet.
    try:
        born = date(2000 + year, month, day)
        if born <= today:
            return born
    except ValueError:
        pass
    try:
        return date(1900 + year, month, day)
    except ValueError:
        return None


def _nik_verdict(digits: str, today: date) -> tuple[str | None, tuple[str, ...], dict[str, str]]:
    """Hard error, warnings and decoded details of a digit-only NIK."""
    if len(digits) != 16:
        return f"NIK harus 16 digit; terisi {len(digits)} digit", (), {}
    if digits == "0" * 16:
        return "NIK tidak boleh semua nol", (), {}
    # Our own table: stdnum's province list rejects 65 and the new Papua provinces.
    province = PROVINCES.get(digits[:2])
    if province is None:
        return f"Kode provinsi NIK '{digits[:2]}' tidak dikenal", (), {}
    born = _nik_birth_date(digits, today)
    if born is None:
        ddmmyy = f"{digits[6:8]}-{digits[8:10]}-{digits[10:12]}"
        return f"Tanggal lahir pada NIK tidak valid ({ddmmyy})", (), {}
    age = _age(born, today)
    warnings: tuple[str, ...] = ()
    if not ADULT_AGE <= age <= MAX_PLAUSIBLE_AGE:
        warnings = (
            f"Umur menurut NIK {age} tahun, di luar {ADULT_AGE}–{MAX_PLAUSIBLE_AGE} tahun; "
            "cocokkan tanggal lahir dengan KTP",
        )
    details = {
        "tanggal_lahir": born.isoformat(),
        "jenis_kelamin": "P" if int(digits[6:8]) > 40 else "L",
        "umur": str(age),
        "kode_provinsi": digits[:2],
        "provinsi": province,
        "kode_wilayah": f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}",
    }
    return None, warnings, details


def check_nik(value: str, *, today: date) -> IdCheck:
    """Check a NIK: 16 digits, a known province, a real birth date; warn on an unlikely age."""
    digits = _clean_digits("NIK", value)
    if isinstance(digits, IdCheck):
        return digits
    error, warnings, details = _nik_verdict(digits, today)
    if error is not None:
        return _fail("NIK", value, error)
    return IdCheck("NIK", value, digits, _group4(digits), None, warnings, details)


# --- NPWP and NITKU -----------------------------------------------------------------------


def format_npwp(digits: str) -> str:
    """Display form of a 15- or 16-digit NPWP; anything else comes back unchanged."""
    if len(digits) == 15:
        return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}.{digits[8]}-{digits[9:12]}.{digits[12:]}"
    if len(digits) == 16:
        # stdnum's npwp.format() garbles 16 digits and DJP prints them unbroken; four groups of
        # four are easiest to read aloud and match the NIK display (a person's NPWP is the NIK).
        return _group4(digits)
    return digits


def npwp_kind(digits: str) -> str:
    """'pribadi', 'badan' or 'tidak diketahui' for a digit-only NPWP (see NPWP_COMPANY_CODES)."""
    if len(digits) == 16 and not digits.startswith("0"):
        return "pribadi"
    legacy = digits[1:] if len(digits) == 16 else digits
    if legacy[:2] in NPWP_COMPANY_CODES:
        return "badan"
    if legacy[:2] in NPWP_PERSON_CODES:
        return "pribadi"
    return "tidak diketahui"


def _legacy_form_warning(legacy: str, kind: str) -> str:
    head = (
        "NPWP masih format 15 digit; sejak 1 Juli 2024 wajib NPWP 16 digit "
        "(PMK 112/2022 jo. PMK 136/2023): "
    )
    # A resident person's 16-digit NPWP is the NIK, not 0 + the old number.
    if kind == "badan":
        return head + f"gunakan 0{legacy}"
    if kind == "pribadi":
        return head + "untuk orang pribadi penduduk, NPWP 16 digit adalah NIK"
    return head + f"untuk badan 0{legacy}; untuk orang pribadi penduduk, NIK"


def check_npwp(value: str, *, today: date) -> IdCheck:
    """Check an NPWP, 15 (legacy) or 16 digits; a 16-digit one not starting with 0 is a NIK."""
    digits = _clean_digits("NPWP", value)
    if isinstance(digits, IdCheck):
        return digits
    if len(digits) not in (15, 16):
        return _fail("NPWP", value, f"NPWP harus 15 atau 16 digit; terisi {len(digits)} digit")
    if digits.count("0") == len(digits):
        # stdnum accepts 000000000000000: the zero checksum is valid.
        return _fail("NPWP", value, "NPWP tidak boleh semua nol")
    if len(digits) == 16 and digits[0] != "0":
        error, warnings, nik_details = _nik_verdict(digits, today)
        if error is not None:
            message = "NPWP 16 digit yang tidak diawali 0 adalah NIK, tetapi NIK ini tidak valid: "
            return _fail("NPWP", value, message + error)
        details = {"jenis": "pribadi", "digit": "16", "npwp_16": digits, **nik_details}
        return IdCheck("NPWP", value, digits, format_npwp(digits), None, warnings, details)
    legacy = digits[-15:]
    if legacy[:9] == "0" * 9:
        # 00.000.000.0 is the stand-in for "no NPWP" on tax invoices, never a taxpayer.
        return _fail("NPWP", value, "NPWP tidak boleh nol pada 9 digit pertama (00.000.000.0)")
    kind = npwp_kind(digits)
    warnings_list: list[str] = []
    if not luhn.is_valid(legacy[:9]):
        position = 9 if len(digits) == 15 else 10
        warnings_list.append(
            f"Digit pemeriksa NPWP (digit ke-{position}) tidak cocok; "
            "periksa kembali nomor pada kartu atau surat keterangan NPWP"
        )
    if len(digits) == 15:
        warnings_list.append(_legacy_form_warning(legacy, kind))
    details = {
        "jenis": kind,
        "digit": str(len(digits)),
        "npwp_16": "0" + legacy,
        "kode_kpp": legacy[9:12],
        "kode_cabang": legacy[12:],
    }
    return IdCheck("NPWP", value, digits, format_npwp(digits), None, tuple(warnings_list), details)


def check_nitku(value: str, *, today: date) -> IdCheck:
    """Check a NITKU: a valid 16-digit NPWP followed by a 6-digit location number."""
    digits = _clean_digits("NITKU", value)
    if isinstance(digits, IdCheck):
        return digits
    if len(digits) != 22:
        return _fail(
            "NITKU",
            value,
            f"NITKU harus 22 digit (NPWP 16 digit + 6 digit lokasi); terisi {len(digits)} digit",
        )
    npwp = check_npwp(digits[:16], today=today)
    if npwp.error is not None:
        return _fail("NITKU", value, f"16 digit pertama NITKU bukan NPWP yang valid: {npwp.error}")
    location = digits[16:]
    details = {
        **npwp.details,
        "npwp": digits[:16],
        "nomor_lokasi": location,
        "lokasi": "pusat" if location == "000000" else "cabang",
    }
    display = f"{npwp.display} {location}"
    return IdCheck("NITKU", value, digits, display, None, npwp.warnings, details)


# --- NIB ----------------------------------------------------------------------------------


def check_nib(value: str) -> IdCheck:
    """Check a NIB: exactly 13 digits (it has no public check digit; only OSS can verify it)."""
    digits = _clean_digits("NIB", value)
    if isinstance(digits, IdCheck):
        return digits
    if len(digits) != 13:
        return _fail("NIB", value, f"NIB harus 13 digit; terisi {len(digits)} digit")
    if digits.count("0") == len(digits):
        return _fail("NIB", value, "NIB tidak boleh semua nol")
    return IdCheck("NIB", value, digits, digits, None)


# --- email --------------------------------------------------------------------------------

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
        return f"Bagian email sebelum '@' berisi karakter tidak sah: {_char_label(bad)}"
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "Titik sebelum '@' tidak boleh di awal, di akhir, atau berurutan"
    if not domain:
        return "Domain email (sesudah '@') kosong"
    bad = next((char for char in domain if char not in _DOMAIN_CHARS), None)
    if bad is not None:
        return f"Domain email berisi karakter tidak sah: {_char_label(bad)}"
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
        return _fail("email", value, "Email belum diisi")
    text = value.strip()
    error = _email_error(text)
    if error is not None:
        return _fail("email", value, error)
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
    digits = _clean_digits("Nomor telepon", text[1:] if plus else text, _PHONE_SEPARATORS)
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
        return _fail("telepon", value, "Nomor telepon belum diisi")
    national, error = _national_phone(value.strip())
    if error is not None:
        return _fail("telepon", value, error)
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


# --- dispatch -----------------------------------------------------------------------------


def require(check: IdCheck, *, field: str | None = None) -> str:
    """The normalized value of a passing check; otherwise raise ValidationError with its error."""
    if check.error is not None or check.normalized is None:
        raise ValidationError(check.error or f"{check.kind} tidak valid", field=field)
    return check.normalized


CHECKERS: dict[str, Callable[..., IdCheck]] = {
    "nik": check_nik,
    "npwp": check_npwp,
    "nib": lambda value, *, today: check_nib(value),
    "nitku": check_nitku,
    "email": lambda value, *, today: check_email(value),
    "telepon": lambda value, *, today: check_phone(value),
}
"""Every checker under one signature, ``checker(value, *, today)``, for the CLI to dispatch."""
