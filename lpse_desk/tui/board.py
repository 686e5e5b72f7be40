"""``lpse-desk board``: the queue display board for a second monitor in the MPP hall.

The numbers being called and their loket in large digits, the last calls, how many
wait per service and which lokets are paused; each new call is announced aloud. Only
tickets, lokets and service names reach the screen: never a name, phone, NIK or NPWP
(the store's ``BoardView`` carries none).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.renderables.digits import DIGITS
from textual.screen import Screen
from textual.widgets import Digits, Static
from textual.worker import Worker

from lpse_desk.config import Settings
from lpse_desk.domain.clock import Clock, SystemClock, to_wib
from lpse_desk.domain.queue.rules import LOKET_STATUS_LABELS, LoketStatus, announcement
from lpse_desk.domain.textfmt import printable
from lpse_desk.tui import safe, work
from lpse_desk.tui.fmt import clock_line, hhmm
from lpse_desk.tui.voice import Announcer, Speaker
from lpse_desk.tui.work import Job, Loaded, NotDone

if TYPE_CHECKING:
    from lpse_desk.domain.queue.view import BoardView, Call
    from lpse_desk.tui.storeside import DeskStore

PLACE = "LPSE Kota Bogor · Mal Pelayanan Publik"
POLL_SECONDS = 1.0
"""How often the board re-reads the queue even when nothing changed (waiting times move)."""
WATCH_SECONDS = 0.25
"""How often the board checks the change marker: a call made at a desk shows within ~this."""
HIGHLIGHT_SECONDS = 8.0
"""How long a new call's panel stands out."""
"""A board nobody attends retries a database that would not open."""
RECENT_CALLS = 6
"""Calls in "Panggilan terakhir" by default (the store returns at most six)."""


def split_drawable(ticket: str) -> tuple[str, str]:
    """``("", "A-003")`` when ``Digits`` can draw it all; ``("G", "-003")`` when not.

    ``Digits`` draws 0–9, A–F and a few signs; any other letter would sit small on its
    bottom row, so the head up to the last such letter is shown as bold text instead.
    """
    cut = max((i + 1 for i, char in enumerate(ticket) if char not in DIGITS), default=0)
    return ticket[:cut], ticket[cut:]


BOARD: Job[BoardView] = Job("board")
MARKER: Job[int] = Job("board-marker")
"""The board's figures: recent calls, waiting per service, the lokets."""


class CallPanel(Vertical):
    """One loket's current call: the ticket and the loket in large digits."""

    def __init__(self, call: Call) -> None:
        super().__init__(classes="call")
        self.call = call
        """The call shown."""
        self._flash: int | None = None

    def compose(self) -> ComposeResult:
        """Ticket above loket, each in large digits."""
        head, tail = split_drawable(self.call.ticket)
        yield Static("NOMOR ANTRIAN", classes="call-label")
        with Horizontal(classes="call-row"):
            prefix = Static(head, classes="call-prefix")
            prefix.display = bool(head)
            yield prefix
            yield Digits(tail, classes="call-ticket")
        yield Static("SILAKAN KE", classes="call-label")
        with Horizontal(classes="call-row"):
            yield Static("LOKET", classes="call-loket-word")
            yield Digits(str(self.call.loket), classes="call-loket")
        yield Static(self._when(self.call), classes="call-time")

    @staticmethod
    def _when(call: Call) -> str:
        what = "Panggilan ulang" if call.recall else "Dipanggil"
        return f"{what} {hhmm(call.at)}"

    def show(self, call: Call) -> None:
        """Show ``call`` (the same loket, perhaps a newer ticket or a recall)."""
        self.call = call
        head, tail = split_drawable(call.ticket)
        prefix = self.query_one(".call-prefix", Static)
        prefix.update(head)
        prefix.display = bool(head)
        self.query_one(".call-ticket", Digits).update(tail)
        self.query_one(".call-loket", Digits).update(str(call.loket))
        self.query_one(".call-time", Static).update(self._when(call))

    def flash(self) -> None:
        """Stand out for a few seconds (a newer flash restarts the time)."""
        self._flash = self.call.id
        self.add_class("-new")
        self.set_timer(HIGHLIGHT_SECONDS, lambda call_id=self.call.id: self._unflash(call_id))

    def _unflash(self, call_id: int) -> None:
        if self._flash == call_id:
            self.remove_class("-new")


