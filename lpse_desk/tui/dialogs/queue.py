"""Dialogs of the queue screen: a walk-in's ticket, and the outcome of a finished visit."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList

from lpse_desk.domain.queue.rules import OUTCOMES_NEEDING_NOTE
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.dialogs.forms import ActionDialog, ResultT, numbered
from lpse_desk.tui.widgets.text_input import TextInput


class OutcomeDialog(ChoiceDialog[ResultT]):
    """The outcome of a finished visit; "Lainnya" needs its note."""

    NOTE_REQUIRED = frozenset(OUTCOMES_NEEDING_NOTE)


class WalkInDialog(ActionDialog[ResultT]):
    """A walk-in's ticket: service, priority, name; ``w`` then ctrl+s is enough."""

    SAVE_FROM = "name"
    """Enter on a service or a priority moves on; in the name it saves."""
    FIELD_IDS = {"nama": "name"}  # a refused name (a phone typed in it) keeps the focus there
    KEYS_HINT = "Enter lanjut · ctrl+s daftarkan · Esc batal"

    def __init__(
        self,
        services: Sequence[tuple[str, str]],
        priorities: Sequence[tuple[str, str]],
        perform: Callable[[str, str | None, str], ResultT],
    ) -> None:
        super().__init__(
            "Pendaftaran langsung (tanpa booking)",
            "Pilih layanan (angka, atau panah lalu Enter), prioritas bila ada, lalu nama (boleh "
            "kosong); Enter di nama atau ctrl+s menyimpan.",
        )
        self.services = list(services)
        self.priorities = [("", "Tanpa prioritas"), *priorities]
        self.perform = perform

    def body(self) -> ComposeResult:
        """Service, priority, name."""
        yield Label("Layanan")
        yield numbered(self.services, id="service")
        yield Label("Prioritas")
        yield numbered([(code or "none", label) for code, label in self.priorities], id="priority")
        yield Label("Nama pengunjung (boleh kosong)")
        yield TextInput(id="name", max_length=200)

    def on_mount(self) -> None:
        """Start on the service list with the first service highlighted."""
        for option_list in self.query(OptionList):
            option_list.highlighted = 0
        self.query_one("#service", OptionList).focus()

    def values(self) -> Callable[[], ResultT]:
        """Service, priority and name as chosen."""
        service = self.query_one("#service", OptionList)
        priority = self.query_one("#priority", OptionList)
        code = service.get_option_at_index(service.highlighted or 0).id
        level = priority.get_option_at_index(priority.highlighted or 0).id
        name = self.query_one("#name", Input).value
        return lambda: self.perform(code, None if level == "none" else level, name)
