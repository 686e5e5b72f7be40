"""What every service does for one method: open one transaction and run a query in it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import Clock
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import access

T = TypeVar("T")


class Service:
    """A service on one store with the catalog, calendar and clock the desk works with.

    ``StaffDesk`` and ``VendorDesk`` need neither catalog nor calendar and set ``engine`` and
    ``clock`` themselves."""

    engine: Engine
    clock: Clock

    def __init__(
        self, *, engine: Engine, catalog: Catalog, calendar: WorkingCalendar, clock: Clock
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self.calendar = calendar
        self.clock = clock

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
