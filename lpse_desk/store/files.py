"""Files the desk writes: whole or not at all, and private (0600, folders 0700)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lpse_desk.store.faults import file_fault


def private_folder(folder: Path) -> None:
    """Create ``folder`` and its missing parents as 0700, whatever the umask."""
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        item.mkdir(exist_ok=True)
        os.chmod(item, 0o700)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file next to ``path``, flush it to disk, rename it.

    The file is 0600 (``mkstemp``); a disk or permission fault leaves no temporary file and
    is raised as a StoreFault in Indonesian.
    """
    try:
        private_folder(path.parent)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise file_fault(exc, path.parent) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise file_fault(exc, path) from None
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
