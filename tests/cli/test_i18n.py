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
        ("No such command 'bogus'.", "Perintah 'bogus' tidak dikenal."),
        (
            "No such option: --rol Did you mean --role?",
            "Opsi --rol tidak dikenal. Maksud Anda --role?",
        ),
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
