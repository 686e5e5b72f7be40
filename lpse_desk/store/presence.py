"""Which desks have the database open: a lock file beside it, ``<database>.pemakai``.

Every open desk holds a shared ``flock`` on it from the time its store opens until it
closes; ``db restore`` takes it exclusively and refuses while any desk holds it. The kernel
releases a lock when its process dies, so a killed desk never blocks a restore.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from lpse_desk.domain.errors import NextStep, StoreFault
from lpse_desk.store.faults import file_fault

LOCK_SUFFIX = ".pemakai"


def lock_path(db_path: Path) -> Path:
    """The presence file of a database file."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class Presence:
    """A desk's shared hold on its database (released by ``release`` or by its death)."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._handle: int | None = None

    @property
    def held(self) -> bool:
        """Whether this desk holds its presence now."""
        return self._handle is not None

    def hold(self) -> None:
        """Take the shared lock (waits while a restore is under way, which takes seconds)."""
        import fcntl  # deferred: POSIX only, and only a desk needs it

        try:
            self._handle = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(self._handle, fcntl.LOCK_SH)
        except OSError:
            self.release()  # presence is a courtesy to restore; the desk works without it

    def release(self) -> None:
        """Let go of the lock."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                os.close(self._handle)
            self._handle = None


@contextlib.contextmanager
def alone(db_path: Path) -> Iterator[None]:
    """The database to oneself: StoreFault (Indonesian) while any desk holds its presence."""
    import fcntl

    path = lock_path(db_path)
    try:
        handle = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as exc:
        raise file_fault(exc, path) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreFault(
                f"Masih ada desk yang membuka basis data {db_path}. Tutup aplikasi LPSE Desk "
                "(juga papan antrian) di semua PC, lalu ulangi pemulihan.",
                step=NextStep.CLOSE_DESKS,
            ) from None
        yield
    finally:
        os.close(handle)
