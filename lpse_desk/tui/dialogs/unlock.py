"""The officer's PIN that ends kiosk mode (the survey screen turned to the vendor)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Input, Label

from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import DeskError
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.forms import ActionDialog
from lpse_desk.tui.widgets.pin import PinInput


class UnlockDialog(ActionDialog[StaffMember]):
    """The officer's PIN ends kiosk mode; a wrong PIN keeps the kiosk locked."""

    SAVE_FROM = "unlock-pin"
    """Enter in the PIN (the only field) checks it."""
    KEYS_HINT = "Enter/ctrl+s tutup survei · Esc kembali ke survei"
    """Nothing is saved here: the PIN closes the survey screen."""

    def __init__(self, staff_id: int, staff_name: str) -> None:
        super().__init__(
            "Tutup layar survei",
            safe.plain(f"PIN petugas {staff_name}. Survei yang belum dikirim tidak disimpan."),
        )
        self.staff_id = staff_id

    def body(self) -> ComposeResult:
        """The PIN field."""
        yield Label("PIN")
        yield PinInput(id="unlock-pin")

    def on_mount(self) -> None:
        """Type the PIN at once."""
        self.query_one("#unlock-pin", Input).focus()

    def values(self) -> Callable[[], StaffMember]:
        """Check the PIN in the store (slow on purpose: scrypt)."""
        pin = self.query_one("#unlock-pin", Input).value
        if not pin:
            raise DeskError("Ketik PIN petugas.")
        store, staff_id = self.app.store, self.staff_id
        return lambda: store.ikm.unlock(staff_id, pin)

    def _refused(self, message: str) -> None:
        super()._refused(message)
        self.query_one("#unlock-pin", Input).value = ""
