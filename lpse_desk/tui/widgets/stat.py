"""A big figure with its label, for the day at a glance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static


class StatCard(Vertical):
    """A count in large digits (``–`` until the data arrives) and what it counts."""

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id, classes="stat")
        self._label = label

    def compose(self) -> ComposeResult:
        """Digits above the label."""
        yield Digits("-", classes="stat-value")
        yield Static(self._label, classes="stat-label")

    def show(self, value: int, *, alert: bool = False, aside: str = "") -> None:
        """Show ``value``; ``alert`` colours the card as a warning; ``aside`` follows the
        label on a line of its own ("(1 ditahan)")."""
        self.query_one(Digits).update(str(value))
        self.query_one(".stat-label", Static).update(
            f"{self._label}\n({aside})" if aside else self._label
        )
        self.set_class(alert and value > 0, "alert")
