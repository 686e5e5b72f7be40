"""Settings: the file, the environment, and the queue rules they set."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from lpse_desk.config import load_settings
from lpse_desk.domain.errors import ConfigError


def _settings(tmp_path, text: str, environ: dict[str, str] | None = None):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, environ=environ or {})


def test_defaults_give_the_standard_queue_policy(tmp_path):
    policy = load_settings(tmp_path / "none.toml", environ={}).queue_policy()
    assert policy.no_show_window == timedelta(minutes=30)
    assert policy.booking_early == timedelta(minutes=15)
    assert policy.booking_late == timedelta(minutes=30)


def test_the_queue_windows_come_from_the_file(tmp_path):
    settings = _settings(
        tmp_path,
        "batas_tidak_hadir_menit = 45\nbooking_awal_menit = 0\nbooking_telat_menit = 60\n",
    )
    policy = settings.queue_policy()
    assert policy.no_show_window == timedelta(minutes=45)
    assert policy.booking_early == timedelta(0)
    assert policy.booking_late == timedelta(minutes=60)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("batas_tidak_hadir_menit = 0", "batas_tidak_hadir_menit harus bilangan bulat 1–480"),
        ('batas_tidak_hadir_menit = "30"', "batas_tidak_hadir_menit harus bilangan bulat"),
        ("booking_awal_menit = 121", "booking_awal_menit harus bilangan bulat 0–120"),
        ("booking_telat_menit = true", "booking_telat_menit harus bilangan bulat 0–240"),
        ("loket = 0", "loket harus bilangan bulat 1–99"),
        ("kunci_layar_menit = 0", "kunci_layar_menit harus bilangan bulat 1–60 \\(menit\\)"),
        ("kunci_layar_menit = 61", "kunci_layar_menit harus bilangan bulat 1–60"),
        ("kunci_layar_menit = true", "kunci_layar_menit harus bilangan bulat 1–60"),
        ("batas_tidak_hadir = 30", "kunci tidak dikenal: batas_tidak_hadir"),
    ],
)
def test_bad_values_name_the_key_and_the_range(tmp_path, line, message):
    with pytest.raises(ConfigError, match=message):
        _settings(tmp_path, line + "\n")


def test_the_environment_beats_the_file_for_the_loket(tmp_path):
    settings = _settings(tmp_path, "loket = 2\n", environ={"LPSE_DESK_LOKET": "4"})
    assert settings.loket == 4


def test_backup_and_import_settings_are_read_and_checked(tmp_path):
    settings = _settings(
        tmp_path, 'cadangan_folder = "~/cadangan"\ncadangan_simpan = 7\nimpor_maks_mb = 2\n'
    )
    assert settings.backup_dir == Path("~/cadangan").expanduser()
    assert (settings.backup_keep, settings.import_max_mb) == (7, 2)
    defaults = _settings(tmp_path, "")
    assert (defaults.backup_dir, defaults.backup_keep, defaults.import_max_mb) == (None, 30, 10)
    for line in ("cadangan_simpan = 0", "impor_maks_mb = true", 'cadangan_folder = ""'):
        with pytest.raises(ConfigError):
            _settings(tmp_path, line + "\n")


def test_the_idle_lock_defaults_to_five_minutes_and_comes_from_the_file(tmp_path):
    assert _settings(tmp_path, "").lock_minutes == 5
    assert _settings(tmp_path, "kunci_layar_menit = 2\n").lock_minutes == 2


def test_pin_minimal_may_ask_for_six_digits_and_nothing_else(tmp_path):
    assert _settings(tmp_path, "").pin_min_length == 4
    assert _settings(tmp_path, "pin_minimal = 6\n").pin_min_length == 6
    for value in ("5", "8", "6.0", '"6"', "true"):
        with pytest.raises(ConfigError, match="pin_minimal harus 4 atau 6"):
            _settings(tmp_path, f"pin_minimal = {value}\n")


def test_a_bad_pin_minimal_stops_a_command_with_the_reason(desk_home):
    from typer.testing import CliRunner

    from lpse_desk import paths
    from lpse_desk.cli.main import app

    paths.settings_file().write_text("pin_minimal = 5\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["staff", "list"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "pin_minimal harus 4 atau 6" in result.stderr
    assert "Traceback" not in result.output


def test_the_office_defaults_to_kota_bogor_and_comes_from_kantor(tmp_path):
    default = load_settings(tmp_path / "none.toml", environ={}).office
    assert default.address.startswith("Mal Pelayanan Publik Kota Bogor")
    assert default.hours_text == "Senin–Jumat 08.00–15.00 WIB"
    assert "lapor.go.id" in default.complaints and default.phone == ""
    office = _settings(
        tmp_path,
        '[kantor]\nalamat = "  Jl. Contoh   No. 1,\\tKota Bogor "\ntelepon = "(0251) 123456"\n'
        'jam_buka = "07.30"\njam_tutup = "16:00"\npengaduan = "SP4N-LAPOR!"\n',
    ).office
    assert office.address == "Jl. Contoh No. 1, Kota Bogor"  # spaces tidied
    assert office.phone == "(0251) 123456"
    assert office.hours_text == "Senin–Jumat 07.30–16.00 WIB"
    assert office.complaints == "SP4N-LAPOR!"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[kantor]\njam_buka = "8 pagi"\n', 'jam_buka: tulis jam seperti "08.00"'),
        ('[kantor]\njam_buka = "16.00"\njam_tutup = "15.00"\n', "harus sebelum jam tutup"),
        ('[kantor]\nalamat = ""\n', "alamat kantor belum diisi"),
        ('[kantor]\nfax = "1"\n', "[kantor] kunci tidak dikenal: fax"),
        ('kantor = "MPP"\n', "[kantor] harus berupa tabel"),
        ('[kantor]\ntelepon = 251\n', "[kantor] telepon harus berupa teks"),
    ],
)
def test_a_bad_kantor_names_what_is_wrong(tmp_path, body, message):
    with pytest.raises(ConfigError) as caught:
        _settings(tmp_path, body)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"printer = Loket1\n", "sintaks TOML salah pada baris 1, kolom 11: nilai tidak sah"),
        (b"loket = 2\nloket = 3\n", "sintaks TOML salah pada baris 2"),
        (b'printer = "\xff"\n', "bukan teks UTF-8; simpan ulang sebagai UTF-8"),
    ],
)
def test_a_settings_file_that_does_not_read_is_named_in_indonesian(tmp_path, data, said):
    path = tmp_path / "settings.toml"
    path.write_bytes(data)
    with pytest.raises(ConfigError) as refused:
        load_settings(path, environ={})
    assert said in str(refused.value) and str(path) in str(refused.value)
    assert "Invalid" not in str(refused.value) and "codec" not in str(refused.value)


def test_a_settings_file_saved_by_notepad_with_a_bom_reads(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xef\xbb\xbfloket = 3\n")
    assert load_settings(path, environ={}).loket == 3
