"""``lpse-desk db``: database maintenance."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import commands, fail, state
from lpse_desk.domain.textfmt import printable

app = commands("Pemeliharaan basis data.")


@app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Jalankan migrasi skema basis data sampai versi terbaru."""
    from lpse_desk.store.db import HEAD_REVISION, current_revision, make_engine, shown_url
    from lpse_desk.store.db import upgrade as run_upgrade

    settings = state(ctx).settings()
    url = settings.db_url
    where = shown_url(url)  # never the password
    try:
        engine = make_engine(url, create=settings.creates_db)
        before = current_revision(engine)
        if before == HEAD_REVISION:
            typer.echo(f"Basis data sudah versi terbaru ({HEAD_REVISION}).")
            return
        run_upgrade(engine)
    except Exception as exc:
        from lpse_desk.store.faults import describe

        fail(f"Migrasi gagal ({where}): {describe(exc)}")
    typer.echo(f"Basis data dimigrasi dari {before or 'kosong'} ke {HEAD_REVISION}.")


@app.command("init")
def init(ctx: typer.Context) -> None:
    """Buat basis data baru (hanya bila belum ada berkas, atau berkasnya kosong 0 byte)."""
    from lpse_desk.store.db import HEAD_REVISION, current_revision, make_engine, sqlite_path
    from lpse_desk.store.db import upgrade as run_upgrade
    from lpse_desk.store.faults import describe

    url = state(ctx).settings().db_url
    try:
        engine = make_engine(url, allow_empty=True)
        where = sqlite_path(engine) or engine.url.render_as_string()
        try:
            if current_revision(engine) is not None:
                fail(
                    f"Basis data {where} sudah ada dan berisi skema LPSE Desk; tidak dibuat "
                    "ulang. Untuk memulihkan cadangan: 'lpse-desk db restore CADANGAN'."
                )
            run_upgrade(engine)
        finally:
            engine.dispose()
    except typer.Exit:
        raise
    except Exception as exc:
        fail(describe(exc))
    typer.echo(f"Basis data baru dibuat di {where} (skema {HEAD_REVISION}).")


@app.command("check")
def check(ctx: typer.Context) -> None:
    """Periksa keutuhan basis data (integrity_check dan foreign key); keluar 1 bila rusak."""
    from lpse_desk.store.db import current_revision, make_engine, quick_check
    from lpse_desk.store.faults import describe

    url = state(ctx).settings().db_url
    try:
        engine = make_engine(url, create=False)  # a check makes nothing
        try:
            problems = quick_check(engine, full=True)
            revision = current_revision(engine) if not problems else None
            broken_keys = [] if problems else _foreign_key_problems(engine)
        finally:
            engine.dispose()
    except Exception as exc:
        fail(describe(exc))
    if problems or broken_keys:
        found = problems + broken_keys
        typer.echo(f"Basis data RUSAK: {len(found)} masalah. Rincian dari SQLite:")
        for line in found[:10]:
            typer.echo(f"  {printable(line)}")
        if len(found) > 10:
            typer.echo(f"  … dan {len(found) - 10} lainnya")
        fail(
            "Jangan lanjut bekerja dengan basis data ini. Pulihkan cadangan terbaru: "
            "'lpse-desk db backups', lalu 'lpse-desk db restore CADANGAN'."
        )
    typer.echo(f"Basis data utuh (integrity_check: ok; skema {revision or 'kosong'}).")


def _foreign_key_problems(engine) -> list[str]:
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        conn.rollback()
    return [f"tabel {row[0]} baris {row[1]} menunjuk {row[2]} yang tidak ada" for row in rows]


def _register_backups() -> None:
    from lpse_desk.cli import backup

    app.command("backup")(backup.backup)
    app.command("backups")(backup.backups)
    app.command("restore")(backup.restore)


_register_backups()


@app.command("copy")
def copy(
    ctx: typer.Context,
    to: str = typer.Option(
        ..., "--ke", metavar="URL",
        help="Basis data tujuan yang kosong, mis. postgresql+psycopg://lpse@server/lpse.",
    ),  # fmt: skip
) -> None:
    """Salin seluruh basis data ini (semua tabel, penghitung nomor, log peristiwa) ke basis
    data lain yang kosong, misalnya server PostgreSQL, dalam satu transaksi: gagal di tengah
    berarti tujuan tetap kosong. Salinan diperiksa (jumlah baris setiap tabel, rantai log
    peristiwa, tanda terima terbaru digambar ulang sama persis) sebelum disimpan."""
    from lpse_desk import paths, receipts
    from lpse_desk.store.copy import copy_store
    from lpse_desk.store.db import make_engine, open_store
    from lpse_desk.store.faults import describe
    from lpse_desk.store.services.receiptfiles import station_of

    source_url = state(ctx).settings().db_url
    if to.strip() == source_url:
        fail("--ke: tujuan sama dengan basis data ini; sebutkan basis data lain yang kosong")
    source = target = None
    try:
        source, _ = open_store(source_url, create=False)  # a mistyped source: refused
        target = make_engine(to.strip(), allow_empty=True)
        report = copy_store(
            source, target, station=station_of(paths.receipts_dir()), render=receipts.render_receipt
        )
    except typer.Exit:
        raise
    except Exception as exc:
        fail(f"Salinan gagal; basis data tujuan tidak diubah. {describe(exc)}")
    finally:
        for engine in (source, target):
            if engine is not None:
                engine.dispose()
    shown = target.url.render_as_string(hide_password=True)
    rows = sum(report.rows.values())
    typer.echo(f"Disalin ke {printable(shown)}: {rows} baris dari {len(report.rows)} tabel, "
               f"jumlah baris setiap tabel sama.")  # fmt: skip
    typer.echo(f"Rantai log peristiwa utuh: {report.events} peristiwa.")
    if report.receipt_checked:
        typer.echo(f"Tanda terima {report.receipt_checked} digambar ulang dari salinan: sama persis.")
    if report.stations_named:
        typer.echo(f"{report.stations_named} tanda terima lama ditandai sebagai milik PC ini.")
    typer.echo("Isi db = \"…\" di data/settings.toml setiap PC dengan alamat tujuan itu.")
