"""The period a report is compared with (``pembanding`` in ``definitions``): a calendar
month, quarter or year with the one before, a week with the week before, a day with the working
day before, any other period with the one of the same length before it."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta


def _months_later(day: date, months: int) -> date:
    """``day`` so many calendar months later (earlier when negative), its day of the month
    kept where the month has it, else the month's last day (31 March − 1 = 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _calendar_months(start: date, end: date) -> int | None:
    """1, 3 or 12 when ``start``–``end`` is a month, a quarter or a year, whole or so far
    (it starts on the span's first day and ends inside it); None for any other period."""
    if start.day != 1:
        return None
    for months, first_months in ((1, range(1, 13)), (3, (1, 4, 7, 10)), (12, (1,))):
        if start.month in first_months and end < _months_later(start, months):
            return months
    return None


SPAN_MONTHS = {"bulan": 1, "kuartal": 3, "tahun": 12}
"""A calendar span the screen names (its period keys b, k, t) → its length in months."""


def previous_period(
    start: date,
    end: date,
    *,
    span: str | None = None,
    previous_working_day: Callable[[date], date] | None = None,
) -> tuple[date, date]:
    """The period a report is compared with, as a head of unit reads a comparison:

    - a month, quarter or year with the one before it, whole with whole (May with April)
      and so far with the same stretch (1–10 June with 1–10 May; a day the shorter month
      lacks is its last: 1–30 March with 1–28 February);
    - a week so far (from a Monday) with the same days of the week before (a month's first
      days too, when the month began on a Monday);
    - one day with the working day before it (``previous_working_day``; else the day before);
    - any other period with the one of the same length that ends the day before it.

    ``span`` is the kind of period the screen asked for ("hari", "minggu", "bulan",
    "kuartal", "tahun"): it decides where the dates alone could not (1 January–15 March is
    the year so far as much as the quarter; "this week" on a Monday is one day). Without it
    (a range typed on the command line) the kind is read from the dates.
    """
    if span == "minggu":
        return start - timedelta(days=7), end - timedelta(days=7)
    months = SPAN_MONTHS.get(span or "")
    if months is None and (span == "hari" or start == end):
        if previous_working_day is not None:
            day = previous_working_day(start)
            return day, day
        return start - timedelta(days=1), start - timedelta(days=1)
    if months is None and start.weekday() == 0 and (end - start).days < 7:
        return start - timedelta(days=7), end - timedelta(days=7)  # before the month: 1 June
    if months is None:
        months = _calendar_months(start, end)
    if months is not None:
        before = _months_later(start, -months)
        if end + timedelta(days=1) == _months_later(start, months):  # the whole span
            return before, start - timedelta(days=1)
        return before, _months_later(end, -months)
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)
