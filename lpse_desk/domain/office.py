"""The unit's own particulars: where it is, how to call it, when it serves, where to complain.

Printed in the head of every receipt from layout 4 (a public-service receipt names its
office, its hours and its complaint channel), and the hours bound when a video call may be
scheduled. Set in ``data/settings.toml`` under ``[kantor]``; the defaults name Kota Bogor's
unit and the national complaint channel (SP4N-LAPOR!, Perpres 76/2013) and leave the phone
empty: the unit fills in its own number and confirms its hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from lpse_desk.domain.errors import ValidationError

DEFAULT_ADDRESS = "Mal Pelayanan Publik Kota Bogor, Kota Bogor, Jawa Barat"
DEFAULT_COMPLAINTS = "SP4N-LAPOR! (www.lapor.go.id)"
DEFAULT_OPENS = time(8, 0)
DEFAULT_CLOSES = time(15, 0)
TEXT_MAX = 200
"""Longest address, phone or complaint channel: one or two lines of an A5 head."""


@dataclass(frozen=True)
class Office:
    """The unit's address, phone, service hours (WIB, working days) and complaint channel."""

    address: str = DEFAULT_ADDRESS
    phone: str = ""
    opens: time = DEFAULT_OPENS
    closes: time = DEFAULT_CLOSES
    complaints: str = DEFAULT_COMPLAINTS

    def __post_init__(self) -> None:
        for name, label in (("address", "alamat"), ("phone", "telepon"),
                            ("complaints", "pengaduan")):  # fmt: skip
            value = getattr(self, name)
            if not isinstance(value, str) or len(value) > TEXT_MAX:
                raise ValidationError(
                    f"{label} kantor harus teks paling panjang {TEXT_MAX} karakter", field=label
                )
            if any(not ch.isprintable() for ch in value):
                raise ValidationError(f"{label} kantor berisi karakter kendali", field=label)
        if not self.address.strip():
            raise ValidationError("alamat kantor belum diisi", field="alamat")
        if not self.complaints.strip():
            raise ValidationError("kanal pengaduan belum diisi", field="pengaduan")
        if not self.opens < self.closes:
            raise ValidationError(
                f"jam buka ({hhmm(self.opens)}) harus sebelum jam tutup ({hhmm(self.closes)})",
                field="jam_buka",
            )

    @property
    def hours_text(self) -> str:
        """``Senin–Jumat 08.00–15.00 WIB`` (working days: not on holidays)."""
        return f"Senin–Jumat {hhmm(self.opens)}–{hhmm(self.closes)} WIB"


def hhmm(moment: time) -> str:
    """``08.00``."""
    return f"{moment.hour:02d}.{moment.minute:02d}"


def parse_hhmm(text: object, field: str) -> time:
    """``08.00`` or ``08:00`` → a time; ValidationError naming ``field`` otherwise."""
    if isinstance(text, str):
        parts = text.strip().replace(":", ".").split(".")
        if len(parts) == 2 and all(p.isascii() and p.isdigit() and len(p) == 2 for p in parts):
            hour, minute = int(parts[0]), int(parts[1])
            if hour < 24 and minute < 60:
                return time(hour, minute)
    raise ValidationError(f"{field}: tulis jam seperti \"08.00\"; terisi {text!r}", field=field)
