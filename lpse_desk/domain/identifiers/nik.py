"""NIK: 16 digits, a known province, a real birth date; an unlikely age is a warning."""

from __future__ import annotations

from datetime import date

from lpse_desk.domain.identifiers.check import IdCheck, age_on, clean_digits, fail, group4
from lpse_desk.domain.provinces import PROVINCES

ADULT_AGE = 17
"""Age at which a KTP is issued; a younger vendor representative is a likely typing mistake."""

MAX_PLAUSIBLE_AGE = 100


def _nik_birth_date(digits: str, today: date) -> date | None:
    """The birth date in a NIK, or None when DDMMYY is not a date.

    YY is 19YY or 20YY. The one that gives a plausible age (17–100) wins when only one does
    (a vendor born in 1926 is not a baby born in 2026); otherwise 20YY unless it has not
    happened yet (stdnum's get_birth_date always prefers 19YY; a holder born this century
    is likelier than a centenarian)."""
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        # Women have 40 added; subtracting (not day % 40) keeps 81-99 invalid as they should be.
        day -= 40
    candidates = []
    for century in (2000, 1900):
        try:
            born = date(century + year, month, day)
        except ValueError:
            continue
        if born <= today:
            candidates.append(born)
    plausible = [born for born in candidates
                 if ADULT_AGE <= age_on(born, today) <= MAX_PLAUSIBLE_AGE]  # fmt: skip
    if len(plausible) == 1:
        return plausible[0]
    return candidates[0] if candidates else None


def nik_verdict(digits: str, today: date) -> tuple[str | None, tuple[str, ...], dict[str, str]]:
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
    age = age_on(born, today)
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
    digits = clean_digits("NIK", value)
    if isinstance(digits, IdCheck):
        return digits
    error, warnings, details = nik_verdict(digits, today)
    if error is not None:
        return fail("NIK", value, error)
    return IdCheck("NIK", value, digits, group4(digits), None, warnings, details)
