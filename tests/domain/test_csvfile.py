"""CSV files handed to the desk: Excel's habits, true line numbers, and every file-level fault."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lpse_desk.domain.csvfile import (
    CsvError,
    CsvRow,
    CsvTable,
    LineProblem,
    format_problems,
    parse_csv_date,
    read_csv,
)
from lpse_desk.domain.errors import ValidationError

REQUIRED = ("kode", "nama")
OPTIONAL = ("catatan",)


def read(text: str | bytes) -> CsvTable:
    data = text.encode() if isinstance(text, str) else text
    return read_csv(data, required=REQUIRED, optional=OPTIONAL)


def csv_error(data: bytes, *, required: tuple[str, ...] = REQUIRED) -> CsvError:
    with pytest.raises(CsvError) as caught:
        read_csv(data, required=required, optional=OPTIONAL)
    return caught.value


# --- what is read ---------------------------------------------------------------------------


def test_excel_semicolon_with_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + "Kode;Nama\r\nA-1;Budi Santoso, S.E.\r\nA-2;André\r\n".encode()
    table = read(data)
    assert table.columns == ("kode", "nama")
    assert [(row.line, dict(row.values)) for row in table.rows] == [
        (2, {"kode": "A-1", "nama": "Budi Santoso, S.E.", "catatan": ""}),
        (3, {"kode": "A-2", "nama": "André", "catatan": ""}),
    ]
    assert table.problems == ()
    assert table.warnings == ()


def test_comma_separator_with_quoted_commas_and_quotes() -> None:
    table = read('kode,nama,catatan\nA-1,"Santoso, Budi","kata ""segera"""\n')
    assert dict(table.rows[0].values) == {
        "kode": "A-1",
        "nama": "Santoso, Budi",
        "catatan": 'kata "segera"',
    }


def test_quoted_field_over_two_lines_keeps_later_line_numbers_true() -> None:
    table = read('kode;nama;catatan\nA-1;Budi;"Jl. Pajajaran\nBogor"\nA-2;Siti;\n')
    assert [row.line for row in table.rows] == [2, 4]
    assert table.rows[0].values["catatan"] == "Jl. Pajajaran\nBogor"


def test_header_names_ignore_case_spaces_and_hyphens_and_values_are_stripped() -> None:
    table = read(" KODE ;Nama ;  Catatan\n  A-1 ; Budi\u00a0 ;\n")
    assert table.columns == ("kode", "nama", "catatan")
    assert dict(table.rows[0].values) == {"kode": "A-1", "nama": "Budi", "catatan": ""}
    spaced = read_csv(b"Kode Booking;Nama\nX;Y\n", required=("kode_booking", "nama"))
    assert spaced.rows[0].values["kode_booking"] == "X"


def test_columns_in_file_order_and_optional_column_read_when_present() -> None:
    table = read("catatan,nama,kode\nlunas,Budi,A-1\n")
    assert table.columns == ("catatan", "nama", "kode")
    assert table.rows[0].values["catatan"] == "lunas"


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_blank_and_separator_only_lines_are_skipped_but_counted(ending: str) -> None:
    lines = ["", "kode;nama", "A-1;Budi", "", "   ", ";;", "A-2;Siti", ""]
    table = read(ending.join(lines))
    assert [row.line for row in table.rows] == [3, 7]
    assert table.problems == ()


def test_rows_with_the_wrong_number_of_fields_are_all_reported() -> None:
    text = "kode,nama\nA-1,Budi\nA-2\n\nA-3,Santoso, Budi\nA-4,Siti\n\n\nA-5,Ani,x\n"
    table = read(text)
    assert [row.line for row in table.rows] == [2, 6]
    assert [(problem.line, problem.column) for problem in table.problems] == [
        (3, None),
        (5, None),
        (9, None),
    ]
    assert table.problems[0].message == "Jumlah kolom 1, seharusnya 2 sesuai baris judul"
    assert "apit isian itu dengan tanda kutip" in table.problems[1].message
    assert "koma" in table.problems[1].message


