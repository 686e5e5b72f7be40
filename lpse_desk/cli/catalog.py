"""``lpse-desk catalog``: the service catalog."""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli.common import commands, fail
from lpse_desk.domain.errors import DeskError

app = commands("Katalog layanan (data/catalog.toml).")


@app.command("check")
def check(
    file: Path | None = typer.Option(None, "--berkas", "--file", help="Berkas katalog lain untuk diperiksa."),
) -> None:
    """Periksa katalog dan tampilkan layanannya."""
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.catalog import VENDOR_TYPES, ChecklistFacts, build_checklist

    try:
        catalog = load_catalog(file)
    except DeskError as exc:
        fail(exc)
    typer.echo(f"Katalog {catalog.source} (versi {catalog.version}) valid.")
    for service in catalog.services.values():
        state = "buka" if service.is_open else f"TUTUP: {service.closed_message}"
        typer.echo(f"{service.code}\t{service.queue_prefix}\t{service.name}\t[{state}]")
        if not service.requirements:
            continue
        counts = []
        for vendor_type in VENDOR_TYPES:
            items = build_checklist(service, ChecklistFacts(vendor_type=vendor_type))
            mandatory = sum(1 for item in items if item.mandatory)
            counts.append(f"{vendor_type} {mandatory}")
        typer.echo("\tpersyaratan wajib: " + ", ".join(counts))
    _calendar_warning()


def _calendar_warning() -> None:
    """Said after the catalog: next year's cuti bersama still missing from the calendar."""
    from lpse_desk import paths
    from lpse_desk.domain.calendar import WorkingCalendar, missing_cuti_bersama
    from lpse_desk.domain.clock import SystemClock, today_wib

    try:
        calendar = WorkingCalendar.from_file(paths.calendar_file())
    except DeskError as exc:
        typer.echo(f"Peringatan: kalender tidak dapat dibaca: {exc}")
        return
    warning = missing_cuti_bersama(calendar, today_wib(SystemClock()))
    if warning:
        typer.echo(f"Peringatan: {warning}")
