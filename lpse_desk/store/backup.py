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
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import StoreFault
from lpse_desk.store import presence
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
TEMP_SUFFIX = ".sementara"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file."""

    path: Path
    taken_at: datetime
    size: int
    counts: dict[str, int]


def lower_priority() -> None:
    """Let the counter's work go first: this thread's CPU priority lowered (nice 10).

    On Linux the nice value is per thread, so the desk's worker thread yields to the screen
    and to other desks on the same PC; the backup takes longer, the counter does not wait.
    """
    import threading

    with contextlib.suppress(OSError, AttributeError):  # not Linux, or not allowed: no matter
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


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


def _reserve(folder: Path, stem: str, now: datetime) -> tuple[Path, Path]:
    """A free final name and its temporary file (created 0600, so no other backup takes it)."""
    base = f"{stem}-{now.astimezone(WIB):%Y-%m-%d_%H%M%S}"
    number = 1
    while True:
        final = folder / (f"{base}.db" if number == 1 else f"{base}-{number}.db")
        temporary = final.with_name(f".{final.name}{TEMP_SUFFIX}")
        if not final.exists():
            try:
                os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                return final, temporary
            except FileExistsError:
                pass  # another backup in the same second: take the next name
        number += 1


def _remove_stale_temporaries(folder: Path, stem: str, now: float) -> None:
    """Temporaries a killed backup left (an hour old: no running backup is that slow)."""
    for path in folder.glob(f".{stem}-*.db{TEMP_SUFFIX}*"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > 3600:
                path.unlink()


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (the path as a URI, so '?', '#' or '%' in a name are harmless)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _check_copy(path: Path) -> dict[str, int]:
    """The row counts of a sound backup; StoreFault when it is damaged or not this desk's."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreFault(f"{path} bukan berkas cadangan basis data (bukan SQLite)")
        conn = _read_only(path)
    except OSError as exc:
        raise file_fault(exc, path) from None
    except sqlite3.Error:
        raise StoreFault(f"Cadangan {path.name} tidak dapat dibuka; pakai cadangan lain") from None
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
        private_folder(folder, root=folder)
        _remove_stale_temporaries(folder, db_path.stem, time.time())
        final, temporary = _reserve(folder, db_path.stem, now)
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
    return sorted(found, key=_order)


def _order(path: Path) -> tuple[datetime | None, int]:
    """Oldest first; a second backup in the same second (``-2``) after the first."""
    match = _NAME.match(path.name)
    return _taken_at(path), int(match["n"] or 1) if match else 0


def prune(folder: Path, stem: str, *, keep: int) -> list[Path]:
    """Remove the oldest backups of ``stem`` beyond the newest ``keep``; returns the removed."""
    backups = _ours(folder, stem)
    removed = backups[: max(0, len(backups) - keep)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """The backups of ``stem`` in ``folder``, newest first, with their row counts.

    The counts are read from each file (no manifest beside it that could disagree); the
    full check is left to ``restore``, which runs it before anything is replaced.
    """
    found = []
    for path in reversed(_ours(folder, stem)):
        found.append(
            BackupInfo(
                path=path, taken_at=_taken_at(path), size=path.stat().st_size, counts=_shown(path)
            )
        )
    return found


def _shown(path: Path) -> dict[str, int]:
    """The counts a person reads, or {} when the file cannot be read as a desk backup."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return {}
        conn = _read_only(path)
    except (OSError, sqlite3.Error):
        return {}
    try:
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in SHOWN_TABLES
        }
    except sqlite3.Error:
        return {}
    finally:
        conn.close()


def latest(folder: Path, stem: str) -> Path | None:
    """The newest backup file, if any (not checked)."""
    backups = _ours(folder, stem)
    return backups[-1] if backups else None


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
    """Put ``backup`` in place of ``db_path``: checked first, the replaced file kept aside.

    The backup is copied next to the database (0600, fsynced) before anything is touched;
    the old file is then checkpointed (its WAL folded in) and kept under another name by a
    hard link, so ``db_path`` never goes missing, and the copy is renamed over it. A WAL
    that could not be folded in moves aside with the old file, never under the new one.
    """
    if not backup.is_file():
        raise StoreFault(f"Cadangan {backup} tidak ditemukan")
    counts = _check_copy(backup)
    _refuse_newer(backup)
    try:
        private_folder(db_path.parent)
    except OSError as exc:
        raise file_fault(exc, db_path.parent) from None
    with presence.alone(db_path):
        temporary = db_path.with_name(f".{db_path.name}.pulih")
        replaced = None
        try:
            with backup.open("rb") as source, _private_file(temporary) as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            replaced = _keep_aside(db_path, now) if db_path.exists() else None
            os.replace(temporary, db_path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            if replaced is not None:
                _undo_aside(replaced, db_path)
            raise file_fault(exc, db_path) from None
        _sync(db_path.parent)
    return Restored(backup=backup, target=db_path, replaced=replaced, counts=counts)


def _refuse_newer(backup: Path) -> None:
    """A backup from a newer desk version cannot be migrated back: refused before any change."""
    from lpse_desk.store.db import HEAD_REVISION

    conn = _read_only(backup)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    if row is not None and str(row[0]) > HEAD_REVISION:
        raise StoreFault(
            f"Cadangan {backup.name} dibuat oleh LPSE Desk versi lebih baru (skema {row[0]}, "
            f"aplikasi ini {HEAD_REVISION}). Perbarui aplikasi dulu, lalu ulangi pemulihan."
        )


@contextlib.contextmanager
def _private_file(path: Path):
    handle = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.fchmod(handle, 0o600)  # a leftover of a killed restore keeps its mode otherwise
    with os.fdopen(handle, "wb") as out:
        yield out


def _keep_aside(db_path: Path, now: datetime) -> Path:
    """Fold the WAL into the file, then keep the file (and a WAL left over) under another name."""
    try:
        conn = sqlite3.connect(db_path, timeout=busy_timeout_ms() / 1000, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged file is kept aside as it is, WAL and all
    stamp = f"{now.astimezone(WIB):%Y-%m-%d_%H%M%S}"
    aside = db_path.with_name(f"{db_path.name}.diganti-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = db_path.with_name(f"{db_path.name}.diganti-{stamp}-{number}")
    try:
        os.link(db_path, aside)  # the database stays in place until the copy replaces it
    except OSError:
        os.replace(db_path, aside)  # a file system without hard links
    for suffix in ("-wal", "-shm"):
        leftover = db_path.with_name(db_path.name + suffix)
        if leftover.exists():
            os.replace(leftover, aside.with_name(aside.name + suffix))
    return aside


def _undo_aside(aside: Path, db_path: Path) -> None:
    """A failed restore leaves the old database where it was, with its WAL."""
    with contextlib.suppress(OSError):
        for suffix in ("-wal", "-shm"):
            moved = aside.with_name(aside.name + suffix)
            if moved.exists():
                os.replace(moved, db_path.with_name(db_path.name + suffix))
        if db_path.exists():
            aside.unlink()  # only the second name of the hard link
        else:
            os.replace(aside, db_path)
