"""NPWP (the 16-digit form and the legacy 15), NITKU and NIB."""

from __future__ import annotations

from datetime import date

from stdnum import luhn

from lpse_desk.domain.identifiers.check import IdCheck, clean_digits, fail, group4
from lpse_desk.domain.identifiers.nik import nik_verdict

NPWP_COMPANY_CODES = frozenset({"01", "02", "03"})
"""Legacy taxpayer-type digits of a badan. DJP publishes no table; the widely repeated one
(pajakku.com, tempo.co, katadata.co.id) reads 01-03 badan, 04/06 pengusaha, 05 karyawan,
07-09 orang pribadi. Newer numbers use other codes (21, 31, 41, 64...) of unknown type."""

NPWP_PERSON_CODES = frozenset({"04", "05", "06", "07", "08", "09"})
"""Legacy taxpayer-type digits of an orang pribadi (same source as the company codes)."""


def format_npwp(digits: str) -> str:
    """Display form of a 15- or 16-digit NPWP; anything else comes back unchanged."""
    if len(digits) == 15:
        return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}.{digits[8]}-{digits[9:12]}.{digits[12:]}"
    if len(digits) == 16:
        # stdnum's npwp.format() garbles 16 digits and DJP prints them unbroken; four groups of
        # four are easiest to read aloud and match the NIK display (a person's NPWP is the NIK).
        return group4(digits)
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
    digits = clean_digits("NPWP", value)
    if isinstance(digits, IdCheck):
        return digits
    if len(digits) not in (15, 16):
        return fail("NPWP", value, f"NPWP harus 15 atau 16 digit; terisi {len(digits)} digit")
    if digits.count("0") == len(digits):
        # stdnum accepts 000000000000000: the zero checksum is valid.
        return fail("NPWP", value, "NPWP tidak boleh semua nol")
    if len(digits) == 16 and digits[0] != "0":
        error, warnings, nik_details = nik_verdict(digits, today)
        if error is not None:
            message = "NPWP 16 digit yang tidak diawali 0 adalah NIK, tetapi NIK ini tidak valid: "
            return fail("NPWP", value, message + error)
        details = {"jenis": "pribadi", "digit": "16", "npwp_16": digits, **nik_details}
        return IdCheck("NPWP", value, digits, format_npwp(digits), None, warnings, details)
    legacy = digits[-15:]
    if legacy[:9] == "0" * 9:
        # 00.000.000.0 is the stand-in for "no NPWP" on tax invoices, never a taxpayer.
        return fail("NPWP", value, "NPWP tidak boleh nol pada 9 digit pertama (00.000.000.0)")
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
    digits = clean_digits("NITKU", value)
    if isinstance(digits, IdCheck):
        return digits
    if len(digits) != 22:
        return fail(
            "NITKU",
            value,
            f"NITKU harus 22 digit (NPWP 16 digit + 6 digit lokasi); terisi {len(digits)} digit",
        )
    npwp = check_npwp(digits[:16], today=today)
    if npwp.error is not None:
        return fail("NITKU", value, f"16 digit pertama NITKU bukan NPWP yang valid: {npwp.error}")
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
    digits = clean_digits("NIB", value)
    if isinstance(digits, IdCheck):
        return digits
    if len(digits) != 13:
        return fail("NIB", value, f"NIB harus 13 digit; terisi {len(digits)} digit")
    if digits.count("0") == len(digits):
        return fail("NIB", value, "NIB tidak boleh semua nol")
    return IdCheck("NIB", value, digits, digits, None)
