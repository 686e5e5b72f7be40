"""The daring procedure's video calls in the store: schedule, hold, miss and reschedule, cancel.

The counter officer (TUS) runs them; verifiers see them in the case. A call moves with a
conditional ``UPDATE video_call … WHERE status = 'dijadwalkan'`` so two officers never
both record it. A missed call stays in the case, marked *terlewat*, and the new call
names it in ``rescheduled_from``.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from lpse_desk.domain.actors import Who, actor_of
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.daring import (
    CallStatus,
    VideoCall,
    check_channel,
    check_not_booked,
    check_schedule,
    clean_list,
    require_due,
    require_scheduled,
)
from lpse_desk.domain.entities import OPEN_CASE_STATUSES, CaseStatus, StaffMember
from lpse_desk.domain.errors import Conflict, ValidationError, found
from lpse_desk.domain.office import Office
from lpse_desk.domain.review import clean_note, require_counter
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.store import convert
from lpse_desk.store.queries import cases, events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow, DocumentCheckRow
from lpse_desk.store.tables.review import VideoCallRow


def calls_of(*, session: Session, case_id: int) -> list[VideoCall]:
    """Every video call of a case (missed and cancelled ones too), in scheduling order."""
    return [convert.video_call(row) for row in cases.of_case(session, VideoCallRow, case_id)]


def call_needed(*, session: Session, row: CaseRow) -> bool:
    """Whether a daring case still waits for its video call: none of its calls was held.

    In the daring procedure the originals are verified with the director on the call
    (DOMAIN.md §2); a tatap muka case never needs one.
    """
    if row.procedure != "daring":
        return False
    held = session.exec(
        select(VideoCallRow.id).where(
            VideoCallRow.case_id == row.id, VideoCallRow.status == CallStatus.HELD.value
        )
    ).first()
    return held is None


def _daring_case(session: Session, case_id: int) -> CaseRow:
    row = cases.case_row(session, case_id)
    if row.procedure != "daring":
        raise Conflict(f"Kasus #{case_id} tatap muka: panggilan video hanya untuk prosedur daring")
    if CaseStatus(row.status) not in OPEN_CASE_STATUSES:
        raise Conflict(f"Kasus #{case_id} sudah diputuskan atau ditutup")
    return row


def _officer(session: Session, who: Who, what: str) -> StaffMember:
    return require_counter(staff_store.current(session=session, who=who), what)


def _call_row(session: Session, call_id: int) -> VideoCallRow:
    return found(session.get(VideoCallRow, call_id), f"Panggilan video #{call_id} tidak ditemukan")


def _insert(session, *, case_id, when, channel, detail, member, now, rescheduled_from=None):
    row = VideoCallRow(
        case_id=case_id,
        scheduled_for=when,
        channel=channel,
        detail=detail,
        status=CallStatus.SCHEDULED.value,
        scheduled_by=member.id,
        scheduled_at=now,
        rescheduled_from=rescheduled_from,
    )
    session.add(row)
    session.flush()
    return row


def schedule(
    *,
    session: Session,
    calendar: WorkingCalendar,
    who: Who,
    case_id: int,
    when: datetime,
    channel: str,
    detail: str,
    now: datetime,
    office: Office | None = None,
) -> VideoCall:
    """Schedule a daring case's video call (a working day, after now, in service hours)."""
    member = _officer(session, who, "menjadwalkan panggilan video")
    code, cleaned = check_channel(channel, detail)
    moment = check_schedule(calendar, moment=when, now=now, office=office)
    _daring_case(session, case_id)
    check_not_booked(calls_of(session=session, case_id=case_id), moment)
    row = _insert(
        session, case_id=case_id, when=moment, channel=code, detail=cleaned, member=member, now=now
    )
    call = convert.video_call(row)
    events.on_case(session=session, case_id=case_id, action="panggilan_video_dijadwalkan", at=now,
        actor=actor_of(who), reason=f"#{call.id} {call.when_text} via {call.channel_label}")  # fmt: skip
    return call


