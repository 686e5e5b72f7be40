"""The PIN field of every screen that asks for one (login, setup, lock, kiosk, new PIN)."""

from __future__ import annotations

from textual.widgets import Input

from lpse_desk.domain.security import PIN_MAX


class PinInput(Input):
    """Digits only, hidden, at most the longest PIN the desk accepts."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, password=True, restrict=r"[0-9]*", max_length=PIN_MAX)
