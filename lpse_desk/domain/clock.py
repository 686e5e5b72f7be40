"""The desk's notion of "now": always WIB (Asia/Jakarta), whatever the machine's zone.

The clock is injected everywhere a moment is needed (receipts, deadlines, the queue's
daily reset) so that tests can freeze it and nothing deep inside reads the system time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
"""Waktu Indonesia Barat; the zone data comes from the system or the ``tzdata`` package."""


def to_wib(moment: datetime) -> datetime:
    """The same instant in WIB; a naive moment is taken to be WIB wall-clock time already."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=WIB)
    return moment.astimezone(WIB)


@runtime_checkable
class Clock(Protocol):
    """Anything that can tell the current moment."""

    def now(self) -> datetime:
        """The current moment, timezone-aware, in WIB."""
        ...


class SystemClock:
    """The real clock, read in WIB so the machine's own zone never matters."""

    def now(self) -> datetime:
        """The current moment in WIB."""
        return datetime.now(WIB)


class FixedClock:
    """A clock that stands still until told to move (tests, demos, snapshots)."""

    def __init__(self, moment: datetime) -> None:
        self._moment = to_wib(moment)

    def now(self) -> datetime:
        """The frozen moment, in WIB."""
        return self._moment

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (or back, with a negative delta)."""
        self._moment = self._moment + delta

    def set(self, moment: datetime) -> None:
        """Jump to a moment; a naive moment is taken as WIB."""
        self._moment = to_wib(moment)

    def __repr__(self) -> str:
        return f"FixedClock({self._moment.isoformat()})"


def today_wib(clock: Clock) -> date:
    """The calendar date in WIB according to the clock."""
    return to_wib(clock.now()).date()


def wib_day(day: date) -> tuple[datetime, datetime]:
    """The moments of a WIB calendar day: from its midnight (included) to the next (not)."""
    start = datetime.combine(day, datetime.min.time(), tzinfo=WIB)
    return start, start + timedelta(days=1)
