"""Domain objects the store returns: plain frozen dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.labelled import Labelled
from lpse_desk.domain.roles import Role


class LegalForm(Labelled):
    """A vendor's legal form (bentuk usaha)."""

    PT = "PT", "PT"
    CV = "CV", "CV"
    KOPERASI = "koperasi", "Koperasi"
    PERORANGAN = "perorangan", "Usaha perorangan"
    ASING = "asing", "Perusahaan asing"


class VisitStatus(Labelled):
    """Where a queue ticket stands."""

    WAITING = "menunggu", "Menunggu"
    CALLED = "dipanggil", "Dipanggil"
    SERVING = "dilayani", "Dilayani"
    ON_HOLD = "ditahan", "Ditahan"
    NO_SHOW = "tidak_hadir", "Tidak hadir"
    DONE = "selesai", "Selesai"
    CANCELLED = "batal", "Batal"


VISIT_STATUS_LABELS: dict[VisitStatus, str] = VisitStatus.labels()


class CaseStatus(Labelled):
    """Where a case stands, from intake to closure."""

    INTAKE = "penerimaan", "Penerimaan berkas"
    INCOMPLETE = "belum_lengkap", "Berkas belum lengkap"
    AWAITING_REVIEW = "menunggu_verifikasi", "Menunggu verifikasi"
    RETURNED = "dikembalikan", "Dikembalikan ke penyedia"
    APPROVED = "disetujui", "Disetujui"
    REJECTED = "ditolak", "Ditolak"
    CLOSED = "selesai", "Selesai"


CASE_STATUS_LABELS: dict[CaseStatus, str] = CaseStatus.labels()

OPEN_CASE_STATUSES = frozenset({CaseStatus.INTAKE, CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED})


@dataclass(frozen=True)
class StaffMember:
    """A counter officer, verifier or admin."""

    id: int
    name: str
    role: Role
    active: bool
    must_change_pin: bool = False
    """An admin reset the PIN: a new one is set at the next login."""
    default_loket: int | None = None
    """The loket the login screen proposes (1–99), if any."""


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as the admin's list shows it."""

    member: StaffMember
    last_login: datetime | None
    """The last successful login (from the event log), or None if never."""


@dataclass(frozen=True, kw_only=True)
class VendorFields:
    """A vendor's validated data: what a registered vendor holds and an officer may change."""

    legal_form: LegalForm
    name: str
    npwp: str | None
    nib: str | None
    spse_user_id: str | None
    email: str | None
    phone: str | None
    address: str | None
    director_name: str | None
    director_nik: str | None


@dataclass(frozen=True, kw_only=True)
class Vendor(VendorFields):
    """A penyedia (vendor) as registered at the desk."""

    id: int


@dataclass(frozen=True)
class Visit:
    """One queue ticket of one WIB day."""

    id: int
    service_date: date
    service_code: str
    prefix: str
    number: int
    status: VisitStatus
    visitor_name: str | None
    phone: str | None
    priority: str | None
    booking_code: str | None
    loket: int | None
    arrived_at: datetime
    called_at: datetime | None
    finished_at: datetime | None
    served_at: datetime | None = None
    served_by: int | None = None
    booked_for: datetime | None = None
    """The booking's slot, when the visitor checked in with a booking."""
    front_since: datetime | None = None
    """When a held or no-show visitor was put back at the front of the queue."""
    transferred_from: str | None = None
    outcome: str | None = None
    status_note: str | None = None
    """The reason given with the last move (why on hold, why transferred)."""
    moved_at: datetime | None = None
    """When it last changed state (a held visitor: since when held)."""

    @property
    def ticket(self) -> str:
        """The number as called and printed, e.g. ``A-001``."""
        return format_ticket(self.prefix, self.number)


@dataclass(frozen=True)
class Case:
    """One service request of one vendor, from intake to closure."""

    id: int
    service_code: str
    procedure: str
    status: CaseStatus
    vendor_id: int | None
    visit_id: int | None
    intake_by: int | None
    created_at: datetime
    handed_off_at: datetime | None
    due_at: datetime | None
    closed_at: datetime | None
    bearer_name: str | None = None
    """Who stood at the counter with the file (None in the daring procedure)."""
    bearer_is_director: bool = True


@dataclass(frozen=True)
class DocumentCheck:
    """One requirement of a case's checklist as the officer ticked it."""

    id: int
    case_id: int
    requirement_id: str
    name: str
    mandatory: bool
    original_shown: bool
    copy_received: bool
    expiry_date: date | None
    note: str
    meterai_invalid: bool = False
    """Brought, but its meterai is missing or not Rp 10.000: missing until cleared."""
    original_call_id: int | None = None
    """Daring: the held video call on which the original was seen (None: not yet)."""


@dataclass(frozen=True)
class Event:
    """An append-only record of one state change."""

    id: int
    at: datetime
    actor: str
    entity: str
    entity_id: int
    action: str
    from_state: str | None
    to_state: str | None
    reason: str | None


def format_ticket(prefix: str, number: int) -> str:
    """``A`` and ``3`` → ``A-003``."""
    return f"{prefix}-{number:03d}"
