"""``lpse-desk report layanan``: the counter report on the command line, and its refusals."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from lpse_desk import paths
from lpse_desk.cli.main import app
from lpse_desk.domain.clock import WIB
from tests.pgserver import desk_db_url

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
        (["--from", "2026-06-10", "--to", "31/02/2026"], "--sampai: "),
        (["--dari", "2026-06-10", "--sampai", "2026/06/31"], "--sampai: "),
        (["--from", "2026-06-10", "--to", "2026-06-01"], "Tanggal akhir sebelum tanggal awal"),
        (["--from", "2026-06-10", "--to", "2026-06-10", "--layanan", "XYZ"], "tidak dikenal"),
        (["--from", "2026-06-10", "--to", "2026-06-10", "--petugas", "Tidak Ada"], "tidak ditemukan"),
    ]  # fmt: skip
    for args, words in cases:
        refused = lpse("report", "layanan", *args)
        assert refused.exit_code == 1, (args, refused.output)
        assert words in refused.stderr
        assert "Traceback" not in refused.output


def test_the_report_of_the_demo_is_written_as_pdf_csv_and_xlsx(demo_engine, clock, tmp_path):
    end = clock.now().date()
    start = end - timedelta(days=120)
    out = tmp_path / "laporan"
    files = {"pdf": out / "layanan.pdf", "csv": out / "layanan.csv", "xlsx": out / "layanan.xlsx"}
    result = lpse("report", "layanan", "--from", start.isoformat(), "--to", end.isoformat(),
                  "--pdf", str(files["pdf"]), "--csv", str(files["csv"]),
                  "--xlsx", str(files["xlsx"]))  # fmt: skip
    assert result.exit_code == 0, result.output
    for kind, path in files.items():
        assert f"{kind.upper()} ditulis: {path}" in result.stdout
    visits = int(result.stdout.splitlines()[1].split()[1])  # "Kunjungan: N (…"
    assert visits > 20

    rows = list(csv.DictReader(io.StringIO(files["csv"].read_text(encoding="utf-8"))))
    figures = {(r["tabel"], r["kunci"], r["kolom"]): r["nilai"] for r in rows}
    assert figures[("ringkasan", "Kunjungan", "Periode ini")] == str(visits)
    assert figures[("laporan", "Filter", "Nilai")] == "Semua layanan, loket dan petugas"
    assert any(r["tabel"] == "per_petugas" for r in rows)  # the demo's officers served

    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(files["pdf"].read_bytes())).pages
    )
    shown = f"{visits:,}".replace(",", ".")  # 1.093: the Indonesian thousands point
    assert "Laporan Layanan Loket" in text and f"Kunjungan {shown}" in text
    assert "Halaman 1 dari" in text and "Kunjungan per minggu" in text  # 121 days: weeks
    assert "Waktu menganggur ditulis jam:menit." in text and "Waktu kerja" not in text
    idle = [r for r in rows if r["tabel"] == "per_petugas" and r["kolom"] == "Waktu menganggur"]
    assert idle and all(r["satuan"] == "detik" for r in idle)
    assert sum(int(r["nilai"]) for r in idle) > 0  # the demo's lokets were idle at times

    book = load_workbook(files["xlsx"])
    assert book["Ringkasan"]["B2"].value == visits
    assert not list(out.glob(".*"))  # no temporary file left behind


def test_a_file_that_cannot_be_written_stops_the_report_and_leaves_no_file(migrated_home, tmp_path):
    today = datetime.now(WIB).date().isoformat()
    tmp_path = tmp_path / "keluar"
    tmp_path.mkdir()
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    good = tmp_path / "ok.csv"
    result = lpse("report", "layanan", "--from", today, "--to", today,
                  "--csv", str(good), "--xlsx", str(tmp_path / "ok.xlsx"),
                  "--pdf", str(blocker / "laporan.pdf"))  # fmt: skip
    assert result.exit_code == 1
    assert f"Galat: Berkas PDF {blocker / 'laporan.pdf'} tidak dapat ditulis." in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bukan-folder"]  # nothing written
    same = lpse("report", "layanan", "--from", today, "--to", today,
                "--csv", str(good), "--pdf", str(good))  # fmt: skip
    assert same.exit_code == 1 and "harus berbeda" in same.stderr
    assert not good.exists()


@pytest.mark.parametrize(
    ("command", "option", "name", "said"),
    [
        (("report", "layanan"), "--xlsx", "laporan.pdf", "isinya XLSX; tulis nama berakhiran .xlsx"),
        (("report", "kasus"), "--pdf", "kasus.xlsx", "isinya PDF; tulis nama berakhiran .pdf"),
        (("ikm", "report"), "--csv", "ikm.pdf", "isinya CSV; tulis nama berakhiran .csv"),
    ],
)
def test_a_file_named_as_another_kind_is_refused_before_the_report(
    migrated_home, tmp_path, command, option, name, said
):
    """A PDF written under ``laporan.xlsx`` opens in no program: the name is refused before
    anything is read, printed or written; an ending of one's own (or none) is kept."""
    today = datetime.now(WIB).date().isoformat()
    tmp_path = tmp_path / "keluar"
    tmp_path.mkdir()
    other = tmp_path / "lain.csv"  # a good file asked beside it is not written either
    args = (*command, "--dari", today, "--sampai", today)
    extra = ("--pdf", str(other.with_suffix(".pdf"))) if option != "--pdf" else ()
    refused = lpse(*args, option, str(tmp_path / name), *extra)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"Galat: {option}: berkas {name} berakhiran ")
    assert said in refused.stderr and refused.stdout == ""
    assert list(tmp_path.iterdir()) == []
    kept = lpse(*args, option, str(tmp_path / "angka.data"))
    assert kept.exit_code == 0, kept.output
    assert (tmp_path / "angka.data").stat().st_size > 0


