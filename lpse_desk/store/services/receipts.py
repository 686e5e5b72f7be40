"""Numbering, writing, reprinting and verifying receipts (the store's side of them).

The PDF itself is drawn by ``lpse_desk.receipts`` through ``desk.render``; the desk
object is an ``IntakeDesk``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import select

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who, staff_id_of
from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import Conflict, NotFound
from lpse_desk.domain.intake import missing, ticket_message, ticket_subject
from lpse_desk.domain.privacy import mask_nik, mask_npwp
from lpse_desk.domain.receipt import (
    MAX_CHARS,
    ReceiptData,
    ReceiptDocument,
    receipt_kind,
    sign_receipt,
)
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.store.db import write_session
from lpse_desk.store.files import write_atomically
from lpse_desk.store.queries import access, cases, events, intake
from lpse_desk.store.tables import ReceiptRow, StaffRow, VendorRow, VisitRow


@dataclass(frozen=True)
class IssuedReceipt:
    """A receipt that was numbered, written and recorded."""

    number: str
    kind: str
    path: Path
    due_at: datetime | None
    copy: bool = False
    set_aside: Path | None = None
    """Where a different file that stood at ``path`` was kept (moved aside, not replaced)."""


NEXT_STEP = {
    "tanda_terima": (
        "Berkas lengkap dan diteruskan ke verifikator. Hasilnya disampaikan melalui helpdesk "
        "LPSE Kota Bogor{due}. Simpan tanda terima ini."
    ),
    "belum_lengkap": (
        "Berkas belum lengkap dan belum diproses. Lengkapi dokumen di atas, lalu datang kembali "
        "(ambil nomor antrian baru) atau kirim melalui helpdesk."
    ),
}


def receipt_notes(case) -> str:
    """The case's note and the SIKaP assistance given, as printed under "Catatan"."""
    parts = []
    if case.note and case.note.strip():
        parts.append(case.note.strip())
    if case.sikap_given:
        done = (case.sikap_note or "").strip()
        parts.append("Pendampingan SIKaP diberikan" + (f": {done}" if done else "."))
    text = "\n".join(parts)
    limit = MAX_CHARS["notes"]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _file_name(number: str, suffix: str = "") -> str:
    return number.replace("/", "-") + suffix + ".pdf"


def issue(desk, who: Who, case_id: int, loket: int | None, wanted: str):
    """Number, draw and record the receipt (or slip) of a case in intake, then hand it off."""
    now = desk.clock.now()
    with write_session(desk.engine) as session:
        actor = access.actor(session, who, Act.ISSUE_RECEIPT)
        row = intake.require_intake(session=session, case_id=case_id)
        lines = intake.checklist_lines(session=session, catalog=desk.catalog, case_id=case_id)
        kind = receipt_kind(_documents(lines))
        if kind != wanted:
            if wanted == "tanda_terima":
                names = "; ".join(line.requirement.name for line in missing(lines))
                raise Conflict(f"Berkas belum lengkap: {names}")
            raise Conflict("Berkas sudah lengkap: terbitkan tanda terima, bukan slip")
        service = desk.catalog.service(row.service_code)
        due = None
        if kind == "tanda_terima" and service.completion_hours:
            due = desk.calendar.due_at(now, hours=service.completion_hours)
        issued = _write_receipt(
            desk, session, row, lines, kind=kind, now=now, loket=loket, due=due,
            issued_by=staff_id_of(who), fallback_officer=actor,
        )  # fmt: skip
        if kind == "tanda_terima":
            cases.hand_off(session=session, case_id=case_id, now=now, due_at=due, actor=actor)
        else:
            cases.close(
                session=session,
                case_id=case_id,
                status=CaseStatus.INCOMPLETE,
                now=now,
                actor=actor,
                reason="Kurang: " + "; ".join(line.requirement.name for line in missing(lines)),
            )
        events.record(
            session=session,
            at=now,
            actor=actor,
            entity="case",
            entity_id=case_id,
            action="tanda_terima_terbit" if kind == "tanda_terima" else "slip_belum_lengkap",
            reason=issued.number,
        )
        desk._finish_visit(
            session, row.visit_id, "diterima" if kind == "tanda_terima" else "belum_lengkap", actor
        )
    return issued


