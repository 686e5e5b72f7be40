"""``lpse-desk demo``: fill (and open) the demo database."""

from __future__ import annotations

import os
import shutil

import typer

from lpse_desk.cli.common import fail, state
from lpse_desk.domain.errors import DeskError


def demo_url(ctx: typer.Context) -> str:
    """``--db``, else ``LPSE_DESK_DB``, else ``data/demo.db`` (never the working database)."""
    from lpse_desk import paths
    from lpse_desk.config import DB_ENV

    override = state(ctx).db_override or os.environ.get(DB_ENV, "").strip()
    return override or paths.sqlite_url(paths.demo_db_path())


def demo(
    ctx: typer.Context,
    no_open: bool = typer.Option(False, "--no-open", help="Isi saja, jangan buka aplikasi."),
) -> None:
    """Isi basis data demo (dihapus dan diisi ulang setiap kali), lalu buka aplikasi."""
    from lpse_desk import demo as demo_store
    from lpse_desk import paths, receipts
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.db import current_revision, make_engine, read_session, upgrade

    url = demo_url(ctx)
    try:
        catalog = load_catalog()
        calendar = WorkingCalendar.from_file(
            paths.calendar_file(), cuti_bersama_closed=state(ctx).settings().cuti_bersama_closed
        )
        engine = make_engine(url)
        # A database without a schema is built here and holds nothing: no wipe (which would
        # drop and build every table again, ~2 s).
        pristine = current_revision(engine) is None
        upgrade(engine)
        with read_session(engine) as session:
            if not demo_store.may_refill(session=session):
                fail(
                    f"Basis data {url} berisi data yang bukan demo; "
                    "demo tidak akan menghapusnya. Pilih basis data lain dengan --db."
                )
        if not pristine:
            demo_store.wipe(engine)
        # The demo's receipts are renumbered from 1 on every refill: clear the old files.
        shutil.rmtree(paths.demo_receipts_dir(), ignore_errors=True)
        logins = demo_store.fill(
            engine,
            catalog=catalog,
            calendar=calendar,
            now=SystemClock().now(),
            render=receipts.render_receipt,
            receipts_dir=paths.demo_receipts_dir(),
            office=state(ctx).settings().office,
        )
        engine.dispose()
    except DeskError as exc:
        fail(exc)
    typer.echo(f"Basis data demo siap: {url}")
    typer.echo(f"Tanda terima demo: {paths.demo_receipts_dir()}")
    typer.echo("Akun demo (nama — peran — PIN):")
    for login in logins:
        typer.echo(f"  {login.name} — {login.role.label} — {login.pin}")
    if not no_open:
        from lpse_desk.cli.desk import on_a_terminal, open_desk

        if not on_a_terminal():  # filled for a script: the desk is opened from a terminal
            typer.echo(f"Tanpa terminal: aplikasi tidak dibuka. Buka dengan: lpse-desk --db {url}")
            return
        open_desk(ctx, url)
