"""What a person reads on a receipt, as plain text: the record its signature covers.

A layout-3 receipt's signed summary (v2) carries ``fields_digest``, a hash of
``printed_fields``; so the signature covers the vendor's name, the bearer, every document line
and the deadline without spelling any of them out in the QR code. ``receipt verify`` shows the
same list, so an officer can hold it against a paper copy.

The text of ``printed_fields`` for layouts 3 and 4 is frozen: changing a single character
changes the digest of every receipt of those layouts already issued and makes genuine ones
fail. A new wording belongs to a new layout number.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING

from lpse_desk.domain.catalog import PROCEDURES, VENDOR_TYPE_LABELS
from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.privacy import is_personal_npwp, mask_nik, mask_npwp
from lpse_desk.domain.textfmt import format_date_id, format_deadline_id, format_long_id

if TYPE_CHECKING:
    from lpse_desk.domain.receipt.data import ReceiptData, ReceiptDocument

DASH = "—"
"""What the page prints for an empty field."""

OFFICE = "LPSE Kota Bogor"

_ORIGINAL_CHECKS = {"video_call": "lewat video call", "belum_diperiksa": "belum diperiksa"}


def _or_dash(value: str | None) -> str:
    return value if value else DASH


def shown_npwp(npwp: str) -> str:
    """An NPWP as a receipt prints it: a person's masked, a company's whole."""
    return mask_npwp(npwp, personal=is_personal_npwp(npwp))


def bearer_line(data: ReceiptData) -> str:
    """The Pembawa berkas line of layouts 2 and 3, without its bold markup."""
    if data.bearer_is_director:
        return f"{data.bearer_name} (direktur/pemilik, datang sendiri)"
    return f"{data.bearer_name}, penerima kuasa dengan Surat Kuasa"


def _mark(shown: bool, required: bool) -> str:
    # The page prints ✓ and —; words read better on a terminal and compare the same.
    if shown:
        return "ada"
    return "belum ada" if required else "tidak diminta"


def document_line(item: ReceiptDocument) -> str:
    """One checklist row as the page reads it: marks, validity, what is missing, notes."""
    original = _ORIGINAL_CHECKS.get(item.original_check or "") or _mark(
        item.original_shown, item.original_required
    )
    parts = [f"Asli: {original}", f"Salinan: {_mark(item.copy_received, item.copy_required)}"]
    if item.expiry_date:
        parts.append(f"Berlaku s.d. {format_date_id(item.expiry_date)}")
    if item.mandatory and not item.received:
        parts.append(item.status_text)  # "Kurang: …", as under "Yang masih kurang"
    if remarks := remark_parts(item):
        parts.append("Catatan: " + "; ".join(remarks))
    return " · ".join(parts)


METERAI_INVALID = "Meterai tidak sah"
METERAI_INVALID_WHY = " (tidak ada/bukan Rp 10.000): belum dapat diterima"


def remark_parts(item: ReceiptDocument) -> list[str]:
    """The Catatan of a document row: an invalid meterai, "Tidak dibawa" for an optional
    document left home, the officer's note. What a mandatory document lacks shows in its
    marks (—) and in "Yang masih kurang" instead."""
    parts = []
    if item.meterai_invalid:
        parts.append(METERAI_INVALID + METERAI_INVALID_WHY)
    elif not item.received and not item.mandatory:
        parts.append("Tidak dibawa")
    if item.note:
        parts.append(item.note)
    return parts


LEFT_HOME = "Tidak wajib, tidak dibawa"
"""From layout 4, the one line naming the optional documents the vendor did not bring."""


def left_home(item: ReceiptDocument) -> bool:
    """An optional document the vendor did not bring: nothing shown, kept, noted or marked."""
    return not (
        item.mandatory or item.received or item.original_shown or item.copy_received
        or item.meterai_invalid or item.note or item.expiry_date or item.original_check
    )  # fmt: skip


def listed(data: ReceiptData) -> tuple[tuple[ReceiptDocument, ...], tuple[str, ...]]:
    """The checklist's rows and, from layout 4, the names of the optional documents left
    home (one line under the table instead of rows of "tidak diminta")."""
    if data.layout < 4:
        return data.documents, ()
    rows = tuple(item for item in data.documents if not left_home(item))
    return rows, tuple(item.name for item in data.documents if left_home(item))


def deadline_text(data: ReceiptData) -> str:
    """The deadline as printed: from layout 4 one at 00.00 reads 24.00 of the day before."""
    if data.due_at is None:
        return DASH
    return format_deadline_id(data.due_at) if data.layout >= 4 else format_long_id(data.due_at)


def printed_fields(data: ReceiptData) -> list[tuple[str, str]]:
    """Every field a person reads on the receipt, in page order, as printed (NPWP, NIK masked).

    Labels are the page's own; empty fields read ``—`` as on the page.
    """
    counter = f"Loket {data.loket} · " if data.loket is not None else ""
    nik = mask_nik(data.director_nik) if data.director_nik else None
    fields: list[tuple[str, str]] = []
    if data.layout >= 4:
        fields += [
            ("Kantor", data.office_address),
            ("Telepon", _or_dash(data.office_phone)),
            ("Jam layanan", data.office_hours),
            ("Pengaduan", data.office_complaints),
        ]
    fields += [
        ("Nomor", data.number),
        ("Jenis", data.title + (" (SALINAN)" if data.copy else "")),
        ("Tanggal", format_long_id(data.issued_at)),
        ("Layanan", f"{data.service_code} · {data.service_name}"),
        ("Loket / petugas", counter + data.officer_name),
        ("Prosedur", PROCEDURES.get(data.procedure, data.procedure)),
        ("No. antrian", _or_dash(data.queue_ticket)),
        ("No. tiket", data.desk_ticket_no),
        ("No. helpdesk", _or_dash(data.helpdesk_request_no)),
        ("Nama penyedia", data.vendor_name),
        ("Bentuk usaha", VENDOR_TYPE_LABELS.get(data.vendor_legal_form, data.vendor_legal_form)),
        ("NPWP", shown_npwp(data.npwp) if data.npwp else DASH),
        ("NIB", _or_dash(data.nib)),
        ("User ID SPSE", _or_dash(data.spse_user_id)),
        ("NIK direktur", _or_dash(nik)),
    ]
    if data.procedure != "daring":  # online, nobody brings the file
        fields.append(("Pembawa berkas", bearer_line(data)))
    rows, left = listed(data)
    for number, item in enumerate(rows, start=1):
        name = item.name if item.mandatory else f"{item.name} (tidak wajib)"
        fields.append((f"Dokumen {number}: {name}", document_line(item)))
    if left:
        fields.append((LEFT_HOME, "; ".join(left)))
    if data.layout >= 4:  # the notes stand before the next step, as on the page
        fields += [
            ("Catatan", _or_dash(data.notes)),
            ("Langkah berikutnya", data.next_step),
            ("Paling lambat", deadline_text(data)),
        ]
        return fields
    fields += [
        ("Langkah berikutnya", data.next_step),
        ("Paling lambat", deadline_text(data)),
        ("Catatan", _or_dash(data.notes)),
    ]
    return fields


def fields_digest(data: ReceiptData) -> str:
    """SHA-256 (first 16 bytes, base64url) of ``printed_fields``, canonically encoded."""
    canonical = json.dumps(printed_fields(data), ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def qr_text(data: ReceiptData, signed: str) -> str:
    """What the QR code holds: from layout 3 a line any phone shows, then the signed summary.

    Kept short so the code stays version 14 (73 modules, 0.44 mm each on the 80 mm roll).
    """
    if data.layout < 3:
        return signed
    kind = "Tanda terima" if data.kind == "tanda_terima" else "Slip belum lengkap"
    when = f"{to_wib(data.issued_at):%d-%m-%Y %H.%M}"
    copy = " SALINAN" if data.copy else ""
    return f"{kind}{copy} {OFFICE} {data.number} {when} WIB\n{signed}"
