"""The one-line text field of every form: a paste keeps all its lines.

Textual's ``Input`` keeps only the first line of a paste: an address copied from a document
("Jl. Pajajaran 1" / "Kota Bogor") would be saved without its city, and nobody told. Here the
lines are joined with a space. A paste too long for the field is refused as a whole, as
``Input`` does, but said, so that the officer does not think it went in; so is typing on in a
full field (``Input`` drops the letters without a word: a note ended mid-word).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


def one_line(text: str) -> str:
    """``text`` on one line: a single line as it is (its spaces kept, only a line end
    dropped); several lines each trimmed and joined with a space, blank ones dropped."""
    lines = text.splitlines()
    if len(lines) <= 1:
        return lines[0] if lines else ""
    return " ".join(part.strip() for part in lines if part.strip())


class TextInput(Input):
    """``Input`` whose paste keeps every line, and says when it is too long."""

    _said_full = False
    """Whether the field being full was said (once until it is shorter again)."""

    async def _on_key(self, event: events.Key) -> None:
        full = bool(self.max_length) and len(self.value) >= self.max_length
        if event.is_printable and full and self.selection.is_empty:
            if not self._said_full:
                self._said_full = True
                self.app.notify(
                    f"Isian ini paling banyak {self.max_length} karakter: huruf berikutnya tidak "
                    "masuk.",
                    title="Isian penuh",
                    severity="warning",
                    markup=False,
                )
        elif not full:
            self._said_full = False
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # not Input's own: it would keep the first line only
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        start, end = sorted(self.selection)
        kept = len(self.value) - (end - start)  # what stays of the field around the paste
        if self.max_length and kept + len(text) > self.max_length:
            already = f"Isian sudah berisi {kept} karakter; t" if kept else "T"
            self.app.notify(
                f"{already}empelan {len(text)} karakter melebihi batas {self.max_length}. "
                "Tidak ada yang ditempel.",
                title="Tidak ditempel",
                severity="warning",
                markup=False,
            )
            return
        self.replace(text, start, end)
