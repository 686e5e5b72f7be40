"""The verifier's review in the store: reading a case's review state, per-document decisions,
consistency checks, assignment; the guards the decisions (``store.decisions``) share.

Every function runs inside the caller's write session and asks the domain first
(``domain.review``: who may decide, whether the decision is well formed, whether the case
may be approved). Every move is a conditional ``UPDATE case … WHERE status = <seen>``
plus an event, as in ``queries.queue``: if another verifier moved the case first, nothing
changes and the caller gets Conflict, so two verifiers never both decide a case. With
SQLite the write transaction (``BEGIN IMMEDIATE``) already serialises them; on
PostgreSQL the condition (and the row lock it takes) is what does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from lpse_desk.domain.actors import Who, actor_of
from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import CASE_STATUS_LABELS, Case, CaseStatus, StaffMember
from lpse_desk.domain.errors import Conflict, NotFound, PermissionDenied, found
from lpse_desk.domain.notices import Notification
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.review import (
    CheckState,
    DocumentDecision,
    DocumentReview,
    DocumentVerdict,
    clean_note,
    consistency_checks,
    require_decider,
    require_reviewer,
)
from lpse_desk.domain.roles import Role
from lpse_desk.store import convert
from lpse_desk.store.queries import access, cases, events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow, DocumentCheckRow
from lpse_desk.store.tables.desk import StaffRow
from lpse_desk.store.tables.review import CaseChangeRow, CaseCheckRow, NotificationRow
from lpse_desk.store.tables.vendors import VendorRow

# --- reading ----------------------------------------------------------------------------


def document_reviews(*, session: Session, case_id: int) -> list[DocumentReview]:
    """The case's checklist with each document's verdict, in the catalog's order."""
    return [convert.document_review(r) for r in cases.of_case(session, DocumentCheckRow, case_id)]


def _vendor_type(session: Session, row: CaseRow) -> str | None:
    if row.vendor_type:
        return row.vendor_type
    vendor = session.get(VendorRow, row.vendor_id) if row.vendor_id else None
    return vendor.legal_form if vendor else None


def check_states(*, session: Session, row: CaseRow) -> list[CheckState]:
    """The consistency checks this case needs, each with its confirmation (if any)."""
    # Only documents under review count: an optional Akta the vendor did not bring cannot
    # be compared with the KTP.
    requirement_ids = [
        document.requirement_id
        for document in document_reviews(session=session, case_id=row.id)
        if document.needs_verdict
    ]
    needed = consistency_checks(
        service_code=row.service_code,
        vendor_type=_vendor_type(session, row),
        requirement_ids=set(requirement_ids),
    )
    stored = {
        check.code: (check, name)
        for check, name in session.exec(
            select(CaseCheckRow, StaffRow.name)
            .join(StaffRow, CaseCheckRow.confirmed_by == StaffRow.id, isouter=True)
            .where(CaseCheckRow.case_id == row.id)
        ).all()
    }
    states = []
    for check in needed:
        found, name = stored.get(check.code, (None, None))
        confirmed = found is not None and found.confirmed_at is not None
        states.append(
            CheckState(
                code=check.code,
                label=check.label,
                confirmed_by=found.confirmed_by if confirmed else None,
                confirmed_by_name=name if confirmed else None,
                confirmed_at=found.confirmed_at if confirmed else None,
                note=found.note if found is not None else "",
            )
        )
    return states


def changes_of(*, session: Session, case_id: int) -> list[CaseChange]:
    """A UBAH case's requested changes, in the order they were recorded."""
    return [convert.case_change(row) for row in cases.of_case(session, CaseChangeRow, case_id)]


def notifications_of(*, session: Session, case_id: int) -> list[Notification]:
    """Every message the case's decisions produced, oldest first."""
    return [convert.notification(row) for row in cases.of_case(session, NotificationRow, case_id)]


# --- guards -----------------------------------------------------------------------------


def require_status(row: CaseRow, allowed: tuple[CaseStatus, ...], doing: str) -> CaseStatus:
    """The case's status, if it is one of ``allowed``; Conflict naming it otherwise."""
    state = CaseStatus(row.status)
    if state not in allowed:
        raise Conflict(
            f"Kasus #{row.id} berstatus {CASE_STATUS_LABELS[state].lower()}{_by_whom(row)}: "
            f"tidak dapat {doing}"
        )
    return state


_DECIDED = (CaseStatus.APPROVED, CaseStatus.REJECTED, CaseStatus.RETURNED)


def _by_whom(row: CaseRow) -> str:
    """`` (oleh Ratna Sari, 10/06 10.15)`` for a case decided by someone: a screen opened
    before the decision learns who took it and when."""
    session = object_session(row)
    if CaseStatus(row.status) not in _DECIDED or row.decided_by is None or session is None:
        return ""
    staff = session.get(StaffRow, row.decided_by)
    when = f", {to_wib(row.decided_at):%d/%m %H.%M}" if row.decided_at else ""
    return f" (oleh {staff.name}{when})" if staff is not None else ""