def test_the_case_report_of_the_demo_as_text_pdf_csv_and_xlsx(demo_engine, clock, tmp_path):
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.store.db import make_engine
    from lpse_desk.store.services.reports import ReportDesk

    end = clock.now().date()
    start = end - timedelta(days=120)
    engine = make_engine(desk_db_url())
    try:
        expected = ReportDesk(engine=engine, catalog=load_catalog(), clock=clock,
                              calendar=WorkingCalendar.from_file(paths.calendar_file())
                              ).cases(start=start, end=end)  # fmt: skip
    finally:
        engine.dispose()
    assert expected.handed_off > 3 and expected.decided >= 1 and expected.returned >= 1
    out = tmp_path / "laporan"
    files = {"pdf": out / "kasus.pdf", "csv": out / "kasus.csv", "xlsx": out / "kasus.xlsx"}
    result = lpse("report", "kasus", "--from", start.isoformat(), "--to", end.isoformat(),
                  "--pdf", str(files["pdf"]), "--csv", str(files["csv"]),
                  "--xlsx", str(files["xlsx"]))  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == (
        f"Diserahkan ke verifikator: {expected.handed_off} · disetujui {expected.approved} · "
        f"ditolak {expected.rejected} · dikembalikan {expected.returned}"
    )
    assert any(line.startswith("Waktu sampai keputusan: jam kerja dari diserahkan") for line in lines)
    for kind, path in files.items():
        assert f"{kind.upper()} ditulis: {path}" in result.stdout

    rows = list(csv.DictReader(io.StringIO(files["csv"].read_text(encoding="utf-8"))))
    figures = {(r["tabel"], r["kunci"], r["kolom"]): (r["nilai"], r["satuan"]) for r in rows}
    assert figures[("ringkasan_kasus", "Disetujui", "Nilai")] == (str(expected.approved), "jumlah")
    assert figures[("laporan", "Filter", "Nilai")][0] == "Semua layanan dan verifikator"
    median = figures[("ringkasan_kasus", "Median waktu sampai keputusan", "Nilai")]
    assert median == (f"{expected.worked.median.total_seconds():.1f}".rstrip("0").rstrip("."),
                      "detik")  # fmt: skip

    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(files["pdf"].read_bytes())).pages
    )
    assert "Laporan Kasus Verifikasi" in text and "Halaman 1 dari" in text
    assert "Waktu kerja ditulis jam:menit." in text and "Alasan pengembalian" in text

    book = load_workbook(files["xlsx"])
    summary = book["Ringkasan kasus"]
    cells = {summary.cell(row=n, column=1).value: summary.cell(row=n, column=2)
             for n in range(2, summary.max_row + 1)}  # fmt: skip
    assert cells["Disetujui"].value == expected.approved
    worked = cells["Median waktu sampai keputusan"]
    assert worked.value == round(expected.worked.median.total_seconds() / 3600, 6)
    assert worked.number_format == '0.00" jam"'


