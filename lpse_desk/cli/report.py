"""``lpse-desk report``: the head of unit's reports (the counter report; the case report,
PDF and spreadsheets are to come, issue 16)."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import commands, day_option, desk_store
from lpse_desk.domain.textfmt import printable

app = commands("Laporan kepala unit: layanan loket.")


@app.command("layanan")
def counter(
    ctx: typer.Context,
    start: str = typer.Option(
        ..., "--from", metavar="TANGGAL", help="Mulai (YYYY-MM-DD atau DD/MM/YYYY)."
    ),
    end: str = typer.Option(..., "--to", metavar="TANGGAL", help="Sampai, termasuk hari itu."),
    service: str | None = typer.Option(
        None, "--layanan", metavar="KODE", help="Hanya satu layanan."
    ),
    loket: int | None = typer.Option(
        None, "--loket", metavar="N", min=1, max=99, help="Hanya satu loket."
    ),
    officer: str | None = typer.Option(
        None, "--petugas", metavar="NAMA", help="Hanya kunjungan yang diselesaikan petugas ini."
    ),
) -> None:
    """Laporan layanan loket: kunjungan, waktu tunggu dan layanan, standar layanan, per
    petugas dan per jam, dibanding periode sebelumnya yang sama panjang."""
    first, last = day_option(start, "--from"), day_option(end, "--to")
    with desk_store(ctx) as store:
        officer_id = store.staff_admin.named(officer).id if officer else None
        report = store.reports.counter(
            start=first, end=last, service_code=service, loket=loket, officer_id=officer_id
        )
        names = {a.member.id: a.member.name for a in store.staff_admin.accounts()}
    from lpse_desk.domain.reports.text import counter_lines

    for line in counter_lines(report.now, report.before, names):
        typer.echo(printable(line))
