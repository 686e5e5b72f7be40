"""The idle lock: a desk left alone hides its work until the officer's PIN comes back.

A full screen, not a modal: nothing of the screens below (names, NIK, files) shows
through. Only the logged-in officer's PIN lifts it; Ctrl+O logs out to the login
screen instead. Nothing in the queue changes: a called number stays with the loket.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.logins import LoginResult, locked_text
from lpse_desk.tui import fmt, safe, work
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.pin import PinInput
from lpse_desk.tui.work import Done, Job, NotDone

UNLOCK: Job[LoginResult] = Job("unlock")
"""The officer's PIN checked (through the login lockout)."""


class LockScreen(Screen):
    """Layar dikunci."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Buka", id="unlock", priority=True),
        # Not a letter: letters go to the PIN field.
        Binding("ctrl+o", "logout", "Keluar akun", id="logout", priority=True),
    ]
    DEFAULT_CSS = """
    LockScreen { align: center middle; }
    LockScreen > .form { margin: 0; width: 60; }
    """

    def __init__(self, staff: StaffMember, loket: int) -> None:
        super().__init__()
        self.staff = staff
        self.loket = loket
        self.busy = False
        """A PIN check is running in a worker."""

    def _title(self) -> str:
        title = f"Layar dikunci — {self.staff.name}"
        return f"{title}, loket {self.loket}" if fmt.serves_a_loket(self.staff) else title

    def compose(self) -> ComposeResult:
        """Who the desk belongs to and the PIN field; nothing else."""
        with Vertical(classes="form"):
            yield Static(
                safe.plain(self._title()),
                id="lock-title",
                classes="form-title",
            )
            at_loket = " Nomor yang dipanggil tetap di loket." if fmt.serves_a_loket(self.staff) else ""
            yield Static(
                "Desk ini tidak dipakai beberapa menit. Ketik PIN Anda lalu Enter untuk "
                f"melanjutkan, atau Ctrl+O untuk keluar akun.{at_loket}",
                classes="form-help",
            )
            yield Label("PIN")
            yield PinInput(id="lock-pin")
            yield Static("", id="lock-error", classes="form-error")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Ready for the PIN."""
        self.query_one("#lock-pin", Input).focus()

    @on(Input.Submitted, "#lock-pin")
    def _pin_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Check the PIN in a worker."""
        pin = self.query_one("#lock-pin", Input).value
        if self.busy:
            return
        if not pin:
            self._error("Ketik PIN Anda.")
            return
        self.busy = True
        self._check(pin)

    def _check(self, pin: str) -> None:
        store, staff = self.app.store, self.staff
        work.act(self, UNLOCK, lambda: store.unlock(staff, pin), group="unlock", exclusive=True)

    def on_work_done(self, message: Done[LoginResult]) -> None:
        """The officer's PIN lifts the lock; a wrong one says how many tries are left."""
        if message.job is not UNLOCK:
            return
        result = message.result
        if result.inactive:
            self._refused(
                "Akun Anda dinonaktifkan admin: layar ini tidak dapat dibuka lagi. Ctrl+O: keluar "
                "akun; hubungi admin bila ini keliru."
            )
        elif result.locked_until is not None:
            self._refused(f"Akun {locked_text(result.locked_until)}. Ctrl+O: keluar akun.")
        elif result.member is None:
            left = result.attempts_left
            self._refused(f"PIN salah. Sisa {left} percobaan sebelum akun dikunci.")
        else:
            self.app.unlock_desk(result.member)

    def on_work_refused(self, message: NotDone) -> None:
        """The PIN could not be checked (a locked database must not crash the desk)."""
        if message.job is UNLOCK:
            self._refused(f"PIN belum dapat diperiksa: {message.reason}")

    on_work_failed = on_work_refused

    def _refused(self, message: str) -> None:
        self.busy = False
        self._error(message)

    def _error(self, message: str) -> None:
        self.query_one("#lock-error", Static).update(safe.message(message))
        pin = self.query_one("#lock-pin", Input)
        pin.value = ""
        pin.focus()

    def action_logout(self) -> None:
        """Leave the desk to the login screen; the loket keeps its number."""
        if not self.busy:
            self.app.log_out()
