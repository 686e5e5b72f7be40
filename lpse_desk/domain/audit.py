"""Who did what: the event log as the admin reads it (screen, CLI, CSV).

Action names in the log are internal (``staf_ditambahkan``); here they get an Indonesian
label where one is known and fall back to the name itself. Everything free-text is masked
(``privacy.mask_logged_text``) before it leaves this module: a NIK typed into a note must
not come back in full on a screen or in an exported file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import CASE_STATUS_LABELS, VISIT_STATUS_LABELS
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.queue.rules import LOKET_STATUS_LABELS
from lpse_desk.domain.roles import ROLE_LABELS

ACTION_LABELS: dict[str, str] = {
    "masuk": "Masuk ke desk",
    "masuk_gagal": "Gagal masuk (PIN salah)",
    "keluar": "Keluar dari desk",
    "staf_ditambahkan": "Staf ditambahkan",
    "nomor_pribadi_dilihat": "NIK/NPWP lengkap dilihat",
    "nomor_diambil": "Nomor antrian diambil",
    "dipanggil": "Dipanggil ke loket",
    "panggil_ulang": "Dipanggil ulang",
    "mulai_dilayani": "Mulai dilayani",
    "ditahan": "Ditahan",
    "kembali_antre": "Kembali ke antrian",
    "tidak_hadir": "Tidak hadir",
    "dialihkan": "Dialihkan ke layanan lain",
    "selesai": "Selesai dilayani",
    "batal": "Dibatalkan",
    "booking_diimpor": "Booking diimpor",
    "penyedia_didaftarkan": "Penyedia didaftarkan",
    "penyedia_diubah": "Data penyedia diubah",
    "kasus_dibuka": "Kasus dibuka",
    "kasus_ditugaskan": "Kasus ditugaskan",
    "kasus_ditutup": "Kasus ditutup",
    "meterai_tidak_sah": "Meterai tidak sah",
    "tanda_terima_terbit": "Tanda terima terbit",
    # What is recorded is the copy made (numbered SALINAN); whether paper came out of the
    # printer is said at the desk, not known to the log.
    "tanda_terima_dicetak_ulang": "Salinan tanda terima dibuat",
    "diserahkan_ke_verifikator": "Diserahkan ke verifikator",
    "dokumen_ditolak": "Dokumen ditolak",
    "pemeriksaan_dikonfirmasi": "Pemeriksaan dikonfirmasi",
    "konfirmasi_pemeriksaan_dibatalkan": "Konfirmasi pemeriksaan dibatalkan",
    "meterai_tidak_sah_dihapus": "Tanda meterai tidak sah dihapus",
    "penugasan_dilepas": "Kasus dilepas verifikator",
    "slip_belum_lengkap": "Slip berkas belum lengkap terbit",
    "dikembalikan_ke_penyedia": "Dikembalikan ke penyedia",
    "pendampingan_sikap": "Pendampingan SIKaP",
    "tiket_terkirim": "Tiket helpdesk terkirim",
    "notifikasi_dibuat": "Pesan helpdesk dibuat",
    "notifikasi_dikirim": "Pesan helpdesk dikirim",
    "panggilan_video_dijadwalkan": "Panggilan video dijadwalkan",
    "panggilan_video_selesai": "Panggilan video selesai",
    "panggilan_video_terlewat": "Panggilan video terlewat",
    "panggilan_video_dibatalkan": "Panggilan video dibatalkan",
    "survei_diisi": "Survei IKM diisi",
    "kuesioner_kertas_diimpor": "Kuesioner kertas diimpor",
    "tindak_lanjut_ditangani": "Tindak lanjut survei ditangani",
    "kios_survei_dibuka": "Kios survei dibuka untuk penyedia",
    "kios_dibuka": "Kios survei ditutup dengan PIN petugas",
    # The queue's restore of a no-show (a database restore is not an event: it replaces the log).
    "dipulihkan": "Dipulihkan dari tidak hadir",
    "masuk_ditolak_terkunci": "Masuk ditolak (akun terkunci)",
    "masuk_ditolak_nonaktif": "Masuk ditolak (akun nonaktif)",
    "pin_dikonfirmasi": "PIN dikonfirmasi",
    "pin_direset": "PIN diatur ulang",
    "pin_diganti": "PIN diganti",
    "peran_diubah": "Peran diubah",
    "staf_dinonaktifkan": "Staf dinonaktifkan",
    "staf_diaktifkan": "Staf diaktifkan",
    "layar_dikunci": "Layar dikunci",
    "layar_dibuka": "Layar dibuka",
    "layar_dibuka_gagal": "Gagal membuka layar (PIN salah)",
    "kios_pin_salah": "PIN kios salah",
    "dikembalikan_ke_antrean": "Dikembalikan ke antrian",
    "loket_buka": "Loket dibuka",
    "loket_jeda": "Loket dijeda",
    "loket_tutup": "Loket ditutup",
    "dokumen_diterima": "Dokumen diterima verifikator",
    "disetujui": "Kasus disetujui",
    "ditolak": "Kasus ditolak",
    "akun_spse_diaktifkan": "Akun SPSE diaktifkan",
    "perubahan_diminta": "Perubahan data diminta",
    "perubahan_dibatalkan": "Perubahan data dibatalkan",
    "berkas_tanda_terima_disisihkan": "Berkas tanda terima disisihkan",
    "evaluasi_layanan": "Evaluasi layanan diisi",
    "dokumen_dicatat": "Dokumen dicatat di daftar periksa",
    "berkas_kembali": "Berkas perbaikan diterima",
}

ENTITY_LABELS: dict[str, str] = {
    "case": "Kasus",
    "visit": "Kunjungan",
    "staff": "Staf",
    "vendor": "Penyedia",
    "booking": "Booking",
    "loket": "Loket",
    "ikm_response": "Survei IKM",
    "ikm_followup": "Tindak lanjut IKM",
}


def action_label(action: str) -> str:
    """The Indonesian label of a logged action, or the action's own name."""
    return ACTION_LABELS.get(action, action)


