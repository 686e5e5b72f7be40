"""The MPP booking list: every rule per cell, every bad line reported, the file faults passed on."""

from __future__ import annotations

import codecs
from datetime import date, datetime

import pytest

from lpse_desk.catalog import load_catalog
from lpse_desk.domain.bookings import (
    BookingDraft,
    BookingFile,
    normalize_booking_code,
    parse_bookings,
    parse_slot_time,
)
from lpse_desk.domain.calendar import CalendarSettings, WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.csvfile import CsvError, LineProblem, format_problems
from lpse_desk.domain.errors import ValidationError
from lpse_desk.paths import shipped_data_dir

TODAY = date(2026, 6, 10)
"""A Wednesday; Saturday 13 June and Monday 17 August (Hari Kemerdekaan) are closed days."""

HEADER = "kode_booking;nama;no_hp;layanan;tanggal;jam"
GOOD = "MPP-260610-0001;Budi Santoso;0812-3456-7890;REG;2026-06-10;09:30"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped catalog, in which LAT is closed."""
    return load_catalog(shipped_data_dir() / "catalog.toml")


def parse(catalog: Catalog, *lines: str, header: str = HEADER, **kwargs) -> BookingFile:
    text = "\n".join((header, *lines)) + "\n"
    return parse_bookings(text.encode(), catalog=catalog, today=TODAY, **kwargs)


def cell(catalog: Catalog, column: str, value: str) -> BookingFile:
    """A file of one otherwise good row with ``column`` set to ``value``."""
    values = dict(zip(HEADER.split(";"), GOOD.split(";"), strict=True))
    values[column] = value
    return parse(catalog, ";".join(values.values()))


def problem_of(result: BookingFile) -> LineProblem:
    assert result.drafts == ()
    assert len(result.problems) == 1
    return result.problems[0]


# --- booking codes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MPP-240610-0012", "MPP-240610-0012"),
        ("  mpp-240610-0012 ", "MPP-240610-0012"),
        ("12345", "12345"),
        ("B2X9Q", "B2X9Q"),
        ("A" * 19 + "1", "A" * 19 + "1"),
    ],
)
def test_normalize_booking_code(text: str, expected: str) -> None:
    assert normalize_booking_code(text) == expected


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("A1", "terlalu pendek (2 karakter)"),
        ("A" * 20 + "1", "terlalu panjang (21 karakter)"),
        ("-MPP-0012", "diawali tanda '-'"),
        ("MPP-BOOKING", "tidak memuat angka"),
        ("MPP 240610", "berisi karakter spasi"),
        ("MPP_240610", "berisi karakter '_'"),
        ("MPP-2406É0", "berisi karakter 'É'"),
    ],
)
def test_booking_code_faults_show_the_text_and_the_shape(text: str, fault: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_booking_code(text)
    message = str(caught.value)
    assert message.startswith(f'Kode booking "{text}" tidak valid: {fault}; ')
    assert "contoh MPP-240610-0012" in message
    assert caught.value.field == "kode_booking"


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_booking_code(text: str) -> None:
    with pytest.raises(ValidationError, match="Kode booking belum diisi; contoh MPP-240610-0012"):
        normalize_booking_code(text)


# --- a good file ----------------------------------------------------------------------------


def test_excel_export_becomes_drafts(catalog: Catalog) -> None:
    text = (
        "Kode_Booking;Nama;No_HP;Layanan;Tanggal;Jam\r\n"
        "mpp-260610-0001;Budi Santoso, S.E.;+62 812-3456-7890;reg;10/06/2026;09.30\r\n"
        ";;;;;\r\n"
        "MPP-260611-0002;Siti Aminah;;UBAH;2026-06-11;13:05\r\n"
    )
    result = parse_bookings(codecs.BOM_UTF8 + text.encode(), catalog=catalog, today=TODAY)
    assert result.ok
    assert result.problems == ()
    assert result.warnings == ()
    assert result.drafts == (
        BookingDraft(
            line=2,
            code="MPP-260610-0001",
            name="Budi Santoso, S.E.",
            phone="081234567890",
            service_code="REG",
            slot_at=datetime(2026, 6, 10, 9, 30, tzinfo=WIB),
        ),
        BookingDraft(
            line=4,
            code="MPP-260611-0002",
            name="Siti Aminah",
            phone=None,
            service_code="UBAH",
            slot_at=datetime(2026, 6, 11, 13, 5, tzinfo=WIB),
        ),
    )
    assert result.drafts[0].slot_at.utcoffset().total_seconds() == 7 * 3600


def test_comma_file_without_the_phone_column(catalog: Catalog) -> None:
    result = parse(
        catalog,
        "A-00001,Budi,KONS,2026-06-12,08:00",
        header=HEADER.replace(";no_hp", "").replace(";", ","),
    )
    assert result.ok
    assert result.drafts[0].phone is None
    assert result.drafts[0].service_code == "KONS"


# --- every bad line, with its line and column -----------------------------------------------


def test_every_problem_of_the_file_is_reported_with_true_line_numbers(catalog: Catalog) -> None:
    result = parse(
        catalog,
        GOOD,  # line 2
        "",
        "MPP-260610-0002;;0812-3456-7891;XYZ;2026-06-10;9:00",  # line 4
        "MPP-260610-0003;Ani;0812-3456-7892;KONS;2026-06-09;25:00",  # line 5
        "",
        "",
        "MPP-260610-0004;Dewi;0812",  # line 8
        "bad code;Eko;;UID;31/02/2026;10:00",  # line 9
        "MPP-260610-0005;Fajar;;LAT;2026-06-11;10:00",  # line 10
    )
    assert [(problem.line, problem.column) for problem in result.problems] == [
        (4, "nama"),
        (4, "layanan"),
        (5, "tanggal"),
        (5, "jam"),
        (8, None),
        (9, "kode_booking"),
        (9, "tanggal"),
        (10, "layanan"),
    ]
    assert [draft.line for draft in result.drafts] == [2]
    assert not result.ok
    report = format_problems(result.problems, "bookings.csv")
    assert report[0] == "bookings.csv baris 4, kolom nama: Nama belum diisi"
    assert report[1] == (
        "bookings.csv baris 4, kolom layanan: Layanan 'XYZ' tidak dikenal; "
        "pilih salah satu: REG, UBAH, UID, KONS, LAT"
    )
    assert report[4] == "bookings.csv baris 8: Jumlah kolom 3, seharusnya 6 sesuai baris judul"


def test_same_code_twice_names_the_first_line(catalog: Catalog) -> None:
    result = parse(
        catalog,
        GOOD,
        "MPP-260610-0002;Siti;;UID;2026-06-10;10:00",
        "mpp-260610-0001;Ani;;UID;2026-06-11;10:00",
    )
    assert [draft.line for draft in result.drafts] == [2, 3]
    assert result.problems == (
        LineProblem(
            4,
            "kode_booking",
            "Kode booking MPP-260610-0001 sudah dipakai di baris 2; "
            "setiap booking harus berkode unik",
        ),
    )


@pytest.mark.parametrize(
    "again",
    [
        GOOD,
        GOOD.replace("MPP", "mpp").replace("REG", "reg"),
        GOOD.replace(";Budi Santoso;", "; budi santoso ;"),
    ],
)
def test_identical_row_is_a_duplicate_line(catalog: Catalog, again: str) -> None:
    result = parse(catalog, GOOD, "", again)
    assert [draft.line for draft in result.drafts] == [2]
    assert result.problems == (
        LineProblem(4, None, "Baris duplikat, isinya sama dengan baris 2; hapus salah satunya"),
    )


# --- one cell at a time ---------------------------------------------------------------------


def test_name_rules(catalog: Catalog) -> None:
    assert cell(catalog, "nama", "N" * 200).drafts[0].name == "N" * 200
    too_long = problem_of(cell(catalog, "nama", "N" * 201))
    assert too_long == LineProblem(2, "nama", "Nama terlalu panjang: 201 karakter (maksimum 200)")
    assert problem_of(cell(catalog, "nama", "   ")).message == "Nama belum diisi"


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("081234567890", "081234567890"),
        ("0812-3456-7890", "081234567890"),
        ("+62 812 3456 7890", "081234567890"),
        ("6281234567890", "081234567890"),
        ("", None),
    ],
)
def test_phone_formats(catalog: Catalog, typed: str, national: str | None) -> None:
    result = cell(catalog, "no_hp", typed)
    assert result.problems == ()
    assert result.drafts[0].phone == national


@pytest.mark.parametrize(
    ("typed", "part"),
    [
        ("81234567890", "maksudnya 081234567890?"),
        ("0812", "Nomor telepon harus 9–13 digit"),
        ("+1 202 555 0101", "Nomor luar negeri"),
        ("0812-abc", "berisi karakter selain angka"),
        ("8,12346E+11", "diubah Excel menjadi angka ilmiah"),
    ],
)
def test_bad_phone_is_a_problem(catalog: Catalog, typed: str, part: str) -> None:
    problem = problem_of(cell(catalog, "no_hp", typed))
    assert (problem.line, problem.column) == (2, "no_hp")
    assert part in problem.message


def test_landline_is_accepted_with_a_warning(catalog: Catalog) -> None:
    result = cell(catalog, "no_hp", "(0251) 8312345")
    assert result.drafts[0].phone == "02518312345"
    assert result.warnings == (
        "Baris 2, kolom no_hp: Bukan nomor seluler (08…); "
        "notifikasi WhatsApp/SMS mungkin tidak sampai",
    )


@pytest.mark.parametrize(("typed", "code"), [("reg", "REG"), (" Uid ", "UID"), ("KONS", "KONS")])
def test_service_codes_ignore_case(catalog: Catalog, typed: str, code: str) -> None:
    assert cell(catalog, "layanan", typed).drafts[0].service_code == code


def test_closed_service_shows_the_catalog_message(catalog: Catalog) -> None:
    problem = problem_of(cell(catalog, "layanan", "lat"))
    assert problem.column == "layanan"
    assert problem.message == f"Layanan LAT ditutup: {catalog.service('LAT').closed_message}"
    assert "eproc LKPP" in problem.message


def test_empty_service_lists_the_codes(catalog: Catalog) -> None:
    problem = problem_of(cell(catalog, "layanan", ""))
    assert problem.message == "Layanan belum diisi; isi salah satu kode: REG, UBAH, UID, KONS, LAT"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-06-10", date(2026, 6, 10)),
        ("10/06/2026", date(2026, 6, 10)),
        ("1/7/2026", date(2026, 7, 1)),
        ("2027-01-04", date(2027, 1, 4)),
    ],
)
def test_dates_today_or_later(catalog: Catalog, typed: str, day: date) -> None:
    assert cell(catalog, "tanggal", typed).drafts[0].slot_at.date() == day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "09/06/2026",
            "Tanggal 9 Juni 2026 sudah lewat (hari ini 10 Juni 2026); "
            "booking untuk hari yang sudah lewat tidak dapat diimpor",
        ),
        (
            "2026-06-31",
            'Tanggal "2026-06-31" tidak valid: tanggal 31 tidak ada di bulan Juni 2026; '
            "gunakan YYYY-MM-DD atau DD/MM/YYYY",
        ),
        (
            "10-06-2026",
            'Tanggal "10-06-2026" tidak dikenali; '
            "gunakan YYYY-MM-DD atau DD/MM/YYYY",
        ),
        ("", "Tanggal belum diisi; gunakan YYYY-MM-DD atau DD/MM/YYYY"),
    ],
)
def test_bad_or_past_dates(catalog: Catalog, typed: str, message: str) -> None:
    assert problem_of(cell(catalog, "tanggal", typed)) == LineProblem(2, "tanggal", message)


@pytest.mark.parametrize(
    ("typed", "hour", "minute"),
    [("09:30", 9, 30), ("9.05", 9, 5), ("00:00", 0, 0), ("23:59", 23, 59), ("13:00:00", 13, 0)],
)
def test_slot_times(catalog: Catalog, typed: str, hour: int, minute: int) -> None:
    slot_at = cell(catalog, "jam", typed).drafts[0].slot_at
    assert (slot_at.hour, slot_at.minute) == (hour, minute)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("24:00", 'Jam "24:00" tidak valid: jam 24 tidak ada; '),
        ("10:60", 'Jam "10:60" tidak valid: menit 60 tidak ada; '),
        ("10:30:15", 'Jam "10:30:15" tidak valid: slot booking tidak memakai detik; '),
        ("930", 'Jam "930" tidak dikenali; '),
        ("9", 'Jam "9" tidak dikenali; '),
        ("09:3", 'Jam "09:3" tidak dikenali; '),
        ("jam 9", 'Jam "jam 9" tidak dikenali; '),
        ("", "Jam belum diisi; "),
    ],
)
def test_wrong_times(catalog: Catalog, typed: str, message: str) -> None:
    problem = problem_of(cell(catalog, "jam", typed))
    assert problem.column == "jam"
    assert problem.message == message + "gunakan format HH:MM atau HH.MM (contoh 09:30)"


def test_parse_slot_time_field() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_slot_time("25.00")
    assert caught.value.field == "jam"


# --- the working calendar -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("13/06/2026", "Sabtu"), ("2026-08-17", "Hari Kemerdekaan Republik Indonesia")],
)
def test_closed_day_is_a_warning_naming_the_reason(
    catalog: Catalog, typed: str, reason: str
) -> None:
    calendar = WorkingCalendar(CalendarSettings())
    result = parse(catalog, GOOD.replace("2026-06-10", typed), calendar=calendar)
    assert result.problems == ()
    assert len(result.drafts) == 1
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("Baris 2, kolom tanggal: ")
    assert "bukan hari kerja" in result.warnings[0]
    assert f"({reason})" in result.warnings[0]


def test_a_slot_of_today_already_past_is_a_warning(catalog: Catalog) -> None:
    """Imported at 10.15 on the day: the 09.30 booking still goes in (the visitor may come
    late), and the officer is told its slot has passed."""
    late = datetime(2026, 6, 10, 10, 15, tzinfo=WIB)
    result = parse(catalog, GOOD, now=late)
    assert len(result.drafts) == 1 and result.problems == ()
    assert result.warnings == (
        "Baris 2, kolom jam: 09.30 hari ini sudah lewat (sekarang 10.15); booking tetap "
        "diimpor, pengunjungnya datang terlambat",
    )
    assert parse(catalog, GOOD, now=late.replace(hour=9, minute=0)).warnings == ()


def test_no_calendar_no_closed_day_warning(catalog: Catalog) -> None:
    result = parse(catalog, GOOD.replace("2026-06-10", "2026-06-13"))
    assert result.warnings == ()


def test_admin_open_day_gives_no_warning(catalog: Catalog) -> None:
    calendar = WorkingCalendar(CalendarSettings(extra_open={date(2026, 6, 13): "Pelayanan Sabtu"}))
    result = parse(catalog, GOOD.replace("2026-06-10", "2026-06-13"), calendar=calendar)
    assert result.warnings == ()


# --- file faults pass through ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"", "Berkas kosong"),
        (b"PK\x03\x04" + bytes(20), "Berkas ini lembar kerja"),
        ("kode_booking;nama\nMPP-0001;José\n".encode("cp1252"), "Berkas bukan teks UTF-8"),
        (b"no;name\nA;B\n", "Berkas tidak terbaca sebagai CSV"),
        (b"kode_booking;nama;tanggal\nMPP-00001;Budi;2026-06-10\n", "Kolom wajib tidak ada"),
        (HEADER.encode() + b"\r\n\r\n", "Berkas hanya berisi baris judul"),
    ],
)
def test_file_faults_raise_csv_error(catalog: Catalog, data: bytes, start: str) -> None:
    with pytest.raises(CsvError) as caught:
        parse_bookings(data, catalog=catalog, today=TODAY)
    assert str(caught.value).startswith(start)


def test_missing_columns_are_named(catalog: Catalog) -> None:
    with pytest.raises(CsvError) as caught:
        parse_bookings(b"kode_booking,nama,no_hp\nX-0001,Budi,\n", catalog=catalog, today=TODAY)
    assert str(caught.value).startswith("Kolom wajib tidak ada: layanan, tanggal, jam.")