class BoardScreen(Screen):
    """The board itself: calls, last calls, waiting per service, loket states."""

    BINDINGS = [Binding("s", "toggle_sound", "Suara", id="sound", show=False)]

    last_seen: int | None = None
    """The newest call id already shown; None until the first read (which announces nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self._poll: Worker | None = None
        self._watching: Worker | None = None
        self._marker: int | None = None
        self._read_at: datetime | None = None

    def compose(self) -> ComposeResult:
        """Title bar, calls beside the side column, the loket strip."""
        with Horizontal(id="board-top"):
            yield Static(PLACE, id="board-place")
            yield Static("", id="board-clock")
        with Horizontal(id="board-main"):
            with Container(id="board-calls"):
                yield Static("Memuat antrian…", id="board-empty")
            with Vertical(id="board-side"):
                yield Static("Panggilan terakhir", classes="board-heading")
                yield Static("", id="board-recent")
                yield Static("Menunggu", classes="board-heading")
                yield Static("", id="board-waiting")
        with Horizontal(id="board-bottom"):
            yield Static("", id="board-lokets")
            yield Static("", id="board-sound")

    def on_mount(self) -> None:
        """Tick the clock and poll the queue every second."""
        self._tick()
        self.show_sound()
        self.set_interval(1, self._tick)
        self.poll()
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(WATCH_SECONDS, self._watch)

    def _watch(self) -> None:
        """Re-read the queue as soon as a desk changed it (the change marker moved)."""
        if self._poll is not None and not self._poll.is_finished:
            return
        if self._watching is not None and not self._watching.is_finished:
            return
        self._watching = work.load(self, MARKER, self.app.store.queue.marker, group="board-watch")

    def _tick(self) -> None:
        self.query_one("#board-clock", Static).update(clock_line(self.app.clock.now()))

    def poll(self) -> None:
        """Read the queue again, unless the last read is still running (a slow database)."""
        if self._poll is not None and not self._poll.is_finished:
            return
        self._poll = self.load_board()

    def load_board(self) -> Worker[None]:
        """Read the board's figures off the UI thread."""
        return work.load(self, BOARD, self.app.store.queue.board, group="board")

    async def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Show the figures; flash and announce the calls made since the last read."""
        if message.job is MARKER:
            if message.data != self._marker:
                self._marker = message.data
                self.poll()
            return
        if message.job is not BOARD:
            return
        view: BoardView = message.data
        fresh = self._new_calls(view)
        await self._show_calls(view, {call.loket for call in fresh})
        self.query_one("#board-recent", Static).update(self._recent(view))
        self.query_one("#board-waiting", Static).update(self._waiting(view))
        self.query_one("#board-lokets", Static).update(self._lokets(view))
        self._read_at = view.now
        self.query_one("#board-bottom").remove_class("stale")
        self.show_sound()  # the voice may have failed, or been installed, since
        for call in fresh:
            self.app.announcer.say(announcement(call.ticket, call.loket))

    def on_work_refused(self, message: NotDone) -> None:
        """Locked, gone, a network drive: keep the last figures, say since when they are old."""
        if message.job is BOARD:
            self._stale()

    on_work_failed = on_work_refused

    def _stale(self) -> None:
        since = f" sejak pukul {hhmm(self._read_at)}" if self._read_at else ""
        self.query_one("#board-lokets", Static).update(
            f"Data antrian belum dapat diperbarui{since}; papan mencoba lagi."
        )
        self.query_one("#board-bottom").add_class("stale")

    def _new_calls(self, view: BoardView) -> list[Call]:
        """Calls newer than the last read, oldest first; none on the first read."""
        last = self.last_seen
        if last is None or view.last_call_id < last:
            # First read, or the database was refilled (the demo): nothing is "new".
            self.last_seen = view.last_call_id
            return []
        self.last_seen = view.last_call_id
        calls = {call.id: call for call in (*view.recent, *view.current) if call.id > last}
        return sorted(calls.values(), key=lambda call: call.id)

    async def _show_calls(self, view: BoardView, fresh_lokets: set[int]) -> None:
        area = self.query_one("#board-calls", Container)
        panels = list(area.query(CallPanel))
        if not view.current:
            if panels:
                await area.remove_children()
                await area.mount(Static(id="board-empty"))
            self.query_one("#board-empty", Static).update("Belum ada nomor yang dipanggil")
            panels = []
        elif [panel.call.loket for panel in panels] == [call.loket for call in view.current]:
            for panel, call in zip(panels, view.current, strict=True):
                panel.show(call)
        else:
            await area.remove_children()
            panels = [CallPanel(call) for call in view.current]
            await area.mount_all(panels)
        count = len(view.current)
        area.styles.grid_size_columns = max(1, count if count <= 3 else (count + 1) // 2)
        for panel in panels:
            if panel.call.loket in fresh_lokets:
                panel.flash()

    def _recent(self, view: BoardView) -> Text:
        calls = view.recent[: self.app.recent]
        if not calls:
            return Text("—", style="dim")
        lines = Text()
        for index, call in enumerate(calls):
            if index:
                lines.append("\n")
            lines.append(f"{call.ticket:<7}", style="bold")
            lines.append(f"Loket {call.loket:<3}")
            lines.append(f" {hhmm(call.at)}", style="dim")
        return lines

    def _waiting(self, view: BoardView) -> Table | Text:
        if not view.per_service:
            return Text("—", style="dim")
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")  # one line each, any width
        table.add_column(justify="right", no_wrap=True)
        for service in view.per_service:
            table.add_row(
                safe.plain(service.prefix, style="bold"),
                safe.plain(service.name),
                Text(f"{service.waiting} menunggu", style="bold" if service.waiting else "dim"),
            )
        return table

    def _lokets(self, view: BoardView) -> Text:
        today = to_wib(view.now).date()
        line = Text()
        for state in view.lokets:
            # The store keeps a loket's last state for ever; one left open yesterday
            # evening says nothing about today.
            if state.since is None or to_wib(state.since).date() != today:
                continue
            if line:
                line.append("    ")
            label = LOKET_STATUS_LABELS[state.status]
            if state.reason and state.status is not LoketStatus.OPEN:
                label = f"{label}: {printable(state.reason)}"
            style = "bold" if state.status is LoketStatus.OPEN else "bold italic"
            line.append(f"Loket {state.number}", style=style)
            line.append(f" · {label}")
        return line

    def show_sound(self) -> None:
        """Whether the calls are spoken (for the staff setting up the hall)."""
        voice = self.app.announcer
        if not voice.enabled:
            text = "Suara: mati"
        elif not voice.available:
            text = "Suara: tidak tersedia"
        else:
            text = "Suara: aktif"
        self.query_one("#board-sound", Static).update(text)

    def action_toggle_sound(self) -> None:
        """Switch the spoken calls on or off."""
        self.app.announcer.enabled = not self.app.announcer.enabled
        self.show_sound()


class BoardApp(App[None]):
    """The hall's display board: ctrl+q closes it, ``s`` switches the voice."""

    CSS_PATH = "board.tcss"
    TITLE = "Papan Antrian LPSE"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Tutup", priority=True, id="quit", show=False),
    ]

    def __init__(
        self,
        settings: Settings,
        clock: Clock | None = None,
        announcer: Speaker | None = None,
        *,
        recent: int = RECENT_CALLS,
    ) -> None:
        super().__init__()
        self.settings = settings
        """Installation settings (the database)."""
        self.clock: Clock = clock or SystemClock()
        """The injected clock (frozen in tests)."""
        self.announcer: Speaker = announcer if announcer is not None else Announcer()
        """Speaks new calls; silent when no speech program is installed."""
        self.recent = recent
        """How many calls "Panggilan terakhir" lists."""
        self.store: DeskStore | None = None
        """The opened store; None until the opening screen's worker has opened it."""

    def on_mount(self) -> None:
        """Show the opening screen, which opens the store in a worker."""
        from lpse_desk.tui.board_opening import BoardOpeningScreen

        self.push_screen(BoardOpeningScreen())

    def on_unmount(self) -> None:
        """Stop speaking and release the database."""
        self.announcer.close()
        if self.store is not None:
            self.store.close()
