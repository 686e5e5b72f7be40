"""The verifier's review: per-document decisions, consistency checks, four-eyes, the paused clock.

Pure rules (DOMAIN.md §1, §3, §5). The store asks them before it writes anything:
whether this staff member may decide this case, whether a decision is well formed,
whether the case may be approved yet and, if not, exactly why; which cross-document
checks the verifier must confirm for this service and vendor type; how much working
time a returned case keeps while it waits on the vendor and its deadline when it comes back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from lpse_desk.domain.access import require_role
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus, StaffMember
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from lpse_desk.domain.roles import Permission

NOTE_LIMIT = 300
"""Longest note on one document decision, check or decision (characters)."""

REVIEWED_SERVICES = frozenset({"REG", "UBAH", "UID"})
"""Services whose cases go to the verifiers (KONS and LAT end at the counter)."""


# --- refusal reasons and per-document decisions ------------------------------------------


class RefusalReason(StrEnum):
    """Why a document (or a whole case) is refused, as LPSE verifier training lists them."""

    INCOMPLETE = "tidak_lengkap"
    INVALID = "tidak_valid"
    NOT_AS_ORIGINAL = "tidak_sesuai_asli"
    INCONSISTENT = "tidak_konsisten"
    BLACKLISTED = "daftar_hitam"

    @property
    def label(self) -> str:
        """Indonesian label, as shown on screens and in messages."""
        return REFUSAL_REASON_LABELS[self]


REFUSAL_REASON_LABELS: dict[RefusalReason, str] = {
    RefusalReason.INCOMPLETE: "Tidak lengkap",
    RefusalReason.INVALID: "Tidak valid/kedaluwarsa",
    RefusalReason.NOT_AS_ORIGINAL: "Tidak sesuai asli",
    RefusalReason.INCONSISTENT: "Data tidak konsisten",
    RefusalReason.BLACKLISTED: "Masuk daftar hitam (INAPROC)",
}


def parse_refusal_reason(value: str | RefusalReason) -> RefusalReason:
    """A reason from its code or its label (case-insensitive); ValidationError lists the choices."""
    if isinstance(value, RefusalReason):
        return value
    wanted = " ".join(str(value or "").split()).casefold()
    for reason, label in REFUSAL_REASON_LABELS.items():
        if wanted in (reason.value, label.casefold(), reason.value.replace("_", " ")):
            return reason
    choices = ", ".join(f"{r.value} ({label})" for r, label in REFUSAL_REASON_LABELS.items())
    raise ValidationError(
        f"Alasan '{value}' tidak dikenal; pilih salah satu: {choices}", field="alasan"
    )


QUEUE_STATUSES = (CaseStatus.AWAITING_REVIEW, CaseStatus.RETURNED)
"""Handed-off cases not yet decided: waiting for a verifier, or back with the vendor (paused)."""


class DocumentVerdict(StrEnum):
    """The verifier's decision on one document; no verdict yet means undecided."""

    ACCEPTED = "diterima"
    REJECTED = "ditolak"


@dataclass(frozen=True)
class DocumentDecision:
    """A well-formed decision on one document, ready for the store to record."""

    verdict: DocumentVerdict
    reason: RefusalReason | None
    note: str


def clean_note(text: str | None, *, field: str = "catatan", limit: int = NOTE_LIMIT) -> str:
    """A note with its whitespace collapsed; ValidationError past ``limit`` characters."""
    cleaned = " ".join((text or "").split())
    if len(cleaned) > limit:
        raise ValidationError(
            f"Catatan paling banyak {limit} karakter; terisi {len(cleaned)}", field=field
        )
    return cleaned


def decide_document(
    verdict: str | DocumentVerdict, *, reason: str | RefusalReason | None = None, note: str = ""
) -> DocumentDecision:
    """Check one document decision: a rejection needs a reason from the list, an acceptance none."""
    try:
        verdict = DocumentVerdict(verdict)
    except ValueError:
        raise ValidationError(
            f"Keputusan dokumen '{verdict}' tidak dikenal; pilih 'diterima' atau 'ditolak'",
            field="keputusan",
        ) from None
    cleaned = clean_note(note)
    if verdict is DocumentVerdict.ACCEPTED:
        if reason:
            raise ValidationError(
                "Dokumen yang diterima tidak memakai alasan penolakan; kosongkan alasannya",
                field="alasan",
            )
        return DocumentDecision(verdict, None, cleaned)
    if not reason:
        raise ValidationError(
            "Pilih alasan penolakan dokumen: "
            + ", ".join(label.lower() for label in REFUSAL_REASON_LABELS.values()),
            field="alasan",
        )
    return DocumentDecision(verdict, parse_refusal_reason(reason), cleaned)


