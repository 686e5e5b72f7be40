"""Whether a case may be approved yet (and exactly why not), and who may review and decide it
(four-eyes, DOMAIN.md §1)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from lpse_desk.domain.access import require_role
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from lpse_desk.domain.review.checks import CheckState
from lpse_desk.domain.review.documents import DocumentReview, DocumentVerdict
from lpse_desk.domain.roles import Permission

# --- approval gate -----------------------------------------------------------------------


NO_CHANGES = "Perubahan data yang diminta belum dicatat: belum ada perubahan data yang dicatat"
"""An UBAH case without its requested changes: approving it would change nothing."""
CALL_NOT_HELD = "Panggilan video verifikasi dokumen asli belum dilaksanakan"
"""Blocker of a daring case whose originals were not yet seen on a video call (DOMAIN.md §2)."""


class Blocker(str):
    """One reason approval waits, read as its line (``"Dokumen belum diputuskan: A; B"``,
    what the store's refusal and the tests quote); ``kind`` and ``items`` let a screen list
    every document or check on a line of its own."""

    kind: str
    items: tuple[str, ...]

    def __new__(cls, kind: str, items: Sequence[str] = ()) -> Blocker:
        line = f"{kind}: {'; '.join(items)}" if items else kind
        blocker = super().__new__(cls, line)
        blocker.kind = kind
        blocker.items = tuple(items)
        return blocker


def approval_blockers(
    documents: Sequence[DocumentReview],
    checks: Sequence[CheckState],
    *,
    call_needed: bool = False,
    changes_needed: bool = False,
) -> list[Blocker]:
    """Why the case cannot be approved yet, one Indonesian line per kind; empty when it can.

    ``call_needed``: a daring case none of whose video calls was held yet (the originals
    are verified with the director on the call, DOMAIN.md §2). ``changes_needed``: an UBAH
    case with no requested change recorded (approval would change nothing).
    """
    rejected = [doc for doc in documents if doc.verdict is DocumentVerdict.REJECTED]
    undecided = [doc for doc in documents if doc.needs_verdict and doc.verdict is None]
    open_checks = [check for check in checks if not check.confirmed]
    blockers: list[Blocker] = []
    if rejected:
        blockers.append(Blocker("Dokumen ditolak", [doc.problem_text for doc in rejected]))
    if undecided:
        blockers.append(Blocker("Dokumen belum diputuskan", [doc.name for doc in undecided]))
    if open_checks:
        blockers.append(
            Blocker("Pemeriksaan belum dikonfirmasi", [check.label for check in open_checks])
        )
    if call_needed:
        blockers.append(Blocker(CALL_NOT_HELD))
    if changes_needed:
        blockers.append(Blocker(NO_CHANGES))
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


def rejection_note(note: str) -> str:
    """The note a rejection must carry: a rejected case is closed for good, and the vendor
    must learn what exactly is wrong before applying again (the reason alone, "tidak
    lengkap", does not say which document). ValidationError when it is empty."""
    if not note:
        raise ValidationError(
            "Tulis catatan untuk penyedia: kasus yang ditolak ditutup, dan penyedia perlu tahu "
            "apa tepatnya yang salah sebelum mengajukan permohonan baru",
            field="catatan",
        )
    return note


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
