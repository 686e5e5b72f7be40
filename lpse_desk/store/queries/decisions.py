"""The verifier's decisions: approve, return (pause), resume (new deadline), reject, and their
helpdesk messages.

Each decision is one conditional ``UPDATE case … WHERE status = <seen>`` (``review.claim``)
with its event and its notification, in the caller's write session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from lpse_desk.domain.actors import Who, actor_of
from lpse_desk.domain.approval import approval_effect, approved_user_id
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.entities import CASE_STATUS_LABELS, Case, CaseStatus, StaffMember
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.notices import (
    NoticeKind,
    Notification,
    approval_notice,
    rejection_notice,
    return_notice,
)
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.review import (
    CASE_NOTE_LIMIT,
    DocumentVerdict,
    RefusalReason,
    clean_note,
    pause_remaining,
    rejection_note,
    require_approvable,
    require_staff,
    resumed_due,
    return_problems,
)
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.store import convert
from lpse_desk.store.queries import casereport, cases, events, notices, vendors, videocalls
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.queries.changes import clean_vendor
from lpse_desk.store.queries.review import (
    awaiting_decision,
    changes_of,
    check_states,
    claim,
    decider,
    document_reviews,
    require_status,
)
from lpse_desk.store.tables.cases import CaseRow, DocumentCheckRow
from lpse_desk.store.tables.review import CaseChangeRow, CaseCheckRow
from lpse_desk.store.tables.vendors import VendorRow


@dataclass(frozen=True)
class Decided:
    """A case after a decision, with the helpdesk message the decision produced."""

    case: Case
    notification: Notification


def _record_move(session, who, row, action, seen: CaseStatus, reason, now) -> None:
    events.on_case(session=session, case_id=row.id, action=action, at=now, actor=actor_of(who),
        reason=reason, from_state=seen.value, to_state=row.status)  # fmt: skip


def _told(
    session: Session, row: CaseRow, kind: NoticeKind, message: str, member: StaffMember,
    now: datetime,
) -> Decided:  # fmt: skip
    """The decided case, once the helpdesk ``message`` it produced is stored (and logged)."""
    notification = notices.notify(session, row, kind, message, member, now)
    return Decided(case=convert.case(row), notification=notification)


def _decided(
    session: Session, row: CaseRow, seen: CaseStatus, to: CaseStatus, member: StaffMember,
    now: datetime, *, reason: str | None = None, note: str | None = None, **values,
) -> None:  # fmt: skip
    """``claim`` the case for the verifier's decision ``to``: who decided, when and why
    (a decision clears the reason and note of an earlier one), with the ``values`` it sets."""
    claim(session, row, seen, status=to.value, decided_by=member.id, decided_at=now,
          decision_reason=reason, decision_note=note, **values)  # fmt: skip


def approve(
    *,
    session: Session,
    catalog: Catalog,
    who: Who,
    case_id: int,
    user_id: str | None,
    now: datetime,
    changes_seen: Sequence[tuple[int, str, str]] | None = None,
) -> Decided:
    """Approve a case whose documents are all accepted and checks all confirmed.

    ``changes_seen``: the UBAH changes the verifier was shown, as (id, field, new value);
    when given and the case's current set differs (added, withdrawn or replaced since),
    Conflict: the verifier approves exactly what they saw, or reloads.

    REG: the SPSE account is activated (user ID and time recorded; the vendor's user ID
    unless another is given). UBAH: the requested changes are applied to the vendor, each
    logged with old and new values (personal numbers masked) and kept in the case. UID:
    the user ID given to the vendor (required) is recorded.
    """
    row, member, seen = awaiting_decision(session, who, case_id, "disetujui")
    effect = approval_effect(row.service_code)
    pending = changes_of(session=session, case_id=case_id)
    require_approvable(
        case_id,
        document_reviews(session=session, case_id=case_id),
        check_states(session=session, row=row),
        call_needed=videocalls.call_needed(session=session, row=row),
        changes_needed=effect.applies_changes and not pending,
    )
    vendor = session.get(VendorRow, row.vendor_id) if row.vendor_id else None
    if vendor is None:
        raise Conflict(f"Kasus #{case_id} tidak punya penyedia")
    given = approved_user_id(
        effect, user_id, vendor.spse_user_id, service_code=row.service_code
    )
    current = sorted((change.id, change.field, change.new_value) for change in pending)
    if changes_seen is not None and current != sorted(tuple(c) for c in changes_seen):
        raise Conflict(
            f"Perubahan data kasus #{case_id} berubah sejak layar dibuka; muat ulang dan "
            "periksa perubahannya sebelum menyetujui"
        )
    context = notices.context(session, catalog, row, now)
    _decided(session, row, seen, CaseStatus.APPROVED, member, now, closed_at=now,
             spse_user_id=given if effect.records_user_id else None,
             activated_at=now if effect.activates_account else None)  # fmt: skip
    actor = actor_of(who)
    applied: list[CaseChange] = []
    if effect.applies_changes:
        olds = {change.field: getattr(vendor, change.field) for change in pending}
        vendors.update(
            session=session,
            vendor_id=vendor.id,
            vendor=clean_vendor(vendor, **{c.field: c.new_value for c in pending}),
            actor=actor,
            now=now,
        )
        for change in pending:
            stored = session.get(CaseChangeRow, change.id)
            stored.old_value = olds[change.field]
            stored.applied_at = now
            session.add(stored)
            applied.append(convert.case_change(stored))
    replaced = None
    if not effect.applies_changes and given and given != vendor.spse_user_id:
        # The verifier's answer from SPSE is the truth: the vendor row follows it (logged).
        replaced = vendor.spse_user_id
        vendors.update(
            session=session,
            vendor_id=vendor.id,
            vendor=clean_vendor(vendor, spse_user_id=given),
            actor=actor,
            now=now,
        )
    reason = effect.event_reason(given, applied, replaced=replaced)
    _record_move(session, who, row, "disetujui", seen, reason, now)
    if effect.event is not None:
        events.on_case(session=session, case_id=case_id, action=effect.event, at=now, actor=actor,
            reason=reason)  # fmt: skip
    message = approval_notice(context, user_id=given, changes=applied)
    return _told(session, row, NoticeKind.APPROVED, message, member, now)


def return_case(
    *,
    session: Session,
    catalog: Catalog,
    calendar: WorkingCalendar,
    who: Who,
    case_id: int,
    note: str,
    now: datetime,
) -> Decided:
    """Return a case to the vendor: its clock pauses with the working time that was left.

    The message lists every rejected document with its reason, then ``note``; a return
    with nothing to tell the vendor is refused.
    """
    row, member, seen = awaiting_decision(session, who, case_id, "dikembalikan ke penyedia")
    cleaned = clean_note(note, limit=CASE_NOTE_LIMIT)
    reviewed = document_reviews(session=session, case_id=case_id)
    problems = return_problems(reviewed, cleaned)
    remaining = pause_remaining(calendar, due_at=row.due_at, paused_at=now)
    context = notices.context(session, catalog, row, now)
    summary = "; ".join(problems)
    _decided(session, row, seen, CaseStatus.RETURNED, member, now, note=summary[:2000],
             paused_at=now, remaining_seconds=remaining)  # fmt: skip
    _record_move(session, who, row, "dikembalikan_ke_penyedia", seen, summary[:2000], now)
    casereport.record_return(session=session, case_id=case_id, at=now, by=member.id,
                             reasons=[one.reason.value for one in reviewed
                                      if one.verdict is DocumentVerdict.REJECTED and one.reason])  # fmt: skip
    message = return_notice(context, problems=problems, remaining=timedelta(seconds=remaining))
    return _told(session, row, NoticeKind.RETURNED, message, member, now)


def resume(
    *,
    session: Session,
    calendar: WorkingCalendar,
    who: Who,
    case_id: int,
    note: str,
    now: datetime,
) -> Case:
    """The vendor brought the fixes: the case waits for a verifier again with a new deadline.

    New deadline = now + the working time that was left when it was returned. Rejected
    documents become undecided again and every consistency check loses its confirmation
    (the documents it was confirmed on may have been replaced), so the verifier reviews
    what was brought back.
    """
    require_staff(staff_store.current(session=session, who=who), "menerima berkas perbaikan")
    cleaned = clean_note(note)
    row = cases.case_row(session, case_id)
    seen = require_status(row, (CaseStatus.RETURNED,), "dilanjutkan")
    due = resumed_due(calendar, resumed_at=now, remaining_seconds=row.remaining_seconds or 0)
    claim(
        session,
        row,
        seen,
        status=CaseStatus.AWAITING_REVIEW.value,
        due_at=due,
        paused_at=None,
        remaining_seconds=None,
    )
    reopened = session.exec(
        select(DocumentCheckRow).where(
            DocumentCheckRow.case_id == case_id,
            DocumentCheckRow.decision == DocumentVerdict.REJECTED.value,
        )
    ).all()
    for document in reopened:
        document.decision = None
        document.decision_reason = None
        document.decided_by = None
        document.decided_at = None
        document.decision_note = ""
        session.add(document)
    # The checks were confirmed on documents the vendor may just have replaced: the
    # verifier confirms them again on what was brought back.
    confirmed = session.exec(
        select(CaseCheckRow).where(
            CaseCheckRow.case_id == case_id, CaseCheckRow.confirmed_at.is_not(None)
        )
    ).all()
    for check in confirmed:
        check.confirmed_by = None
        check.confirmed_at = None
        session.add(check)
    reason = f"Berkas perbaikan diterima; tenggat baru {format_long_id(due)}"
    if confirmed:
        reason += (
            f"; konfirmasi {len(confirmed)} pemeriksaan dibatalkan (diperiksa ulang): "
            + ", ".join(check.label for check in confirmed)
        )
    if cleaned:
        reason += f" — {cleaned}"
    _record_move(session, who, row, "berkas_kembali", seen, reason, now)
    return convert.case(row)


def reject(
    *,
    session: Session,
    catalog: Catalog,
    who: Who,
    case_id: int,
    reason: RefusalReason,
    note: str,
    now: datetime,
    seen: CaseStatus | None = None,
) -> Decided:
    """Reject a case waiting for a verifier, or a returned one the vendor never brought
    back: closed with the reason.

    ``seen``: the status the verifier was looking at (the screen passes the one it showed).
    When the case has moved since (a colleague returned it, or the vendor's fixes came in),
    Conflict: the stale decision must not silently replace the colleague's. The
    conditional UPDATE still guards the moment between this check and the write.
    """
    row = cases.case_row(session, case_id)
    member = decider(session, who, row)
    current = CaseStatus(row.status)
    if seen is not None and current is not seen:
        raise Conflict(
            f"Status kasus berubah sejak layar dibuka ({CASE_STATUS_LABELS[seen].lower()} → "
            f"{CASE_STATUS_LABELS[current].lower()}); muat ulang kasus #{case_id}"
        )
    seen = require_status(row, (CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED), "ditolak")
    cleaned = rejection_note(clean_note(note, limit=CASE_NOTE_LIMIT))
    context = notices.context(session, catalog, row, now)
    _decided(session, row, seen, CaseStatus.REJECTED, member, now, reason=reason.value,
             note=cleaned or None, closed_at=now)  # fmt: skip
    text = reason.label + (f" — {cleaned}" if cleaned else "")
    _record_move(session, who, row, "ditolak", seen, text, now)
    message = rejection_notice(context, reason=reason, note=cleaned)
    return _told(session, row, NoticeKind.REJECTED, message, member, now)


