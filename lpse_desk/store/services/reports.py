"""``ReportDesk``: the head of unit's counter report (issue 16; the case report is to come)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from lpse_desk.domain.counter import serving_standard
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.reports.counter import (
    WORST,
    CounterReport,
    previous_period,
    report_of,
    whole_seconds,
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
        totals = reports.counter_totals(
            session=session, chosen=chosen, standards=self._standards(), worst=WORST
        )
        return report_of(totals, start=chosen.start, end=chosen.end)

    def _standards(self) -> reports.Standards:
        """Each service's counter standard from the catalog, in seconds."""
        return reports.Standards(
            by_code={code: whole_seconds(serving_standard(one))
                     for code, one in self.catalog.services.items()},
            default=whole_seconds(serving_standard(None)),
        )  # fmt: skip