@dataclass(frozen=True)
class DocumentReview:
    """One checklist document as the verifier sees it: what the counter recorded, and the verdict."""

    check_id: int
    requirement_id: str
    name: str
    mandatory: bool
    original_shown: bool
    copy_received: bool
    expiry_date: date | None
    intake_note: str
    """The counter officer's note from the checklist."""
    verdict: DocumentVerdict | None
    """None: not decided yet."""
    reason: RefusalReason | None
    note: str
    """The verifier's note on this document."""
    decided_by: int | None
    decided_at: datetime | None

    @property
    def brought(self) -> bool:
        """Whether anything of this document reached the desk (original shown or copy kept)."""
        return self.original_shown or self.copy_received

    @property
    def needs_verdict(self) -> bool:
        """Mandatory documents, and optional ones the vendor brought, must each be decided."""
        return self.mandatory or self.brought

    @property
    def problem_text(self) -> str:
        """``KTP Direktur: tidak sesuai asli — foto buram`` for a rejected document; else ``""``."""
        if self.verdict is not DocumentVerdict.REJECTED or self.reason is None:
            return ""
        text = f"{self.name}: {self.reason.label.lower()}"
        return f"{text} — {self.note}" if self.note else text


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


# --- approval gate -----------------------------------------------------------------------


NO_CHANGES = "Perubahan data yang diminta belum dicatat: belum ada perubahan data yang dicatat"
"""An UBAH case without its requested changes: approving it would change nothing."""
CALL_NOT_HELD = "Panggilan video verifikasi dokumen asli belum dilaksanakan"
"""Blocker of a daring case whose originals were not yet seen on a video call (DOMAIN.md §2)."""


def approval_blockers(
    documents: Sequence[DocumentReview],
    checks: Sequence[CheckState],
    *,
    call_needed: bool = False,
    changes_needed: bool = False,
) -> list[str]:
    """Why the case cannot be approved yet, one Indonesian line per kind; empty when it can.

    ``call_needed``: a daring case none of whose video calls was held yet (the originals
    are verified with the director on the call, DOMAIN.md §2). ``changes_needed``: an UBAH
    case with no requested change recorded (approval would change nothing).
    """
    rejected = [doc for doc in documents if doc.verdict is DocumentVerdict.REJECTED]
    undecided = [doc for doc in documents if doc.needs_verdict and doc.verdict is None]
    open_checks = [check for check in checks if not check.confirmed]
    blockers = []
    if rejected:
        blockers.append("Dokumen ditolak: " + "; ".join(doc.problem_text for doc in rejected))
    if undecided:
        blockers.append("Dokumen belum diputuskan: " + "; ".join(doc.name for doc in undecided))
    if open_checks:
        blockers.append(
            "Pemeriksaan belum dikonfirmasi: " + "; ".join(check.label for check in open_checks)
        )
    if call_needed:
        blockers.append(CALL_NOT_HELD)
    if changes_needed:
        blockers.append(NO_CHANGES)
    return blockers


def require_approvable(
    case_id: int,
    documents: Sequence[DocumentReview],
    checks: Sequence[CheckState],
    *,
    call_needed: bool = False,
    changes_needed: bool = False,
) -> None:
    """Conflict naming every rejected or undecided document, unconfirmed check, for a
    daring case the video call not yet held, and for UBAH the missing changes."""
    blockers = approval_blockers(
        documents, checks, call_needed=call_needed, changes_needed=changes_needed
    )
    if blockers:
        raise Conflict(
            f"Kasus #{case_id} belum dapat disetujui. " + " ".join(f"{line}." for line in blockers)
        )


def return_problems(documents: Sequence[DocumentReview], note: str) -> list[str]:
    """What the vendor must fix: every rejected document with its reason, then the note.

    ValidationError when there is nothing to tell the vendor (no rejected document, no note).
    """
    problems = [doc.problem_text for doc in documents if doc.verdict is DocumentVerdict.REJECTED]
    if note:
        problems.append(note)
    if not problems:
        raise ValidationError(
            "Sebutkan yang harus diperbaiki penyedia: tolak dokumen yang bermasalah dengan "
            "alasannya, atau tulis catatan pengembalian",
            field="catatan",
        )
    return problems


