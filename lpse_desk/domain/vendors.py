"""Vendor (penyedia) data rules: what is required, normalisation through the validators,
what identifies one vendor, and who may change the data the UBAH service verifies."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lpse_desk.domain.entities import LegalForm, StaffMember, VendorFields
from lpse_desk.domain.errors import PermissionDenied, ValidationError
from lpse_desk.domain.identifiers import (
    check_email,
    check_nib,
    check_nik,
    check_npwp,
    check_phone,
    strip_separators,
)
from lpse_desk.domain.privacy import mask_nik, mask_npwp
from lpse_desk.domain.roles import Permission, can

LEGAL_FORM_LABELS: dict[LegalForm, str] = LegalForm.labels()

FIELD_LABELS: dict[str, str] = {
    "legal_form": "Bentuk usaha",
    "name": "Nama penyedia",
    "npwp": "NPWP",
    "nib": "NIB",
    "spse_user_id": "User ID SPSE",
    "email": "Email",
    "phone": "Telepon",
    "address": "Alamat",
    "director_name": "Nama direktur/pemilik",
    "director_nik": "NIK direktur/pemilik",
}
"""The fields an officer can change, with their labels (the event log, refusals)."""


def logged_value(field: str, value: str | None) -> str:
    """A value as the event log may keep it: a NIK and a person's NPWP masked (UU 27/2022)."""
    if value is None:
        return "(kosong)"
    if field == "director_nik":
        return mask_nik(value)
    if field == "npwp":
        return mask_npwp(value)
    if field == "legal_form":
        return LEGAL_FORM_LABELS.get(value, value)
    return value


@dataclass(frozen=True)
class VendorDraft:
    """Vendor fields as typed by an officer, before validation."""

    legal_form: str
    name: str
    npwp: str = ""
    nib: str = ""
    spse_user_id: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    director_name: str = ""
    director_nik: str = ""


@dataclass(frozen=True, kw_only=True)
class CleanVendor(VendorFields):
    """Validated, normalised vendor fields (empty optional fields become None)."""

    warnings: tuple[str, ...] = ()


def _text(value: str, *, field: str, label: str, limit: int) -> str | None:
    cleaned = " ".join(value.split())
    if len(cleaned) > limit:
        raise ValidationError(
            f"{label} paling panjang {limit} karakter; terisi {len(cleaned)}", field=field
        )
    return cleaned or None


def _legal_form(value: str) -> LegalForm:
    try:
        return LegalForm(value.strip())
    except ValueError:
        choices = ", ".join(form.value for form in LegalForm)
        raise ValidationError(
            f"Bentuk usaha '{value}' tidak dikenal; pilih: {choices}", field="legal_form"
        ) from None


def _user_id(value: str) -> str | None:
    """An SPSE user ID as SPSE has it: one word (an approval refuses one with a space, so
    the vendor's data must not hold one either)."""
    cleaned = _text(value, field="spse_user_id", label="User ID SPSE", limit=100)
    if cleaned is not None and " " in cleaned:
        raise ValidationError(
            f"User ID SPSE tanpa spasi, seperti tertulis di SPSE; terisi '{cleaned}'",
            field="spse_user_id",
        )
    return cleaned


