"""Starting an intake: which vendor, which service, who brings the file.

From the queue (the visit at this loket) or, for the daring procedure, from the home
screen with the helpdesk request number. ctrl+s builds the checklist and opens it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Checkbox,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from lpse_desk.domain.approval import CHANGES_SERVICE
from lpse_desk.domain.catalog import VENDOR_TYPE_LABELS, VENDOR_TYPES
from lpse_desk.domain.counter import INTAKE_SERVICES
from lpse_desk.domain.entities import Case, Vendor, Visit
from lpse_desk.domain.identifiers import format_npwp
from lpse_desk.domain.intake import same_person
from lpse_desk.domain.privacy import Revealed, is_personal_npwp
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.vendor_form import REQUEST_UBAH, VendorForm
from lpse_desk.tui.reveal import RevealsPersonalIds, nik_text, npwp_text, reveal_binding
from lpse_desk.tui.screens.checklist import ChecklistScreen
from lpse_desk.tui.widgets.checkbox import FormCheckbox
from lpse_desk.tui.widgets.footer import DeskFooter
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.widgets.vendor_picker import VendorPicker
from lpse_desk.tui.work import Job, NotDone, OneChange

BEARER_DIRECTOR = "Direktur/pemilik datang sendiri"
BEARER_PROXY = "Orang lain, dengan Surat Kuasa"
START: Job[Case] = Job("intake-start")
"""The case opened with its checklist (``IntakeDesk.start``)."""


def npwp_shown(vendor: Vendor, revealed: Revealed | None = None) -> str:
    """A vendor's NPWP as lists show it: a person's masked (UU 27/2022) unless revealed."""
    if not vendor.npwp:
        return "-"
    if is_personal_npwp(vendor.npwp):
        return npwp_text(vendor.npwp, revealed, vendor.id)
    return format_npwp(vendor.npwp)


class SaidInView(Static):
    """A message under a long form that brings itself into view whenever it grows (a second
    line laid out after the screen scrolled stayed under the footer at 80×24)."""

    def on_resize(self) -> None:
        if str(self.visual).strip():
            self.scroll_visible(animate=False)


class IntakeStartScreen(OneChange, RevealsPersonalIds, Screen):
    """Penerimaan berkas: penyedia dan layanan."""

    CHANGE = START
    FAILED = "Gagal membuat daftar periksa"

    BINDINGS = [
        Binding("ctrl+s", "start", "Buat daftar periksa", id="start", priority=True),
        Binding("ctrl+e", "edit_vendor", "Ubah penyedia", id="edit_vendor"),
        reveal_binding(),
        Binding("escape", "back", "Kembali", id="back"),
    ]

    def __init__(self, visit: Visit | None = None) -> None:
        super().__init__()
        self.visit = visit
        self.vendor: Vendor | None = None

    @property
    def service_code(self) -> str:
        """The visit's service, or the one chosen for a daring request."""
        if self.visit is not None:
            return self.visit.service_code
        services = self.query_one("#intake-service", OptionList)
        return services.get_option_at_index(services.highlighted or 0).id

    def compose(self) -> ComposeResult:
        """Vendor search, then the facts that decide the checklist."""
        yield Header()
        with VerticalScroll(id="intake"):
            if self.visit is not None:
                title = (
                    f"Penerimaan berkas · {self.visit.ticket} · {self.visit.service_code}"
                    f" · {self.visit.visitor_name or 'tanpa nama'}"
                )
            else:
                title = "Penerimaan berkas daring (permohonan melalui helpdesk)"
            yield Static(safe.plain(title), classes="screen-title")
            yield Label("1. Penyedia — cari dengan NPWP, NIB, user ID SPSE atau nama")
            yield VendorPicker(self.app.store.vendors.search, id="intake-picker")
            yield Static("Belum ada penyedia dipilih.", id="intake-vendor")
            with Horizontal(id="intake-facts"):
                with Vertical():
                    if self.visit is None:
                        yield Label("2. Layanan")
                        yield OptionList(
                            *[
                                Option(
                                    f"{code} · {self.app.store.catalog.service(code).name}", id=code
                                )  # fmt: skip
                                for code in INTAKE_SERVICES
                                if self.app.store.catalog.service(code).is_open
                            ],
                            id="intake-service",
                        )
                        yield Label("Nomor permohonan helpdesk")
                        yield TextInput(placeholder="mis. HD-2026-0042", id="intake-helpdesk")
                    yield Label("Jenis penyedia (menentukan daftar dokumen)")
                    yield OptionList(
                        *[Option(VENDOR_TYPE_LABELS[t], id=t) for t in VENDOR_TYPES],
                        id="intake-type",
                    )
                with Vertical():
                    if self.visit is not None:
                        yield Label("2. Pembawa berkas (yang berdiri di loket)")
                        yield TextInput(
                            self.visit.visitor_name or "",
                            placeholder="nama sesuai KTP",
                            id="intake-bearer",
                            max_length=200,
                        )
                        yield Static("", id="intake-director-name")
                        with RadioSet(id="intake-bearer-role"):
                            yield RadioButton(BEARER_DIRECTOR, id="bearer-director")
                            yield RadioButton(BEARER_PROXY, id="bearer-proxy")
                    else:
                        yield FormCheckbox(
                            "Diajukan oleh kuasa (dengan Surat Kuasa)", False, id="intake-proxy"
                        )
                    yield FormCheckbox("Usaha jasa konstruksi (SBU)", False, id="intake-construction")
            yield SaidInView("", id="intake-error", classes="form-error")
        yield DeskFooter(compact=True)

    def on_mount(self) -> None:
        """Start in the vendor search."""
        for option_list in self.query(OptionList).exclude("#vendor-results"):
            option_list.highlighted = 0
        self.query_one(VendorPicker).focus_search()

    # the vendor

    @on(VendorPicker.Chosen)
    def _chosen(self, event: VendorPicker.Chosen) -> None:
        event.stop()
        self._use(event.vendor)

    def _use(self, vendor: Vendor) -> None:
        self.hide_personal_ids()  # another vendor, or this one corrected: ask again
        self.vendor = vendor
        self._show_vendor()
        types = self.query_one("#intake-type", OptionList)
        if vendor.legal_form.value in VENDOR_TYPES:
            types.highlighted = VENDOR_TYPES.index(vendor.legal_form.value)
        self.query_one("#intake-error", Static).update("")
        if self.visit is not None:
            self._bearer_for(vendor)
        types.focus()

    def _show_vendor(self) -> None:
        vendor = self.vendor
        nik = nik_text(vendor.director_nik, self.revealed, vendor.id) if vendor.director_nik else ""
        self.query_one("#intake-vendor", Static).update(
            safe.fill(
                "[b]$name[/b] · NPWP $npwp · NIB $nib · user ID SPSE "
                + ("$user_id" if vendor.spse_user_id else "[red]belum ada[/]")
                + (" · NIK direktur $nik" if nik else ""),
                name=vendor.name,
                npwp=npwp_shown(vendor, self.revealed),
                nib=vendor.nib or "-",
                user_id=vendor.spse_user_id,
                nik=nik,
            )
        )

    def reveal_target(self) -> dict | None:
        """The chosen vendor, on record for the visit being served (a daring intake has none
        yet: a petugas is asked to open the checklist first)."""
        if self.vendor is None:
            return None
        return {"vendor_id": self.vendor.id, "visit_id": self.visit.id if self.visit else None}

    def redraw_personal_ids(self) -> None:
        """The vendor line again, numbers full or masked."""
        if self.vendor is not None:
            self._show_vendor()

    def _bearer_for(self, vendor: Vendor) -> None:
        """The ticket's name against the vendor's director: the same person, or a choice.

        When they differ (or no director is recorded) neither answer is ticked, so the
        officer has to say who came: the director in person, or someone else.
        """
        director = vendor.director_name or ""
        self.query_one("#intake-director-name", Static).update(
            Text.assemble(
                "Direktur/pemilik tercatat: ", safe.plain(director or "belum dicatat", "bold")
            )
        )
        radios = self.query_one("#intake-bearer-role", RadioSet)
        if same_person(self.query_one("#intake-bearer", Input).value, director):
            self.query_one("#bearer-director", RadioButton).value = True
            return
        # RadioSet turns a pressed button back on, and has no public "none pressed"
        # (textual is pinned): clear both quietly, then forget the pressed one.
        with radios.prevent(RadioButton.Changed):
            for button in radios.query(RadioButton):
                button.value = False
        radios._pressed_button = None

    @on(RadioSet.Changed, "#intake-bearer-role")
    def _bearer_chosen(self, event: RadioSet.Changed) -> None:
        """The director in person: the name becomes the director's, as recorded."""
        director = self.vendor.director_name if self.vendor else None
        if event.pressed.id == "bearer-director" and director:
            bearer = self.query_one("#intake-bearer", Input)
            if not same_person(bearer.value, director):
                bearer.value = director
        self.query_one("#intake-error", Static).update("")

    @on(VendorPicker.CreateRequested)
    def _create(self, event: VendorPicker.CreateRequested) -> None:
        event.stop()
        service = self.app.store.catalog.service(self.service_code)
        self.app.push_screen(
            VendorForm.for_new(
                self.app.store.vendors,
                self.app.staff,
                text=event.text,
                require_user_id=service.requires_spse_user_id,
            ),
            self._saved,
        )

    def action_edit_vendor(self) -> None:
        """Correct the chosen vendor (e.g. record the SPSE user ID)."""
        if self.vendor is None:
            self.notify("Pilih penyedia dulu.", severity="warning")
            return
        service = self.app.store.catalog.service(self.service_code)
        self.app.push_screen(
            VendorForm.for_edit(
                self.app.store.vendors,
                self.app.staff,
                self.vendor,
                require_user_id=service.requires_spse_user_id,
            ),
            self._saved,
        )

    def _saved(self, result: Vendor | str | None) -> None:
        if result == REQUEST_UBAH:
            # Name, NPWP and email change only through a verified UBAH request.
            if self.visit is None:
                services = self.query_one("#intake-service", OptionList)
                codes = [services.get_option_at_index(i).id for i in range(services.option_count)]
                if CHANGES_SERVICE in codes:
                    services.highlighted = codes.index(CHANGES_SERVICE)
                    self.notify(
                        "Layanan diganti ke UBAH (perubahan data): ctrl+s buat daftar periksa; "
                        "perubahan dicatat di kasus UBAH."
                    )
                else:
                    self.notify("Layanan UBAH sedang ditutup.", severity="warning")
            elif self.visit.service_code == CHANGES_SERVICE:
                self.notify("Kunjungan ini sudah UBAH: ctrl+s buat daftar periksa perubahan data.")
            else:
                self.notify(
                    f"Kunjungan {self.visit.ticket} untuk layanan {self.visit.service_code}. "
                    "Untuk perubahan data: Esc ke antrian, lalu t (Alihkan) ke UBAH.",
                    timeout=10,
                )
            return
        if isinstance(result, Vendor):
            self.query_one(VendorPicker).refresh_results()
            self._use(result)

    # starting

    def action_start(self) -> None:
        """Build the checklist for this vendor and open it."""
        if self.busy:
            return
        if self.vendor is None:
            self._say("Pilih atau daftarkan penyedia dulu.")
            return
        types = self.query_one("#intake-type", OptionList)
        if self.visit is None:
            director, bearer = not self.query_one("#intake-proxy", Checkbox).value, None
            helpdesk = self.query_one("#intake-helpdesk", Input).value
        else:
            role = self.query_one("#intake-bearer-role", RadioSet).pressed_button
            if role is None:
                self._say(
                    "Pilih siapa pembawa berkas: direktur/pemilik yang datang sendiri, atau "
                    "orang lain dengan Surat Kuasa."
                )
                self.query_one("#intake-bearer-role", RadioSet).focus()
                return
            director, helpdesk = role.id == "bearer-director", None
            bearer = self.query_one("#intake-bearer", Input).value
        facts = dict(
            service_code=self.service_code,
            vendor_id=self.vendor.id,
            vendor_type=types.get_option_at_index(types.highlighted or 0).id,
            bearer_is_director=director,
            bearer_name=bearer,
            construction=self.query_one("#intake-construction", Checkbox).value,
            visit_id=self.visit.id if self.visit else None,
            helpdesk_request_no=helpdesk,
        )
        store, staff = self.app.store, self.app.staff
        self.make_change(lambda: store.intake.start(staff, **facts))

    def _refused(self, message: str) -> None:
        self.busy = False
        self._say(message)

    _FIELDS = {"helpdesk": "#intake-helpdesk", "pembawa": "#intake-bearer"}
    """The field a store refusal names (``ValidationError.field``) → its widget."""

    def on_work_refused(self, message: NotDone) -> None:
        """Said (``OneChange``), and the field it names focused: typing on goes there."""
        super().on_work_refused(message)
        field = self._FIELDS.get(getattr(message.error, "field", None) or "")
        if message.job is self.CHANGE and field and self.query(field):
            self.query_one(field).focus()

    on_work_failed = on_work_refused

    def _say(self, message: str) -> None:
        """A refusal under the form, brought into view (at 80×24 it stood below the edge:
        Ctrl+S seemed to do nothing)."""
        error = self.query_one("#intake-error", Static)
        error.update(safe.message(message))
        self.call_after_refresh(error.scroll_visible, animate=False)  # a message as tall

    def change_done(self, case: Case) -> None:
        """The checklist exists: on to it."""
        vendor = self.vendor.name if self.vendor else ""
        where = f"{self.visit.ticket} · " if self.visit else "daring · "
        self.app.switch_screen(
            ChecklistScreen(case, title=f"Daftar periksa · {where}{case.service_code} · {vendor}")
        )

    def action_back(self) -> None:
        """Back without starting."""
        self.app.pop_screen()
