"""The working calendar: service-standard deadlines, pauses, the admin's file, and properties."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lpse_desk import paths
from lpse_desk.domain.calendar import (
    CalendarSettings,
    WorkingCalendar,
    _holiday_tables,
    load_calendar_settings,
    missing_cuti_bersama,
    parse_cuti_bersama,
)
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import CalendarError, ValidationError

CLOSED = WorkingCalendar(CalendarSettings(cuti_bersama_closed=True))
OPEN = WorkingCalendar(CalendarSettings(cuti_bersama_closed=False))


def wib(*parts: int) -> datetime:
    """A WIB moment from year, month, day, hour, minute."""
    return datetime(*parts, tzinfo=WIB)


@pytest.fixture
def foreign_machine_zone():
    """Pretend the machine runs in Los Angeles, and put the real zone back afterwards."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


DEADLINES = [
    # verified at, due when cuti bersama close the desk, due when they do not
    (wib(2026, 3, 13, 10, 0), wib(2026, 3, 16, 10, 0), wib(2026, 3, 16, 10, 0)),
    (wib(2026, 5, 13, 14, 30), wib(2026, 5, 18, 14, 30), wib(2026, 5, 15, 14, 30)),
    (wib(2026, 12, 23, 9, 0), wib(2026, 12, 28, 9, 0), wib(2026, 12, 24, 9, 0)),
    # Across the year boundary: 1 Jan 2027 is a Friday holiday.
    (wib(2026, 12, 31, 10, 0), wib(2027, 1, 4, 10, 0), wib(2027, 1, 4, 10, 0)),
    # Idul Fitri 2026: cuti bersama 20, 23, 24 Mar around the holiday weekend, Nyepi on 19.
    (wib(2026, 3, 17, 11, 0), wib(2026, 3, 25, 11, 0), wib(2026, 3, 18, 11, 0)),
]


@pytest.mark.parametrize(("verified", "due_closed", "due_open"), DEADLINES)
def test_due_at_follows_the_service_standard(verified, due_closed, due_open):
    assert CLOSED.due_at(verified) == due_closed
    assert OPEN.due_at(verified) == due_open
    assert CLOSED.due_at(verified).tzinfo is WIB


@pytest.mark.parametrize(("verified", "due_closed", "due_open"), DEADLINES)
def test_machine_zone_does_not_change_deadlines(
    foreign_machine_zone, verified, due_closed, due_open
):
    assert time.localtime().tm_gmtoff != 7 * 3600
    assert CLOSED.due_at(verified) == due_closed
    assert OPEN.due_at(verified.replace(tzinfo=None)) == due_open
    assert CLOSED.due_at(verified).hour == verified.hour


def test_inputs_in_other_zones_and_naive_inputs_are_wib():
    utc_moment = datetime(2026, 3, 13, 3, 0, tzinfo=UTC)  # 10:00 WIB
    assert CLOSED.due_at(utc_moment) == wib(2026, 3, 16, 10, 0)
    assert CLOSED.due_at(datetime(2026, 3, 13, 10, 0)) == wib(2026, 3, 16, 10, 0)
    # 20:00 UTC Friday is already Saturday 03:00 in WIB: the clock starts Monday 00:00.
    assert CLOSED.due_at(datetime(2026, 3, 13, 20, 0, tzinfo=UTC)) == wib(2026, 3, 17, 0, 0)


def test_a_start_on_a_closed_day_counts_from_midnight_of_the_next_working_day():
    assert CLOSED.due_at(wib(2026, 3, 14, 15, 0)) == wib(2026, 3, 17, 0, 0)
    assert CLOSED.due_at(wib(2026, 12, 25, 9, 0)) == wib(2026, 12, 29, 0, 0)
    assert CLOSED.add_working_time(wib(2026, 3, 14, 15, 0), timedelta(0)) == wib(2026, 3, 16, 0, 0)
    assert CLOSED.add_working_time(wib(2026, 3, 16, 15, 0), timedelta(0)) == wib(2026, 3, 16, 15, 0)


