"""IKM responses: the kiosk's and the paper ones, follow-ups of low scores, the report figures.

A response never names who answered: no vendor, no visitor name. It is linked to its visit
(at most one response per visit) and service, and the report only counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, datetime

from sqlmodel import Session, select

from lpse_desk.domain import actors
from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import StaffMember, VisitStatus
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError, found
from lpse_desk.domain.ikm.index import (
    MAX_COMMENT_LENGTH,
    MAX_SARAN_LENGTH,
    UNSUR_KEYS,
    check_evaluation,
    check_scores,
    low_unsur,
)
from lpse_desk.domain.ikm.kiosk import KIOSK_OPENED, KioskAnswers, SurveyTarget
from lpse_desk.domain.ikm.profile import (
    Profile,
    check_profile,
)
from lpse_desk.domain.ikm.report import FollowupItem
from lpse_desk.domain.roles import Role
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import StaffRow
from lpse_desk.store.tables.ikm import IkmFollowupRow, IkmResponseRow
from lpse_desk.store.tables.queue import QueueCallRow, VisitRow

SOURCE_KIOSK = "kiosk"
SOURCE_PAPER = "kertas"
SURVEYABLE = frozenset({VisitStatus.SERVING, VisitStatus.DONE})
"""A visit can be surveyed while being served (the officer turns the screen) or after."""


def _text(value: str | None, *, limit: int, what: str, field: str) -> str | None:
    if value is None:
        return None
    cleaned = value.strip()
    if len(cleaned) > limit:
        raise ValidationError(
            f"{what} terlalu panjang: {len(cleaned)} karakter (maksimum {limit})", field=field
        )
    return cleaned or None


def survey_target(*, session: Session, visit_id: int) -> SurveyTarget:
    """The visit to survey; Conflict when it is not served yet or already answered."""
    row = found(session.get(VisitRow, visit_id), f"Kunjungan #{visit_id} tidak ditemukan")
    visit = convert.visit(row)
    if visit.status not in SURVEYABLE:
        raise Conflict(
            f"Nomor {visit.ticket} belum dilayani (status {visit.status.value}); survei diisi "
            "setelah layanan diberikan"
        )
    answered = session.exec(
        select(IkmResponseRow.id).where(IkmResponseRow.visit_id == visit_id)
    ).first()
    if answered is not None:
        raise Conflict(
            f"Survei untuk nomor {visit.ticket} sudah diisi; setiap kunjungan hanya satu kali "
            "mengisi survei"
        )
    case_id = session.exec(
        select(CaseRow.id).where(CaseRow.visit_id == visit_id).order_by(CaseRow.id.desc())
    ).first()
    return SurveyTarget(visit, case_id)


def response_row(
    *, service_code: str, service_date: date, now: datetime, source: str, saran: str | None,
    profile: Profile, scores: Mapping[str, int], visit_id: int | None = None,
    case_id: int | None = None, import_batch: str | None = None,
) -> IkmResponseRow:  # fmt: skip
    """A questionnaire's row, from the kiosk or paper: the respondent's ``profile`` in the
    columns of the same names and the checked ``scores`` in one column per unsur."""
    return IkmResponseRow(visit_id=visit_id, case_id=case_id, service_code=service_code,
        service_date=service_date, responded_at=now, source=source, saran=saran,
        import_batch=import_batch, **asdict(profile), **scores)  # fmt: skip


def open_followup(session: Session, response: IkmResponseRow, now: datetime) -> None:
    scores = {key: getattr(response, key) for key in UNSUR_KEYS}
    if low_unsur(scores):
        session.add(IkmFollowupRow(response_id=response.id, opened_at=now))


def kiosk_opened(
    *, session: Session, staff_id: int, ticket: str | None, now: datetime, actor: str
) -> int:
    """Record that the officer turned the screen to the vendor for the survey (of the visit
    ``ticket``, or with no visit: the vendor picks the service); the event's id."""
    reason = f"untuk {ticket}" if ticket else "tanpa kunjungan (penyedia memilih layanannya)"
    return events.record(session=session, at=now, actor=actor, entity="staff",
                         entity_id=staff_id, action=KIOSK_OPENED, reason=reason)  # fmt: skip


def record_kiosk(
    *,
    session: Session,
    visit_id: int | None,
    answers: KioskAnswers,
    now: datetime,
    actor: str,
) -> int:
    """Store one kiosk response (and the evaluation on the visit's case); its id.

    With a visit, the service and its day are the visit's and a second response is refused.
    Without one (an anonymous response), the answers' service must be given, the day is
    ``now``'s (WIB) and there is no evaluation.
    """
    checked = check_scores(answers.scores)
    saran = _text(answers.saran, limit=MAX_SARAN_LENGTH, what="Saran", field="saran")
    comment = _text(answers.comment, limit=MAX_COMMENT_LENGTH, what="Komentar", field="komentar")
    profile = check_profile(answers.profile)
    service_code, evaluation = answers.service_code, answers.evaluation
    service_date, case_id = to_wib(now).date(), None
    if visit_id is not None:
        target = survey_target(session=session, visit_id=visit_id)
        service_code, service_date, case_id = (
            target.visit.service_code,
            target.visit.service_date,
            target.case_id,
        )
    elif not service_code:
        raise ValidationError("Layanan belum dipilih", field="layanan")
    if evaluation is not None:
        evaluation = check_evaluation(evaluation)
        if case_id is None:
            raise Conflict(
                "Evaluasi layanan disimpan pada berkas layanan, tetapi kunjungan ini tidak "
                "memiliki berkas"
            )
        case_row = session.get(CaseRow, case_id)
        if case_row.evaluation_score is not None:
            raise Conflict(f"Berkas #{case_id} sudah dievaluasi")
        case_row.evaluation_score = evaluation
        case_row.evaluation_comment = comment
        case_row.evaluated_at = now
        session.add(case_row)
        events.on_case(session=session, case_id=case_id, action="evaluasi_layanan", at=now,
            actor=actor, to_state=str(evaluation))  # fmt: skip
    response = response_row(service_code=service_code, service_date=service_date, now=now,
                            source=SOURCE_KIOSK, saran=saran, profile=profile, scores=checked,
                            visit_id=visit_id, case_id=case_id)  # fmt: skip
    events.saved(response, session=session, entity="ikm_response", at=now, actor=actor,
                 action="survei_diisi", reason=f"kios, layanan {service_code}")  # fmt: skip
    open_followup(session, response, now)
    return response.id


