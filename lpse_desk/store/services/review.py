"""``ReviewDesk``: what the verifier screens (and ``lpse-desk case``) ask of the store.

Each method runs in its own short session and returns domain objects. ``who`` is the
staff member at the desk; review and decisions need a verifikator or admin who did not
take the case in (four-eyes, enforced in ``domain.review``), the daring video calls a
petugas loket or admin. A plain actor string (``cli:ratna``) may read but not decide.
Every refusal is a DeskError with an Indonesian message, and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from lpse_desk.domain.actors import Who
from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.daring import VideoCall
from lpse_desk.domain.entities import Case, CaseStatus
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.notices import Notification
from lpse_desk.domain.office import Office
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.review import (
    QUEUE_STATUSES,
    CheckState,
    DocumentReview,
    RefusalReason,
    decide_document,
    parse_queue_status,
    parse_refusal_reason,
)
from lpse_desk.store.db import read_session
from lpse_desk.store.queries import (
    casereport,
    changes,
    decisions,
    notices,
    review,
    reviewqueue,
    videocalls,
)
from lpse_desk.store.queries.casefile import CaseFile, case_file
from lpse_desk.store.queries.decisions import Decided
from lpse_desk.store.queries.reviewqueue import CaseListLine, ReviewLine
from lpse_desk.store.services.base import Service


@dataclass(kw_only=True, eq=False, repr=False)
class ReviewDesk(Service):
    """The verifiers' side of the desk: the queue, the case file, decisions, daring calls."""

    office: Office | None = None
    """The unit's service hours, which video calls are scheduled in (None: any hour)."""

    # reading

    def queue(
        self,
        *,
        status: CaseStatus | str | None = None,
        service: str | None = None,
        assigned_to: int | None = None,
        overdue_only: bool = False,
    ) -> list[ReviewLine]:
        """Handed-off open cases, earliest deadline first, returned (paused) ones last.

        ``status``: ``menunggu_verifikasi`` or ``dikembalikan`` (code or label);
        ``service``: a catalog code; ``assigned_to``: a staff id; ``overdue_only``: only
        cases past their deadline. A bad status or service raises ValidationError/NotFound.
        """
        wanted = self._queue_status(status)
        code = self.catalog.service(service).code if service else None
        with read_session(self.engine) as session:
            return reviewqueue.review_queue(
                session=session,
                calendar=self.calendar,
                now=self.clock.now(),
                status=wanted,
                service=code,
                assigned_to=assigned_to,
                overdue_only=overdue_only,
            )

    def counts(self) -> tuple[int, int]:
        """(waiting for a verifier, overdue): the home screen's two figures, same condition."""
        with read_session(self.engine) as session:
            return (
                reviewqueue.queue_count(session=session, status=CaseStatus.AWAITING_REVIEW),
                reviewqueue.queue_count(session=session, overdue_at=self.clock.now()),
            )

    def cases(
        self, *, status: CaseStatus | str | None = None, overdue_only: bool = False
    ) -> list[CaseListLine]:
        """Cases for ``lpse-desk case list``: the queue by default, or every case of a status."""
        wanted = parse_queue_status(status) if isinstance(status, str) else status
        with read_session(self.engine) as session:
            return reviewqueue.list_cases(
                session=session, now=self.clock.now(), status=wanted, overdue_only=overdue_only
            )

    def open(self, case_id: int) -> CaseFile:
        """The whole case: checklist with verdicts, checks, receipts, ticket, calls, changes,
        notifications, events, time left and why it cannot be approved yet."""
        return self._read(case_file, calendar=self.calendar, case_id=case_id, now=self.clock.now())

    # review

    def assign(self, who: Who, case_id: int, assignee_id: int | None) -> Case:
        """Give the case to a verifier (None releases it); not to its intake officer."""
        return self._decide(review.assign, who, case_id=case_id, assignee_id=assignee_id)

    def accept_document(
        self, who: Who, case_id: int, requirement_id: str, *, note: str = ""
    ) -> DocumentReview:
        """Accept one document (an optional note)."""
        decision = decide_document("diterima", note=note)
        return self._decide_document(who, case_id, requirement_id, decision)

    def reject_document(
        self,
        who: Who,
        case_id: int,
        requirement_id: str,
        *,
        reason: RefusalReason | str,
        note: str = "",
    ) -> DocumentReview:
        """Reject one document with a reason from the list (``RefusalReason``) and free text."""
        decision = decide_document("ditolak", reason=reason, note=note)
        return self._decide_document(who, case_id, requirement_id, decision)

    def _decide_document(self, who, case_id, requirement_id, decision) -> DocumentReview:
        return self._decide(review.decide_document, who, case_id=case_id,
            requirement_id=requirement_id, decision=decision)  # fmt: skip

    def confirm_check(
        self, who: Who, case_id: int, code: str, *, confirmed: bool = True, note: str = ""
    ) -> CheckState:
        """Confirm one consistency check (``confirmed=False`` withdraws the confirmation)."""
        return self._decide(review.confirm_check, who, case_id=case_id, code=code,
            confirmed=confirmed, note=note)  # fmt: skip

    # UBAH's requested changes

    def request_change(self, who: Who, case_id: int, field: str, value: str) -> CaseChange:
        """Record what a UBAH case asks to change (email, address, name, npwp): in intake a
        counter officer; once handed off a verifier/admin who may decide it (four-eyes)."""
        return self._decide(changes.request_change, who, case_id=case_id, field=field,
            value=value, today=today_wib(self.clock))  # fmt: skip

    def withdraw_change(self, who: Who, case_id: int, field: str) -> None:
        """Drop a requested change before the decision (same rule as ``request_change``)."""
        self._decide(changes.withdraw_change, who, case_id=case_id, field=field)

    # decisions

    def approve(
        self,
        who: Who,
        case_id: int,
        *,
        user_id: str | None = None,
        changes_seen: Sequence[tuple[int, str, str]] | None = None,
    ) -> Decided:
        """Approve: REG activates (``user_id`` defaults to the vendor's), UBAH applies the
        changes, UID records ``user_id`` (required). Returns the case and its message.

        ``changes_seen``: the UBAH changes shown to the verifier, (id, field, new value);
        Conflict if the case's set differs now (the screen passes what it showed)."""
        return self._decide(self._concluding(decisions.approve), who, catalog=self.catalog,
            case_id=case_id, user_id=user_id, changes_seen=changes_seen)  # fmt: skip

    def return_to_vendor(self, who: Who, case_id: int, *, note: str = "") -> Decided:
        """Return to the vendor with what to fix (rejected documents + ``note``); clock pauses."""
        return self._decide(decisions.return_case, who, catalog=self.catalog,
            calendar=self.calendar, case_id=case_id, note=note)  # fmt: skip

    def resume(self, who: Who, case_id: int, *, note: str = "") -> Case:
        """The vendor brought the fixes: back to the verifiers, new deadline = now + time left."""
        return self._decide(decisions.resume, who, calendar=self.calendar, case_id=case_id,
            note=note)  # fmt: skip

    def reject(
        self,
        who: Who,
        case_id: int,
        *,
        reason: RefusalReason | str,
        note: str = "",
        seen: CaseStatus | None = None,
    ) -> Decided:
        """Reject the case (waiting, or returned and never brought back) with a reason from
        the list and free text; it is closed. ``seen``: the status the screen showed; if
        the case has moved since, Conflict ("muat ulang")."""
        refusal = parse_refusal_reason(reason)
        return self._decide(self._concluding(decisions.reject), who, catalog=self.catalog,
            case_id=case_id, reason=refusal, note=note, seen=seen)  # fmt: skip

    def _concluding(self, decide):
        """``decide`` (an approval or rejection), then the case's working time kept for the
        case report, in the same transaction."""

        def run(*, session, **values) -> Decided:
            decided = decide(session=session, **values)
            casereport.conclude(session=session, case_id=decided.case.id, calendar=self.calendar)
            return decided

        return run

    def mark_sent(self, who: Who, notification_id: int) -> Notification:
        """Record that a decision's message was sent through the helpdesk (once)."""
        return self._decide(notices.mark_sent, who, notification_id=notification_id)

    def unsent(self) -> list[Notification]:
        """Messages not yet recorded as sent, oldest first (the helpdesk outbox)."""
        return self._read(notices.unsent)

    # daring video calls (petugas loket, admin)

    def schedule_call(
        self, who: Who, case_id: int, *, when: datetime, channel: str, detail: str = ""
    ) -> VideoCall:
        """Schedule a daring case's video call (a working day after now; channel code)."""
        return self._decide(videocalls.schedule, who, calendar=self.calendar, office=self.office,
                            case_id=case_id, when=when, channel=channel, detail=detail)  # fmt: skip

    def hold_call(
        self,
        who: Who,
        call_id: int,
        *,
        attendees: list[str],
        evidence: list[str],
        note: str = "",
    ) -> VideoCall:
        """The call took place: who attended and the evidence (both required).

        The originals were seen on it (DOMAIN.md §2): every document of the case whose
        original the catalog asks for and that no earlier call covered is linked to it.
        """
        return self._decide(self._linking_originals, who, call_id=call_id, attendees=attendees,
                            evidence=evidence, note=note)  # fmt: skip

    def _linking_originals(self, *, session: Session, **values) -> VideoCall:
        """``videocalls.hold``, then the originals seen on the call linked to it, in the same
        transaction."""
        call = videocalls.hold(session=session, **values)
        videocalls.link_originals(session=session, catalog=self.catalog, call=call)
        return call

    def miss_call(
        self,
        who: Who,
        call_id: int,
        *,
        new_time: datetime,
        note: str = "",
        channel: str | None = None,
        detail: str | None = None,
    ) -> tuple[VideoCall, VideoCall]:
        """The call was missed: marked so, and a new call linked to it is scheduled."""
        return self._decide(videocalls.miss, who, calendar=self.calendar, office=self.office,
                            call_id=call_id, new_time=new_time, note=note, channel=channel,
                            detail=detail)  # fmt: skip

    def cancel_call(self, who: Who, call_id: int, *, reason: str) -> VideoCall:
        """Cancel a scheduled call with a reason."""
        return self._decide(videocalls.cancel, who, call_id=call_id, reason=reason)

    @staticmethod
    def _queue_status(status: CaseStatus | str | None) -> CaseStatus | None:
        if status is None:
            return None
        wanted = parse_queue_status(status) if isinstance(status, str) else status
        if wanted not in QUEUE_STATUSES:
            raise ValidationError(
                "Antrian verifikator hanya memuat status menunggu_verifikasi dan dikembalikan"
            )
        return wanted
