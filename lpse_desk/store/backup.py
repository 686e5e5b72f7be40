"""Backups of the SQLite database: taken online, checked, named by WIB time, pruned; restored.

A copy is made with SQLite's backup API inside one read transaction of the source, so it is
a snapshot that includes what is still in the WAL, and desks keep writing while it runs (WAL
readers never block writers). It is checked (``integrity_check``, row counts equal to the
source's in the same snapshot), written under a temporary name and renamed, 0600.

Receipt PDFs are not backed up: every one can be drawn again from the database
(``lpse-desk receipt repair --semua``).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import StoreFault
from lpse_desk.store.db import SQLITE_HEADER, busy_timeout_ms
from lpse_desk.store.faults import file_fault, translate
from lpse_desk.store.files import private_folder

_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{4}-\d{2}-\d{2}_\d{6})(?:-(?P<n>\d+))?\.db$")
SHOWN_TABLES = {
    "visit": "kunjungan",
    "case": "kasus",
    "receipt": "tanda terima",
    "event": "peristiwa",
}
"""The counts a person reads in the list (every table is compared when checking)."""
AUTO_EVERY_RECEIPTS = 200
LOCK_SUFFIX = ".pemakai"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file."""

    path: Path
    taken_at: datetime
    size: int
    counts: dict[str, int]


def sqlite_file_of(url: str) -> Path:
    """The file behind a SQLite URL; StoreFault for another database (or a bad URL)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - SQLAlchemy's ArgumentError text is English
        raise StoreFault(f"Alamat basis data '{url}' tidak valid") from None
    database = (parsed.database or "").removeprefix("file:").split("?", 1)[0]
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        raise StoreFault(
            "Cadangan dan pemulihan ini untuk basis data SQLite. Untuk PostgreSQL gunakan "
            "pg_dump/pg_restore di server basis data."
        )
    return Path(database).expanduser()


def default_folder(db_path: Path) -> Path:
    """``cadangan/`` beside the database file."""
    return db_path.parent / "cadangan"


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {
        name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in _tables(conn)
    }


def _name_for(folder: Path, stem: str, now: datetime) -> Path:
    base = f"{stem}-{now.astimezone(WIB):%Y-%m-%d_%H%M%S}"
    candidate = folder / f"{base}.db"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{base}-{number}.db"
    return candidate


def _check_copy(path: Path) -> dict[str, int]:
    """The row counts of a sound backup; StoreFault when it is damaged or not this desk's."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreFault(f"{path} bukan berkas cadangan basis data (bukan SQLite)")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except OSError as exc:
        raise file_fault(exc, path) from None
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise StoreFault(
                f"Cadangan {path.name} rusak (integrity_check gagal); pakai cadangan lain"
            )
        tables = _tables(conn)
        if "alembic_version" not in tables or "desk_meta" not in tables:
            raise StoreFault(f"{path.name} bukan cadangan basis data LPSE Desk")
        return _counts(conn)
    except sqlite3.DatabaseError as exc:
        error = translate(exc)
        raise StoreFault(f"Cadangan {path.name} tidak dapat dibaca: {error}") from exc
    finally:
        conn.close()


def take(db_path: Path, folder: Path, *, now: datetime, keep: int) -> BackupInfo:
    """A checked online copy of ``db_path`` in ``folder``; older ones beyond ``keep`` removed."""
    try:
        private_folder(folder)
    except OSError as exc:
        raise file_fault(exc, folder) from None
    final = _name_for(folder, db_path.stem, now)
    temporary = final.with_name(f".{final.name}.sementara")
    try:
        handle = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(handle)
    except OSError as exc:
        raise file_fault(exc, folder) from None
    try:
        counts = _copy(db_path, temporary)
        copied = _check_copy(temporary)
        if copied != counts:
            raise StoreFault(
                "Cadangan tidak sama dengan basis data saat disalin (jumlah baris berbeda); "
                "cadangan dibatalkan, ulangi"
            )
        with temporary.open("rb") as out:
            os.fsync(out.fileno())
        os.replace(temporary, final)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise file_fault(exc, final) from None
        raise
    _sync(folder)
    prune(folder, db_path.stem, keep=keep)
    return BackupInfo(path=final, taken_at=now, size=final.stat().st_size, counts=counts)