def test_time_that_ends_at_midnight_lands_on_the_next_working_day():
    assert CLOSED.add_working_time(wib(2026, 3, 13, 10, 0), timedelta(hours=14)) == wib(2026, 3, 16)
    assert CLOSED.due_at(wib(2026, 3, 13, 0, 0)) == wib(2026, 3, 16, 0, 0)


def test_long_amounts_and_custom_hours():
    assert CLOSED.due_at(wib(2026, 3, 9, 10, 0), hours=72) == wib(2026, 3, 12, 10, 0)
    assert CLOSED.due_at(wib(2026, 3, 9, 10, 0), hours=0) == wib(2026, 3, 9, 10, 0)
    # Ten working days from 2 Mar 2026 cross the whole Lebaran closure (18–24 Mar).
    assert CLOSED.add_working_time(wib(2026, 3, 2, 8, 0), timedelta(days=10)) == wib(
        2026, 3, 16, 8, 0
    )
    with pytest.raises(ValidationError) as caught:
        CLOSED.due_at(wib(2026, 3, 9, 10, 0), hours=-1)
    assert str(caught.value) == "Batas waktu -1 jam tidak valid; harus 0 atau lebih"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (wib(2026, 3, 13, 10, 0), wib(2026, 3, 16, 10, 0), timedelta(hours=24)),
        (wib(2026, 3, 16, 10, 0), wib(2026, 3, 13, 10, 0), timedelta(0)),
        (wib(2026, 3, 16, 10, 0), wib(2026, 3, 16, 10, 0), timedelta(0)),
        (wib(2026, 3, 14, 10, 0), wib(2026, 3, 15, 22, 0), timedelta(0)),
        (wib(2026, 12, 23, 9, 0), wib(2026, 12, 28, 9, 0), timedelta(hours=24)),
        (wib(2026, 12, 31, 0, 0), wib(2027, 1, 5, 0, 0), timedelta(days=2)),
    ],
)
def test_working_time_between(start, end, expected):
    assert CLOSED.working_time_between(start, end) == expected


def test_pause_and_resume_within_a_week():
    handed_off = wib(2026, 3, 9, 10, 0)  # Monday
    due = CLOSED.due_at(handed_off)
    assert due == wib(2026, 3, 10, 10, 0)
    left = CLOSED.remaining(due, wib(2026, 3, 9, 16, 0))
    assert left == timedelta(hours=18)
    assert CLOSED.resume(wib(2026, 3, 12, 9, 0), left) == wib(2026, 3, 13, 3, 0)


def test_pause_spanning_a_weekend():
    due = CLOSED.due_at(wib(2026, 3, 13, 10, 0))  # Friday → Monday 10:00
    left = CLOSED.remaining(due, wib(2026, 3, 13, 20, 0))
    assert left == timedelta(hours=14)  # 4 h of Friday evening + 10 h of Monday
    assert CLOSED.resume(wib(2026, 3, 16, 8, 0), left) == wib(2026, 3, 16, 22, 0)
    # Paused on Saturday: the weekend holds no working time, so 10 h remain.
    assert CLOSED.remaining(due, wib(2026, 3, 14, 12, 0)) == timedelta(hours=10)
    # Resumed on a Sunday: the clock restarts on Monday at 00:00.
    assert CLOSED.resume(wib(2026, 3, 22, 12, 0), timedelta(hours=10)) == wib(2026, 3, 25, 10, 0)


def test_overdue_remaining_is_negative_and_survives_a_pause():
    due = wib(2026, 3, 16, 10, 0)
    overdue = CLOSED.remaining(due, wib(2026, 3, 16, 12, 0))
    assert overdue == timedelta(hours=-2)
    resumed_due = CLOSED.resume(wib(2026, 3, 17, 9, 0), overdue)
    assert resumed_due == wib(2026, 3, 17, 7, 0)
    assert CLOSED.remaining(resumed_due, wib(2026, 3, 17, 9, 0)) == overdue
    # Backwards over a weekend: 3 h before Monday 01:00 is Friday 22:00.
    assert CLOSED.add_working_time(wib(2026, 3, 16, 1, 0), timedelta(hours=-3)) == wib(
        2026, 3, 13, 22, 0
    )


