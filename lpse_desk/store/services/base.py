"""What every service does for one method: open one transaction and run a query in it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import Clock
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.importfile import ImportInterrupted, chunks, pause_after
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import access

T = TypeVar("T")
R = TypeVar("R")


# A dataclass so that a service adding its own settings declares them as fields (QueueDesk's
# policy) instead of repeating these four in an __init__ of its own; compared and hashed by
# identity, as before.
@dataclass(kw_only=True, eq=False, repr=False)
class Service:
    """A service on one store with the catalog, calendar and clock the desk works with.

    ``StaffDesk`` and ``VendorDesk`` need neither catalog nor calendar and set ``engine`` and
    ``clock`` themselves."""

    engine: Engine
    catalog: Catalog
    calendar: WorkingCalendar
    clock: Clock

    def _read(self, query: Callable[..., T], **values: object) -> T:
        """``query`` in its own read transaction."""
        with read_session(self.engine) as session:
            return query(session=session, **values)

    def _decide(self, query: Callable[..., T], who: Who, **values: object) -> T:
        """``query`` in its own write transaction; it checks ``who`` itself, at the clock's now."""
        with write_session(self.engine) as session:
            return query(session=session, who=who, now=self.clock.now(), **values)

    def _act(self, query: Callable[..., T], who: Who, act: Act, **values: object) -> T:
        """``query`` in its own write transaction once ``who`` may take ``act`` (the account as
        stored now), recorded under ``who``'s name at the clock's now."""
        with write_session(self.engine) as session:
            actor = access.actor(session, who, act)
            return query(session=session, now=self.clock.now(), actor=actor, **values)

    def _write_in_batches(
        self,
        items: Iterable[T],
        write: Callable[[Session, list[T]], R],
        *,
        batch_rows: int,
        total: int,
        what: str,
        progress: Callable[[int, int], None] | None = None,
        stored: int = 0,
        counted: Callable[[list[T], R], int] = lambda batch, _result: len(batch),
    ) -> Iterator[tuple[list[T], R]]:
        """An import's writes: ``write(session, batch)`` for each ``batch_rows`` of ``items``,
        each batch its own write transaction so that other desks work in between (after a
        batch that held the lock a while, a pause lets a waiting desk in first).

        Yields each batch with ``write``'s result once committed, after ``progress(done,
        total)``. A refusal of the first batch is raised as it is; a later one as
        ``ImportInterrupted``, saying how many of ``what`` are stored: ``stored`` before this
        run, plus ``counted(batch, result)`` for each committed batch.
        """
        done = 0
        held = 0.0
        for batch in chunks(items, batch_rows):
            if held:  # let a waiting desk in before taking the lock again
                time.sleep(pause_after(held))
            started = time.monotonic()
            try:
                with write_session(self.engine) as session:
                    result = write(session, batch)
            except DeskError as exc:
                if not done:
                    raise
                raise ImportInterrupted(exc, stored=stored, total=total, what=what) from exc
            stored += counted(batch, result)
            done += len(batch)
            held = time.monotonic() - started
            if progress is not None:
                progress(done, total)
            yield batch, result