def claim(session: Session, row: CaseRow, seen: CaseStatus, **values) -> None:
    """``UPDATE case SET … WHERE id = ? AND status = <seen>``; Conflict when it moved."""
    changed = session.execute(
        update(CaseRow)
        .where(CaseRow.id == row.id, CaseRow.status == seen.value)
        .values(status=values.pop("status", seen.value), **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Conflict(f"Kasus #{row.id} baru saja diubah oleh petugas lain; muat ulang kasusnya")
    session.refresh(row)


def decider(session: Session, who: Who, row: CaseRow) -> StaffMember:
    """The acting verifier as stored now, if they may decide this case: role, and
    four-eyes over everyone who took part in its intake (``access.took_in``)."""
    return require_decider(
        staff_store.current(session=session, who=who),
        case_id=row.id,
        intake_by=row.intake_by,
        took_in=access.took_in(session, row),
    )


def awaiting_decision(
    session: Session, who: Who, case_id: int, doing: str
) -> tuple[CaseRow, StaffMember, CaseStatus]:
    """The case waiting for a verifier, the verifier (``decider``) and the status seen;
    Conflict saying it cannot be ``doing`` when the case waits for nobody."""
    row = cases.case_row(session, case_id)
    member = decider(session, who, row)
    return row, member, require_status(row, (CaseStatus.AWAITING_REVIEW,), doing)


# --- per-document decisions and consistency checks --------------------------------------


def decide_document(
    *,
    session: Session,
    who: Who,
    case_id: int,
    requirement_id: str,
    decision: DocumentDecision,
    now: datetime,
) -> DocumentReview:
    """Accept or reject one document of a case waiting for a verifier."""
    row, member, seen = awaiting_decision(session, who, case_id, "memutuskan dokumen")
    document = cases.check_row(session, case_id, requirement_id, called="Dokumen")
    accepted = decision.verdict is DocumentVerdict.ACCEPTED
    if accepted and not convert.document_review(document).brought:
        raise Conflict(
            f"{document.name} tidak dibawa ke loket (asli dan salinan tidak ada): tidak ada "
            "yang dapat diterima"
        )
    claim(session, row, seen)
    document.decision = decision.verdict.value
    document.decision_reason = decision.reason.value if decision.reason else None
    document.decision_note = decision.note
    document.decided_by = member.id
    document.decided_at = now
    session.add(document)
    result = convert.document_review(document)
    events.on_case(session=session, case_id=case_id,
        action="dokumen_ditolak" if decision.reason else "dokumen_diterima", at=now,
        actor=actor_of(who),
        reason=result.problem_text
        or document.name + (f" — {decision.note}" if decision.note else ""))  # fmt: skip
    return result


def confirm_check(
    *,
    session: Session,
    who: Who,
    case_id: int,
    code: str,
    confirmed: bool,
    note: str,
    now: datetime,
) -> CheckState:
    """Confirm (or withdraw the confirmation of) one consistency check of the case."""
    row, member, seen = awaiting_decision(session, who, case_id, "mengonfirmasi pemeriksaan")
    cleaned = clean_note(note)
    states = {state.code: state for state in check_states(session=session, row=row)}
    if code not in states:
        raise NotFound(
            f"Pemeriksaan '{code}' tidak berlaku untuk kasus #{case_id}; yang berlaku: "
            + ", ".join(states)
        )
    claim(session, row, seen)
    stored = session.exec(
        select(CaseCheckRow).where(CaseCheckRow.case_id == case_id, CaseCheckRow.code == code)
    ).first()
    if stored is None:
        stored = CaseCheckRow(case_id=case_id, code=code, label=states[code].label)
    stored.confirmed_by = member.id if confirmed else None
    stored.confirmed_at = now if confirmed else None
    stored.note = cleaned
    session.add(stored)
    events.on_case(session=session, case_id=case_id,
        action="pemeriksaan_dikonfirmasi" if confirmed else "konfirmasi_pemeriksaan_dibatalkan",
        at=now, actor=actor_of(who),
        reason=states[code].label + (f" — {cleaned}" if cleaned else ""))  # fmt: skip
    return replace(
        states[code],
        confirmed_by=stored.confirmed_by,
        confirmed_by_name=member.name if confirmed else None,
        confirmed_at=stored.confirmed_at,
        note=cleaned,
    )


# --- assignment -------------------------------------------------------------------------


def assign(
    *, session: Session, who: Who, case_id: int, assignee_id: int | None, now: datetime
) -> Case:
    """Give a handed-off case to a verifier (None: release it); four-eyes holds for them too.

    A verifier takes a case for themselves or releases their own; giving a case to someone
    else, or releasing a colleague's, is the admin's (as the queue screen offers it).
    """
    member = require_reviewer(staff_store.current(session=session, who=who))
    row = cases.case_row(session, case_id)
    seen = require_status(
        row, (CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED), "ditugaskan ke verifikator"
    )
    if member.role is not Role.ADMIN:
        if assignee_id is not None and assignee_id != member.id:
            raise PermissionDenied(
                f"{member.name} hanya dapat mengambil kasus untuk diri sendiri; menugaskan "
                "kasus ke staf lain hanya oleh admin"
            )
        if assignee_id is None and row.assigned_to not in (None, member.id):
            raise PermissionDenied(
                f"Kasus #{case_id} ditugaskan ke staf lain; hanya admin atau verifikator "
                "yang memegangnya yang dapat melepasnya"
            )
    assignee = None
    if assignee_id is not None:
        stored = found(session.get(StaffRow, assignee_id), f"Staf #{assignee_id} tidak ditemukan")
        assignee = require_decider(
            convert.staff(stored),
            case_id=case_id,
            intake_by=row.intake_by,
            took_in=access.took_in(session, row),
        )
    previous = row.assigned_to
    claim(session, row, seen, assigned_to=assignee_id, assigned_at=now)
    events.on_case(session=session, case_id=case_id,
        action="kasus_ditugaskan" if assignee else "penugasan_dilepas", at=now, actor=actor_of(who),
        reason=f"ke {assignee.name}" if assignee else None,
        from_state=str(previous) if previous else None,
        to_state=str(assignee_id) if assignee_id else None)  # fmt: skip
    return convert.case(row)
