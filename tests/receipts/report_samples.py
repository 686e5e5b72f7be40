"""Counter reports made by hand for the exporters' tests and benchmark: a period with a
steady number of visits on each working day, some booked, some not served, some over the
standard, spread over two officers and the morning hours. No database: the figures go
through the domain's own ``tallied`` and ``counter_report``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.reports.comparison import previous_period
from lpse_desk.domain.reports.counter import (
    CounterReport,
    counter_report,
    tallied,
)

STANDARD = timedelta(minutes=15)
OFFICERS = {1: "Ratna <b>Sari</b> & Co", 2: "Budi Łukasz"}


@dataclass(frozen=True)
class Comparison:
    """Like the store's ``CounterComparison``."""

    now: CounterReport
    before: CounterReport


def _report(start: date, end: date, per_day: int, seed: int) -> CounterReport:
    rng = random.Random(seed)
    figures = []
    day, serial = start, 1
    while day <= end:
        if day.weekday() < 5:
            for n in range(per_day):
                arrived = datetime(day.year, day.month, day.day, 8, tzinfo=WIB) + timedelta(
                    minutes=rng.randint(0, 7 * 60)
                )
                roll = rng.random()
                status = (
                    VisitStatus.NO_SHOW if roll < 0.05
                    else VisitStatus.CANCELLED if roll < 0.08
                    else VisitStatus.DONE
                )  # fmt: skip
                done = status is VisitStatus.DONE
                called = arrived + timedelta(seconds=rng.randint(30, 50 * 60))
                serving = timedelta(seconds=rng.randint(3 * 60, 25 * 60))
                visit = Visit(
                    id=serial, service_date=day, service_code="REG" if n % 3 else "UBAH",
                    prefix="A", number=n + 1, status=status, visitor_name=None, phone=None,
                    priority=None, booking_code=f"MPP{serial}" if n % 4 == 0 else None,
                    loket=1, arrived_at=arrived, called_at=called,
                    finished_at=called + serving, served_by=1 + n % 2 if done else None,
                )  # fmt: skip
                figures.append(
                    tallied(
                        visit,
                        wait=called - arrived if status is not VisitStatus.CANCELLED else None,
                        started=done,
                        serving=serving if done else timedelta(0),
                        held=timedelta(0),
                        transferred=n % 17 == 0,
                        standard=STANDARD,
                    )  # fmt: skip
                )
                serial += 1
        day += timedelta(days=1)
    return counter_report(figures, start=start, end=end)


def comparison(start: date, end: date, *, per_day: int = 12, seed: int = 7) -> Comparison:
    """A period's hand-made report and the period before it (a little busier)."""
    before_start, before_end = previous_period(start, end)
    return Comparison(
        now=_report(start, end, per_day, seed),
        before=_report(before_start, before_end, per_day + 2, seed + 1),
    )
