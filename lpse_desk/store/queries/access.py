"""The role rules applied in the store: the acting account as stored now, and who took a
case in (the four-eyes rule's "took it in themselves").

Every store action that changes something calls ``acting`` (or ``actor``) first, inside
its own transaction, before anything is written: a refused action changes nothing.
"""

from __future__ import annotations

import re

from sqlmodel import Session, select

from lpse_desk.domain import actors
from lpse_desk.domain.access import Act, SystemActor, require
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import PermissionDenied
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow, ReceiptRow
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.review import VideoCallRow

HANDED_OFF = "diserahkan_ke_verifikator"
"""The event that ends a case's intake (``cases.hand_off``)."""

_STAFF_SUFFIX = re.compile(r"\(#(\d+)\)$")
"""The end of ``actors.actor_for``: ``Siti Rahma (#2)``; anchored, so a name cannot forge it."""


def acting(session: Session, who: object, act: Act) -> StaffMember | SystemActor:
    """``who`` as stored now (re-read role and active flag) if it may take ``act``;
    PermissionDenied in Indonesian otherwise (a bare string or None included)."""
    if isinstance(who, StaffMember):
        stored = staff_store.current(session=session, who=who)
        if stored is None:
            raise PermissionDenied(f"Akun {who.name} (#{who.id}) tidak ditemukan lagi")
        return require(stored, act)
    return require(who, act)


def actor(session: Session, who: object, act: Act) -> str:
    """The log's name for ``who`` once ``acting`` allowed it."""
    return actors.actor_of(acting(session, who, act))


def took_in(session: Session, row: CaseRow) -> frozenset[int]:
    """Every staff id that took part in the case's intake: who started it, who issued its
    receipt or slip, who held its video call (originals seen), and whoever changed it
    before it was handed off (ticked a document, marked a meterai, recorded SIKaP or a
    requested change). None of them may decide it (four-eyes)."""
    ids: set[int] = set()
    if row.intake_by is not None:
        ids.add(row.intake_by)
    ids.update(
        staff_id
        for staff_id in session.exec(
            select(ReceiptRow.issued_by).where(ReceiptRow.case_id == row.id)
        ).all()
        if staff_id is not None
    )
    ids.update(
        staff_id
        for staff_id in session.exec(
            select(VideoCallRow.recorded_by).where(
                VideoCallRow.case_id == row.id, VideoCallRow.held_at.is_not(None)
            )
        ).all()
        if staff_id is not None
    )
    for action, name in session.exec(
        select(EventRow.action, EventRow.actor)
        .where(EventRow.entity == "case", EventRow.entity_id == row.id)
        .order_by(EventRow.id)
    ).all():
        found = _STAFF_SUFFIX.search(name)
        if found:
            ids.add(int(found.group(1)))
        if action == HANDED_OFF:
            break
    return frozenset(ids)
