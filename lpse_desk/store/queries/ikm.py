"""IKM responses: the kiosk's and the paper ones, follow-ups of low scores, the report figures.

A response never names who answered: no vendor, no visitor name. It is linked to its visit
(at most one response per visit) and service, and the report only counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import Session, select

from lpse_desk.domain import actors
from lpse_desk.domain.entities import StaffMember, Visit, VisitStatus
from lpse_desk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from lpse_desk.domain.ikm import (
    LOW_SCORE,
    MAX_COMMENT_LENGTH,
    MAX_SARAN_LENGTH,
    UNSUR_KEYS,
    Weighting,
    check_evaluation,
    check_scores,
    compute_ikm,
    low_unsur,
    sample_progress,
)
from lpse_desk.domain.ikmkiosk import SurveyTarget
from lpse_desk.domain.ikmprofile import (
    AGE_BANDS,
    EDUCATIONS,
    NOT_GIVEN,
    OCCUPATIONS,
    SEXES,
    Profile,
    check_profile,
    count_profiles,
)
from lpse_desk.domain.ikmreport import FollowupItem, IkmReport, Suggestion
from lpse_desk.domain.privacy import mask_digit_runs
from lpse_desk.domain.roles import Role
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.store import convert
from lpse_desk.store.queries import events
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.tables import (
    CaseRow,
    IkmFollowupRow,
    IkmResponseRow,
    StaffRow,
    VisitRow,
)

SOURCE_KIOSK = "kiosk"
SOURCE_PAPER = "kertas"
SURVEYABLE = frozenset({VisitStatus.SERVING, VisitStatus.DONE})
"""A visit can be surveyed while being served (the officer turns the screen) or after."""
SUGGESTION_LIMIT = 200


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
    row = session.get(VisitRow, visit_id)
    if row is None:
        raise NotFound(f"Kunjungan #{visit_id} tidak ditemukan")
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


def open_followup(session: Session, response: IkmResponseRow, now: datetime) -> None:
    scores = {key: getattr(response, key) for key in UNSUR_KEYS}
    if low_unsur(scores):
        session.add(IkmFollowupRow(response_id=response.id, opened_at=now))


def record_kiosk(
    *,
    session: Session,
    visit_id: int | None,
    service_code: str | None,
    service_date: date,
    scores: Mapping[str, object],
    saran: str | None,
    profile: Profile,
    evaluation: int | None,
    comment: str | None,
    now: datetime,
    actor: str,
) -> int:
    """Store one kiosk response (and the evaluation on the visit's case); its id.

    With a visit, the service is the visit's and a second response is refused. Without one
    (an anonymous response), ``service_code`` must be given and there is no evaluation.
    """
    checked = check_scores(scores)
    saran = _text(saran, limit=MAX_SARAN_LENGTH, what="Saran", field="saran")
    comment = _text(comment, limit=MAX_COMMENT_LENGTH, what="Komentar", field="komentar")
    profile = check_profile(profile)
    case_id = None
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
        events.record(
            session=session,
            at=now,
            actor=actor,
            entity="case",
            entity_id=case_id,
            action="evaluasi_layanan",
            to_state=str(evaluation),
        )
    response = IkmResponseRow(
        visit_id=visit_id,
        case_id=case_id,
        service_code=service_code,
        service_date=service_date,
        responded_at=now,
        source=SOURCE_KIOSK,
        saran=saran,
        jenis_kelamin=profile.jenis_kelamin,
        usia=profile.usia,
        pendidikan=profile.pendidikan,
        pekerjaan=profile.pekerjaan,
        **checked,
    )
    session.add(response)
    session.flush()
    open_followup(session, response, now)
    events.record(
        session=session,
        at=now,
        actor=actor,
        entity="ikm_response",
        entity_id=response.id,
        action="survei_diisi",
        reason=f"kios, layanan {service_code}",
    )
    return response.id


def _in_period(column_date, start: date, end: date, service_code: str | None, service_column):
    conditions = [column_date >= start, column_date <= end]
    if service_code is not None:
        conditions.append(service_column == service_code)
    return conditions


def served_population(
    *, session: Session, start: date, end: date, service_code: str | None = None
) -> int:
    """Visits served (status selesai) in the period: the survey's population N."""
    return session.exec(
        select(func.count())
        .select_from(VisitRow)
        .where(
            VisitRow.status == VisitStatus.DONE.value,
            *_in_period(VisitRow.service_date, start, end, service_code, VisitRow.service_code),
        )
    ).one()


def _count_if(condition):
    return func.sum(case((condition, 1), else_=0))


def _tallies() -> list[tuple[str, object]]:
    """(name, aggregate) of every figure the report reads from the responses."""
    row = IkmResponseRow
    tallies: list[tuple[str, object]] = [("n", func.count())]
    for key in UNSUR_KEYS:
        column = getattr(row, key)
        tallies += [
            (f"sum:{key}", func.sum(column)),
            (f"low:{key}", _count_if(column <= LOW_SCORE)),
        ]
    tallies += [(f"src:{source}", _count_if(row.source == source))
                for source in (SOURCE_KIOSK, SOURCE_PAPER)]  # fmt: skip
    tallies += [(f"jk:{code}", _count_if(row.jenis_kelamin == code)) for code in SEXES]
    tallies += [(f"usia:{label}", _count_if(row.usia.between(low, high)))
                for label, low, high in AGE_BANDS]  # fmt: skip
    tallies += [(f"pend:{name}", _count_if(row.pendidikan == name)) for name in EDUCATIONS]
    tallies += [(f"kerja:{name}", _count_if(row.pekerjaan == name)) for name in OCCUPATIONS]
    return tallies


def build_report(
    *,
    session: Session,
    start: date,
    end: date,
    service_code: str | None = None,
    service_name: str | None = None,
    weighting: Weighting = Weighting.EXACT,
) -> IkmReport:
    """The report of every response whose service day falls in ``start``–``end``."""
    if end < start:
        raise ValidationError(
            f"Periode terbalik: {format_date_id(start)} sesudah {format_date_id(end)}",
            field="periode",
        )
    where = _in_period(
        IkmResponseRow.service_date, start, end, service_code, IkmResponseRow.service_code
    )
    # One scan for every figure: 50,000 responses a year must report in well under 200 ms.
    tallies = _tallies()
    figures = dict(
        zip(
            (name for name, _ in tallies),
            session.exec(select(*(expression for _, expression in tallies)).where(*where)).one(),
            strict=True,
        )
    )
    respondents = figures["n"]
    result = compute_ikm(
        {key: figures[f"sum:{key}"] or 0 for key in UNSUR_KEYS}, respondents, weighting
    )
    low_counts = {key: figures[f"low:{key}"] or 0 for key in UNSUR_KEYS}
    population = served_population(session=session, start=start, end=end, service_code=service_code)

    def counts(prefix: str) -> dict:
        found = {
            name.split(":", 1)[1]: value or 0
            for name, value in figures.items()
            if name.startswith(prefix + ":")
        }
        return {**found, None: respondents - sum(found.values())}

    ages = counts("usia")
    ages[NOT_GIVEN] = ages.pop(None)
    profile = count_profiles(counts("jk"), ages, counts("pend"), counts("kerja"))
    suggestions, suggestion_total = _suggestions(session, where)
    open_count, handled = _followup_counts(session, where)
    return IkmReport(
        start=start,
        end=end,
        service_code=service_code,
        service_name=service_name,
        result=result,
        sample=sample_progress(population, respondents),
        profile=profile,
        sources={SOURCE_KIOSK: figures["src:kiosk"] or 0, SOURCE_PAPER: figures["src:kertas"] or 0},
        suggestions=suggestions,
        suggestion_total=suggestion_total,
        followups_open=open_count,
        followups_handled=handled,
        low_counts=low_counts,
    )


def _suggestions(session: Session, where) -> tuple[tuple[Suggestion, ...], int]:
    rows = session.exec(
        select(IkmResponseRow.saran, func.count(), func.max(IkmResponseRow.service_date))
        .where(*where, IkmResponseRow.saran.is_not(None))
        .group_by(IkmResponseRow.saran)
    ).all()
    total = sum(count for _, count, _ in rows)
    ranked = sorted(rows, key=lambda row: (-row[1], -row[2].toordinal(), row[0]))
    return (
        # Published: a phone number or NIK typed into a suggestion must not identify anyone.
        tuple(
            Suggestion(mask_digit_runs(text), count, latest)
            for text, count, latest in ranked[:SUGGESTION_LIMIT]
        ),
        total,
    )


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


def _followup_counts(session: Session, where) -> tuple[int, int]:
    """Open and handled follow-ups of the period's responses."""
    opened, handled = session.exec(
        select(func.count(), func.count(IkmFollowupRow.handled_at))
        .select_from(IkmFollowupRow)
        .join(IkmResponseRow, IkmFollowupRow.response_id == IkmResponseRow.id)
        .where(*where)
    ).one()
    return opened - handled, handled


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
    row = session.get(IkmFollowupRow, followup_id)
    if row is None:
        raise NotFound(f"Tindak lanjut #{followup_id} tidak ditemukan")
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


def recent_unsurveyed(
    *, session: Session, day: date, loket: int | None, limit: int = 10
) -> list[Visit]:
    """Visits finished today (at ``loket`` when given) without a response, latest first."""
    query = (
        select(VisitRow)
        .join(IkmResponseRow, IkmResponseRow.visit_id == VisitRow.id, isouter=True)
        .where(
            VisitRow.service_date == day,
            VisitRow.status == VisitStatus.DONE.value,
            IkmResponseRow.id.is_(None),
        )
    )
    if loket is not None:
        query = query.where(VisitRow.loket == loket)
    rows = session.exec(query.order_by(VisitRow.finished_at.desc()).limit(limit)).all()
    return [convert.visit(row) for row in rows]
