"""The tanda terima (and the incomplete-file slip) as data.

``ReceiptData`` holds everything printed on one receipt, with the *full* NPWP and NIK: masking
happens when rendering, so the store can keep the exact data (``to_json``) and reprint it.
Its signed summary (``signed``) is what the QR code and the PDF metadata carry.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import DocumentCheck
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.privacy import mask_logged_text

KIND_LABELS: dict[str, str] = {
    "tanda_terima": "TANDA TERIMA BERKAS",
    "belum_lengkap": "BERKAS BELUM LENGKAP",
}
"""Receipt kind → the title printed on it."""

PROCEDURE_IDS = ("tatap_muka", "daring")

ORIGINAL_CHECKS = (None, "video_call", "belum_diperiksa")
"""How a document's original was checked: at the desk (None), or in the daring procedure
on the video call / not yet."""

SIGNED_PREFIX = "LPSEDESK1"
"""First part of a signed summary; names the format so a later one can be told apart."""

JSON_VERSION = 1
LAYOUT = 4
"""Layout 4: the unit's address, phone, hours and complaint channel in the head (signed with the
rest), optional documents not brought in one line, the deadline at the end of a working day
written as 24.00 of that day, "Halaman 1 dari 2" on a sheet, one A5 sheet for the usual file.
Layout 3: the signature covers every printed field (summary v2) and the QR code starts with
a line any phone shows. Layout 2: the real bearer and their signature box, none for a daring
request, daring originals as seen on the video call. Layout 1: what receipts printed before.
A receipt is always drawn again with the layout it was issued with."""
LAYOUTS = (1, 2, 3, 4)
OFFICE_FIELDS = ("office_address", "office_phone", "office_hours", "office_complaints")
"""The unit's particulars a layout-4 receipt prints (stored only from layout 4)."""
_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9./-]{2,39}", re.ASCII)

MAX_CHARS: dict[str, int] = {"note": 500, "notes": 2000, "next_step": 1000}
"""Longest text each field may hold; any other text field (names, numbers) holds 300.
A document's row on an A5 sheet cannot break across pages, so its note must stay short."""
_MAX_OTHER = 300


def _fail(message: str, field: str) -> ValidationError:
    return ValidationError(f"Data tanda terima tidak valid: {message}", field=field)


# --- documents --------------------------------------------------------------------------


def _check_lengths(item: object) -> None:
    for name, value in vars(item).items():
        limit = MAX_CHARS.get(name, _MAX_OTHER)
        if isinstance(value, str) and len(value) > limit:
            raise _fail(f"{name} paling panjang {limit} karakter; terisi {len(value)}", name)


@dataclass(frozen=True, kw_only=True)
class ReceiptDocument:
    """One line of the receipt's checklist: what the catalog asks and what was handed in."""

    requirement_id: str
    name: str
    mandatory: bool
    original_required: bool
    original_shown: bool
    copy_required: bool
    copy_received: bool
    expiry_date: date | None = None
    note: str = ""
    meterai_invalid: bool = False
    """Brought with a missing or old meterai: not received (UU 10/2020 Pasal 21)."""
    original_check: str | None = None
    """Daring only: ``video_call`` (seen on the held call) or ``belum_diperiksa``."""

    def __post_init__(self) -> None:
        if self.original_check not in ORIGINAL_CHECKS:
            raise _fail(f"cara pemeriksaan asli '{self.original_check}' tidak dikenal", "documents")
        for name in ("requirement_id", "name", "note"):
            if not isinstance(getattr(self, name), str):
                raise _fail(f"{name} dokumen harus berupa teks", name)
        if not self.requirement_id or not self.name.strip():
            raise _fail("dokumen tanpa id atau nama", "documents")
        if self.meterai_invalid and (self.original_shown or self.copy_received):
            # A tick beside "belum dapat diterima" would contradict itself on paper.
            raise _fail(f"{self.name}: meterai tidak sah tetapi ditandai diterima", "documents")
        _check_lengths(self)

    @classmethod
    def of(
        cls,
        check: DocumentCheck,
        *,
        original_required: bool,
        copy_required: bool,
        daring: bool = False,
    ) -> ReceiptDocument:
        """The receipt line of a ticked checklist row (the flags come from the Requirement).

        Daring: an original is never shown at the desk; the line says whether it was seen
        on the video call or not yet.
        """
        original_check = None
        if daring and original_required:
            original_check = "video_call" if check.original_call_id else "belum_diperiksa"
        return cls(
            requirement_id=check.requirement_id,
            name=check.name,
            mandatory=check.mandatory,
            original_required=original_required,
            original_shown=check.original_shown,
            copy_required=copy_required,
            copy_received=check.copy_received,
            expiry_date=check.expiry_date,
            note=mask_logged_text(check.note),  # a NIK or phone typed in it: not on paper
            meterai_invalid=check.meterai_invalid,
            original_check=original_check,
        )

    @property
    def received(self) -> bool:
        """Whether what the catalog asks was shown/kept (a document asking neither: brought).

        An invalid meterai keeps it missing; a daring original is checked on the video
        call, not at the desk, so it does not count here.
        """
        if self.meterai_invalid:
            return False
        original_required = self.original_required and self.original_check is None
        if not (original_required or self.copy_required):
            return self.original_shown or self.copy_received
        original_ok = self.original_shown or not original_required
        copy_ok = self.copy_received or not self.copy_required
        return original_ok and copy_ok

    @property
    def status_text(self) -> str:
        """Short Indonesian status, e.g. ``Diterima`` or ``Kurang: salinan belum diserahkan``."""
        if self.received:
            return "Diterima"
        if self.meterai_invalid:
            return "Kurang: meterai tidak sah (bukan Rp 10.000)"
        if not self.mandatory:
            return "Tidak dibawa (tidak wajib)"
        lacking_original = self.original_required and not self.original_shown
        lacking_copy = self.copy_required and not self.copy_received
        if lacking_original and lacking_copy:
            return "Kurang: asli dan salinan belum ada"
        if lacking_original:
            return "Kurang: asli belum diperlihatkan"
        return "Kurang: salinan belum diserahkan"


