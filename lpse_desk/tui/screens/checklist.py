"""The checklist of one case: tick what was shown and kept, then the receipt or the slip.

Every tick is written at once (another desk, or a crash, loses nothing). The panel
under the table always says what is still missing.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.entities import Case, Vendor
from lpse_desk.domain.intake import ChecklistLine, check_expiry, missing
from lpse_desk.domain.privacy import is_personal_npwp
from lpse_desk.tui import safe, work
from lpse_desk.tui.blocked import SaysWhyBlocked, SettlesAfterDialog
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.dialogs.review import ConfirmDialog
from lpse_desk.tui.fmt import iso_day
from lpse_desk.tui.reveal import (
    REVEAL_KEY,
    RevealsPersonalIds,
    has_personal_id,
    nik_text,
    npwp_text,
    reveal_binding,
)
from lpse_desk.tui.screens import checklist_rows
from lpse_desk.tui.screens.acting import ActsThenReloads
from lpse_desk.tui.screens.checklist_outcome import ChecklistOutcome
from lpse_desk.tui.widgets.columns import Fitted
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.rows import RowTable
from lpse_desk.tui.widgets.table import KeysFollowTheRow
from lpse_desk.tui.work import Job, Loaded, NotDone

LINES: Job[tuple[list[ChecklistLine], Vendor | None]] = Job("checklist")
"""The case's checklist as stored now, and its vendor."""


