"""The checklist of one case: tick what was shown and kept, then the receipt or the slip.

Every tick is written at once (another desk, or a crash, loses nothing). The panel
under the table always says what is still missing.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from lpse_desk.domain.entities import Case, Vendor
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.intake import ChecklistLine, missing
from lpse_desk.domain.privacy import is_personal_npwp, mask_logged_text
from lpse_desk.domain.queue import HOLD_REASONS
from lpse_desk.store.faults import describe
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.forms import ChoiceDialog, FieldsDialog
from lpse_desk.tui.dialogs.receipt_confirm import ReceiptConfirmDialog
from lpse_desk.tui.dialogs.review import ConfirmDialog
from lpse_desk.tui.fmt import short
from lpse_desk.tui.reveal import (
    REVEAL_KEY,
    RevealsPersonalIds,
    has_personal_id,
    nik_text,
    npwp_text,
    reveal_binding,
)
from lpse_desk.tui.widgets.footer import DeskFooter

# Each column takes 2 more cells of padding: 116 in all, so the table fits a 120-column
# terminal. (At 136 the Status column was cut to "Kurang: asli" for a row lacking both.)
NAME_WIDTH = 38
NOTE_WIDTH = 18
COLUMNS = (
    ("No", 3),
    ("Dokumen", NAME_WIDTH),
    ("Asli", 4),
    ("Salinan", 7),
    ("Berlaku", 10),
    ("Catatan", NOTE_WIDTH),
    ("Status", 22),  # "Kurang: asli + salinan"
)


def _mark(required: bool, done: bool) -> str:
    if not required:
        return "[dim]—[/]"
    return "[green]✓[/]" if done else "[red]☐[/]"


def _original_mark(line: ChecklistLine) -> str:
    """Tatap muka: shown at the desk or not. Daring: seen on the video call (VC✓) or not yet."""
    if line.original_text is None:
        return _mark(line.requirement.original_required, line.check.original_shown)
    return "[green]VC✓[/]" if line.check.original_call_id else "[yellow]VC?[/]"


DARING_LEGEND = (
    "Prosedur daring: asli tidak diperlihatkan di loket, tetapi diperiksa lewat panggilan "
    "video (VC✓ sudah diperiksa, VC? belum diperiksa)."
)


class ChecklistScreen(RevealsPersonalIds, Screen):
    """Penerimaan berkas: the checklist of one case."""

    BINDINGS = [
        # Short labels: all of them and Esc fit the footer at 120 columns.
        Binding("space", "toggle_both", "Centang", id="toggle_both"),
        Binding("a", "toggle_original", "Asli", id="toggle_original"),
        Binding("c", "toggle_copy", "Salinan", id="toggle_copy"),
        Binding("o", "all_originals", "Semua asli", id="all_originals"),
        Binding("e", "edit", "Berlaku/catatan", id="edit"),
        Binding("t", "meterai", "Meterai", id="meterai"),
        Binding("k", "sikap", "SIKaP", id="sikap"),
        Binding("ctrl+s", "finish", "Tanda terima", id="finish", priority=True),
        Binding("b", "incomplete", "Belum lengkap", id="incomplete"),
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

    def compose(self) -> ComposeResult:
        """Title, checklist, what is missing."""
        yield Header()
        with Vertical(id="checklist"):
            yield Static(safe.plain(self.title_text), id="checklist-title", classes="screen-title")
            yield Static("", id="checklist-ids")
            yield DataTable(id="checklist-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="checklist-missing")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Columns, then the checklist."""
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        self.reload()

    @property
    def desk(self):
        """The intake part of the store."""
        return self.app.store.intake

    # loading and drawing

    def reload(self) -> None:
        """Read the checklist again."""
        self._load()

    @work(thread=True, exclusive=True, group="checklist-load")
    def _load(self) -> None:
        try:
            lines = self.desk.lines(self.case.id)
            vendor_id = self.case.vendor_id
            vendor = self.app.store.vendors.get(vendor_id) if vendor_id is not None else None
        except Exception as exc:  # noqa: BLE001 - never crash in front of a vendor
            self.app.call_from_thread(self.notify, f"Daftar belum dapat dibaca: {describe(exc)}",
                                      severity="error")  # fmt: skip
            return
        self.app.call_from_thread(self._show, lines, vendor)

    def _show(self, lines: list[ChecklistLine], vendor: Vendor | None = None) -> None:
        self.lines = lines
        self.vendor = vendor
        self.redraw_personal_ids()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for number, line in enumerate(lines, start=1):
            requirement, check = line.requirement, line.check
            if check.meterai_invalid:
                status = "[red]Meterai tidak sah[/]"
            elif line.complete:
                status = "[green]Lengkap[/]"
            elif requirement.mandatory:
                status = f"[red]Kurang[/]: {' + '.join(line.lacking)}"
            else:
                status = "[dim]Tidak wajib (SIKaP)[/]"
            name = short(requirement.name, NAME_WIDTH - (3 if requirement.meterai else 0))
            name = safe.cell("$name" + (" [b]Ⓜ[/]" if requirement.meterai else ""), name=name)
            table.add_row(
                str(number),
                name,
                _original_mark(line),
                _mark(requirement.copy_kept, check.copy_received),
                f"{check.expiry_date:%d/%m/%Y}"
                if check.expiry_date
                else ("[yellow]catat[/]" if requirement.has_expiry else ""),
                safe.plain(short(mask_logged_text(check.note), NOTE_WIDTH)),
                status,
                key=requirement.id,
            )
        if lines:
            table.move_cursor(row=min(max(row, 0), len(lines) - 1))
        gaps = missing(lines)
        panel = self.query_one("#checklist-missing", Static)
        if gaps:
            # One line per item, so every gap shows in the panel at 120 columns: the name is
            # shortened, never what is missing.
            items = [
                safe.fill(
                    "  • $item",
                    item=short(line.requirement.name, max(30, 106 - len(line.missing_text)))
                    + f": {line.missing_text}",
                )
                for line in gaps
            ]
            head = Content.from_markup(f"[b]Masih kurang ({len(gaps)}):[/b]")
            text = Content("\n").join([head, *items])
        else:
            text = Content.from_markup(
                "[b]Berkas wajib lengkap.[/b] Tekan ctrl+s untuk tanda terima."
            )
        if lines and lines[0].daring:
            text += Content.from_markup(f"\n[dim]{DARING_LEGEND}[/]")
        panel.update(text)
        panel.set_class(bool(gaps), "incomplete")
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
            return bool(missing(self.lines))
        return True

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
                expiry=f"{check.expiry_date:%Y-%m-%d}" if check.expiry_date else "",
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
                ),
                lambda _done: self.reload(),
            )
            return
        self._save(tick)

    @work(thread=True, group="checklist-save")
    def _save(self, call, done: str | None = None) -> None:
        """Run the store call; ``done`` is said only once it was saved."""
        try:
            call()
            if done:
                self.app.call_from_thread(self.notify, done)
        except DeskError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Tidak dapat", severity="error")
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, f"Gagal menyimpan: {describe(exc)}", severity="error")
        self.app.call_from_thread(self.reload)

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
        self._save(lambda: self.desk.tick_all_originals(self.app.staff, self.case.id))

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
        self._save(
            lambda: self.desk.mark_meterai(
                self.app.staff, self.case.id, line.requirement.id, invalid=invalid
            ),
            done=done,
        )

    def action_edit(self) -> None:
        """Expiry date and note of the selected document."""
        line = self._current()
        if line is None:
            return
        desk, staff, case_id = self.desk, self.app.staff, self.case.id
        check = line.check
        expiry = f"{check.expiry_date:%Y-%m-%d}" if check.expiry_date else ""
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

    # outcome

    def action_finish(self) -> None:
        """Complete file: confirm whose file it is, then tanda terima, print, hand off."""
        if self.busy:
            return
        self.busy = True
        self._confirm_work()

    @work(thread=True, exclusive=True, group="checklist-issue")
    def _confirm_work(self) -> None:
        """Read what the confirmation names (the vendor, the checklist as stored now)."""
        try:
            vendor = (
                self.app.store.vendors.get(self.case.vendor_id) if self.case.vendor_id else None
            )
            service = self.app.store.catalog.service(self.case.service_code)
            lines = self.desk.lines(self.case.id)
        except DeskError as exc:
            self.app.call_from_thread(self._refused, str(exc))
            return
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._refused, f"Gagal membaca berkas: {describe(exc)}")
            return
        if missing(lines):  # another desk unticked something meanwhile: no confirmation
            names = "; ".join(line.requirement.name for line in missing(lines))
            self.app.call_from_thread(self._refused, f"Berkas belum lengkap: {names}")
            return
        dialog = ReceiptConfirmDialog(
            vendor_name=vendor.name if vendor else "(penyedia belum dipilih)",
            service_code=service.code,
            service_name=service.name,
            received=sum(line.complete for line in lines),
            listed=len(lines),
        )
        self.app.call_from_thread(self._ask, dialog)

    def _ask(self, dialog: ReceiptConfirmDialog) -> None:
        self.busy = False
        self.app.push_screen(dialog, self._confirmed)

    def _confirmed(self, confirmed: bool | None) -> None:
        if confirmed:
            self._issue(slip=False)

    def action_incomplete(self) -> None:
        """Incomplete file: hold the visit, or print the slip and close."""
        choices = [("slip", "Cetak slip berkas belum lengkap dan tutup kunjungan")]
        if self.case.visit_id is not None:
            choices.insert(
                0, ("tahan", "Tahan antrian: penyedia melengkapi, lalu kembali ke depan")
            )
        desk, staff, case_id = self.desk, self.app.staff, self.case.id

        def perform(choice: str, _note: str) -> str:
            if choice == "tahan":
                desk.hold_for_documents(staff, case_id, HOLD_REASONS[0])
            return choice

        def after(choice: str | None) -> None:
            if choice == "tahan":
                self.notify("Kunjungan ditahan; daftar periksa tetap tersimpan.")
                self.app.pop_screen()
            elif choice == "slip":
                self._issue(slip=True)

        self.app.push_screen(ChoiceDialog("Berkas belum lengkap", choices, perform), after)

    def _issue(self, *, slip: bool) -> None:
        if self.busy:
            return
        self.busy = True
        self._issue_work(slip)

    @work(thread=True, exclusive=True, group="checklist-issue")
    def _issue_work(self, slip: bool) -> None:
        from lpse_desk.receipts.printing import print_pdf

        try:
            issue = self.desk.issue_slip if slip else self.desk.finish
            issued = issue(self.app.staff, self.case.id, loket=self.app.loket)
        except DeskError as exc:
            self.app.call_from_thread(self._refused, str(exc))
            return
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self._refused, f"Gagal menerbitkan: {describe(exc)}")
            return
        printed = print_pdf(issued.path, self.app.settings.printer)
        self.app.call_from_thread(self._issued, issued, printed.message)

    def _refused(self, message: str) -> None:
        self.busy = False
        self.notify(message, title="Tidak dapat", severity="error")
        self.reload()

    def _issued(self, issued, printed: str) -> None:
        what = "Tanda terima" if issued.kind == "tanda_terima" else "Slip belum lengkap"
        self.notify(f"{what} {issued.number}. {printed}", timeout=12)
        self.app.start_auto_backup(login=False)
        self.app.pop_screen()

    def action_back(self) -> None:
        """Back; the case stays in intake and can be continued."""
        self.app.pop_screen()

    @on(DataTable.RowHighlighted)
    def _moved(self, _event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()
