"""The LPSE Desk Textual application: screens, global keys, command palette.

Only Textual is imported at module level: the store (SQLModel) is opened in a
thread worker by the start screen, so the first frame appears at once.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets.option_list import Option

from lpse_desk.config import Settings
from lpse_desk.domain.clock import Clock, SystemClock
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.textfmt import printable
from lpse_desk.tui import fmt, work
from lpse_desk.tui.screens.start import StartScreen
from lpse_desk.tui.session import ACCOUNT, IDLE_CHECK_SECONDS, DeskSession
from lpse_desk.tui.widgets.footer import HELP_KEY
from lpse_desk.tui.work import Job, Loaded, NotDone

if TYPE_CHECKING:
    from lpse_desk.tui.screens.lock import LockScreen
    from lpse_desk.tui.storeside import DeskStore


_KIOSK_REFUSED = frozenset(
    {"quit", "help_quit", "command_palette", "change_theme", "show_help_panel", "toggle_help",
     "suspend_process"}
)

SHORT_ROWS = 30
"""Below this many rows the desk draws its forms and the survey tighter."""

NO_MATCHES = "Tidak ada yang cocok"


class DeskPalette(CommandPalette):
    """Textual's command palette, its "no matches" line in Indonesian (Textual writes it in
    English in the line it adds; the line keeps Textual's id and look)."""

    def on_mount(self) -> None:
        commands = self.query_one(CommandList)
        add_option = commands.add_option

        def in_indonesian(item=None):
            if isinstance(item, Option) and item.id == self._NO_MATCHES:
                item = Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True,
                              id=self._NO_MATCHES)  # fmt: skip
            return add_option(item)

        commands.add_option = in_indonesian


@dataclass(frozen=True, eq=False)
class Leaving(Job["Visit | None"]):
    """The number still at this loket, read before quitting or logging out."""

    kind: str = "quit"
    """``"quit"`` or ``"logout"``."""


BACKUP: Job[Any] = Job("auto-backup")

"""The automatic backup, when one is due."""


