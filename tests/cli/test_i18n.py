"""Usage errors from the parser are said in Indonesian by the real entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lpse_desk.cli.i18n import translate


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("Missing argument 'NAMA'.", "Argumen NAMA belum diisi."),
        ("Missing option '--role'.", "Opsi --role wajib diisi."),
        ("Missing option '--dari' / '--from'.", "Opsi --dari wajib diisi."),
        ("No such command 'bogus'.", "Perintah 'bogus' tidak dikenal."),
        ("No such option: --rol (Possible options: --role)", "Opsi --rol tidak dikenal."),
        ("Got unexpected extra argument (x)", "Argumen berlebih: x."),
        ("Option '--db' requires an argument.", "Opsi --db memerlukan nilai."),
        (
            "Invalid value for '--loket': Input should be greater than or equal to 1",
            "Nilai untuk --loket tidak valid: paling kecil 1.",
        ),
        (
            "Invalid value for '--panggilan-terakhir': Input should be less than or equal to 6",
            "Nilai untuk --panggilan-terakhir tidak valid: paling besar 6.",
        ),
    ],
)
def test_translate(english, indonesian):
    assert translate(english) == indonesian


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        # the English alias Click suggests is said by the option's Indonesian name
        (["staff", "add", "X", "--rol", "admin"], "Opsi --rol tidak dikenal. Maksud Anda --peran?"),
        (["staff", "add", "X", "--per", "admin"], "Opsi --per tidak dikenal. Maksud Anda --peran?"),
        # both names are close: the option is suggested once
        (["queue", "take", "--priorita", "x"], "Opsi --priorita tidak dikenal. Maksud Anda --prioritas?"),
        (["queue", "take", "--zzz"], "Opsi --zzz tidak dikenal."),
        # Click writes "argument(s)" now: still said in Indonesian
        (["sla", "due", "2026-06-10 09:00", "lebih"], "Argumen berlebih: lebih."),
        # an unknown command: the ones there are are named
        (["report", "loket"], "Perintah 'loket' tidak dikenal. Perintah yang ada: layanan, kasus."),
        # a close one too: said in Indonesian, before the list
        (["report", "kasu"], "Perintah 'kasu' tidak dikenal. Maksud Anda 'kasus'? Perintah yang "
         "ada: layanan, kasus."),
        # each half of an on/off flag by its own name: never only the opposite one
        (["receipt", "reprint", "X", "--no-cetak"],
         "Opsi --no-cetak tidak dikenal. Maksud Anda salah satu dari --cetak, --tanpa-cetak?"),
    ],
)
def test_an_unknown_option_or_command_says_what_there_is(desk_home, capsys, typed, said):
    from lpse_desk.cli.main import run

    with pytest.raises(SystemExit) as done:
        run(typed)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert f"Galat: {said}\n" in err
    assert "Possible" not in err


def test_entry_point_reports_a_missing_argument_in_indonesian(desk_home):
    result = subprocess.run(
        [sys.executable, "-m", "lpse_desk", "staff", "add"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Galat: Argumen NAMA belum diisi." in result.stderr
    assert "Coba 'lpse-desk staff add -h' untuk bantuan." in result.stderr
    assert "Usage" not in result.stderr
    assert result.stderr.startswith("Penggunaan: lpse-desk staff add [OPSI] {NAMA}\n")


def _command_paths(command, path=()):
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*path, name))


ENGLISH_HELP_WORDS = (
    "Usage", "Options", "Arguments", "Commands", "Show this message", "[required]",
    "[default", "[env var", "<str>", "<int", "<path>", "<float", "COMMAND", "[ARGS]",
)  # fmt: skip


def test_every_help_page_speaks_indonesian():
    """Every ``-h`` page, from ``lpse-desk -h`` down to each command: Indonesian headings and
    usage line, and none of the parser's English words."""
    import typer
    from typer.testing import CliRunner

    from lpse_desk.cli.main import app

    paths = list(_command_paths(typer.main.get_command(app)))
    assert len(paths) > 40  # the walk reached the commands, not only the groups
    runner = CliRunner()
    for path in paths:
        page = runner.invoke(app, [*path, "-h"]).output
        where = " ".join(("lpse-desk", *path))
        assert page.startswith(f"Penggunaan: {where} [OPSI]"), where
        assert "\nOpsi:\n" in page, where
        assert "-h, --help" in page and "Tampilkan bantuan ini lalu keluar." in page, where
        for word in ENGLISH_HELP_WORDS:
            assert word not in page, (where, word)
    groups = runner.invoke(app, ["queue", "-h"]).output
    assert "PERINTAH [ARG]..." in groups and "\nPerintah:\n" in groups
    taking = runner.invoke(app, ["queue", "take", "-h"]).output
    assert "\nArgumen:\n" in taking and "[wajib]" in taking
    # Options are named in Indonesian first; the older English names are still accepted.
    report = runner.invoke(app, ["report", "layanan", "-h"]).output
    assert "--dari, --from TANGGAL" in report and "--sampai, --to TANGGAL" in report
    adding = runner.invoke(app, ["staff", "add", "-h"]).output
    assert "--peran, --role" in adding
    # A first sentence is the summary in a group's list: no abbreviation may cut it short.
    assert "take    Ambil nomor antrian dan cetak nomornya, contohnya A-001." in groups


def test_the_entry_point_writes_its_help_in_indonesian(desk_home):
    result = subprocess.run(
        [sys.executable, "-m", "lpse_desk", "check", "nik", "-h"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Penggunaan: lpse-desk check nik [OPSI] {NIK}")
    assert "NIK <teks>  NIK (16 digit).  [wajib]" in result.stdout
