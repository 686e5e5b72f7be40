"""The SQLite file itself: made private, never taken over when empty or foreign.

A new database is created (0600, its folder 0700) only where no file exists: a zero-length
file is a database that lost its contents, not a new installation, and a file that is not
SQLite is someone else's. A group/world-readable database is made private with a notice.
"""

from __future__ import annotations

import os
from pathlib import Path

from lpse_desk.domain.errors import StoreFault
from lpse_desk.paths import HOME_ENV, home, is_default_db, sqlite_url
from lpse_desk.store import faults
from lpse_desk.store.files import private_folder

SQLITE_HEADER = b"SQLite format 3\x00"


def file_of(database: str) -> Path | None:
    """The file a SQLite URL's database part names (plain path or ``file:`` URI), if any:
    none for a database in memory (``:memory:``, ``file:x?mode=memory``)."""
    if database.startswith("file:"):
        database, _, query = database.removeprefix("file:").partition("?")
        if "mode=memory" in query.split("&"):
            return None
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser()


def prepare_sqlite_file(
    path: Path, *, allow_empty: bool = False, backups: Path | None = None, create: bool = True
) -> tuple[list[str], bool]:
    """Check (or create) the database file; returns the notices and whether it is read-only.

    A new database is made only where no file exists, and only when ``create``: a
    zero-length file is a database that lost its contents (or never got them), not a new
    installation. A refusal names the newest backup in ``backups``.
    """
    notices: list[str] = []
    try:
        if not create and _missing(path):
            found = newest_backup(path, backups)
            raise StoreFault(
                _missing_text(path)
                + (f" Cadangan terbaru: {found} ('lpse-desk db restore {found}')." if found else "")
                + " Bila memang ingin basis data baru di sana: 'lpse-desk db init'."
            )
        if not path.exists():
            private_folder(path.parent)
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(handle)
            return notices, False
        if path.is_dir():
            raise StoreFault(
                f"{path} adalah folder, bukan berkas basis data. Periksa pengaturan db."
            )
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if not header and not allow_empty:
            raise StoreFault(
                f"Berkas basis data {path} kosong (0 byte). Ini bukan instalasi baru: data "
                "lama hilang atau berkas belum pernah terisi. Desk tidak memulai nomor dari "
                f"awal. {restore_advice(path, backups)} Bila memang ingin basis data baru: "
                "'lpse-desk db init'."
            )
        if header and header != SQLITE_HEADER:
            raise StoreFault(
                f"Berkas {path} bukan basis data LPSE Desk (bukan berkas SQLite). Periksa "
                "pengaturan db; desk tidak menimpa berkas lain."
            )
        notices += _tighten(path)
        read_only = not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    except OSError as exc:
        raise faults.file_fault(exc, path) from None
    return notices, read_only


def _missing_text(path: Path) -> str:
    """Why a missing database is not made here: the home's own file (a check, which makes
    nothing) or an address someone configured (which must exist)."""
    if is_default_db(sqlite_url(path)) and not home().is_dir():
        return (
            f"Basis data {path} belum ada: folder desk {home()} ({HOME_ENV}) tidak ada. "
            f"Periksa ejaan {HOME_ENV}; desk tidak memulai nomor dari awal di folder yang "
            "salah."
        )
    if is_default_db(sqlite_url(path)):
        return (
            f"Basis data {path} belum ada: desk belum pernah dijalankan di folder ini, atau "
            "berkasnya dipindah atau terhapus. Pemeriksaan tidak membuat basis data."
        )
    return (
        f"Basis data {path} belum ada. Desk tidak membuat basis data baru dengan sendirinya "
        "di alamat yang diatur, agar nomor antrian dan tanda terima tidak mulai lagi dari 1: "
        "periksa alamatnya (--db, LPSE_DESK_DB atau db di pengaturan) dan bahwa foldernya "
        "tersedia."
    )


def _tighten(path: Path) -> list[str]:
    """Make a group/world-readable database (and its WAL and SHM) private: 0600."""
    loose = []
    for item in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            mode = item.stat().st_mode & 0o777
        except FileNotFoundError:
            continue
        if mode & 0o077:
            try:
                os.chmod(item, 0o600)
            except OSError:
                continue  # not ours to change: reading still works
            loose.append(item.name)
    if not loose:
        return []
    return [
        f"Izin berkas {', '.join(loose)} diperketat menjadi 0600: basis data memuat kunci "
        "tanda terima dan NIK, hanya pengguna desk yang boleh membacanya."
    ]


def _missing(path: Path) -> bool:
    """Whether no file stands at ``path``; a folder on the way that is a file (or may not be
    entered) raises its own OSError, which says so."""
    try:
        path.stat()
    except FileNotFoundError:
        return True
    return False


def newest_backup(path: Path, backups: Path | None) -> Path | None:
    """The newest backup of ``path`` in ``backups`` (None: its default folder), if any."""
    from lpse_desk.store import backup  # deferred: backup imports this module

    try:
        return backup.latest(backups or backup.default_folder(path), path.stem)
    except OSError:
        return None


def restore_advice(path: Path | None, backups: Path | None) -> str:
    """Where the newest backup is and the command that puts it back."""
    from lpse_desk.store import backup  # deferred: backup imports this module

    generic = (
        "Pulihkan cadangan terbaru: 'lpse-desk db backups', lalu 'lpse-desk db restore CADANGAN'."
    )
    if path is None:
        return generic
    newest = newest_backup(path, backups)
    if newest is None:
        return f"Belum ada cadangan di {backups or backup.default_folder(path)}. {generic}"
    return (
        f"Cadangan terbaru: {newest}. Tutup desk di semua PC, lalu pulihkan: "
        f"'lpse-desk db restore {newest}'."
    )


def on_read_only_disk_without_shm(path: Path) -> bool:
    """Whether ``path`` lies on a disk mounted read-only with no WAL index (-shm) beside it.

    Its -wal, if any and not empty, holds commits an immutable reading would not see: such
    a copy is refused rather than shown without its latest records."""
    try:
        read_only_disk = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): not known to be read-only
        return False
    if not read_only_disk or path.with_name(path.name + "-shm").exists():
        return False
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreFault(
            f"Basis data {path} ada di disk hanya-baca bersama berkas {wal.name} tanpa berkas "
            f"{path.name}-shm: catatan terakhirnya tidak dapat dibaca di sana. Salin ketiga "
            "berkasnya ke disk yang dapat ditulis, lalu buka salinan itu."
        )
    return True
