"""UBAH's requested changes: recorded while the case is open, applied when it is approved.

Who may record or withdraw one: while the case is in intake, any counter officer (petugas
loket, admin); once it is handed off, only a reviewer who may decide the case (verifikator
or admin, not its intake officer: four-eyes), so the set the verifier approves cannot be
changed behind them by the counter that took the case in.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from lpse_desk.domain.actors import Who, actor_of
from lpse_desk.domain.entities import CaseStatus, LegalForm, StaffMember
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError
from lpse_desk.domain.outcome import (
    CHANGEABLE_FIELDS,
    CaseChange,
    clean_change_value,
    parse_change_field,
)
from lpse_desk.domain.review import require_counter
from lpse_desk.domain.vendors import CleanVendor
from lpse_desk.store import convert
from lpse_desk.store.queries import cases, events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.queries.review import claim, decider, require_status
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.review import CaseChangeRow
from lpse_desk.store.tables.vendors import VendorRow

OPEN_FOR_CHANGES = (CaseStatus.INTAKE, CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED)
"""A UBAH case's requested changes may be recorded until it is decided."""


def _recorder(session: Session, who: Who, row: CaseRow, what: str) -> StaffMember:
    """Who may change the case's requested changes now (see the module's note)."""
    member = staff_store.current(session=session, who=who)
    if CaseStatus(row.status) is CaseStatus.INTAKE:
        return require_counter(member, what)
    return decider(session, who, row)


def request_change(
    *,
    session: Session,
    who: Who,
    case_id: int,
    field: str,
    value: str,
    now: datetime,
    today: date,
) -> CaseChange:
    """Record (or replace) one change a UBAH case asks for, with the vendor's current value."""
    code = parse_change_field(field)
    new_value = clean_change_value(code, value, today=today)
    row = cases.case_row(session, case_id)
    if row.service_code != "UBAH":
        raise Conflict(f"Kasus #{case_id} bukan layanan UBAH (perubahan data)")
    seen = require_status(row, OPEN_FOR_CHANGES, "mencatat perubahan data")
    member = _recorder(session, who, row, "mencatat perubahan data")
    vendor = session.get(VendorRow, row.vendor_id) if row.vendor_id else None
    if vendor is None:
        raise Conflict(f"Kasus #{case_id} tidak punya penyedia")
    old_value = getattr(vendor, code)
    if old_value == new_value:
        raise ValidationError(
            f"{CHANGEABLE_FIELDS[code]} baru sama dengan data sekarang", field=code
        )
    if code == "npwp":
        owner = session.exec(
            select(VendorRow).where(VendorRow.npwp == new_value, VendorRow.id != vendor.id)
        ).first()
        if owner is not None:
            raise Conflict(f"NPWP baru sudah terdaftar atas nama '{owner.name}' (#{owner.id})")
    claim(session, row, seen)
    stored = session.exec(
        select(CaseChangeRow).where(CaseChangeRow.case_id == case_id, CaseChangeRow.field == code)
    ).first()
    if stored is None:
        stored = CaseChangeRow(case_id=case_id, field=code, new_value=new_value, requested_at=now)
    stored.old_value = old_value
    stored.new_value = new_value
    stored.requested_by = member.id
    stored.requested_at = now
    session.add(stored)
    session.flush()
    change = convert.case_change(stored)
    events.on_case(session=session, case_id=case_id, action="perubahan_diminta", at=now,
        actor=actor_of(who), reason=change.text)  # fmt: skip
    return change


def withdraw_change(*, session: Session, who: Who, case_id: int, field: str, now: datetime) -> None:
    """Drop a requested change the vendor no longer wants (before the decision)."""
    code = parse_change_field(field)
    row = cases.case_row(session, case_id)
    seen = require_status(row, OPEN_FOR_CHANGES, "membatalkan perubahan data")
    _recorder(session, who, row, "membatalkan perubahan data")
    stored = session.exec(
        select(CaseChangeRow).where(CaseChangeRow.case_id == case_id, CaseChangeRow.field == code)
    ).first()
    if stored is None:
        raise NotFound(f"Tidak ada perubahan {CHANGEABLE_FIELDS[code]} pada kasus #{case_id}")
    claim(session, row, seen)
    text = convert.case_change(stored).text
    session.delete(stored)
    events.on_case(session=session, case_id=case_id, action="perubahan_dibatalkan", at=now,
        actor=actor_of(who), reason=text)  # fmt: skip


def clean_vendor(row: VendorRow, **changes: str | None) -> CleanVendor:
    """The vendor's stored fields as a CleanVendor, with ``changes`` applied."""
    values = {
        field: getattr(row, field)
        for field in (
            "name",
            "npwp",
            "nib",
            "spse_user_id",
            "email",
            "phone",
            "address",
            "director_name",
            "director_nik",
        )
    }
    values.update(changes)
    return CleanVendor(legal_form=LegalForm(row.legal_form), **values)
