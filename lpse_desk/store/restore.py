"""Putting a backup back in place of the database, keeping the file it replaces.

The backup is checked first (``integrity_check``, this desk's schema, not a newer one), and
nothing is touched while a desk holds the database (``store.presence``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import StoreFault
from lpse_desk.store import presence
from lpse_desk.store.backup import check_copy, read_only, sync_folder
from lpse_desk.store.db import HEAD_REVISION, busy_timeout_ms
from lpse_desk.store.faults import file_fault
from lpse_desk.store.files import private_folder
from lpse_desk.store.queries.meta import SECRET_KEY


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
    counts = check_copy(backup)
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
        sync_folder(db_path.parent)
    return Restored(backup=backup, target=db_path, replaced=replaced, counts=counts)


@dataclass(frozen=True)
class Comparison:
    """A backup beside the database it would replace, before anything is touched."""

    other_installation: bool
    """The backup signs receipts with another key than the database it replaces, which
    holds work (visits, cases or receipts): one of the two is another desk's (or new)."""
    fewer: dict[str, tuple[int, int]]
    """Shown tables (``SHOWN_TABLES``) with fewer rows in the backup: name → (backup, now)."""


def compare(backup: Path, db_path: Path) -> Comparison:
    """What restoring ``backup`` over ``db_path`` would lose or change (checked first)."""
    from lpse_desk.store.backup import SHOWN_TABLES

    if not backup.is_file():
        raise StoreFault(f"Cadangan {backup} tidak ditemukan")
    counts = check_copy(backup)
    if not db_path.is_file():
        return Comparison(other_installation=False, fewer={})
    try:
        now = check_copy(db_path)
    except StoreFault:
        return Comparison(other_installation=False, fewer={})  # damaged: what a restore is for
    fewer = {name: (counts.get(name, 0), now[name]) for name in SHOWN_TABLES
             if name in now and counts.get(name, 0) < now[name]}  # fmt: skip
    theirs, ours = _secret(backup), _secret(db_path)
    # A database with no visit, case or receipt yet (the desk started again after a disk
    # failure made a new key) loses nothing to the unit's own backup: no question there.
    holds_work = any(now.get(name, 0) for name in ("visit", "case", "receipt"))
    other = bool(theirs and ours and theirs != ours and holds_work)
    return Comparison(other_installation=other, fewer=fewer)


def _secret(path: Path) -> str | None:
    conn = read_only(path)
    try:
        row = conn.execute(
            "SELECT value FROM desk_meta WHERE key = ?", (SECRET_KEY,)
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None if row is None else str(row[0])


def _refuse_newer(backup: Path) -> None:
    """A backup from a newer desk version cannot be migrated back: refused before any change."""
    conn = read_only(backup)
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