def receipt_kind(documents: tuple[ReceiptDocument, ...]) -> str:
    """``tanda_terima`` when every mandatory document was received, else ``belum_lengkap``."""
    complete = all(item.received for item in documents if item.mandatory)
    return "tanda_terima" if complete else "belum_lengkap"


# --- the receipt ------------------------------------------------------------------------


_MASKED_NIK = re.compile(r"[0-9]{4}\*{8}[0-9]{4}")
"""A NIK as printed (``privacy.mask_nik``): all a receipt needs to be drawn again."""


def _digits(value: str | None, lengths: tuple[int, ...], field: str, what: str) -> None:
    if value is None:
        return
    if not (isinstance(value, str) and value.isascii() and value.isdigit()):
        raise _fail(f"{what} harus berupa angka saja (tanpa titik/strip)", field)
    if len(value) not in lengths:
        wanted = " atau ".join(str(n) for n in lengths)
        raise _fail(f"{what} harus {wanted} digit; terisi {len(value)}", field)


def _aware(value: object, field: str, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise _fail(f"{what} harus berupa waktu", field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise _fail(f"{what} harus memuat zona waktu (WIB)", field)
    return to_wib(value)


@dataclass(frozen=True, kw_only=True)
class ReceiptData:
    """Everything printed on one tanda terima or incomplete-file slip (full identifiers)."""

    number: str
    """``TT-LPSE/2026/000123``; a slip uses the same numbering."""
    kind: str
    """``tanda_terima`` (file complete) or ``belum_lengkap`` (the slip)."""
    issued_at: datetime
    loket: int | None
    officer_name: str
    service_code: str
    service_name: str
    procedure: str
    """``tatap_muka`` or ``daring``."""
    vendor_name: str
    vendor_legal_form: str
    npwp: str | None
    """15 or 16 digits, unmasked; masked when rendered if it may be a person's."""
    nib: str | None
    spse_user_id: str | None
    bearer_name: str
    """Who stood at the counter and signs; empty in the daring procedure (nobody came)."""
    bearer_is_director: bool
    director_nik: str | None
    """Always rendered masked (``3271********0001``), and stored so since receipts stopped
    keeping what a reprint does not need; receipts issued before keep the 16 digits."""
    queue_ticket: str | None
    helpdesk_request_no: str | None
    desk_ticket_no: str
    documents: tuple[ReceiptDocument, ...]
    next_step: str
    due_at: datetime | None
    """The verifier's deadline (1x24 jam kerja), when the clock runs."""
    copy: bool
    """False: the original print; True: a reprint marked SALINAN."""
    notes: str = ""
    office_address: str = ""
    office_phone: str = ""
    office_hours: str = ""
    """``Senin–Jumat (hari kerja) 08.00–15.00 WIB``, as the settings had it at issue."""
    office_complaints: str = ""
    layout: int = LAYOUT
    """How the page reads: receipts stored before layout 2 are drawn again exactly as they
    were issued (the bearer's wording, the signature box), so a repair gives the same bytes."""

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise _fail(f"tata letak {self.layout} tidak dikenal", "layout")
        if self.kind not in KIND_LABELS:
            raise _fail(
                f"jenis '{self.kind}' tidak dikenal; pilih {', '.join(KIND_LABELS)}", "kind"
            )
        if self.procedure not in PROCEDURE_IDS:
            raise _fail(
                f"prosedur '{self.procedure}' tidak dikenal; pilih {', '.join(PROCEDURE_IDS)}",
                "procedure",
            )
        if not (isinstance(self.number, str) and _NUMBER.fullmatch(self.number)):
            raise _fail(f"nomor '{self.number}' tidak sah (contoh TT-LPSE/2026/000123)", "number")
        object.__setattr__(self, "issued_at", _aware(self.issued_at, "issued_at", "Waktu terbit"))
        if self.due_at is not None:
            object.__setattr__(self, "due_at", _aware(self.due_at, "due_at", "Batas waktu"))
        if self.loket is not None and (isinstance(self.loket, bool) or not 1 <= self.loket <= 99):
            raise _fail("nomor loket harus 1–99", "loket")
        required = ["officer_name", "service_code", "service_name", "vendor_name"]
        if self.procedure != "daring":
            required.append("bearer_name")
        elif not isinstance(self.bearer_name, str):
            raise _fail("bearer_name harus berupa teks", "bearer_name")
        for name in required:
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise _fail(f"{name} belum diisi", name)
        if self.layout >= 4:
            for name in ("office_address", "office_hours", "office_complaints"):
                value = getattr(self, name)
                if not isinstance(value, str) or not value.strip():
                    raise _fail(f"{name} belum diisi (pengaturan [kantor])", name)
        elif any(getattr(self, name) for name in OFFICE_FIELDS):
            raise _fail(f"tata letak {self.layout} tidak memuat data kantor", "layout")
        _check_lengths(self)
        _digits(self.npwp, (15, 16), "npwp", "NPWP")
        if not (isinstance(self.director_nik, str) and _MASKED_NIK.fullmatch(self.director_nik)):
            _digits(self.director_nik, (16,), "director_nik", "NIK")
        documents = tuple(self.documents)
        if not all(isinstance(item, ReceiptDocument) for item in documents):
            raise _fail("daftar dokumen harus berisi ReceiptDocument", "documents")
        ids = [item.requirement_id for item in documents]
        if len(set(ids)) != len(ids):
            raise _fail("ada persyaratan yang tercantum dua kali", "documents")
        object.__setattr__(self, "documents", documents)
        if self.kind != receipt_kind(documents):
            wanted = "masih ada" if self.kind == "tanda_terima" else "tidak ada"
            raise _fail(
                f"jenis '{self.kind}' tidak sesuai: {wanted} dokumen wajib yang kurang", "kind"
            )

    @property
    def title(self) -> str:
        """``TANDA TERIMA BERKAS`` or ``BERKAS BELUM LENGKAP``."""
        return KIND_LABELS[self.kind]

    @property
    def missing(self) -> tuple[ReceiptDocument, ...]:
        """Mandatory documents not received, in checklist order."""
        return tuple(item for item in self.documents if item.mandatory and not item.received)

    @property
    def received_ids(self) -> tuple[str, ...]:
        """Requirement ids of the documents received, in checklist order."""
        return tuple(item.requirement_id for item in self.documents if item.received)

    def as_copy(self) -> ReceiptData:
        """The same receipt marked SALINAN, for a reprint."""
        return replace(self, copy=True)

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, ISO times): the exact data, to store and reprint."""
        raw = asdict(self)
        if self.layout < 4:  # stored as they were before layout 4 knew the office
            for name in OFFICE_FIELDS:
                del raw[name]
        raw["v"] = JSON_VERSION
        raw["issued_at"] = self.issued_at.isoformat()
        raw["due_at"] = self.due_at.isoformat() if self.due_at else None
        for item in raw["documents"]:
            item["expiry_date"] = item["expiry_date"].isoformat() if item["expiry_date"] else None
        return json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ReceiptData:
        """Read what ``to_json`` wrote; ValidationError (Indonesian) for anything else."""
        try:
            raw = json.loads(text)
        except (TypeError, ValueError) as error:
            raise _fail(f"JSON rusak ({error})", "json") from None
        if not isinstance(raw, dict) or raw.pop("v", None) != JSON_VERSION:
            raise _fail(f"bukan data tanda terima versi {JSON_VERSION}", "json")
        try:
            documents = tuple(_document_from_raw(item) for item in raw.pop("documents"))
            raw["issued_at"] = datetime.fromisoformat(raw["issued_at"])
            raw["due_at"] = _optional(raw.get("due_at"), datetime.fromisoformat)
            raw.setdefault("layout", 1)  # stored before the layout was recorded
            wanted = {item.name for item in fields(cls)}
            if set(raw) - wanted:
                raise _fail(f"kunci tidak dikenal: {', '.join(sorted(set(raw) - wanted))}", "json")
            return cls(documents=documents, **raw)
        except ValidationError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise _fail(f"isi JSON tidak lengkap atau salah tipe ({error})", "json") from None


def _optional(value: Any, parse: Any) -> Any:
    return None if value is None else parse(value)


def _document_from_raw(raw: dict[str, Any]) -> ReceiptDocument:
    raw = dict(raw)
    raw["expiry_date"] = _optional(raw.get("expiry_date"), date.fromisoformat)
    return ReceiptDocument(**raw)
