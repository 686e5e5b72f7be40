"""Who brought the file, as the officer says it on the intake start screen (issue 11.1).

The demo day at 09.30 WIB; PT Cahaya Surya Kencana's recorded director is not the person
named on the tickets used here, so the officer must choose who came.
"""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, RadioSet, Static

from lpse_desk.store.db import read_session
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.tui.screens.intake import IntakeStartScreen
from tests.store.actors import KIOS, counter_officer
from tests.tui.helpers import SIZE, choose_bearer, login, make_app, settle, wait_for_screen


async def _start(pilot, desk, visit) -> None:
    app = pilot.app
    await login(pilot, "Dewi Lestari", "2468")
    await wait_for_screen(pilot, "HomeScreen")
    app.push_screen(IntakeStartScreen(visit))
    await wait_for_screen(pilot, "IntakeStartScreen")
    await settle(pilot)
    await pilot.press(*"cahaya")
    picker = app.screen.query_one("#intake-picker")
    for _ in range(10):  # the picker searches after a short pause, in a worker
        await pilot.pause(0.1)
        await settle(pilot, 1)
        if picker.vendors:
            break
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen.vendor is not None


def _error(app) -> str:
    return str(app.screen.query_one("#intake-error", Static).visual)


def _said_on_screen(app, *, lines: int = 1) -> None:
    """The refusal under the form stands whole on the 80×24 screen, above the footer."""
    from tests.tui.helpers import SMALL

    said = app.screen.query_one("#intake-error", Static).region
    assert said.height >= lines and said.y > 0 and said.bottom <= SMALL[1] - 1, said


def _cases_of(desk, visit_id: int) -> list[tuple[str, str | None, bool]]:
    with read_session(desk.engine) as session:
        rows = session.exec(
            select(CaseRow.service_code, CaseRow.bearer_name, CaseRow.bearer_is_director).where(
                CaseRow.visit_id == visit_id
            )
        ).all()
    return [tuple(row) for row in rows]


async def test_reg_needs_the_director_in_person(desk, db_url, clock):
    visit = desk.queue.take(KIOS, "REG", name="Rudi Hartono")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, desk, visit)
        screen = app.screen
        director = screen.vendor.director_name
        assert director and director != "Rudi Hartono"
        bearer = screen.query_one("#intake-bearer", Input)
        assert bearer.value == "Rudi Hartono"  # the name on the ticket, not the director's
        assert screen.query_one("#intake-bearer-role", RadioSet).pressed_button is None
        assert director in str(screen.query_one("#intake-director-name", Static).visual)

        await pilot.press("ctrl+s")  # nobody said who came: refused
        await settle(pilot)
        assert "Pilih siapa pembawa berkas" in _error(app)
        await choose_bearer(pilot, director=False)
        await pilot.press("ctrl+s")  # someone else, for REG: refused, daring offered
        await settle(pilot)
        assert type(app.screen).__name__ == "IntakeStartScreen"
        assert "wajib datang sendiri" in _error(app) and "daring" in _error(app)
        assert _cases_of(desk, visit.id) == []  # nothing recorded

        await choose_bearer(pilot, director=True)  # the director did come after all
        assert bearer.value == director  # the name corrected to the director's
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ChecklistScreen")
        assert _cases_of(desk, visit.id) == [("REG", director, True)]


async def test_uid_from_someone_else_asks_for_the_surat_kuasa(desk, db_url, clock):
    visit = desk.queue.take(KIOS, "UID", name="Nur Aini")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, desk, visit)
        await choose_bearer(pilot, director=False)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        assert _cases_of(desk, visit.id) == [("UID", "Nur Aini", False)]
        names = [line.requirement.name.lower() for line in app.screen.lines]
        assert any("kuasa" in name for name in names)


async def test_on_24_rows_the_bearer_choice_asked_for_is_on_screen(desk, db_url, clock):
    # The vendor's summary pushes the choice below row 24: Ctrl+S without it says so, and
    # the screen scrolls to it (its column was cut at the screen's foot, out of reach).
    from tests.tui.helpers import SMALL

    visit = desk.queue.take(KIOS, "REG", name="Rudi Hartono")
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await _start(pilot, desk, visit)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Pilih siapa pembawa berkas" in _error(app)
        radios = app.screen.query_one("#intake-bearer-role", RadioSet)
        assert app.focused is radios
        footer_top = SMALL[1] - 1
        assert radios.region.y > 0 and radios.region.bottom <= footer_top, radios.region
        _said_on_screen(app)  # what Ctrl+S said is on the screen too (it stood below its edge)
        assert _cases_of(desk, visit.id) == []


async def test_a_daring_request_without_its_number_says_so_on_screen_at_its_field(
    desk, db_url, clock
):
    """At 80×24 Ctrl+S without the helpdesk number said nothing one could see, and the focus
    stayed where it was: the store's refusal is brought into view, its field focused."""
    from tests.tui.helpers import SMALL

    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await _start(pilot, desk, None)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "nomor permohonan helpdesk" in _error(app)
        assert app.focused is app.screen.query_one("#intake-helpdesk", Input)
        _said_on_screen(app)


async def test_a_two_line_refusal_of_a_daring_request_is_on_screen_whole(desk, db_url, clock):
    """The refusal of a number another vendor's case holds takes two lines at 80×24: only the
    first was on the screen."""
    from tests.tui.helpers import SMALL

    other = next(v for v in desk.vendors.search("kujang"))
    desk.intake.start(counter_officer(desk.engine), service_code="UID", vendor_id=other.id,
                      vendor_type=other.legal_form.value, helpdesk_request_no="HD-2026-0777")  # fmt: skip
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await _start(pilot, desk, None)
        app.screen.query_one("#intake-helpdesk", Input).value = "HD-2026-0777"
        app.screen.query_one("#intake-service").highlighted = 2  # UID
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "sudah dipakai kasus UID" in _error(app)
        _said_on_screen(app, lines=2)
