"""``lpse-desk report layanan``: the counter report on the command line, and its refusals."""

from __future__ import annotations

from datetime import datetime

from typer.testing import CliRunner

from lpse_desk.cli.main import app
from lpse_desk.domain.clock import WIB

runner = CliRunner()


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_the_counter_report_of_a_day_with_one_visit(migrated_home):
    taken = lpse("queue", "take", "REG", "--nama", "Zoë [bold]Łuk\x1b[31m")
    assert taken.exit_code == 0, taken.output
    today = datetime.now(WIB).date().isoformat()  # the CLI's clock, in WIB
    shown = lpse("report", "layanan", "--from", today, "--to", today)
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[1].startswith("Kunjungan: 1 (sebelumnya 0) · booking 0 · datang langsung 1")
    assert "Dilayani: 0" in lines[2]
    assert "Waktu tunggu: median – " in shown.stdout  # nobody called yet: no figure, not 0
    assert any(line.startswith("Waktu tunggu: dari ambil nomor") for line in lines)
    assert "\x1b" not in shown.stdout


def test_wrong_dates_services_and_officers_are_refused_in_indonesian(migrated_home):
    cases = [
        (["--from", "2026-06-10", "--to", "31/02/2026"], "--to: "),
        (["--from", "2026-06-10", "--to", "2026-06-01"], "Tanggal akhir sebelum tanggal awal"),
        (["--from", "2026-06-10", "--to", "2026-06-10", "--layanan", "XYZ"], "tidak dikenal"),
        (["--from", "2026-06-10", "--to", "2026-06-10", "--petugas", "Tidak Ada"], "tidak ditemukan"),
    ]  # fmt: skip
    for args, words in cases:
        refused = lpse("report", "layanan", *args)
        assert refused.exit_code == 1, (args, refused.output)
        assert words in refused.stderr
        assert "Traceback" not in refused.output
