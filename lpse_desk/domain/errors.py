"""Errors whose message is Indonesian, specific and safe to show an officer as is."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class DeskError(Exception):
    """Base of every error the desk shows to a person (message in Indonesian).

    ``step`` names what the person can do next when the message says so ("ubah_penyedia":
    correct the vendor's data); the message itself names no key, and each face adds its own
    way to take that step (the desk: the key, ``tui/hints.py``).
    """

    def __init__(self, message: str = "", *, step: str | None = None) -> None:
        super().__init__(message)
        self.step = step


class ValidationError(DeskError):
    """Input that breaks a hard rule; nothing was changed."""

    def __init__(
        self, message: str, *, field: str | None = None, step: str | None = None
    ) -> None:
        super().__init__(message, step=step)
        self.field = field
        """Name of the offending field (for forms), if any."""


class CatalogError(DeskError):
    """The service catalog file is invalid; the message names file, entry and problem."""


class CalendarError(DeskError):
    """The calendar file is invalid; the message names file, entry and problem."""


class ConfigError(DeskError):
    """The settings file or an option is invalid."""


class NotFound(DeskError):
    """A record that was asked for does not exist."""


def found(value: T | None, message: str) -> T:
    """``value`` (a row read), or NotFound with ``message`` when there is none."""
    if value is None:
        raise NotFound(message)
    return value


class PermissionDenied(DeskError):
    """The acting staff member's role may not do this."""


class Conflict(DeskError):
    """The change clashes with existing data (duplicate, wrong state)."""


class ChangedElsewhere(Conflict):
    """Another desk changed the same thing first; what this desk showed is out of date."""


class StoreFault(DeskError):
    """The database or a file could not be used (locked, full, read-only, damaged, missing,
    permission denied). The message says what happened and what to do, in Indonesian; the
    driver's own text is never shown."""


class Damaged(StoreFault):
    """The database failed its integrity check: the desk must not write into it."""


class NextStep:
    """The next steps an error may point to (``DeskError.step``)."""

    EDIT_VENDOR = "ubah_penyedia"
    """Correct or complete the vendor's data."""
    INTAKE = "penerimaan_berkas"
    """Take the visitor's file in (the checklist and its receipt)."""
    SAVE_CHECKLIST = "simpan_daftar_periksa"
    """Make the checklist of the file being taken in."""
    ANSWER = "pilih_jawaban"
    """Choose one of the answers shown."""
    CLOSE_DESKS = "tutup_desk"
    """Close every desk and board that has the database open."""
    OPEN_LOKET = "buka_loket"
    """Open (or reopen after a pause) the loket before calling."""
