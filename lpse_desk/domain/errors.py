"""Errors whose message is Indonesian, specific and safe to show an officer as is."""

from __future__ import annotations


class DeskError(Exception):
    """Base of every error the desk shows to a person (message in Indonesian)."""


class ValidationError(DeskError):
    """Input that breaks a hard rule; nothing was changed."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
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
