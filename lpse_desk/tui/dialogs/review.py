"""Dialogs of the case review: confirm an approval, schedule a video call, read a message,
give a refusal's reason.

Like ``forms``: each is given the store call, runs it in a worker and shows a
refusal inside itself; Escape returns None.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea

from lpse_desk.domain.daring import CHANNELS
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.notices import Notification
from lpse_desk.domain.textfmt import parse_wib
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.dialogs.forms import ActionDialog, ResultT, Shown, numbered
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Job, OneChange

MARK_SENT: Job[Any] = Job("notice-sent")


class ConfirmDialog(ActionDialog[ResultT]):
    """A yes/no step with the facts above it: Enter (or ctrl+s) does it, Esc does not."""

    BINDINGS = [Binding("enter", "submit", "Ya", id="confirm", priority=True)]

    def __init__(
        self, title: Shown, facts: Shown, perform: Callable[[], ResultT], *, yes: str = "ya"
    ) -> None:
        super().__init__(title, facts)
        self.perform = perform
        # The keys line names what Enter does ("nonaktifkan"), never "simpan": nothing is typed.
        self.KEYS_HINT = f"Enter/ctrl+s {yes} · Esc batal"

    def values(self) -> Callable[[], ResultT]:
        """The store call as given."""
        return self.perform


def parse_moment(day: str, time: str) -> datetime:
    """A WIB moment from a date (``DD/MM/YYYY`` or ``YYYY-MM-DD``) and a time (``10.00``)."""
    if not day.strip() or not time.strip():
        raise ValidationError("Isi tanggal dan jam panggilan video", field="jadwal")
    try:
        return parse_wib(f"{day.strip()} {time.strip()}")
    except ValidationError:
        raise ValidationError(
            f"Tanggal '{day.strip()}' atau jam '{time.strip()}' tidak dikenali; tulis tanggal "
            "DD/MM/YYYY (mis. 11/06/2026) dan jam 10.00",
            field="jadwal",
        ) from None


class CallDialog(ActionDialog[ResultT]):
    """Date, time, channel and its detail of a video call (a new one, or a missed one's next)."""

    SAVE_FROM = "detail"
    """Enter moves on through the date, time and channel; on the detail it saves."""
    KEYS_HINT = "Enter isian berikutnya · ctrl+s jadwalkan · Esc batal"

    def __init__(
        self,
        title: Shown,
        perform: Callable[[datetime, str, str, str], ResultT],
        *,
        help_text: Shown = "",
        day: str = "",
        time: str = "10.00",
        channel: str = "zoom",
        detail: str = "",
        note_label: str | None = None,
    ) -> None:
        super().__init__(title, help_text)
        self.perform = perform
        self.initial = {"day": day, "time": time, "detail": detail}
        self.channel = channel
        self.note_label = note_label

    def body(self) -> ComposeResult:
        """Date, time, channel, detail (and a note for a missed call)."""
        if self.note_label:
            yield Label(self.note_label)
            yield TextInput(id="note", max_length=300)
        yield Label("Tanggal (DD/MM/YYYY)")
        yield TextInput(self.initial["day"], id="day", max_length=20)
        yield Label("Jam (WIB, mis. 10.00)")
        yield TextInput(self.initial["time"], id="time", max_length=10)
        yield Label("Kanal")
        yield numbered(CHANNELS.items(), id="channel")
        yield Label("Tautan / nomor (tautan https://… wajib untuk Zoom dan Meet)")
        yield TextInput(self.initial["detail"], id="detail", max_length=300)

    def on_mount(self) -> None:
        """Start on the first field, with the channel given highlighted."""
        channels = self.query_one("#channel", OptionList)
        channels.highlighted = list(CHANNELS).index(self.channel) if self.channel in CHANNELS else 0
        self.query_one(Input).focus()

    def values(self) -> Callable[[], ResultT]:
        """The moment (refused here if it does not read), channel, detail and note."""
        moment = parse_moment(self.query_one("#day", Input).value,
                              self.query_one("#time", Input).value)  # fmt: skip
        channels = self.query_one("#channel", OptionList)
        channel = channels.get_option_at_index(channels.highlighted or 0).id
        detail = self.query_one("#detail", Input).value
        note = self.query_one("#note", Input).value if self.note_label else ""
        return lambda: self.perform(moment, channel, detail, note)


class NoticeDialog(OneChange, ModalScreen[bool | None]):
    """A decision's message for the helpdesk: read, select, copy, record as sent."""

    CHANGE = MARK_SENT

    BINDINGS = [
        Binding("c", "copy", "Salin teks", id="copy", priority=True),
        Binding("n", "mark_sent", "Tandai terkirim", id="mark_sent", priority=True),
        Binding("escape", "close", "Tutup", id="close"),
    ]
    DEFAULT_CSS = """
    NoticeDialog { align: center middle; }
    NoticeDialog > .form { width: 96; max-height: 95%; }
    NoticeDialog TextArea { height: 16; }
    NoticeDialog .form-keys { color: $text-muted; }
    """

    def __init__(self, notification: Notification, mark_sent: Callable[[], Any]) -> None:
        super().__init__()
        self.notification = notification
        self.mark_sent = mark_sent
        self.sent = notification.sent

    def compose(self) -> ComposeResult:
        """Title, the text, the keys."""
        with Vertical(classes="form"):
            yield Static(
                safe.plain(f"Pesan untuk penyedia · {self.notification.kind_label}"),
                classes="form-title",
            )
            yield Static(
                "c salin · n tandai terkirim (setelah dikirim lewat helpdesk) · Esc tutup",
                classes="form-keys",
            )
            yield Static("", classes="form-error")
            yield TextArea(self.notification.message, read_only=True, id="notice-text")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A message is recorded as sent once."""
        if action == "mark_sent":
            return not self.sent
        return True

    def action_copy(self) -> None:
        """Copy the whole text (the terminal passes it to the clipboard)."""
        self.app.copy_to_clipboard(self.notification.message)
        self.notify("Teks pesan disalin; tempel di balasan helpdesk.")

    def action_mark_sent(self) -> None:
        """Record that it was sent through the helpdesk."""
        if not self.busy and not self.sent:
            self.make_change(self.mark_sent)

    def change_done(self, result: Any) -> None:
        """Recorded as sent: close saying so."""
        self.dismiss(True)

    def _refused(self, message: str) -> None:
        self.query_one(".form-error", Static).update(safe.message(message))

    def action_close(self) -> None:
        """Close; the message stays in the case's Pesan tab."""
        self.dismiss(None)


class ReasonDialog(ChoiceDialog[ResultT]):
    """A refusal reason, then the note (Enter on the note saves, empty or not)."""

    NOTE_REQUIRED = True
    """Go to the note after the reason: it tells the vendor what exactly is wrong."""
    KEYS_HINT = "Angka memilih alasan · Enter/ctrl+s tolak · Esc batal"
    """Every reason dialog rejects (a document, a case): its key line says so."""


class ChangeDialog(ChoiceDialog[ResultT]):
    """A changeable field of an UBAH request, then its new value."""

    NOTE_REQUIRED = True
    """Every change needs its new value."""
