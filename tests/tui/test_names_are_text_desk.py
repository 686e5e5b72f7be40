"""Names are text on the rest of the desk: login, home, verifier queue, case, IKM report.

A name, a note or a suggestion holding markup (``[/]`` crashes a markup parser,
``[@click=app.quit]`` would be a link), a tab, a newline, ``\\x1b[2J`` or a trailing
backslash is shown as written, control characters as escapes, and no screen crashes.
One desk per test, a few hostile values each (a Pilot run costs seconds).
"""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable, OptionList, Static

from lpse_desk.domain.ikm.index import UNSUR_KEYS
from lpse_desk.domain.ikm.kiosk import KioskAnswers
from lpse_desk.domain.review import REFUSAL_REASON_LABELS, RefusalReason
from lpse_desk.domain.roles import Role
from lpse_desk.domain.textfmt import printable
from lpse_desk.store.db import write_session
from lpse_desk.store.queries import events, staff
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.vendors import VendorRow
from lpse_desk.tui.fmt import short
from tests.store.actors import counter_officer
from tests.tui.helpers import (
    SIZE,
    finish_workers,
    log_in_home,
    login,
    make_app,
    open_report,
    settle,
    wait_for_screen,
)
from tests.tui.test_review_screen import open_case, open_queue, waiting_case

pytestmark = pytest.mark.paints  # every frame drawn: hostile text must never break one

STAFF_NAME = "[/]Ani [@click=app.quit]x[/] [b]tebal akhir\\"
"""The store refuses control characters in a staff name; markup it keeps."""
VENDOR_NAME = "[/]PT [b]Jaya\tx\\"
DIRECTOR = "[@click=app.quit]Hendra\nGunawan"
NOTE = "[/] buram\t\x1b[31m [$accent] akhir\\"
HELPDESK = "HD-[b]9\\"
SARAN = "[/]Parkir [@click=app.quit]x\tsempit\n\x1b[2J\\"
HANDLED = "[b]Ditelepon[/b]\tok\\"


def shown(app, selector: str) -> str:
    """What a Static shows, as a person reads it."""
    return str(app.screen.query_one(selector, Static).visual)


def cell_text(cell: object) -> str:
    """A DataTable cell carrying user text arrives as a Text, never as markup."""
    assert isinstance(cell, Text), cell
    return cell.plain


async def test_a_staff_name_is_text_in_the_login_list_and_on_home(desk, db_url, clock):
    with write_session(desk.engine) as session:
        member = staff.create(session=session, name=STAFF_NAME, role=Role.PETUGAS, pin="1357",
                              actor="uji", now=clock.now())  # fmt: skip
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        options = app.screen.query_one("#staff-list", OptionList)
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert all(isinstance(prompt, Text) for prompt in prompts)
        listed = f"{printable(member.name)} — {Role.PETUGAS.label}"
        assert listed in [prompt.plain for prompt in prompts]
        assert "\x1b" not in listed and "\t" not in listed

        await login(pilot, printable(member.name), "1357")
        await wait_for_screen(pilot, "HomeScreen")
        assert app.staff.id == member.id
        assert shown(app, "#home-who") == f"{printable(member.name)} · Loket 1 · Petugas loket"


async def test_a_vendor_and_its_notes_are_text_in_the_verifier_queue_and_the_case(
    desk, db_url, clock
):
    case_id = waiting_case(desk, "REG")
    with write_session(desk.engine) as session:
        case = session.get(CaseRow, case_id)
        case.helpdesk_request_no = HELPDESK
        vendor = session.get(VendorRow, case.vendor_id)
        vendor.name, vendor.director_name = VENDOR_NAME, DIRECTOR
        session.add_all([case, vendor])
    andi = next(m for m in desk.staff_members() if m.name == "Andi Wijaya")
    document = next(d for d in desk.review.open(case_id).documents if d.needs_verdict)
    desk.review.reject_document(andi, case_id, document.requirement_id,
                                reason=RefusalReason.INVALID, note=NOTE)  # fmt: skip
    rejected = next(d for d in desk.review.open(case_id).documents
                    if d.requirement_id == document.requirement_id)  # fmt: skip
    # stored without its control characters, its markup-like text kept as typed
    assert rejected.note == "[/] buram [31m [$accent] akhir\\"

    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        table = app.screen.query_one(DataTable)
        assert cell_text(table.get_row(str(case_id))[1]) == printable(VENDOR_NAME)

        await open_case(pilot, case_id)
        assert type(app.screen).__name__ == "CaseReviewScreen"
        assert f" · {printable(VENDOR_NAME)} · " in shown(app, "#review-title")
        summary = shown(app, "#review-summary").splitlines()
        assert summary[0].startswith(f"{printable(VENDOR_NAME)} (PT) · ")
        assert f"Direktur {printable(DIRECTOR)} (NIK " in summary[0]
        assert summary[4].endswith(f"Permintaan helpdesk: {printable(HELPDESK)}")
        docs = app.screen.query_one("#docs-table", DataTable)
        verdict = cell_text(docs.get_row(document.requirement_id)[-1])  # the last column
        label = REFUSAL_REASON_LABELS[RefusalReason.INVALID].lower()
        assert verdict == f"Ditolak: {label} — {printable(rejected.note)}"