def _followup_item(row: IkmFollowupRow, response: IkmResponseRow, handler: str | None):
    scores = {key: getattr(response, key) for key in UNSUR_KEYS}
    return FollowupItem(
        id=row.id,
        response_id=response.id,
        opened_at=row.opened_at,
        service_code=response.service_code,
        service_date=response.service_date,
        low_unsur=low_unsur(scores),
        scores=scores,
        saran=response.saran,
        handled_at=row.handled_at,
        handled_by_name=handler,
        note=row.note,
    )


def followups(*, session: Session, include_handled: bool = False) -> list[FollowupItem]:
    """Follow-up items, open ones first by age (handled ones too when asked)."""
    query = (
        select(IkmFollowupRow, IkmResponseRow, StaffRow.name)
        .join(IkmResponseRow, IkmFollowupRow.response_id == IkmResponseRow.id)
        .join(StaffRow, IkmFollowupRow.handled_by == StaffRow.id, isouter=True)
    )
    if not include_handled:
        query = query.where(IkmFollowupRow.handled_at.is_(None))
    rows = session.exec(
        query.order_by(
            IkmFollowupRow.handled_at.is_not(None), IkmFollowupRow.opened_at, IkmFollowupRow.id
        )
    ).all()
    return [_followup_item(row, response, name) for row, response, name in rows]


def handle_followup(
    *, session: Session, followup_id: int, staff: StaffMember, note: str, now: datetime
) -> FollowupItem:
    """Mark a follow-up item handled (admin only), with the note of what was done.

    The note is required: a follow-up closed without saying what was done tells the next
    report nothing. The role is re-read from the store: a stale object of a deactivated or
    demoted admin does not pass."""
    staff = staff_store.current(session=session, who=staff)
    if staff is None or not staff.active or staff.role is not Role.ADMIN:
        raise PermissionDenied("Hanya admin yang dapat menandai tindak lanjut survei selesai")
    note = _text(note, limit=1000, what="Catatan", field="catatan")
    if note is None:
        raise ValidationError(
            "Catatan tindak lanjut wajib diisi: tulis apa yang sudah dilakukan untuk "
            "menanggapi nilai rendah ini",
            field="catatan",
        )
    row = found(
        session.get(IkmFollowupRow, followup_id), f"Tindak lanjut #{followup_id} tidak ditemukan"
    )
    if row.handled_at is not None:
        raise Conflict(f"Tindak lanjut #{followup_id} sudah ditangani")
    row.handled_at = now
    row.handled_by = staff.id
    row.note = note
    session.add(row)
    events.record(
        session=session,
        at=now,
        actor=actors.actor_for(staff),
        entity="ikm_followup",
        entity_id=followup_id,
        action="tindak_lanjut_ditangani",
        from_state="terbuka",
        to_state="ditangani",
        reason=note,
    )
    session.flush()
    response = session.get(IkmResponseRow, row.response_id)
    return _followup_item(row, response, staff.name)


def loket_survey_target(
    *, session: Session, day: date, loket: int, since: datetime
) -> SurveyTarget | None:
    """The visit the kiosk opened at ``loket`` asks about: the one being served there; else
    the last one finished there, when that was after ``since``, no number has been called
    there since and it has no answer yet; else None (an anonymous response). Never an older
    visit behind the last one: its vendor left."""
    at_loket = session.exec(
        select(VisitRow).where(
            VisitRow.service_date == day,
            VisitRow.loket == loket,
            VisitRow.status == VisitStatus.SERVING.value,
        )
    ).first()
    if at_loket is not None:
        return survey_target(session=session, visit_id=at_loket.id)
    last = session.exec(
        select(VisitRow)
        .where(
            VisitRow.service_date == day,
            VisitRow.loket == loket,
            VisitRow.status == VisitStatus.DONE.value,
            VisitRow.finished_at.is_not(None),  # PostgreSQL sorts NULLs first
        )
        .order_by(VisitRow.finished_at.desc(), VisitRow.id.desc())
    ).first()
    if last is None or to_wib(last.finished_at) < since:
        return None
    called_since = session.exec(  # whatever became of it since (no-show, held, moved on)
        select(QueueCallRow.id).where(
            QueueCallRow.loket == loket,
            QueueCallRow.visit_id != last.id,
            QueueCallRow.at >= last.finished_at,
        )
    ).first()
    if called_since is not None:  # the next number is on its way: its vendor may be there
        return None
    answered = session.exec(
        select(IkmResponseRow.id).where(IkmResponseRow.visit_id == last.id)
    ).first()
    return None if answered is not None else survey_target(session=session, visit_id=last.id)
