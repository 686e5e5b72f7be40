"""Files the desk writes: whole or not at all, and private (0600, folders 0700)."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from lpse_desk.store.faults import file_fault

TEMP_PDF_NAME = re.compile(r"^\.(?P<name>.+\.pdf)\.[a-z0-9_]{8}$")
"""A temporary PDF of ``write_atomically`` (``mkstemp``: a dot, the final name, a dot and
eight random characters); one that outlives its write was left by an interrupted process."""

ASIDE_NAME = re.compile(r"\.tersisih-\d+\.pdf$")
"""A file moved aside because a different file had to take its name; it is kept."""

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(folder: Path, *, root: Path | None = None) -> None:
    """Create ``folder`` and its missing parents as 0700, whatever the umask.

    With ``root``, the existing folders from ``root`` down to ``folder`` that others may
    read are tightened to 0700 too (receipts hold vendors' personal data).
    """
    missing = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for item in reversed(missing):
        item.mkdir(exist_ok=True)
        os.chmod(item, PRIVATE_FOLDER)
    if root is None or not folder.is_relative_to(root):
        return
    item = folder
    while True:
        tighten(item, PRIVATE_FOLDER)
        if item == root:
            break
        item = item.parent


def tighten(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Take group and world access away from ``path`` if it has any (quietly)."""
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, mode)
    except OSError:
        pass  # a file that vanished or is not ours: the write that follows will say so


def write_atomically(
    path: Path, data: bytes, *, root: Path | None = None, keep_different: bool = False
) -> Path | None:
    """Write ``data`` to a temporary file next to ``path``, flush it to disk, rename it.

    The file is 0600 (``mkstemp``) and its folders 0700 (existing ones under ``root``
    tightened). With ``keep_different``, a file already at ``path`` whose bytes are not
    ``data`` is moved aside (``NAME.tersisih-N.pdf``, kept) instead of replaced; its new
    path is returned. A disk or permission fault leaves no temporary file and is raised
    as a StoreFault in Indonesian naming the folder.
    """
    folder = path.parent
    view = memoryview(data)  # before any file exists: bad data (None) is a TypeError
    try:
        private_folder(folder, root=root)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise file_fault(exc, folder) from None
    aside = None
    try:
        try:
            _write_all(handle, view)
            os.fsync(handle)
        finally:
            os.close(handle)
        if keep_different:
            aside = _move_aside_if_different(path, data)
        os.replace(temporary, path)
    except BaseException as exc:
        _remove_quietly(Path(temporary))
        if isinstance(exc, OSError):
            raise file_fault(exc, folder) from None
        raise
    _sync_folder(folder)
    return aside


def _write_all(handle: int, view: memoryview) -> None:
    """``os.write`` until every byte is written (it may write fewer than asked)."""
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _move_aside_if_different(path: Path, data: bytes) -> Path | None:
    """Rename a different file at ``path`` to the first free ``NAME.tersisih-N.pdf``.

    The same bytes (a receipt written again, e.g. after a process died between the file
    and the commit) are simply replaced. Callers hold the database's write lock or write
    a committed number, so no other desk renames into this folder meanwhile.
    """
    try:
        if path.read_bytes() == data:
            return None
    except FileNotFoundError:
        return None
    serial = 1
    while (aside := aside_name(path, serial)).exists():
        serial += 1
    os.rename(path, aside)
    tighten(aside)
    return aside


def aside_name(path: Path, serial: int) -> Path:
    """``TT-LPSE-2026-000001.pdf`` → ``TT-LPSE-2026-000001.tersisih-1.pdf``."""
    return path.with_name(f"{path.stem}.tersisih-{serial}{path.suffix}")


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):  # the original fault is the one to report
        path.unlink(missing_ok=True)


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
