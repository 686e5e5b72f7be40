"""Messages that workers post to the screens (workers never touch widgets)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from lpse_desk.tui.storeside import DeskStore


@dataclass
class StoreOpened(Message):
    """The store is open and migrated; ``staff_count`` decides setup or login."""

    store: DeskStore
    staff_count: int
    repair_note: str = ""
    """What the startup check of recent receipt files did, if anything (Indonesian)."""


@dataclass
class StoreFailed(Message):
    """Opening the store failed; ``reason`` is shown to the officer (Indonesian)."""

    reason: str


@dataclass
class DataLoaded(Message):
    """A screen's data arrived from a worker; ``what`` names which data."""

    what: str
    data: Any


@dataclass
class WorkFailed(Message):
    """A worker's job failed with an Indonesian ``reason``."""

    what: str
    reason: str
