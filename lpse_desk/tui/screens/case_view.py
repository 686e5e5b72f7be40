"""How a case file reads on the review screen: the summary, the blockers, each table's rows.

Plain functions of a ``CaseFile``; personal numbers are masked as everywhere on the desk.
What the vendor, the staff or the catalog wrote goes in through ``safe`` (never as markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from lpse_desk.domain.audit import action_label
from lpse_desk.domain.casefile import CaseFile
from lpse_desk.domain.daring import CALL_STATUS_LABELS, CallStatus
from lpse_desk.domain.entities import OPEN_CASE_STATUSES, CaseStatus
from lpse_desk.domain.intake import ticket_blocker
from lpse_desk.domain.privacy import Revealed, mask_logged_text
from lpse_desk.domain.review import DocumentVerdict
from lpse_desk.domain.textfmt import format_deadline_id, format_duration_id, format_long_id
from lpse_desk.tui import safe
from lpse_desk.tui.fmt import date_time, day_time, dmy, short
from lpse_desk.tui.reveal import nik_text, npwp_text

PROCEDURES = {"daring": "Daring (helpdesk + panggilan video)", "tatap_muka": "Tatap muka di MPP"}
RECEIPT_KINDS = {"tanda_terima": "Tanda terima", "belum_lengkap": "Slip belum lengkap"}


_DECIDED = {
    CaseStatus.APPROVED: "Disetujui oleh $who $when",
    CaseStatus.REJECTED: "Ditolak oleh $who $when",
    CaseStatus.RETURNED: "Dikembalikan oleh $who $when",
    CaseStatus.AWAITING_REVIEW: "Dikembalikan oleh $who $when; berkas perbaikan sudah diterima",
}
"""The last decision's line, by the case's status now."""


def time_left_markup(file: CaseFile) -> str:
    """The deadline and the working time left, red when overdue, ``jeda`` while paused."""
    left = file.time_left
    if left.paused:
        kept = format_duration_id(left.left) if left.left is not None else "—"
        since = f" sejak {day_time(file.paused_at)}" if file.paused_at else ""
        return f"[yellow]jeda[/] (dikembalikan{since}; sisa waktu kerja {kept})"
    if file.case.status not in (CaseStatus.AWAITING_REVIEW,):
        return f"Tenggat {format_deadline_id(file.case.due_at)}" if file.case.due_at else "—"
    if left.left is None:
        return "tanpa tenggat"
    deadline = format_deadline_id(file.case.due_at)
    if left.overdue:
        return f"Tenggat {deadline} · [b red]{format_duration_id(left.left)}[/]"
    return f"Tenggat {deadline} · sisa {format_duration_id(left.left)}"


def summary_markup(
    file: CaseFile, *, service_name: str, four_eyes: bool, revealed: Revealed | None = None
) -> Content:
    """The lines above the tabs: vendor, service, status and time, the people and numbers.

    The NIK and a person's NPWP are masked unless ``revealed`` holds them (ctrl+l, logged).
    """
    case, vendor = file.case, file.vendor
    if vendor is not None:
        npwp = npwp_text(vendor.npwp, revealed, vendor.id) if vendor.npwp else None
        ids = [f"NPWP {npwp}" if npwp else "tanpa NPWP"]
        if vendor.director_name:
            nik = nik_text(vendor.director_nik, revealed, vendor.id) if vendor.director_nik else ""
            nik = f" (NIK {nik})" if nik else ""
            ids.append(f"Direktur {vendor.director_name}{nik}")
        ids.append(f"User ID SPSE {vendor.spse_user_id or '—'}")
        who = safe.fill(
            "[b]$name[/b] ($kind) · $ids",
            name=vendor.name,
            kind=file.vendor_type or vendor.legal_form,
            ids=" · ".join(ids),
        )
    else:
        who = Content.from_markup("[b]Penyedia belum dicatat[/b]")
    bearer = ""
    if file.bearer_name:
        role = "direktur" if file.bearer_is_director else "kuasa"
        bearer = f" · Pembawa berkas: {file.bearer_name} ({role})"
    lines = [
        who,
        safe.fill(
            "Layanan [b]$code[/b] $service · $procedure · Status [b]$status[/b]",
            code=case.service_code,
            service=service_name,
            procedure=PROCEDURES.get(case.procedure, case.procedure),
            status=file.status_label,
        ),  # fmt: skip
        Content.from_markup(
            f"Diserahkan {day_time(case.handed_off_at)} · {time_left_markup(file)}"
        ),
        safe.fill(
            "Penerima berkas: $intake · Verifikator: $assigned$bearer",
            intake=file.intake_by_name or "—",
            # "belum ada" promises someone will take it: only while the case is open
            assigned=file.assigned_name
            or ("belum ada" if case.status in OPEN_CASE_STATUSES else "—"),
            bearer=bearer,
        ),  # fmt: skip
        safe.fill(
            "Tanda terima: $receipt · Tiket desk: $ticket · Permintaan helpdesk: $helpdesk",
            receipt=file.receipt_number or "—",
            ticket=file.ticket.number if file.ticket else "—",
            helpdesk=file.helpdesk_request_no or "—",
        ),  # fmt: skip
    ]
    if file.decided_at:
        # A case back with the verifiers after its return was not decided: say what was.
        verb = _DECIDED.get(file.case.status, "Diputuskan oleh $who $when")
        decided = safe.fill(verb, who=file.decided_by_name or "—", when=day_time(file.decided_at))
        if file.decision_reason:
            decided += f" · Alasan: {file.decision_reason.label}"
        if file.spse_user_id:
            decided += safe.fill(" · User ID SPSE: $user_id", user_id=file.spse_user_id)
        lines.append(decided)
    if four_eyes:
        lines.append(
            Content.from_markup(
                "[b yellow]Prinsip empat mata:[/] Anda menerima berkas kasus ini; "
                "keputusannya diambil verifikator lain."
            )
        )
    return Content("\n").join(lines)


def blockers_markup(file: CaseFile) -> tuple[str | Content, bool]:
    """The panel under the summary and whether it warns."""
    status = file.case.status
    if status is CaseStatus.RETURNED:
        return (
            "[b]Dikembalikan ke penyedia[/b]: jam kasus berhenti (jeda). "
            "Saat berkas perbaikan datang, tekan [b]l[/b] (lanjutkan): tenggat baru = "
            "saat itu + sisa waktu kerja.",
            True,
        )
    if status is not CaseStatus.AWAITING_REVIEW:
        return f"Kasus sudah selesai: [b]{file.status_label}[/b].", False
    if not file.blockers:
        return "[b]Siap disetujui[/b]: semua dokumen diterima dan pemeriksaan dikonfirmasi.", False
    # Every reason, each document or check on a line of its own (the panel scrolls).
    lines = [Content.from_markup("[b]Belum dapat disetujui:[/b]")]
    for blocker in file.blockers:
        lines.append(safe.fill("• $kind" + (":" if blocker.items else ""), kind=blocker.kind))
        lines += [safe.fill("   – $item", item=mask_logged_text(item)) for item in blocker.items]
    return Content("\n").join(lines), True


def verdict_markup(document) -> str | Text:
    """``Diterima``, ``Ditolak: tidak lengkap — catatan`` or ``belum``."""
    if document.verdict is DocumentVerdict.ACCEPTED:
        note = f" — {mask_logged_text(document.note)}" if document.note else ""
        return safe.cell("[green]Diterima[/]$note", note=note)
    if document.verdict is DocumentVerdict.REJECTED:
        reason = document.reason.label.lower() if document.reason else ""
        note = f" — {mask_logged_text(document.note)}" if document.note else ""
        return safe.cell("[b red]Ditolak[/]: $reason$note", reason=reason, note=note)
    if not document.needs_verdict:
        return "[dim]tidak dibawa (tidak wajib)[/]"
    return "[yellow]belum[/]"


def mark(done: bool) -> str:
    """A tick or an empty box."""
    return "[green]✓[/]" if done else "[dim]–[/]"


def document_rows(file: CaseFile, *, name_width: int = 44) -> list[tuple[str, tuple]]:
    """(key, cells) per document: the counter's ticks and note, the verifier's verdict; names
    cut to ``name_width`` cells (the column's width)."""
    return [
        (
            document.requirement_id,
            (
                str(number),
                _document_name(document, name_width),
                mark(document.original_shown),
                mark(document.copy_received),
                dmy(document.expiry_date) if document.expiry_date else "",
                safe.plain(short(mask_logged_text(document.intake_note), 16)),
                verdict_markup(document),
            ),
        )
        for number, document in enumerate(file.documents, start=1)
    ]  # fmt: skip


def _document_name(document, width: int):
    """The name cut to the column; an optional one says so (briefly in a narrow column)."""
    if document.mandatory:
        return safe.cell("$name", name=short(document.name, width))
    mark = " (opsional)" if width >= 32 else " (ops.)"
    return safe.cell(f"$name [dim]{mark[1:]}[/]",
                     name=short(document.name, max(width - len(mark), 8)))  # fmt: skip


def check_rows(file: CaseFile) -> list[tuple[str, tuple]]:
    """(code, cells) per consistency check."""
    rows = []
    for number, check in enumerate(file.checks, start=1):
        state = (
            safe.cell("[green]✓[/] $who · $when", who=check.confirmed_by_name or "",
                      when=day_time(check.confirmed_at))
            if check.confirmed
            else "[yellow]belum[/]"
        )  # fmt: skip
        cells = (
            str(number),
            safe.plain(check.label),
            state,
            safe.plain(mask_logged_text(check.note)),
        )
        rows.append((check.code, cells))
    return rows


CALL_STYLES = {
    CallStatus.SCHEDULED: "[b]{}[/b]",
    CallStatus.HELD: "[green]{}[/]",
    CallStatus.MISSED: "[red]{}[/]",
    CallStatus.CANCELLED: "[dim]{}[/]",
}


def call_rows(file: CaseFile) -> list[tuple[str, tuple]]:
    """(id, cells) per video call, missed ones kept with the call that replaced them."""
    rows = []
    for call in file.video_calls:
        status = CALL_STYLES[call.status].format(CALL_STATUS_LABELS[call.status])
        if call.rescheduled_from:
            status += f" [dim](ganti #{call.rescheduled_from})[/]"
        record = "; ".join(call.attendees) + (
            " · bukti: " + "; ".join(call.evidence) if call.evidence else ""
        )
        rows.append(
            (
                str(call.id),
                (
                    f"#{call.id}",
                    date_time(call.scheduled_for),
                    call.channel_label,
                    safe.plain(short(call.detail, 20)),
                    status,
                    safe.plain(short(mask_logged_text(record or call.note), 22)),
                ),
            )
        )  # fmt: skip
    return rows


def change_rows(file: CaseFile) -> list[tuple[str, tuple]]:
    """(field, cells) per requested UBAH change: old → new, and whether it was applied."""
    return [
        (
            change.field,
            (
                change.label,
                safe.plain(change.text.split(": ", 1)[1]),
                f"[green]Diterapkan[/] {day_time(change.applied_at)}" if change.applied_at else "diminta",
            ),
        )
        for change in file.changes
    ]  # fmt: skip


def notice_rows(file: CaseFile) -> list[tuple[str, tuple]]:
    """(id, cells) per helpdesk message."""
    return [
        (
            str(notice.id),
            (
                f"#{notice.id}",
                notice.kind_label,
                day_time(notice.created_at),
                f"[green]Terkirim[/] {day_time(notice.sent_at)}" if notice.sent else "[yellow]belum dikirim[/]",
            ),
        )
        for notice in file.notifications
    ]  # fmt: skip


def event_rows(file: CaseFile) -> list[tuple[str, tuple]]:
    """(id, cells) per event, oldest first."""
    return [
        (
            str(event.id),
            (
                day_time(event.at),
                safe.plain(short(event.actor, 24)),
                action_label(event.action),
                safe.plain(short(mask_logged_text(event.reason), 60)),
            ),
        )
        for event in file.events
    ]


def papers_markup(file: CaseFile) -> Content:
    """The receipts, the desk ticket and the counter's note."""
    lines: list[str | Content] = ["[b]Tanda terima dan slip[/b]"]
    if not file.receipts:
        lines.append("  (belum ada)")
    for receipt in file.receipts:
        copies = f" · {receipt.copies} salinan" if receipt.copies else ""
        lines.append(
            f"  {receipt.number} · {RECEIPT_KINDS.get(receipt.kind, receipt.kind)} · "
            f"{format_long_id(receipt.issued_at)}{copies}"
        )
        if receipt.file_path:
            lines.append(safe.fill("    [dim]$path[/]", path=receipt.file_path))
    lines += ["", "[b]Tiket desk (untuk helpdesk)[/b]"]
    if file.ticket is None:
        lines.append("  (belum ada)")
    else:
        ticket = file.ticket
        if ticket.sent_at:
            sent = f"terkirim {day_time(ticket.sent_at)}"
        else:
            email = file.vendor.email if file.vendor else None
            sent = ticket_blocker(message=ticket.message, email=email) or "siap dikirim"
        lines.append(safe.fill(f"  {ticket.number} · $subject · $sent", subject=ticket.subject,
                               sent=sent))  # fmt: skip
    if file.intake_note:
        lines += [
            "",
            "[b]Catatan loket[/b]",
            safe.fill("  $note", note=mask_logged_text(file.intake_note)),
        ]
    if file.decision_note:
        lines += [
            "",
            "[b]Catatan keputusan[/b]",
            safe.fill("  $note", note=mask_logged_text(file.decision_note)),
        ]
    return Content("\n").join(Content.from_markup(line) if isinstance(line, str) else line
                               for line in lines)  # fmt: skip


def tab_counts(file: CaseFile) -> dict[str, str]:
    """What each tab's label adds: decided documents, confirmed checks, unsent messages…"""
    decided = sum(d.verdict is not None for d in file.documents if d.needs_verdict)
    needed = sum(d.needs_verdict for d in file.documents)
    confirmed = sum(c.confirmed for c in file.checks)
    unsent = sum(not n.sent for n in file.notifications)
    return {
        "docs": f" {decided}/{needed}",
        "checks": f" {confirmed}/{len(file.checks)}",
        "calls": f" ({len(file.video_calls)})" if file.video_calls else "",
        "changes": f" ({len(file.changes)})" if file.changes else "",
        "notices": f" ({unsent} baru)" if unsent else "",  # made, not yet sent: short, so all 7 tabs fit 120 columns
    }


def calls_hint(file: CaseFile) -> str:
    """The line under the video calls: why there are none, or how a missed one is kept."""
    if file.case.procedure != "daring":
        return "Kasus tatap muka: verifikasi asli di loket, tanpa panggilan video."
    if not file.video_calls:
        return "Belum ada panggilan video. Petugas loket menjadwalkannya dengan j."
    return "Panggilan yang terlewat tetap tercatat, dengan panggilan penggantinya."
