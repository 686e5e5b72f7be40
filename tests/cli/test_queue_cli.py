"""``lpse-desk queue take|import|list`` as an officer types them, wrong input included.

The CLI runs on the system clock, so booking files are written for today's WIB date.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from lpse_desk.cli.main import app
from lpse_desk.domain.clock import SystemClock, today_wib
from tests.store.actors import P, seed

runner = CliRunner()


def lpse(*args: str):
    """Run ``lpse-desk ARGS`` in-process."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def _lines(result) -> list[str]:
    return result.stdout.splitlines()


def _listed() -> list[list[str]]:
    result = lpse("queue", "list")
    assert result.exit_code == 0, result.output
    return [line.split("\t") for line in _lines(result) if "\t" in line]


@pytest.fixture
def today():
    return today_wib(SystemClock())


def _bookings(tmp_path, rows: list[str], *, sep=",", bom=False, name="booking.csv"):
    header = sep.join(("kode_booking", "nama", "no_hp", "layanan", "tanggal", "jam"))
    text = "\n".join([header, *rows]) + "\n"
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_take_prints_numbers_per_service_with_their_prefix(migrated_home):
    assert [lpse("queue", "take", code).stdout for code in ("REG", "reg", "UBAH", "UID")] == [
        "A-001\n",
        "A-002\n",
        "B-001\n",
        "C-001\n",
    ]


def test_take_with_a_priority_and_a_name_is_listed_with_them(migrated_home):
    result = lpse("queue", "take", "KONS", "--priority", "lansia", "--nama", "Agus Salim")
    assert result.stdout == "D-001\n"
    ((ticket, status, name, service, times),) = _listed()
    assert (ticket, status, name, service) == ("D-001", "menunggu", "Agus Salim", "KONS")
    assert times.startswith("datang ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("LAT",), "Layanan LAT sedang ditutup"),
        (("XYZ",), "Layanan 'XYZ' tidak dikenal; pilih salah satu: REG, UBAH, UID, KONS, LAT"),
        (("REG", "--priority", "tua"), "Prioritas 'tua' tidak dikenal"),
        (("REG", "--booking", "x"), 'Kode booking "x" tidak valid'),
        (("REG", "--booking", "MPP-999999-0001"), "tidak ditemukan"),
    ],
)
def test_take_refuses_bad_input_and_issues_nothing(migrated_home, args, message):
    result = lpse("queue", "take", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("Galat: ")
    assert _listed() == []
    # The counter did not move either: the next number is still 001.
    assert lpse("queue", "take", "REG").stdout == "A-001\n"


def test_import_then_check_in_by_booking_code(migrated_home, tmp_path, today):
    day = today.isoformat()
    path = _bookings(
        tmp_path,
        [
            f"MPP-1-0001;Hendra Gunawan;081310014455;REG;{day};08.30",
            f"MPP-1-0002;Maya Anggraini;;UBAH;{today:%d/%m/%Y};09:00",
        ],
        sep=";",
        bom=True,
    )
    first = lpse("queue", "import", str(path))
    assert first.exit_code == 0, first.output
    assert first.stdout == "2 booking diimpor.\n"
    again = lpse("queue", "import", str(path))
    assert again.exit_code == 0
    assert again.stdout == "0 booking diimpor, 2 sudah ada sebelumnya (dilewati).\n"

    named = lpse("queue", "take", "REG", "--booking", "mpp-1-0001", "--nama", "Orang Lain")
    assert named.exit_code == 1  # the name was ignored without a word; nothing is taken
    assert "--nama tidak dipakai bersama --booking" in named.stderr
    assert lpse("queue", "take", "REG", "--booking", "mpp-1-0001").stdout == "A-001\n"
    twice = lpse("queue", "take", "REG", "--booking", "MPP-1-0001")
    assert twice.exit_code == 1
    assert "sudah check-in dengan nomor A-001" in twice.stderr
    wrong = lpse("queue", "take", "REG", "--booking", "MPP-1-0002")
    assert wrong.exit_code == 1
    assert "untuk layanan UBAH, bukan REG" in wrong.stderr
    assert [row[:4] for row in _listed()] == [["A-001", "menunggu", "Hendra Gunawan", "REG"]]


def test_a_booking_for_another_day_is_refused_at_check_in(migrated_home, tmp_path, today):
    tomorrow = today + timedelta(days=1)
    path = _bookings(tmp_path, [f"MPP-2-0001,Lina,,REG,{tomorrow.isoformat()},10:00"])
    assert lpse("queue", "import", str(path)).exit_code == 0
    result = lpse("queue", "take", "REG", "--booking", "MPP-2-0001")
    assert result.exit_code == 1
    assert "bukan hari ini" in result.stderr
    assert _listed() == []


def test_a_file_with_bad_lines_imports_nothing_and_names_every_line(migrated_home, tmp_path, today):
    day = today.isoformat()
    yesterday = (today - timedelta(days=1)).isoformat()
    path = _bookings(
        tmp_path,
        [
            f"MPP-3-0001,Hendra,081310014455,REG,{day},08:30",
            f"MPP-3-0002,Maya,,LAT,{day},09:00",
            "",
            f"MPP-3-0003,Asep,,REG,{yesterday},09:00",
            f"MPP-3-0001,Hendra,081310014455,REG,{day},08:30",
            f"MPP-3-0004,,,REG,{day},25:00",
        ],
    )
    result = lpse("queue", "import", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith("Galat: tidak ada booking yang diimpor.")
    assert "booking.csv baris 3, kolom layanan: Layanan LAT ditutup" in err
    assert "booking.csv baris 5, kolom tanggal:" in err and "sudah lewat" in err
    assert "booking.csv baris 6: Baris duplikat, isinya sama dengan baris 2" in err
    assert "booking.csv baris 7, kolom nama: Nama belum diisi" in err
    assert "booking.csv baris 7, kolom jam:" in err
    assert "baris 2," not in err.replace("dengan baris 2", "")  # the good line is not blamed
    # Nothing was imported: even the good booking is unknown.
    check_in = lpse("queue", "take", "REG", "--booking", "MPP-3-0001")
    assert "tidak ditemukan" in check_in.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Berkas kosong"),
        (b"\xff\xfe\x00k\x00o", "UTF-16"),
        (b"kode_booking,nama\nX,Y\n", "Kolom wajib tidak ada: layanan, tanggal, jam"),
        (b"PK\x03\x04\x14\x00\x06\x00", "bukan CSV"),
        ("kode;nama\nMPP-1;Dédé\n".encode("latin-1"), "bukan teks UTF-8"),
    ],
)
def test_files_that_are_not_a_booking_list_are_refused(migrated_home, tmp_path, content, message):
    path = tmp_path / "mpp.csv"
    path.write_bytes(content)
    result = lpse("queue", "import", str(path))
    assert result.exit_code == 1
    assert message in result.stderr


