"""The one-line text field of every form: a paste keeps all its lines.

Textual's ``Input`` keeps only the first line of a paste: an address copied from a document
("Jl. Pajajaran 1" / "Kota Bogor") would be saved without its city, and nobody told. Here the
lines are joined with a space. A paste too long for the field is refused as a whole, as
``Input`` does, but said, so that the officer does not think it went in.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


def one_line(text: str) -> str:
    """``text``'s lines, each trimmed, joined with a space (blank lines dropped)."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


class TextInput(Input):
    """``Input`` whose paste keeps every line, and says when it is too long."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # not Input's own: it would keep the first line only
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        start, end = sorted(self.selection)
        if self.max_length and len(self.value) - (end - start) + len(text) > self.max_length:
            self.app.notify(
                f"Teks yang ditempel terlalu panjang untuk isian ini ({len(text)} karakter; "
                f"paling banyak {self.max_length}). Tidak ada yang ditempel.",
                title="Tidak ditempel",
                severity="warning",
                markup=False,
            )
            return
        self.replace(text, start, end)
