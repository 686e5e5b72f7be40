"""Revealing a vendor's full NIK or personal NPWP: checked against the account, then logged.

Screens show these numbers masked (``domain.privacy``). A role allowed by DOMAIN.md §1 may see
the full number for a moment; each reveal is an event naming who, which vendor (and case or
visit) and which kind of number, never the number itself. The check reads the account as
stored now, so a role changed or an account deactivated after login is refused at once.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from lpse_desk.domain import actors
from lpse_desk.domain.actors import Who
from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus, VisitStatus
from lpse_desk.domain.errors import NextStep, PermissionDenied, ValidationError, found
from lpse_desk.domain.privacy import Revealed, is_personal_npwp
from lpse_desk.domain.roles import Permission, Role, can
from lpse_desk.store.queries import events, logins
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.queue import VisitRow
from lpse_desk.store.tables.vendors import VendorRow

ACTION = "nomor_pribadi_dilihat"
"""The event's action; ``to_state`` holds the kinds shown (``nik``, ``npwp`` or ``nik+npwp``)."""

KIND_LABELS = {"nik": "NIK direktur/pemilik", "npwp": "NPWP pribadi"}


def _actor(session: Session, who: Who):
    member = staff_store.current(session=session, who=who)
    if member is None:
        raise PermissionDenied(
            "NIK/NPWP lengkap hanya dapat dilihat oleh petugas yang masuk ke desk dengan PIN"
        )
    if not member.active:
        raise PermissionDenied(
            f"Akun {member.name} sudah dinonaktifkan: NIK/NPWP lengkap tidak dapat dilihat"
        )
    if not can(member.role, Permission.REVEAL_PERSONAL_ID):
        raise PermissionDenied(f"Peran {member.role.label} tidak boleh melihat NIK/NPWP lengkap")
    return member


def _where(
    session: Session, member, vendor_id: int, case_id: int | None, visit_id: int | None,
    now: datetime,
) -> tuple[str, int, str]:  # fmt: skip
    """The event's entity and id, and where the reveal happened, after the petugas rule."""
    if case_id is not None:
        case = found(session.get(CaseRow, case_id), f"Kasus #{case_id} tidak ditemukan")
        if case.vendor_id != vendor_id:
            raise ValidationError(f"Penyedia #{vendor_id} bukan penyedia kasus #{case_id}")
        status = CaseStatus(case.status)
        if member.role is Role.PETUGAS and status is not CaseStatus.INTAKE:
            raise PermissionDenied(
                "Petugas loket hanya dapat melihat NIK/NPWP lengkap selama penerimaan berkas; "
                f"kasus #{case_id} berstatus {CASE_STATUS_LABELS[status]}. Minta verifikator "
                "atau admin bila perlu."
            )
        return "case", case_id, f"kasus #{case_id}"
    if visit_id is not None:
        visit = found(session.get(VisitRow, visit_id), f"Kunjungan #{visit_id} tidak ditemukan")
        ticket = f"{visit.prefix}-{visit.number:03d}"
        # Theirs: they serve it, or carry on with it at their loket (left there by a
        # colleague who logged out, "Biarkan di loket").
        serving = visit.status == VisitStatus.SERVING.value and (
            visit.served_by == member.id
            or (visit.loket is not None
                and logins.logged_in_at(session=session, staff_id=member.id, now=now)
                == visit.loket)
        )  # fmt: skip
        if member.role is Role.PETUGAS and not serving:
            raise PermissionDenied(
                "Petugas loket hanya dapat melihat NIK/NPWP lengkap selama melayani penyedia: "
                f"nomor {ticket} tidak sedang Anda layani."
            )
        return "visit", visit_id, f"kunjungan {ticket}"
    if member.role is Role.PETUGAS:
        raise PermissionDenied(
            "Petugas loket hanya dapat melihat NIK/NPWP lengkap selama penerimaan berkas: "
            "buat daftar periksa dulu, lalu lihat dari daftar periksa.",
            step=NextStep.SAVE_CHECKLIST,
        )
    return "vendor", vendor_id, f"penyedia #{vendor_id}"


def reveal(
    *,
    session: Session,
    who: Who,
    vendor_id: int,
    case_id: int | None = None,
    visit_id: int | None = None,
    now: datetime,
) -> Revealed:
    """The vendor's full director NIK and personal NPWP, after the check and the event.

    A petugas only while taking the file in: the case still in intake, or (before the
    checklist exists) the visit being served by them. PermissionDenied otherwise;
    ValidationError when the vendor has no personal number to show (nothing is logged).
    """
    member = _actor(session, who)
    vendor = found(session.get(VendorRow, vendor_id), f"Penyedia #{vendor_id} tidak ditemukan")
    entity, entity_id, where = _where(session, member, vendor_id, case_id, visit_id, now)
    nik = vendor.director_nik or None
    npwp = vendor.npwp if vendor.npwp and is_personal_npwp(vendor.npwp) else None
    kinds = [kind for kind, value in (("nik", nik), ("npwp", npwp)) if value]
    if not kinds:
        raise ValidationError(
            "Penyedia ini tidak mempunyai NIK atau NPWP pribadi tercatat; "
            "NPWP badan sudah tampil lengkap."
        )
    event_id = events.record(
        session=session,
        at=now,
        actor=actors.actor_for(member),
        entity=entity,
        entity_id=entity_id,
        action=ACTION,
        to_state="+".join(kinds),
        reason=f"{' dan '.join(KIND_LABELS[k] for k in kinds)} penyedia #{vendor_id} ({where})",
    )
    return Revealed(vendor_id=vendor_id, nik=nik, npwp=npwp, event_id=event_id)
