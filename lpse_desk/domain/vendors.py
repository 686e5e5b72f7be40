"""Vendor (penyedia) data rules: what is required, and normalisation through the validators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lpse_desk.domain.entities import LegalForm
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.identifiers import (
    check_email,
    check_nib,
    check_nik,
    check_npwp,
    check_phone,
)

LEGAL_FORM_LABELS: dict[LegalForm, str] = {
    LegalForm.PT: "PT",
    LegalForm.CV: "CV",
    LegalForm.KOPERASI: "Koperasi",
    LegalForm.PERORANGAN: "Usaha perorangan",
    LegalForm.ASING: "Perusahaan asing",
}


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


@dataclass(frozen=True)
class CleanVendor:
    """Validated, normalised vendor fields (empty optional fields become None)."""

    legal_form: LegalForm
    name: str
    npwp: str | None
    nib: str | None
    spse_user_id: str | None
    email: str | None
    phone: str | None
    address: str | None
    director_name: str | None
    director_nik: str | None
    warnings: tuple[str, ...] = ()


def _text(value: str, *, field: str, label: str, limit: int) -> str | None:
    cleaned = " ".join(value.split())
    if len(cleaned) > limit:
        raise ValidationError(
            f"{label} paling panjang {limit} karakter; terisi {len(cleaned)}", field=field
        )
    return cleaned or None


def validate_vendor(draft: VendorDraft, *, today: date) -> CleanVendor:
    """Check every field; the first hard error raises ValidationError naming the field."""
    try:
        legal_form = LegalForm(draft.legal_form.strip())
    except ValueError:
        choices = ", ".join(form.value for form in LegalForm)
        raise ValidationError(
            f"Bentuk usaha '{draft.legal_form}' tidak dikenal; pilih: {choices}", field="legal_form"
        ) from None
    name = _text(draft.name, field="name", label="Nama penyedia", limit=200)
    if not name:
        raise ValidationError("Nama penyedia wajib diisi", field="name")
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
        if not raw:
            values[field] = None
            continue
        result = checker(raw, today=today) if needs_today else checker(raw)
        if not result.ok:
            # The validators' messages already start with "NPWP …"/"NIB …"; don't say it twice.
            message = result.error if result.error.startswith(label) else f"{label}: {result.error}"
            raise ValidationError(message, field=field)
        values[field] = result.normalized
        warnings.extend(f"{label}: {warning}" for warning in result.warnings)
    if values["npwp"] is not None and len(values["npwp"]) == 15:
        # One key per taxpayer: the legacy 15-digit form is kept as its 16-digit
        # form ("0" + 15), so a vendor who brings either card is found again.
        values["npwp"] = "0" + values["npwp"]
    if values["npwp"] is None and legal_form is not LegalForm.ASING:
        raise ValidationError("NPWP wajib diisi (kecuali perusahaan asing)", field="npwp")
    return CleanVendor(
        legal_form=legal_form,
        name=name,
        npwp=values["npwp"],
        nib=values["nib"],
        spse_user_id=_text(
            draft.spse_user_id, field="spse_user_id", label="User ID SPSE", limit=100
        ),
        email=values["email"],
        phone=values["phone"],
        address=_text(draft.address, field="address", label="Alamat", limit=500),
        director_name=_text(
            draft.director_name, field="director_name", label="Nama direktur/pemilik", limit=200
        ),
        director_nik=values["director_nik"],
        warnings=tuple(warnings),
    )
