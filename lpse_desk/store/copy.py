"""Moving a whole store to another database (``lpse-desk db copy --ke URL``): a unit that
started on one PC's SQLite file moves to the city's PostgreSQL server without losing a number.

Everything happens in one transaction on the target, so a copy that fails leaves it as empty
as it was: the schema is migrated on that transaction's connection (PostgreSQL's DDL is
transactional), the migrations' own first rows (the key, the chain's end) make room for the
source's, every table is copied in foreign-key order with its ids, the id sequences are set
past the copied ids, and before committing the copy is checked: the same rows in every table,
the event chain whole under the copied key, and the newest receipt drawn again to the bytes
it was issued with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select, text, update
from sqlmodel import Session, SQLModel

from lpse_desk.domain.errors import StoreFault
from lpse_desk.domain.receipt import ReceiptData, sign_receipt
from lpse_desk.store import eventchain
from lpse_desk.store.db import HEAD_REVISION, current_revision, upgrade_on
from lpse_desk.store.queries import meta
from lpse_desk.store.tables.cases import ReceiptRow

PAPERS = ("A5", "80mm")
"""The paper sizes a receipt may have been drawn on (the check tries each)."""

BATCH = 2_000


@dataclass(frozen=True)
class CopyReport:
    """What was copied and how it was checked."""

    rows: dict[str, int]
    """Rows per table, the same in source and target."""
    events: int
    """Events in the copied chain, verified under the copied key."""
    receipt_checked: str | None
    """The receipt drawn again from the target to its issued bytes (None: no receipts)."""
    stations_named: int
    """Receipts from before PCs were named, now marked as the copying PC's."""


def copy_store(
    source: Engine,
    target: Engine,
    *,
    station: str,
    render: Callable[..., bytes] | None = None,
) -> CopyReport:
    """Copy every row of ``source`` (at the newest revision) into the empty ``target``.

    ``station`` names the copying PC: receipts issued before PCs were named get it (their
    files are on this PC). ``render(data, signed=…, paper=…)`` draws a receipt for the check
    (None: the check is skipped). StoreFault (Indonesian) when the target is not empty or the copy does
    not check out; then nothing was written to the target.
    """
    if current_revision(source) != HEAD_REVISION:
        raise StoreFault("Basis data sumber belum versi terbaru: jalankan 'lpse-desk db upgrade'.")
    where = target.url.render_as_string(hide_password=True)
    if current_revision(target) is not None:  # also refuses another application's tables
        raise StoreFault(
            f"Basis data tujuan {where} tidak kosong (sudah berisi skema LPSE Desk). Salinan "
            "hanya ke basis data yang kosong; buat basis data baru di server (lihat README)."
        )
    ordered = list(SQLModel.metadata.sorted_tables)
    with target.connect() as conn, conn.begin():
        upgrade_on(conn)
        for table in reversed(ordered):  # the migrations' first rows make room for the source's
            conn.execute(delete(table))
        counts: dict[str, int] = {}
        with source.connect() as reading:
            for table in ordered:
                counts[table.name] = _copy_table(reading, conn, table)
            reading.rollback()
        _continue_sequences(conn, ordered)
        receipt = ReceiptRow.__table__
        named = conn.execute(
            update(receipt).where(receipt.c.station.is_(None)).values(station=station)
        ).rowcount
        for table in ordered:
            copied = conn.execute(select(func.count()).select_from(table)).scalar_one()
            if copied != counts[table.name]:
                raise StoreFault(
                    f"Salinan tabel {table.name} tidak lengkap ({copied} dari "
                    f"{counts[table.name]} baris); tidak ada yang disimpan di {where}."
                )
        session = Session(bind=conn)
        chain = eventchain.verify(session=session)
        if not chain.whole:
            raise StoreFault(
                f"Rantai log peristiwa salinan tidak utuh (peristiwa #{chain.broken_id}: "
                f"{chain.reason}); tidak ada yang disimpan di {where}."
            )
        checked = _redraw_newest(session, render) if render is not None else None
    return CopyReport(counts, chain.count, checked, named)


def _copy_table(reading, writing, table) -> int:
    copied = 0
    result = reading.execution_options(yield_per=BATCH).execute(select(table))
    for rows in result.partitions(BATCH):
        writing.execute(insert(table), [dict(row._mapping) for row in rows])
        copied += len(rows)
    return copied


def _continue_sequences(conn, ordered) -> None:
    """PostgreSQL's id sequences go on after the copied ids (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in ordered:
        for column in table.primary_key.columns:
            sequence = conn.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": f'"{table.name}"', "column": column.name},
            ).scalar_one()
            if sequence is None:
                continue
            highest = conn.execute(select(func.max(column))).scalar_one()
            conn.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": highest or 1, "called": highest is not None},
            )


def _redraw_newest(session: Session, render) -> str | None:
    """The newest receipt drawn again from the copy: the same bytes as issued, or refused."""
    row = session.execute(
        select(ReceiptRow).order_by(ReceiptRow.id.desc()).limit(1)
    ).scalar_one_or_none()
    if row is None or row.sha256 is None:
        return None
    data = ReceiptData.from_json(row.payload)
    secret = meta.installation_secret_if_any(session=session)
    if secret is None:
        raise StoreFault("Kunci tanda terima tidak ikut tersalin; tidak ada yang disimpan.")
    signed = sign_receipt(data, secret)
    drawn = {
        hashlib.sha256(render(data, signed=signed, paper=paper)).hexdigest() for paper in PAPERS
    }
    if row.sha256 not in drawn:
        raise StoreFault(
            f"Tanda terima {row.number} yang digambar ulang dari salinan tidak sama dengan "
            "aslinya; tidak ada yang disimpan."
        )
    return row.number
