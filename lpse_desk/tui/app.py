"""The LPSE Desk Textual application: screens, global keys, command palette.

Only Textual is imported at module level: the store (SQLModel) is opened in a
thread worker by the start screen, so the first frame appears at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from lpse_desk.config import Settings
from lpse_desk.domain.clock import Clock, SystemClock
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.textfmt import printable
from lpse_desk.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from lpse_desk.store.facade import DeskStore


_KIOSK_REFUSED = frozenset(
    {"quit", "help_quit", "command_palette", "change_theme", "show_help_panel", "suspend_process"}
)


class DeskApp(App[None]):
    """The counter desk."""

    CSS_PATH = "app.tcss"
    TITLE = "LPSE Desk"
    SUB_TITLE = "LPSE Kota Bogor · Mal Pelayanan Publik"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Tutup", priority=True, id="quit", tooltip="Tutup aplikasi"),
        Binding("ctrl+p", "command_palette", "Perintah", show=False, priority=True),
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

    def on_mount(self) -> None:
        """Show the start screen, which opens the store in a worker.

        Pushed rather than made the default screen so that later screens can
        replace it with ``switch_screen``.
        """
        self.push_screen(StartScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the survey kiosk faces a vendor, the desk cannot be quit or commanded."""
        if self.kiosk_locked and action in _KIOSK_REFUSED:
            return False
        return super().check_action(action, parameters)

    def action_command_palette(self) -> None:
        """Open the command palette with an Indonesian prompt."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Cari perintah…", id="--command-palette"))

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
            "Tampilkan daftar tombol", "Panel bantuan tombol", self.action_show_help_panel
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

        def run() -> None:
            from lpse_desk.store.backup import gently
            from lpse_desk.store.faults import describe

            try:  # at low priority: the screen and the counter go first
                gently(lambda: store.backup_if_due(login=login))
            except Exception as exc:  # noqa: BLE001 - a failed backup must not stop the desk
                self.call_from_thread(
                    self.notify,
                    f"Cadangan otomatis gagal: {describe(exc)}",
                    title="Cadangan",
                    severity="warning",
                    timeout=15,
                )

        self.run_worker(run, thread=True, group="auto-backup", exit_on_error=False)

    def on_unmount(self) -> None:
        """Release the database when the desk closes."""
        if self.store is not None:
            self.store.close()