class ChecklistScreen(
    SaysWhyBlocked,
    SettlesAfterDialog,
    RevealsPersonalIds,
    ChecklistOutcome,
    ActsThenReloads,
    KeysFollowTheRow,
    Screen,
):
    """Penerimaan berkas: the checklist of one case."""

    # A note typed into the Berlaku/catatan dialog must not tick documents after its Enter.
    # It replaces the intake form right after its Enter: letters typed on must not tick.
    SETTLE_ON_FIRST_SHOW = True
    SETTLING_ACTIONS = frozenset(
        {"toggle_both", "toggle_original", "toggle_copy", "all_originals", "edit", "meterai",
         "sikap", "incomplete"}
    )  # fmt: skip

    ACTION_GROUP = "checklist-save"
    FAILED_TEXT = "Gagal menyimpan"
    FAILED_TITLE = ""

    BINDINGS = [
        # The footer's order of importance: the step that ends the checklist (the receipt, or
        # the slip) right after the tick, so that it stays when the row is too narrow for all
        # (at 120 columns SIKaP and Meterai go to the help panel).
        Binding("space", "toggle_both", "Centang", id="toggle_both"),
        Binding("ctrl+s", "finish", "Tanda terima", id="finish", priority=True),
        Binding("b", "incomplete", "Belum lengkap", id="incomplete"),
        Binding("a", "toggle_original", "Asli", id="toggle_original"),
        Binding("c", "toggle_copy", "Salinan", id="toggle_copy"),
        Binding("o", "all_originals", "Semua asli", id="all_originals"),
        Binding("e", "edit", "Berlaku/catatan", id="edit"),
        Binding("t", "meterai", "Meterai", id="meterai"),
        Binding("k", "sikap", "SIKaP", id="sikap"),
        Binding("escape", "back", "Kembali", id="back"),
        reveal_binding(show=False),  # the footer is full: the vendor line names the key
    ]

    def __init__(self, case: Case, *, title: str) -> None:
        super().__init__()
        self.case = case
        self.title_text = title
        self.lines: list[ChecklistLine] = []
        self.vendor: Vendor | None = None
        self.busy = False
        self.columns = Fitted(checklist_rows.COLUMNS)
        """The table's columns, sized to the screen."""

    def compose(self) -> ComposeResult:
        """Title, checklist, what is missing."""
        yield Header()
        with Vertical(id="checklist"):
            yield Static(safe.plain(self.title_text), id="checklist-title", classes="screen-title")
            yield Static("", id="checklist-ids")
            yield RowTable(id="checklist-table")
            yield Static("", id="checklist-missing")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Columns, then the checklist."""
        self.columns.fit(self.query_one(DataTable))
        self.reload()

    def on_resize(self) -> None:
        """Columns to the new width (the rows again when they changed)."""
        if self.columns.fit(self.query_one(DataTable)) and self.lines:
            self._show(self.lines, self.vendor)

    @property
    def desk(self):
        """The intake part of the store."""
        return self.app.store.intake

    # loading and drawing

    def reload(self) -> None:
        """Read the checklist again."""
        store, case = self.app.store, self.case

        def read() -> tuple[list[ChecklistLine], Vendor | None]:
            vendor = store.vendors.get(case.vendor_id) if case.vendor_id is not None else None
            return store.intake.lines(case.id), vendor

        work.load(self, LINES, read, group="checklist-load")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """Draw the checklist."""
        if message.job is LINES:
            self._show(*message.data)

    def _show(self, lines: list[ChecklistLine], vendor: Vendor | None = None) -> None:
        self.lines = lines
        self.vendor = vendor
        self.redraw_personal_ids()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        name_width = self.columns.width(1)
        for number, line in enumerate(lines, start=1):
            cells = checklist_rows.cells(number, line, name_width=name_width)
            table.add_row(*self.columns.row(cells), key=line.requirement.id)
        if lines:
            table.move_cursor(row=min(max(row, 0), len(lines) - 1))
        panel = self.query_one("#checklist-missing", Static)
        panel.update(checklist_rows.missing_panel(lines))
        panel.set_class(bool(missing(lines)), "incomplete")
        self.refresh_bindings()

    def reveal_target(self) -> dict | None:
        """This case's vendor: a petugas may see the full numbers while the case is in intake."""
        if self.vendor is None:
            return None
        return {"vendor_id": self.vendor.id, "case_id": self.case.id}

    def redraw_personal_ids(self) -> None:
        """The vendor's personal numbers, masked unless just revealed, and the key to see them."""
        line = self.query_one("#checklist-ids", Static)
        vendor = self.vendor
        line.display = has_personal_id(vendor)
        if not line.display:
            return
        parts = []
        if vendor.npwp and is_personal_npwp(vendor.npwp):
            parts.append(f"NPWP {npwp_text(vendor.npwp, self.revealed, vendor.id)}")
        if vendor.director_nik:
            parts.append(f"NIK direktur {nik_text(vendor.director_nik, self.revealed, vendor.id)}")
        hint = "tampil lengkap (tercatat)" if self.revealed else f"{REVEAL_KEY}: lihat lengkap"
        line.update(safe.fill("$ids · [dim]$hint[/]", ids=" · ".join(parts), hint=hint))

    def _current(self) -> ChecklistLine | None:
        table = self.query_one(DataTable)
        if not self.lines or table.cursor_row < 0:
            return None
        return self.lines[min(table.cursor_row, len(self.lines) - 1)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the receipt only for a complete file, the slip only for an incomplete one."""
        if action == "finish":
            return bool(self.lines) and not missing(self.lines)
        if action == "incomplete":
            return self.settled(action, bool(missing(self.lines)))
        return self.settled(action, True)

    def why_blocked(self, action: str) -> str | None:
        """Ctrl+S with documents missing names them; b on a complete file says Ctrl+S."""
        if not self.lines:
            return "Daftar periksa masih dimuat; coba lagi sebentar."
        absent = missing(self.lines)
        if action == "finish" and absent:
            names = "; ".join(line.requirement.name for line in absent[:3])
            more = f" (dan {len(absent) - 3} lainnya)" if len(absent) > 3 else ""
            return (
                f"Tanda terima belum dapat dibuat, dokumen wajib belum lengkap: {names}{more}. "
                "Tekan b untuk tanda belum lengkap."
            )
        if action == "incomplete" and not absent:
            return "Semua dokumen wajib sudah lengkap: tekan Ctrl+S untuk tanda terima."
        return None

    # ticking

    def _tick(self, line: ChecklistLine, *, original: bool, copy: bool) -> None:
        check = line.check
        desk, staff, case_id = self.desk, self.app.staff, self.case.id

        def tick(clear_meterai: bool = False) -> ChecklistLine:
            return desk.tick(
                staff,
                case_id,
                line.requirement.id,
                original_shown=original,
                copy_received=copy,
                expiry=iso_day(check.expiry_date),
                note=check.note,
                clear_meterai=clear_meterai,
            )

        if check.meterai_invalid and (original or copy):
            # A tick would contradict the mark: only with the officer's word that it is fixed.
            self.app.push_screen(
                ConfirmDialog(
                    "Meterai sudah sah?",
                    safe.fill(
                        "$name ditandai meterai tidak sah. Bila meterainya kini Rp 10.000 (atau "
                        "e-meterai), tekan Enter: tanda itu dihapus dan dokumen dicentang. Esc: "
                        "biarkan belum diterima.",
                        name=line.requirement.name,
                    ),
                    lambda: tick(clear_meterai=True),
                    yes="centang",
                ),
                lambda _done: self.reload(),
            )
            return
        self.run_action(tick)

    def action_toggle_both(self) -> None:
        """Space: tick (or untick) everything the catalog asks for this document."""
        line = self._current()
        if line is None:
            return
        target = not line.complete
        requirement = line.requirement
        self._tick(
            line,
            original=target if requirement.original_required or not requirement.copy_kept
            else line.check.original_shown,
            copy=target if requirement.copy_kept else line.check.copy_received,
        )  # fmt: skip

    def action_toggle_original(self) -> None:
        """Original shown: yes/no."""
        line = self._current()
        if line is not None:
            self._tick(line, original=not line.check.original_shown, copy=line.check.copy_received)

    def action_toggle_copy(self) -> None:
        """Copy received: yes/no."""
        line = self._current()
        if line is not None:
            self._tick(line, original=line.check.original_shown, copy=not line.check.copy_received)

    def action_all_originals(self) -> None:
        """Every original the catalog asks for was shown."""
        self.run_action(lambda: self.desk.tick_all_originals(self.app.staff, self.case.id))

    def action_meterai(self) -> None:
        """Mark a missing or old meterai (the document stays missing), or clear the mark."""
        line = self._current()
        if line is None:
            return
        if not line.requirement.meterai:
            self.notify("Dokumen ini tidak memerlukan meterai.", severity="warning")
            return
        invalid = not line.check.meterai_invalid
        done = (
            "Meterai ditandai tidak sah: dokumen belum dapat diterima (UU 10/2020)."
            if invalid
            else "Tanda meterai tidak sah dihapus; centang dokumennya bila sudah benar."
        )
        self.run_action(
            lambda: self.desk.mark_meterai(
                self.app.staff, self.case.id, line.requirement.id, invalid=invalid
            ),
            said=done,
        )

    def action_edit(self) -> None:
        """Expiry date and note of the selected document."""
        line = self._current()
        if line is None:
            return
        desk, staff, case_id = self.desk, self.app.staff, self.case.id
        check = line.check
        expiry = iso_day(check.expiry_date)
        dialog = FieldsDialog(
            safe.plain(line.requirement.name),
            [
                (
                    "expiry",
                    "Masa berlaku (YYYY-MM-DD atau DD/MM/YYYY; kosong bila tidak ada)",
                    "mis. 31/12/2027",
                ),
                ("note", "Catatan", "mis. fotokopi kurang jelas"),
            ],  # fmt: skip
            lambda typed: desk.tick(
                staff,
                case_id,
                line.requirement.id,
                original_shown=check.original_shown,
                copy_received=check.copy_received,
                expiry=typed["expiry"],
                note=typed["note"],
            ),
            initial={"expiry": expiry, "note": check.note},
            # A wrong or past date is said when Enter leaves the field, which keeps the focus.
            checks={"expiry": lambda text: check_expiry(text, today=today_wib(self.app.clock))},
        )
        self.app.push_screen(dialog, lambda _result: self.reload())

    def action_sikap(self) -> None:
        """Record the SIKaP assistance."""
        desk, staff, case_id = self.desk, self.app.staff, self.case.id
        self.app.push_screen(
            FieldsDialog(
                "Pendampingan SIKaP",
                [("sikap", "Apa yang diisi bersama penyedia?", "mis. data izin usaha, pengurus")],
                lambda typed: desk.record_sikap(staff, case_id, typed["sikap"]) or True,
            ),
            lambda done: self.notify("Pendampingan SIKaP dicatat.") if done else None,
        )

    def on_work_refused(self, message: NotDone) -> None:
        """The checklist could not be read (a locked store); never crash in front of a vendor."""
        if message.job is LINES:
            self.notify(f"Daftar belum dapat dibaca: {message.reason}", severity="error")

    on_work_failed = on_work_refused

    def action_back(self) -> None:
        """Back; the case stays in intake and can be continued."""
        self.app.pop_screen()
