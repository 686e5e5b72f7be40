"""``lpse-desk check``: validate an identifier the way the desk does."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import commands, fail, warn

app = commands("Periksa NIK, NPWP, NIB dan nomor lainnya.")


def _run(kind: str, value: str) -> None:
    from lpse_desk.domain.clock import SystemClock, today_wib
    from lpse_desk.domain.identifiers import CHECKERS

    result = CHECKERS[kind](value, today=today_wib(SystemClock()))
    if not result.ok:
        fail(f"{result.kind} tidak valid: {result.error}")
    typer.echo(result.display or result.normalized)
    if result.display and result.display != result.normalized:
        typer.echo(f"normal: {result.normalized}")
    for name, detail in result.details.items():
        typer.echo(f"{name.replace('_', ' ')}: {detail}")
    for warning in result.warnings:
        warn(warning)


@app.command("nik")
def nik(value: str = typer.Argument(..., help="NIK (16 digit).")) -> None:
    """Periksa NIK (KTP)."""
    _run("nik", value)


@app.command("npwp")
def npwp(value: str = typer.Argument(..., help="NPWP (15 atau 16 digit).")) -> None:
    """Periksa NPWP (15 atau 16 digit; NIK sebagai NPWP)."""
    _run("npwp", value)


@app.command("nib")
def nib(value: str = typer.Argument(..., help="NIB (13 digit).")) -> None:
    """Periksa NIB (Nomor Induk Berusaha)."""
    _run("nib", value)


@app.command("nitku")
def nitku(value: str = typer.Argument(..., help="NITKU (22 digit).")) -> None:
    """Periksa NITKU (NPWP 16 digit + 6 digit tempat kegiatan usaha)."""
    _run("nitku", value)


@app.command("email")
def email(value: str = typer.Argument(..., help="Alamat email.")) -> None:
    """Periksa alamat email."""
    _run("email", value)


@app.command("telepon")
def phone(value: str = typer.Argument(..., help="Nomor telepon.")) -> None:
    """Periksa nomor telepon Indonesia."""
    _run("telepon", value)
