"""The case's clock (DOMAIN.md §5): working time left, paused while returned, the new deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus

# --- the case's clock (DOMAIN.md §5) -----------------------------------------------------


@dataclass(frozen=True)
class TimeLeft:
    """How a case stands against its deadline at one moment."""

    left: timedelta | None
    """Working time left; negative when overdue; the frozen remainder while paused."""
    paused: bool
    """True while the case waits on the vendor (returned)."""

    @property
    def overdue(self) -> bool:
        """Past its deadline and not paused."""
        return not self.paused and self.left is not None and self.left < timedelta(0)


def time_left(
    calendar: WorkingCalendar,
    *,
    status: CaseStatus,
    due_at: datetime | None,
    remaining_seconds: int | None,
    now: datetime,
) -> TimeLeft:
    """The case's working time left at ``now``; a returned case shows what it kept."""
    if status is CaseStatus.RETURNED:
        kept = timedelta(seconds=remaining_seconds) if remaining_seconds is not None else None
        return TimeLeft(left=kept, paused=True)
    if due_at is None:
        return TimeLeft(left=None, paused=False)
    return TimeLeft(left=calendar.remaining(due_at, now), paused=False)


def pause_remaining(
    calendar: WorkingCalendar, *, due_at: datetime | None, paused_at: datetime
) -> int:
    """Seconds of working time the case keeps when returned (negative if it was overdue)."""
    if due_at is None:
        return 0
    return int(calendar.remaining(due_at, paused_at).total_seconds())


def resumed_due(
    calendar: WorkingCalendar, *, resumed_at: datetime, remaining_seconds: int
) -> datetime:
    """New deadline = resume time + the working time that was left (DOMAIN.md §5)."""
    return calendar.resume(resumed_at, timedelta(seconds=remaining_seconds))