def validate_vendor(draft: VendorDraft, *, today: date) -> CleanVendor:
    """Check every field; ValidationError names every field that breaks a hard rule, one per
    line, the first one's field for the form's focus (a form with three mistakes is not
    sent back three times)."""
    problems: list[ValidationError] = []

    def checked(check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as problem:
            problems.append(problem)
            return None

    legal_form = checked(_legal_form, draft.legal_form)
    name = checked(_text, draft.name, field="name", label="Nama penyedia", limit=200)
    if not name and not any(problem.field == "name" for problem in problems):
        problems.append(ValidationError("Nama penyedia wajib diisi", field="name"))
    warnings: list[str] = []
    values: dict[str, str | None] = {}
    checks = (
        ("npwp", "NPWP", check_npwp, True),
        ("nib", "NIB", check_nib, False),
        ("email", "Email", check_email, False),
        ("phone", "Telepon", check_phone, False),
        ("director_nik", "NIK direktur/pemilik", check_nik, True),
    )
    for field, label, checker, needs_today in checks:
        raw = getattr(draft, field).strip()
        values[field] = None
        if not raw:
            continue
        result = checker(raw, today=today) if needs_today else checker(raw)
        if not result.ok:
            # The validators' messages already start with "NPWP …"/"NIB …"; don't say it twice.
            message = result.error if result.error.startswith(label) else f"{label}: {result.error}"
            problems.append(ValidationError(message, field=field))
            continue
        values[field] = result.normalized
        warnings.extend(f"{label}: {warning}" for warning in result.warnings)
    if values["npwp"] is not None and len(values["npwp"]) == 15:
        # One key per taxpayer: the legacy 15-digit form is kept as its 16-digit
        # form ("0" + 15), so a vendor who brings either card is found again.
        values["npwp"] = "0" + values["npwp"]
    no_npwp = not draft.npwp.strip()
    if no_npwp and legal_form is not None and legal_form is not LegalForm.ASING:
        problems.append(ValidationError("NPWP wajib diisi (kecuali perusahaan asing)", field="npwp"))
    user_id = checked(_user_id, draft.spse_user_id)
    address = checked(_text, draft.address, field="address", label="Alamat", limit=500)
    director = checked(_text, draft.director_name, field="director_name",
                       label="Nama direktur/pemilik", limit=200)  # fmt: skip
    if problems:
        raise ValidationError(
            "\n".join(str(problem) for problem in problems), field=problems[0].field
        )
    assert legal_form is not None and name
    return CleanVendor(
        legal_form=legal_form,
        name=name,
        npwp=values["npwp"],
        nib=values["nib"],
        spse_user_id=user_id,
        email=values["email"],
        phone=values["phone"],
        address=address,
        director_name=director,
        director_nik=values["director_nik"],
        warnings=tuple(warnings),
    )


_NAME_FORMS = {
    "pt": LegalForm.PT,
    "cv": LegalForm.CV,
    "koperasi": LegalForm.KOPERASI,
    "kop": LegalForm.KOPERASI,
    "ud": LegalForm.PERORANGAN,  # usaha dagang: a sole trader's business name
}


def draft_from_text(text: str) -> VendorDraft:
    """A new vendor's draft from what was typed in the search: an NPWP, a NIB or a name.

    A name's first word guesses the legal form ("CV Maju Jaya" is a CV); a number of an
    NPWP's or a NIB's length goes to that field.
    """
    text = text.strip()
    digits = strip_separators(text)
    if digits.isascii() and digits.isdigit():
        if len(digits) in (15, 16):
            return VendorDraft(legal_form="", name="", npwp=text)
        if len(digits) == 13:
            return VendorDraft(legal_form="", name="", nib=digits)
        return VendorDraft(legal_form="", name="")
    first = text.split()[0].replace(".", "").casefold() if text else ""
    form = _NAME_FORMS.get(first)
    return VendorDraft(legal_form=form.value if form else "", name=text)


# --- names as compared ----------------------------------------------------------------------

LEGAL_WORDS = frozenset(
    {
        "pt", "cv", "tbk", "persero", "koperasi", "kop", "ud", "fa", "firma", "perum",
        "ltd", "inc", "llc", "gmbh", "bv", "pte", "corp", "co", "plc", "sdn", "bhd",
    }
)  # fmt: skip
"""Words of a legal form, ranked after the words that tell vendors apart."""

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h"}
)
_DROPPED = "'’ʼ`"
"""Removed without splitting: "Ma'ruf" is one word."""


def search_words(text: str) -> list[str]:
    """The words of a name or a query: case and accents folded, punctuation dropped.

    Runs of single letters are joined, so "P.T." and "P T" are "pt".
    """
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)
    kept = (
        char if char.isalnum() else " "
        for char in folded
        if not unicodedata.combining(char) and char not in _DROPPED
    )
    words: list[str] = []
    initials = False
    for word in "".join(kept).split():
        single = len(word) == 1 and word.isalpha()
        if single and initials:
            words[-1] += word
        else:
            words.append(word)
            initials = single
    return words


def same_name(first: str, second: str) -> bool:
    """Whether two vendor names are the same once folded as the search keys fold them.

    Case, accents, punctuation and legal-form words are ignored: "PT. Maju Jaya" and
    "maju jaya" are the same name; "Maju Jaya Abadi" is another.
    """
    words = [w for w in search_words(first) if w not in LEGAL_WORDS]
    return bool(words) and words == [w for w in search_words(second) if w not in LEGAL_WORDS]


def npwp_neighbours(npwp: str) -> list[str]:
    """Every NPWP of the same length that differs from ``npwp`` in exactly one digit."""
    return [
        npwp[:index] + digit + npwp[index + 1 :]
        for index in range(len(npwp))
        for digit in "0123456789"
        if digit != npwp[index]
    ]


# --- the data the UBAH service verifies -----------------------------------------------------

VERIFIED_FIELDS = ("name", "npwp", "email")
"""Changed only through an UBAH request (DOMAIN.md §2), or by an admin."""

VERIFIED_NOTE = "Nama, NPWP dan email hanya dapat diubah lewat layanan UBAH (diverifikasi)."
"""The form's one-line explanation for an officer who may not change them."""


def may_change_verified(staff: StaffMember | None) -> bool:
    """Whether ``staff`` may change a vendor's verified fields directly (an active admin)."""
    return staff is not None and staff.active and can(staff.role, Permission.MANAGE)


def require_verified_change(staff: StaffMember | None, fields: Iterable[str]) -> None:
    """PermissionDenied naming the verified fields when ``staff`` may not change them."""
    labels = [FIELD_LABELS[field] for field in fields if field in VERIFIED_FIELDS]
    if labels and not may_change_verified(staff):
        raise PermissionDenied(
            f"{' dan '.join(labels)} hanya dapat diubah lewat layanan UBAH (perubahan data) "
            "yang diverifikasi, atau oleh admin; ajukan permohonan UBAH"
        )
