"""Counters and one-time rows as single conflict-safe statements, on SQLite and PostgreSQL.

``INSERT … ON CONFLICT … DO UPDATE … RETURNING`` is one statement on both engines: the first
number of a day taken at two desks at once cannot both insert the counter row (the second
updates the row the first made), whatever else holds the write lock.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import TextClause, bindparam, text
from sqlmodel import Session

from lpse_desk.domain.errors import ConfigError


def _insert(session: Session, table: Any):
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise ConfigError(f"Basis data {dialect} tidak didukung: gunakan SQLite atau PostgreSQL.")
    return insert(table)


def bump(session: Session, table: Any, *, keys: Mapping[str, Any]) -> int:
    """The counter row of ``keys`` raised by one (made at 1 when missing); its new value.

    Plain SQL that both engines take as it is, built once per table: it runs while the desk
    holds the write lock, so it is not compiled again for every number."""
    return session.execute(_bump_statement(table.__table__, tuple(keys)), dict(keys)).scalar_one()


@functools.cache
def _bump_statement(table: Any, keys: tuple[str, ...]) -> TextClause:
    names = ", ".join(keys)
    marks = ", ".join(f":{key}" for key in keys)
    return text(
        f"INSERT INTO {table.name} ({names}, last_number) VALUES ({marks}, 1) "
        f"ON CONFLICT ({names}) DO UPDATE SET last_number = {table.name}.last_number + 1 "
        "RETURNING last_number"
    ).bindparams(*(bindparam(key, type_=table.c[key].type) for key in keys))


def put(
    session: Session, table: Any, *, keys: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    """The row of ``keys`` holding ``values``: inserted, or updated where it exists."""
    statement = _insert(session, table).values(**keys, **values)
    session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=dict(values)))


def insert_once(
    session: Session, table: Any, *, keys: Mapping[str, Any], values: Mapping[str, Any]
) -> None:
    """The row of ``keys`` with ``values`` unless one exists already (which is kept)."""
    statement = _insert(session, table).values(**keys, **values)
    session.execute(statement.on_conflict_do_nothing(index_elements=list(keys)))


def add(
    session: Session, table: Any, *, keys: Mapping[str, Any], column: str, amount: int
) -> None:
    """The row of ``keys`` with ``amount`` added to ``column`` (made holding it when missing)."""
    statement = _insert(session, table).values(**keys, **{column: amount})
    added = {column: getattr(table, column) + statement.excluded[column]}
    session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=added))
