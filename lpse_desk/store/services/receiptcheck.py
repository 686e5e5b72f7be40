"""Is this PDF a genuine receipt of this desk? Checked against what the store would print.

Four checks, in order:

1. the signed summary in the PDF's metadata, with this installation's key (another
   installation's receipt, or an edited summary, fails here);
2. the signed record: the stored data of that number must still give the signed summary
   (for layout 3 a digest of every printed field), so a database row edited to match a
   forgery is caught;
3. the bytes: the file must be exactly what the store renders for that number (rendering
   is reproducible; a SALINAN is the same data drawn with ``copy``), on this desk's paper or
   the other size;
4. for an original, the stored SHA-256 of the file first written, which still guards the
   receipts of layouts 1 and 2 whose summary names no vendor.

When the bytes differ the page text is compared with the genuine page's to name the printed
fields that differ (``domain.pagediff``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lpse_desk.config import PAPER_SIZES
from lpse_desk.domain.errors import NotFound
from lpse_desk.domain.pagediff import PlacedLine, differences
from lpse_desk.domain.receipt import (
    KIND_LABELS,
    ReceiptData,
    SignatureError,
    read_signed,
    sign_receipt,
    summary_of,
)
from lpse_desk.domain.receipt.printed import printed_fields
from lpse_desk.store.db import read_session
from lpse_desk.store.queries import meta, receipts
from lpse_desk.store.services.receiptfiles import ReceiptFiles

PageLines = Callable[[bytes], list[PlacedLine] | None]

SUMMARY_NAMES = {
    "no": "nomor",
    "kind": "jenis",
    "at": "waktu terbit",
    "svc": "layanan",
    "npwp": "NPWP",
    "npwp_fp": "NPWP",
    "docs": "dokumen yang diterima",
    "copy": "tanda salinan",
    "fields": "isian yang tercetak",
    "v": "versi tata letak",
}
"""The signed summary's keys, in words, for a stored record that no longer matches it."""


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
    """TIDAK SAH after a valid signature: the reason, what differs, what is on record."""

    def __init__(
        self,
        message: str,
        *,
        fields: list[tuple[str, str]] | None = None,
        differences: list[str] | None = None,
        fields_title: str = "Isi tanda terima yang tercatat (bandingkan dengan kertasnya):",
    ) -> None:
        super().__init__(message, field="pdf")
        self.fields = fields or []
        self.differences = differences or []
        self.fields_title = fields_title


class ReceiptChecks(ReceiptFiles):
    """Whether a PDF is a receipt this store issued, as it issued it."""

    def verify(self, pdf: bytes, *, page_lines: PageLines | None = None) -> Verified:
        """Check a receipt PDF against the store: signature, signed record, exact bytes.

        NotGenuine/SignatureError (Indonesian) says why not; ``page_lines``
        (``receipts.page_lines``) lets it name the printed fields that differ.
        """
        signed = self.read_pdf(pdf)
        if not signed:
            raise SignatureError(
                "berkas ini bukan tanda terima LPSE Desk: tidak ada ringkasan bertanda tangan "
                "di metadata PDF-nya"
            )
        with read_session(self.engine) as session:
            secret = meta.installation_secret_if_any(session=session)
            if secret is None:
                raise SignatureError(
                    "basis data ini belum pernah menerbitkan tanda terima, jadi tidak punya kunci "
                    "untuk memeriksanya; periksa di loket yang menerbitkannya"
                )
            summary = read_signed(signed, secret)
            number = str(summary.get("no", ""))
            try:
                row = receipts.stored(session=session, number=number)
            except NotFound:
                raise SignatureError(
                    f"tanda terima {number} tidak tercatat di basis data ini"
                ) from None
            data = ReceiptData.from_json(row.payload)
            stored_sha, stored_kind = row.sha256, row.kind
        copy = bool(summary.get("copy"))
        if copy:
            data = data.as_copy()
        _check_record(data, summary, secret)
        fields = printed_fields(data)
        genuine = self._genuine_pdfs(data, sign_receipt(data, secret))
        if pdf in genuine:
            if not copy and stored_sha and hashlib.sha256(pdf).hexdigest() != stored_sha:
                raise NotGenuine(
                    f"berkas ini sama dengan yang dibuat ulang dari data tanda terima {number} di "
                    "basis data, tetapi berbeda dari berkas yang tercatat saat diterbitkan (sidik "
                    "SHA-256): data tersimpan telah diubah; periksa riwayat dengan "
                    "`lpse-desk audit verify` dan pulihkan dari cadangan",
                    fields=_signed_only(summary),
                    fields_title=_SIGNED_ONLY_TITLE,
                )
            return Verified(
                number=data.number,
                kind=stored_kind,
                copy=copy,
                issued_at=data.issued_at,
                fields=fields,
            )
        reference = max(genuine, key=lambda candidate: _common_prefix(candidate, pdf))
        found = _appended(reference, pdf)
        if page_lines is not None:
            recorded, shown = page_lines(reference) or [], page_lines(pdf)
            if shown is None:
                found.append("halaman berkas tidak dapat dibaca")
            else:
                found += differences(recorded, shown, fields)
        if not found:
            found = [
                "teks halaman sama, tetapi isi berkas berbeda (gambar, tata letak, atau data "
                "tersembunyi diubah)"
                if page_lines is not None
                else "isi halaman berbeda dari yang tercatat"
            ]
        raise NotGenuine(
            f"isi berkas tidak sama dengan tanda terima {number} yang diterbitkan (tanda tangan "
            f"digitalnya asli, halamannya tidak): {found[0]}",
            fields=fields,
            differences=found,
        )

    def _genuine_pdfs(self, data: ReceiptData, signed: str) -> list[bytes]:
        """The receipt as the desk renders it: on this desk's paper first, then the other size
        (a receipt printed before the installation changed paper is still genuine)."""
        papers = [self.paper] + [paper for paper in PAPER_SIZES if paper != self.paper]
        return [self.render_on(data, signed, paper) for paper in papers]


