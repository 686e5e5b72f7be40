"""Intake in the store: open a case with its desk ticket, tick, number receipts."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from lpse_desk.domain.catalog import Catalog, ChecklistFacts, build_checklist
from lpse_desk.domain.daring import CallStatus
from lpse_desk.domain.entities import CASE_STATUS_LABELS, Case, CaseStatus, format_ticket
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError, found
from lpse_desk.domain.intake import (
    DIGITAL_COPY_NOTE,
    ChecklistLine,
    check_bearer,
    check_meterai_mark,
    check_tick,
    require_spse_user_id,
    same_person,
    ticket_subject,
)
from lpse_desk.store import convert
from lpse_desk.store.queries import cases, daring_requests, events, meta, queue
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow, TicketCounterRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.review import VideoCallRow
from lpse_desk.store.tables.vendors import VendorRow

TICKET_PREFIX = "TKT-LPSE"


def open_intake(
    *,
    session: Session,
    catalog: Catalog,
    service_code: str,
    vendor_id: int,
    vendor_type: str,
    bearer_is_director: bool,
    bearer_name: str | None,
    construction: bool,
    visit_id: int | None,
    helpdesk_request_no: str | None,
    officer_id: int | None,
    now: datetime,
    actor: str,
) -> Case:
    """Open a case for a vendor with the catalog's checklist and its desk ticket.

    Daring cases (no visit, a helpdesk request number) count the uploaded scans as
    copies received digitally.
    """
    service = queue.open_service(catalog, service_code)
    vendor = found(session.get(VendorRow, vendor_id), f"Penyedia #{vendor_id} tidak ditemukan")
    require_spse_user_id(service, vendor_name=vendor.name, spse_user_id=vendor.spse_user_id)
    request_no = (helpdesk_request_no or "").strip() or None
    if visit_id is None and request_no is None:
        raise ValidationError(
            "Tanpa nomor antrian, isi nomor permohonan helpdesk (prosedur daring)",
            field="helpdesk",
        )
    procedure = "tatap_muka" if visit_id is not None else "daring"
    if visit_id is None:
        earlier = daring_requests.case_of_request(session, request_no, service.code, vendor_id,
                                                  bearer_is_director)  # fmt: skip
        if earlier is not None:
            return convert.case(earlier)
    if visit_id is not None:
        visit = found(session.get(VisitRow, visit_id), f"Kunjungan #{visit_id} tidak ditemukan")
        if visit.service_code != service.code:
            _moved(visit, service.code)
        existing = session.exec(
            select(CaseRow).where(
                CaseRow.visit_id == visit_id, CaseRow.service_code == service.code
            )
        ).first()
        if existing is not None and existing.status == CaseStatus.INTAKE.value:
            _require_same_intake(existing, vendor_id, bearer_is_director, bearer_name)
            return convert.case(existing)
        if existing is not None:
            raise Conflict(
                f"Kunjungan ini sudah punya kasus {service.code} #{existing.id} "
                f"({CASE_STATUS_LABELS[CaseStatus(existing.status)].lower()}): satu kunjungan "
                "hanya satu kasus per layanan"
            )
    if bearer_is_director and not (bearer_name or "").strip():
        bearer_name = vendor.director_name  # the director in person, as recorded
    bearer = check_bearer(
        service,
        procedure=procedure,
        bearer_is_director=bearer_is_director,
        bearer_name=bearer_name,
        director_name=vendor.director_name,
    )
    checklist = build_checklist(
        service,
        ChecklistFacts(
            vendor_type=vendor_type,
            bearer_is_director=bearer_is_director,
            construction=construction,
        ),
    )
    case = cases.open_case(
        session=session,
        service_code=service.code,
        procedure=procedure,
        checklist=checklist,
        vendor_id=vendor_id,
        visit_id=visit_id,
        intake_by=officer_id,
        bearer_is_director=bearer_is_director,
        bearer_name=bearer,
        now=now,
        actor=actor,
    )
    row = session.get(CaseRow, case.id)
    row.vendor_type = vendor_type
    row.helpdesk_request_no = request_no
    session.add(row)
    if visit_id is None:
        for requirement in checklist:
            if requirement.copy_kept:
                cases.tick(
                    session=session,
                    case_id=case.id,
                    requirement_id=requirement.id,
                    tick=cases.Tick(copy_received=True, note=DIGITAL_COPY_NOTE),
                )
    seq, number = meta.next_number(session=session, table=TicketCounterRow, year=now.year,
                                   prefix=TICKET_PREFIX)  # fmt: skip
    session.add(
        DeskTicketRow(
            number=number,
            year=now.year,
            seq=seq,
            case_id=case.id,
            subject=ticket_subject(service.code, service.name, vendor.name),
            message="",
            created_at=now,
        )
    )
    session.flush()
    return convert.case(row)


def _require_same_intake(
    row: CaseRow, vendor_id: int, bearer_is_director: bool, bearer_name: str | None
) -> None:
    """A case already in intake for this visit continues only as it was opened.

    Its checklist was built for that vendor and bearer; another answer would be recorded
    against a checklist that does not match it.
    """
    named = " ".join((bearer_name or "").split())
    same_bearer = row.bearer_is_director == bearer_is_director and (
        not named or same_person(named, row.bearer_name)
    )
    if row.vendor_id != vendor_id or not same_bearer:
        raise Conflict(
            f"Kunjungan ini sudah punya daftar periksa #{row.id} (pembawa "
            f"{row.bearer_name or '-'}); lanjutkan daftar itu dari antrian (i)"
        )


def require_intake(*, session: Session, case_id: int) -> CaseRow:
    """The case row, if it is still in intake, for the service its visit is in now."""
    row = cases.case_row(session, case_id)
    if row.status != CaseStatus.INTAKE.value:
        raise Conflict(f"Kasus #{case_id} tidak lagi dalam penerimaan berkas")
    visit = session.get(VisitRow, row.visit_id) if row.visit_id is not None else None
    if visit is not None and visit.service_code != row.service_code:
        _moved(visit, row.service_code)  # a checklist left open on another PC, say
    return row


def _moved(visit: VisitRow, service_code: str) -> None:
    """Refuse the old service's checklist of a visit moved to another service."""
    raise Conflict(
        f"{format_ticket(visit.prefix, visit.number)} sudah dialihkan ke {visit.service_code}: "
        f"daftar periksa {service_code} tidak dilanjutkan; buka lagi dari antrian (i)"
    )


