"""What approval does per service (DOMAIN.md §2): UBAH's requested changes, the SPSE user ID.

REG activates the vendor's SPSE account (user ID and time recorded), UBAH applies the
requested changes (email, address, company name, company NPWP) with old and new values
kept in the case, UID records the user ID told to the vendor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.identifiers import check_email, check_npwp, require
from lpse_desk.domain.privacy import mask_npwp

# --- UBAH: the requested changes----------------------------------------------------


CHANGEABLE_FIELDS: dict[str, str] = {
    "email": "Email",
    "address": "Alamat",
    "name": "Nama perusahaan",
    "npwp": "NPWP perusahaan",
}
"""The vendor fields a UBAH request may change (DOMAIN.md §2), with their labels."""


def parse_change_field(value: str) -> str:
    """The field named by ``value`` (its code or its label); ValidationError lists the choices."""
    wanted = " ".join((value or "").split()).casefold()
    for code, label in CHANGEABLE_FIELDS.items():
        if wanted in (code, label.casefold()):
            return code
    choices = ", ".join(f"{code} ({label})" for code, label in CHANGEABLE_FIELDS.items())
    raise ValidationError(
        f"Data '{value}' tidak dapat diubah lewat layanan UBAH; pilih: {choices}", field="data"
    )


def clean_change_value(field: str, value: str, *, today: date) -> str:
    """The new value of a changed field, normalised through the foundation's validators."""
    text = " ".join((value or "").split())
    label = CHANGEABLE_FIELDS[field]
    if not text:
        raise ValidationError(f"{label} baru wajib diisi", field=field)
    if field == "email":
        return require(check_email(text), field=field)
    if field == "npwp":
        digits = require(check_npwp(text, today=today), field=field)
        # Stored as the 16-digit form, like every vendor's NPWP (store.vendors).
        return "0" + digits if len(digits) == 15 else digits
    limit = 200 if field == "name" else 500
    if len(text) > limit:
        raise ValidationError(
            f"{label} paling panjang {limit} karakter; terisi {len(text)}", field=field
        )
    return text


def change_value_warnings(field: str, value: str, *, today: date) -> tuple[str, ...]:
    """What the officer should check again in a recorded new value (the soft rules of
    DOMAIN.md §4: an NPWP whose check digit fails, a likely typo in an email's domain); the
    value is recorded all the same."""
    if field == "npwp":
        return check_npwp(value, today=today).warnings
    if field == "email":
        return check_email(value).warnings
    return ()


def shown_value(field: str, value: str | None) -> str:
    """A changed value as screens, events and messages show it (a person's NPWP masked)."""
    if value is None or value == "":
        return "(kosong)"
    if field == "npwp":
        return mask_npwp(value)
    return value


@dataclass(frozen=True)
class CaseChange:
    """One change a UBAH case asks for; old and new values are kept in the case."""

    id: int
    case_id: int
    field: str
    old_value: str | None
    """The vendor's value when the change was requested (rewritten when applied)."""
    new_value: str
    requested_by: int | None
    requested_at: datetime
    applied_at: datetime | None

    @property
    def label(self) -> str:
        """The field's Indonesian label."""
        return CHANGEABLE_FIELDS.get(self.field, self.field)

    @property
    def text(self) -> str:
        """``Email: lama@x.id → baru@x.id`` with personal numbers masked."""
        return (
            f"{self.label}: {shown_value(self.field, self.old_value)} → "
            f"{shown_value(self.field, self.new_value)}"
        )


# --- the outcome of each service ---------------------------------------------------------


def clean_user_id(value: str | None, *, required: bool, service_code: str) -> str | None:
    """An SPSE user ID given with an approval (REG: activated; UID: told to the vendor)."""
    text = " ".join((value or "").split())
    if not text:
        if required:
            raise ValidationError(
                f"{service_code}: tulis user ID SPSE yang "
                + ("diaktifkan" if service_code == "REG" else "diberikan kepada penyedia"),
                field="user_id",
            )
        return None
    if len(text) > 100 or " " in text:
        raise ValidationError(
            "User ID SPSE paling panjang 100 karakter dan tanpa spasi", field="user_id"
        )
    return text
