"""The verifier's review of each document: refusal reasons, verdicts, notes; case statuses."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from lpse_desk.domain.entities import CASE_STATUS_LABELS, CaseStatus
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.labelled import Labelled

NOTE_LIMIT = 300
"""Longest note on one document decision, check or decision (characters)."""
CASE_NOTE_LIMIT = 1000
"""Longest note of a whole case's return or rejection: what the vendor is told to fix."""

REVIEWED_SERVICES = frozenset({"REG", "UBAH", "UID"})
"""Services whose cases go to the verifiers (KONS and LAT end at the counter)."""


# --- refusal reasons and per-document decisions ------------------------------------------


class RefusalReason(Labelled):
    """Why a document (or a whole case) is refused, as LPSE verifier training lists them."""

    INCOMPLETE = "tidak_lengkap", "Tidak lengkap"
    INVALID = "tidak_valid", "Tidak valid/kedaluwarsa"
    NOT_AS_ORIGINAL = "tidak_sesuai_asli", "Tidak sesuai asli"
    INCONSISTENT = "tidak_konsisten", "Data tidak konsisten"
    BLACKLISTED = "daftar_hitam", "Masuk daftar hitam (INAPROC)"


REFUSAL_REASON_LABELS: dict[RefusalReason, str] = RefusalReason.labels()


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


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")


def _dropped(ch: str) -> bool:
    """A control character or a bidirectional control: never wanted in a note. Other
    invisible characters (an emoji's zero-width joiner, a soft hyphen) are kept."""
    return unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS


def clean_note(text: str | None, *, field: str = "catatan", limit: int = NOTE_LIMIT) -> str:
    """A note with its whitespace collapsed and control characters dropped (a BEL or a
    right-to-left override typed or pasted into a note would reach the vendor's message);
    ValidationError past ``limit`` characters."""
    kept = "".join(ch for ch in (text or "") if ch.isspace() or not _dropped(ch))
    cleaned = " ".join(kept.split())
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
