"""Keep the developer's terminal settings out of the TUI tests and snapshots."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR or a forced colour system would change every snapshot."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)
