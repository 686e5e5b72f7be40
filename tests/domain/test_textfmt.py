"""Indonesian formatting and parsing: tables of expected text, and hypothesis for robustness."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.textfmt import (
    DAY_NAMES,
    MONTH_NAMES,
    format_date_id,
    format_deadline_id,
    format_deadline_wib,
    format_decimal_id,
    format_duration_id,
    format_elapsed_id,
    format_long_id,
    format_wib,
    parse_date,
    parse_wib,
)

HINT = "gunakan format YYYY-MM-DD HH:MM"


def test_names():
    assert DAY_NAMES == ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
    assert len(MONTH_NAMES) == 12
    assert (MONTH_NAMES[0], MONTH_NAMES[2], MONTH_NAMES[11]) == ("Januari", "Maret", "Desember")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 16, 10, 0, tzinfo=WIB), "2026-03-16 10:00 WIB"),
        (datetime(2026, 3, 16, 10, 0), "2026-03-16 10:00 WIB"),
        (datetime(2026, 12, 31, 17, 5, 59, tzinfo=UTC), "2027-01-01 00:05 WIB"),
    ],
)
def test_format_wib(moment, expected):
    assert format_wib(moment) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 16, 10, 0, tzinfo=WIB), "Senin, 16 Maret 2026 pukul 10.00 WIB"),
        (datetime(2026, 1, 1, 8, 5), "Kamis, 1 Januari 2026 pukul 08.05 WIB"),
        (datetime(2026, 5, 15, 7, 30, tzinfo=UTC), "Jumat, 15 Mei 2026 pukul 14.30 WIB"),
        (datetime(2026, 3, 22, 23, 59), "Minggu, 22 Maret 2026 pukul 23.59 WIB"),
    ],
)
def test_format_long_id(moment, expected):
    assert format_long_id(moment) == expected


def test_a_deadline_at_midnight_is_the_end_of_the_day_before():
    """Verified on a Saturday, the 24 working hours run through Monday: the deadline is
    "Senin pukul 24.00", never "Selasa pukul 00.00"; any other time reads as itself."""
    midnight = datetime(2026, 7, 14, 0, 0, tzinfo=WIB)
    assert format_deadline_id(midnight) == "Senin, 13 Juli 2026 pukul 24.00 WIB"
    assert format_deadline_wib(midnight) == "2026-07-13 24:00 WIB"
    new_year = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)  # 1 January 2027, 00.00 WIB
    assert format_deadline_id(new_year) == "Kamis, 31 Desember 2026 pukul 24.00 WIB"
    later = datetime(2026, 7, 14, 0, 1, tzinfo=WIB)
    assert format_deadline_id(later) == format_long_id(later)
    assert format_deadline_wib(later) == format_wib(later)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 16), "16 Maret 2026"),
        (date(2026, 8, 1), "1 Agustus 2026"),
        (datetime(2026, 3, 15, 18, 0, tzinfo=UTC), "16 Maret 2026"),
    ],
)
def test_format_date_id(day, expected):
    assert format_date_id(day) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("83.61"), 2, "83,61"),
        (1234.5, 2, "1.234,50"),
        (0.125, 2, "0,13"),
        (2.675, 2, "2,68"),
        (Decimal("82.775"), 2, "82,78"),
        (Decimal("-1234.565"), 2, "-1.234,57"),
        (1234567, 0, "1.234.567"),
        (1234567, 2, "1.234.567,00"),
        (Decimal("-0.001"), 2, "0,00"),
        (0, 2, "0,00"),
        (Decimal("3.5324"), 4, "3,5324"),
        ("83.605", 2, "83,61"),
        (Decimal("1E+3"), 1, "1.000,0"),
    ],
)
def test_format_decimal_id(value, places, expected):
    assert format_decimal_id(value, places) == expected


@pytest.mark.parametrize(
    ("value", "places", "message"),
    [
        ("abc", 2, 'Angka "abc" tidak valid'),
        ("1,5", 2, 'Angka "1,5" tidak valid'),
        (float("nan"), 2, 'Angka "nan" tidak valid: bukan bilangan hingga'),
        (float("inf"), 2, 'Angka "inf" tidak valid: bukan bilangan hingga'),
        ("1e999999999", 2, 'Angka "1e999999999" terlalu besar'),
        (1, -1, "Jumlah desimal -1 tidak valid; gunakan 0 sampai 20"),
        (True, 2, "Angka tidak dapat diformat: nilainya bertipe bool"),
    ],
)
def test_format_decimal_id_rejects(value, places, message):
    with pytest.raises(ValidationError) as caught:
        format_decimal_id(value, places)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(hours=2, minutes=5), "2 jam 5 menit"),
        (timedelta(days=1, hours=3), "1 hari 3 jam"),
        (timedelta(hours=27), "1 hari 3 jam"),
        (timedelta(minutes=45), "45 menit"),
        (timedelta(0), "0 menit"),
        (timedelta(seconds=59), "0 menit"),
        (timedelta(days=2, minutes=1), "2 hari 1 menit"),
        (timedelta(minutes=45, seconds=59), "45 menit"),
        (timedelta(hours=-2), "lewat 2 jam"),
        (-timedelta(days=1, hours=3, minutes=30, seconds=10), "lewat 1 hari 3 jam 30 menit"),
        (timedelta(seconds=-30), "0 menit"),
    ],
)
def test_format_duration_id(delta, expected):
    assert format_duration_id(delta) == expected


def test_an_elapsed_time_is_never_overdue():
    assert format_elapsed_id(timedelta(minutes=45)) == "45 menit"
    assert format_elapsed_id(timedelta(hours=-2)) == "0 menit"  # began "after" this desk's now
    assert format_duration_id(timedelta(hours=-2)) == "lewat 2 jam"  # a deadline still is


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-16 10:00",
        "2026-03-16T10:00",
        "16/03/2026 10:00",
        "  2026-3-16   10.00 ",
        "16/3/2026 10.00",
        "2026-03-16 10:00 WIB",
    ],
)
def test_parse_wib_accepts(text):
    parsed = parse_wib(text)
    assert parsed == datetime(2026, 3, 16, 10, 0, tzinfo=WIB)
    assert parsed.tzinfo is WIB


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13-01 10:00", f'Waktu "2026-13-01 10:00" tidak valid: bulan 13 tidak ada; {HINT}'),
        (
            "2026-02-29 10:00",
            f'Waktu "2026-02-29 10:00" tidak valid: tanggal 29 tidak ada di bulan Februari 2026; '
            f"{HINT}",
        ),
        (
            "31/04/2026 10:00",
            f'Waktu "31/04/2026 10:00" tidak valid: tanggal 31 tidak ada di bulan April 2026; '
            f"{HINT}",
        ),
        ("2026-03-16 24:00", f'Waktu "2026-03-16 24:00" tidak valid: jam 24 tidak ada; {HINT}'),
        ("2026-03-16 10:60", f'Waktu "2026-03-16 10:60" tidak valid: menit 60 tidak ada; {HINT}'),
        (
            "1800-03-16 10:00",
            f'Waktu "1800-03-16 10:00" tidak valid: tahun 1800 di luar rentang 1900–2999; {HINT}',
        ),
        ("", f"Waktu belum diisi; {HINT}"),
        ("   ", f"Waktu belum diisi; {HINT}"),
        ("besok", f'Waktu "besok" tidak dikenali; {HINT} (contoh 2026-03-16 10:00)'),
        ("2026-03-16", f'Waktu "2026-03-16" tidak dikenali; {HINT} (contoh 2026-03-16 10:00)'),
    ],
)
def test_parse_wib_rejects(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_wib(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["2026-03-16", "16/03/2026", " 2026-3-16 ", "16/3/2026"])
def test_parse_date_accepts(text):
    assert parse_date(text) == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2026-02-30",
            'Tanggal "2026-02-30" tidak valid: tanggal 30 tidak ada di bulan Februari 2026; '
            "gunakan YYYY-MM-DD atau DD/MM/YYYY",
        ),
        (
            "2026-00-10",
            'Tanggal "2026-00-10" tidak valid: bulan 0 tidak ada; gunakan YYYY-MM-DD atau DD/MM/YYYY',
        ),
        ("", "Tanggal belum diisi; gunakan YYYY-MM-DD atau DD/MM/YYYY"),
        (
            "16-03-2026",
            'Tanggal "16-03-2026" tidak dikenali; gunakan YYYY-MM-DD atau DD/MM/YYYY',
        ),
    ],
)
def test_parse_date_rejects(text, message):
    with pytest.raises(ValidationError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_long_input_is_cut_short_in_the_message():
    with pytest.raises(ValidationError) as caught:
        parse_date("x" * 500)
    assert len(str(caught.value)) < 120


_near_dates = st.from_regex(
    r"\A\s?\d{1,5}[-/]\d{1,3}[-/]\d{1,5}([ T]\d{1,3}[:.]\d{1,3})?( WIB)?\s?\Z"
)


@given(st.one_of(st.text(), _near_dates))
def test_parsers_raise_only_validation_error(text):
    for parse in (parse_wib, parse_date):
        with contextlib.suppress(ValidationError):
            parse(text)


@given(st.one_of(st.text(), st.from_regex(r"\A-?\d{0,30}(\.\d{0,30})?([eE][-+]?\d{1,12})?\Z")))
def test_formatters_raise_only_validation_error_on_text(text):
    for format_text in (format_wib, format_long_id, format_date_id, format_duration_id):
        with pytest.raises(ValidationError):
            format_text(text)
    with contextlib.suppress(ValidationError):
        format_decimal_id(text)


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2999, 12, 30)))
def test_format_wib_reads_back(moment):
    moment = moment.replace(second=0, microsecond=0, tzinfo=WIB)
    assert parse_wib(format_wib(moment)) == moment


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    )
)
def test_format_decimal_id_round_trips_two_places(value):
    text = format_decimal_id(value)
    assert Decimal(text.replace(".", "").replace(",", ".")) == value
