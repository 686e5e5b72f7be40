"""Receipt data for the receipt tests: a REG tanda terima, its incomplete slip, long lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.office import Office
from lpse_desk.domain.receipt import LAYOUT, ReceiptData, ReceiptDocument

SECRET = b"kunci-uji-loket-lpse-kota-bogor!"
COMPANY_NPWP = "0013121660091000"
"""A company's 16-digit NPWP (0 + the legacy 01.312.166.0-091.000): shown whole."""
PERSONAL_NPWP = "3271011708450001"
"""A person's NPWP is their NIK: always masked."""
DIRECTOR_NIK = "3271015708450001"
FOREIGN_NAME = "Zoë Łukasiewicz-Nguyễn"
ISSUED = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
DUE = datetime(2026, 6, 11, 9, 30, tzinfo=WIB)


def doc(
    requirement_id: str,
    name: str,
    *,
    mandatory: bool = True,
    asked: bool = True,
    shown: bool = True,
    kept: bool = True,
    expiry: date | None = None,
    note: str = "",
    meterai_invalid: bool = False,
    original_check: str | None = None,
) -> ReceiptDocument:
    """A checklist line; ``asked`` False: a SIKaP document the catalog asks neither way."""
    return ReceiptDocument(
        requirement_id=requirement_id,
        name=name,
        mandatory=mandatory,
        original_required=asked,
        original_shown=shown,
        copy_required=asked,
        copy_received=kept,
        expiry_date=expiry,
        note=note,
        meterai_invalid=meterai_invalid,
        original_check=original_check,
    )


REG_PT_DOCUMENTS = (
    doc(
        "ktp_direksi",
        "KTP/KITAS/KITAP Direksi/Pejabat/Pimpinan Perusahaan",
        expiry=date(2027, 5, 12),
    ),
    doc("npwp_perusahaan", "NPWP Perusahaan"),
    doc(
        "izin_usaha",
        "Izin usaha sesuai bidang (NIB/SBU dan sebagainya)",
        mandatory=False,
        asked=False,
        kept=False,
    ),
    doc(
        "akta_perusahaan",
        "Akta perusahaan (pendirian dan perubahan terakhir)",
        mandatory=False,
        asked=False,
        shown=False,
        kept=False,
    ),
)


OFFICE = {
    "office_address": "Mal Pelayanan Publik Kota Bogor, Jl. Contoh No. 1, Kota Bogor",
    "office_phone": "(0251) 000000",
    "office_hours": Office().hours_text,
    "office_complaints": Office().complaints,
}
"""The unit's particulars a layout-4 receipt prints (test values, not the unit's own)."""


def receipt(**changes: object) -> ReceiptData:
    """A REG tanda terima for a PT, brought by its director, all mandatory documents in."""
    data = ReceiptData(
        number="TT-LPSE/2026/000123",
        kind="tanda_terima",
        issued_at=ISSUED,
        loket=2,
        officer_name="Siti Rahmawati",
        service_code="REG",
        service_name="Registrasi Offline dan Verifikasi Berkas",
        procedure="tatap_muka",
        vendor_name="PT Sinar Pakuan Sejahtera",
        vendor_legal_form="PT",
        npwp=COMPANY_NPWP,
        nib="9120001234567",
        spse_user_id="sinarpakuan",
        bearer_name=FOREIGN_NAME,
        bearer_is_director=True,
        director_nik=DIRECTOR_NIK,
        queue_ticket="A-003",
        helpdesk_request_no="#482913",
        desk_ticket_no="TKT-LPSE/2026/000045",
        documents=REG_PT_DOCUMENTS,
        next_step=(
            "Berkas lengkap dan diteruskan ke verifikator. Hasilnya disampaikan melalui "
            "helpdesk LPSE Kota Bogor."
        ),
        due_at=DUE,
        copy=False,
        **OFFICE,
    )
    return changed(data, changes)


def changed(data: ReceiptData, changes: dict) -> ReceiptData:
    """``data`` with ``changes``; a layout before 4 leaves out the office it did not print."""
    if changes.get("layout", LAYOUT) < 4:
        changes = {**dict.fromkeys(OFFICE, ""), **changes}
    return replace(data, **changes) if changes else data


SLIP_DOCUMENTS = (
    doc(
        "ktp_pemilik",
        "KTP pemilik usaha perorangan",
        kept=False,
        note="Fotokopi buram, tidak terbaca",
    ),
    doc("npwp_pemilik", "NPWP pemilik usaha perorangan", shown=False, kept=False),
    doc(
        "surat_kuasa",
        "Surat Kuasa bermeterai dari pemilik usaha",
        shown=False,
        kept=False,
        meterai_invalid=True,
        note="Meterai lama Rp 6.000, tidak berlaku sejak 1 Januari 2022 (UU 10/2020)",
    ),
    doc(
        "surat_setoran_pajak",
        "Surat Setoran Pajak (SSP)",
        mandatory=False,
        asked=False,
        kept=False,
    ),
)


def slip(**changes: object) -> ReceiptData:
    """An incomplete-file slip for a usaha perorangan, brought with a Surat Kuasa."""
    base = receipt(
        kind="belum_lengkap",
        vendor_name="Usaha Dagang Berkah Mandiri",
        vendor_legal_form="perorangan",
        npwp=PERSONAL_NPWP,
        bearer_name="Budi Santoso",
        bearer_is_director=False,
        documents=SLIP_DOCUMENTS,
        next_step="Lengkapi dokumen yang kurang, lalu datang kembali ke loket LPSE di MPP.",
        due_at=None,
    )
    return changed(base, changes)


def many_documents(count: int) -> tuple[ReceiptDocument, ...]:
    """``count`` received documents with distinct, longish names."""
    return tuple(
        doc(
            f"dokumen_{number:02d}",
            f"Dokumen persyaratan ke-{number} untuk pendampingan SIKaP dan verifikasi",
            note="Dicek petugas" if number % 3 == 0 else "",
        )
        for number in range(1, count + 1)
    )
