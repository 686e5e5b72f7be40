"""Where a command may write the file it was asked for: never over the desk's own records.

``--csv``, ``--pdf``, ``--xlsx`` and ``--simpan`` take any path, and a slip of the hand
(``--csv data/lpse_desk.db``, ``--simpan receipts/…/TT-LPSE-2026-000009.pdf``) would replace
the database, a backup or an issued receipt with a report, with nothing to say it happened.
Such a path is refused before anything is read or written: the database and its journal
files, any SQLite file (another database, a backup), the receipts folders, the backups
folder and the desk's settings. Any other file is the person's to overwrite (a report
written again under the same name).
"""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli.common import fail, state

_JOURNALS = ("", "-wal", "-shm", "-journal")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _database_file(url: str) -> Path | None:
    from lpse_desk.domain.errors import StoreFault
    from lpse_desk.store.backup import sqlite_file_of

    try:
        return sqlite_file_of(url)
    except StoreFault:  # PostgreSQL (or a URL the command will refuse itself)
        return None


def protected_reason(path: Path, ctx: typer.Context) -> str | None:
    """Why ``path`` must not be written by a command's output option (None: it may)."""
    from lpse_desk import paths
    from lpse_desk.store.backup import default_folder
    from lpse_desk.store.dbfile import SQLITE_HEADER

    target = path.expanduser().resolve()
    settings = state(ctx).settings()
    database = _database_file(settings.db_url)
    if database is not None:
        database = database.resolve()
        # Case folded: on a disk that ignores case (Windows, macOS) LPSE_DESK.db-wal is it.
        journals = {str(database.with_name(database.name + end)).casefold() for end in _JOURNALS}
        if str(target).casefold() in journals:
            return "adalah berkas basis data desk yang sedang dipakai"
    if target.is_file():
        try:
            with target.open("rb") as handle:
                if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
                    return "adalah basis data SQLite (basis data lain atau cadangannya)"
        except OSError:
            pass  # unreadable: writing it will say so
    for folder, what in (
        (paths.receipts_dir(), "folder tanda terima"),
        (paths.demo_receipts_dir(), "folder tanda terima demo"),
    ):
        if _inside(target, folder.resolve()):
            return f"ada di {what} ({folder}), yang hanya ditulis desk"
    backups = settings.backup_dir or (default_folder(database) if database is not None else None)
    if backups is not None and _inside(target, backups.expanduser().resolve()):
        return f"ada di folder cadangan ({backups})"
    if target.parent == paths.data_dir().resolve() and target.suffix.lower() == ".toml":
        return "adalah berkas pengaturan desk"
    return None


def refuse_protected(ctx: typer.Context, path: Path | None, option: str) -> None:
    """Exit 1 with the reason when ``path`` is one the desk keeps (see the module)."""
    if path is None:
        return
    reason = protected_reason(path, ctx)
    if reason is not None:
        fail(
            f"{option}: {path} {reason}; tidak ada yang ditulis ke sana. Tulis nama berkas "
            "lain, mis. di folder laporan/."
        )
