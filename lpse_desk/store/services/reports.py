"""``ReportDesk``: the head of unit's counter report (issue 16; the case report is to come)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from lpse_desk.domain.counter import serving_standard
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.reports.counter import (
    CounterReport,
    counter_report,
    previous_period,
    tallied,
)
from lpse_desk.store.db import read_session
from lpse_desk.store.queries import reports
from lpse_desk.store.services.base import Service

LONGEST_DAYS = 366 * 5
"""The longest period one report reads (five years)."""


@dataclass(frozen=True)
class CounterComparison:
    """A period's counter report beside the period of the same length before it."""

    now: CounterReport
    before: CounterReport


class ReportDesk(Service):
    """Reports computed from the visits and events of a period, in one read transaction."""

    def counter(
        self,
        *,
        start: date,
        end: date,
        service_code: str | None = None,
        loket: int | None = None,
        officer_id: int | None = None,
    ) -> CounterComparison:
        """The counter report of ``start``–``end`` (WIB days) and of the period before it."""
        if end < start:
            raise ValidationError("Tanggal akhir sebelum tanggal awal", field="periode")
        if (end - start).days >= LONGEST_DAYS:
            raise ValidationError("Periode laporan paling panjang lima tahun", field="periode")
        if service_code is not None:
            service_code = self.catalog.service(service_code).code  # NotFound in Indonesian
        chosen = reports.VisitFilter(start, end, service_code, loket, officer_id)
        before_start, before_end = previous_period(start, end)
        earlier = replace(chosen, start=before_start, end=before_end)
        with read_session(self.engine) as session:
            now = self._report(session, chosen)
            before = self._report(session, earlier)
        return CounterComparison(now=now, before=before)

    def _report(self, session, chosen: reports.VisitFilter) -> CounterReport:
        standards = {code: serving_standard(one) for code, one in self.catalog.services.items()}
        figures = [
            tallied(
                one.visit,
                counted_call=one.counted_call,
                first_start=one.first_start,
                serving=timedelta(seconds=round(one.serving_seconds, 3)),
                held=timedelta(seconds=round(one.held_seconds, 3)),
                transferred=one.transferred,
                standard=standards.get(one.visit.service_code, serving_standard(None)),
            )  # fmt: skip
            for one in reports.tallies_between(session=session, chosen=chosen)
        ]
        return counter_report(figures, start=chosen.start, end=chosen.end)
