"""Register a new vendor or correct one: a modal form over the current screen.

ctrl+s checks the form in a worker (``VendorDesk.check``): a hard error stays in the form
with its field named and focused; warnings (a 15-digit NPWP, a likely email typo, a NIB
or an NPWP one digit off a same-named vendor) are listed, and a second ctrl+s saves
anyway. An officer who may not change the verified fields (name, NPWP, email: the UBAH
service's business) sees them disabled, and ctrl+b closes the form asking for an UBAH
request. The dialog's result is the saved ``Vendor``, ``REQUEST_UBAH``, or None on Escape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.widgets import Checkbox, Input, Select, Static

from lpse_desk.domain.entities import LegalForm, StaffMember, Vendor
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.privacy import is_personal_npwp, mask_nik, mask_npwp
from lpse_desk.domain.textfmt import printable
from lpse_desk.domain.vendors import (
    LEGAL_FORM_LABELS,
    VERIFIED_FIELDS,
    VERIFIED_NOTE,
    VendorDraft,
    draft_from_text,
    may_change_verified,
)
from lpse_desk.tui import safe, work
from lpse_desk.tui.dialogs.forms import ActionDialog
from lpse_desk.tui.widgets.checkbox import FormCheckbox
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Done, Job, NotDone

VendorDesk = Any
"""The store's vendor part (``DeskStore.vendors``): check, create, update."""
Who = Any
"""Who saves (as the vendor part takes it)."""

# (field, label, max length) of the text fields, in the form's order.
TEXT_FIELDS: tuple[tuple[str, str, int], ...] = (
    ("name", "Nama penyedia *", 200),
    ("npwp", "NPWP *", 25),
    ("nib", "NIB", 20),
    ("spse_user_id", "User ID SPSE", 100),
    ("email", "Email", 254),
    ("phone", "Telepon", 25),
    ("address", "Alamat", 500),
    ("director_name", "Nama direktur/pemilik", 200),
    ("director_nik", "NIK direktur/pemilik", 25),
)
REQUEST_UBAH = "ubah"
"""The form's result when the officer asked to start an UBAH request instead (ctrl+b)."""

Checked = tuple[VendorDraft, Vendor | None, tuple[str, ...]]
"""The draft checked, and the vendor saved or the warnings to confirm before saving."""
CHECK_AND_SAVE: Job[Checked] = Job("vendor-check-save")
"""Check the draft (duplicates, likely typos), and save it unless there is a warning."""


