"""Login: choose your name, type your PIN and the loket you sit at."""

from __future__ import annotations

import time
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.logins import LoginResult, LoketUse, locked_text, until_text
from lpse_desk.tui import fmt, safe, work
from lpse_desk.tui.widgets.findlist import FindList
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.pin import PinInput
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Done, Job, Loaded, NotDone

STAFF: Job[list[StaffMember]] = Job("staff")
"""The active staff accounts, to choose from."""
STAFF_REFRESH_SECONDS = 30
"""How often the list is read again while the screen waits for someone to log in."""
LOGIN: Job[tuple[LoginResult, int, str, int]] = Job("login")
"""The PIN checked: (result, staff id, PIN, loket)."""


class LoginScreen(Screen):
    """Masuk: staff + PIN. A wrong PIN says so and how many tries are left before the lock."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "Masuk", id="submit", priority=True),
        Binding("ctrl+r", "reload_staff", "Muat ulang", id="reload", priority=True),
    ]

    busy: bool = False
    """A login check is running in a worker."""
    staff_unread: bool = False
    """The staff list could not be read: only then is Ctrl+R offered."""
    default_lokets: dict[str, int | None] = {}
    """Each listed account's default loket, by option id."""
    listed: list[tuple[str, str]] = []
    """The accounts shown: (option id, line), as last read."""
    placed: str | None = None
    """The account the loket field was last filled for."""
    no_loket: frozenset[str] = frozenset()
    """The listed accounts whose role sits at no loket (the verifiers), by option id."""
    min_answer_seconds: float = 0.5
    """No attempt is answered sooner, right or wrong: guessing at the keyboard stays slow and
    the answer's timing tells nothing. Pilot tests set it to 0."""

    def compose(self) -> ComposeResult:
        """Staff list, PIN and loket."""
        yield Header()
        with Vertical(id="login-form", classes="form"):
            yield Static("Masuk", classes="form-title")
            yield Label("Nama petugas")
            yield FindList(id="staff-list")
            yield Label("PIN")
            yield PinInput(id="pin")
            # Under the PIN, not at the bottom: on 24 rows it stays on screen.
            yield Static("", id="login-error", classes="form-error")
            yield Label("Loket", id="loket-label")
            yield TextInput(
                id="loket", value=str(self.app.settings.loket), restrict=r"[0-9]*", max_length=2
            )
        yield DeskFooter()

    def on_mount(self) -> None:
        """Load the staff list, and again now and then: an account the admin added or
        activated at another desk since this screen opened is listed without a restart."""
        self.query_one("#staff-list").loading = True
        self.load_staff()
        self.set_interval(STAFF_REFRESH_SECONDS, self._refresh_staff)

    def _refresh_staff(self) -> None:
        if not self.busy and not self.staff_unread:
            self.load_staff()

    def load_staff(self) -> None:
        """Read the active staff accounts."""
        work.load(self, STAFF, self.app.store.staff_members, group="staff")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reloading the staff list is offered only after it could not be read."""
        if action == "reload_staff":
            return self.staff_unread
        return True

    def action_reload_staff(self) -> None:
        """Read the staff list again after it could not be read."""
        if not self.staff_unread:
            return
        self.staff_unread = False
        self.refresh_bindings()
        self.query_one("#staff-list", OptionList).loading = True
        self._error("")
        self.load_staff()

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Fill the staff list."""
        if message.job is not STAFF:
            return
        options = self.query_one("#staff-list", OptionList)
        listed = [(str(m.id), f"{m.name} — {m.role.label}") for m in message.data]
        first = options.loading or not options.option_count
        if not first and listed == self.listed:
            return  # a refresh that found nothing new: the officer's place is kept
        kept = options.highlighted_option.id if options.highlighted_option else None
        self.listed = listed
        options.loading = False
        options.clear_options()
        options.add_options(Option(safe.plain(label), id=ident) for ident, label in listed)
        self.default_lokets = {str(m.id): m.default_loket for m in message.data}
        self.no_loket = frozenset(str(m.id) for m in message.data if not fmt.serves_a_loket(m))
        ids = [ident for ident, _label in listed]
        if first or kept in ids:
            options.highlighted = ids.index(kept) if kept in ids else (0 if listed else None)
        else:  # the person chosen is no longer listed: a PIN typed must not go to another
            options.highlighted = None
            self.query_one("#pin", Input).value = ""
            self._error("Akun yang dipilih tidak aktif lagi: pilih nama.")
        if first:
            options.focus()

    def on_work_done(self, message: Done[Any]) -> None:
        """Finish a login."""
        if message.job is LOGIN:
            self.busy = False
            self._answer(*message.result)

    def _answer(self, result: LoginResult | None, staff_id: int, pin: str, loket: int) -> None:
        """Say what the PIN attempt came to (``None``: the loket question was declined)."""
        if result is None:
            self._error("Belum masuk. Ganti nomor loket, atau masuk lagi untuk tetap di sana.")
            self.query_one("#pin", Input).value = ""
            self.query_one("#loket", Input).focus()
        elif result.member is not None:
            self._enter(result.member, loket)
        elif result.loket_in_use is not None:
            self._ask_loket(result.loket_in_use, staff_id, pin)
        elif result.inactive:
            self._error("Akun ini dinonaktifkan admin; hubungi admin bila ini keliru.", "pin")
        elif result.locked_until is not None:
            self._error(f"Akun {locked_text(result.locked_until)}.", "pin")
        else:
            left = result.attempts_left
            self._error(f"PIN salah. Sisa {left} percobaan sebelum akun dikunci.", "pin")

    def _enter(self, member: StaffMember, loket: int) -> None:
        """The PIN was right: a new PIN first if an admin reset it, then the home screen."""
        if member.must_change_pin:
            from lpse_desk.tui.dialogs.new_pin import ask_new_pin

            def changed(updated: StaffMember | None) -> None:
                if updated is None:
                    self._error("PIN baru belum dibuat; masuk lagi untuk membuatnya.", "pin")
                else:
                    self._enter(updated, loket)

            ask_new_pin(self, member, changed)
            return
        self.app.staff = member
        self.app.loket = loket
        self.app.start_auto_backup(login=True)
        from lpse_desk.tui.screens.home import HomeScreen

        self.app.switch_screen(HomeScreen())

    def _ask_loket(self, use: LoketUse, staff_id: int, pin: str) -> None:
        """Someone else is logged in at the loket: enter there only when the officer says so."""
        from lpse_desk.tui.dialogs.review import ConfirmDialog

        store = self.app.store
        facts = safe.fill(
            "Loket $loket sedang dipakai oleh $name (masuk $since). Tetap masuk di loket ini?\n"
            "Enter: ya, masuk di loket $loket. Esc: tidak (ganti nomor loket).",
            loket=use.loket,
            name=use.name,
            since=until_text(use.since),
        )

        def enter_anyway() -> LoginResult:
            return store.login(staff_id=staff_id, pin=pin, loket=use.loket, loket_confirmed=True)

        self._error("")
        self.app.push_screen(
            ConfirmDialog(f"Loket {use.loket} sedang dipakai", facts, enter_anyway, yes="masuk"),
            lambda result: self._answer(result, staff_id, pin, use.loket),
        )

    @on(OptionList.OptionHighlighted, "#staff-list")
    def _default_loket(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id == self.placed:
            return  # the same person after a refresh: a loket typed for them stays
        self.placed = event.option.id
        field = self.query_one("#loket", Input)
        label = self.query_one("#loket-label", Label)
        if event.option.id in self.no_loket:  # a verifier: no loket to type, none recorded
            field.value, field.disabled = "", True
            label.update("Loket: tidak dipakai (verifikator tidak melayani antrian)")
            return
        # The account's own loket, else this PC's (not the one the last person typed: the
        # next officer would be logged in at it without a word).
        loket = self.default_lokets.get(event.option.id) or self.app.settings.loket
        field.value, field.disabled = str(loket), False
        label.update("Loket")

    @on(OptionList.OptionSelected)
    def _to_pin(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin, #loket")
    def _typed_done(self) -> None:
        self.action_submit()

    def _error(self, text: str, field: str | None = None) -> None:
        self.query_one("#login-error", Static).update(safe.message(text))
        if field:
            widget = self.query_one(f"#{field}", Input)
            widget.value = "" if field == "pin" else widget.value
            widget.focus()

    def action_submit(self) -> None:
        """Check the PIN in a worker."""
        if self.busy:
            return
        options = self.query_one("#staff-list", OptionList)
        if options.highlighted is None or options.option_count == 0:
            self._error("Pilih nama petugas terlebih dahulu.")
            options.focus()
            return
        staff_id = int(options.get_option_at_index(options.highlighted).id)
        pin = self.query_one("#pin", Input).value
        if not pin:
            self._error("Ketik PIN Anda.", "pin")
            return
        loket = self.app.loket  # a verifier's: the store records her at no loket
        if str(staff_id) not in self.no_loket:
            loket_text = self.query_one("#loket", Input).value.strip()
            # isascii: "²" passes isdigit() but not int(); int() refuses over 4,300 digits.
            digits = loket_text.isascii() and loket_text.isdigit() and len(loket_text) <= 9
            if not digits or not 1 <= int(loket_text) <= 99:
                self._error("Loket harus angka 1–99.", "loket")
                return
            loket = int(loket_text)
        self.busy = True
        self._error("Memeriksa…")
        self.check_login(staff_id, pin, loket)

    def check_login(self, staff_id: int, pin: str, loket: int) -> None:
        """Verify the PIN off the UI thread (scrypt is slow on purpose), never answering
        sooner than ``min_answer_seconds``."""
        store = self.app.store

        def check() -> tuple[LoginResult, int, str, int]:
            started = time.monotonic()
            try:
                return store.login(staff_id=staff_id, pin=pin, loket=loket), staff_id, pin, loket
            finally:
                self._wait_out(started)

        work.act(self, LOGIN, check, group="login", exclusive=True)

    def _wait_out(self, started: float) -> None:
        rest = self.min_answer_seconds - (time.monotonic() - started)
        if rest > 0:
            time.sleep(rest)  # in the worker thread: the screen stays responsive

    def on_work_refused(self, message: NotDone) -> None:
        """Show a failure to reach the store (a locked or vanished database); a list already
        shown stays as it is (the next refresh tries again)."""
        if message.job is STAFF and self.listed:
            return
        self.busy = False
        if message.job is STAFF:
            self.query_one("#staff-list", OptionList).loading = False
            self.staff_unread = True
            self.refresh_bindings()
            self._error(
                f"Daftar petugas belum dapat dibaca: {message.reason}\n"
                "Tekan Ctrl+R untuk memuat ulang."
            )
        elif message.job is LOGIN:
            self._error(f"Tidak dapat memeriksa PIN: {message.reason}")

    on_work_failed = on_work_refused