# --- who may review and decide (DOMAIN.md §1) -------------------------------------------


def require_reviewer(staff: StaffMember | None) -> StaffMember:
    """The staff member, if their role may review and decide cases (verifikator, admin)."""
    if staff is None:
        raise PermissionDenied(
            "Keputusan verifikasi hanya dapat diambil oleh verifikator atau admin yang sudah masuk"
        )
    return require_role(staff, Permission.DECIDE_CASES, "memeriksa atau memutuskan kasus")


def require_decider(
    staff: StaffMember | None,
    *,
    case_id: int,
    intake_by: int | None,
    took_in: Collection[int] = (),
) -> StaffMember:
    """A reviewer who took no part in this case's intake (four-eyes); PermissionDenied
    otherwise. ``took_in``: everyone else who did (issued its receipt, ticked documents)."""
    member = require_reviewer(staff)
    if intake_by is not None and member.id == intake_by:
        raise PermissionDenied(
            f"Prinsip empat mata: {member.name} menerima berkas kasus #{case_id} dan tidak boleh "
            "memutuskannya; serahkan ke verifikator lain"
        )
    if member.id in took_in:
        raise PermissionDenied(
            f"Prinsip empat mata: {member.name} ikut menerima berkas kasus #{case_id} "
            "(mencatat dokumen atau menerbitkan tanda terimanya) dan tidak boleh "
            "memutuskannya; serahkan ke verifikator lain"
        )
    return member


def require_counter(staff: StaffMember | None, what: str) -> StaffMember:
    """A staff member who may work the counter (petugas loket, admin)."""
    if staff is None:
        raise PermissionDenied(f"Pengguna ini tidak boleh {what}; hanya petugas loket atau admin")
    return require_role(staff, Permission.COUNTER, what)


def require_staff(staff: StaffMember | None, what: str) -> StaffMember:
    """Any active staff member (counter officer, verifier or admin)."""
    if staff is not None and not staff.active:
        raise PermissionDenied(f"Hanya staf yang sudah masuk yang boleh {what}")
    return require_role(staff, None, what)


# --- the case's clock (DOMAIN.md §5) -----------------------------------------------------


@dataclass(frozen=True)
class TimeLeft:
    """How a case stands against its deadline at one moment."""

    left: timedelta | None
    """Working time left; negative when overdue; the frozen remainder while paused."""
    paused: bool
    """True while the case waits on the vendor (returned)."""

    @property
    def overdue(self) -> bool:
        """Past its deadline and not paused."""
        return not self.paused and self.left is not None and self.left < timedelta(0)


def time_left(
    calendar: WorkingCalendar,
    *,
    status: CaseStatus,
    due_at: datetime | None,
    remaining_seconds: int | None,
    now: datetime,
) -> TimeLeft:
    """The case's working time left at ``now``; a returned case shows what it kept."""
    if status is CaseStatus.RETURNED:
        kept = timedelta(seconds=remaining_seconds) if remaining_seconds is not None else None
        return TimeLeft(left=kept, paused=True)
    if due_at is None:
        return TimeLeft(left=None, paused=False)
    return TimeLeft(left=calendar.remaining(due_at, now), paused=False)


def pause_remaining(
    calendar: WorkingCalendar, *, due_at: datetime | None, paused_at: datetime
) -> int:
    """Seconds of working time the case keeps when returned (negative if it was overdue)."""
    if due_at is None:
        return 0
    return int(calendar.remaining(due_at, paused_at).total_seconds())


def resumed_due(
    calendar: WorkingCalendar, *, resumed_at: datetime, remaining_seconds: int
) -> datetime:
    """New deadline = resume time + the working time that was left (DOMAIN.md §5)."""
    return calendar.resume(resumed_at, timedelta(seconds=remaining_seconds))


def parse_queue_status(text: str) -> CaseStatus:
    """A case status from its code or its Indonesian label (case-insensitive).

    ValidationError lists every valid status (code and label).
    """
    wanted = " ".join((text or "").split()).casefold()
    for status, label in CASE_STATUS_LABELS.items():
        if wanted in (status.value, status.value.replace("_", " "), label.casefold()):
            return status
    choices = ", ".join(f"{s.value} ({label})" for s, label in CASE_STATUS_LABELS.items())
    raise ValidationError(f"Status '{text}' tidak dikenal; pilih salah satu: {choices}")