@pytest.mark.parametrize("opened", ['A-1;"Budi', '"A-1;Budi'])
def test_unclosed_quote_is_named(opened: str) -> None:
    table = read(f"kode;nama\nA-0;Ani\n\n{opened}\nA-2;Siti\n\n")
    assert [row.line for row in table.rows] == [2]
    assert table.problems == (
        LineProblem(
            4,
            None,
            'Tanda kutip (") pada baris ini tidak ditutup, sehingga baris 4–6 terbaca sebagai '
            "satu isian; tambahkan tanda kutip penutup",
        ),
    )


def test_quote_inside_an_unquoted_field_is_kept() -> None:
    table = read('kode;nama\nA-1;Monitor 24" LED\nA-2;Siti\n')
    assert [row.values["nama"] for row in table.rows] == ['Monitor 24" LED', "Siti"]


def test_trailing_empty_fields_and_trailing_header_separator_are_accepted() -> None:
    table = read("kode;nama;\nA-1;Budi\nA-2;Siti;;;\nA-3;Ani;\n")
    assert [row.line for row in table.rows] == [2, 3, 4]
    assert table.problems == ()
    assert table.warnings == ()


def test_unknown_and_untitled_columns_are_warnings() -> None:
    table = read("kode;alamat;nama;;email\nA-1;Bogor;Budi;lupa;b@x.id\n")
    assert dict(table.rows[0].values) == {"kode": "A-1", "nama": "Budi", "catatan": ""}
    assert table.warnings == (
        "Kolom tidak dikenal diabaikan: alamat, email",
        "Isi kolom tanpa judul (kolom ke-4) diabaikan",
    )


def test_row_values_are_read_only() -> None:
    row = read("kode;nama\nA-1;Budi\n").rows[0]
    with pytest.raises(TypeError):
        row.values["nama"] = "lain"  # type: ignore[index]
    assert row == CsvRow(2, {"kode": "A-1", "nama": "Budi", "catatan": ""})


# --- file-level faults ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"", b"  \r\n\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n", b";;;\r\n ; \r\n"]
)
def test_empty_file(data: bytes) -> None:
    error = csv_error(data)
    assert str(error).startswith("Berkas kosong")
    assert "kode, nama, catatan" in str(error)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(40), ".xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40), ".xls"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ],
)
def test_spreadsheet_or_document_instead_of_csv(data: bytes, named: str) -> None:
    message = str(csv_error(data))
    assert named in message
    assert "bukan CSV" in message
    assert "CSV UTF-8" in message


def test_utf16_export_is_named() -> None:
    error = csv_error("kode\tnama\r\nA-1\tBudi\r\n".encode("utf-16"))
    assert "UTF-16" in str(error)
    assert "CSV UTF-8" in str(error)


def test_nul_bytes_are_binary() -> None:
    error = csv_error(b"kode;nama\nA-1;Budi\nA-2;\x00\x01\x02\n")
    assert "biner" in str(error)
    assert error.line == 3


def test_not_utf8_names_the_line() -> None:
    data = "kode;nama\nA-1;Budi\nA-2;José\n".encode("cp1252")
    error = csv_error(data)
    assert error.line == 3
    assert str(error) == (
        "Berkas bukan teks UTF-8 (karakter tidak terbaca di baris 3); "
        'simpan ulang dari Excel dengan Simpan Sebagai → "CSV UTF-8"'
    )


@pytest.mark.parametrize(
    "text", ["no;name\nA-1;Budi\n", "A-1;Budi\nA-2;Siti\n", "just some text\nwith lines\n"]
)
def test_header_without_any_expected_column(text: str) -> None:
    error = csv_error(text.encode())
    assert "tidak terbaca sebagai CSV" in str(error)
    assert "kode, nama, catatan" in str(error)
    assert error.line == 1


def test_tab_separated_file_gets_a_hint() -> None:
    error = csv_error(b"kode\tnama\nA-1\tBudi\n")
    assert "dipisahkan tab" in str(error)


def test_missing_required_columns_are_named() -> None:
    error = csv_error(b"kode;alamat\nA-1;Bogor\n", required=("kode", "nama", "layanan"))
    assert str(error) == (
        "Kolom wajib tidak ada: nama, layanan. Judul kolom yang terbaca: kode, alamat"
    )
    assert error.line == 1


