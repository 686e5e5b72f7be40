"""The event log as a chain: each event carries an HMAC of its content and of the previous
event's hash, so an edited, replaced, deleted or back-dated event breaks the chain.

The key is the installation secret (``desk_meta``): whoever can read the database can read
it too, so the chain proves changes made with ordinary SQL tools, not by someone who takes
the key. The head (last id and hash) lives in ``event_chain``; taking it first in the write
transaction serialises writers, so event ids follow the chain.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from lpse_desk.store import meta
from lpse_desk.store.db import read_session
from lpse_desk.store.tables import EventChainRow, EventRow

CONTENT = ("id", "at", "actor", "entity", "entity_id", "action", "from_state", "to_state", "reason")


def _instant(value: datetime | str) -> str:
    """One spelling of a moment, whatever the driver returns: UTC with microseconds."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def event_hash(secret: bytes, event: dict, prev_hash: str) -> str:
    """HMAC-SHA256 (base64url) of an event's content and the previous hash."""
    content = [event[name] for name in CONTENT]
    content[1] = _instant(content[1])
    canonical = json.dumps([*content, prev_hash], ensure_ascii=False, separators=(",", ":"))
    digest = hmac.new(secret, canonical.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _head(session: Session) -> EventChainRow:
    head = session.get(EventChainRow, 1, with_for_update=True)
    if head is None:  # a store migrated before the head existed cannot occur; be safe anyway
        head = EventChainRow(id=1, last_id=0, last_hash="")
        session.add(head)
    return head


def link(session: Session, events: list[dict]) -> list[dict]:
    """Give new events their ids and hashes, in order, and move the head (caller's transaction)."""
    secret = meta.installation_secret(session=session)
    head = _head(session)
    newest = session.exec(select(func.max(EventRow.id))).one() or 0
    last_id, last_hash = max(head.last_id, newest), head.last_hash
    linked = []
    for event in events:
        last_id += 1
        row = {**event, "id": last_id, "prev_hash": last_hash}
        row["hash"] = event_hash(secret, row, last_hash)
        last_hash = row["hash"]
        linked.append(row)
    head.last_id, head.last_hash = last_id, last_hash
    session.add(head)
    return linked


@dataclass(frozen=True)
class ChainReport:
    """What ``audit verify`` found."""

    count: int
    last_id: int
    broken_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_id is None


def _rows(session: Session, batch: int) -> Iterator:
    query = (
        select(EventRow.id, EventRow.at, EventRow.actor, EventRow.entity, EventRow.entity_id,
               EventRow.action, EventRow.from_state, EventRow.to_state, EventRow.reason,
               EventRow.prev_hash, EventRow.hash)
        .order_by(EventRow.id)
        .execution_options(yield_per=batch)
    )  # fmt: skip
    yield from session.execute(query)


def verify(engine: Engine, *, batch: int = 5000) -> ChainReport:
    """Walk the chain in id order (streamed) and name the first broken event."""
    with read_session(engine) as session:
        secret = meta.installation_secret_if_any(session=session)
        head = session.get(EventChainRow, 1)
        count, last_id, prev = 0, 0, ""
        for row in _rows(session, batch):
            event = dict(row._mapping)
            count += 1
            if secret is None or event["hash"] is None:
                return ChainReport(count, last_id, event["id"], "peristiwa tanpa tanda rantai")
            if event["prev_hash"] != prev:
                return ChainReport(
                    count, last_id, event["id"],
                    "rantai putus tepat sebelum peristiwa ini: peristiwa sebelumnya dihapus, "
                    "diganti, atau ada peristiwa yang disisipkan",
                )  # fmt: skip
            if event["hash"] != event_hash(secret, event, prev):
                return ChainReport(
                    count, last_id, event["id"],
                    "isi peristiwa ini diubah atau diganti sesudah dicatat",
                )  # fmt: skip
            prev, last_id = event["hash"], event["id"]
        if head is not None and (head.last_id != last_id or head.last_hash != prev):
            return ChainReport(
                count, last_id, head.last_id,
                f"peristiwa terakhir yang tercatat di kepala rantai (#{head.last_id}) tidak ada "
                "lagi: peristiwa di ujung log dihapus",
            )  # fmt: skip
    return ChainReport(count, last_id)
