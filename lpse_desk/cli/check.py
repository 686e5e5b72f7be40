"""``lpse-desk check``: validate an identifier the way the desk does."""

from __future__ import annotations

from collections.abc import Callable

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


# Each identifier: its command (and ``CHECKERS`` key), what the value is, the command's help.
IDENTIFIERS = (
    ("nik", "NIK (16 digit).", "Periksa NIK (KTP)."),
    ("npwp", "NPWP (15 atau 16 digit).", "Periksa NPWP (15 atau 16 digit; NIK sebagai NPWP)."),
    ("nib", "NIB (13 digit).", "Periksa NIB (Nomor Induk Berusaha)."),
    ("nitku", "NITKU (22 digit).", "Periksa NITKU (NPWP 16 digit + 6 digit tempat kegiatan usaha)."),
    ("email", "Alamat email.", "Periksa alamat email."),
    ("telepon", "Nomor telepon.", "Periksa nomor telepon Indonesia."),
)


def _command(kind: str, what: str) -> Callable[[str], None]:
    """The command that checks one kind of identifier; its value's help says ``what``."""

    def check(value: str = typer.Argument(..., metavar=kind.upper(), help=what)) -> None:
        _run(kind, value)

    return check


for _kind, _what, _summary in IDENTIFIERS:
    app.command(_kind, help=_summary)(_command(_kind, _what))
