"""The event log's hash chain: every event sealed together with the one before it.

Each event stores ``chain_hash`` = HMAC-SHA256(key, canonical JSON of its content and of the
previous event's ``chain_hash``), and that previous hash in ``prev_hash``. The key is derived
from the installation secret in ``desk_meta``, so an event edited, replaced or slipped in with
ordinary SQL tools cannot be given a matching seal; whoever reads the key (anyone who can read
the database file) can, so the chain proves edits by SQL tools, not by someone who takes it.

``event_chain`` holds the end of the chain in one row. Every writer takes it with an UPDATE
before anything else, in the event's own transaction: that serialises writers (on PostgreSQL
too), and the ids are given here as ``last_id + 1``, so ids follow the chain order.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from lpse_desk.domain.errors import StoreFault
from lpse_desk.store.queries import meta
from lpse_desk.store.tables.desk import EventChainRow, EventRow

GENESIS = "0" * 64
"""The ``prev_hash`` of the first event."""
CONTENT = ("id", "at", "actor", "entity", "entity_id", "action", "from_state", "to_state", "reason")
"""The columns an event's seal covers (with ``prev_hash``)."""
_LABEL = b"lpse-desk/rantai-peristiwa/v1"
_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
"""Sorted keys, no spaces, UTF-8 as is: one encoding for one content (made once: ~10 µs)."""


def chain_key(secret: bytes) -> bytes:
    """The chain's own key, derived from the installation secret (receipts sign with another)."""
    return hmac.new(secret, _LABEL, hashlib.sha256).digest()


def canonical_at(at: datetime) -> str:
    """The exact instant in UTC, to the microsecond (SQLite hands raw readers naive UTC)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(key: bytes, event: Mapping[str, Any], prev_hash: str) -> str:
    """The seal of ``event`` (a mapping holding the ``CONTENT`` columns) after ``prev_hash``."""
    content = {name: event[name] for name in CONTENT}
    content["at"] = canonical_at(event["at"])
    content["prev_hash"] = prev_hash
    return hmac.digest(key, _CANONICAL.encode(content).encode("utf-8"), "sha256").hex()


def head_seal(key: bytes, last_id: int, last_hash: str) -> str:
    """The seal of the chain's end."""
    encoded = json.dumps({"last_hash": last_hash, "last_id": last_id}, sort_keys=True)
    return hmac.new(key, encoded.encode("utf-8"), hashlib.sha256).hexdigest()


_EMPTY = {"from_state": None, "to_state": None, "reason": None}


def seal_all(key: bytes, events: Sequence[Mapping[str, Any]], last_id: int, last_hash: str):
    """``events`` numbered from ``last_id + 1`` and sealed in order; also the new end."""
    sealed = []
    for offset, event in enumerate(events, start=1):
        row = {**_EMPTY, **event, "id": last_id + offset, "prev_hash": last_hash}
        last_hash = event_hash(key, row, row["prev_hash"])
        row["chain_hash"] = last_hash
        sealed.append(row)
    return sealed, last_id + len(sealed), last_hash


def append(*, session: Session, events: Sequence[Mapping[str, Any]]) -> list[int]:
    """Append ``events`` (dicts of the ``CONTENT`` columns but ``id``; the states and reason
    may be left out) in the caller's transaction, in order; returns their ids."""
    if not events:
        return []
    key = _key(session)
    # The UPDATE takes the row before the end is read: a second writer waits here.
    head = session.execute(
        update(EventChainRow)
        .where(EventChainRow.id == 1)
        .values(last_id=EventChainRow.last_id)
        .returning(EventChainRow.last_id, EventChainRow.last_hash)
    ).first()
    if head is None:
        raise StoreFault(
            "Ujung rantai log peristiwa (tabel event_chain) hilang, jadi perubahan tidak dapat "
            "dicatat. Jalankan 'lpse-desk audit verify' dan laporkan ke admin; pulihkan cadangan "
            "terbaru bila log peristiwa diubah."
        )
    sealed, last_id, last_hash = seal_all(key, events, head.last_id, head.last_hash)
    # Core executemany: one statement; the ORM splits rows whose NULL columns differ.
    session.connection().execute(insert(EventRow.__table__), sealed)
    session.execute(
        update(EventChainRow)
        .where(EventChainRow.id == 1)
        .values(last_id=last_id, last_hash=last_hash, seal=head_seal(key, last_id, last_hash))
    )
    return [row["id"] for row in sealed]


def _key(session: Session) -> bytes:
    return chain_key(meta.installation_secret(session=session))


@dataclass(frozen=True)
class ChainCheck:
    """What ``verify`` found: a whole chain, or the first broken id and why."""

    count: int
    """Events found sound, in chain order, before the break (all of them when whole)."""
    last_id: int
    """The last sound event's id (0 for none)."""
    broken_id: int | None = None
    reason: str | None = None

    @property
    def whole(self) -> bool:
        """Whether nothing was found wrong."""
        return self.reason is None


_COLUMNS = (*CONTENT, "prev_hash", "chain_hash")


