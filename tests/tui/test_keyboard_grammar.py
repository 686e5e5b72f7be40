"""One keyboard grammar on every screen with decision keys (README, "Tombol"): arrows move, a
decision key marks the row under the cursor and leaves the cursor there, and a key that
cannot act now says why in one line instead of doing nothing.

On the demo day at Wednesday 10 June 2026 09.30 WIB, against the real store.
"""

from __future__ import annotations

from textual.widgets import DataTable

from lpse_desk.domain.entities import VisitStatus
from lpse_desk.domain.review import DocumentVerdict
from lpse_desk.tui.reveal import has_personal_id
from tests.tui.helpers import (
    SIZE,
    finish_workers,
    login,
    make_app,
    open_report,
    settle,
    wait_for_screen,
)
from tests.tui.test_intake_screen import _to_checklist
from tests.tui.test_review_screen import (
    land,
    notices,
    open_case,
    waiting_case,
)
from tests.tui.test_review_screen import open_queue as open_verification
from tests.tui.test_review_screen import press as press_landed


async def _press(pilot, key: str) -> None:
    await pilot.press(key)
    await land(pilot)


def _last(app) -> str:
    said = notices(app)
    return said[-1] if said else ""


async def test_the_queue_says_why_a_key_does_nothing(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("a")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        screen = app.screen
        mine = screen._mine()
        if mine is None:
            await _press(pilot, "n")
            mine = screen._mine()
        assert mine is not None
        if mine.status is VisitStatus.SERVING:
            await _press(pilot, "s")  # finish it: a result dialog
            await pilot.press("enter")
            await land(pilot)
            await _press(pilot, "n")
            mine = screen._mine()
        assert mine.status is VisitStatus.CALLED
        marker = desk.queue.marker()
        await _press(pilot, "n")  # a number already stands at this loket
        assert _last(app) == (
            f"{mine.ticket} masih di loket ini: tekan m saat penyedia tiba, x bila tidak hadir, "
            "atau h untuk menahan."
        )
        await _press(pilot, "s")  # finish before serving
        assert _last(app) == f"{mine.ticket} baru dipanggil: tekan m saat penyedia tiba."
        assert desk.queue.marker() == marker  # neither key wrote anything
        await _press(pilot, "m")
        assert desk.queue.view().at_loket(1).status is VisitStatus.SERVING
        await _press(pilot, "u")  # recall a visitor already served
        assert _last(app) == f"{mine.ticket} sudah dilayani: tekan s bila selesai."
        table = screen.query_one(DataTable)
        table.move_cursor(row=0)  # a waiting number
        await settle(pilot)
        assert screen._selected().status is VisitStatus.WAITING
        await _press(pilot, "k")
        assert _last(app).startswith("Kembali antre hanya untuk nomor yang ditahan")
        assert list(app._notifications)[-1].title == "Belum bisa"  # the moment's, not the role's
        await _press(pilot, "p")
        assert _last(app).startswith("Pulihkan hanya untuk nomor yang tidak hadir")


async def test_the_checklist_marks_in_place_and_says_why_ctrl_s_or_b_wait(
    db_url, demo_day, clock, desk_home
):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await _to_checklist(pilot, app, "cahaya")
        screen = app.screen
        table = screen.query_one(DataTable)
        await _press(pilot, "ctrl+s")  # nothing ticked: no receipt, the reason instead
        assert type(app.screen).__name__ == "ChecklistScreen"
        first = screen.lines[0].requirement.name
        assert _last(app).startswith(
            f"Tanda terima belum dapat dibuat, dokumen wajib belum lengkap: {first}"
        )
        assert _last(app).endswith("Tekan b untuk tanda belum lengkap.")
        table.move_cursor(row=1)
        await _press(pilot, "space")  # Space marks the row under the cursor …
        assert table.cursor_row == 1  # … and the cursor stays on it
        assert screen.lines[1].complete and not screen.lines[0].complete
        await _press(pilot, "space")  # Space again: the mark comes off
        assert not screen.lines[1].complete and table.cursor_row == 1
        await _press(pilot, "o")
        for row in range(table.row_count):
            table.move_cursor(row=row)
            line = screen.lines[row]
            if line.requirement.copy_kept and not line.check.copy_received:
                await _press(pilot, "c")
                assert table.cursor_row == row
        assert screen.check_action("finish", ())
        await _press(pilot, "b")  # nothing missing: the slip is not what is needed
        assert _last(app) == "Semua dokumen wajib sudah lengkap: tekan Ctrl+S untuk tanda terima."
        assert type(app.screen).__name__ == "ChecklistScreen"


async def test_case_review_decides_in_place_and_says_why(desk, db_url, clock):
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_verification(pilot, "Andi Wijaya", "8642")
        await press_landed(pilot, "g")  # a verifier on the admin's key
        assert _last(app) == "Hanya admin yang menugaskan kasus ke verifikator."
        assert list(app._notifications)[-1].title == "Bukan untuk peran ini"
        await open_case(pilot, case_id)
        screen = app.screen
        await press_landed(pilot, "1")
        docs = screen.query_one("#docs-table", DataTable)
        row = next(i for i, d in enumerate(screen.file.documents) if d.needs_verdict)
        docs.move_cursor(row=row)
        await press_landed(pilot, "t")  # t accepts the row under the cursor and stays there
        assert docs.cursor_row == row
        assert screen.file.documents[row].verdict is DocumentVerdict.ACCEPTED
        await press_landed(pilot, "t")  # again on the same row: it stays accepted, once
        assert desk.review.open(case_id).documents[row].verdict is DocumentVerdict.ACCEPTED
        blockers = desk.review.open(case_id).blockers
        assert blockers
        await press_landed(pilot, "s")  # approve with documents open: the first reason
        assert _last(app).startswith(f"Belum dapat disetujui: {blockers[0]}")
        assert type(app.screen).__name__ == "CaseReviewScreen"
        await press_landed(pilot, "2")
        await press_landed(pilot, "t")  # a document key on the checks tab
        assert _last(app) == "Tombol itu bekerja di tab Dokumen: tekan 1 dulu."
        checks = screen.query_one("#checks-table", DataTable)
        checks.move_cursor(row=0)
        await press_landed(pilot, "k")  # k confirms the row under the cursor …
        assert checks.cursor_row == 0 and screen.file.checks[0].confirmed
        await press_landed(pilot, "k")  # … and k again withdraws it: a toggle, in place
        assert checks.cursor_row == 0 and not screen.file.checks[0].confirmed


async def test_home_and_end_move_the_row_cursor_so_space_ticks_the_first_document(
    db_url, demo_day, clock, desk_home
):
    # Textual's table gives Home/End to scrolling sideways: Home then Space ticked the row
    # the cursor had stayed on (the last), not the first one.
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await _to_checklist(pilot, app, "cahaya")
        table = app.screen.query_one("#checklist-table", DataTable)
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 > 0
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("space")
        await settle(pilot)
        lines = app.store.intake.lines(app.screen.case.id)
        assert lines[0].complete and not lines[-1].complete



async def test_keys_of_another_role_say_why_on_the_ikm_report(db_url, demo_day, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)
        screen = app.screen
        assert screen.items  # the demo's follow-ups are listed: only the role stops t
        status = str(screen.query_one("#ikm-status").visual)
        assert "Enter baca utuh" in status and "tandai" not in status  # not offered to her
        await _press(pilot, "t")
        assert _last(app) == "Bukan untuk peran Verifikator: tindak lanjut ditandai admin."
        await _press(pilot, "i")
        assert _last(app) == (
            "Bukan untuk peran Verifikator: kuesioner kertas diimpor petugas loket atau admin."
        )
        assert type(app.screen).__name__ == "IkmReportScreen"  # no file dialog opened
        assert all(item.handled_at is None for item in screen.items)
        # x saves the report shown, as the other reports do: the published PDF and its CSV.
        await pilot.press("x")
        await finish_workers(app)
        await settle(pilot)
        report = screen.report
        stem = f"laporan-ikm-{report.start:%Y-%m-%d}_{report.end:%Y-%m-%d}"
        folder = app.store.reports_dir
        assert (folder / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
        assert "IKM" in (folder / f"{stem}.csv").read_text(encoding="utf-8")
        assert any("Laporan IKM disimpan" in n.message for n in app._notifications)
        await pilot.press("b")  # the 0,11 weighting saved beside the exact one, not over it
        await finish_workers(app)
        await settle(pilot)
        await pilot.press("x")
        await finish_workers(app)
        await settle(pilot)
        assert (folder / f"{stem}-bobot011.pdf").read_bytes().startswith(b"%PDF")
        exact, printed = (folder / f"{stem}.csv").read_bytes(), (
            folder / f"{stem}-bobot011.csv").read_bytes()  # fmt: skip
        assert printed != exact  # other figures, both kept


async def test_a_counter_officer_is_told_why_ctrl_l_shows_no_nik_on_a_handed_off_case(
    desk, db_url, clock
):
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_verification(pilot, "Dewi Lestari", "2468")
        await open_case(pilot, case_id)
        screen = app.screen
        assert has_personal_id(screen.file.vendor)
        await press_landed(pilot, "ctrl+l")
        assert _last(app) == (
            "Kasus sudah diserahkan ke verifikator: NIK lengkap dibuka verifikator atau admin."
        )
        assert screen.revealed is None