@pytest.mark.parametrize(
    ("day", "closed", "opened"),
    [
        (date(2026, 3, 16), None, None),
        (date(2026, 3, 14), "Sabtu", "Sabtu"),
        (date(2026, 3, 15), "Minggu", "Minggu"),
        (date(2026, 12, 25), "Hari Raya Natal", "Hari Raya Natal"),
        (date(2026, 12, 24), "Cuti Bersama Hari Raya Natal", None),
        (date(2026, 3, 21), "Hari Raya Idul Fitri", "Hari Raya Idul Fitri"),  # a Saturday
    ],
)
def test_closed_reason(day, closed, opened):
    assert CLOSED.closed_reason(day) == closed
    assert OPEN.closed_reason(day) == opened
    assert CLOSED.is_working_day(day) is (closed is None)


def test_holiday_name_names_cuti_bersama_even_when_the_desk_works():
    assert OPEN.holiday_name(date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    assert OPEN.holiday_name(date(2026, 12, 25)) == "Hari Raya Natal"
    assert OPEN.holiday_name(date(2026, 3, 14)) is None


def test_cuti_bersama_are_the_government_category():
    public, government = _holiday_tables(2026)
    assert government and all(name.startswith("Cuti Bersama") for name in government.values())
    assert not any(name.startswith("Cuti Bersama") for name in public.values())


def test_next_and_previous_working_day():
    assert CLOSED.next_working_day(date(2026, 3, 13)) == date(2026, 3, 16)
    assert CLOSED.next_working_day(date(2026, 3, 16)) == date(2026, 3, 17)
    assert CLOSED.next_working_day(date(2026, 3, 17)) == date(2026, 3, 25)
    assert OPEN.next_working_day(date(2026, 3, 17)) == date(2026, 3, 18)
    assert CLOSED.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)
    assert CLOSED.previous_working_day(date(2027, 1, 4)) == date(2026, 12, 31)


def write_calendar(tmp_path, text: str, *, raw: bytes | None = None):
    """Write a calendar.toml into tmp_path and return its path."""
    path = tmp_path / "calendar.toml"
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return path


def test_admin_extra_closed_and_open_days(tmp_path):
    path = write_calendar(
        tmp_path,
        'cuti_bersama = "kerja"\n'
        "[hari_tutup]\n"
        '2026-03-17 = "Pemadaman listrik MPP"\n'
        "[hari_buka]\n"
        '2026-03-14 = "Layanan akhir pekan"\n'
        '"25/12/2026" = "Piket Natal"\n',
    )
    calendar = WorkingCalendar.from_file(path)
    assert calendar.settings.cuti_bersama_closed is False
    assert calendar.closed_reason(date(2026, 3, 17)) == "Pemadaman listrik MPP"
    assert calendar.is_working_day(date(2026, 3, 14))  # a Saturday
    assert calendar.is_working_day(date(2026, 12, 25))  # a national holiday
    assert calendar.due_at(wib(2026, 3, 13, 10, 0)) == wib(2026, 3, 14, 10, 0)
    assert calendar.due_at(wib(2026, 3, 16, 10, 0)) == wib(2026, 3, 18, 10, 0)
    assert calendar.due_at(wib(2026, 12, 24, 9, 0)) == wib(2026, 12, 25, 9, 0)


def test_explicit_cuti_bersama_overrides_the_file(tmp_path):
    path = write_calendar(tmp_path, 'cuti_bersama = "kerja"\n')
    assert WorkingCalendar.from_file(path).is_working_day(date(2026, 12, 24))
    overridden = WorkingCalendar.from_file(path, cuti_bersama_closed=True)
    assert not overridden.is_working_day(date(2026, 12, 24))


def test_missing_file_gives_the_defaults(tmp_path):
    settings_ = load_calendar_settings(tmp_path / "nothing.toml")
    assert settings_ == CalendarSettings(cuti_bersama_closed=True, extra_closed={}, extra_open={})


def test_the_shipped_calendar_file_is_valid():
    shipped = load_calendar_settings(paths.shipped_data_dir() / "calendar.toml")
    assert shipped.cuti_bersama_closed is True


def test_settings_cannot_be_changed_after_loading():
    settings_ = CalendarSettings(extra_closed={date(2026, 3, 17): "Rapat"})
    with pytest.raises(TypeError):
        settings_.extra_closed[date(2026, 3, 18)] = "Lain"  # type: ignore[index]


