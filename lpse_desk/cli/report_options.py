"""The period and service every report command takes (``report layanan``, ``report kasus``,
``ikm report``), declared once so that their help reads the same."""

from __future__ import annotations

import typer

FROM_OPTION = typer.Option(
    ..., "--dari", "--from", metavar="TANGGAL", help="Mulai (YYYY-MM-DD atau DD/MM/YYYY)."
)
"""A report's first day (``common.day_option`` reads it)."""
TO_OPTION = typer.Option(..., "--sampai", "--to", metavar="TANGGAL", help="Sampai, termasuk hari itu.")
"""A report's last day, included."""
SERVICE_OPTION = typer.Option(
    None, "--layanan", metavar="KODE", help="Hanya satu layanan (REG, UBAH, …)."
)
"""A report for one service only."""
