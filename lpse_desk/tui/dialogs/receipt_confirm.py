"""One look before a numbered tanda terima is issued: whose file, which service, how much."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from lpse_desk.domain.textfmt import printable


class ReceiptConfirmDialog(ModalScreen[bool | None]):
    """Issue the tanda terima? Enter: ``True``; Esc: ``None`` (nothing is issued)."""

    BINDINGS = [
        Binding("enter", "confirm", "Terbitkan", id="confirm", priority=True),
        # A second ctrl+s (the key that opened this) must not confirm: it is swallowed.
        Binding("ctrl+s", "ignore", "Konfirmasi dengan Enter", show=False, priority=True),
        Binding("escape", "cancel", "Batal", id="cancel"),
    ]
    DEFAULT_CSS = """
    ReceiptConfirmDialog { align: center middle; }
    ReceiptConfirmDialog > .form { width: 72; height: auto; }
    ReceiptConfirmDialog .form-keys { color: $text-muted; }
    """

    def __init__(
        self, *, vendor_name: str, service_code: str, service_name: str, received: int, listed: int
    ) -> None:
        super().__init__()
        self.vendor_name = vendor_name
        """As stored: shown as plain text, never read as markup."""
        self.service = f"{service_code} · {service_name}"
        self.received = received
        """Documents of the checklist received as the catalog asks."""
        self.listed = listed
        """Documents on the checklist."""

    def facts(self) -> Text:
        """Vendor, service and the documents received, as the officer reads them."""
        return Text.assemble(
            ("Penyedia : ", "bold"),
            printable(self.vendor_name),
            "\n",
            ("Layanan  : ", "bold"),
            printable(self.service),
            "\n",
            ("Dokumen  : ", "bold"),
            f"{self.received} diterima (dari {self.listed} di daftar periksa)",
        )

    def compose(self) -> ComposeResult:
        """Title, the facts, the keys."""
        with Vertical(classes="form"):
            yield Static("Terbitkan tanda terima bernomor?", classes="form-title")
            yield Static(self.facts(), id="receipt-facts")
            yield Static(
                "Enter terbitkan dan cetak · Esc batal (tidak ada yang diterbitkan)",
                classes="form-keys",
            )

    def action_confirm(self) -> None:
        """Issue it."""
        self.dismiss(True)

    def action_ignore(self) -> None:
        """Nothing: only Enter confirms."""

    def action_cancel(self) -> None:
        """Back to the checklist; nothing issued."""
        self.dismiss(None)
