"""What the queue screen and the hall's board show: read models the store fills
(``store.queries.queueview``) and the screens display, so importing a screen loads no database library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.entities import Visit
from lpse_desk.domain.queue.rules import LoketState


@dataclass(frozen=True)
class ServiceCount:
    """Waiting visitors of one service."""

    code: str
    prefix: str
    name: str
    waiting: int


@dataclass(frozen=True)
class QueueView:
    """Today's queue as one desk sees it."""

    day: date
    now: datetime
    waiting: tuple[Visit, ...]
    """In call order."""
    active: tuple[Visit, ...]
    """Called or being served, at any loket."""
    held: tuple[Visit, ...]
    no_shows: tuple[Visit, ...]
    """No-shows that may still be restored."""
    finished: int
    per_service: tuple[ServiceCount, ...]
    lokets: tuple[LoketState, ...]
    marker: int

    def at_loket(self, loket: int) -> Visit | None:
        """The visit this loket is handling."""
        return next((visit for visit in self.active if visit.loket == loket), None)


@dataclass(frozen=True)
class Call:
    """One call on the board: a ticket and its loket (no names)."""

    id: int
    at: datetime
    ticket: str
    loket: int
    recall: bool


@dataclass(frozen=True)
class BoardView:
    """What the hall's display board shows; no personal data."""

    now: datetime
    current: tuple[Call, ...]
    """The latest call of each loket still handling it, loket order."""
    recent: tuple[Call, ...]
    """The last calls, newest first."""
    per_service: tuple[ServiceCount, ...]
    lokets: tuple[LoketState, ...]
    last_call_id: int
