"""``lpse-desk audit verify``: is the event log as it was written?"""

from __future__ import annotations

import typer

from lpse_desk.cli.common import fail, open_engine

app = typer.Typer(help="Pemeriksaan log peristiwa.", no_args_is_help=True, rich_markup_mode=None)


@app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Periksa rantai log peristiwa; sebut peristiwa pertama yang diubah, diganti atau dihapus."""
    from lpse_desk.domain.errors import DeskError
    from lpse_desk.store import eventchain

    engine = open_engine(ctx)
    try:
        report = eventchain.verify(engine)
    except DeskError as exc:
        fail(str(exc))
    finally:
        engine.dispose()
    if not report.intact:
        fail(
            f"Log peristiwa TIDAK UTUH: peristiwa #{report.broken_id}: {report.reason}. "
            f"Sampai #{report.last_id} ({report.count - 1} peristiwa) rantainya utuh. "
            "Laporkan kepada kepala unit; pulihkan cadangan bila perlu."
        )
    count = f"{report.count:,}".replace(",", ".")
    typer.echo(f"Log peristiwa utuh: {count} peristiwa, rantai sampai #{report.last_id}.")
