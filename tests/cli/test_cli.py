"""``lpse-desk`` commands as an officer or admin types them, wrong input included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lpse_desk import paths
from lpse_desk.cli.main import app
from lpse_desk.config import DB_ENV

runner = CliRunner()


def lpse(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    """Run ``lpse-desk ARGS`` in-process; exceptions surface as test errors, not exit codes."""
    return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)


def _staff_lines(*db: str, env: dict[str, str] | None = None) -> list[str]:
    result = lpse(*db, "staff", "list", env=env)
    assert result.exit_code == 0, result.output
    # Number, name and role; the other columns have their tests in test_staff_cli.py.
    return [
        "\t".join(line.split("\t")[:3])
        for line in result.stdout.splitlines()
        if line.startswith("#")
    ]


# --- db upgrade ---------------------------------------------------------------------------


def test_db_upgrade_migrates_once_then_says_it_is_current(desk_home):
    first = lpse("db", "upgrade")
    assert first.exit_code == 0, first.output
    assert first.stdout == "Basis data dimigrasi dari kosong ke 0014.\n"
    assert paths.default_db_path().is_file()
    second = lpse("db", "upgrade")
    assert second.exit_code == 0, second.output
    assert second.stdout == "Basis data sudah versi terbaru (0014).\n"


# --- staff --------------------------------------------------------------------------------


def test_staff_add_asks_the_pin_twice_and_lists_the_account(desk_home):
    assert lpse("staff", "list").stdout.startswith("Belum ada petugas.")
    added = lpse("staff", "add", "Siti Rahma", "--role", "admin", input="2468\n2468\n")
    assert added.exit_code == 0, added.output
    assert "Petugas ditambahkan: Siti Rahma (Admin / Kepala), nomor #1" in added.stdout
    assert "2468" not in added.output  # the PIN is never echoed
    second = lpse(
        "staff", "add", "Andi Wijaya", "--role", "ADMIN", "--admin", "Siti Rahma",
        input="2468\n97531\n97531\n",
    )  # fmt: skip
    assert second.exit_code == 0, second.output
    assert _staff_lines() == ["#2\tAndi Wijaya\tadmin", "#1\tSiti Rahma\tadmin"]


def test_staff_add_with_different_pins_adds_nobody(desk_home):
    result = lpse("staff", "add", "Siti Rahma", "--role", "admin", input="2468\n8642\n")
    assert result.exit_code == 1
    assert "Galat: Kedua PIN tidak sama; petugas tidak ditambahkan" in result.stderr
    assert _staff_lines() == []


def test_staff_add_with_an_unknown_role_explains_in_indonesian(desk_home):
    result = lpse("staff", "add", "Siti Rahma", "--role", "kepala", input="2468\n2468\n")
    assert result.exit_code == 1
    assert (
        "Galat: Peran 'kepala' tidak dikenal; pilih salah satu: petugas, verifikator, admin"
        in result.stderr
    )
    assert "PIN" not in result.output  # refused before asking for a PIN
    assert _staff_lines() == []


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("12\n", "PIN harus 4–12 angka; terisi 2 angka"),
        ("12ab\n", "PIN hanya boleh berisi angka 0–9"),
        ("0000\n", "PIN tidak boleh berupa satu angka yang diulang"),
        ("\n", "PIN wajib diisi"),
    ],
)
def test_staff_add_with_a_bad_pin_adds_nobody(desk_home, typed, problem):
    result = lpse("staff", "add", "Siti Rahma", "--role", "admin", input=typed)
    assert result.exit_code == 1
    assert f"Galat: {problem}" in result.stderr
    assert _staff_lines() == []


def test_staff_add_refuses_a_name_already_taken(desk_home):
    lpse("staff", "add", "Siti Rahma", "--role", "admin", input="2468\n2468\n")
    again = lpse(
        "staff", "add", "siti rahma", "--role", "admin", "--admin", "Siti Rahma",
        input="2468\n1357\n1357\n",
    )  # fmt: skip
    assert again.exit_code == 1
    assert "Galat: Nama petugas 'siti rahma' sudah terdaftar" in again.stderr
    assert _staff_lines() == ["#1\tSiti Rahma\tadmin"]


# --- catalog ------------------------------------------------------------------------------


def test_catalog_check_lists_the_five_services(desk_home):
    result = lpse("catalog", "check")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Katalog {desk_home / 'data' / 'catalog.toml'} (versi ")
    assert lines[0].endswith(" valid.")
    codes = [line.split("\t")[0] for line in lines[1:] if not line.startswith("\t")]
    assert codes == ["REG", "UBAH", "UID", "KONS", "LAT"]


def test_catalog_check_warns_when_next_year_has_no_cuti_bersama(desk_home, monkeypatch):
    from lpse_desk.domain import clock

    monkeypatch.setattr(clock, "today_wib", lambda _clock: date(2027, 6, 1))
    result = lpse("catalog", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("Peringatan: Cuti bersama 2028 belum ada")
    calendar = desk_home / "data" / "calendar.toml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace(
        '# 2028-01-02 = "Cuti Bersama Tahun Baru (SKB 3 Menteri)"',
        '2028-01-03 = "Cuti Bersama Tahun Baru (SKB 3 Menteri)"'), encoding="utf-8")  # fmt: skip
    quiet = lpse("catalog", "check")
    assert quiet.exit_code == 0 and "Peringatan" not in quiet.stdout


def _broken_copy(desk_home: Path, old: str, new: str) -> Path:
    text = (desk_home / "data" / "catalog.toml").read_text(encoding="utf-8")
    assert old in text
    broken = desk_home / "katalog-rusak.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    return broken


def test_catalog_check_names_the_problem_of_a_broken_file(desk_home):
    broken = _broken_copy(desk_home, "counter_minutes = ", "counter_minute = ")
    result = lpse("catalog", "check", "--file", str(broken))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(broken) in result.stderr
    assert 'layanan REG: kunci "counter_minute" tidak dikenal' in result.stderr


def test_catalog_check_reports_a_toml_syntax_error_and_a_missing_file(desk_home):
    broken = _broken_copy(desk_home, 'version = "', "version = ")
    result = lpse("catalog", "check", "--file", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Galat: {broken}")
    missing = lpse("catalog", "check", "--file", str(desk_home / "tidak-ada.toml"))
    assert missing.exit_code == 1
    assert "berkas katalog tidak ditemukan" in missing.stderr
    folder = lpse("catalog", "check", "--file", str(desk_home))  # "(Is a directory)" before
    assert folder.exit_code == 1 and "berkas katalog adalah folder" in folder.stderr


def test_catalog_check_reads_the_catalog_of_the_home(desk_home):
    _broken_copy(desk_home, "counter_minutes = ", "counter_minute = ").replace(
        desk_home / "data" / "catalog.toml"
    )
    result = lpse("catalog", "check")
    assert result.exit_code == 1
    assert "counter_minute" in result.stderr


# --- check nik | npwp | nib ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "normalized", "details"),
    [
        ("npwp", "01.312.166.0-091.000", "013121660091000", ["npwp 16: 0013121660091000"]),
        ("npwp", "0013121660091000", "0013121660091000", ["kode kpp: 091"]),
        (
            "nik",
            "3271011708450001",
            "3271011708450001",
            ["tanggal lahir: 1945-08-17", "jenis kelamin: L"],
        ),
        (
            "nik",
            "3271015708450001",
            "3271015708450001",
            ["tanggal lahir: 1945-08-17", "jenis kelamin: P"],
        ),
        ("nib", "9120301000001", "9120301000001", []),
    ],
)
def test_check_accepts_a_valid_identifier_and_prints_it_normalised(
    desk_home, kind, value, normalized, details
):
    result = lpse("check", kind, value)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert normalized in lines or f"normal: {normalized}" in lines
    for detail in details:
        assert detail in lines
    assert "Digit pemeriksa" not in result.stderr


def test_check_npwp_warns_about_a_bad_check_digit_but_lets_the_officer_proceed(desk_home):
    result = lpse("check", "npwp", "01.312.166.1-091.000")
    assert result.exit_code == 0, result.output
    assert "normal: 013121661091000" in result.stdout.splitlines()
    assert "Peringatan: Digit pemeriksa NPWP (digit ke-9) tidak cocok" in result.stderr


@pytest.mark.parametrize(
    ("kind", "value", "error"),
    [
        (
            "nik",
            "3171013002001234",
            "Galat: NIK tidak valid: Tanggal lahir pada NIK tidak valid (30-02-00)",
        ),
        ("nik", "9971011708450001", "Galat: NIK tidak valid: Kode provinsi NIK '99' tidak dikenal"),
        (
            "npwp",
            "01.312.166",
            "Galat: NPWP tidak valid: NPWP harus 15 atau 16 digit; terisi 8 digit",
        ),
        ("nib", "912030100000", "Galat: NIB tidak valid: NIB harus 13 digit; terisi 12 digit"),
        ("nib", "91203O1000001", "Galat: NIB tidak valid: NIB berisi karakter selain angka: 'O'"),
    ],
)
def test_check_rejects_an_invalid_identifier_with_the_reason(desk_home, kind, value, error):
    result = lpse("check", kind, value)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(error)


# --- sla due ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verified", "cuti_bersama", "short", "long"),
    [
        (
            "2026-03-13 10:00",
            "libur",
            "2026-03-16 10:00 WIB",
            "Senin, 16 Maret 2026 pukul 10.00 WIB",
        ),
        (
            "2026-03-13 10:00",
            "kerja",
            "2026-03-16 10:00 WIB",
            "Senin, 16 Maret 2026 pukul 10.00 WIB",
        ),
        ("2026-05-13 14:30", "libur", "2026-05-18 14:30 WIB", "Senin, 18 Mei 2026 pukul 14.30 WIB"),
        ("2026-05-13 14:30", "kerja", "2026-05-15 14:30 WIB", "Jumat, 15 Mei 2026 pukul 14.30 WIB"),
        (
            "2026-12-23 09:00",
            "libur",
            "2026-12-28 09:00 WIB",
            "Senin, 28 Desember 2026 pukul 09.00 WIB",
        ),
        (
            "2026-12-23 09:00",
            "kerja",
            "2026-12-24 09:00 WIB",
            "Kamis, 24 Desember 2026 pukul 09.00 WIB",
        ),
        # Verified on a Saturday: Monday's working hours, to the end of Monday.
        ("2026-07-11 10:00", "libur", "2026-07-13 24:00 WIB", "Senin, 13 Juli 2026 pukul 24.00 WIB"),
    ],
)
def test_sla_due_gives_domain_examples(desk_home, verified, cuti_bersama, short, long):
    result = lpse("sla", "due", verified, "--cuti-bersama", cuti_bersama)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{short}\n{long}\n"


def test_sla_due_follows_the_cuti_bersama_setting_when_no_option_is_given(desk_home):
    settings = desk_home / "data" / "settings.toml"
    settings.write_text('cuti_bersama = "kerja"\n', encoding="utf-8")
    assert lpse("sla", "due", "2026-05-13 14:30").stdout.startswith("2026-05-15 14:30 WIB\n")
    settings.write_text('cuti_bersama = "libur"\n', encoding="utf-8")
    assert lpse("sla", "due", "2026-05-13 14:30").stdout.startswith("2026-05-18 14:30 WIB\n")
    # The option beats the file.
    result = lpse("sla", "due", "2026-05-13 14:30", "--cuti-bersama", "kerja")
    assert result.stdout.startswith("2026-05-15 14:30 WIB\n")


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["2026-02-30 10:00"], "tanggal 30 tidak ada di bulan Februari 2026"),
        (["besok pagi"], "gunakan format YYYY-MM-DD HH:MM"),
        (
            ["2026-03-13 10:00", "--cuti-bersama", "mungkin"],
            "--cuti-bersama harus 'libur' atau 'kerja'",
        ),
    ],
)
def test_sla_due_refuses_bad_input(desk_home, args, problem):
    result = lpse("sla", "due", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Galat: ") and problem in result.stderr


# --- demo ---------------------------------------------------------------------------------

DEMO_LOGINS = [
    "  Ratna Sari — Admin / Kepala — 9753",
    "  Dewi Lestari — Petugas loket — 2468",
    "  Budi Santoso — Petugas loket — 1357",
    "  Andi Wijaya — Verifikator — 8642",
]


def test_demo_fills_its_own_database_and_prints_the_logins(desk_home):
    result = lpse("demo", "--no-open")
    assert result.exit_code == 0, result.output
    demo_url = paths.sqlite_url(paths.demo_db_path())
    assert result.stdout.splitlines() == [
        f"Basis data demo siap: {demo_url}",
        f"Tanda terima demo: {paths.demo_receipts_dir()}",
        "Akun demo (nama — peran — PIN):",
        *DEMO_LOGINS,
    ]
    assert not paths.default_db_path().exists()  # the working database is never touched
    demo_pdfs = sorted(paths.demo_receipts_dir().rglob("*.pdf"))
    assert demo_pdfs and all(p.name.startswith("TT-LPSE-") for p in demo_pdfs)
    assert not list(paths.receipts_dir().glob("2*"))  # none among the working receipts
    checked = lpse("--db", demo_url, "receipt", "verify", str(demo_pdfs[0]))
    assert checked.exit_code == 0 and checked.stdout.startswith("SAH: TT-LPSE/")
    assert len(_staff_lines("--db", demo_url)) == 4
    _a_demo_officer_tries_the_desk()
    again = lpse("demo", "--no-open")  # demo accounts at work are no real data: refilled
    assert again.exit_code == 0, again.output
    assert again.stdout == result.stdout
    assert len(_staff_lines("--db", demo_url)) == 4  # refilled, not doubled
    assert sorted(paths.demo_receipts_dir().rglob("*.pdf")) == demo_pdfs  # renumbered


def test_demo_refuses_a_database_with_real_data(desk_home, tmp_path):
    url = paths.sqlite_url(tmp_path / "kantor.db")
    assert lpse("--db", url, "db", "init").exit_code == 0  # an address of one's own: made first
    lpse("--db", url, "staff", "add", "Siti Rahma", "--role", "admin", input="2468\n2468\n")
    result = lpse("--db", url, "demo", "--no-open")
    assert result.exit_code == 1
    assert f"Galat: Basis data {url} berisi data yang bukan demo" in result.stderr
    assert "Akun demo" not in result.stdout
    assert _staff_lines("--db", url) == ["#1\tSiti Rahma\tadmin"]


def test_demo_refuses_a_demo_database_to_which_real_data_was_added(desk_home):
    demo_url = paths.sqlite_url(paths.demo_db_path())
    assert lpse("demo", "--no-open").exit_code == 0
    added = lpse(
        "--db", demo_url, "staff", "add", "Siti Rahma", "--role", "admin",
        "--admin", "Ratna Sari", input="9753\n2468\n2468\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    result = lpse("demo", "--no-open")
    assert result.exit_code == 1
    assert "#5\tSiti Rahma\tadmin" in _staff_lines("--db", demo_url)


def _a_demo_officer_tries_the_desk() -> None:
    """What `make demo` invites: Dewi (a demo officer) takes a ticket in the desk, then quits."""
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries import queue

    store_engine = make_engine(paths.sqlite_url(paths.demo_db_path()))
    now = SystemClock().now()
    with write_session(store_engine) as session:
        queue.register_visit(
            session=session,
            service_code="REG",
            prefix="A",
            service_date=now.date(),
            arrived_at=now,
            actor="Dewi Lestari (#2)",
        )
    store_engine.dispose()


# --- choosing the database ----------------------------------------------------------------


def test_db_option_selects_the_database(desk_home, tmp_path):
    url = paths.sqlite_url(tmp_path / "lain.db")
    assert lpse("--db", url, "db", "init").exit_code == 0  # another address: made on purpose
    added = lpse("--db", url, "staff", "add", "Siti Rahma", "--role", "admin", input="2468\n2468\n")
    assert added.exit_code == 0, added.output
    assert (tmp_path / "lain.db").is_file()
    assert not paths.default_db_path().exists()
    assert _staff_lines("--db", url) == ["#1\tSiti Rahma\tadmin"]


def test_environment_variable_selects_the_database_and_the_option_wins(desk_home, tmp_path):
    env_url = paths.sqlite_url(tmp_path / "dari-env.db")
    option_url = paths.sqlite_url(tmp_path / "dari-opsi.db")
    env = {DB_ENV: env_url}
    made = lpse("db", "init", env=env)
    assert made.exit_code == 0, made.output
    assert (tmp_path / "dari-env.db").is_file()
    lpse("staff", "add", "Siti Rahma", "--role", "admin", input="2468\n2468\n", env=env)
    assert _staff_lines(env=env) == ["#1\tSiti Rahma\tadmin"]
    chosen = lpse("--db", option_url, "staff", "list", env=env)  # the option's: not made yet
    assert chosen.exit_code == 1 and f"Basis data {tmp_path / 'dari-opsi.db'} belum ada" in (
        chosen.stderr
    )
    assert lpse("--db", option_url, "db", "init", env=env).exit_code == 0
    assert lpse("--db", option_url, "staff", "list", env=env).stdout.startswith("Belum ada petugas")
    assert not paths.default_db_path().exists()


def test_demo_follows_the_environment_variable(desk_home, tmp_path):
    env_url = paths.sqlite_url(tmp_path / "demo-env.db")
    result = lpse("demo", "--no-open", env={DB_ENV: env_url})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Basis data demo siap: {env_url}\n")
    assert not paths.demo_db_path().exists()


def test_a_broken_settings_file_is_named_not_ignored(desk_home):
    settings = desk_home / "data" / "settings.toml"
    settings.write_text('db = "sqlite:///x.db"\nloket_nomor = 2\n', encoding="utf-8")
    result = lpse("staff", "list")
    assert result.exit_code == 1
    assert result.stderr == f"Galat: {settings}: kunci tidak dikenal: loket_nomor\n"


def test_an_unusable_database_url_is_an_error_not_a_traceback(desk_home):
    result = lpse("--db", "bukan-url", "staff", "list")
    assert result.exit_code == 1
    assert result.stderr.startswith("Galat: ")
    assert "Traceback" not in result.output
