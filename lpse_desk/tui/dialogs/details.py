"""One row of a list read whole: every column, nothing cut, on lines of their own.

A list cuts its cells to the screen's width (``widgets.columns``) and leaves some columns out
at 80 or 120 columns; Enter on a row shows it here, each value wrapped, until Enter or Esc.
Values are user text: shown with control characters made visible, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from lpse_desk.domain.textfmt import printable


def details_text(rows: Sequence[tuple[str, str]]) -> Text:
    """``Label : value`` lines, the labels aligned; an empty value reads "-"."""
    width = max((len(label) for label, _value in rows), default=0)
    text = Text()
    for index, (label, value) in enumerate(rows):
        if index:
            text.append("\n")
        text.append(f"{label.ljust(width)} : ", style="bold")
        text.append(printable(value) if value else "-")
    return text


class DetailsDialog(ModalScreen[None]):
    """A row whole; Enter or Esc closes it."""

    BINDINGS = [
        Binding("escape", "close", "Tutup", id="close"),
        Binding("enter", "close", "Tutup", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    DetailsDialog { align: center middle; }
    DetailsDialog > .form { width: 90%; max-width: 100; height: auto; max-height: 90%; }
    DetailsDialog #details-body { height: auto; max-height: 30; }
    DetailsDialog .form-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = tuple(rows)

    def compose(self) -> ComposeResult:
        """Title, the values, the keys."""
        with Vertical(classes="form"):
            yield Static(Text(printable(self.title_text)), classes="form-title")
            with VerticalScroll(id="details-body"):
                yield Static(details_text(self.rows), id="details")
            yield Static("Enter/Esc tutup · panah: gulir", classes="form-keys")

    def action_close(self) -> None:
        """Back to the list."""
        self.dismiss(None)