def checklist_lines(*, session: Session, catalog: Catalog, case_id: int) -> list[ChecklistLine]:
    """The case's checklist with each item's catalog requirement."""
    row = cases.case_row(session, case_id)
    service = catalog.service(row.service_code)
    return [
        ChecklistLine(
            requirement=service.requirement(check.requirement_id),
            check=check,
            daring=row.procedure == "daring",
        )
        for check in cases.checks(session=session, case_id=case_id)
    ]


def checklist_line(
    *, session: Session, catalog: Catalog, case_id: int, requirement_id: str
) -> ChecklistLine:
    """One item of the case's checklist; NotFound when the case has no such requirement."""
    for line in checklist_lines(session=session, catalog=catalog, case_id=case_id):
        if line.requirement.id == requirement_id:
            return line
    raise NotFound(f"Persyaratan '{requirement_id}' tidak ada pada kasus #{case_id}")


def held_call_id(*, session: Session, case_id: int) -> int | None:
    """The newest held video call of a case (where a daring original is seen), if any."""
    return session.exec(
        select(VideoCallRow.id)
        .where(VideoCallRow.case_id == case_id, VideoCallRow.status == CallStatus.HELD.value)
        .order_by(VideoCallRow.id.desc())
    ).first()


def record_tick(
    *,
    session: Session,
    catalog: Catalog,
    case_id: int,
    requirement_id: str,
    original_shown: bool,
    copy_received: bool,
    expiry_date: date | None,
    note: str,
    clear_meterai: bool,
    now: datetime,
    actor: str,
) -> ChecklistLine:
    """Record one document of a case in intake, keeping the checklist consistent.

    A "meterai tidak sah" mark refuses ticks unless the officer clears it with this tick
    (``clear_meterai``, an event records it). In the daring procedure "asli" means the
    original was seen on a held video call, which the tick links; without one it is refused.
    """
    row = require_intake(session=session, case_id=case_id)
    line = checklist_line(
        session=session, catalog=catalog, case_id=case_id, requirement_id=requirement_id
    )
    meterai_invalid = line.check.meterai_invalid
    if meterai_invalid and clear_meterai:
        meterai_invalid = False
        _meterai_event(session, case_id, line, invalid=False, now=now, actor=actor)
    elif meterai_invalid:
        check_tick(line, original_shown=original_shown, copy_received=copy_received)
    call_id = None
    if line.daring and original_shown and line.requirement.original_required:
        call_id = line.check.original_call_id or held_call_id(session=session, case_id=row.id)
        if call_id is None:
            raise Conflict(
                f"{line.requirement.name}: dalam prosedur daring dokumen asli diperiksa lewat "
                "panggilan video. Belum ada panggilan yang diadakan untuk kasus ini; catat "
                "panggilannya dulu, atau biarkan 'belum diperiksa'."
            )
    cases.tick(
        session=session,
        case_id=case_id,
        requirement_id=requirement_id,
        tick=cases.Tick(
            original_shown=original_shown,
            copy_received=copy_received,
            expiry_date=expiry_date,
            note=note,
            meterai_invalid=meterai_invalid,
            original_call_id=call_id,
        ),
    )
    # Who ticked takes part in the intake: four-eyes keeps them from deciding the case. The
    # reason is what the history and the audit read: the document's name and what was seen.
    seen = (f"{line.requirement.name} (asli: {'ada' if original_shown else 'tidak'}, "
            f"salinan: {'ada' if copy_received else 'tidak'})")  # fmt: skip
    events.on_case(session=session, case_id=case_id, action="dokumen_dicatat", at=now, actor=actor,
        reason=seen)  # fmt: skip
    return checklist_line(
        session=session, catalog=catalog, case_id=case_id, requirement_id=requirement_id
    )


