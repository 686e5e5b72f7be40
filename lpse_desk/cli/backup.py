"""``lpse-desk db backup|backups|restore``: copies of the database, and putting one back."""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli.common import echo_row, fail, state, warn
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.textfmt import printable


def _sqlite_file(ctx: typer.Context) -> Path:
    """The database file of the selected URL; another database is refused."""
    from lpse_desk.store.backup import sqlite_file_of  # deferred: SQLAlchemy costs ~0.2 s

    try:
        return sqlite_file_of(state(ctx).settings().db_url)
    except DeskError as exc:
        fail(exc)


def _folder(ctx: typer.Context, db_path: Path, chosen: Path | None) -> Path:
    from lpse_desk.store.backup import default_folder

    return chosen or state(ctx).settings().backup_dir or default_folder(db_path)


def _shown_counts(counts: dict[str, int]) -> str:
    from lpse_desk.store.backup import SHOWN_TABLES

    return ", ".join(
        f"{counts[name]:,} {label}".replace(",", ".")
        for name, label in SHOWN_TABLES.items()
        if name in counts
    )


def _size(size: int) -> str:
    return (
        f"{size / 1_048_576:.1f} MB".replace(".", ",")
        if size >= 1_048_576
        else f"{size // 1024} KB"
    )


def backup(
    ctx: typer.Context,
    to: Path | None = typer.Option(
        None, "--ke", metavar="FOLDER", help="Folder cadangan (bawaan: data/cadangan/)."
    ),
) -> None:
    """Cadangkan basis data sekarang, juga saat desk sedang bekerja.

    Salinan dibuat dengan API backup SQLite (bukan salin berkas), diperiksa, diberi nama
    tanggal dan jam WIB; yang lebih lama dari batas simpan dihapus. PDF tanda terima tidak
    perlu dicadangkan: semuanya dapat dibuat ulang dari basis data dengan
    'lpse-desk receipt repair --semua'.
    """
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.backup import gently, take
    from lpse_desk.store.db import make_engine, refuse_if_damaged

    db_path = _sqlite_file(ctx)
    settings = state(ctx).settings()
    folder = _folder(ctx, db_path, to)
    if not db_path.is_file():
        fail(f"Basis data {db_path} tidak ada; tidak ada yang dicadangkan")
    try:
        engine = make_engine(settings.db_url)
        try:
            refuse_if_damaged(engine)  # a damaged database is not copied over good backups
        finally:
            engine.dispose()
        now = SystemClock().now()
        # desks at work go first; the backup may take a little longer
        info = gently(lambda: take(db_path, folder, now=now, keep=settings.backup_keep))
    except DeskError as exc:
        fail(exc)
    typer.echo(f"Cadangan dibuat dan diperiksa: {printable(str(info.path))}")
    typer.echo(f"  {_size(info.size)}; {_shown_counts(info.counts)}")
    typer.echo(f"  Disimpan {settings.backup_keep} cadangan terbaru di {printable(str(folder))}.")


def backups(
    ctx: typer.Context,
    folder_option: Path | None = typer.Option(
        None, "--di", metavar="FOLDER", help="Folder cadangan (bawaan: data/cadangan/)."
    ),
) -> None:
    """Daftar cadangan, terbaru lebih dulu: umur, ukuran, dan isinya."""
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.backup import list_backups

    db_path = _sqlite_file(ctx)
    folder = _folder(ctx, db_path, folder_option)
    if folder_option is not None and not folder.is_dir():  # a typo, not "no backups yet"
        fail(f"--di: folder {folder} tidak ada; periksa alamatnya")
    found = list_backups(folder, db_path.stem)
    if not found:
        typer.echo(
            f"Belum ada cadangan di {printable(str(folder))}. Buat dengan 'lpse-desk db backup'."
        )
        return
    now = SystemClock().now()
    for info in found:
        counts = _shown_counts(info.counts) if info.counts else "RUSAK atau bukan cadangan desk"
        fields = [info.path.name, _age(now, info.taken_at), _size(info.size), counts]
        echo_row(fields)


def _age(now, then) -> str:
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 1:
        return "baru saja"
    if minutes < 60:
        return f"{minutes} menit lalu"
    if minutes < 48 * 60:
        return f"{minutes // 60} jam lalu"
    return f"{minutes // (24 * 60)} hari lalu"


def restore(
    ctx: typer.Context,
    source: Path = typer.Argument(..., metavar="CADANGAN", help="Berkas cadangan (.db)."),
    yes: bool = typer.Option(
        False, "--ya", help="Pulihkan juga cadangan dari instalasi lain (kunci tanda terima lain)."
    ),
) -> None:
    """Pulihkan basis data dari cadangan (semua desk harus ditutup dulu).

    Cadangan diperiksa lebih dulu; basis data yang diganti disimpan di sampingnya
    (lpse_desk.db.diganti-TANGGAL_JAM), tidak dihapus. Cadangan dari instalasi lain (basis
    data desk lain, atau yang baru) ditolak kecuali dengan --ya; bila cadangan berisi lebih
    sedikit kunjungan, kasus, tanda terima atau peristiwa, hal itu disebut.
    """
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.db import open_store
    from lpse_desk.store.restore import compare
    from lpse_desk.store.restore import restore as put_back

    db_path = _sqlite_file(ctx)
    settings = state(ctx).settings()
    try:
        comparison = compare(source, db_path)
    except DeskError as exc:
        fail(exc)
    if comparison.other_installation and not yes:
        fail(
            f"Cadangan {printable(source.name)} dan basis data sekarang berasal dari instalasi "
            "yang berbeda (kunci tanda tangan tanda terimanya lain): sesudah dipulihkan, nomor "
            "antrian dan tanda terima mengikuti cadangan itu, dan tanda terima yang diterbitkan "
            "dengan basis data sekarang tidak lagi dinyatakan sah. Basis data sekarang tidak "
            "diganti. Bila memang ini yang dimaksud, ulangi dengan --ya."
        )
    if comparison.fewer:
        from lpse_desk.store.backup import SHOWN_TABLES

        lost = ", ".join(f"{SHOWN_TABLES[name]} {theirs:,} (sekarang {ours:,})".replace(",", ".")
                         for name, (theirs, ours) in comparison.fewer.items())  # fmt: skip
        warn(
            f"Cadangan berisi lebih sedikit daripada basis data sekarang: {lost}. Yang "
            "tercatat sesudah cadangan dibuat tidak ada di sana; basis data sekarang disimpan "
            "di sampingnya."
        )
    try:
        done = put_back(source, db_path, now=SystemClock().now())
        engine, migrated = open_store(settings.db_url)
        engine.dispose()
    except DeskError as exc:
        fail(exc)
    typer.echo(
        f"Basis data dipulihkan dari {printable(done.backup.name)}: {_shown_counts(done.counts)}"
    )
    if done.replaced is not None:
        typer.echo(f"  Basis data yang diganti disimpan di {printable(str(done.replaced))}")
    if migrated:
        typer.echo("  Skema diperbarui ke versi terbaru.")
    warn(
        "Buat ulang PDF tanda terima dari basis data ini bila perlu: "
        "'lpse-desk receipt repair --semua'."
    )
