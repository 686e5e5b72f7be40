"""The append-only event log: every state change goes through ``record`` (or ``record_many``).

Both seal the events into the log's hash chain (``store.eventchain``); nothing else inserts
into ``event``.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from lpse_desk.domain.access import SystemActor, SystemKind
from lpse_desk.domain.entities import Event, StaffMember
from lpse_desk.store import convert, eventchain
from lpse_desk.store.tables import EventRow


def actor_for(staff: StaffMember) -> str:
    """How a staff member is named in the log: ``Siti Rahma (#2)``."""
    return f"{staff.name} (#{staff.id})"


Who = StaffMember | SystemActor
"""Who makes a change: the staff member at the desk, or the command line (``cli:ratna``).

What each may do is decided in ``domain.access`` and checked by ``store.access``; a bare
string is refused by every action that changes something.
"""


def actor_of(who: Who | str) -> str:
    """The log's name for ``who``."""
    if isinstance(who, StaffMember):
        return actor_for(who)
    return who.name if isinstance(who, SystemActor) else who


def staff_id_of(who: Who) -> int | None:
    """The staff id of ``who``, when it is a staff member."""
    return who.id if isinstance(who, StaffMember) else None


def cli_who() -> SystemActor:
    """The command line as an actor (``cli:<os user>``): it may take only the acts
    ``domain.access.SYSTEM_GRANTS`` gives it."""
    return SystemActor(cli_actor(), SystemKind.CLI)


def cli_actor() -> str:
    """The actor of a command-line change: ``cli:<os user>``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "tidak-dikenal"
    return f"cli:{user}"


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
