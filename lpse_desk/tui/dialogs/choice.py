"""A pick-list dialog (``ChoiceDialog``): one line of a numbered list, optionally with a
note or a typed "other" answer. A digit picks a line and moves on; only Enter or ctrl+s
saves; a letter typed on the list begins the note, and never saves a line nobody chose."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList

from lpse_desk.domain.errors import DeskError
from lpse_desk.tui.dialogs.forms import OTHER, ActionDialog, ResultT, Shown, numbered
from lpse_desk.tui.widgets.text_input import TextInput

_MOVES = frozenset({"up", "down", "home", "end", "pageup", "pagedown"})
"""Keys that move the list's highlight: a line reached with them is chosen by hand."""


class ChoiceDialog(ActionDialog[ResultT]):
    """Pick one of a few choices (or type another), with an optional note."""

    KEYS_HINT = "Angka atau ↑/↓ memilih · Enter/ctrl+s pilih · Esc batal"

    def __init__(
        self,
        title: Shown,
        choices: Sequence[tuple[str, str]],
        perform: Callable[[str, str], ResultT],
        *,
        help_text: Shown = "",
        other_label: str | None = None,
        note_label: str | None = None,
        note_limit: int = 500,
        initial: str | None = None,
    ) -> None:
        super().__init__(title, help_text)
        self.picked_by_hand = initial is not None
        """Whether a line was chosen (a digit, an arrow, or given as ``initial``): the first
        line is only highlighted to start from, not chosen."""
        self._typing_note = False
        """Characters typed on the list go to the note until the note has the focus."""
        self.note_limit = note_limit
        """The note's length as the store takes it (a longer one cannot be typed, and is said)."""
        self.choices = list(choices)
        self.perform = perform
        self.other_label = other_label
        self.note_label = note_label
        self.initial = initial

    def body(self) -> ComposeResult:
        """The choices, then the free text."""
        other = [(OTHER, self.other_label)] if self.other_label else []
        yield numbered([*self.choices, *other], id="choices")
        if self.note_label:
            yield Label(self.note_label)
            yield TextInput(id="note", max_length=self.note_limit)

    def on_mount(self) -> None:
        """Start on the choice list (or the given one)."""
        choices = self.query_one("#choices", OptionList)
        choices.focus()
        if self.initial:
            choices.highlighted = choices.get_option_index(self.initial)

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.picked_by_hand = True
        self._chosen()

    def picked(self, option_list: OptionList) -> None:
        """A digit chose a line: on to the note."""
        self.picked_by_hand = True
        super().picked(option_list)

    @on(events.Key)
    def _moving_on_the_list(self, event: events.Key) -> None:
        if event.key in _MOVES and isinstance(self.focused, OptionList):
            self.picked_by_hand = True

    def _chosen(self) -> None:
        choices = self.query_one("#choices", OptionList)
        option = choices.get_option_at_index(choices.highlighted or 0)
        wants_note = option.id == OTHER or self.needs_note(option.id)
        if self.note_label and wants_note and not self.query_one("#note", Input).value.strip():
            self.query_one("#note", Input).focus()
            return
        self.action_submit()

    NOTE_REQUIRED: bool | frozenset[str] = False
    """Which choices must come with a note: none, all (True), or these."""

    def needs_note(self, choice: str) -> bool:
        """Whether this choice must come with a note."""
        required = self.NOTE_REQUIRED
        return required if isinstance(required, bool) else choice in required

    @on(events.Key)
    def _typing_on_the_list(self, event: events.Key) -> None:
        """A letter typed on the choice list begins the note: it was dropped without a word
        (the reason of a rejection typed before its choice was lost). Until the note has the
        focus, every character goes there, digits and spaces too: keys that come in a burst
        (a paste, a slow link) reach the list before the focus moves, and a "3" in the note
        picked the third reason."""
        character = event.character
        if character is None or len(character) != 1 or not character.isprintable():
            return
        if not self._typing_note and character in "0123456789 ":
            return  # a digit picks a line; a space is the list's
        if self._to_note(character):
            event.stop()
            event.prevent_default()

    @on(events.Paste)
    def _pasting_on_the_list(self, event: events.Paste) -> None:
        """A paste on the list is the note (it was dropped); the note's field takes it as it
        takes any paste (lines joined, one too long refused and said)."""
        if not event.text.strip() or not self._to_note(""):
            return
        event.stop()
        event.prevent_default()
        self.query_one("#note", Input).post_message(events.Paste(event.text))

    def _to_note(self, text: str) -> bool:
        """``text`` typed into the note while the list has the focus; whether it went."""
        note = self.query("#note")
        if not (self.note_label and note and isinstance(self.focused, OptionList)):
            return False
        field = note.first(Input)
        if not self._typing_note:
            self._typing_note = True
            if not self.picked_by_hand and not self.other_label:
                # The first line was only where the list starts: Enter in the note must not
                # save it as if chosen (a case rejected for a reason nobody picked).
                self.query_one("#choices", OptionList).highlighted = None
            field.select_on_focus = False  # what is typed stays: the next key goes after it
            field.focus()
        field.insert_text_at_cursor(text)
        return True

    @on(events.DescendantFocus)
    def _note_has_the_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "note":
            self._typing_note = False  # from here the note takes the keys itself

    def focus_field(self, error: BaseException) -> None:
        """A refusal naming no field refuses the choice: back to the list, so that the next
        digit picks another line (it was typed into the note the first digit moved to)."""
        if getattr(error, "field", None):
            super().focus_field(error)
        else:
            self.query_one("#choices", OptionList).focus()

    @on(Input.Changed, "#note")
    def _typing_other(self, event: Input.Changed) -> None:
        # Text typed under "Alasan lain" is the reason: without this the highlighted
        # first choice was recorded and the typed reason silently dropped.
        if self.other_label and event.value.strip():
            choices = self.query_one("#choices", OptionList)
            choices.highlighted = choices.get_option_index(OTHER)

    @on(Input.Submitted, "#note")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def values(self) -> Callable[[], ResultT]:
        """The choice (or the typed text for "other") and the note."""
        choices = self.query_one("#choices", OptionList)
        if choices.highlighted is None:
            raise DeskError("Pilih salah satu dulu.")
        choice = choices.get_option_at_index(choices.highlighted).id
        note = self.query_one("#note", Input).value.strip() if self.note_label else ""
        return lambda: self.perform(choice, note)
