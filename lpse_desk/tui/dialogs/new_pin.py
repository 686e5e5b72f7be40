"""After a PIN reset: the officer sets a new PIN before the desk opens."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Input, Label

from lpse_desk.domain.entities import StaffMember
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.forms import ActionDialog
from lpse_desk.tui.dialogs.staff_form import read_new_pin
from lpse_desk.tui.widgets.pin import PinInput


class NewPinDialog(ActionDialog[StaffMember]):
    """New PIN twice; dismisses with the updated account (``must_change_pin`` cleared) or None."""

    SAVE_FROM = "new-pin-again"
    KEYS_HINT = "Enter isian berikutnya · ctrl+s simpan · Esc batal"

    def __init__(self, member: StaffMember, perform: Callable[[str], StaffMember]) -> None:
        super().__init__(
            safe.plain(f"Buat PIN baru · {member.name}"),
            "PIN Anda baru diatur ulang oleh admin. Ketik PIN baru (4–12 angka, bukan PIN "
            "sementara) dua kali; Esc batal dan kembali ke layar masuk.",
        )
        self.perform = perform

    def body(self) -> ComposeResult:
        """The new PIN and its repetition."""
        yield Label("PIN baru")
        yield PinInput(id="new-pin")
        yield Label("Ulangi PIN baru")
        yield PinInput(id="new-pin-again")

    def on_mount(self) -> None:
        """Start on the first PIN field."""
        self.query_one("#new-pin", Input).focus()

    def values(self) -> Callable[[], StaffMember]:
        """The PIN typed twice, checked by the PIN rules before the store sees it."""
        pin = read_new_pin(
            self.query_one("#new-pin", Input).value,
            self.query_one("#new-pin-again", Input).value,
            min_length=self.app.settings.pin_min_length,
        )
        return lambda: self.perform(pin)


def ask_new_pin(screen, member: StaffMember, done: Callable[[StaffMember | None], None]) -> None:
    """Open the dialog over ``screen``; ``done`` gets the updated account, or None if cancelled."""
    store = screen.app.store
    screen.app.push_screen(
        NewPinDialog(member, lambda pin: store.staff_admin.change_own_pin(member, pin)), done
    )
