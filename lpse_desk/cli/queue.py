"""``lpse-desk queue``: tickets, the MPP booking list, the day's queue."""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli.common import (
    TODAY_OPTION,
    commands,
    day_option,
    desk_store,
    echo_row,
    fail,
    import_file,
)
from lpse_desk.domain.errors import DeskError

app = commands("Antrian hari ini: ambil nomor, impor booking MPP, daftar antrian.")


@app.command("take")
def take(
    ctx: typer.Context,
    service: str = typer.Argument(..., metavar="LAYANAN", help="Kode layanan: REG, UBAH, UID, …"),
    booking: str | None = typer.Option(
        None, "--booking", metavar="KODE", help="Kode booking MPP (check-in)."
    ),
    priority: str | None = typer.Option(
        None, "--prioritas", "--priority", metavar="PRIORITAS", help="lansia, disabilitas atau hamil."
    ),
    name: str | None = typer.Option(None, "--nama", metavar="NAMA", help="Nama pengunjung."),
) -> None:
    """Ambil nomor antrian dan cetak nomornya, contohnya A-001."""
    from lpse_desk.domain.actors import cli_who
    from lpse_desk.domain.queue.rules import check_priority

    if booking is not None and name is not None:  # it was ignored without a word
        fail("--nama tidak dipakai bersama --booking: nama pengunjung diambil dari bookingnya.")
    try:
        check_priority(priority)
    except DeskError as exc:
        fail(exc)
    with desk_store(ctx) as store:
        if booking is not None:
            visit = store.queue.check_in(
                cli_who(), booking, service_code=service, priority=priority
            )
        else:
            visit = store.queue.take(cli_who(), service, name=name, priority=priority)
    typer.echo(visit.ticket)


@app.command("import")
def import_bookings(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="BERKAS.csv", help="Daftar booking dari MPP."),
) -> None:
    """Impor daftar booking MPP (kode_booking,nama,no_hp,layanan,tanggal,jam).

    Seluruh berkas diperiksa dulu: bila ada satu baris salah, tidak ada yang diimpor.
    Mengimpor berkas yang sama dua kali tidak membuat booking ganda (juga untuk melanjutkan
    impor yang terputus). Berkas di atas impor_maks_mb (bawaan 10 MB) ditolak.
    """
    outcome = import_file(ctx, file, "booking", lambda store: store.queue.import_bookings)
    result = outcome.result
    message = f"{result.added} booking diimpor"
    if result.unchanged:
        message += f", {result.unchanged} sudah ada sebelumnya (dilewati)"
    typer.echo(message + ".")


@app.command("list")
def list_queue(
    ctx: typer.Context,
    day: str | None = TODAY_OPTION,
) -> None:
    """Antrian satu hari: nomor, status, nama, layanan, jam, lama tunggu/layanan; satu per baris."""
    from lpse_desk.domain.entities import VISIT_STATUS_LABELS
    from lpse_desk.domain.privacy import mask_logged_text

    wanted = day_option(day)
    from lpse_desk.domain.textfmt import format_elapsed_id

    with desk_store(ctx) as store:
        visits = store.queue.visits(wanted)
        spent = store.queue.day_times(wanted)
    if not visits:
        typer.echo("Tidak ada antrian pada hari itu.")
    for visit in visits:
        times = [f"datang {visit.arrived_at:%H:%M}"]
        if visit.called_at:
            times.append(f"dipanggil {visit.called_at:%H:%M}")
        if visit.served_at:
            times.append(f"dilayani {visit.served_at:%H:%M}")
        if visit.finished_at:
            ended = VISIT_STATUS_LABELS[visit.status].lower()
            times.append(f"{ended} {visit.finished_at:%H:%M}")
        fields = [
            visit.ticket,
            VISIT_STATUS_LABELS[visit.status].lower(),
            mask_logged_text(visit.visitor_name) or "-",  # a phone in a booked name: masked
            visit.service_code,
            " ".join(times),
        ]
        took = spent.get(visit.id)
        if took is not None and visit.called_at:
            fields.append(f"tunggu {format_elapsed_id(took.waiting)}")
        if took is not None and visit.served_at:
            fields.append(f"layanan {format_elapsed_id(took.serving)}")
        echo_row(fields)
