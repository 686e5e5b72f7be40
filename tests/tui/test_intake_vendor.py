"""The vendor forms as the intake start screen opens them, against the demo day.

Dewi Lestari (petugas loket) at loket 1; C-005 (Nur Aini, UID) is called there. The daring
intake (``p`` on the home screen) lets the officer choose the service.
"""

from __future__ import annotations

from textual.widgets import Checkbox, Input, OptionList, Select

from tests.tui.helpers import SIZE, login, make_app, settle, wait_for_screen
from tests.tui.test_intake_dialogs import (
    notices,
    open_queue,
    paste,
    press,
    retype,
    start_intake,
    text_of,
)

NIB = "9120399000001"


async def daring_intake(pilot, service: str) -> None:
    """Dewi opens a daring intake and chooses ``service``."""
    await login(pilot, "Dewi Lestari", "2468")
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("p")
    await wait_for_screen(pilot, "IntakeStartScreen")
    await settle(pilot)
    services = pilot.app.screen.query_one("#intake-service", OptionList)
    codes = [services.get_option_at_index(i).id for i in range(services.option_count)]
    services.highlighted = codes.index(service)
    pilot.app.screen.query_one("#vendor-query", Input).focus()
    await pilot.pause()


async def search(pilot, text: str) -> None:
    """Type ``text`` in the intake's vendor search and wait for its matches."""
    query = pilot.app.screen.query_one("#vendor-query", Input)
    query.value = ""
    query.focus()
    await pilot.pause()
    await paste(pilot, text)
    picker = pilot.app.screen.query_one("#intake-picker")
    for _ in range(10):  # the picker searches after a short pause, in a worker
        await pilot.pause(0.1)
        await settle(pilot, 1)
        if picker.shown_for == text:
            return
    raise AssertionError(f"no search for {text!r}")


def service_of(app) -> str:
    services = app.screen.query_one("#intake-service", OptionList)
    return services.get_option_at_index(services.highlighted).id


async def test_the_new_vendor_form_starts_from_the_search_and_the_catalog(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await daring_intake(pilot, "UBAH")
        await search(pilot, "CV Maju Jaya")
        await pilot.press("enter")  # "+ Penyedia baru" is the only choice
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#legal_form", Select).value == "CV"  # from the typed name
        assert form.query_one("#name", Input).value == "CV Maju Jaya"
        # UBAH needs the SPSE user ID too (requires_spse_user_id in the catalog).
        registered = form.query_one("#registered", Checkbox)
        assert app.focused is registered
        # Space ticks; Enter goes on to the next field, as the keys line says, and leaves
        # the tick as it is (Textual's Enter unticked it on the way down the form).
        await press(pilot, "space")
        await press(pilot, "enter")
        assert registered.value is True
        assert app.focused is form.query_one("#legal_form", Select)
        await press(pilot, "escape")

        await search(pilot, NIB)  # a 13-digit number: a NIB
        await pilot.press("ctrl+n")
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#nib", Input).value == NIB
        assert form.query_one("#name", Input).value == ""
        assert form.query_one("#legal_form", Select).value is Select.NULL
        await press(pilot, "escape")

        services = app.screen.query_one("#intake-service", OptionList)
        services.highlighted = 2  # UID: the vendor forgot the user ID, none is asked
        assert service_of(app) == "UID"
        await search(pilot, "PT Lupa Sandi")
        await pilot.press("enter")
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        assert not app.screen.query("#registered")
        assert app.screen.query_one("#legal_form", Select).value == "PT"


async def test_ctrl_e_keeps_name_npwp_and_email_for_ubah_and_the_matches_follow_the_edit(
    desk, db_url, clock
):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await daring_intake(pilot, "UID")
        await search(pilot, "cahaya")
        await pilot.press("enter")
        await settle(pilot)
        intake = app.screen
        cahaya = intake.vendor
        assert cahaya.name == "PT Cahaya Surya Kencana"

        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        form = app.screen
        assert [f.id for f in form.query(Input) if f.disabled] == ["name", "npwp", "email"]
        assert text_of(app, "#verified-note").startswith(
            "Nama, NPWP dan email hanya dapat diubah lewat layanan UBAH"
        )
        await retype(pilot, form.query_one("#spse_user_id", Input), "cahaya.baru")
        await press(pilot, "ctrl+s")
        await wait_for_screen(pilot, "IntakeStartScreen")
        await settle(pilot)
        saved = desk.vendors.get(cahaya.id)
        assert saved.spse_user_id == "cahaya.baru"
        assert (saved.name, saved.npwp, saved.email) == (cahaya.name, cahaya.npwp, cahaya.email)
        picker = intake.query_one("#intake-picker")
        assert picker.vendors == [saved]  # the list shows the vendor as saved, not as it was
        assert "user ID SPSE cahaya.baru" in text_of(app, "#intake-vendor")

        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        await press(pilot, "ctrl+b")  # the director wants a new company name: UBAH
        await wait_for_screen(pilot, "IntakeStartScreen")
        assert service_of(app) == "UBAH"
        assert notices(app)[-1].startswith("Layanan diganti ke UBAH (perubahan data)")
        assert desk.vendors.get(cahaya.id) == saved


async def test_ctrl_b_on_a_visit_for_another_service_says_how_to_transfer(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await start_intake(pilot, "cahaya")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        await press(pilot, "ctrl+b")
        await wait_for_screen(pilot, "IntakeStartScreen")
        assert notices(app)[-1] == (
            "Kunjungan C-005 untuk layanan UID. "
            "Untuk perubahan data: Esc ke antrian, lalu t (Alihkan) ke UBAH."
        )
