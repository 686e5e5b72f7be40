"""Printing through CUPS ``lp``: a fake ``lp`` on PATH records what the desk asked for."""

from __future__ import annotations

import stat

from lpse_desk.receipts.printing import print_pdf


def _fake_lp(tmp_path, body: str):
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "lp"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return folder


def test_no_printer_configured_keeps_the_pdf_and_says_where(tmp_path):
    result = print_pdf(tmp_path / "a.pdf", None)
    assert not result.printed
    assert "Printer belum diatur" in result.message and str(tmp_path / "a.pdf") in result.message


def test_the_named_printer_gets_the_file(tmp_path, monkeypatch):
    log = tmp_path / "args.txt"
    monkeypatch.setenv("PATH", str(_fake_lp(tmp_path, f'echo "$@" > {log}\n')))
    pdf = tmp_path / "TT.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    result = print_pdf(pdf, "EPSON_L3210")
    assert result.printed
    assert log.read_text().split() == ["-d", "EPSON_L3210", "-n", "1", "--", str(pdf)]
    assert "Dikirim ke printer EPSON_L3210" in result.message


def test_a_failing_lp_is_reported_and_the_pdf_is_still_there(tmp_path, monkeypatch):
    body = 'echo "lp: The printer or class does not exist." >&2\nexit 1\n'
    monkeypatch.setenv("PATH", str(_fake_lp(tmp_path, body)))
    pdf = tmp_path / "TT.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    result = print_pdf(pdf, "TIDAK_ADA")
    assert not result.printed
    assert "does not exist" in result.message and str(pdf) in result.message
    assert pdf.exists()


def test_no_cups_on_the_machine(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = print_pdf(tmp_path / "a.pdf", "EPSON")
    assert not result.printed
    assert "'lp' (CUPS) tidak ada" in result.message
