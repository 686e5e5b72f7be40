"""The message each decision sends the vendor through the helpdesk (DOMAIN.md §8).

Indonesian, ready to paste into an osTicket reply or an LPSE Support ticket: who it is
for, which file (receipt and desk ticket numbers), what was decided and what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lpse_desk.domain.labelled import Labelled
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.review import RefusalReason
from lpse_desk.domain.textfmt import format_duration_id, format_long_id

SIGNATURE = "Salam,\nLPSE Kota Bogor — Bagian Pengadaan Barang/Jasa Setda Kota Bogor"


class NoticeKind(Labelled):
    """Which decision a notification announces."""

    APPROVED = "disetujui", "Persetujuan"
    RETURNED = "dikembalikan", "Pengembalian berkas"
    REJECTED = "ditolak", "Penolakan"


NOTICE_KIND_LABELS: dict[NoticeKind, str] = NoticeKind.labels()


@dataclass(frozen=True)
class NoticeContext:
    """What every notification names: the vendor, the service and the file's numbers."""

    vendor_name: str
    service_code: str
    service_name: str
    receipt_number: str | None
    ticket_number: str | None
    decided_at: datetime


def _head(ctx: NoticeContext) -> list[str]:
    return [
        f"Yth. {ctx.vendor_name},",
        "",
        f"Layanan: {ctx.service_name} ({ctx.service_code})",
        f"Nomor tanda terima: {ctx.receipt_number or '-'}",
        f"Nomor tiket layanan: {ctx.ticket_number or '-'}",
        "",
    ]


def _quote(ctx: NoticeContext) -> str:
    return f"nomor tiket {ctx.ticket_number}" if ctx.ticket_number else "nama perusahaan Anda"


def approval_notice(
    ctx: NoticeContext, *, user_id: str | None, changes: Sequence[CaseChange] = ()
) -> str:
    """Approval: REG account activated, UBAH changes applied, UID user ID given."""
    when = format_long_id(ctx.decided_at)
    code = ctx.service_code
    if code == "REG":
        body = [
            f"Berkas Anda telah diverifikasi dan akun SPSE dengan user ID {user_id} telah "
            f"diaktifkan pada {when}.",
            "",
            "Langkah berikutnya:",
            "1. Masuk ke SPSE LPSE Kota Bogor dengan user ID tersebut dan kata sandi yang Anda "
            "buat saat mendaftar.",
            "2. Lengkapi data kualifikasi perusahaan di SIKaP.",
            "3. Isi evaluasi layanan dan survei kepuasan (IKM) bila belum.",
        ]
    elif code == "UBAH":
        body = [
            f"Perubahan data perusahaan Anda telah diverifikasi dan diterapkan pada {when}:",
            *(f"- {change.text}" for change in changes),
            "",
            "Langkah berikutnya: masuk ke SPSE dan periksa data perusahaan Anda; sesuaikan juga "
            "data di SIKaP bila perlu. Bila ada yang tidak sesuai, balas tiket ini dengan "
            f"menyebut {_quote(ctx)}.",
        ]
    else:
        body = [
            f"Permohonan informasi user ID SPSE Anda telah diverifikasi pada {when}.",
            f"User ID SPSE Anda: {user_id}",
            "",
            "Langkah berikutnya: masuk ke SPSE LPSE Kota Bogor dengan user ID tersebut; bila "
            "kata sandi juga terlupa, gunakan fitur lupa kata sandi di halaman masuk SPSE. "
            "Jangan berikan user ID dan kata sandi kepada pihak lain.",
        ]
    return "\n".join([*_head(ctx), *body, "", SIGNATURE])


def return_notice(
    ctx: NoticeContext, *, problems: Sequence[str], remaining: timedelta | None
) -> str:
    """Return: exactly what to fix, how to bring it back, and that the clock waits for it."""
    if remaining is None:
        left = " Berkas perbaikan akan kami proses setelah kami terima."
    elif remaining > timedelta(0):
        left = (
            f" Sisa waktu penyelesaian, {format_duration_id(remaining)} waktu kerja, dilanjutkan "
            "sejak berkas perbaikan kami terima."
        )
    else:
        # Overdue when returned: the clock does not restart (DOMAIN.md §5), so say so.
        left = (
            " Permohonan ini sudah melewati batas waktu penyelesaian; berkas perbaikan akan "
            "kami proses segera setelah kami terima."
        )
    body = [
        f"Berkas Anda kami kembalikan pada {format_long_id(ctx.decided_at)} untuk diperbaiki. "
        "Yang harus diperbaiki:",
        # What the officer typed, a NIK or phone masked: the message is pasted into the
        # helpdesk and read on every officer's screen.
        *(f"{number}. {mask_logged_text(problem)}"
          for number, problem in enumerate(problems, start=1)),
        "",
        "Langkah berikutnya: kirim dokumen perbaikan dengan membalas tiket ini melalui helpdesk "
        f"LPSE Kota Bogor (sebutkan {_quote(ctx)}), atau bawa ke loket LPSE di Mal Pelayanan "
        "Publik Kota Bogor dengan menunjukkan tanda terima." + left,
    ]
    return "\n".join([*_head(ctx), *body, "", SIGNATURE])


def rejection_notice(ctx: NoticeContext, *, reason: RefusalReason, note: str) -> str:
    """Reject: the reason, and what the vendor can do now."""
    detail = f"{reason.label}" + (f" — {mask_logged_text(note)}" if note else "")
    body = [
        f"Dengan menyesal kami sampaikan bahwa permohonan Anda ditolak pada "
        f"{format_long_id(ctx.decided_at)}.",
        f"Alasan: {detail}",
        "",
        "Langkah berikutnya: permohonan ini ditutup. Anda dapat mengajukan permohonan baru "
        "setelah penyebab penolakan diselesaikan. Bila ada pertanyaan atau keberatan, balas "
        f"tiket ini melalui helpdesk LPSE Kota Bogor dengan menyebut {_quote(ctx)}.",
    ]
    return "\n".join([*_head(ctx), *body, "", SIGNATURE])


@dataclass(frozen=True)
class Notification:
    """A decision's helpdesk message, and whether (by whom, when) it was sent."""

    id: int
    case_id: int
    kind: NoticeKind
    message: str
    created_at: datetime
    created_by: int | None
    sent_at: datetime | None
    sent_by: int | None

    @property
    def sent(self) -> bool:
        """Whether the desk recorded sending it."""
        return self.sent_at is not None

    @property
    def kind_label(self) -> str:
        """``Persetujuan``, ``Pengembalian berkas`` or ``Penolakan``."""
        return NOTICE_KIND_LABELS[self.kind]
