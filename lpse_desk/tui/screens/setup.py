"""First start with no staff: create the first admin."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from lpse_desk.domain.entities import StaffMember
from lpse_desk.tui import safe, work
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.pin import PinInput
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Done, Job, NotDone

ADMIN: Job[StaffMember] = Job("first-admin")
"""The first admin account, created."""


class SetupScreen(Screen):
    """Penyiapan pertama: the first admin's name and PIN."""

    BINDINGS = [Binding("ctrl+s", "submit", "Simpan admin", id="submit", priority=True)]

    busy: bool = False
    """A save is running in a worker."""

    def compose(self) -> ComposeResult:
        """The form."""
        yield Header()
        with Vertical(id="setup-form", classes="form"):
            yield Static("Penyiapan pertama", classes="form-title")
            yield Static(
                "Belum ada akun di basis data ini. Buat akun admin pertama "
                "(Kepala/Admin LPSE). Petugas lain ditambahkan kemudian.",
                classes="form-help",
            )
            yield Label("Nama lengkap admin")
            yield TextInput(id="name", placeholder="mis. Ratna Sari", max_length=100)
            yield Label("PIN (4–12 angka)")
            yield PinInput(id="pin")
            yield Label("Ulangi PIN")
            yield PinInput(id="pin2")
            yield Static("", id="setup-error", classes="form-error")
        yield DeskFooter()

    def on_mount(self) -> None:
        """Start typing the name."""
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "pin2":
            self.action_submit()
        else:
            self.focus_next()

    def _error(self, text: str, field: str | None = None) -> None:
        self.query_one("#setup-error", Static).update(safe.message(text))
        if field:
            self.query_one(f"#{field}", Input).focus()

    def action_submit(self) -> None:
        """Check the form and create the admin in a worker."""
        if self.busy:
            return
        from lpse_desk.domain.errors import ValidationError
        from lpse_desk.domain.security import check_pin_rules

        name = self.query_one("#name", Input).value
        pin = self.query_one("#pin", Input).value
        again = self.query_one("#pin2", Input).value
        if not name.strip():
            self._error("Nama admin wajib diisi.", "name")
            return
        try:
            check_pin_rules(pin, min_length=self.app.settings.pin_min_length)
        except ValidationError as exc:
            self._error(f"{exc}.", "pin")
            return
        if pin != again:
            self.query_one("#pin2", Input).value = ""
            self._error("Kedua PIN tidak sama; ketik ulang PIN.", "pin2")
            return
        self.busy = True
        self._error("Menyimpan…")
        self.create_admin(name, pin)

    def create_admin(self, name: str, pin: str) -> None:
        """Create the admin off the UI thread (PIN hashing is deliberately slow)."""
        store = self.app.store
        work.act(self, ADMIN, lambda: store.create_first_admin(name=name, pin=pin),
                 group="default", exclusive=True)  # fmt: skip

    def on_work_refused(self, message: NotDone) -> None:
        """Say what was wrong (a locked or full database too); nothing was saved."""
        if message.job is ADMIN:
            self.busy = False
            reason = message.said(failed="Admin belum tersimpan")
            self._error(f"{reason.rstrip('.')}.", "name")

    on_work_failed = on_work_refused

    def on_work_done(self, message: Done[StaffMember]) -> None:
        """Log the new admin in and go home."""
        if message.job is not ADMIN:
            return
        self.busy = False
        self.app.staff = message.result
        self.notify(f"Admin {message.result.name} dibuat. Selamat bekerja!", title="Penyiapan")
        from lpse_desk.tui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen())