def test_the_case_report_refuses_a_loket_and_an_officer_who_decides_no_case(engine):
    from tests.store.actors import seed

    refused = lpse("report", "kasus", "--from", "2026-06-01", "--to", "2026-06-30", "--loket", "2")
    assert refused.exit_code == 1
    assert "--loket tidak berlaku untuk laporan kasus" in refused.stderr
    seed(engine)
    clerk = lpse("report", "kasus", "--from", "2026-06-01", "--to", "2026-06-30",
                 "--petugas", "Putri Loket")  # fmt: skip  (a report of zeros, before)
    assert clerk.exit_code == 1
    assert "Putri Loket adalah Petugas loket dan tidak memutus kasus" in clerk.stderr
    admin = lpse("report", "kasus", "--from", "2026-06-01", "--to", "2026-06-30",
                 "--petugas", "Ratna Kepala")  # fmt: skip
    assert admin.exit_code == 0, admin.output  # an admin decides cases too


def test_an_output_option_never_writes_over_the_desks_own_files(migrated_home, db_url, tmp_path):
    """``--csv data/lpse_desk.db`` turned the database into a CSV with exit 0; a reprint's
    ``--simpan`` replaced an issued receipt. Such paths are refused and left as they were."""
    backup = tmp_path / "cadangan-lama.db"
    backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    receipt = paths.receipts_dir() / "2026" / "TT-LPSE-2026-000009.pdf"
    receipt.parent.mkdir(parents=True, exist_ok=True)
    receipt.write_bytes(b"%PDF-1.4 the original")
    settings = paths.data_dir() / "settings.toml"
    settings.write_text('printer = ""\n', encoding="utf-8")
    kept = [backup, receipt, settings]
    if not db_url.startswith("postgresql"):
        kept.append(paths.default_db_path())
    before = {path: path.read_bytes() for path in kept}
    day = ("--dari", "2026-06-01", "--sampai", "2026-06-30")
    tries = [
        ("ikm", "report", *day, "--csv", str(backup)),
        ("report", "layanan", *day, "--pdf", str(receipt)),
        ("report", "kasus", *day, "--xlsx", str(receipt.with_name("baru.xlsx"))),
        ("audit", "list", "--csv", str(settings)),
        ("receipt", "reprint", "TT-LPSE/2026/000001", "--simpan", str(receipt)),
        ("ticket", "show", "TKT-LPSE/2026/000001", "--simpan", str(backup)),
    ]
    if not db_url.startswith("postgresql"):
        database = paths.default_db_path()
        tries += [("ikm", "report", *day, "--csv", str(database)),
                  ("report", "layanan", *day, "--xlsx", f"{database}-wal"),
                  # a disk that ignores case (Windows, macOS) takes this for the journal
                  ("report", "layanan", *day, "--csv",
                   str(database.with_name(database.name.upper() + "-SHM")))]  # fmt: skip
    for args in tries:
        refused = lpse(*args)
        assert refused.exit_code == 1, (args, refused.output)
        assert "tidak ada yang ditulis ke sana" in refused.stderr, (args, refused.stderr)
    assert {path: path.read_bytes() for path in kept} == before
    assert not receipt.with_name("baru.xlsx").exists()