async def test_a_suggestion_and_its_handling_are_text_on_the_ikm_report(desk, db_url, clock):
    answers = KioskAnswers(scores={**dict.fromkeys(UNSUR_KEYS, 3), "sarana": 1}, service_code="REG",
                           saran=SARAN)  # fmt: skip
    desk.ikm.submit(counter_officer(desk.engine), answers, visit_id=None)
    item = next(i for i in desk.ikm.followups() if i.saran == SARAN)
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
    other = next(i for i in desk.ikm.followups() if i.id != item.id)
    desk.ikm.handle_followup(ratna, other.id, HANDLED)

    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)
        table = app.screen.query_one("#ikm-followups", DataTable)
        width = app.screen.columns.width(4)  # the cell is cut to its column, escaped first
        assert cell_text(table.get_row(str(item.id))[4]) == short(printable(SARAN), width)
        await pilot.press("h")  # the history: what was done, by whom
        await settle(pilot)
        assert type(app.screen).__name__ == "IkmReportScreen"
        handled = f"✓ Ratna Sari: {printable(HANDLED)}"
        assert cell_text(table.get_row(str(other.id))[4]) == short(handled, width)
        assert cell_text(table.get_row(str(item.id))[4]) == short(printable(SARAN), width)
        # Enter on a handled one reads it whole (the list cuts it to its column), as text.
        table.focus()
        table.move_cursor(row=table.get_row_index(str(other.id)))
        await pilot.press("enter")
        await wait_for_screen(pilot, "DetailsDialog")
        whole = shown(app, "#details")
        assert f"Penanganan      : {printable(HANDLED)}" in whole
        assert "Ditangani       : " in whole and "oleh Ratna Sari" in whole
        await pilot.press("escape")
        await wait_for_screen(pilot, "IkmReportScreen")
        # Enter on an open one is the admin's handling, the suggestion shown whole in it.
        table.move_cursor(row=table.get_row_index(str(item.id)))
        await pilot.press("enter")
        await wait_for_screen(pilot, "FieldsDialog")
        assert shown(app, ".form-help") == f"Saran responden: {printable(SARAN)}"



async def test_a_dialog_shows_its_choices_and_a_refusal_literally():
    from textual.app import App

    from lpse_desk.domain.errors import DeskError
    from lpse_desk.tui import safe
    from lpse_desk.tui.dialogs.choice import ChoiceDialog

    def refuse(choice: str, _note: str) -> None:
        raise DeskError(f"Ditolak: {choice} {NOTE}")

    app = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = ChoiceDialog(safe.plain(f"Tugaskan · {VENDOR_NAME}"),
                              [(VENDOR_NAME, DIRECTOR), ("b", SARAN)], refuse)  # fmt: skip
        app.push_screen(dialog)
        await pilot.pause()
        choices = dialog.query_one("#choices", OptionList)
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts == [f"1. {printable(DIRECTOR)}", f"2. {printable(SARAN)}"]
        assert str(dialog.query_one(".form-title", Static).visual).endswith(printable(VENDOR_NAME))
        await pilot.press("enter")
        await finish_workers(app)
        await pilot.pause()
        error = str(dialog.query_one(".form-error", Static).visual)
        assert error == f"Ditolak: {printable(VENDOR_NAME)} {printable(NOTE)}"
        assert app.screen is dialog


OFFICER = "[bold]x[/\x07\x1b[2J Budi\tSantoso\\"
"""An officer's name as an older database (or a direct edit) could hold it: markup that
breaks a parser, a bell, a terminal escape, a tab, a trailing backslash."""


async def test_an_officer_name_is_text_on_the_counter_report(desk, db_url, clock):
    from lpse_desk.store.tables.desk import StaffRow

    budi = next(m for m in desk.staff_members() if m.name == "Budi Santoso")
    with write_session(desk.engine) as session:
        row = session.get(StaffRow, budi.id)
        row.name = OFFICER  # past the store's own check, which refuses control characters
        session.add(row)
    month = desk.reports.counter(start=clock.now().date().replace(day=1), end=clock.now().date())
    assert any(line.officer_id == budi.id for line in month.now.per_officer)
    assert any(one.visit.served_by == budi.id for one in month.now.worst)

    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "CounterReportScreen")
        await settle(pilot)
        shown = printable(OFFICER)
        assert "\x1b" not in shown and "\x07" not in shown and "\t" not in shown
        for section, column in (("#cr-officers", 0), ("#cr-worst", 3)):
            table = app.screen.query_one(section, Static).content
            cells = list(table.columns[column].cells)
            assert all(isinstance(cell, Text) for cell in cells), section
            assert shown in [cell.plain for cell in cells], section
        await pilot.press("s")  # the filter's list of officers
        await wait_for_screen(pilot, "FilterDialog")
        officers = app.screen.query_one("#filter-officer", OptionList)
        prompts = [officers.get_option_at_index(i).prompt for i in range(officers.option_count)]
        assert all(isinstance(prompt, Text) for prompt in prompts)
        line = next(p.plain for p in prompts if p.plain.endswith(shown))
        await pilot.press("tab", "tab", line.split(".")[0], "enter")  # past layanan and loket
        await wait_for_screen(pilot, "CounterReportScreen")
        await settle(pilot)
        scope = app.screen.query_one("#cr-scope", Static).visual
        assert str(scope).startswith(f"Saring: petugas {shown} · pembanding ")
        assert app.screen.asked.filters.officer_id == budi.id