def _copy(db_path: Path, target: Path) -> dict[str, int]:
    """SQLite's backup API in one step, inside one read transaction: a snapshot."""
    if not db_path.is_file():
        raise StoreFault(f"Basis data {db_path} tidak ada; tidak ada yang dicadangkan")
    source = sqlite3.connect(db_path, timeout=busy_timeout_ms() / 1000, isolation_level=None)
    copy = sqlite3.connect(target, isolation_level=None)
    try:
        source.execute("BEGIN")
        counts = _counts(source)  # the read transaction (the snapshot) starts here
        source.backup(copy)
        source.execute("COMMIT")
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return counts
    except sqlite3.Error as exc:
        raise translate(exc) from exc
    finally:
        copy.close()
        source.close()


def _sync(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _taken_at(path: Path) -> datetime | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    return datetime.strptime(match["at"], "%Y-%m-%d_%H%M%S").replace(tzinfo=WIB)


def _ours(folder: Path, stem: str) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and match["stem"] == stem and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: (_taken_at(p), p.name))


def prune(folder: Path, stem: str, *, keep: int) -> list[Path]:
    """Remove the oldest backups of ``stem`` beyond the newest ``keep``; returns the removed."""
    backups = _ours(folder, stem)
    removed = backups[: max(0, len(backups) - keep)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """The backups of ``stem`` in ``folder``, newest first, with their row counts."""
    found = []
    for path in reversed(_ours(folder, stem)):
        try:
            counts = _check_copy(path)
        except StoreFault:
            counts = {}
        found.append(
            BackupInfo(path=path, taken_at=_taken_at(path), size=path.stat().st_size, counts=counts)
        )
    return found


def latest(folder: Path, stem: str) -> Path | None:
    """The newest backup file, if any (not checked)."""
    backups = _ours(folder, stem)
    return backups[-1] if backups else None


# --- the desks holding the database -----------------------------------------------------------


class Presence:
    """A shared lock every open desk holds on ``<database>.pemakai`` (released when it dies)."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + LOCK_SUFFIX)
        self._handle: int | None = None

    def hold(self) -> None:
        import fcntl

        try:
            self._handle = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(self._handle, fcntl.LOCK_SH)
        except OSError:
            self.release()  # presence is a courtesy to restore; the desk works without it

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                os.close(self._handle)
            self._handle = None


@contextlib.contextmanager
def _alone(db_path: Path):
    """Exclusive presence: refused (StoreFault) while any desk holds the database."""
    import fcntl

    path = db_path.with_name(db_path.name + LOCK_SUFFIX)
    try:
        handle = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise file_fault(exc, path) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreFault(
                "Masih ada desk yang membuka basis data ini. Tutup aplikasi LPSE Desk di semua "
                "PC (Ctrl+Q), lalu ulangi pemulihan."
            ) from None
        yield
    finally:
        os.close(handle)


# --- restore ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    """What a restore did."""

    backup: Path
    target: Path
    replaced: Path | None
    """Where the replaced database was kept (None: there was none)."""
    counts: dict[str, int]


def restore(backup: Path, db_path: Path, *, now: datetime) -> Restored:
    """Put ``backup`` in place of ``db_path``: checked first, the replaced file kept aside."""
    if not backup.is_file():
        raise StoreFault(f"Cadangan {backup} tidak ditemukan")
    counts = _check_copy(backup)
    try:
        private_folder(db_path.parent)
    except OSError as exc:
        raise file_fault(exc, db_path.parent) from None
    with _alone(db_path):
        replaced = _move_aside(db_path, now) if db_path.exists() else None
        temporary = db_path.with_name(f".{db_path.name}.pulih")
        try:
            with backup.open("rb") as source, _private_file(temporary) as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, db_path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            if replaced is not None and not db_path.exists():
                os.replace(replaced, db_path)  # put the old one back: never leave nothing
            raise file_fault(exc, db_path) from None
        _sync(db_path.parent)
    return Restored(backup=backup, target=db_path, replaced=replaced, counts=counts)


@contextlib.contextmanager
def _private_file(path: Path):
    handle = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(handle, "wb") as out:
        yield out


def _move_aside(db_path: Path, now: datetime) -> Path:
    """Fold the WAL into the file, then rename it (and any leftover WAL/SHM) aside."""
    try:
        conn = sqlite3.connect(db_path, timeout=busy_timeout_ms() / 1000, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged file is kept aside as it is, WAL and all
    aside = db_path.with_name(f"{db_path.name}.diganti-{now.astimezone(WIB):%Y-%m-%d_%H%M%S}")
    os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        leftover = db_path.with_name(db_path.name + suffix)
        if leftover.exists():
            os.replace(leftover, aside.with_name(aside.name + suffix))
    return aside
