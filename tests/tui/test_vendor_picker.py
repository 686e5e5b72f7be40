"""The vendor picker and the vendor form as an officer uses them, against a real store."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Checkbox, Input, OptionList, Select, Static

from lpse_desk.demo import company_npwp
from lpse_desk.domain.entities import StaffMember, Vendor
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft, draft_from_text
from lpse_desk.store.db import write_session
from lpse_desk.store.queries import staff
from lpse_desk.store.services.vendors import VendorDesk
from lpse_desk.tui.dialogs.vendor_form import REQUEST_UBAH, VendorForm
from lpse_desk.tui.widgets.vendor_picker import VendorPicker
from tests.store.actors import counter_officer
from tests.tui.helpers import SIZE, settle

NPWP_15 = "01.312.166.0-091.000"
NPWP_16 = "0013121660091000"
NIK_BOGOR = "3271011708450001"
NIB = "9120301000009"


class PickerHost(App[None]):
    """The picker alone on a screen; a create request opens the form, as intake will."""

    def __init__(self, desk: VendorDesk, *, debounce: float = 0, reg: bool = False) -> None:
        super().__init__()
        self.desk = desk
        self.debounce = debounce
        self.reg = reg
        self.chosen: list[Vendor] = []
        self.saved: list[Vendor | None] = []
        self.searched: list[str] = []

    def compose(self) -> ComposeResult:
        yield VendorPicker(self._search, debounce=self.debounce)

    def _search(self, text: str) -> list[Vendor]:
        self.searched.append(text)
        return self.desk.search(text)

    def on_mount(self) -> None:
        self.query_one(VendorPicker).focus_search()

    def on_vendor_picker_chosen(self, message: VendorPicker.Chosen) -> None:
        self.chosen.append(message.vendor)

    def on_vendor_picker_create_requested(self, message: VendorPicker.CreateRequested) -> None:
        form = VendorForm.for_new(
            self.desk,
            counter_officer(self.desk.engine),
            text=message.text,
            require_user_id=self.reg,
        )
        self.push_screen(form, self.saved.append)


@pytest.fixture
def desk(engine, clock) -> VendorDesk:
    vendor_desk = VendorDesk(engine, clock)
    officer = counter_officer(engine)
    for serial, name, user_id in (
        (101, "PT Sinar Pakuan Konstruksi", "sinarpakuan"),
        (102, "CV Sinar Abadi", "sinarabadi"),
        (103, "PT Cahaya Sinar Utama", ""),
    ):
        form = name.split()[0]
        draft = VendorDraft(form, name, npwp=company_npwp(serial), spse_user_id=user_id)
        vendor_desk.create(officer, draft)
    vendor_desk.create(
        officer,
        VendorDraft(
            "perorangan",
            "Toko Berkah Jaya",
            npwp=NIK_BOGOR,
            director_name="Siti Nurhaliza",
            director_nik=NIK_BOGOR,
        ),
    )
    return vendor_desk


async def _type(pilot, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


def _options(app: App) -> list[str]:
    results = app.query_one("#vendor-results", OptionList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


def _status(app: App) -> str:
    return str(app.query_one("#vendor-status", Static).render())


async def test_typing_finds_vendors_and_enter_chooses_the_first(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "pak sinar")
        await settle(pilot)
        options = _options(app)
        assert len(options) == 2
        assert "PT Sinar Pakuan Konstruksi" in options[0]
        npwp = company_npwp(101)
        assert f"NPWP {npwp[:4]} {npwp[4:8]} {npwp[8:12]} {npwp[12:]}" in options[0]
        assert "user ID sinarpakuan" in options[0]
        assert options[-1] == "+ Penyedia baru"
        assert "1 penyedia cocok" in _status(app)
        await pilot.press("enter")
        await settle(pilot)
    assert [vendor.name for vendor in app.chosen] == ["PT Sinar Pakuan Konstruksi"]


async def test_arrows_move_through_the_matches_while_typing_continues(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "sinar")
        await settle(pilot)
        # Name starts first (alphabetically, legal form ignored), then a later word.
        assert [option.split("\n")[0] for option in _options(app)] == [
            "CV Sinar Abadi",
            "PT Sinar Pakuan Konstruksi",
            "PT Cahaya Sinar Utama",
            "+ Penyedia baru",
        ]
        await pilot.press("down", "down", "down", "down", "up", "up")
        assert app.focused is app.query_one("#vendor-query", Input)
        await pilot.press("enter")
        await settle(pilot)
    assert [vendor.name for vendor in app.chosen] == ["PT Sinar Pakuan Konstruksi"]


async def test_a_persons_npwp_is_masked_in_the_list(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "berkah")
        await settle(pilot)
        (line, _new) = _options(app)
    assert "NPWP 3271********0001" in line
    assert NIK_BOGOR not in line


async def test_a_number_is_searched_as_npwp_and_old_results_are_dropped(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        picker = app.query_one(VendorPicker)
        await _type(pilot, company_npwp(102)[1:])  # the legacy 15 digits
        await settle(pilot)
        assert "CV Sinar Abadi" in _options(app)[0]
        # A slow search for text the officer has since changed arrives late: ignored.
        picker.post_message(VendorPicker.Found("sin", desk.search("sin")))
        await settle(pilot)
        assert len(_options(app)) == 2


async def test_searches_wait_for_a_pause_in_typing(desk):
    app = PickerHost(desk, debounce=0.15)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "cahaya")
        for _ in range(100):
            if len(_options(app)) > 1:
                break
            await pilot.pause(0.02)
        assert "PT Cahaya Sinar Utama" in _options(app)[0]
    assert app.searched[-1] == "cahaya"
    assert len(app.searched) < len("cahaya")


async def test_enter_right_after_a_paste_waits_for_the_search(desk):
    app = PickerHost(desk, debounce=5)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#vendor-query", Input).value = "sinarpak"
        await pilot.press("enter")
        await settle(pilot)
    assert [vendor.name for vendor in app.chosen] == ["PT Sinar Pakuan Konstruksi"]


async def test_a_new_vendor_is_created_through_the_form(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "Toko Baru Sejahtera")
        await settle(pilot)
        assert "Tidak ditemukan" in _status(app)
        assert _options(app) == ["+ Penyedia baru"]
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, VendorForm)
        assert form.query_one("#name", Input).value == "Toko Baru Sejahtera"
        form.query_one("#legal_form", Select).value = "perorangan"
        npwp = form.query_one("#npwp", Input)
        npwp.focus()
        await _type(pilot, "01.312.166")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # A hard error: the form stays, says which field, and puts the cursor there.
        assert app.screen is form
        error = str(form.query_one(".form-error", Static).render())
        assert "NPWP harus 15 atau 16 digit" in error
        assert form.focused is npwp and npwp.has_class("field-error")
        npwp.value = ""
        await _type(pilot, NPWP_15)
        assert not npwp.has_class("field-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # A soft warning: shown, nothing saved until a second ctrl+s.
        assert app.screen is form
        warnings = str(form.query_one(".form-warnings", Static).render())
        assert "NPWP masih format 15 digit" in warnings
        assert "ctrl+s sekali lagi" in warnings
        assert desk.search(NPWP_15) == []
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    (saved,) = app.saved
    assert (saved.name, saved.npwp) == ("Toko Baru Sejahtera", NPWP_16)
    assert desk.search(NPWP_15) == [saved]


async def test_a_returning_vendor_is_refused_in_the_form_naming_it(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, company_npwp(101))
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#npwp", Input).value == company_npwp(101)
        form.query_one("#legal_form", Select).value = "PT"
        form.query_one("#name", Input).value = "PT Sinar Pakuan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one(".form-error", Static).render())
        assert "sudah terdaftar atas nama 'PT Sinar Pakuan Konstruksi'" in error
        await pilot.press("escape")
        await settle(pilot)
    assert app.saved == [None]


async def test_registration_needs_the_online_spse_registration_and_its_user_id(desk):
    app = PickerHost(desk, reg=True)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "PT Hujan Emas Digital")
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#legal_form", Select).value == "PT"  # from the typed name
        assert form.focused is form.query_one("#registered", Checkbox)
        form.query_one("#npwp", Input).value = company_npwp(404)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "harus mendaftar online di SPSE" in str(form.query_one(".form-error").render())
        await pilot.press("space")  # tick "Sudah mendaftar online di SPSE?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "User ID SPSE wajib diisi" in str(form.query_one(".form-error").render())
        assert form.focused is form.query_one("#spse_user_id", Input)
        await _type(pilot, "HujanEmas")
        await pilot.press("ctrl+s")
        await settle(pilot)
    (saved,) = app.saved
    assert (saved.name, saved.spse_user_id) == ("PT Hujan Emas Digital", "HujanEmas")


async def test_editing_keeps_a_masked_nik_unless_retyped(desk):
    (vendor,) = desk.search("berkah")
    saved: list[Vendor | None] = []

    class EditHost(App[None]):
        def on_mount(self) -> None:
            self.push_screen(VendorForm.for_edit(desk, counter_officer(desk.engine), vendor), saved.append)

    app = EditHost()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = app.screen
        nik = form.query_one("#director_nik", Input)
        npwp = form.query_one("#npwp", Input)
        assert (nik.value, npwp.value) == ("", "")
        assert nik.placeholder.startswith("3271********0001")
        assert NIK_BOGOR not in npwp.placeholder
        form.query_one("#phone", Input).value = "081298765432"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (changed,) = saved
    assert (changed.phone, changed.director_nik, changed.npwp) == (
        "081298765432",
        NIK_BOGOR,
        NIK_BOGOR,
    )
    assert [e.reason for e in desk.history(vendor.id)[1:]] == ["Telepon: (kosong) → 081298765432"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (NPWP_15, VendorDraft("", "", npwp=NPWP_15)),
        ("9120301000001", VendorDraft("", "", nib="9120301000001")),
        ("CV. Kujang", VendorDraft("CV", "CV. Kujang")),
        ("CV Maju Jaya", VendorDraft("CV", "CV Maju Jaya")),
        ("UD Sumber Rezeki", VendorDraft("perorangan", "UD Sumber Rezeki")),
        ("Kop. Tani Makmur", VendorDraft("koperasi", "Kop. Tani Makmur")),
        ("Toko Baru", VendorDraft("", "Toko Baru")),
        ("12345", VendorDraft("", "")),
    ],
)
def test_the_form_starts_from_what_was_searched(typed, expected):
    assert draft_from_text(typed) == expected


async def test_clearing_the_search_clears_the_matches(desk):
    app = PickerHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "sin")
        await settle(pilot)
        assert len(_options(app)) == 4
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert _options(app) == ["+ Penyedia baru"]
        assert _status(app) == "Ketik untuk mencari penyedia."
        await pilot.press("enter")  # nothing typed: nothing to choose or create
        await settle(pilot)
    assert (app.chosen, app.saved) == ([], [])


# --- what a counter officer may change ----------------------------------------------------


class EditHost(App[None]):
    """The edit form alone, as ``who`` opens it; its results are kept."""

    def __init__(self, desk: VendorDesk, who, vendor: Vendor) -> None:
        super().__init__()
        self.form = VendorForm.for_edit(desk, who, vendor)
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def _account(engine, clock, name: str, role: Role, pin: str) -> StaffMember:
    with write_session(engine) as session:
        return staff.create(
            session=session, name=name, role=role, pin=pin, actor="uji", now=clock.now()
        )


async def test_a_counter_officer_edits_with_name_and_npwp_locked_and_may_ask_for_ubah(
    desk, engine, clock
):
    dewi = _account(engine, clock, "Dewi Lestari", Role.PETUGAS, "2468")
    (vendor,) = desk.search("pakuan")
    app = EditHost(desk, dewi, vendor)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = app.form
        assert vendor.email is None  # an email never recorded may still be filled in
        assert [f for f in ("name", "npwp", "email", "nib", "phone", "spse_user_id")
                if form.query_one(f"#{f}", Input).disabled] == ["name", "npwp"]  # fmt: skip
        assert form.query_one("#name", Input).value == "PT Sinar Pakuan Konstruksi"
        note = str(form.query_one("#verified-note", Static).render())
        assert note == "Nama, NPWP dan email hanya dapat diubah lewat layanan UBAH (diverifikasi)."
        assert "ctrl+b ajukan UBAH" in str(form.query_one(".form-keys", Static).render())
        assert app.focused is form.query_one("#nib", Input)  # the first empty field it may fill
        await pilot.press("ctrl+b")
        await settle(pilot)
    assert app.results == [REQUEST_UBAH]
    assert desk.history(vendor.id)[1:] == []


async def test_an_admin_edits_every_field_and_a_refusal_shows_the_name_as_typed(
    desk, engine, clock
):
    ratna = _account(engine, clock, "Ratna Sari", Role.ADMIN, "9753")
    bracketed, _ = desk.create(
        counter_officer(engine),
        VendorDraft("PT", "PT [b]Maju[/b] Jaya", npwp=company_npwp(501), nib=NIB),
    )
    (vendor,) = desk.search("pakuan")
    app = EditHost(desk, ratna, vendor)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form = app.form
        assert not any(field.disabled for field in form.query(Input))
        assert not form.query("#verified-note")
        assert not form.check_action("request_ubah", ())
        form.query_one("#nib", Input).value = NIB  # the other vendor's NIB
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one(".form-error", Static).render())
        assert error == (
            f"NIB {NIB} sudah terdaftar atas nama 'PT [b]Maju[/b] Jaya' (#{bracketed.id}); "
            "cari dan pilih penyedia itu"
        )
        form.query_one("#nib", Input).value = ""
        form.query_one("#email", Input).value = "pengadaan@sinarpakuan.co.id"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (saved,) = app.results
    assert (saved.email, saved.nib) == ("pengadaan@sinarpakuan.co.id", None)