def mark_meterai(
    *,
    session: Session,
    catalog: Catalog,
    case_id: int,
    requirement_id: str,
    invalid: bool,
    now: datetime,
    actor: str,
) -> ChecklistLine:
    """Mark (or clear) "meterai tidak sah" on a document of a case in intake.

    Marking keeps the document missing and unticked (it cannot be accepted, UU 10/2020
    Pasal 21); clearing leaves it as not yet brought, to be ticked again.
    """
    require_intake(session=session, case_id=case_id)
    line = checklist_line(
        session=session, catalog=catalog, case_id=case_id, requirement_id=requirement_id
    )
    check_meterai_mark(line, invalid=invalid)
    if line.check.meterai_invalid == invalid:
        return line
    check = line.check
    cases.tick(
        session=session,
        case_id=case_id,
        requirement_id=requirement_id,
        tick=cases.Tick(
            expiry_date=check.expiry_date,
            note=check.note,
            meterai_invalid=invalid,
        ),
    )
    _meterai_event(session, case_id, line, invalid=invalid, now=now, actor=actor)
    return checklist_line(
        session=session, catalog=catalog, case_id=case_id, requirement_id=requirement_id
    )


def _meterai_event(session, case_id, line, *, invalid: bool, now: datetime, actor: str) -> None:
    events.on_case(session=session, case_id=case_id,
        action="meterai_tidak_sah" if invalid else "meterai_tidak_sah_dihapus", at=now, actor=actor,
        reason=line.requirement.name)  # fmt: skip


def record_sikap(*, session: Session, case_id: int, note: str, now: datetime, actor: str) -> None:
    """Record that SIKaP assistance was given and what was filled in."""
    cleaned = " ".join(note.split())
    if not cleaned:
        raise ValidationError("Tulis apa yang diisi saat pendampingan SIKaP", field="sikap")
    if len(cleaned) > 1000:
        raise ValidationError("Catatan SIKaP paling banyak 1000 karakter", field="sikap")
    row = cases.case_row(session, case_id)
    row.sikap_given = True
    row.sikap_note = cleaned
    session.add(row)
    events.on_case(session=session, case_id=case_id, action="pendampingan_sikap", at=now,
        actor=actor, reason=cleaned)  # fmt: skip


def case_in_intake(*, session: Session, visit_id: int) -> Case | None:
    """The case in intake for this visit's service now, if one was started.

    A visit moved to another service (``serving.transfer``) leaves a checklist started for
    the old one behind: its documents are another service's, so the intake starts afresh
    for the new service (and the old checklist is found again if the visit comes back)."""
    visit = session.get(VisitRow, visit_id)
    if visit is None:
        return None
    row = session.exec(
        select(CaseRow).where(
            CaseRow.visit_id == visit_id,
            CaseRow.service_code == visit.service_code,
            CaseRow.status == CaseStatus.INTAKE.value,
        )
    ).first()
    return convert.case(row) if row else None
