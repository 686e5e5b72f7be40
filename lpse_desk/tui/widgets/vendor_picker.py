"""Find a vendor as the officer types: by NPWP, NIB, SPSE user ID or name.

The search runs in an exclusive thread worker a moment after the last keystroke, so typing
never waits for the store; a result that arrives for older text is dropped. Enter (or a
click) on a vendor posts ``VendorPicker.Chosen``; on "+ Penyedia baru" it posts
``VendorPicker.CreateRequested`` with the text typed, for the form to start from. The
parent calls ``refresh_results`` after saving a vendor, so no stale line stays on show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from lpse_desk.domain.entities import Vendor
from lpse_desk.domain.privacy import mask_npwp
from lpse_desk.domain.textfmt import printable
from lpse_desk.domain.vendors import LEGAL_FORM_LABELS
from lpse_desk.tui import safe, work
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Job, Loaded, NotDone

NEW_VENDOR = "__penyedia_baru__"
DEBOUNCE_SECONDS = 0.15
"""Quiet time after a keystroke before searching: fast typists start one search, not ten."""


def vendor_line(vendor: Vendor) -> Content:
    """A vendor as one option: the name, then its identifiers (a person's NPWP masked)."""
    details = [LEGAL_FORM_LABELS.get(vendor.legal_form, vendor.legal_form.value)]
    details.append(f"NPWP {mask_npwp(vendor.npwp)}" if vendor.npwp else "tanpa NPWP")
    if vendor.nib:
        details.append(f"NIB {vendor.nib}")
    details.append(f"user ID {vendor.spse_user_id}" if vendor.spse_user_id else "belum ada user ID")
    return Content.assemble(
        (printable(vendor.name), "bold"), "\n", (printable(" · ".join(details)), "dim")
    )


@dataclass(frozen=True, eq=False)
class Search(Job[list[Vendor]]):
    """A search for what the officer typed; stale when they have typed on since."""

    text: str = ""


class VendorPicker(Vertical):
    """A search box over the vendors with the matches below it."""

    BINDINGS = [
        Binding("down", "move(1)", "Berikutnya", show=False, id="vendor-next"),
        Binding("up", "move(-1)", "Sebelumnya", show=False, id="vendor-previous"),
        Binding("ctrl+n", "create", "Penyedia baru", id="vendor-new"),
    ]
    DEFAULT_CSS = """
    VendorPicker { height: auto; }
    VendorPicker #vendor-results { height: auto; max-height: 16; }
    VendorPicker #vendor-status { color: $text-muted; height: 1; }
    VendorPicker #vendor-status.error { color: $error; }
    """

    @dataclass
    class Chosen(Message):
        """The officer picked this vendor."""

        vendor: Vendor

    @dataclass
    class CreateRequested(Message):
        """The officer asked to register a new vendor; ``text`` is what was typed."""

        text: str

    @dataclass
    class Found(Message):
        """A search finished (posted by the worker; the picker handles it)."""

        text: str
        vendors: list[Vendor]
        failed: str | None = None

    def __init__(
        self,
        search: Callable[[str], list[Vendor]],
        *,
        debounce: float = DEBOUNCE_SECONDS,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.search = search
        """The store call (``VendorDesk.search``); it runs in a thread worker."""
        self.debounce = debounce
        self.vendors: list[Vendor] = []
        """The matches on show, in the list's order."""
        self.shown_for: str | None = None
        """The text the matches on show were found for."""
        self._timer: Timer | None = None
        self._choose_when_found = False

    def compose(self) -> ComposeResult:
        """Search box, status line, matches."""
        yield TextInput(placeholder="NPWP, NIB, user ID SPSE, atau nama penyedia", id="vendor-query")
        yield Static("Ketik untuk mencari penyedia.", id="vendor-status")
        yield OptionList(Option("+ Penyedia baru", id=NEW_VENDOR), id="vendor-results")

    @property
    def text(self) -> str:
        """What is typed in the search box, trimmed."""
        return self.query_one("#vendor-query", Input).value.strip()

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.query_one("#vendor-query", Input).focus()

    def refresh_results(self) -> None:
        """Search the typed text again (after a vendor was saved, the matches on show are old)."""
        if self._timer is not None:
            self._timer.stop()
        if self.text:
            self._choose_when_found = False
            self._search_now()

    # searching

    @on(Input.Changed, "#vendor-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._choose_when_found = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.text:
            self.workers.cancel_group(self, "vendor-search")
            self._show("", [])
            return
        if self.debounce > 0:
            self._timer = self.set_timer(self.debounce, self._search_now)
        else:
            self._search_now()

    def _search_now(self) -> None:
        self._timer = None
        self._status("Mencari…")
        self._run_search(self.text)

    def _run_search(self, text: str) -> None:
        work.load(self, Search("vendor-search", text=text), lambda: self.search(text),
                  group="vendor-search")  # fmt: skip

    def on_work_loaded(self, message: Loaded[list[Vendor]]) -> None:
        """A search finished."""
        if isinstance(message.job, Search):
            self._found(self.Found(message.job.text, message.data))

    def on_work_refused(self, message: NotDone) -> None:
        """The store refused the search text, or broke: say so."""
        if isinstance(message.job, Search):
            failed = message.said(failed="Pencarian gagal")
            self._found(self.Found(message.job.text, [], failed))

    on_work_failed = on_work_refused

    @on(Found)
    def _found(self, event: Found) -> None:
        event.stop()
        if event.text != self.text:
            return  # the officer typed on; a newer search is coming
        if event.failed:
            self._status(event.failed, error=True)
            return
        self._show(event.text, event.vendors)
        if self._choose_when_found:
            self._choose_when_found = False
            self._choose_highlighted()

    def _show(self, text: str, vendors: list[Vendor]) -> None:
        self.vendors = list(vendors)
        self.shown_for = text
        results = self.query_one("#vendor-results", OptionList)
        options = [Option(vendor_line(v), id=str(i)) for i, v in enumerate(self.vendors)]
        options.append(Option("+ Penyedia baru", id=NEW_VENDOR))
        results.set_options(options)
        results.highlighted = 0
        if not text:
            self._status("Ketik untuk mencari penyedia.")
        elif self.vendors:
            self._status(f"{len(self.vendors)} penyedia cocok · Enter pilih · ctrl+n penyedia baru")
        else:
            self._status("Tidak ditemukan · Enter untuk mendaftarkan penyedia baru")

    def _status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#vendor-status", Static)
        status.update(safe.message(message))
        status.set_class(error, "error")

    # choosing

    def action_move(self, step: int) -> None:
        """Move the highlight while the cursor stays in the search box."""
        results = self.query_one("#vendor-results", OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def action_create(self) -> None:
        """Ask for a new vendor, starting from the typed text."""
        self.post_message(self.CreateRequested(self.text))

    @on(Input.Submitted, "#vendor-query")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.text:
            return
        if self.shown_for != self.text:
            # Enter beat the search (a pasted NPWP): search now and choose when it arrives.
            if self._timer is not None:
                self._timer.stop()
            self._search_now()
            self._choose_when_found = True
            return
        self._choose_highlighted()

    @on(OptionList.OptionSelected, "#vendor-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose_highlighted(self) -> None:
        results = self.query_one("#vendor-results", OptionList)
        option = results.highlighted_option
        if option is not None:
            self._choose(option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == NEW_VENDOR:
            self.action_create()
        elif option_id is not None and option_id.isdigit():
            self.post_message(self.Chosen(self.vendors[int(option_id)]))
