"""``lpse-desk db``: database maintenance."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import fail, state

app = typer.Typer(help="Pemeliharaan basis data.", no_args_is_help=True, rich_markup_mode=None)


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Jalankan migrasi skema basis data sampai versi terbaru."""
    from lpse_desk.store.db import HEAD_REVISION, current_revision, make_engine
    from lpse_desk.store.db import upgrade as run_upgrade

    url = state(ctx).settings().db_url
    try:
        engine = make_engine(url)
        before = current_revision(engine)
        if before == HEAD_REVISION:
            typer.echo(f"Basis data sudah versi terbaru ({HEAD_REVISION}).")
            return
        run_upgrade(engine)
    except Exception as exc:
        fail(f"Migrasi gagal ({url}): {exc}")
    typer.echo(f"Basis data dimigrasi dari {before or 'kosong'} ke {HEAD_REVISION}.")