class DeskApp(DeskSession, App[None]):
    """The counter desk."""

    CSS_PATH = "app.tcss"
    TITLE = "LPSE Desk"
    SUB_TITLE = "LPSE Kota Bogor · Mal Pelayanan Publik"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Tutup", priority=True, id="quit", tooltip="Tutup aplikasi"),
        Binding("ctrl+p", "command_palette", "Perintah", show=False, priority=True),
        # The footer shows it on the right, with the number of keys it could not fit.
        Binding(HELP_KEY, "toggle_help", "Bantuan", priority=True, id="help", key_display="F1"),
    ]

    def __init__(self, *, settings: Settings, clock: Clock | None = None) -> None:
        super().__init__()
        self.settings = settings
        """Installation settings (database, loket, printer)."""
        self.clock: Clock = clock or SystemClock()
        """The injected clock (frozen in tests)."""
        self.store: DeskStore | None = None
        """The opened store; None until the start screen's worker has opened it."""
        self.staff: StaffMember | None = None
        """Who is logged in at this desk."""
        self.loket: int = settings.loket
        """The counter this desk calls visitors to."""
        self.kiosk_locked = False
        """The survey kiosk faces a vendor: quitting and the palette are refused."""
        self.idle_timeout = timedelta(minutes=settings.lock_minutes)
        """After this long without a key the desk locks itself (``lock_if_idle``)."""
        self.last_input = self.clock.now()
        """When a key (or a click) last came, on the injected clock."""
        self._ticked = (self.last_input, time.monotonic())
        self.lock_screen: LockScreen | None = None
        """The lock screen while the desk is locked."""
        self._after_unlock: list[Callable[[], object]] = []
        self.leaving = False
        """The quit/logout question is being asked."""

    def on_mount(self) -> None:
        """Show the start screen, which opens the store in a worker.

        Pushed rather than made the default screen so that later screens can
        replace it with ``switch_screen``.
        """
        self.push_screen(StartScreen())
        self.set_interval(IDLE_CHECK_SECONDS, self._idle_tick)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the survey kiosk faces a vendor or the desk is locked, it cannot be quit or
        commanded (from the lock, Ctrl+O logs out)."""
        if (self.kiosk_locked or self.lock_screen is not None) and action in _KIOSK_REFUSED:
            return False
        return super().check_action(action, parameters)

    def on_resize(self, event: events.Resize) -> None:
        """``-short`` on a terminal under 30 rows: forms and the survey tighten (app.tcss)
        so that what matters (a login error, the survey's question) stays on screen."""
        self.set_class(event.size.height < SHORT_ROWS, "-short")

    def action_toggle_help(self) -> None:
        """F1: the keys of this screen in Indonesian, beside it; F1 again closes them."""
        from lpse_desk.tui.widgets.help import KeysHelp

        shown = self.screen.query(KeysHelp)
        if shown:
            shown.remove()
        else:
            self.screen.mount(KeysHelp())

    def action_show_help_panel(self) -> None:
        """Textual's (English) key panel is never shown: the desk's own instead."""
        if not self.screen.query("KeysHelp"):
            self.action_toggle_help()

    def _under_lock(self) -> bool:
        return self.lock_screen is not None and self.screen is self.lock_screen

    # A screen below the lock that finishes its work and closes itself must not remove the
    # lock in its place: the change waits until the lock is lifted.

    def pop_screen(self) -> AwaitComplete:
        """Pop the top screen (after the lock is lifted, when a screen below asks)."""
        if self._under_lock():
            self._after_unlock.append(super().pop_screen)
            return AwaitComplete.nothing()
        return super().pop_screen()

    def push_screen(self, screen, callback=None, wait_for_dismiss=False, *, mode=None):
        """Push a screen (after the lock is lifted, when a screen below asks: a dialog opened
        by a finished load must not show over the lock)."""
        if self._under_lock() and not wait_for_dismiss:
            self._after_unlock.append(
                lambda: super(DeskApp, self).push_screen(screen, callback, mode=mode)
            )
            return AwaitComplete.nothing()
        return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)

    def switch_screen(self, screen: Screen | str) -> AwaitComplete:
        """Replace the top screen (after the lock is lifted, when a screen below asks)."""
        if self._under_lock():
            self._after_unlock.append(lambda: super(DeskApp, self).switch_screen(screen))
            return AwaitComplete.nothing()
        return super().switch_screen(screen)

    # leaving

    def action_quit(self) -> None:
        """Close the desk; first ask when this loket still has a number."""
        self.leave("quit")

    def leave(self, kind: str) -> None:
        """Quit (``"quit"``) or log out (``"logout"``), asking first when the loket has a
        called or served number."""
        if self.leaving:
            return
        if self.staff is None or self.store is None or not fmt.serves_a_loket(self.staff):
            # a verifier serves no queue: the number at this PC's loket is not theirs to move
            self.leave_now(kind)
            return
        self.leaving = True
        store, loket = self.store, self.loket
        work.load(self, Leaving("leave", kind=kind), lambda: store.queue.at_loket(loket),
                  group="leave", exclusive=False)  # fmt: skip

    def _asked(self, kind: str, visit) -> None:
        if visit is None:
            self.leaving = False
            self.leave_now(kind)
            return
        from lpse_desk.tui.screens.leave import ask_before_leaving

        ask_before_leaving(self, kind, visit)

    def leave_now(self, kind: str) -> None:
        """Quit or log out without asking."""
        if kind == "quit":
            self.exit()
        else:
            self.log_out()

    def log_out(self) -> None:
        """Record the logout and return to the login screen, from wherever the desk is."""
        staff, store = self.staff, self.store
        self.staff = None
        if staff is not None and store is not None:
            # On the app, not a screen: the screen is gone before the write ends. A failed
            # log line must not close the desk (an unhandled worker error would).
            self.run_worker(
                lambda: store.logout(staff), thread=True, group="logout", exit_on_error=False
            )
        self.lock_screen = None
        self._after_unlock = []
        # The bottom screen is Textual's default; the one above it (home) is replaced.
        while len(self.screen_stack) > 2:
            super().pop_screen()
        from lpse_desk.tui.screens.login import LoginScreen

        super().switch_screen(LoginScreen())

    def action_command_palette(self) -> None:
        """Open the command palette with an Indonesian prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DeskPalette(placeholder="Cari perintah…", id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen, plus the app's own, in Indonesian."""
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            # Only the desk's own keys (they carry an id); Textual's built-ins are English.
            if not binding.id or not binding.description or binding.action in seen:
                continue
            if binding.action in ("command_palette", "app.command_palette"):
                continue
            seen.add(binding.action)
            node = active.node
            key = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"Tombol: {key}",
                lambda node=node, action=binding.action: self.run_action(action, node),
            )
        yield SystemCommand("Ganti tema", "Pilih tema warna", self.action_change_theme)
        yield SystemCommand(
            "Tampilkan daftar tombol", "Panel bantuan tombol (F1)", self.action_toggle_help
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; its text is never read as markup.

        Messages carry names and refusals that quote what was typed (``[/]`` would crash
        the toast), and no notification of the desk uses markup: ``markup`` is ignored.
        """
        super().notify(
            printable(message, keep_newlines=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def start_auto_backup(self, *, login: bool) -> None:
        """Back the database up in a worker when one is due (first login of the day, every
        200 receipts); the counter never waits, and only a failure is shown."""
        store = self.store
        if store is None:
            return

        from lpse_desk.tui.storeside import gently

        # At low priority: the screen and the counter go first.
        work.act(self, BACKUP, lambda: gently(lambda: store.backup_if_due(login=login)),
                 group="auto-backup")  # fmt: skip

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Whether the loket still has a number decides: ask first, or leave now."""
        if isinstance(message.job, Leaving):
            self._asked(message.job.kind, message.data)
        elif message.job is ACCOUNT:
            self._account_checked(message.data)

    def on_work_refused(self, message: NotDone) -> None:
        """A failed backup is shown (it must not stop the desk); a loket that cannot be read
        (a locked database) must not keep the officer in."""
        if isinstance(message.job, Leaving):
            self._asked(message.job.kind, None)
        elif message.job is BACKUP:
            self.notify(f"Cadangan otomatis gagal: {message.reason}", title="Cadangan",
                        severity="warning", timeout=15)  # fmt: skip

    on_work_failed = on_work_refused

    def on_unmount(self) -> None:
        """Record the logout of whoever was still logged in, then release the database.

        Without the logout a closed desk would keep its loket "in use" until midnight and
        the next officer logging in there would be warned for nothing."""
        if self.store is not None:
            if self.staff is not None:
                # A locked database must not stop the closing.
                with contextlib.suppress(Exception):
                    self.store.logout(self.staff)
            self.store.close()
