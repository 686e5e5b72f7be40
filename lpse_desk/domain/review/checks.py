"""The cross-document consistency checks the verifier confirms for a service and vendor type."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from lpse_desk.domain.review.documents import REVIEWED_SERVICES

# --- cross-document consistency checks -----------------------------------------------------


@dataclass(frozen=True)
class ConsistencyCheck:
    """A check across documents that the verifier confirms by hand before approving."""

    code: str
    label: str


AKTA_REQUIREMENTS = frozenset({"akta_perusahaan", "akta", "akta_pendirian_asing"})
"""Checklist items that are an Akta: only with one of these can the director be checked in it."""

_COMPANY_TYPES = frozenset({"PT", "CV", "koperasi"})

CHECK_NAME = "nama_sama"
CHECK_NPWP = "npwp_sama"
CHECK_DIRECTOR = "direktur_di_akta"
CHECK_BLACKLIST = "daftar_hitam"


def consistency_checks(
    *, service_code: str, vendor_type: str | None, requirement_ids: Collection[str]
) -> tuple[ConsistencyCheck, ...]:
    """The checks to confirm for a case of this service and vendor type, in the review's order.

    Companies: the same company name and the same NPWP on every document; the director on
    the KTP is one named in the Akta, only when an Akta is among ``requirement_ids`` (the
    checklist items under review: mandatory, or brought). A sole trader:
    the owner's name and NPWP (or NIK) match across KTP and NPWP. A foreign company: the
    name and tax identification match. Every reviewed case: the blacklist checked on INAPROC.
    """
    if service_code.upper() not in REVIEWED_SERVICES:
        return ()
    if vendor_type == "perorangan":
        found = [
            ConsistencyCheck(
                CHECK_NAME, "Nama pemilik sama pada KTP, NPWP dan surat/formulir yang diserahkan"
            ),
            ConsistencyCheck(
                CHECK_NPWP, "NPWP pemilik sama pada semua dokumen (NPWP 16 digit = NIK pada KTP)"
            ),
        ]
    elif vendor_type == "asing":
        found = [
            ConsistencyCheck(
                CHECK_NAME, "Nama perusahaan sama pada Articles of Incorporation dan dokumen pajak"
            ),
            ConsistencyCheck(
                CHECK_NPWP, "Nomor identitas pajak sama pada semua dokumen dan data penyedia"
            ),
        ]
    else:
        found = [
            ConsistencyCheck(
                CHECK_NAME, "Nama perusahaan sama pada NPWP, NIB, Akta dan surat/formulir"
            ),
            ConsistencyCheck(CHECK_NPWP, "NPWP perusahaan sama pada semua dokumen"),
        ]
    if vendor_type in _COMPANY_TYPES | {"asing"} and AKTA_REQUIREMENTS & set(requirement_ids):
        found.append(
            ConsistencyCheck(
                CHECK_DIRECTOR, "Direktur pada KTP adalah direksi yang tercantum dalam Akta"
            )
        )
    found.append(
        ConsistencyCheck(
            CHECK_BLACKLIST, "Penyedia tidak masuk daftar hitam (diperiksa di INAPROC)"
        )
    )
    return tuple(found)


@dataclass(frozen=True)
class CheckState:
    """A consistency check of a case and whether (by whom, when) it was confirmed."""

    code: str
    label: str
    confirmed_by: int | None
    confirmed_by_name: str | None
    confirmed_at: datetime | None
    note: str = ""

    @property
    def confirmed(self) -> bool:
        """Whether the verifier confirmed it."""
        return self.confirmed_at is not None