@dataclass(frozen=True)
class AuditEntry:
    """One event as the audit list shows it; ``reason`` and the states are already masked."""

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int
    from_state: str
    to_state: str
    reason: str
    subject_name: str = ""
    """Whose account a staff event is about (the log keeps its number only)."""

    @property
    def label(self) -> str:
        """``Staf ditambahkan`` for ``staf_ditambahkan``."""
        return action_label(self.action)

    @property
    def subject(self) -> str:
        """``Kasus #12``; ``Staf #5 (Siti Rahma)``."""
        named = f" ({self.subject_name})" if self.subject_name else ""
        return f"{ENTITY_LABELS.get(self.entity, self.entity)} #{self.entity_id}{named}"

    @property
    def change(self) -> str:
        """``Penerimaan berkas → Menunggu verifikasi``, one side alone, or empty: a status the
        desk knows is said by its label, anything else as logged."""
        labels = _STATE_LABELS.get(self.entity, {})
        before, after = (labels.get(s, s) for s in (self.from_state, self.to_state))
        if before and after:
            return f"{before} → {after}"
        return before or after

    @property
    def when(self) -> str:
        """``03/12/2026 09.30.15`` in WIB."""
        return f"{to_wib(self.at):%d/%m/%Y %H.%M.%S}"


def _by_value(labels: Mapping[StrEnum, str]) -> dict[str, str]:
    return {status.value: label for status, label in labels.items()}


_STATE_LABELS = {
    "case": _by_value(CASE_STATUS_LABELS),
    "visit": _by_value(VISIT_STATUS_LABELS),
    "loket": _by_value(LOKET_STATUS_LABELS),
    "staff": _by_value(ROLE_LABELS),
}
"""Per entity, the label of each stored status value (the audit's "Perubahan")."""


def entry(
    *, id: int, at: datetime, actor: str, action: str, entity: str, entity_id: int,
    from_state: str | None, to_state: str | None, reason: str | None, subject_name: str = "",
) -> AuditEntry:  # fmt: skip
    """An audit entry with every free-text field masked."""
    return AuditEntry(
        id=id, at=at, actor=actor, action=action, entity=entity, entity_id=entity_id,
        from_state=mask_logged_text(from_state), to_state=mask_logged_text(to_state),
        reason=mask_logged_text(reason), subject_name=subject_name,
    )  # fmt: skip


CSV_COLUMNS = ("No", "Waktu (WIB)", "Oleh", "Tindakan", "Kode tindakan", "Objek", "Perubahan",
               "Keterangan")  # fmt: skip


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading ``= + - @`` would start a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """The entries as CSV with Indonesian column names (UTF-8; ``,`` separated)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in entries:
        writer.writerow(
            [
                item.id,
                item.when,
                _cell(item.actor),
                item.label,
                item.action,
                item.subject,
                _cell(item.change),
                _cell(item.reason),
            ]
        )
    return buffer.getvalue()


def audit_line(item: AuditEntry) -> str:
    """One line of ``lpse-desk audit list``."""
    parts = [f"#{item.id}", item.when, item.actor, item.label, item.subject]
    if item.change:
        parts.append(item.change)
    if item.reason:
        parts.append(item.reason)
    return " · ".join(parts)


PAGE_LIMIT = 200
MAX_LIMIT = 100_000
"""The most one query returns (a CSV export of a busy year is ~60 000 events)."""


@dataclass(frozen=True)
class AuditFilter:
    """What the admin asked for; every field optional."""

    staff: str | None = None
    """Part of the actor's name, e.g. ``siti`` for ``Siti Rahma (#2)``."""
    case_id: int | None = None
    start: date | None = None
    """First WIB day included."""
    end: date | None = None
    """Last WIB day included."""
    action: str | None = None
    """Part of the action's label or code: ``NIK`` finds every reveal, ``PIN`` the logins
    that failed, resets and changes of a PIN."""


@dataclass(frozen=True)
class AuditPage:
    """One page of entries, oldest first, and how many match in all."""

    entries: list[AuditEntry]
    total: int
    offset: int