def _move(session: Session, row: VideoCallRow, target: CallStatus, **values) -> None:
    require_scheduled(convert.video_call(row))
    changed = session.execute(
        update(VideoCallRow)
        .where(VideoCallRow.id == row.id, VideoCallRow.status == CallStatus.SCHEDULED.value)
        .values(status=target.value, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Conflict(f"Panggilan video #{row.id} baru saja diubah oleh petugas lain")
    session.refresh(row)


def hold(
    *,
    session: Session,
    who: Who,
    call_id: int,
    attendees: list[str],
    evidence: list[str],
    note: str,
    now: datetime,
) -> VideoCall:
    """The call took place: who attended and the evidence (photo paths, recording, notes)."""
    member = _officer(session, who, "mencatat panggilan video")
    people = clean_list(attendees, what="peserta yang hadir", field="peserta")
    proof = clean_list(evidence, what="bukti (berkas foto dokumen asli, rekaman)", field="bukti")
    cleaned = clean_note(note)
    row = _call_row(session, call_id)
    _daring_case(session, row.case_id)
    require_scheduled(convert.video_call(row))
    require_due(convert.video_call(row), now, held=True)
    _move(
        session,
        row,
        CallStatus.HELD,
        attendees=json.dumps(list(people), ensure_ascii=False),
        evidence=json.dumps(list(proof), ensure_ascii=False),
        note=cleaned,
        held_at=now,
        recorded_by=member.id,
    )
    events.on_case(session=session, case_id=row.case_id, action="panggilan_video_selesai", at=now,
        actor=actor_of(who), reason=f"#{row.id} hadir: {', '.join(people)}; bukti: {len(proof)}")  # fmt: skip
    return convert.video_call(row)


def link_originals(*, session: Session, catalog: Catalog, call: VideoCall) -> int:
    """Record that the originals of a daring case were seen on this held call; how many.

    Only documents the vendor uploaded whose original the catalog asks for, not already
    linked to a call and not marked "meterai tidak sah".
    """
    row = cases.case_row(session, call.case_id)
    service = catalog.service(row.service_code)
    linked = 0
    for check in session.exec(
        select(DocumentCheckRow).where(
            DocumentCheckRow.case_id == row.id,
            DocumentCheckRow.original_call_id.is_(None),
            DocumentCheckRow.meterai_invalid.is_(False),  # cannot be accepted as it is
            DocumentCheckRow.copy_received.is_(True),  # uploaded: there was one to show
        )
    ).all():
        if service.requirement(check.requirement_id).original_required:
            check.original_call_id = call.id
            check.original_shown = True
            session.add(check)
            linked += 1
    return linked


def miss(
    *,
    session: Session,
    calendar: WorkingCalendar,
    who: Who,
    call_id: int,
    new_time: datetime,
    note: str,
    now: datetime,
    channel: str | None = None,
    detail: str | None = None,
    office: Office | None = None,
) -> tuple[VideoCall, VideoCall]:
    """The call did not happen: it is marked missed and a new call is scheduled in its place.

    Returns the missed call and the new one (same channel unless another is given).
    """
    member = _officer(session, who, "menjadwalkan ulang panggilan video")
    row = _call_row(session, call_id)
    code, cleaned_detail = check_channel(
        channel or row.channel, row.detail if detail is None else detail
    )
    moment = check_schedule(calendar, moment=new_time, now=now, office=office)
    cleaned = clean_note(note)
    _daring_case(session, row.case_id)
    require_scheduled(convert.video_call(row))
    require_due(convert.video_call(row), now, held=False)
    _move(session, row, CallStatus.MISSED, note=cleaned, recorded_by=member.id)
    check_not_booked(calls_of(session=session, case_id=row.case_id), moment)
    new_row = _insert(
        session,
        case_id=row.case_id,
        when=moment,
        channel=code,
        detail=cleaned_detail,
        member=member,
        now=now,
        rescheduled_from=row.id,
    )
    events.on_case(session=session, case_id=row.case_id, action="panggilan_video_terlewat", at=now,
        actor=actor_of(who),
        reason=f"#{row.id} terlewat{': ' + cleaned if cleaned else ''}; dijadwalkan ulang "
            f"#{new_row.id} {format_long_id(moment)}")  # fmt: skip
    return convert.video_call(row), convert.video_call(new_row)


def cancel(*, session: Session, who: Who, call_id: int, reason: str, now: datetime) -> VideoCall:
    """Cancel a scheduled call (e.g. the originals were shown at the counter instead)."""
    member = _officer(session, who, "membatalkan panggilan video")
    cleaned = clean_note(reason)
    if not cleaned:
        raise ValidationError("Tulis alasan pembatalan panggilan video", field="alasan")
    row = _call_row(session, call_id)
    _move(session, row, CallStatus.CANCELLED, note=cleaned, recorded_by=member.id)
    events.on_case(session=session, case_id=row.case_id, action="panggilan_video_dibatalkan",
        at=now, actor=actor_of(who), reason=f"#{row.id}: {cleaned}")  # fmt: skip
    return convert.video_call(row)
