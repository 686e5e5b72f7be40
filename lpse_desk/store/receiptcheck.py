"""Is this PDF a genuine receipt of this desk? Checked against what the store would print.

Three checks, in order: the signed summary (this installation's key), the signed record (the
stored data still gives the signed digest of every printed field), and the bytes (the file is
exactly what the store renders for that number: rendering is reproducible). When the bytes
differ, the page text is compared with the genuine page to name the printed fields that differ.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from lpse_desk.config import PAPER_SIZES
from lpse_desk.domain.errors import NotFound
from lpse_desk.domain.receipt import (
    ReceiptData,
    SignatureError,
    printed_fields,
    read_signed,
    sign_receipt,
    summary_of,
)
from lpse_desk.store import intake
from lpse_desk.store.db import read_session
from lpse_desk.store.issuing import stored_receipt

PageLines = Callable[[bytes], list[str] | None]


@dataclass(frozen=True)
class Verified:
    """A receipt PDF that is exactly what this desk issued."""

    number: str
    kind: str
    copy: bool
    issued_at: datetime
    fields: list[tuple[str, str]] = field(default_factory=list)
    """The signed fields as printed (NPWP and NIK masked), to compare with a paper copy."""


class NotGenuine(SignatureError):
    """TIDAK SAH: the reason, and (when the number is on record) the recorded fields."""

    def __init__(
        self,
        message: str,
        *,
        fields: list[tuple[str, str]] | None = None,
        differences: list[str] | None = None,
    ) -> None:
        super().__init__(message, field="pdf")
        self.fields = fields or []
        self.differences = differences or []


def verify(desk, pdf: bytes, *, page_lines: PageLines | None = None) -> Verified:
    """The verdict on ``pdf``; NotGenuine/SignatureError (Indonesian) says why it is not."""
    signed = desk.read_pdf(pdf)
    if not signed:
        raise SignatureError(
            "Berkas ini bukan tanda terima LPSE Desk: ringkasan bertanda tangan tidak ada"
        )
    with read_session(desk.engine) as session:
        secret = intake.installation_secret_if_any(session=session)
        if secret is None:
            raise SignatureError("Basis data ini belum pernah menerbitkan tanda terima")
        summary = read_signed(signed, secret)
        number = str(summary.get("no", ""))
        try:
            row = stored_receipt(session, number)
        except NotFound:
            raise SignatureError(
                f"Tanda terima {number} tidak tercatat di basis data ini"
            ) from None
        data = ReceiptData.from_json(row.payload)
        stored_number, stored_kind, issued_at = row.number, row.kind, row.issued_at
    if summary.get("copy"):
        data = data.as_copy()
    fields = printed_fields(data)
    expected = summary_of(data, secret=secret)
    different = sorted(key for key in expected if expected[key] != summary.get(key))
    if different:
        raise NotGenuine(
            f"Ringkasan bertanda tangan tidak cocok dengan tanda terima {number} yang tersimpan "
            f"({', '.join(different)})",
            fields=fields,
        )
    genuine = _genuine_pdfs(desk, data, sign_receipt(data, secret))
    if pdf in genuine:
        return Verified(
            number=stored_number,
            kind=stored_kind,
            copy=bool(summary.get("copy")),
            issued_at=issued_at,
            fields=fields,
        )
    reference = genuine[0]
    differences = _differences(reference, pdf, data, page_lines)
    raise NotGenuine(
        f"isi berkas tidak sama dengan tanda terima {number} yang diterbitkan "
        "(tanda tangan digitalnya asli, halamannya tidak)",
        fields=fields,
        differences=differences,
    )


def _genuine_pdfs(desk, data: ReceiptData, signed: str) -> list[bytes]:
    """The receipt as the desk renders it: on this desk's paper first, then the other size
    (a receipt printed before the installation changed paper is still genuine)."""
    papers = [desk.paper] + [paper for paper in PAPER_SIZES if paper != desk.paper]
    return [desk.render_on(data, signed, paper) for paper in papers]


def _differences(
    genuine: bytes, pdf: bytes, data: ReceiptData, page_lines: PageLines | None
) -> list[str]:
    """What differs, in words an officer can check on the paper."""
    found: list[str] = []
    if pdf.startswith(genuine) and len(pdf) > len(genuine):
        found.append(
            "berkas asli diubah sesudah diterbitkan: ada revisi tambahan di akhir berkas "
            "(incremental update) yang dapat menimpa isi halaman"
        )
    if page_lines is None:
        return found or ["isi berkas berbeda dari yang tercatat"]
    recorded = page_lines(genuine) or []
    shown = page_lines(pdf)
    if shown is None:
        return [*found, "halaman berkas tidak dapat dibaca"]
    labels = _labels(data)
    matcher = difflib.SequenceMatcher(a=recorded, b=shown, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = recorded[a1:a2], shown[b1:b2]
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            found.append(_describe(before, after, labels))
    if len(found) > 12:
        found = [*found[:12], f"… dan {len(found) - 12} perbedaan lain"]
    return found or [
        "teks halaman sama, tetapi isi berkas berbeda (gambar, tata letak, atau data "
        "tersembunyi diubah)"
    ]


def _labels(data: ReceiptData) -> list[tuple[str, str]]:
    """Printed values (longest first) and their field names, to name a differing line."""
    pairs = [(value, label) for label, value in printed_fields(data) if value and value != "-"]
    for item in data.documents:
        pairs.append((item.name, f"Dokumen: {item.name}"))
    pairs += [(data.vendor_name, "Nama penyedia"), (data.bearer_name, "Pembawa berkas")]
    return sorted(
        ((value, label) for value, label in pairs if len(value) >= 3),
        key=lambda pair: -len(pair[0]),
    )


def _field_of(line: str, labels: list[tuple[str, str]]) -> str | None:
    for value, label in labels:
        if value in line or (len(line) >= 6 and line in value):
            return label
    return None


def _describe(before: str | None, after: str | None, labels: list[tuple[str, str]]) -> str:
    if before is None:
        return f"teks tambahan di halaman yang tidak ada pada tanda terima asli: '{after}'"
    label = _field_of(before, labels) or "isi halaman"
    if after is None:
        return f"{label}: tercatat '{before}', tidak ada di berkas"
    return f"{label}: di berkas '{after}', tercatat '{before}'"
