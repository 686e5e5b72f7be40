"""The admin's staff dialogs: a new account, and the temporary PIN after a reset."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static

from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.roles import Role
from lpse_desk.domain.security import PIN_MAX, PIN_MIN, check_pin_rules
from lpse_desk.tui.dialogs.forms import ActionDialog, Shown, numbered
from lpse_desk.tui.widgets.pin import PinInput
from lpse_desk.tui.widgets.text_input import TextInput


def read_loket(text: str) -> int | None:
    """A default loket as typed: empty → None; ValidationError unless 1–99."""
    text = text.strip()
    if not text:
        return None
    # isascii: "²" passes isdigit() but not int().
    if not (text.isascii() and text.isdigit() and len(text) <= 2 and 1 <= int(text) <= 99):
        raise ValidationError("Loket default harus angka 1–99, atau kosongkan", field="loket")
    return int(text)


def read_new_pin(pin: str, again: str, *, min_length: int = PIN_MIN) -> str:
    """The PIN typed twice, checked by the PIN rules; ValidationError otherwise."""
    check_pin_rules(pin, min_length=min_length)
    if again != pin:
        raise ValidationError(
            "Kedua PIN tidak sama; ketik ulang PIN yang sama dua kali", field="pin"
        )
    return pin


class AddStaffDialog(ActionDialog[StaffMember]):
    """Name, role, PIN twice, default loket; ``perform(name, role, pin, loket)`` saves."""

    SAVE_FROM = "staff-loket"
    """Enter moves on through the fields; on the loket (the last) it saves."""
    KEYS_HINT = "Enter isian berikutnya · ctrl+s simpan · Esc batal"
    FIELD_IDS = {"name": "staff-name", "pin": "staff-pin", "loket": "staff-loket"}

    def __init__(self, perform: Callable[[str, Role, str, int | None], StaffMember]) -> None:
        super().__init__(
            "Tambah akun petugas",
            "Ketik nama, pilih peran (angka atau panah), PIN dua kali, loket default bila ada. "
            "Sampaikan PIN langsung kepada petugasnya.",
        )
        self.perform = perform

    def body(self) -> ComposeResult:
        """The fields."""
        yield Label("Nama lengkap")
        yield TextInput(id="staff-name", max_length=100)
        yield Label("Peran")
        yield numbered([(role.value, role.label) for role in Role], id="staff-role")
        # One row for the PINs and the loket: the whole form fits a 24-line terminal.
        with Horizontal(classes="form-row"):
            with Vertical():
                yield Label(f"PIN ({self.app.settings.pin_min_length}–{PIN_MAX} angka)")
                yield PinInput(id="staff-pin")
            with Vertical():
                yield Label("Ulangi PIN")
                yield PinInput(id="staff-pin-again")
            with Vertical():
                yield Label("Loket default")
                yield TextInput(id="staff-loket", restrict=r"[0-9]*", max_length=2)

    def on_mount(self) -> None:
        """Start on the name; the first role (petugas loket) is highlighted."""
        self.query_one("#staff-role", OptionList).highlighted = 0
        self.query_one("#staff-name", Input).focus()

    def values(self) -> Callable[[], StaffMember]:
        """The account as typed; refused here when a field breaks a rule."""
        name = self.query_one("#staff-name", Input).value
        if not name.strip():
            raise ValidationError("Nama petugas wajib diisi", field="name")
        roles = self.query_one("#staff-role", OptionList)
        role = Role(roles.get_option_at_index(roles.highlighted or 0).id)
        pin = read_new_pin(
            self.query_one("#staff-pin", Input).value,
            self.query_one("#staff-pin-again", Input).value,
            min_length=self.app.settings.pin_min_length,
        )
        loket = read_loket(self.query_one("#staff-loket", Input).value)
        return lambda: self.perform(name, role, pin, loket)


class TemporaryPinDialog(ModalScreen[None]):
    """The temporary PIN after a reset, shown once, until Enter or Esc."""

    BINDINGS = [
        Binding("escape", "close", "Tutup", id="close"),
        Binding("enter", "close", "Tutup", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    TemporaryPinDialog { align: center middle; }
    TemporaryPinDialog > .form { width: 72; height: auto; }
    TemporaryPinDialog .form-keys { color: $text-muted; }
    """

    def __init__(self, title: Shown, pin: str) -> None:
        super().__init__()
        self.title_text = title
        self.pin = pin

    def compose(self) -> ComposeResult:
        """Whose PIN, the PIN, what to do with it."""
        with Vertical(classes="form"):
            yield Static(self.title_text, classes="form-title")
            yield Static(f"PIN sementara: [b]{self.pin}[/b]", id="temporary-pin")
            yield Static(
                "Sampaikan langsung kepada petugasnya (jangan lewat pesan). Saat masuk berikutnya "
                "ia wajib membuat PIN baru. PIN ini tidak ditampilkan lagi.",
                classes="form-help",
            )
            yield Static("Enter/Esc tutup", classes="form-keys")

    def action_close(self) -> None:
        """Back to the staff list."""
        self.dismiss(None)