async def test_a_verifier_name_is_text_on_the_case_report(desk, db_url, clock):
    from lpse_desk.store.tables.desk import StaffRow

    andi = next(m for m in desk.staff_members() if m.name == "Andi Wijaya")
    with write_session(desk.engine) as session:
        row = session.get(StaffRow, andi.id)
        row.name = OFFICER  # past the store's own check, which refuses control characters
        session.add(row)
    month = desk.reports.cases(start=clock.now().date().replace(day=1), end=clock.now().date())
    assert any(line.officer_id == andi.id for line in month.per_verifier)

    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "CaseReportScreen")
        await settle(pilot)
        shown = printable(OFFICER)
        table = app.screen.query_one("#kr-verifiers", Static).content
        cells = list(table.columns[0].cells)
        assert all(isinstance(cell, Text) for cell in cells)
        assert shown in [cell.plain for cell in cells]
        await pilot.press("s")  # the filter's list of verifiers
        await wait_for_screen(pilot, "FilterDialog")
        verifiers = app.screen.query_one("#filter-officer", OptionList)
        prompts = [verifiers.get_option_at_index(i).prompt for i in range(verifiers.option_count)]
        assert all(isinstance(prompt, Text) for prompt in prompts)
        line = next(p.plain for p in prompts if p.plain.endswith(shown))
        await pilot.press("tab", line.split(".")[0], "enter")  # past layanan
        await wait_for_screen(pilot, "CaseReportScreen")
        await settle(pilot)
        scope = app.screen.query_one("#kr-scope", Static).visual
        assert str(scope).startswith(f"Saring: verifikator {shown} · ")
        assert app.screen.asked.filters.officer_id == andi.id
        await pilot.press("x")  # the files carry the name; the screen says where they went
        await settle(pilot)
        said = str(app.screen.query_one("#kr-status", Static).visual)
        assert said.startswith("Laporan disimpan: ") and said.endswith(f"-staf{andi.id} (.pdf, .xlsx, .csv)")


async def test_an_audit_event_is_read_whole_and_as_text_with_enter(desk, db_url, clock):
    """The list cuts a long note at the screen's width; Enter shows the event whole."""
    long_note = " ".join([NOTE] * 8)  # far wider than any Keterangan column
    with write_session(desk.engine) as session:
        event_id = events.record(session=session, at=clock.now(), actor=STAFF_NAME,
                                 entity="case", entity_id=7, action="kasus_dikembalikan",
                                 reason=long_note)  # fmt: skip
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await pilot.press("u")
        await wait_for_screen(pilot, "AuditScreen")
        await settle(pilot)
        table = app.screen.query_one("#audit-table", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        table.focus()
        table.move_cursor(row=keys.index(str(event_id)))
        listed = cell_text(table.get_row(str(event_id))[-1])
        assert listed.endswith("…") and len(listed) < len(printable(long_note))
        await pilot.press("enter")
        await wait_for_screen(pilot, "DetailsDialog")
        whole = shown(app, "#details")  # markup in the note would have been read, not shown
        assert f"Keterangan  : {printable(long_note)}" in whole
        assert f"Oleh        : {printable(STAFF_NAME)}" in whole
        assert "Objek       : Kasus #7" in whole
        await pilot.press("enter")  # Enter closes, as Esc does
        await wait_for_screen(pilot, "AuditScreen")


async def test_a_staff_name_in_the_audits_object_is_text(desk, db_url, clock):
    """The Objek of a staff event names the person ("Staf #5 (…)"): a name with brackets
    reached the table as markup ("Sari [b]Dewi[/b]" read "Sari Dewi")."""
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
    member = desk.staff_admin.add(ratna, name=STAFF_NAME, role=Role.PETUGAS, pin="4826",
                                  default_loket=None)
    app = make_app(db_url, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await pilot.press("u")
        await wait_for_screen(pilot, "AuditScreen")
        await settle(pilot)
        table = app.screen.query_one("#audit-table", DataTable)
        rows = [table.get_row(row.key) for row in table.ordered_rows]
        (added,) = [row for row in rows if cell_text(row[3]) == "Staf ditambahkan"
                    and cell_text(row[4]).startswith(f"Staf #{member.id} (")]  # fmt: skip
        assert isinstance(added[4], Text)  # a str cell is read as markup by the table
        assert cell_text(added[4]).startswith(f"Staf #{member.id} ([/]")
