"""What a staff account may hold: a printable name, a default loket."""

from __future__ import annotations

from lpse_desk.domain.errors import ValidationError

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


def check_loket(loket: int | None) -> int | None:
    """A default loket, 1–99, or None; ValidationError otherwise."""
    if loket is not None and not LOKET_MIN <= loket <= LOKET_MAX:
        raise ValidationError(
            f"Loket default harus angka {LOKET_MIN}–{LOKET_MAX} atau dikosongkan; terisi {loket}",
            field="loket",
        )
    return loket
