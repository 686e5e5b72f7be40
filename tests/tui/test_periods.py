"""The report periods: what each key holds, and stepping back and forth."""

from __future__ import annotations

from datetime import date

import pytest

from lpse_desk.tui.periods import Period, Span

TODAY = date(2026, 6, 10)  # a Wednesday


@pytest.mark.parametrize(
    ("span", "start", "end", "name"),
    [
        (Span.DAY, date(2026, 6, 10), TODAY, "Hari ini"),
        (Span.WEEK, date(2026, 6, 8), TODAY, "Minggu ini"),
        (Span.MONTH, date(2026, 6, 1), TODAY, "Bulan ini"),
        (Span.QUARTER, date(2026, 4, 1), TODAY, "Kuartal ini"),
        (Span.YEAR, date(2026, 1, 1), TODAY, "Tahun ini"),
    ],
)
def test_each_key_holds_today_up_to_today(span, start, end, name):
    period = Period.holding(span, TODAY, TODAY)
    assert (period.start, period.end, period.name(TODAY)) == (start, end, name)
    assert period.following(TODAY) is None


@pytest.mark.parametrize(
    ("span", "start", "end", "name"),
    [
        (Span.DAY, date(2026, 6, 9), date(2026, 6, 9), "Kemarin"),
        (Span.WEEK, date(2026, 6, 1), date(2026, 6, 7), "Minggu mulai 1 Juni 2026"),
        (Span.MONTH, date(2026, 5, 1), date(2026, 5, 31), "Mei 2026"),
        (Span.QUARTER, date(2026, 1, 1), date(2026, 3, 31), "Kuartal 1 2026"),
        (Span.YEAR, date(2025, 1, 1), date(2025, 12, 31), "Tahun 2025"),
    ],
)
def test_the_period_before_is_whole_and_the_one_after_comes_back(span, start, end, name):
    now = Period.holding(span, TODAY, TODAY)
    before = now.previous(TODAY)
    assert (before.start, before.end, before.name(TODAY)) == (start, end, name)
    assert before.following(TODAY) == now


def test_a_range_steps_by_its_length_and_not_past_today():
    typed = Period.custom(date(2026, 6, 1), date(2026, 6, 5))
    assert typed.previous(TODAY) == Period.custom(date(2026, 5, 27), date(2026, 5, 31))
    assert typed.following(TODAY) == Period.custom(date(2026, 6, 6), date(2026, 6, 10))
    assert Period.custom(date(2026, 6, 6), TODAY).following(TODAY) is None
    assert typed.dates_text() == "1 Juni 2026 – 5 Juni 2026"


def test_december_and_the_last_quarter_end_with_the_year():
    december = Period.holding(Span.MONTH, date(2025, 12, 15), TODAY)
    assert december.end == date(2025, 12, 31)
    assert Period.holding(Span.QUARTER, date(2025, 11, 2), TODAY).end == date(2025, 12, 31)


def test_an_earlier_day_is_named_by_its_weekday_beside_its_date():
    sunday = Period.holding(Span.DAY, date(2026, 6, 7), TODAY)
    assert (sunday.name(TODAY), sunday.dates_text()) == ("Hari Minggu", "7 Juni 2026")
