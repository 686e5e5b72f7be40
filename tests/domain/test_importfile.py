"""Import files stay small: a size limit before reading, bounded reports, bounded memory."""

from __future__ import annotations

import tracemalloc
from datetime import date

import pytest

from lpse_desk.catalog import load_catalog
from lpse_desk.domain.bookings import BookingReader
from lpse_desk.domain.csvfile import LineProblem
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.importfile import MEGABYTE, ProblemLog, WarningLog, chunks, read_file

HEADER = "kode_booking;nama;no_hp;layanan;tanggal;jam\n"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "booking-besar.csv"
    path.write_bytes(b"x" * (2 * MEGABYTE + MEGABYTE // 2))
    opened = []
    monkeypatch.setattr(type(path), "open", lambda *a, **k: opened.append(a) or 1 / 0)
    with pytest.raises(ValidationError) as caught:
        read_file(path, max_mb=2)
    message = str(caught.value)
    assert message.startswith(
        "Berkas booking-besar.csv berukuran 2,5 MB, melebihi batas impor 2 MB"
    )
    assert "Pecah berkas" in message and "impor_maks_mb" in message
    assert opened == []


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "pas.csv"
    path.write_bytes(b"x" * MEGABYTE)
    assert len(read_file(path, max_mb=1)) == MEGABYTE


def test_the_report_lists_the_first_problems_by_line_and_counts_the_other_lines():
    log = ProblemLog(limit=3)
    for line in (7, 2, 9, 4):
        log.add([LineProblem(line, "jam", "salah"), LineProblem(line, None, "juga")])
    log.add([LineProblem(1, None, "kode sudah diimpor")])  # the store's check, reported late
    assert log.report("b.csv") == [
        "b.csv baris 1: kode sudah diimpor",
        "b.csv baris 2, kolom jam: salah",
        "b.csv baris 2: juga",
        "… dan 3 baris lain juga salah",
    ]
    assert log.lines == 5


def test_warnings_are_bounded_too():
    log = WarningLog(limit=2)
    log.add(f"peringatan {n}" for n in range(2_502))
    assert log.lines() == ("peringatan 0", "peringatan 1", "… dan 2.500 peringatan lain")


def test_chunks_cut_a_stream_in_lists():
    assert list(chunks(iter(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_twenty_thousand_bad_lines_give_a_short_report_in_little_memory():
    # The old reader kept every line, row and problem: about 6 MB for this 0.2 MB file
    # (3.75 GB for a 39 MB one). Streaming keeps the first 100 problems and a count.
    data = (HEADER + "MPP-1;Budi\n" * 20_000).encode()
    catalog = load_catalog()
    tracemalloc.start()
    try:
        reader = BookingReader(data, catalog=catalog, today=date(2026, 6, 10))
        drafts = sum(1 for _ in reader)
        report = reader.problems.report("booking.csv")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert drafts == 0
    assert len(report) == 101
    assert report[-1] == "… dan 19.900 baris lain juga salah"
    assert peak < MEGABYTE // 2


def test_lines_with_many_bad_cells_are_reported_up_to_the_limit():
    body = "".join(f"kode {n};;08x;LAT;31/02/2026;25:00\n" for n in range(300))
    reader = BookingReader(
        (HEADER + body).encode(), catalog=load_catalog(), today=date(2026, 6, 10)
    )
    assert list(reader) == []
    report = reader.problems.report("booking.csv")
    assert len(report) == 101
    assert report[0].startswith("booking.csv baris 2, kolom kode_booking:")
    assert report[-1] == "… dan 283 baris lain juga salah"  # 17 lines of 6 problems shown