class VendorForm(ActionDialog[Vendor | str]):
    """Create or edit a vendor with the foundation's validators."""

    BINDINGS = [
        Binding("ctrl+b", "request_ubah", "Ajukan UBAH", id="request_ubah"),
    ]
    # Screen CSS ranks with the app's stylesheet, whose ``.form`` width would win over DEFAULT_CSS.
    CSS = "VendorForm > .form { width: 84; max-width: 100%; }"  # 80 columns: the screen's
    DEFAULT_CSS = """
    VendorForm #vendor-fields {
        layout: grid; grid-size: 2; grid-columns: 24 1fr; grid-rows: 1; grid-gutter: 0 1;
        height: auto;
    }
    VendorForm .field-label { color: $text-muted; }
    VendorForm .field-error { background: $error 30%; }
    VendorForm .form-warnings { color: $warning; height: auto; }
    VendorForm #verified-note { color: $text-muted; }
    """

    def __init__(
        self,
        *,
        check: Callable[[VendorDraft], Sequence[str]],
        save: Callable[[VendorDraft], tuple[Vendor, Sequence[str]]],
        vendor: Vendor | None = None,
        draft: VendorDraft | None = None,
        require_user_id: bool = False,
        locked: bool = False,
    ) -> None:
        title = f"Ubah data penyedia #{vendor.id}" if vendor else "Penyedia baru"
        help_text = "Kolom bertanda * wajib. NPWP 15 digit diterima; disimpan sebagai 0 + 15 digit."
        if require_user_id:
            help_text += " Layanan ini: penyedia harus sudah mendaftar online di SPSE."
        super().__init__(title, help_text)
        self.check = check
        """Validation and duplicate checks (``VendorDesk.check``); runs in a worker."""
        self.save = save
        """The store call that saves (``VendorDesk.create``/``update``); runs in a worker."""
        self.vendor = vendor
        self.require_user_id = require_user_id
        """The service asks for the SPSE user ID (the catalog's ``requires_spse_user_id``)."""
        self.locked = locked
        """Name, NPWP and email are read-only: the officer may not change them here."""
        self.warned_for: VendorDraft | None = None
        """The draft whose warnings are on show; ctrl+s on the same draft saves it."""
        self._start = draft or (_draft_of(vendor) if vendor else VendorDraft("", ""))
        # A NIK and a person's NPWP are not shown again when editing (UU 27/2022): the field
        # starts empty with the masked value as a hint, and empty means "unchanged".
        self._kept: dict[str, str] = {}
        if vendor and vendor.director_nik:
            self._kept["director_nik"] = vendor.director_nik
        if vendor and vendor.npwp and is_personal_npwp(vendor.npwp):
            self._kept["npwp"] = vendor.npwp

    @classmethod
    def for_new(
        cls, desk: VendorDesk, who: Who, *, text: str = "", require_user_id: bool = False
    ) -> VendorForm:
        """A form registering a new vendor, started from the text typed in the search."""
        return cls(
            check=desk.check,
            save=lambda draft: desk.create(who, draft),
            draft=draft_from_text(text),
            require_user_id=require_user_id,
        )

    @classmethod
    def for_edit(
        cls, desk: VendorDesk, who: Who, vendor: Vendor, *, require_user_id: bool = False
    ) -> VendorForm:
        """A form correcting a stored vendor; the verified fields locked unless ``who`` may
        change them (the store checks again, with the account as stored)."""
        return cls(
            check=lambda draft: desk.check(draft, vendor.id, who),
            save=lambda draft: desk.update(who, vendor.id, draft),
            vendor=vendor,
            require_user_id=require_user_id,
            locked=not may_change_verified(who if isinstance(who, StaffMember) else None),
        )

    def body(self) -> ComposeResult:
        """Warnings, then a label and a control per field."""
        yield Static("", classes="form-warnings")
        if self.locked:
            yield Static(VERIFIED_NOTE, id="verified-note")  # ctrl+b is on the keys line
        with Grid(id="vendor-fields"):
            if self.require_user_id:
                yield Static("Daftar online SPSE *", classes="field-label")
                yield FormCheckbox(
                    "Sudah mendaftar online di SPSE?",
                    value=bool(self._start.spse_user_id),
                    id="registered",
                    compact=True,
                )
            yield Static("Bentuk usaha *", classes="field-label")
            yield Select(
                [(LEGAL_FORM_LABELS[form], form.value) for form in LegalForm],
                prompt="Pilih bentuk usaha",
                value=self._start.legal_form or Select.NULL,
                id="legal_form",
                compact=True,
            )
            for field, label, limit in TEXT_FIELDS:
                if field == "spse_user_id" and self.require_user_id:
                    label = "User ID SPSE *"
                yield Static(label, classes="field-label")
                yield TextInput(
                    "" if field in self._kept else getattr(self._start, field),
                    placeholder=self._hint(field),
                    id=field,
                    max_length=limit,
                    compact=True,
                    disabled=self._locked(field),
                )

    def _locked(self, field: str) -> bool:
        """A verified field this account may not change; an empty one may still be filled."""
        stored = getattr(self._start, field) or self._kept.get(field)
        return self.locked and field in VERIFIED_FIELDS and bool(stored)

    def _hint(self, field: str) -> str:
        if field == "director_nik" and field in self._kept:
            return f"{mask_nik(self._kept[field])} (kosongkan bila tetap)"
        if field == "npwp" and field in self._kept:
            return f"{mask_npwp(self._kept[field])} (kosongkan bila tetap)"
        return {"npwp": "15 atau 16 digit", "nib": "13 digit", "director_nik": "16 digit"}.get(
            field, ""
        )

    def on_mount(self) -> None:
        """Say what the keys do here and start on the first empty field."""
        ubah = " · ctrl+b ajukan UBAH" if self.locked else ""
        self.query_one(".form-keys", Static).update(
            f"Enter isian berikutnya · ctrl+s simpan{ubah} · Esc batal"
        )
        first = "#registered" if self.require_user_id and not self._start.spse_user_id else None
        if first is None and not self._start.legal_form:
            first = "#legal_form"
        if first is None:
            editable = [f for f, _, _ in TEXT_FIELDS if not self._locked(f)]
            first = next(
                (f"#{field}" for field in editable if not getattr(self._start, field)),
                f"#{editable[0]}",
            )
        self.query_one(first).focus()

    # reading the form

    def draft(self) -> VendorDraft:
        """The fields as typed (a kept NIK/NPWP where its field was left empty)."""
        typed = {field: self.query_one(f"#{field}", Input).value for field, _, _ in TEXT_FIELDS}
        for field, value in self._kept.items():
            if not typed[field].strip():
                typed[field] = value
        form = self.query_one("#legal_form", Select).value
        return VendorDraft(legal_form="" if form is Select.NULL else str(form), **typed)

    def _preconditions(self, draft: VendorDraft) -> None:
        # Seed 000 steps 2-3: a REG vendor registers online in SPSE before anything else.
        if self.require_user_id:
            if not self.query_one("#registered", Checkbox).value:
                raise ValidationError(
                    "Penyedia harus mendaftar online di SPSE lebih dulu dan mendapat user ID; "
                    "setelah itu centang 'Sudah mendaftar online di SPSE?'",
                    field="registered",
                )
            if not draft.spse_user_id.strip():
                raise ValidationError(
                    "User ID SPSE wajib diisi untuk layanan ini", field="spse_user_id"
                )
        if not draft.legal_form:
            raise ValidationError("Bentuk usaha wajib dipilih", field="legal_form")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+b only where the verified fields are locked."""
        return self.locked if action == "request_ubah" else True

    def action_request_ubah(self) -> None:
        """Close the form asking for an UBAH request (the caller says how to start one)."""
        if not self.busy:
            self.dismiss(REQUEST_UBAH)

    # saving

    def action_submit(self) -> None:
        """Check (first press) or save (a second press on the same warned draft)."""
        if self.busy:
            return
        draft = self.draft()
        try:
            self._preconditions(draft)
        except ValidationError as exc:
            self._invalid(str(exc), exc.field)
            return
        self.busy = True
        self.show_error("")
        self._check_and_save(draft, confirmed=draft == self.warned_for)

    def _check_and_save(self, draft: VendorDraft, confirmed: bool) -> None:
        check, save = self.check, self.save

        def check_then_save() -> Checked:
            if not confirmed:
                warnings = tuple(check(draft))
                if warnings:
                    return draft, None, warnings
            vendor, _warnings = save(draft)
            return draft, vendor, ()

        work.act(self, CHECK_AND_SAVE, check_then_save, group="dialog", exclusive=True)

    def on_work_done(self, message: Done[Checked]) -> None:
        """Saved: close with the vendor; warned: list the warnings and wait."""
        if message.job is CHECK_AND_SAVE:
            draft, vendor, warnings = message.result
            if vendor is None:
                self._confirm(draft, warnings)
            else:
                self.dismiss(vendor)

    def on_work_refused(self, message: NotDone) -> None:
        """A hard error names (and focuses) its field; any other refusal or fault is shown."""
        if message.job is not CHECK_AND_SAVE:
            return
        if isinstance(message.error, ValidationError):
            self._invalid(message.reason, message.error.field)
        else:
            self._refused(message.said(failed="Gagal menyimpan"))

    on_work_failed = on_work_refused

    def _confirm(self, draft: VendorDraft, warnings: tuple[str, ...]) -> None:
        self.busy = False
        self.warned_for = draft
        # One line per warning: a newline inside a quoted name must not forge another one.
        lines = "\n".join(f"• {printable(warning)}" for warning in warnings)
        self.query_one(".form-warnings", Static).update(
            safe.message(f"Periksa dulu:\n{lines}\nTekan ctrl+s sekali lagi untuk tetap menyimpan.")
        )

    def _invalid(self, message: str, field: str | None) -> None:
        self.busy = False
        self.show_error(message)
        if field and (widgets := self.query(f"#{field}")):
            widgets.first().add_class("field-error")
            widgets.first().focus()

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _edited(self, event) -> None:
        event.control.remove_class("field-error")
        if self.warned_for is not None:
            # The warnings were about other values: check again before saving.
            self.warned_for = None
            self.query_one(".form-warnings", Static).update("")

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [field for field in self.query(Input) if not field.disabled]
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_submit()


def _draft_of(vendor: Vendor) -> VendorDraft:
    return VendorDraft(
        legal_form=vendor.legal_form.value,
        name=vendor.name,
        npwp=vendor.npwp or "",
        nib=vendor.nib or "",
        spse_user_id=vendor.spse_user_id or "",
        email=vendor.email or "",
        phone=vendor.phone or "",
        address=vendor.address or "",
        director_name=vendor.director_name or "",
        director_nik=vendor.director_nik or "",
    )