def _check_record(data: ReceiptData, summary: dict[str, Any], secret: bytes) -> None:
    """The stored data must still give the signed summary; else the row was changed."""
    expected = summary_of(data, secret=secret)
    different = sorted(key for key in expected.keys() | summary.keys() if
                       expected.get(key) != summary.get(key))  # fmt: skip
    if different:
        names = sorted({SUMMARY_NAMES.get(key, key) for key in different})
        raise NotGenuine(
            f"tanda tangan digitalnya asli, tetapi data tanda terima {data.number} yang "
            f"tersimpan di basis data tidak lagi cocok dengannya ({', '.join(names)}): data "
            "tersimpan telah diubah sesudah diterbitkan; periksa riwayat dengan "
            "`lpse-desk audit verify` dan pulihkan dari cadangan",
            fields=_signed_only(summary),
            fields_title=_SIGNED_ONLY_TITLE,
        )


_SIGNED_ONLY_TITLE = (
    "Yang dapat dipercaya hanya isi tanda tangan digitalnya (data tersimpan tidak cocok):"
)


def _signed_only(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """What the signed summary itself says, for when the stored data cannot be trusted."""
    kind = str(summary.get("kind", ""))
    return [
        ("Nomor", str(summary.get("no", ""))),
        ("Jenis", KIND_LABELS.get(kind, kind) + (" (SALINAN)" if summary.get("copy") else "")),
        ("Waktu terbit", str(summary.get("at", ""))),
        ("Layanan", str(summary.get("svc", ""))),
    ]


def _common_prefix(left: bytes, right: bytes) -> int:
    """How many leading bytes two files share (the genuine paper size shares the most)."""
    size = min(len(left), len(right))
    low, high = 0, size
    while low < high:  # binary search on slices: fast in C, files are ~60 KB
        middle = (low + high + 1) // 2
        if left[:middle] == right[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _appended(genuine: bytes, pdf: bytes) -> list[str]:
    """An unchanged genuine file with something added at its end: say what was added."""
    if not (pdf.startswith(genuine) and len(pdf) > len(genuine)):
        return []
    tail = pdf[len(genuine) :]
    if b"startxref" in tail or b" obj" in tail or b"xref" in tail:
        return [
            "berkas diubah sesudah diterbitkan: ada revisi tambahan di akhir berkas asli "
            "(incremental update) yang dapat menimpa isi halamannya"
        ]
    return [
        f"berkas asli dengan {len(tail)} byte tambahan di akhirnya; minta berkas aslinya atau "
        "periksa kertasnya dengan isi yang tercatat"
    ]