DEMO_OFFICER = "petugas loket"
"""Printed as the officer when a past case's intake officer is unknown."""


def issue_for_handed_off(desk, session, case_id: int, *, at: datetime, loket: int | None):
    """The tanda terima of a case that was handed off without one (the demo's past cases).

    Numbered in the order it is called; the case's own deadline is printed.
    """
    row = cases.case_row(session, case_id)
    lines = intake.checklist_lines(session=session, catalog=desk.catalog, case_id=case_id)
    return _write_receipt(
        desk, session, row, lines, kind="tanda_terima", now=at, loket=loket, due=row.due_at,
        issued_by=row.intake_by, fallback_officer=DEMO_OFFICER,
    )  # fmt: skip


def _documents(lines) -> tuple[ReceiptDocument, ...]:
    return tuple(
        ReceiptDocument.of(
            line.check,
            original_required=line.requirement.original_required,
            copy_required=line.requirement.copy_kept,
            daring=line.daring,
        )
        for line in lines
    )


def _bearer(row, vendor) -> str:
    """Who stood at the counter: nobody in the daring procedure.

    Cases opened before the bearer was recorded name the director, as they did then.
    """
    if row.procedure == "daring":
        return ""
    return row.bearer_name or vendor.director_name or vendor.name


def _write_receipt(
    desk, session, row, lines, *, kind, now, loket, due, issued_by, fallback_officer
) -> IssuedReceipt:
    """Take the next number, draw the PDF, rename it into place, add the row, fill the ticket.

    The file comes first and the row is added in the caller's transaction: if the process
    dies in between, the number was never committed and the next receipt takes its name.
    A file already there with other bytes (that dead process's receipt of another case, or
    one of a database whose numbering started over) is moved aside and kept, never replaced.
    """
    service = desk.catalog.service(row.service_code)
    vendor = session.get(VendorRow, row.vendor_id)
    visit = session.get(VisitRow, row.visit_id) if row.visit_id else None
    officer = session.get(StaffRow, row.intake_by) if row.intake_by else None
    officer_name = officer.name if officer else fallback_officer
    ticket = intake.desk_ticket(session=session, case_id=row.id)
    seq, number = intake.next_receipt_number(session=session, year=now.year)
    data = ReceiptData(
        number=number,
        kind=kind,
        issued_at=now,
        loket=loket,
        officer_name=officer_name,
        service_code=service.code,
        service_name=service.name,
        procedure=row.procedure,
        vendor_name=vendor.name,
        vendor_legal_form=vendor.legal_form,
        npwp=vendor.npwp,
        nib=vendor.nib,
        spse_user_id=vendor.spse_user_id,
        bearer_name=_bearer(row, vendor),
        bearer_is_director=row.bearer_is_director,
        # Printed masked, so stored masked: the payload keeps only what a reprint needs.
        director_nik=mask_nik(vendor.director_nik) if vendor.director_nik else None,
        queue_ticket=f"{visit.prefix}-{visit.number:03d}" if visit else None,
        helpdesk_request_no=row.helpdesk_request_no,
        desk_ticket_no=ticket.number,
        documents=_documents(lines),
        next_step=NEXT_STEP[kind].format(
            due=f" paling lambat {format_long_id(due)}" if due else ""
        ),
        due_at=due,
        copy=False,
        notes=receipt_notes(row),
    )
    secret = intake.installation_secret(session=session)
    pdf = desk.render(data, sign_receipt(data, secret))
    path = desk.receipts_dir / f"{now:%Y}" / f"{now:%m}" / _file_name(number)
    aside = write_atomically(path, pdf, root=desk.receipts_dir, keep_different=True)
    if aside is not None:
        _record_aside(session, now=now, actor=fallback_officer, case_id=row.id, path=aside)
    session.add(
        ReceiptRow(
            number=number,
            year=now.year,
            seq=seq,
            kind=kind,
            case_id=row.id,
            issued_by=issued_by,
            issued_at=now,
            file_path=str(path),
            payload=data.to_json(),
            sha256=hashlib.sha256(pdf).hexdigest(),
        )
    )
    shown = mask_npwp(vendor.npwp) if vendor.npwp else "-"
    intake.update_ticket(
        session=session,
        case_id=row.id,
        subject=ticket_subject(
            service.code, service.name, vendor.name, incomplete=kind == "belum_lengkap"
        ),
        message=ticket_message(
            vendor_name=vendor.name,
            npwp_shown=shown,
            spse_user_id=vendor.spse_user_id,
            procedure=row.procedure,
            officer=officer_name,
            lines=lines,
            receipt_number=number,
            due_text=format_long_id(due) if due else None,
            incomplete=kind == "belum_lengkap",
        ),
        attachments=[str(path)],
    )
    return IssuedReceipt(number=number, kind=kind, path=path, due_at=due, set_aside=aside)


