"""The append-only event log: every state change goes through ``record`` (or ``record_many``).

Both seal the events into the log's hash chain (``store.eventchain``); nothing else inserts
into ``event``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from lpse_desk.domain.entities import Event
from lpse_desk.store import convert, eventchain
from lpse_desk.store.tables.desk import EventRow


def record(
    *,
    session: Session,
    at: datetime,
    actor: str,
    entity: str,
    entity_id: int,
    action: str,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
) -> int:
    """Append one event in the caller's transaction, sealed into the chain; returns its id."""
    (event_id,) = eventchain.append(
        session=session,
        events=[
            {
                "at": at,
                "actor": actor,
                "entity": entity,
                "entity_id": entity_id,
                "action": action,
                "from_state": from_state,
                "to_state": to_state,
                "reason": reason,
            }
        ],
    )
    return event_id


def on_case(
    *, session: Session, case_id: int, action: str, at: datetime, actor: str,
    reason: str | None = None, from_state: str | None = None, to_state: str | None = None,
) -> int:  # fmt: skip
    """``record`` for a case: the log of most intake and review steps."""
    return record(session=session, at=at, actor=actor, entity="case", entity_id=case_id,
                  action=action, from_state=from_state, to_state=to_state, reason=reason)  # fmt: skip


def saved(
    row: Any, *, session: Session, entity: str, at: datetime, actor: str, action: str,
    from_state: str | None = None, to_state: str | None = None, reason: str | None = None,
) -> int:  # fmt: skip
    """Add a new or changed ``row`` (flushed, so a new one has its id) and ``record`` its event."""
    session.add(row)
    session.flush()
    return record(session=session, at=at, actor=actor, entity=entity, entity_id=row.id,
                  action=action, from_state=from_state, to_state=to_state, reason=reason)  # fmt: skip


def imported(
    *, session: Session, at: datetime, actor: str, entity: str, action: str, count: int,
    what: str, source: str, lines: tuple[int, int] | None = None,
) -> int:  # fmt: skip
    """``record`` one written batch of an import file (no single row: ``entity_id`` 0): how
    many of ``what`` from ``source``, and its first and last ``lines`` when the file is
    written in several batches."""
    where = f" (baris {lines[0]}–{lines[1]})" if lines else ""
    return record(session=session, at=at, actor=actor, entity=entity, entity_id=0,
                  action=action, reason=f"{count} {what} dari {source}{where}")  # fmt: skip


def record_many(*, session: Session, events: Sequence[Mapping[str, Any]]) -> list[int]:
    """Append many events at once, in the given order (the demo's past quarter).

    Each is a mapping of ``record``'s fields (``from_state``, ``to_state`` and ``reason``
    may be left out). One statement inserts them all.
    """
    return eventchain.append(session=session, events=events)


def history(*, session: Session, entity: str, entity_id: int) -> list[Event]:
    """Every event of one entity, oldest first."""
    rows = session.exec(
        select(EventRow)
        .where(EventRow.entity == entity, EventRow.entity_id == entity_id)
        .order_by(EventRow.at, EventRow.id)
    ).all()
    return [convert.event(row) for row in rows]


def histories(*, session: Session, entity: str, entity_ids: list[int]) -> dict[int, list[Event]]:
    """The events of many entities of one kind, oldest first, keyed by entity id."""
    found: dict[int, list[Event]] = {}
    for start in range(0, len(entity_ids), 500):
        chunk = entity_ids[start : start + 500]
        rows = session.exec(
            select(EventRow)
            .where(EventRow.entity == entity, EventRow.entity_id.in_(chunk))
            .order_by(EventRow.at, EventRow.id)
        ).all()
        for row in rows:
            found.setdefault(row.entity_id, []).append(convert.event(row))
    return found
