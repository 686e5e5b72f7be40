"""``lpse-desk audit list``: filters, the CSV read back, bad arguments refused in Indonesian."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from typer.testing import CliRunner

from lpse_desk.cli.main import app
from lpse_desk.domain.clock import WIB
from lpse_desk.store.db import write_session
from lpse_desk.store.queries import events

runner = CliRunner()


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def logged(engine):
    """Three events over two WIB days by two people; one reason carries a NIK."""
    rows = [
        (datetime(2026, 6, 9, 8, 0, tzinfo=WIB), "Siti Rahma (#2)", "staff", 2, "masuk", "loket 1"),
        (datetime(2026, 6, 9, 23, 50, tzinfo=WIB), "Budi Santoso (#3)", "case", 7,
         "nomor_pribadi_dilihat", "=NIK 3271011708450001"),
        (datetime(2026, 6, 10, 9, 0, tzinfo=WIB), "Siti Rahma (#2)", "staff", 2, "keluar", None),
    ]  # fmt: skip
    with write_session(engine) as session:
        for at, actor, entity, entity_id, action, reason in rows:
            events.record(session=session, at=at, actor=actor, entity=entity,
                          entity_id=entity_id, action=action, reason=reason)  # fmt: skip
    engine.dispose()


def test_lists_everything_in_order_with_labels(logged):
    result = lpse("audit", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("#1 · 09/06/2026 08.00.00 · Siti Rahma (#2) · Masuk ke desk")
    assert "NIK/NPWP lengkap dilihat · Kasus #7" in lines[1]
    assert "3271011708450001" not in result.output and "3271********0001" in lines[1]
    assert lines[-1] == "3 peristiwa."


def test_filters_by_staff_and_wib_dates(logged):
    result = lpse("audit", "list", "--staff", "siti", "--from", "10/06/2026", "--to", "2026-06-10")
    assert result.exit_code == 0, result.output
    assert "Keluar dari desk" in result.output and result.output.endswith("1 peristiwa.\n")
    yesterday = lpse("audit", "list", "--from", "2026-06-09", "--to", "09/06/2026")
    assert yesterday.output.endswith("2 peristiwa.\n")  # 23.50 WIB is still the 9th


def test_who_revealed_a_nik_yesterday(logged):
    result = lpse("audit", "list", "--aksi", "nik", "--from", "2026-06-09", "--to", "2026-06-09")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[-1] == "1 peristiwa."
    assert "Budi Santoso (#3) · NIK/NPWP lengkap dilihat · Kasus #7" in lines[0]


def test_the_csv_reads_back_with_indonesian_columns(logged, tmp_path):
    target = tmp_path / "laporan" / "audit.csv"
    result = lpse("audit", "list", "--staff", "budi", "--csv", str(target))
    assert result.exit_code == 0, result.output
    assert f"CSV ditulis: {target}" in result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["Oleh"] == "Budi Santoso (#3)"
    assert row["Tindakan"] == "NIK/NPWP lengkap dilihat"
    assert row["Kode tindakan"] == "nomor_pribadi_dilihat"
    assert row["Objek"] == "Kasus #7"
    assert row["Waktu (WIB)"] == "09/06/2026 23.50.00"
    assert row["Keterangan"] == "'=NIK 3271********0001"  # no formula, no full NIK
    assert not list(target.parent.glob(".audit.csv.*"))  # the temporary file is gone


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "31/02/2026"), '--dari: Tanggal "31/02/2026" tidak valid'),
        (("--to", "kemarin"), '--sampai: Tanggal "kemarin" tidak dikenali'),
        (("--from", "2026-06-10", "--to", "2026-06-09"), "sesudah tanggal akhir"),
        (("--case", "999"), "Kasus #999 tidak ditemukan"),
        (("--case", "0"), "nomor kasus harus 1 sampai "),
        (("--case", "99999999999999999999"), "nomor kasus harus 1 sampai "),  # was OverflowError
    ],
)
def test_bad_arguments_are_refused_in_indonesian(logged, args, message):
    result = runner.invoke(app, ["audit", "list", *args])
    assert result.exit_code == 1
    assert "Galat:" in result.output and message in result.output
    assert "Traceback" not in result.output
