"""What a receipt says about its case: the documents, who brought them, the notes and
the next step (filled in by the store when it issues one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lpse_desk.domain.intake import ChecklistLine
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.receipt import MAX_CHARS, ReceiptDocument

NEXT_STEP = {
    "tanda_terima": (
        "Berkas lengkap dan diteruskan ke verifikator. Hasilnya disampaikan melalui helpdesk "
        "LPSE Kota Bogor. Simpan tanda terima ini."
    ),
    "belum_lengkap": (
        "Berkas belum lengkap dan belum diproses. Lengkapi dokumen di atas, lalu datang kembali "
        "(ambil nomor antrian baru) atau kirim melalui helpdesk."
    ),
}

DEMO_OFFICER = "petugas loket"
"""Printed as the officer when a past case's intake officer is unknown."""


@dataclass(frozen=True)
class ReceiptLine:
    """A receipt as listed: number, time, vendor, service, file."""

    number: str
    kind: str
    issued_at: datetime
    vendor_name: str
    service_code: str
    file_path: str | None
    copies: int


def next_step(kind: str) -> str:
    """The receipt's next-step paragraph. The deadline is not repeated in it: the receipt
    prints it in a line of its own ("Paling lambat …", 24.00 for a deadline at 00.00)."""
    return NEXT_STEP[kind]


def receipt_notes(note: str | None, *, sikap_given: bool, sikap_note: str | None) -> str:
    """The case's note and the SIKaP assistance given, as printed under "Catatan" (a phone,
    NIK or NPWP typed in them masked: the receipt leaves the office)."""
    parts = []
    if note and note.strip():
        parts.append(note.strip())
    if sikap_given:
        done = (sikap_note or "").strip()
        parts.append("Pendampingan SIKaP diberikan" + (f": {done}" if done else "."))
    text = mask_logged_text("\n".join(parts))  # a phone or NIK typed in a note, masked
    limit = MAX_CHARS["notes"]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def receipt_documents(lines: Sequence[ChecklistLine]) -> tuple[ReceiptDocument, ...]:
    """The checklist as the receipt lists it."""
    return tuple(
        ReceiptDocument.of(
            line.check,
            original_required=line.requirement.original_required,
            copy_required=line.requirement.copy_kept,
            daring=line.daring,
        )
        for line in lines
    )


def bearer_shown(
    procedure: str, *, bearer_name: str | None, director_name: str | None, vendor_name: str
) -> str:
    """Who stood at the counter: nobody in the daring procedure.

    Cases opened before the bearer was recorded name the director, as they did then.
    """
    if procedure == "daring":
        return ""
    return bearer_name or director_name or vendor_name
