"""The report periods a head of unit picks with one key: today, this week, month, quarter,
year, the one before or after, or a range typed in. Plain dates (WIB days), no Textual."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lpse_desk.domain.labelled import Labelled
from lpse_desk.domain.textfmt import DAY_NAMES, MONTH_NAMES, format_date_id


class Span(Labelled):
    """What kind of period is shown."""

    DAY = "hari", "Hari ini"
    WEEK = "minggu", "Minggu ini"
    MONTH = "bulan", "Bulan ini"
    QUARTER = "kuartal", "Kuartal ini"
    YEAR = "tahun", "Tahun ini"
    CUSTOM = "rentang", "Rentang pilihan"


SPAN_LABELS: dict[Span, str] = Span.labels()
"""The key's label (footer) for each span, as it reads when it holds today."""


def _unit_start(span: Span, day: date) -> date:
    if span is Span.DAY:
        return day
    if span is Span.WEEK:
        return day - timedelta(days=day.weekday())  # Senin
    if span is Span.MONTH:
        return day.replace(day=1)
    if span is Span.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def _unit_end(span: Span, start: date) -> date:
    if span is Span.DAY:
        return start
    if span is Span.WEEK:
        return start + timedelta(days=6)
    months = {Span.MONTH: 1, Span.QUARTER: 3, Span.YEAR: 12}[span]
    year, month = divmod(start.month - 1 + months, 12)
    return date(start.year + year, month + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    """A report period: ``start``–``end`` (both in) of one ``span``.

    A calendar period that holds today ends today (the days after have no visits yet, and
    the comparison is then with as many days before)."""

    span: Span
    start: date
    end: date

    @classmethod
    def holding(cls, span: Span, day: date, today: date) -> Period:
        """The ``span`` (not CUSTOM) holding ``day``, cut at ``today``."""
        start = _unit_start(span, day)
        return cls(span, start, min(_unit_end(span, start), today))

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        """A range typed in."""
        return cls(Span.CUSTOM, start, end)

    @property
    def days(self) -> int:
        """How many days the period holds."""
        return (self.end - self.start).days + 1

    def previous(self, today: date) -> Period:
        """The period before: the whole unit before, or a range as long ending the day before."""
        if self.span is Span.CUSTOM:
            return Period.custom(self.start - timedelta(days=self.days),
                                 self.start - timedelta(days=1))  # fmt: skip
        return Period.holding(self.span, self.start - timedelta(days=1), today)

    def following(self, today: date) -> Period | None:
        """The period after, or None when it would start after ``today``."""
        if self.span is Span.CUSTOM:
            start = self.end + timedelta(days=1)
            moved = Period.custom(start, self.end + timedelta(days=self.days))
        else:
            start = _unit_end(self.span, self.start) + timedelta(days=1)
            moved = Period.holding(self.span, start, today)
        return moved if start <= today else None

    def name(self, today: date) -> str:
        """``Bulan ini``, ``Mei 2026``, ``Kuartal 1 2026``, ``Minggu 1 Juni 2026``…"""
        if self.span is not Span.CUSTOM and self.start == _unit_start(self.span, today):
            return SPAN_LABELS[self.span]
        if self.span is Span.DAY:  # its date follows in the title: the day's name says more
            return "Kemarin" if self.start == today - timedelta(days=1) else (
                f"Hari {DAY_NAMES[self.start.weekday()]}")  # fmt: skip
        if self.span is Span.WEEK:
            return f"Minggu mulai {format_date_id(self.start)}"
        if self.span is Span.MONTH:
            return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        if self.span is Span.QUARTER:
            return f"Kuartal {(self.start.month - 1) // 3 + 1} {self.start.year}"
        if self.span is Span.YEAR:
            return f"Tahun {self.start.year}"
        return SPAN_LABELS[Span.CUSTOM]

    def dates_text(self) -> str:
        """``1 Juni 2026 – 10 Juni 2026`` (one date for one day)."""
        if self.start == self.end:
            return format_date_id(self.start)
        return f"{format_date_id(self.start)} – {format_date_id(self.end)}"
