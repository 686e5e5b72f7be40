"""Paper IKM questionnaires: written in short batches keyed by the file's answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.ikm.index import check_scores
from lpse_desk.domain.ikm.paper import PaperResponse
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.store.queries import events
from lpse_desk.store.queries.ikm import SOURCE_PAPER, open_followup, response_row
from lpse_desk.store.tables.ikm import IkmResponseRow


def batch_imported(*, session: Session, batch: str) -> datetime | None:
    """When a paper file with this batch key was imported, or None."""
    return session.exec(
        select(func.min(IkmResponseRow.responded_at)).where(IkmResponseRow.import_batch == batch)
    ).one()


def imported_files(*, session: Session) -> dict[str, int]:
    """Every paper file imported so far: its batch key → how many of its questionnaires are
    stored (a few hundred files in years of use)."""
    return dict(
        session.exec(
            select(IkmResponseRow.import_batch, func.count())
            .where(IkmResponseRow.import_batch.is_not(None))
            .group_by(IkmResponseRow.import_batch)
        ).all()
    )


def imported_count(*, session: Session, batch: str) -> int:
    """How many questionnaires of the file with this batch key are stored."""
    return session.exec(
        select(func.count()).select_from(IkmResponseRow).where(IkmResponseRow.import_batch == batch)
    ).one()


def paper_to_import(*, session: Session, batch: str, total: int, source: str) -> int:
    """How many of a file's ``total`` questionnaires are stored already (an interrupted
    import); Conflict when all of them are: the same file is not counted twice."""
    done = imported_count(session=session, batch=batch)
    if done >= total:
        earlier = batch_imported(session=session, batch=batch)
        raise Conflict(
            f"Berkas {source} sudah pernah diimpor pada {format_date_id(earlier)}; "
            "kuesioner yang sama tidak dihitung dua kali"
        )
    return done


def add_paper_batch(
    *,
    session: Session,
    responses: Sequence[PaperResponse],
    first: int,
    batch: str,
    now: datetime,
    actor: str,
    source: str,
    part: bool = False,
) -> int:
    """Add the questionnaires found at positions ``first``… of the file keyed ``batch``, in
    the caller's transaction; how many of them were stored already and skipped.

    Batches are written in file order, each in one transaction, so the stored count of the
    key says exactly how far an earlier (interrupted) import of the same file got.
    """
    done = imported_count(session=session, batch=batch)
    if done < first:
        raise Conflict(
            f"Impor {source} terputus di tengah dan isinya di basis data berkurang sejak itu; "
            "impor ulang berkas ini tidak dapat melanjutkannya. Hubungi admin."
        )
    skipped = min(done - first, len(responses))
    rows = []
    for response in responses[skipped:]:
        row = response_row(service_code=response.service_code,
            service_date=response.service_date, now=now, source=SOURCE_PAPER,
            saran=response.saran, profile=response.profile, scores=check_scores(response.scores),
            import_batch=batch)  # fmt: skip
        session.add(row)
        rows.append(row)
    if not rows:
        return skipped
    session.flush()
    for row in rows:
        open_followup(session, row, now)
    lines = (responses[skipped].line, responses[-1].line) if part else None
    events.imported(session=session, at=now, actor=actor, entity="ikm_response",
                    action="kuesioner_kertas_diimpor", count=len(rows), what="kuesioner",
                    source=source, lines=lines)  # fmt: skip
    return skipped