def _record_aside(session, *, now: datetime, actor: str, case_id: int, path: Path) -> None:
    """The event that says where a different file found at a receipt's name was kept."""
    events.record(session=session, at=now, actor=actor, entity="case", entity_id=case_id,
                  action="berkas_tanda_terima_disisihkan", reason=str(path))  # fmt: skip


def stored_receipt(session, number: str) -> ReceiptRow:
    """The receipt row of ``number`` (NotFound in Indonesian)."""
    wanted = number.strip().upper()
    row = session.exec(select(ReceiptRow).where(ReceiptRow.number == wanted)).first()
    if row is None:
        raise NotFound(f"Tanda terima {wanted} tidak ditemukan")
    return row


def reprint(desk, who: Who, number: str, out: Path | None) -> IssuedReceipt:
    now = desk.clock.now()
    with write_session(desk.engine) as session:
        actor = access.actor(session, who, Act.REPRINT)
        row = stored_receipt(session, number)
        data = ReceiptData.from_json(row.payload).as_copy()
        secret = intake.installation_secret(session=session)
        pdf = desk.render(data, sign_receipt(data, secret))
        row.copies += 1
        target = out or (
            Path(row.file_path).with_name(_file_name(row.number, f"-SALINAN-{row.copies}"))
            if row.file_path
            else desk.receipts_dir / _file_name(row.number, f"-SALINAN-{row.copies}")
        )
        if out is not None:  # a file the person named: theirs to overwrite
            aside = write_atomically(target, pdf)
        else:
            aside = write_atomically(target, pdf, root=desk.receipts_dir, keep_different=True)
        if aside is not None:
            _record_aside(session, now=now, actor=actor, case_id=row.case_id, path=aside)
        session.add(row)
        events.record(
            session=session,
            at=now,
            actor=actor,
            entity="case",
            entity_id=row.case_id,
            action="tanda_terima_dicetak_ulang",
            reason=f"{row.number} salinan ke-{row.copies}",
        )
        return IssuedReceipt(number=row.number, kind=row.kind, path=target,
                             due_at=data.due_at, copy=True, set_aside=aside)  # fmt: skip


def receipt_path(receipts_dir: Path, number: str, issued_at: datetime) -> Path:
    """Where a desk keeps a receipt's file: ``receipts/YYYY/MM/<number>.pdf``.

    Derived, not taken from the stored path, so a database restored on another PC (or in a
    fresh folder) gets its receipts checked and drawn again under its own receipts folder.
    """
    issued = to_wib(issued_at)
    return receipts_dir / f"{issued:%Y}" / f"{issued:%m}" / _file_name(number)