BAD_FILES = [
    (
        "[hari_tutup]\n2026-04-10 = Rapat dinas\n",
        "{path}, baris 2 kolom 14: nilai tidak valid (teks harus di antara tanda kutip, "
        'misalnya "Rapat")',
    ),
    (
        '[hari_tutup]\n2026-04-10 = "a"\n2026-04-10 = "b"\n',
        "{path}, baris 3 kolom 17: kunci yang sama ditulis dua kali",
    ),
    (
        '[hari_tutup]\n2026-04-10 = "a"\n2026-04-10 = "b"',
        "{path}, baris 3 (akhir berkas): kunci yang sama ditulis dua kali",
    ),
    (
        'libur = "2026-04-10"\n',
        '{path}: kunci "libur" tidak dikenal; yang boleh: cuti_bersama, hari_tutup, hari_buka, cuti_bersama_tambahan',
    ),
    (
        '[hari_tutup]\n2026-02-30 = "Rapat"\n',
        '{path}: [hari_tutup] Tanggal "2026-02-30" tidak valid: tanggal 30 tidak ada di bulan '
        "Februari 2026; gunakan YYYY-MM-DD atau DD/MM/YYYY",
    ),
    (
        '[hari_buka]\nbesok = "Rapat"\n',
        '{path}: [hari_buka] Tanggal "besok" tidak dikenali; gunakan YYYY-MM-DD atau DD/MM/YYYY',
    ),
    (
        '[hari_tutup]\n2026-04-10 = "Rapat"\n[hari_buka]\n2026-04-10 = "Piket"\n',
        "{path}: tanggal 2026-04-10 ada di [hari_tutup] dan di [hari_buka]; hapus salah satunya",
    ),
    (
        '[hari_tutup]\n2026-04-10 = "Rapat"\n"10/04/2026" = "Rapat lagi"\n',
        "{path}: [hari_tutup] tanggal 2026-04-10 ditulis dua kali",
    ),
    (
        'cuti_bersama = "cuti"\n',
        '{path}: cuti_bersama = "cuti" tidak dikenal; isi "libur" atau "kerja"',
    ),
    (
        "cuti_bersama = true\n",
        '{path}: cuti_bersama = True tidak dikenal; isi "libur" atau "kerja"',
    ),
    (
        "[hari_tutup]\n2026-04-10 = 5\n",
        '{path}: [hari_tutup] "2026-04-10": alasan harus teks dalam tanda kutip, '
        'misalnya 2026-04-10 = "Rapat dinas"',
    ),
    (
        '[hari_tutup]\n2026-04-10 = "  "\n',
        '{path}: [hari_tutup] "2026-04-10": alasan tidak boleh kosong',
    ),
    (
        'hari_tutup = "2026-04-10"\n',
        '{path}: hari_tutup harus berupa tabel [hari_tutup] berisi baris tanggal = "alasan"',
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_calendar_files_are_named_precisely(tmp_path, text, message):
    path = write_calendar(tmp_path, text)
    with pytest.raises(CalendarError) as caught:
        load_calendar_settings(path)
    assert str(caught.value) == message.format(path=path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = write_calendar(
        tmp_path, "", raw='[hari_tutup]\n2026-04-10 = "Réunion"\n'.encode("latin-1")
    )
    with pytest.raises(CalendarError) as caught:
        load_calendar_settings(path)
    assert str(caught.value) == f"{path}: berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"


@pytest.mark.parametrize(
    ("value", "expected"), [("libur", True), ("kerja", False), (" Libur ", True), ("KERJA", False)]
)
def test_parse_cuti_bersama(value, expected):
    assert parse_cuti_bersama(value) is expected


@pytest.mark.parametrize("value", ["", "buka", "tutup"])
def test_parse_cuti_bersama_rejects(value):
    with pytest.raises(ValidationError) as caught:
        parse_cuti_bersama(value)
    assert str(caught.value) == "--cuti-bersama harus 'libur' atau 'kerja'"
    assert caught.value.field == "cuti_bersama"


def test_importing_the_calendar_does_not_import_holidays_or_other_layers():
    code = (
        "import sys, lpse_desk.domain.calendar, lpse_desk.domain.textfmt\n"
        "heavy = {'holidays', 'textual', 'sqlmodel', 'reportlab'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda naive: naive.replace(tzinfo=WIB)
)
amounts = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=40))
calendars = st.sampled_from([CLOSED, OPEN])


@settings(deadline=None)  # the first example of a year builds that year's holiday tables
@given(calendars, moments, amounts)
def test_added_working_time_is_measured_back_exactly(calendar, start, amount):
    end = calendar.add_working_time(start, amount)
    assert end >= start or not calendar.is_working_day(start.date())
    assert calendar.working_time_between(start, end) == amount
    assert calendar.is_working_day(end.date()) or end.time() == datetime.min.time()


@settings(deadline=None)
@given(
    calendars,
    moments,
    st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=40)),
)
def test_subtracted_working_time_is_measured_back_exactly(calendar, end, amount):
    start = calendar.add_working_time(end, -amount)
    assert start <= end
    assert calendar.working_time_between(start, end) == amount
    assert calendar.remaining(start, end) == -amount


