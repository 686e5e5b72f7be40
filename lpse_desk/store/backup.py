"""Backups of the SQLite database: taken online, checked, named by WIB time, pruned; restored.

A copy is made with SQLite's backup API inside one read transaction of the source, so it is
a snapshot that includes what is still in the WAL, and desks keep writing while it runs (WAL
readers never block writers). It is checked (``integrity_check``, row counts equal to the
source's in the same snapshot), written under a temporary name and renamed, 0600.

Putting a backup back is ``store.restore``. Receipt PDFs are not backed up: every one can be drawn again from the database
(``lpse-desk receipt repair --semua``).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import StoreFault
from lpse_desk.store.db import busy_timeout_ms
from lpse_desk.store.dbfile import SQLITE_HEADER
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
T = TypeVar("T")
AUTO_EVERY_RECEIPTS = 200
TEMP_SUFFIX = ".sementara"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file."""

    path: Path
    taken_at: datetime
    size: int
    counts: dict[str, int]


def gently(work: Callable[[], T]) -> T:
    """``work()`` in a thread of its own at lowered CPU priority (nice 10); its result or error.

    On Linux the nice value belongs to a thread, and once raised it cannot be lowered again
    without privileges: a fresh thread keeps it off the desk's pooled worker threads (and off
    a test process). The desks' own work goes first; the backup takes longer.
    """
    import threading

    outcome: dict[str, object] = {}

    def run() -> None:
        with contextlib.suppress(OSError, AttributeError):  # not Linux or not allowed: no matter
            me = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, me, max(os.getpriority(os.PRIO_PROCESS, me), 10))
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="cadangan")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


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


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (the path as a URI, so '?', '#' or '%' in a name are harmless)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_copy(path: Path) -> dict[str, int]:
    """The row counts of a sound backup; StoreFault when it is damaged or not this desk's."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise StoreFault(f"{path} bukan berkas cadangan basis data (bukan SQLite)")
        conn = read_only(path)
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
        copied = check_copy(temporary)
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
    sync_folder(folder)
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


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (quietly: not every file system can)."""
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
        conn = read_only(path)
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