def _stream(session: Session, batch: int) -> Iterator[dict[str, Any]]:
    """Every event in id order, ``batch`` rows per query (memory stays bounded)."""
    table = EventRow.__table__
    columns = [table.c[name] for name in _COLUMNS]
    connection = session.connection()  # Core rows: the ORM's loading would double the cost
    after = None
    while True:
        query = select(*columns).order_by(table.c.id).limit(batch)
        if after is not None:
            query = query.where(table.c.id > after)
        rows = connection.execute(query).all()
        for row in rows:
            yield dict(zip(_COLUMNS, row, strict=True))
        if len(rows) < batch:
            return
        after = rows[-1][0]


def verify(*, session: Session, batch: int = 5000) -> ChainCheck:
    """Walk the chain in id order and name the first event that breaks it."""

    secret = meta.installation_secret_if_any(session=session)
    if secret is None:
        return ChainCheck(0, 0, None, _MISSING_KEY)
    key = chain_key(secret)
    head = session.execute(
        select(EventChainRow.last_id, EventChainRow.last_hash, EventChainRow.seal)
    ).first()
    head_sound = head is not None and hmac.compare_digest(
        head.seal, head_seal(key, head.last_id, head.last_hash)
    )
    end = head.last_id if head_sound else None
    count, previous_id, previous_hash = 0, 0, GENESIS
    rows = _stream(session, batch)
    current = next(rows, None)
    while current is not None:
        following = next(rows, None)
        broken = _check(key, current, previous_id, previous_hash, following, head, end)
        if broken is not None:
            return ChainCheck(count, previous_id, *broken)
        count, previous_id, previous_hash = count + 1, current["id"], current["chain_hash"]
        current = following
    if head is None:
        return ChainCheck(count, previous_id, None, _MISSING_HEAD)
    if not head_sound:
        return ChainCheck(count, previous_id, head.last_id, _head_edited(head.last_id))
    if head.last_id > previous_id:
        return ChainCheck(count, previous_id, previous_id + 1, _tail_gone(previous_id, end))
    if head.last_hash != previous_hash:  # only a replaced end row sealed with the key
        return ChainCheck(count, previous_id, previous_id, _replaced(previous_id))
    return ChainCheck(count, previous_id)


def _check(key, current, previous_id, previous_hash, following, head, end):
    """``(broken id, reason)`` when ``current`` breaks the chain; else None."""
    event_id = current["id"]
    if end is not None and event_id > end:
        return event_id, (
            f"Peristiwa #{event_id} ada sesudah ujung rantai (#{end}): disisipkan di luar aplikasi."
        )
    sealed, prev = current["chain_hash"], current["prev_hash"]
    if not sealed or not prev:
        return event_id, (
            f"Peristiwa #{event_id} tidak bersegel: disisipkan atau diganti di luar aplikasi."
        )
    if not hmac.compare_digest(sealed, event_hash(key, current, prev)):
        next_prev = following["prev_hash"] if following else None
        if following is not None and next_prev == previous_hash:
            return event_id, (
                f"Peristiwa #{event_id} disisipkan di tengah log: segelnya tidak dibuat dengan "
                "kunci instalasi dan rantai melewatinya."
            )
        kept = next_prev == sealed if following else (head and head.last_hash == sealed)
        if kept:
            return event_id, (
                f"Isi peristiwa #{event_id} diubah sesudah dicatat: segelnya tidak cocok lagi "
                "dengan isinya."
            )
        return event_id, _replaced(event_id)
    if prev != previous_hash:
        if event_id > previous_id + 1:
            missing = previous_id + 1
            span = f"#{missing}" if missing == event_id - 1 else f"#{missing}–#{event_id - 1}"
            return missing, (
                f"Peristiwa {span} hilang (dihapus): segel #{event_id} menunjuk peristiwa "
                "sebelumnya yang tidak ada lagi."
            )
        return event_id, (
            f"Rantai putus di #{event_id}: peristiwa sebelumnya bukan yang disegel bersamanya "
            "(dihapus atau diganti)."
        )
    return None


def _replaced(event_id: int) -> str:
    return f"Peristiwa #{event_id} diganti: isi dan segelnya tidak cocok dengan rantai."


def _head_edited(last_id: int) -> str:
    return (
        f"Ujung rantai (tabel event_chain, #{last_id}) diubah di luar aplikasi: segelnya "
        "tidak cocok."
    )


def _tail_gone(last_present: int, end: int | None) -> str:
    first = last_present + 1
    span = f"#{first}" if first == end else f"#{first}–#{end}"
    return (
        f"Peristiwa {span} hilang (dihapus dari ujung log): ujung rantai mencatat #{end}, "
        f"peristiwa terakhir yang ada #{last_present}."
    )


_MISSING_KEY = (
    "Kunci instalasi (desk_meta 'receipt_secret') tidak ada, jadi segel log peristiwa tidak "
    "dapat diperiksa. Pulihkan cadangan terbaru."
)
_MISSING_HEAD = (
    "Ujung rantai log peristiwa (tabel event_chain) hilang: peristiwa terakhir mungkin "
    "dihapus. Bandingkan dengan cadangan terbaru."
)
