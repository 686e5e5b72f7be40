"""Cases: open with a checklist, tick documents, hand off to the verifiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlmodel import Session, select

from lpse_desk.domain.catalog import Requirement
from lpse_desk.domain.entities import Case, CaseStatus, DocumentCheck
from lpse_desk.domain.errors import Conflict, NotFound, found
from lpse_desk.store import convert
from lpse_desk.store.queries import casereport, events
from lpse_desk.store.tables.cases import CaseRow, DocumentCheckRow
from lpse_desk.store.tables.review import CaseChangeRow, NotificationRow, VideoCallRow


@dataclass(frozen=True)
class Tick:
    """What the officer recorded for one requirement."""

    original_shown: bool = False
    copy_received: bool = False
    expiry_date: date | None = None
    note: str = ""
    meterai_invalid: bool = False
    original_call_id: int | None = None


CaseRows = TypeVar("CaseRows", DocumentCheckRow, CaseChangeRow, NotificationRow, VideoCallRow)
"""Tables whose rows belong to one case (``case_id``)."""


def case_row(session: Session, case_id: int) -> CaseRow:
    """The case's row; NotFound in Indonesian."""
    return found(session.get(CaseRow, case_id), f"Kasus #{case_id} tidak ditemukan")


def open_case(
    *,
    session: Session,
    service_code: str,
    procedure: str,
    checklist: tuple[Requirement, ...],
    vendor_id: int | None,
    visit_id: int | None,
    intake_by: int | None,
    bearer_is_director: bool,
    now: datetime,
    actor: str,
    bearer_name: str | None = None,
) -> Case:
    """Create a case in intake with one unticked row per checklist requirement."""
    row = CaseRow(
        service_code=service_code,
        procedure=procedure,
        status=CaseStatus.INTAKE.value,
        vendor_id=vendor_id,
        visit_id=visit_id,
        intake_by=intake_by,
        bearer_is_director=bearer_is_director,
        bearer_name=bearer_name,
        created_at=now,
    )
    session.add(row)
    session.flush()
    for requirement in checklist:
        session.add(
            DocumentCheckRow(
                case_id=row.id,
                requirement_id=requirement.id,
                name=requirement.name,
                mandatory=requirement.mandatory,
            )
        )
    events.on_case(session=session, case_id=row.id, action="kasus_dibuka", at=now, actor=actor,
        to_state=CaseStatus.INTAKE.value)  # fmt: skip
    return convert.case(row)


def check_row(
    session: Session, case_id: int, requirement_id: str, *, called: str
) -> DocumentCheckRow:
    """The checklist row of one requirement of a case; NotFound names it as ``called``."""
    row = session.exec(
        select(DocumentCheckRow).where(
            DocumentCheckRow.case_id == case_id,
            DocumentCheckRow.requirement_id == requirement_id,
        )
    ).first()
    if row is None:
        raise NotFound(f"{called} '{requirement_id}' tidak ada pada kasus #{case_id}")
    return row


def tick(*, session: Session, case_id: int, requirement_id: str, tick: Tick) -> DocumentCheck:
    """Record what was shown and received for one requirement of a case."""
    row = check_row(session, case_id, requirement_id, called="Persyaratan")
    row.original_shown = tick.original_shown
    row.copy_received = tick.copy_received
    row.expiry_date = tick.expiry_date
    row.note = tick.note
    row.meterai_invalid = tick.meterai_invalid
    row.original_call_id = tick.original_call_id
    session.add(row)
    return convert.document_check(row)


def of_case(session: Session, table: type[CaseRows], case_id: int) -> list[CaseRows]:
    """The rows of ``table`` that belong to a case, in the order they were added."""
    return list(session.exec(select(table).where(table.case_id == case_id).order_by(table.id)))


def checks(*, session: Session, case_id: int) -> list[DocumentCheck]:
    """The checklist of a case, in the catalog's order."""
    return [convert.document_check(row) for row in of_case(session, DocumentCheckRow, case_id)]


def hand_off(
    *, session: Session, case_id: int, now: datetime, due_at: datetime, actor: str
) -> Case:
    """Send a case in intake to the verifiers with its deadline."""
    row = _move(session, case_id, CaseStatus.INTAKE, CaseStatus.AWAITING_REVIEW,
                "tidak sedang dalam penerimaan berkas", action="diserahkan_ke_verifikator",
                now=now, actor=actor, handed_off_at=now, due_at=due_at)  # fmt: skip
    return convert.case(row)


def _move(
    session: Session, case_id: int, seen: CaseStatus, to: CaseStatus, refused: str, *,
    action: str, now: datetime, actor: str, reason: str | None = None, **values: object,
) -> CaseRow:  # fmt: skip
    """Move the case from ``seen`` to ``to`` with ``values`` set on its row, and log it;
    Conflict ("Kasus #… ``refused``") when it is not in ``seen``."""
    row = case_row(session, case_id)
    if row.status != seen.value:
        raise Conflict(f"Kasus #{case_id} {refused}")
    row.status = to.value
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    events.on_case(session=session, case_id=case_id, action=action, at=now, actor=actor,
        reason=reason, from_state=seen.value, to_state=to.value)  # fmt: skip
    return row


def close(
    *, session: Session, case_id: int, status: CaseStatus, now: datetime, actor: str, reason: str
) -> Case:
    """Close a case with a final status and the reason."""
    row = case_row(session, case_id)
    previous = row.status
    row.status = status.value
    row.closed_at = now
    session.add(row)
    events.on_case(session=session, case_id=case_id, action="kasus_ditutup", at=now, actor=actor,
        reason=reason, from_state=previous, to_state=status.value)  # fmt: skip
    return convert.case(row)


def return_to_vendor(
    *,
    session: Session,
    case_id: int,
    now: datetime,
    remaining_seconds: int,
    actor: str,
    reason: str,
    by: int | None = None,
) -> Case:
    """Return a case to the vendor; its clock pauses with the working time that was left.
    ``by``: the verifier who returned it (counted for them in the case report)."""
    row = _move(session, case_id, CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED,
                "tidak sedang menunggu verifikasi", action="dikembalikan_ke_penyedia", now=now,
                actor=actor, reason=reason, paused_at=now,
                remaining_seconds=max(0, remaining_seconds))  # fmt: skip
    if by is not None:
        row.decided_by, row.decided_at = by, now
    casereport.record_return(session=session, case_id=case_id, at=now, by=by, reasons=())
    return convert.case(row)
