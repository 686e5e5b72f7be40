"""A list in which typing the first letters of a line moves to it, as a file list does."""

from __future__ import annotations

from time import monotonic

from textual import events
from textual.widgets import OptionList

PAUSE_SECONDS = 1.0
"""Letters typed closer together than this make one beginning ("ve" for "Verifikator");
after a pause, a letter starts again."""


class FindList(OptionList):
    """An ``OptionList`` that moves to the first line beginning with what was typed (case
    ignored): with a dozen names, "an" finds Andi Wijaya without pressing ↓ eight times.
    Enter still chooses; a letter never chooses by itself."""

    _typed = ""
    _typed_at = 0.0

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if not character or not character.isprintable() or character.isdigit():
            return  # Enter, arrows, Tab, digits: the list's and the screen's own keys
        now = monotonic()
        typed = self._typed if now - self._typed_at < PAUSE_SECONDS else ""
        self._typed, self._typed_at = typed + character.casefold(), now
        event.stop()
        event.prevent_default()
        letter = character.casefold()
        if len(self._typed) > 1 and set(self._typed) == {letter}:
            # The same letter again ("p", "p"): the next line beginning with it, round.
            found = self._beginning(letter, after=self.highlighted)
            self._typed = letter
        else:  # what was typed; failing that, the letter alone starts again
            found = self._beginning(self._typed)
            if found is None:
                found, self._typed = self._beginning(letter), letter
        if found is None:
            self.app.bell()
        else:
            self.highlighted = found

    def _beginning(self, typed: str, *, after: int | None = None) -> int | None:
        """The first line beginning with ``typed`` (after line ``after``, going round)."""
        count = self.option_count
        start = 0 if after is None else after + 1
        for step in range(count):
            index = (start + step) % count
            if str(self.get_option_at_index(index).prompt).casefold().startswith(typed):
                return index
        return None
