"""A case as the verifier's screen shows it: the read model the store builds (``store.casefile``)
and the screens display, so importing a screen loads no database library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lpse_desk.domain.daring import VideoCall
from lpse_desk.domain.entities import Case, CaseStatus, Event, Vendor
from lpse_desk.domain.notices import Notification
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.review import (
    CheckState,
    DocumentReview,
    RefusalReason,
    TimeLeft,
)
from lpse_desk.domain.review.gate import Blocker


@dataclass(frozen=True)
class ReceiptInfo:
    """A receipt (or incomplete-file slip) issued for the case."""

    number: str
    kind: str
    issued_at: datetime
    file_path: str | None
    copies: int


@dataclass(frozen=True)
class TicketInfo:
    """The case's desk ticket, kept ready for the external helpdesk."""

    number: str
    subject: str
    message: str
    attachments: tuple[str, ...]
    created_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class CaseFile:
    """A case as the verifier opens it: checklist with verdicts, checks, papers and history."""

    case: Case
    status_label: str
    vendor: Vendor | None
    vendor_type: str | None
    bearer_name: str | None
    bearer_is_director: bool
    helpdesk_request_no: str | None
    intake_note: str | None
    """The counter's note on the case."""
    intake_by_name: str | None
    assigned_to: int | None
    assigned_name: str | None
    time_left: TimeLeft
    paused_at: datetime | None
    documents: tuple[DocumentReview, ...]
    checks: tuple[CheckState, ...]
    blockers: tuple[Blocker, ...]
    """Why approval is not possible yet (empty: it is)."""
    receipts: tuple[ReceiptInfo, ...]
    ticket: TicketInfo | None
    changes: tuple[CaseChange, ...]
    video_calls: tuple[VideoCall, ...]
    notifications: tuple[Notification, ...]
    events: tuple[Event, ...]
    decided_by_name: str | None
    decided_at: datetime | None
    decision_reason: RefusalReason | None
    decision_note: str | None
    spse_user_id: str | None
    """REG: the SPSE user ID activated; UID: the user ID told to the vendor."""
    activated_at: datetime | None

    @property
    def may_approve(self) -> bool:
        """Waiting for a verifier, every document accepted and every check confirmed."""
        return self.case.status is CaseStatus.AWAITING_REVIEW and not self.blockers

    @property
    def receipt_number(self) -> str | None:
        """The tanda terima's number (the latest, if several)."""
        numbers = [r.number for r in self.receipts if r.kind == "tanda_terima"]
        return numbers[-1] if numbers else None
