"""What a staff account may hold: a printable name, a default loket (for a role at one)."""

from __future__ import annotations

from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.roles import Role, sits_at_loket

NAME_MAX = 100
LOKET_MIN, LOKET_MAX = 1, 99


def clean_name(name: str) -> str:
    """A staff name with spaces tidied; ValidationError if empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError("Nama petugas wajib diisi", field="name")
    if len(cleaned) > NAME_MAX:
        raise ValidationError(
            f"Nama petugas paling panjang {NAME_MAX} karakter; terisi {len(cleaned)}",
            field="name",
        )
    if not cleaned.isprintable():
        raise ValidationError("Nama petugas berisi karakter yang tidak dapat dicetak", field="name")
    return cleaned


def check_loket(loket: int | None, *, role: Role | None = None) -> int | None:
    """A default loket, 1–99, or None; ValidationError otherwise, and for a ``role`` that
    serves no queue (the verifier sits at no loket, DOMAIN.md §1)."""
    if loket is not None and not LOKET_MIN <= loket <= LOKET_MAX:
        raise ValidationError(
            f"Loket default harus angka {LOKET_MIN}–{LOKET_MAX} atau dikosongkan; terisi {loket}",
            field="loket",
        )
    if loket is not None and role is not None and not sits_at_loket(role):
        raise ValidationError(
            f"{role.label} tidak melayani antrian, jadi tidak duduk di loket: kosongkan loket "
            "default",
            field="loket",
        )
    return loket


def require_another_admin(name: str, *, active_admin: bool, other_admins: int, change: str) -> None:
    """Refuse to take away the last active admin (nobody could manage the staff then):
    ``other_admins`` is how many other active admins there are."""
    if active_admin and not other_admins:
        raise Conflict(
            f"{name} adalah satu-satunya admin aktif dan tidak dapat {change}; "
            "tambahkan atau aktifkan admin lain dulu"
        )
