"""The TUI's one door into ``store/``.

Screens talk to the store through the ``DeskStore`` the app holds and never import
``store/``; the few things the desk needs from the store as a module are here, each import
deferred: SQLModel, SQLAlchemy and Alembic cost ~0.4 s, and the first frame must not
wait (``tests/test_layers.py`` checks that importing any screen loads none of them).
``DeskStore``'s module may move; this file is the one place that names it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from lpse_desk.store.services.desk import DeskStore

T = TypeVar("T")

__all__ = ["describe", "gently", "open_desk_store", "write_atomically"]


def open_desk_store(settings: Any, clock: Any, **options: Any) -> DeskStore:
    """Open (and migrate) the store; run in a thread worker (see ``StartScreen``)."""
    from lpse_desk.store.services.desk import DeskStore

    return DeskStore.open(settings, clock, **options)


def describe(exc: BaseException) -> str:
    """The Indonesian words for any exception a desk action met (``store.faults``)."""
    from lpse_desk.store.faults import describe as words_for

    return words_for(exc)


def gently(call: Callable[[], T]) -> T:
    """Run ``call`` at low priority (the backup: the screen and the counter go first)."""
    from lpse_desk.store.backup import gently as low_priority

    return low_priority(call)


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a StoreFault in Indonesian on a disk fault)."""
    from lpse_desk.store.files import write_atomically as write

    write(path, data)
