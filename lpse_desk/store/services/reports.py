"""``ReportDesk``: the head of unit's counter and case reports (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.counter import serving_standard
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.reports.cases import CaseReport, case_report
from lpse_desk.domain.reports.comparison import previous_period
from lpse_desk.domain.reports.counter import (
    WORST,
    CounterReport,
    report_of,
    whole_seconds,
)
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.store.db import read_session
from lpse_desk.store.queries import casereport, reports
from lpse_desk.store.services.base import Service

DEFAULT_CASE_STANDARD = timedelta(hours=24)
"""A handed-off service without a completion standard in the catalog: 1x24 jam kerja."""
LONGEST_DAYS = 366 * 5
"""The longest period one report reads (five years)."""


@dataclass(frozen=True)
class CounterComparison:
    """A period's counter report beside the period it is compared with (``previous_period``)."""

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
        span: str | None = None,
    ) -> CounterComparison:
        """The counter report of ``start``–``end`` (WIB days) and of the period it is compared
        with (``previous_period``; ``span``: the kind of period asked, when a screen knows)."""
        end, service_code = self._checked(start, end, service_code)
        chosen = reports.VisitFilter(start, end, service_code, loket, officer_id)
        before_start, before_end = previous_period(
            start, end, span=span, previous_working_day=self.calendar.previous_working_day
        )
        earlier = replace(chosen, start=before_start, end=before_end)
        with read_session(self.engine) as session:
            now = self._report(session, chosen)
            before = self._report(session, earlier)
        return CounterComparison(now=now, before=before)

    def cases(
        self,
        *,
        start: date,
        end: date,
        service_code: str | None = None,
        officer_id: int | None = None,
    ) -> CaseReport:
        """The case report of ``start``–``end`` (WIB days) and the cases open now."""
        end, service_code = self._checked(start, end, service_code)
        standards = {code: timedelta(hours=one.completion_hours)
                     for code, one in self.catalog.services.items() if one.completion_hours}  # fmt: skip
        now = self.clock.now()
        chosen = casereport.CaseFilter(start, end, service_code, officer_id)
        with read_session(self.engine) as session:
            inputs = casereport.case_inputs(
                session=session, chosen=chosen, standards=standards,
                default_standard=DEFAULT_CASE_STANDARD, calendar=self.calendar, now=now,
            )  # fmt: skip
        return case_report(start=start, end=end, as_of=now, handed_off=inputs.handed_off,
                           decisions=inputs.decisions, returns=inputs.returns,
                           open_cases=inputs.open_cases)  # fmt: skip

    def _checked(
        self, start: date, end: date, service_code: str | None
    ) -> tuple[date, str | None]:
        """The period's end, up to today (the month asked on the 18th is its first 18 days,
        compared with as many), and the service's code as the catalog spells it; a period
        backwards, over five years or starting after today is refused."""
        if end < start:
            raise ValidationError("Tanggal akhir sebelum tanggal awal", field="periode")
        if (end - start).days >= LONGEST_DAYS:
            raise ValidationError("Periode laporan paling panjang lima tahun", field="periode")
        today = today_wib(self.clock)
        if start > today:
            raise ValidationError(
                f"Periode dimulai sesudah hari ini ({format_date_id(today)}): belum ada yang "
                "dilaporkan", field="periode",
            )  # fmt: skip
        end = min(end, today)  # days to come would read as a fall against the period before
        if service_code is not None:
            service_code = self.catalog.service(service_code).code  # NotFound in Indonesian
        return end, service_code

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
