"""Intake as a counter officer does it: from the visit at the loket to the printed receipt.

Against a real store (the demo day at 09.30 WIB) and the real PDF renderer; the receipt
lands in the isolated desk home's ``receipts/`` folder.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from textual.widgets import DataTable

from lpse_desk.domain.entities import CaseStatus, VisitStatus
from tests.tui.helpers import (
    SIZE,
    choose_bearer,
    login,
    make_app,
    settle,
    wait_for_screen,
)


async def _to_checklist(pilot, app, vendor_text: str) -> None:
    await pilot.press("a")
    await wait_for_screen(pilot, "QueueScreen")
    await settle(pilot)
    await pilot.press("i")
    await wait_for_screen(pilot, "IntakeStartScreen")
    await settle(pilot)
    await pilot.press(*vendor_text)
    for _ in range(10):  # the picker searches after a short pause, in a worker
        await pilot.pause(0.1)
        await settle(pilot, 1)
        if app.screen.query_one("#intake-picker").vendors:
            break
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen.vendor is not None
    await choose_bearer(pilot, director=True)
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, "ChecklistScreen")
    await settle(pilot)


async def test_a_complete_file_ends_in_a_receipt_and_the_visit_is_done(
    db_url, demo_day, clock, desk_home
):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        called = app.store.queue.view().at_loket(1)
        assert called.status is VisitStatus.CALLED  # i on a called number starts the service
        await _to_checklist(pilot, app, "cahaya")
        assert f"{called.ticket} mulai dilayani." in [n.message for n in app._notifications]
        screen = app.screen
        assert not screen.check_action("finish", ())  # nothing ticked yet
        await pilot.press("o")  # every original shown
        await settle(pilot)
        table = screen.query_one(DataTable)
        for row in range(table.row_count):
            table.move_cursor(row=row)
            line = screen.lines[row]
            if line.requirement.copy_kept and not line.check.copy_received:
                await pilot.press("c")
                await settle(pilot)
        assert screen.check_action("finish", ())
        case_id = screen.case.id
        visit_id = screen.case.visit_id
        received = sum(line.complete for line in screen.lines)
        await pilot.press("ctrl+s")  # one look first: whose file, which service, how much
        await wait_for_screen(pilot, "ReceiptConfirmDialog")
        facts = str(app.screen.query_one("#receipt-facts").visual)
        assert "Penyedia : PT Cahaya Surya Kencana" in facts
        assert "Layanan  : UID · Permohonan Informasi User ID SPSE" in facts
        assert f"Dokumen  : {received} diterima (dari {len(screen.lines)} di daftar" in facts
        await pilot.press("escape")  # Esc: nothing issued, the checklist is still there
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        assert app.store.intake.receipts() == []
        assert app.store.intake.open_case_of_visit(visit_id).id == case_id
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ReceiptConfirmDialog")
        await pilot.press("ctrl+s")  # the opening key again does not confirm
        await settle(pilot)
        assert type(app.screen).__name__ == "ReceiptConfirmDialog"
        assert app.store.intake.receipts() == []
        await pilot.press("enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        assert any("Tanda terima TT-LPSE/2026/000001" in n.message for n in app._notifications)
        store = app.store
        (receipt,) = store.intake.receipts()
        assert receipt.number == "TT-LPSE/2026/000001"
        text = "".join(p.extract_text() for p in PdfReader(receipt.file_path).pages)
        assert "PT Cahaya Surya Kencana" in text
        pdf = Path(receipt.file_path).read_bytes()
        assert store.intake.verify(pdf).number == receipt.number
        visit = next(v for v in store.queue.visits() if v.id == visit_id)
        assert (visit.status, visit.outcome) == (VisitStatus.DONE, "diterima")
        queued = next(line for line in store.review.queue() if line.case.id == case_id)
        assert queued.case.status is CaseStatus.AWAITING_REVIEW  # with the verifiers now


async def test_an_incomplete_file_can_be_held_and_the_checklist_is_kept(
    db_url, demo_day, clock, desk_home
):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await _to_checklist(pilot, app, "cahaya")
        screen = app.screen
        case_id, visit_id = screen.case.id, screen.case.visit_id
        assert not screen.check_action("finish", ())
        await pilot.press("ctrl+s")  # refused: nothing happens
        await settle(pilot)
        assert type(app.screen).__name__ == "ChecklistScreen"
        await pilot.press("a")  # the first document's original was shown
        await settle(pilot)
        await pilot.press("b")
        await wait_for_screen(pilot, "ChoiceDialog")
        await pilot.press("1", "enter")  # hold the visit
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        store = app.store
        held = next(v for v in store.queue.visits() if v.id == visit_id)
        assert held.status is VisitStatus.ON_HOLD
        assert store.intake.receipts() == []
        kept = store.intake.lines(case_id)
        assert kept[0].check.original_shown
        assert store.intake.open_case_of_visit(visit_id).id == case_id


def test_a_document_brought_though_not_asked_shows_its_tick_as_the_receipt_prints_it():
    """The Akta (neither original nor copy asked: brought or not) ticked with Space read "—"
    under Asli on the screen, while its receipt printed Asli ✓."""
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.entities import DocumentCheck
    from lpse_desk.domain.intake import ChecklistLine
    from lpse_desk.tui.screens.checklist_rows import cells

    akta = load_catalog().service("REG").requirement("akta_perusahaan")
    assert not akta.original_required and not akta.copy_kept

    def line(shown: bool) -> ChecklistLine:
        check = DocumentCheck(id=1, case_id=1, requirement_id=akta.id, name=akta.name,
                              mandatory=False, original_shown=shown, copy_received=False,
                              expiry_date=None, note="")  # fmt: skip
        return ChecklistLine(akta, check)

    assert cells(1, line(True))[2] == "[green]✓[/]"
    assert cells(1, line(False))[2] == "[dim]—[/]"