def test_a_folder_in_place_of_the_file_is_refused(tmp_path):
    with pytest.raises(CalendarError) as caught:
        load_calendar_settings(tmp_path)
    assert str(caught.value) == f"{tmp_path}: ini folder, bukan berkas kalender"


# --- cuti bersama the holidays data lacks ---------------------------------------------------

MONDAY_2028 = date(2028, 1, 3)


def test_an_added_cuti_bersama_follows_the_cuti_bersama_choice():
    """A day in [cuti_bersama_tambahan] closes the desk with "libur" and stays a working
    day with "kerja" (named either way), like the cuti bersama in the data."""
    added = {MONDAY_2028: "Cuti Bersama Tahun Baru (SKB)"}
    closed = WorkingCalendar(CalendarSettings(cuti_bersama_closed=True, extra_cuti=added))
    assert closed.closed_reason(MONDAY_2028) == "Cuti Bersama Tahun Baru (SKB)"
    assert closed.next_working_day(date(2027, 12, 31)) == date(2028, 1, 4)
    open_ = WorkingCalendar(CalendarSettings(cuti_bersama_closed=False, extra_cuti=added))
    assert open_.is_working_day(MONDAY_2028)
    assert open_.holiday_name(MONDAY_2028) == "Cuti Bersama Tahun Baru (SKB)"
    assert open_.cuti_bersama_of(2028) == added


def test_the_added_cuti_bersama_section_is_read_and_may_not_repeat_another(tmp_path):
    path = tmp_path / "calendar.toml"
    path.write_text('cuti_bersama = "kerja"\n[cuti_bersama_tambahan]\n'
                    '2028-01-03 = "Cuti Bersama Tahun Baru"\n', encoding="utf-8")  # fmt: skip
    read = load_calendar_settings(path)
    assert dict(read.extra_cuti) == {MONDAY_2028: "Cuti Bersama Tahun Baru"}
    assert read.cuti_bersama_closed is False
    path.write_text('[hari_buka]\n2028-01-03 = "Buka"\n[cuti_bersama_tambahan]\n'
                    '2028-01-03 = "Cuti"\n', encoding="utf-8")  # fmt: skip
    with pytest.raises(CalendarError, match=r"2028-01-03 ada di \[hari_buka\] dan di "
                                            r"\[cuti_bersama_tambahan\]"):  # fmt: skip
        load_calendar_settings(path)


def test_a_coming_year_without_any_cuti_bersama_is_warned_about():
    """The holidays data holds 2027's cuti bersama but none for 2028 (the SKB comes late)."""
    calendar = WorkingCalendar()
    assert missing_cuti_bersama(calendar, date(2026, 12, 5)) is None
    warning = missing_cuti_bersama(calendar, date(2027, 6, 1))
    assert warning is not None and "Cuti bersama 2028 belum ada" in warning
    assert "[cuti_bersama_tambahan]" in warning
    added = WorkingCalendar(CalendarSettings(extra_cuti={MONDAY_2028: "Cuti Bersama"}))
    assert missing_cuti_bersama(added, date(2027, 6, 1)) is None
