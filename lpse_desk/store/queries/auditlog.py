"""Who did what: the event log, filtered and paged, for the audit screen and ``audit list``.

Filters: the actor's name (contains, case-insensitive), the action (its label or code
contains), one case, a range of WIB dates.
A case covers its own events (intake, receipts, tickets, review, video calls, reveals) and
those of the queue visit it was taken in from (ticket taken, called, served, and a reveal
made before the checklist existed). The vendor's own events are left out: a vendor has many
cases, and its corrections are not this case's story.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import and_, func, or_
from sqlmodel import Session, select

from lpse_desk.domain.audit import (
    ACTION_LABELS,
    MAX_LIMIT,
    PAGE_LIMIT,
    AuditFilter,
    AuditPage,
    entry,
)
from lpse_desk.domain.clock import wib_day
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import PermissionDenied, ValidationError, found
from lpse_desk.domain.roles import Role
from lpse_desk.store import convert
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow, StaffRow


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(session: Session, wanted: AuditFilter) -> list:
    conditions = []
    if wanted.start and wanted.end and wanted.start > wanted.end:
        raise ValidationError(
            f"Tanggal awal {wanted.start:%d/%m/%Y} sesudah tanggal akhir {wanted.end:%d/%m/%Y}"
        )
    if wanted.start is not None:
        conditions.append(EventRow.at >= wib_day(wanted.start)[0])
    if wanted.end is not None:
        conditions.append(EventRow.at < wib_day(wanted.end)[1])
    name = " ".join((wanted.staff or "").split())
    if name:
        # SQLite folds ASCII letters only: "siti" finds "Siti", not "ZOË" for "zoë".
        pattern = f"%{_escaped(name.lower())}%"
        conditions.append(func.lower(EventRow.actor).like(pattern, escape="\\"))
    action = " ".join((wanted.action or "").split()).casefold()
    if action:
        codes = [code for code, label in ACTION_LABELS.items()
                 if action in code or action in label.casefold()]  # fmt: skip
        pattern = f"%{_escaped(action)}%"
        conditions.append(
            or_(EventRow.action.in_(codes), func.lower(EventRow.action).like(pattern, escape="\\"))
        )
    if wanted.case_id is not None:
        case = found(
            session.get(CaseRow, wanted.case_id), f"Kasus #{wanted.case_id} tidak ditemukan"
        )
        of_case = [and_(EventRow.entity == "case", EventRow.entity_id == case.id)]
        if case.visit_id is not None:
            of_case.append(and_(EventRow.entity == "visit", EventRow.entity_id == case.visit_id))
        conditions.append(or_(*of_case))
    return conditions


def audit_events(
    *, session: Session, wanted: AuditFilter, offset: int = 0, limit: int = PAGE_LIMIT
) -> AuditPage:
    """The matching events in the order they happened, ``limit`` from ``offset``."""
    if offset < 0 or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError(f"Halaman tidak sah: mulai {offset}, paling banyak {limit}")
    conditions = _conditions(session, wanted)
    total = session.exec(select(func.count()).select_from(EventRow).where(*conditions)).one()
    rows = session.exec(
        select(EventRow)
        .where(*conditions)
        .order_by(EventRow.at, EventRow.id)
        .offset(offset)
        .limit(limit)
    ).all()
    # An audit entry is the stored event, field for field, with its free text masked; an
    # event about a staff account names whose ("Staf #5" alone told an auditor nothing).
    staff_ids = {row.entity_id for row in rows if row.entity == "staff"}
    names = dict(
        session.exec(select(StaffRow.id, StaffRow.name).where(StaffRow.id.in_(staff_ids))).all()
    ) if staff_ids else {}  # fmt: skip
    entries = [
        entry(**asdict(convert.event(row)),
              subject_name=names.get(row.entity_id, "") if row.entity == "staff" else "")
        for row in rows
    ]  # fmt: skip
    return AuditPage(entries=entries, total=total, offset=offset)


def require_admin(*, session: Session, who: StaffMember) -> None:
    """PermissionDenied unless ``who`` is, as stored now, an active admin (the desk's audit)."""
    member = staff_store.current(session=session, who=who)
    if member is None or not member.active or member.role is not Role.ADMIN:
        raise PermissionDenied("Daftar audit hanya untuk admin / kepala unit")
