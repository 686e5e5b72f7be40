"""The WIB clock: conversions, the fixed clock, and independence from the machine's zone."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from lpse_desk.domain.clock import WIB, Clock, FixedClock, SystemClock, to_wib, today_wib


@pytest.fixture
def foreign_machine_zone():
    """Pretend the machine runs in New York, and put the real zone back afterwards."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def test_wib_is_jakarta_at_plus_seven():
    assert WIB.key == "Asia/Jakarta"
    assert datetime(2026, 3, 16, tzinfo=WIB).utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 16, 10, 0), datetime(2026, 3, 16, 10, 0, tzinfo=WIB)),
        (datetime(2026, 3, 16, 3, 0, tzinfo=UTC), datetime(2026, 3, 16, 10, 0, tzinfo=WIB)),
        (datetime(2026, 12, 31, 20, 0, tzinfo=UTC), datetime(2027, 1, 1, 3, 0, tzinfo=WIB)),
        (
            datetime(2026, 3, 16, 11, 0, tzinfo=timezone(timedelta(hours=8))),
            datetime(2026, 3, 16, 10, 0, tzinfo=WIB),
        ),
    ],
    ids=["naive-is-wib", "utc", "utc-new-year-eve", "wita"],
)
def test_to_wib(moment, expected):
    converted = to_wib(moment)
    assert converted == expected
    assert converted.tzinfo is WIB
    assert (converted.hour, converted.day) == (expected.hour, expected.day)


def test_fixed_clock_takes_naive_as_wib_and_moves_only_when_told():
    clock = FixedClock(datetime(2026, 3, 16, 10, 0))
    assert clock.now() == datetime(2026, 3, 16, 10, 0, tzinfo=WIB)
    assert clock.now() == clock.now()
    clock.advance(timedelta(hours=15))
    assert clock.now() == datetime(2026, 3, 17, 1, 0, tzinfo=WIB)
    clock.set(datetime(2026, 1, 1, 0, 0, tzinfo=UTC))
    assert clock.now().tzinfo is WIB
    assert clock.now().hour == 7


def test_both_clocks_satisfy_the_protocol():
    assert isinstance(SystemClock(), Clock)
    assert isinstance(FixedClock(datetime(2026, 3, 16)), Clock)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 15, 20, 0, tzinfo=UTC), date(2026, 3, 16)),
        (datetime(2026, 3, 15, 16, 59, tzinfo=UTC), date(2026, 3, 15)),
        (datetime(2026, 3, 16, 0, 0), date(2026, 3, 16)),
    ],
)
def test_today_wib(moment, expected):
    assert today_wib(FixedClock(moment)) == expected


def test_system_clock_is_wib_whatever_the_machine_zone(foreign_machine_zone):
    assert time.localtime().tm_gmtoff != 7 * 3600
    now = SystemClock().now()
    assert now.tzinfo is WIB
    assert now.utcoffset() == timedelta(hours=7)
    assert abs(now.timestamp() - time.time()) < 5
    assert today_wib(SystemClock()) == datetime.now(UTC).astimezone(WIB).date()


def test_to_wib_ignores_the_machine_zone(foreign_machine_zone):
    assert to_wib(datetime(2026, 3, 16, 10, 0)).hour == 10
    assert to_wib(datetime(2026, 3, 16, 3, 0, tzinfo=UTC)).hour == 10
