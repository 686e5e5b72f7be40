"""``lpse-desk sla``: service-standard deadlines on the working calendar."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import commands, fail, state
from lpse_desk.domain.errors import DeskError

app = commands("Tenggat standar pelayanan (hari kerja).")


@app.command("due")
def due(
    ctx: typer.Context,
    verified_at: str = typer.Argument(
        ..., metavar="'YYYY-MM-DD HH:MM'", help="Waktu berkas lengkap diverifikasi (WIB)."
    ),
    cuti_bersama: str | None = typer.Option(
        None, "--cuti-bersama", help="libur (kantor tutup) atau kerja (tetap melayani)."
    ),
    hours: int = typer.Option(24, "--jam", min=1, max=24 * 30, help="Jam kerja standar."),
) -> None:
    """Tenggat penyelesaian untuk berkas yang lengkap diverifikasi pada waktu itu."""
    from lpse_desk import paths
    from lpse_desk.domain.calendar import WorkingCalendar, parse_cuti_bersama
    from lpse_desk.domain.textfmt import format_deadline_id, format_deadline_wib, parse_wib

    try:
        moment = parse_wib(verified_at)
        closed = parse_cuti_bersama(cuti_bersama) if cuti_bersama is not None else None
        if closed is None:
            closed = state(ctx).settings().cuti_bersama_closed
        calendar = WorkingCalendar.from_file(paths.calendar_file(), cuti_bersama_closed=closed)
        deadline = calendar.due_at(moment, hours=hours)
    except DeskError as exc:
        fail(exc)
    typer.echo(format_deadline_wib(deadline))
    typer.echo(format_deadline_id(deadline))