def test_a_missing_file_or_a_folder_is_refused(migrated_home, tmp_path):
    missing = lpse("queue", "import", str(tmp_path / "tidak-ada.csv"))
    assert missing.exit_code == 1
    assert "tidak ditemukan" in missing.stderr
    folder = lpse("queue", "import", str(tmp_path))
    assert folder.exit_code == 1
    assert "folder" in folder.stderr


def test_list_of_another_day_and_a_bad_date(migrated_home, today):
    lpse("queue", "take", "REG")
    other = lpse("queue", "list", "--date", (today - timedelta(days=3)).isoformat())
    assert other.exit_code == 0
    assert other.stdout == "Tidak ada antrian pada hari itu.\n"
    listed = lpse("queue", "list", "--date", f"{today:%d/%m/%Y}")
    assert _lines(listed)[0].startswith("A-001\tmenunggu\t-\tREG\tdatang ")
    bad = lpse("queue", "list", "--date", "2026-13-01")
    assert bad.exit_code == 1
    assert "bulan 13 tidak ada" in bad.stderr


def test_list_shows_waiting_and_service_time_from_the_events(migrated_home):
    from lpse_desk.config import load_settings
    from lpse_desk.store.services.desk import DeskStore

    lpse("queue", "take", "UID")
    lpse("queue", "take", "REG")
    store = DeskStore.open(load_settings(), SystemClock())
    try:
        seed(store.engine)
        store.queue.open_loket(P, 1)
        first = store.queue.call_next(P, 1)
        store.queue.start(P, first.id)
        store.queue.finish(P, first.id, "informasi")
        second = store.queue.call_next(P, 1)
        store.queue.no_show(P, second.id)
    finally:
        store.close()
    done, missed = _listed()
    assert done[:2] == ["C-001", "selesai"]
    assert "selesai " in done[4]
    assert done[5].startswith("tunggu ") and done[6].startswith("layanan ")
    assert missed[:2] == ["A-001", "tidak hadir"]
    assert "tidak hadir " in missed[4]
    assert missed[5].startswith("tunggu ") and len(missed) == 6  # never served


def test_an_import_file_over_the_limit_is_refused_unread(migrated_home, tmp_path):
    from lpse_desk import paths

    paths.settings_file().write_text("impor_maks_mb = 1\n", encoding="utf-8")
    path = tmp_path / "booking-setahun.csv"
    path.write_bytes(b"kode_booking;nama;layanan;tanggal;jam\n" + b"x" * (3 * 1024 * 1024))
    result = lpse("queue", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Galat: Berkas booking-setahun.csv berukuran 3,0 MB, melebihi batas impor 1 MB"
    )
    assert "Pecah berkas" in result.stderr and "impor_maks_mb" in result.stderr


def test_a_file_of_many_bad_lines_prints_a_hundred_and_a_count(migrated_home, tmp_path, today):
    lines = [f"MPP-1-{n:04d};Budi;;REG;{today.isoformat()};25:00" for n in range(1, 2_001)]
    result = lpse("queue", "import", str(_bookings(tmp_path, lines, sep=";")))
    assert result.exit_code == 1
    printed = result.stderr.splitlines()
    assert printed[0] == "Galat: tidak ada booking yang diimpor."
    assert len(printed) == 102
    assert printed[-1] == "  … dan 1.900 baris lain juga salah"