def test_column_named_twice() -> None:
    error = csv_error(b"\nkode;nama;Nama\nA-1;Budi;Budi\n")
    assert str(error) == (
        "Kolom nama ditulis dua kali pada baris judul (baris 2, kolom ke-2 dan ke-3); "
        "hapus salah satunya"
    )
    assert error.line == 2


@pytest.mark.parametrize("text", ["kode;nama", "kode;nama\r\n", "kode;nama\n\n;\n  \n"])
def test_header_only(text: str) -> None:
    error = csv_error(text.encode())
    assert str(error) == "Berkas hanya berisi baris judul (baris 1); tidak ada baris data"


def test_csv_module_failure_becomes_csv_error_with_line() -> None:
    huge = "x" * 200_000
    error = csv_error(f"kode;nama\nA-1;Budi\nA-2;{huge}\n".encode())
    assert error.line == 3
    assert str(error) == (
        'Baris 3 tidak dapat dibaca sebagai CSV: isian terlalu panjang; periksa tanda kutip (") '
        "pada baris itu"
    )


def test_csv_error_is_a_validation_error() -> None:
    assert issubclass(CsvError, ValidationError)


@given(st.binary(max_size=300))
def test_any_bytes_give_a_table_or_a_csv_error(data: bytes) -> None:
    try:
        table = read_csv(data, required=REQUIRED, optional=OPTIONAL)
    except CsvError as error:
        assert str(error)
    else:
        assert all(set(row.values) == {"kode", "nama", "catatan"} for row in table.rows)


@given(st.text(alphabet='kodenam;,"\r\n AB-1', max_size=120))
def test_any_text_gives_a_table_or_a_csv_error(text: str) -> None:
    try:
        table = read_csv(text.encode(), required=REQUIRED)
    except CsvError:
        return
    lines = [row.line for row in table.rows] + [problem.line for problem in table.problems]
    assert len(lines) == len(set(lines))
    assert all(line >= 2 for line in lines)


# --- dates and problem lines ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-06-10", date(2026, 6, 10)),
        (" 2026-6-1 ", date(2026, 6, 1)),
        ("10/06/2026", date(2026, 6, 10)),
        ("1/6/2026", date(2026, 6, 1)),
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_parse_csv_date(text: str, expected: date) -> None:
    assert parse_csv_date(text) == expected


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("10-06-2026", 'Tanggal "10-06-2026" tidak dikenali'),
        ("2026/06/10", "tidak dikenali"),
        ("10 Juni 2026", "tidak dikenali"),
        ("31/02/2026", "tanggal 31 tidak ada di bulan Februari 2026"),
        ("2026-13-01", "bulan 13 tidak ada"),
        ("", "Tanggal belum diisi"),
    ],
)
def test_parse_csv_date_rejects_with_both_formats_named(text: str, part: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_csv_date(text)
    assert part in str(caught.value)
    assert "YYYY-MM-DD atau DD/MM/YYYY" in str(caught.value)


def test_format_problems_in_line_order_with_and_without_column() -> None:
    problems = [
        LineProblem(9, "jam", 'Jam "25:00" tidak valid'),
        LineProblem(4, "no_hp", "Nomor telepon belum diisi"),
        LineProblem(6, None, "Jumlah kolom 1, seharusnya 6 sesuai baris judul"),
    ]
    assert format_problems(problems, "bookings.csv") == [
        "bookings.csv baris 4, kolom no_hp: Nomor telepon belum diisi",
        "bookings.csv baris 6: Jumlah kolom 1, seharusnya 6 sesuai baris judul",
        'bookings.csv baris 9, kolom jam: Jam "25:00" tidak valid',
    ]
    assert format_problems([], "bookings.csv") == []


def test_read_file_names_what_is_wrong_with_the_path(tmp_path):
    from lpse_desk.domain.importfile import read_file

    good = tmp_path / "ok.csv"
    good.write_bytes(b"a,b\n")
    assert read_file(good, max_mb=1) == b"a,b\n"
    for path, message in (
        (tmp_path / "tidak-ada.csv", "tidak ditemukan"),
        (tmp_path, "adalah folder"),
        (Path(""), "Tulis lokasi berkas CSV"),
    ):
        with pytest.raises(ValidationError, match=message):
            read_file(path, max_mb=1)
