"""The IKM report's figures (Permenpan RB 14/2017): totals per unsur, the profile of who
answered, suggestions and follow-ups, counted in SQL over a period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, select

from lpse_desk.domain.entities import VisitStatus
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.ikm.index import (
    LOW_SCORE,
    UNSUR_KEYS,
    Weighting,
    compute_ikm,
    sample_progress,
)
from lpse_desk.domain.ikm.profile import (
    AGE_BANDS,
    EDUCATIONS,
    NOT_GIVEN,
    OCCUPATIONS,
    SEXES,
    count_profiles,
)
from lpse_desk.domain.ikm.report import IkmReport, Suggestion
from lpse_desk.domain.privacy import mask_digit_runs
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.store.queries.ikm import SOURCE_KIOSK, SOURCE_PAPER
from lpse_desk.store.tables.ikm import IkmFollowupRow, IkmResponseRow
from lpse_desk.store.tables.queue import VisitRow

SUGGESTION_LIMIT = 200
"""The most suggestions a report lists (the rest are counted)."""


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


def _followup_counts(session: Session, where) -> tuple[int, int]:
    """Open and handled follow-ups of the period's responses."""
    opened, handled = session.exec(
        select(func.count(), func.count(IkmFollowupRow.handled_at))
        .select_from(IkmFollowupRow)
        .join(IkmResponseRow, IkmFollowupRow.response_id == IkmResponseRow.id)
        .where(*where)
    ).one()
    return opened - handled, handled
