"""A helpdesk request is one case: typed again, its checklist is resumed while in intake;
refused while its case is with the verifiers, back with the vendor or approved, or when
another vendor's case holds the number. After a slip or a rejection it may come again."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.vendors import VendorRow

_NEW_CASE_AFTER = (CaseStatus.INCOMPLETE.value, CaseStatus.REJECTED.value)
"""A request whose case closed with a slip or a rejection may come again on the same ticket."""


def case_of_request(
    session: Session, request_no: str, service_code: str, vendor_id: int, bearer_is_director: bool
) -> CaseRow | None:
    """The daring case already opened for this helpdesk request and service, to resume while
    it is in intake and opened alike; refused while it is with the verifiers, back with the
    vendor or approved (one request, one case), or when another vendor's case holds the
    number. None: open a new one."""
    rows = session.exec(
        select(CaseRow)
        .where(
            func.upper(CaseRow.helpdesk_request_no) == request_no.upper(),
            CaseRow.service_code == service_code,
            CaseRow.procedure == "daring",
            CaseRow.status.not_in(_NEW_CASE_AFTER),
        )
        .order_by(CaseRow.id.desc())
    ).all()
    for row in rows:
        if row.vendor_id != vendor_id:
            vendor = session.get(VendorRow, row.vendor_id)
            raise ValidationError(
                f"Permohonan helpdesk {request_no} sudah dipakai kasus {service_code} #{row.id} "
                f"untuk {vendor.name if vendor else 'penyedia lain'}: periksa nomornya",
                field="helpdesk",
            )
        status = CaseStatus(row.status)
        if status is CaseStatus.INTAKE and row.bearer_is_director != bearer_is_director:
            was = "direktur/pemilik" if row.bearer_is_director else "kuasa (dengan Surat Kuasa)"
            raise Conflict(
                f"Permohonan helpdesk {request_no} sudah dibuka sebagai kasus {service_code} "
                f"#{row.id} oleh {was}: lanjutkan daftar periksanya seperti itu"
            )
        if status is CaseStatus.INTAKE:
            return row
        then = ("; berkas perbaikan dilanjutkan pada kasus itu"
                if status is CaseStatus.RETURNED else "")  # fmt: skip
        raise ValidationError(
            f"Permohonan helpdesk {request_no} sudah tercatat sebagai kasus {service_code} "
            f"#{row.id} ({CASE_STATUS_LABELS[status].lower()}): satu permohonan satu kasus{then}",
            field="helpdesk",
        )
    return None
