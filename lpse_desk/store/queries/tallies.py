"""The visits' report figures recomputed from their events in one statement: for visits
written in bulk (the demo, the benchmarks) and for migration 0011, which fills them for the
visits recorded before the desk kept them. The desk itself keeps them at every move
(``queue.move_visit`` with ``domain.reports.counter.tally_after``: the same rules)."""

from __future__ import annotations

from sqlalchemy import Table, and_, bindparam, case, func, literal, or_, select, text, update
from sqlalchemy.sql import Select

SERVING = "dilayani"
HELD = "ditahan"


def seconds_between(dialect: str, later, earlier):
    """Seconds from ``earlier`` to ``later`` in the database's own arithmetic."""
    if dialect == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def _not_negative(dialect: str, value):
    return func.greatest(value, 0.0) if dialect == "postgresql" else func.max(value, 0.0)


def figures_statement(visit: Table, event: Table, dialect: str, chosen: Select | None = None):
    """``SELECT`` each visit's figures summed from its events, for every visit or those ``chosen``
    (a select of visit ids). ``visit`` and ``event`` are table objects, so the migration can
    pass its own stubs of the tables as they were at its revision."""
    of_visits = [event.c.entity == "visit"]
    if chosen is not None:
        of_visits.append(event.c.entity_id.in_(chosen))
    moves = (
        select(
            event.c.entity_id.label("vid"),
            event.c.to_state.label("state"),
            event.c.at.label("at"),
            func.lead(event.c.at)
            .over(partition_by=event.c.entity_id, order_by=(event.c.at, event.c.id))
            .label("next_at"),
        )
        .where(*of_visits, event.c.to_state.is_not(None))
        .subquery()
    )
    lasted = _not_negative(dialect, seconds_between(dialect, moves.c.next_at, moves.c.at))
    spent = (
        select(
            moves.c.vid,
            func.max(moves.c.at).label("moved_at"),
            func.sum(case((and_(moves.c.state == SERVING, moves.c.next_at.is_not(None)), lasted),
                          else_=0.0)).label("serving"),  # fmt: skip
            func.sum(case((and_(moves.c.state == HELD, moves.c.next_at.is_not(None)), lasted),
                          else_=0.0)).label("held"),  # fmt: skip
        )
        .group_by(moves.c.vid)
        .subquery()
    )
    starts = (
        select(event.c.entity_id.label("vid"), func.min(event.c.at).label("first_start"))
        .where(*of_visits, event.c.action == "mulai_dilayani")
        .group_by(event.c.entity_id)
        .subquery()
    )
    calls = (
        select(event.c.entity_id.label("vid"), func.max(event.c.at).label("counted"))
        .select_from(event.outerjoin(starts, starts.c.vid == event.c.entity_id))
        .where(
            *of_visits,
            event.c.action == "dipanggil",
            or_(starts.c.first_start.is_(None), event.c.at <= starts.c.first_start),
        )
        .group_by(event.c.entity_id)
        .subquery()
    )
    figures = (
        select(spent, starts.c.first_start, calls.c.counted)
        .select_from(
            spent.outerjoin(starts, starts.c.vid == spent.c.vid).outerjoin(
                calls, calls.c.vid == spent.c.vid
            )
        )
        .subquery()
    )
    wait = _not_negative(dialect, seconds_between(dialect, figures.c.counted, visit.c.arrived_at))
    return select(
        figures.c.vid.label("v_id"),
        figures.c.moved_at.label("v_moved_at"),
        func.coalesce(figures.c.serving, literal(0.0)).label("v_serving"),
        func.coalesce(figures.c.held, literal(0.0)).label("v_held"),
        figures.c.first_start.label("v_first"),
        case((figures.c.counted.is_(None), None), else_=wait).label("v_wait"),
    ).join_from(figures, visit, visit.c.id == figures.c.vid)


def refresh_on(conn, visit: Table, event: Table, chosen: Select | None = None) -> int:
    """Read every (or each ``chosen``) visit's figures from its events in one aggregate
    query, then write them by id (an ``UPDATE … FROM`` of the same query was planned as a
    nested loop by PostgreSQL on fresh tables: minutes for the demo). How many visits."""
    if conn.dialect.name == "postgresql":
        # Tables just filled in bulk have no statistics yet: without them PostgreSQL joins
        # the calls to the service starts in a nested loop (100,000 × 100,000: hours).
        conn.execute(text(f"ANALYZE {event.name}, {visit.name}"))
    figures = [dict(row) for row in conn.execute(
        figures_statement(visit, event, conn.dialect.name, chosen)).mappings()]  # fmt: skip
    if figures:
        conn.execute(
            update(visit)
            .where(visit.c.id == bindparam("v_id"))
            .values(moved_at=bindparam("v_moved_at"), serving_seconds=bindparam("v_serving"),
                    held_seconds=bindparam("v_held"), first_served_at=bindparam("v_first"),
                    wait_seconds=bindparam("v_wait")),  # fmt: skip
            figures,
        )
    return len(figures)


def refresh(*, session, chosen: Select | None = None) -> None:
    """Recompute the report figures of every visit (or those ``chosen``) from the events."""
    from lpse_desk.store.tables.desk import EventRow
    from lpse_desk.store.tables.queue import VisitRow

    refresh_on(session.connection(), VisitRow.__table__, EventRow.__table__, chosen)
