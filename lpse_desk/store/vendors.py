"""Vendors: create and find. A returning vendor is found by NPWP, never duplicated."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from lpse_desk.domain.entities import Vendor
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.vendors import CleanVendor
from lpse_desk.store import convert, events
from lpse_desk.store.tables import VendorRow


def by_npwp(*, session: Session, npwp: str) -> Vendor | None:
    """The vendor with this normalised NPWP, if any."""
    row = session.exec(select(VendorRow).where(VendorRow.npwp == npwp)).first()
    return convert.vendor(row) if row else None


def create(*, session: Session, vendor: CleanVendor, actor: str, now: datetime) -> Vendor:
    """Insert a validated vendor; Conflict if the NPWP is already registered."""
    if vendor.npwp and (existing := by_npwp(session=session, npwp=vendor.npwp)):
        raise Conflict(f"NPWP ini sudah terdaftar atas nama '{existing.name}'")
    row = VendorRow(
        legal_form=vendor.legal_form.value,
        name=vendor.name,
        npwp=vendor.npwp,
        nib=vendor.nib,
        spse_user_id=vendor.spse_user_id,
        email=vendor.email,
        phone=vendor.phone,
        address=vendor.address,
        director_name=vendor.director_name,
        director_nik=vendor.director_nik,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    events.record(
        session=session,
        at=now,
        actor=actor,
        entity="vendor",
        entity_id=row.id,
        action="penyedia_didaftarkan",
    )
    return convert.vendor(row)


def get(*, session: Session, vendor_id: int) -> Vendor | None:
    """A vendor by id."""
    row = session.get(VendorRow, vendor_id)
    return convert.vendor(row) if row else None
