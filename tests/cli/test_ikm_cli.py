"""``lpse-desk ikm import|report`` as an officer types them, wrong input included."""

from __future__ import annotations

import io

from pypdf import PdfReader
from typer.testing import CliRunner

from lpse_desk.cli.main import app

runner = CliRunner()

HEADER = (
    "tanggal;layanan;persyaratan;prosedur;waktu;biaya;produk;kompetensi;perilaku;pengaduan;"
    "sarana;jenis_kelamin;usia;pendidikan;pekerjaan;saran"
)
# DOMAIN.md §6's worked example, one questionnaire per line.
WORKED = [
    "4;3;3;4;3;4;4;3;3", "3;3;3;4;3;3;4;3;3", "4;4;3;4;4;4;4;3;4", "3;3;2;4;3;3;3;3;3",
    "4;4;4;4;4;4;4;4;4", "3;3;3;4;3;3;3;2;3", "4;3;3;4;3;4;4;3;3", "3;2;2;4;3;3;3;3;2",
    "4;4;3;4;3;4;4;3;3", "3;3;3;4;3;3;4;3;3",
]  # fmt: skip


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def questionnaires(tmp_path, lines, name="kuesioner.csv", bom=True):
    path = tmp_path / name
    body = "\n".join([HEADER, *lines]) + "\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode())
    return path


def worked_file(tmp_path):
    lines = [f"0{1 + i % 3}/05/2026;REG;{scores};;;;;" for i, scores in enumerate(WORKED)]
    lines[0] = "2026-05-01;REG;" + WORKED[0] + ";L;41;S1;PNS;Parkir & ruang tunggu sempit"
    return questionnaires(tmp_path, lines)


def test_import_then_report_prints_the_worked_example(migrated_home, tmp_path):
    imported = lpse("ikm", "import", str(worked_file(tmp_path)))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == (
        "10 kuesioner diimpor; 3 memuat nilai 1–2 dan masuk daftar tindak lanjut.\n"
    )
    result = lpse("ikm", "report", "--from", "2026-05-01", "--to", "31/05/2026")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Periode   : 1 Mei 2026 – 31 Mei 2026" in lines
    assert "Responden : 10 (kios 0, kertas 10)" in lines
    assert any(line.startswith("U3 Waktu penyelesaian") and line.endswith("29   2,90   72,50  C")
               for line in lines)  # fmt: skip
    assert "NRR tertimbang: 3,3444" in lines
    assert lines[-1] == "IKM: 83,61 — B (Baik)"
    # Paper answers only, no visit served in May: nothing was to be sampled (not "100%, tercapai").
    assert "Sampel    : tidak ada kunjungan selesai pada periode ini (N = 0); tidak ada sampel minimum, terkumpul 10" in lines
    compat = lpse("ikm", "report", "--from", "2026-05-01", "--to", "2026-05-31", "--bobot-011")
    assert compat.stdout.splitlines()[-1] == "IKM: 82,78 — B (Baik)"
    assert "opsi kompatibilitas" in compat.stdout


def test_report_writes_csv_with_a_point_and_a_pdf(migrated_home, tmp_path):
    lpse("ikm", "import", str(worked_file(tmp_path)))
    csv_path, pdf_path = tmp_path / "out" / "ikm.csv", tmp_path / "out" / "ikm.pdf"
    result = lpse("ikm", "report", "--from", "2026-05-01", "--to", "2026-05-31",
                  "--csv", str(csv_path), "--pdf", str(pdf_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = csv_path.read_text().splitlines()
    assert rows[0] == "kode,unsur,responden,jumlah_nilai,nrr,nilai,mutu"
    assert "waktu,Waktu penyelesaian,10,29,2.90,72.50,C" in rows
    assert rows[-1] == "ikm,IKM bobot 1/9,10,,,83.61,B"
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages
    )
    for expected in ("Laporan Indeks Kepuasan Masyarakat", "IKM 83,61", "B (Baik)",
                     "1 Mei 2026", "Waktu penyelesaian", "72,50", "Profil responden",
                     "Parkir & ruang tunggu sempit", "Rencana tindak lanjut"):  # fmt: skip
        assert expected in text
    assert not list(pdf_path.parent.glob(".*"))  # no temporary file left behind


def test_a_file_with_one_bad_line_imports_nothing_and_names_line_and_column(
    migrated_home, tmp_path
):
    bad = questionnaires(
        tmp_path,
        [
            "2026-05-04;REG;" + WORKED[0] + ";;;;;",
            "2026-05-04;REG;4;3;0;4;3;4;4;3;3;;;;;",
            "2026-05-04;XYZ;4;3;3;4;3;4;4;3;baik;X;;;;",
        ],
    )
    result = lpse("ikm", "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Galat: tidak ada kuesioner yang diimpor.",
        "  kuesioner.csv baris 3, kolom waktu: Nilai Waktu penyelesaian 0 di luar skala 1–4; "
        "isi 1, 2, 3 atau 4",
        "  kuesioner.csv baris 4, kolom layanan: Layanan 'XYZ' tidak dikenal; pilih salah satu: "
        "REG, UBAH, UID, KONS, LAT",
        '  kuesioner.csv baris 4, kolom sarana: Nilai Sarana dan prasarana "baik" bukan angka '
        "bulat; isi 1, 2, 3 atau 4",
        '  kuesioner.csv baris 4, kolom jenis_kelamin: Jenis kelamin "X" tidak dikenal; isi L '
        "atau P, atau kosongkan",
    ]
    report = lpse("ikm", "report", "--from", "2026-05-01", "--to", "2026-05-31")
    assert "Responden : 0 (kios 0, kertas 0)" in report.stdout
    assert report.stdout.splitlines()[-1] == "IKM: belum dapat dihitung (belum ada responden)"


def test_a_missing_score_column_is_a_file_error(migrated_home, tmp_path):
    path = tmp_path / "kurang.csv"
    path.write_text("tanggal,layanan,persyaratan\n2026-05-04,REG,3\n")
    result = lpse("ikm", "import", str(path))
    assert result.exit_code == 1
    assert "Kolom wajib tidak ada: prosedur, waktu" in result.stderr


def test_report_options_are_checked(migrated_home, tmp_path):
    result = lpse("ikm", "report", "--from", "2026-13-01", "--to", "2026-05-31")
    assert result.exit_code == 1 and result.stderr.startswith("Galat: --dari:")
    result = lpse("ikm", "report", "--from", "2026-05-31", "--to", "2026-05-01")
    assert "Periode terbalik" in result.stderr
    result = lpse("ikm", "report", "--from", "2026-05-01", "--to", "2026-05-31", "--layanan", "X")
    assert "Layanan 'X' tidak dikenal" in result.stderr
    missing = lpse("ikm", "import", str(tmp_path / "tidak-ada.csv"))
    assert missing.exit_code == 1 and "tidak ditemukan" in missing.stderr


def test_a_questionnaire_file_over_the_limit_is_refused_unread(migrated_home, tmp_path):
    from lpse_desk import paths

    paths.settings_file().write_text("impor_maks_mb = 1\n", encoding="utf-8")
    path = questionnaires(tmp_path, ["2026-05-01;REG;" + WORKED[0] + ";;;;;"] * 40_000)
    result = lpse("ikm", "import", str(path))
    assert result.exit_code == 1
    assert "melebihi batas impor 1 MB" in result.stderr
    assert "0 kuesioner" not in result.stdout
