"""The verifier queue and the case review as people work them, against the real demo store.

The demo day (filled once per module) at Wednesday 10 June 2026 09.30 WIB: cases handed
to the verifiers today, an overdue daring case from earlier days and a returned one.
Each test checks what the store recorded and what the screen shows.
"""

from __future__ import annotations

from datetime import timedelta

from textual import events
from textual.content import Content
from textual.widgets import DataTable, Input, Static, TextArea

from lpse_desk import receipts
from lpse_desk.config import Settings
from lpse_desk.domain.daring import CallStatus
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.review import DocumentVerdict
from lpse_desk.store.services.desk import DeskStore
from tests.store.reviewcases import accept_everything, hold_a_call
from tests.tui.helpers import SIZE, finish_workers, login, make_app, settle, wait_for_screen

# reading the screen


def plain(cell: object) -> str:
    """A table cell or a Static's markup as a person reads it."""
    return Content.from_markup(str(cell)).plain if isinstance(cell, str) else str(cell)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def table_rows(app, selector: str) -> list[tuple[str, ...]]:
    table = app.screen.query_one(selector, DataTable)
    return [tuple(plain(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def offered(app) -> dict[str, bool]:
    """The screen's own keys in the footer now: action → enabled (greyed when False)."""
    return {
        active.binding.action: active.enabled
        for active in app.screen.active_bindings.values()
        if active.binding.id
    }


# driving the desk


async def land(pilot) -> None:
    """Let every store call, and the reload that follows it, finish."""
    await pilot.pause()
    # A worker posts what came of it; the handler may start the next (the reload's) worker.
    while True:
        await pilot.pause()
        if not (busy := [worker for worker in pilot.app.workers if not worker.is_finished]):
            break
        await finish_workers(pilot.app, busy)


async def press(pilot, *keys: str) -> None:
    """Press keys one by one, each landing before the next."""
    for key in keys:
        await pilot.press(key)
        await land(pilot)


async def paste(pilot, text: str) -> None:
    """Paste into the focused field (typing costs ~0.15 s a key on this machine)."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


async def open_queue(pilot, name: str, pin: str) -> None:
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("v")
    await wait_for_screen(pilot, "ReviewQueueScreen")
    await settle(pilot)


async def open_case(pilot, case_id: int) -> None:
    """From the queue: move to the case's row and press Enter."""
    screen = pilot.app.screen
    keys = [str(line.case.id) for line in screen.lines]
    table = screen.query_one(DataTable)
    table.move_cursor(row=keys.index(str(case_id)))
    await pilot.press("enter")
    await wait_for_screen(pilot, "CaseReviewScreen")
    await settle(pilot)


async def open_case_as(pilot, name: str, pin: str, case_id: int) -> None:
    """Log in, open the verifier queue, open the case."""
    await open_queue(pilot, name, pin)
    await open_case(pilot, case_id)


async def review_everything(pilot) -> None:
    """Accept every document that needs a verdict, then confirm every check (t, k)."""
    screen = pilot.app.screen
    await press(pilot, "1")
    for index, document in enumerate(screen.file.documents):
        if document.needs_verdict:
            screen.query_one("#docs-table", DataTable).move_cursor(row=index)
            await press(pilot, "t")
    await press(pilot, "2")
    for index in range(len(screen.file.checks)):
        screen.query_one("#checks-table", DataTable).move_cursor(row=index)
        await press(pilot, "k")


def waiting_case(desk: DeskStore, service: str) -> int:
    """Today's first case of ``service`` waiting for a verifier, not overdue."""
    return next(
        line.case.id
        for line in desk.review.queue(status="menunggu_verifikasi", service=service)
        if not line.overdue
    )


# the tests


async def test_a_verifier_approves_an_overdue_case_and_gets_the_message(desk, db_url, clock):
    first = desk.review.queue()[0]
    assert first.overdue  # the queue's order: earliest deadline first
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        rows = table_rows(app, "DataTable")
        assert rows[0][0] == f"#{first.case.id}" and rows[0][5].startswith("lewat")
        assert app.screen.query_one(DataTable).get_row_at(0)[1].style == "bold red"
        assert any(row[5].startswith("jeda") for row in rows)  # the returned case, paused
        await pilot.press("enter")  # the cursor starts on the overdue case
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        assert "lewat" in shown(app, "#review-summary")
        assert offered(app)["approve"] is False  # shown greyed: documents not decided yet
        assert "Dokumen belum diputuskan" in shown(app, "#review-blockers")
        # A daring case: approval also waits for the video call with the director.
        assert "Panggilan video verifikasi dokumen asli belum dilaksanakan" in shown(
            app, "#review-blockers"
        )
        hold_a_call(desk.review, first.case.id)  # the counter records it meanwhile

        await review_everything(pilot)
        case = desk.review.open(first.case.id)
        assert all(d.verdict is DocumentVerdict.ACCEPTED for d in case.documents if d.needs_verdict)
        assert all(check.confirmed for check in case.checks)
        if case.case.service_code == "UBAH":  # UBAH applies the requested changes
            await press(pilot, "4", "u")
            await wait_for_screen(pilot, "ChangeDialog")
            await press(pilot, "1")
            await paste(pilot, "baru@kujang.co.id")
            await press(pilot, "enter")
            await wait_for_screen(pilot, "CaseReviewScreen")
            await settle(pilot)
            assert "baru@kujang.co.id" in table_rows(app, "#changes-table")[0][1]
            # Enter reads it whole: at 80 columns the new value of an address was cut off.
            app.screen.query_one("#changes-table").focus()
            await pilot.press("enter")
            await wait_for_screen(pilot, "DetailsDialog")
            assert "Baru       : baru@kujang.co.id" in shown(app, "#details")
            await pilot.press("escape")
            await wait_for_screen(pilot, "CaseReviewScreen")
        assert offered(app)["approve"] is True

        await pilot.press("s")
        if case.case.service_code == "UBAH":
            await wait_for_screen(pilot, "ConfirmDialog")
            assert "baru@kujang.co.id" in shown(app, ".form-help")
        else:
            await wait_for_screen(pilot, "FieldsDialog")
            await paste(pilot, "userbaru")
        await pilot.press("enter")
        await wait_for_screen(pilot, "NoticeDialog")
        decided = desk.review.open(first.case.id)
        assert decided.case.status is CaseStatus.APPROVED
        message = decided.notifications[-1].message
        assert app.screen.query_one(TextArea).text == message
        assert decided.ticket.number in message and "Langkah berikutnya" in message

        await pilot.press("c")
        assert app.clipboard == message
        await press(pilot, "n")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        assert desk.review.open(first.case.id).notifications[-1].sent
        assert table_rows(app, "#notices-table")[-1][3].startswith("Terkirim")
        assert "Kasus sudah selesai: Disetujui" in shown(app, "#review-blockers")
        assert not {"approve", "accept_document", "return_case"} & set(offered(app))


async def test_a_rejected_document_blocks_approval(desk, db_url, clock):
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        andi = app.staff
        accept_everything(desk.review, andi, case_id)  # keys t and k: the test above
        await open_case(pilot, case_id)
        assert offered(app)["approve"] is True
        await press(pilot, "1")
        app.screen.query_one("#docs-table", DataTable).move_cursor(row=0)
        await press(pilot, "x")
        await wait_for_screen(pilot, "ReasonDialog")
        await press(pilot, "3")  # tidak sesuai asli; the cursor goes to the note
        await paste(pilot, "foto buram, NIK 3271011708450001")
        await press(pilot, "enter")  # tidak sesuai asli
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        rejected = desk.review.open(case_id).documents[0]
        assert rejected.verdict is DocumentVerdict.REJECTED
        assert rejected.note == "foto buram, NIK 3271011708450001"  # stored whole
        # Shown masked everywhere on screen: the row, the panel, the notice.
        masked = "foto buram, NIK 3271********0001"
        assert f"Ditolak: tidak sesuai asli — {masked}" in table_rows(app, "#docs-table")[0][-1]
        assert "Dokumen ditolak" in shown(app, "#review-blockers")
        assert masked in shown(app, "#review-blockers")
        said = " ".join(n.message for n in app._notifications)
        assert masked in said and "3271011708450001" not in said
        assert offered(app)["approve"] is False
        await press(pilot, "s")  # greyed: nothing opens, nothing changes
        assert type(app.screen).__name__ == "CaseReviewScreen"
        assert desk.review.open(case_id).case.status is CaseStatus.AWAITING_REVIEW


async def test_a_reason_typed_on_after_its_enter_accepts_nothing(
    desk, db_url, clock, monkeypatch
):
    """The reason's tail, typed a moment after Enter closed its dialog, reaches the case:
    for that moment ``t`` (accept) and ``k`` (confirm) do nothing (``SettlesAfterDialog``)."""
    from lpse_desk.tui.blocked import SettlesAfterDialog

    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        await press(pilot, "1")
        table = app.screen.query_one("#docs-table", DataTable)
        table.move_cursor(row=0)
        monkeypatch.setattr(SettlesAfterDialog, "SETTLE_SECONDS", 1.0)  # from the dialog on
        await press(pilot, "x")
        await wait_for_screen(pilot, "ReasonDialog")
        await press(pilot, "3")
        await paste(pilot, "foto buram")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        table.move_cursor(row=1)
        await pilot.press("t", "k")  # "...buram, tolak": not meant for the case
        await settle(pilot)
        documents = desk.review.open(case_id).documents
        assert documents[0].verdict is DocumentVerdict.REJECTED
        assert documents[1].verdict is not DocumentVerdict.ACCEPTED
        assert type(app.screen).__name__ == "CaseReviewScreen"
        await pilot.pause(1.1)
        await press(pilot, "t")  # a moment later the key acts
        assert desk.review.open(case_id).documents[1].verdict is DocumentVerdict.ACCEPTED


async def test_returned_case_pauses_and_resume_gives_a_new_deadline(desk, db_url, clock):
    case_id = waiting_case(desk, "UBAH")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        await pilot.press("b")
        await wait_for_screen(pilot, "FieldsDialog")
        await pilot.press("enter")  # nothing to tell the vendor: refused inside the dialog
        await settle(pilot)
        assert "Sebutkan yang harus diperbaiki" in shown(app, ".form-error")
        # A long note goes in whole: the field takes what the store takes (it stopped at 200).
        long_note = "Lampirkan Akta perubahan terakhir " + "beserta SK Kemenkumham " * 12
        await paste(pilot, long_note)
        assert len(long_note.strip()) > 300
        await pilot.press("enter")
        await wait_for_screen(pilot, "NoticeDialog")
        assert long_note.strip() in app.screen.query_one(TextArea).text
        await pilot.press("escape")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        paused = desk.review.open(case_id)
        assert paused.case.status is CaseStatus.RETURNED and paused.time_left.paused
        assert "jeda" in shown(app, "#review-summary")
        assert "Dikembalikan ke penyedia" in shown(app, "#review-blockers")
        assert not {"approve", "return_case", "accept_document"} & set(offered(app))

        clock.advance(timedelta(days=2))  # Friday: the vendor brings the Akta
        await pilot.press("l")
        await wait_for_screen(pilot, "FieldsDialog")
        await press(pilot, "enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        resumed = desk.review.open(case_id).case
        expected = app.store.calendar.resume(clock.now(), paused.time_left.left)
        assert resumed.status is CaseStatus.AWAITING_REVIEW and resumed.due_at == expected
        assert any("tenggat baru" in n for n in notices(app))
        assert "jeda" not in shown(app, "#review-summary")
        # back with the verifiers: the return is said as a return, not as a decision
        summary = shown(app, "#review-summary")
        assert "Dikembalikan oleh Andi Wijaya" in summary and "berkas perbaikan sudah" in summary
        assert "Diputuskan oleh" not in summary


async def test_ubah_approval_refuses_changes_altered_after_they_were_shown(desk, db_url, clock):
    case_id = waiting_case(desk, "UBAH")
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")  # admin
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        accept_everything(desk.review, app.staff, case_id)
        desk.review.request_change(ratna, case_id, "email", "satu@kujang.co.id")
        await open_case(pilot, case_id)
        await pilot.press("s")
        await wait_for_screen(pilot, "ConfirmDialog")
        assert "satu@kujang.co.id" in shown(app, ".form-help")
        desk.review.request_change(ratna, case_id, "email", "dua@kujang.co.id")  # meanwhile
        await pilot.press("enter")
        await settle(pilot)
        assert "berubah sejak layar dibuka" in shown(app, ".form-error")
        assert desk.review.open(case_id).case.status is CaseStatus.AWAITING_REVIEW


async def test_rejecting_a_case_a_colleague_returned_meanwhile_is_refused(desk, db_url, clock):
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        assert app.screen.file.case.status is CaseStatus.AWAITING_REVIEW
        desk.review.return_to_vendor(app.staff, case_id, note="Lampirkan Akta")  # a colleague
        await pilot.press("z")
        await wait_for_screen(pilot, "ReasonDialog")
        await press(pilot, "1")
        await paste(pilot, "uji")
        await pilot.press("enter")
        await settle(pilot)
        assert "Status kasus berubah sejak layar dibuka" in shown(app, ".form-error")
        assert desk.review.open(case_id).case.status is CaseStatus.RETURNED


async def test_rejecting_a_case_asks_for_the_note_before_closing_it(desk, db_url, clock):
    """z, a reason, Enter on an empty note closed a case for good; now the dialog stays open
    and says why, and the typed note closes it."""
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        await pilot.press("z")
        await wait_for_screen(pilot, "ReasonDialog")
        assert shown(app, ".form-keys") == "Angka memilih alasan · Enter/ctrl+s tolak · Esc batal"
        await press(pilot, "5")
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "ReasonDialog"
        assert "Tulis catatan untuk penyedia" in shown(app, ".form-error")
        assert desk.review.open(case_id).case.status is CaseStatus.AWAITING_REVIEW
        await paste(pilot, "Terdaftar di daftar hitam INAPROC sampai 2027")
        await pilot.press("enter")
        await wait_for_screen(pilot, "NoticeDialog")
        closed = desk.review.open(case_id)
        assert closed.case.status is CaseStatus.REJECTED
        assert "sampai 2027" in closed.notifications[-1].message
        await pilot.press("escape")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        summary = shown(app, "#review-summary")  # closed: nobody is still to take it
        assert "Verifikator: —" in summary and "Ditolak oleh Andi Wijaya" in summary


async def test_the_intake_officer_cannot_decide_the_case(desk, db_url, clock, tmp_path):
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")  # admin
    intake = DeskStore.open(Settings(db_url=db_url), clock, render=receipts.render_receipt)
    vendor = desk.review.open(waiting_case(desk, "REG")).vendor
    case = intake.intake.start(ratna, service_code="REG", vendor_id=vendor.id,
                               vendor_type=vendor.legal_form.value, helpdesk_request_no="HD-77")  # fmt: skip
    for line in intake.intake.lines(case.id):
        if line.requirement.mandatory:
            intake.intake.tick(ratna, case.id, line.requirement.id, original_shown=False,
                               copy_received=True)  # fmt: skip
    intake.intake.finish(ratna, case.id, loket=None)
    intake.close()
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Ratna Sari", "9753", case.id)
        assert "Prinsip empat mata" in shown(app, "#review-summary")
        await press(pilot, "1")  # an admin opens a daring case on its video calls
        keys = offered(app)
        assert keys["accept_document"] is False and keys["reject_document"] is False
        await press(pilot, "t")  # greyed: it says why, and nothing happens
        assert notices(app) == [
            "Prinsip empat mata: kasus ini Anda terima di loket, maka diputuskan verifikator lain."
        ]
        await press(pilot, "a")  # taking it: greyed too, and said (it was silent)
        assert notices(app)[-1] == (
            "Prinsip empat mata: kasus ini Anda terima di loket, maka diambil dan diputuskan "
            "verifikator lain."
        )
        # The store is the guard: even the action itself is refused, in Indonesian.
        app.screen.action_accept_document()
        await land(pilot)
        assert any("Prinsip empat mata" in n for n in notices(app))
        assert all(d.verdict is None for d in desk.review.open(case.id).documents)

    # loket 2: Ratna never logged out of loket 1, and a second officer there is asked first
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:  # a counter officer may not decide at all
        await open_queue(pilot, "Dewi Lestari", "2468")
        await open_case(pilot, waiting_case(desk, "REG"))
        await press(pilot, "1")
        assert not {"accept_document", "approve", "reject_case", "take"} & set(offered(app))
        app.screen.action_accept_document()
        await land(pilot)
        assert any("hanya verifikator atau admin" in n for n in notices(app))


async def test_a_counter_officer_schedules_misses_and_reschedules_a_video_call(
    desk, db_url, clock
):
    daring = next(line for line in desk.review.queue() if line.case.procedure == "daring")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Dewi Lestari", "2468", daring.case.id)
        assert app.screen.query_one("#review-tabs").active == "calls"  # the counter's part
        await press(pilot, "t")  # a verifier's key: said as such, not "tekan 1 dulu"
        assert "Hanya verifikator atau admin yang memutuskan kasus." in notices(app)
        assert not any("tekan 1 dulu" in n for n in notices(app))
        await pilot.press("j")
        await wait_for_screen(pilot, "CallDialog")
        assert app.screen.query_one("#day", Input).value == "11/06/2026"  # next working day
        await pilot.press("enter", "enter", "enter")
        await paste(pilot, "https://zoom.us/j/123")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        [call] = desk.review.open(daring.case.id).video_calls
        assert (call.status, call.channel, call.detail) == (
            CallStatus.SCHEDULED, "zoom", "https://zoom.us/j/123",
        )  # fmt: skip
        assert call.scheduled_for.hour == 10

        # before its time: said at once, before a form the store would refuse is filled
        for key in ("m", "h"):
            await press(pilot, key)
            assert type(app.screen).__name__ == "CaseReviewScreen"
        assert sum("belum waktunya" in n for n in notices(app)) == 2

        clock.set(call.scheduled_for + timedelta(minutes=20))  # the director did not join
        await pilot.press("m")
        await wait_for_screen(pilot, "CallDialog")
        day = app.screen.query_one("#day", Input)
        day.value = "13/06/2026"  # a Saturday: refused inside the dialog
        await paste(pilot, "Penyedia tidak hadir")
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        await settle(pilot)
        assert "bukan hari kerja" in shown(app, ".form-error")
        day.value = "12/06/2026"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        missed, again = desk.review.open(daring.case.id).video_calls
        assert missed.status is CallStatus.MISSED and again.rescheduled_from == missed.id
        assert again.status is CallStatus.SCHEDULED and f"{again.scheduled_for:%d %H}" == "12 10"
        rows = table_rows(app, "#calls-table")
        assert rows[0][4].startswith("Terlewat") and "ganti" in rows[1][4]

        clock.set(again.scheduled_for + timedelta(minutes=30))
        app.screen.query_one("#calls-table", DataTable).move_cursor(row=1)
        await pilot.press("h")
        await wait_for_screen(pilot, "FieldsDialog")
        await paste(pilot, "Yusuf Maulana")
        await pilot.press("enter")
        await paste(pilot, "rekaman.mp4; foto-ktp.jpg")
        await pilot.press("enter", "enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        held = desk.review.open(daring.case.id).video_calls[1]
        assert held.status is CallStatus.HELD
        assert held.evidence == ("rekaman.mp4", "foto-ktp.jpg")


async def test_filters_and_assignment_change_the_rows(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        every = len(desk.review.queue())
        assert app.screen.query_one(DataTable).row_count == every
        # Home's "Di verifikator" (waiting for a verifier) and the returned cases, said apart.
        waiting = desk.day_summary().handed_to_verifiers
        assert f"{every} kasus: {waiting} menunggu verifikasi, {every - waiting} dikembalikan " \
            "ke penyedia" in shown(app, ".screen-status")  # fmt: skip
        await press(pilot, "l")  # REG
        services = {row[2].split()[0] for row in table_rows(app, "DataTable")}
        assert services == {"REG"} and "Layanan: REG" in shown(app, ".screen-title")
        await press(pilot, "l", "l", "l", "s", "s")  # every service, returned only
        rows = table_rows(app, "DataTable")
        assert rows and all(row[5].startswith("jeda") for row in rows)
        assert "Status: dikembalikan" in shown(app, ".screen-title")
        await press(pilot, "s")
        first = app.screen.selected().case.id  # the cursor stayed on its case through the filters
        await press(pilot, "a")  # Andi takes it
        assert desk.review.open(first).assigned_name == "Andi Wijaya"
        assert "release" in offered(app)
        await press(pilot, "m")
        assert [row[0] for row in table_rows(app, "DataTable")] == [f"#{first}"]
        await press(pilot, "a")  # and releases it: none is his now
        assert desk.review.open(first).assigned_to is None
        assert app.screen.query_one(DataTable).row_count == 0
        assert "assign" not in offered(app)  # only an admin assigns to others
        await press(pilot, "enter")  # nothing to pick: it says so, not "pilih dengan panah"
        assert notices(app)[-1].startswith("Tidak ada kasus dengan saringan ini: ubah layanan")

    app = make_app(db_url, clock, loket=2)  # Andi never logged out of loket 1
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Ratna Sari", "9753")
        await pilot.press("g")
        await wait_for_screen(pilot, "ChoiceDialog")
        await press(pilot, "1", "enter")  # Andi Wijaya, the first reviewer
        await wait_for_screen(pilot, "ReviewQueueScreen")
        await settle(pilot)
        first = app.screen.lines[0].case.id
        assert desk.review.open(first).assigned_name == "Andi Wijaya"
        assert table_rows(app, "DataTable")[0][6] == "Andi Wijaya"


def test_every_key_that_changes_the_case_waits_after_a_dialog():
    """A key left out of the settle list (Delete withdrew a change) acts on a reason's tail."""
    from lpse_desk.tui.screens.case_review import CaseReviewScreen

    looks_only = {"copy_notice", "refresh", "back", "reveal_ids"}
    acting = {
        binding.action
        for binding in CaseReviewScreen.BINDINGS
        if not binding.action.startswith("tab(") and binding.action not in looks_only
    }
    assert "withdraw_change" in acting
    assert acting <= CaseReviewScreen.SETTLING_ACTIONS, acting - CaseReviewScreen.SETTLING_ACTIONS


async def test_taking_a_colleagues_case_asks_first(desk, db_url, clock):
    """The case held by a colleague was taken silently (the colleague found out from the
    list); now the verifier confirms the take-over, and Esc leaves it with the colleague."""
    case_id = waiting_case(desk, "REG")
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")  # admin
    desk.review.assign(ratna, case_id, ratna.id)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        await pilot.press("a")
        await wait_for_screen(pilot, "ConfirmDialog")
        assert "sedang dipegang Ratna Sari" in shown(app, ".form-help")
        await pilot.press("escape")
        await wait_for_screen(pilot, "CaseReviewScreen")
        assert desk.review.open(case_id).assigned_name == "Ratna Sari"
        await pilot.press("a")
        await wait_for_screen(pilot, "ConfirmDialog")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        assert desk.review.open(case_id).assigned_name == "Andi Wijaya"
        assert any("ambil alih dari Ratna Sari" in n for n in notices(app))


async def test_every_tab_key_shows_its_tab_even_the_one_without_a_table(desk, db_url, clock):
    """6 (Tanda terima, no table) from 5 (Pesan) stayed on Pesan: the focus was left in the
    hidden table, which took its tab back. The walk goes to 6 from every other tab and back
    (and through the tabs in order)."""
    from textual.widgets import TabbedContent

    from lpse_desk.tui.screens.case_tabs import TABS

    names = [tab for tab, _label, _columns in TABS]
    papers = names.index("papers") + 1
    others = [n for n in range(1, len(names) + 1) if n != papers]
    walk = [*range(1, len(names) + 1), *(key for n in others for key in (papers, n))]
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        tabs = app.screen.query_one(TabbedContent)
        for before, key in zip([1, *walk], walk, strict=False):
            await pilot.press(str(key))
            await pilot.pause()
            assert tabs.active == names[key - 1], f"{before} then {key}"



async def test_a_changed_npwp_whose_check_digit_fails_is_recorded_with_a_warning(
    desk, db_url, clock
):
    """A soft rule (DOMAIN.md §4): recorded, and the officer is told to check the card
    again, as the vendor form and 'lpse-desk check npwp' tell it."""
    case_id = waiting_case(desk, "UBAH")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        await press(pilot, "4", "u")
        await wait_for_screen(pilot, "ChangeDialog")
        await press(pilot, "4")  # NPWP perusahaan
        await paste(pilot, "01.312.166.1-091.000")  # check digit fails (DOMAIN.md §4)
        await press(pilot, "enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        [change] = [c for c in desk.review.open(case_id).changes if c.field == "npwp"]
        assert change.new_value == "0013121661091000"  # recorded all the same
        # said of the number as typed: the 15-digit form's check digit is its 9th
        assert any("NPWP perusahaan: Digit pemeriksa NPWP (digit ke-9)" in n for n in notices(app))


async def test_back_from_a_decided_case_the_queue_no_longer_lists_it(desk, db_url, clock):
    """The queue is read again when the verifier comes back from the case: a case just
    decided stayed listed until the next 15-second refresh, open to Enter and a."""
    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
        desk.review.reject(ratna, case_id, reason="daftar_hitam", note="SK 7/2026")
        await pilot.press("escape")
        await wait_for_screen(pilot, "ReviewQueueScreen")
        await settle(pilot)
        assert case_id not in [line.case.id for line in app.screen.lines]


async def test_taking_a_colleagues_case_from_the_queue_asks_too(desk, db_url, clock):
    case_id = waiting_case(desk, "REG")
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")  # admin
    desk.review.assign(ratna, case_id, ratna.id)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        keys = [str(line.case.id) for line in app.screen.lines]
        app.screen.query_one(DataTable).move_cursor(row=keys.index(str(case_id)))
        await pilot.press("a")
        await wait_for_screen(pilot, "ConfirmDialog")
        assert "sedang dipegang Ratna Sari" in shown(app, ".form-help")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ReviewQueueScreen")
        await settle(pilot)
        assert desk.review.open(case_id).assigned_name == "Andi Wijaya"


async def test_the_queue_keeps_the_cursor_on_its_case_when_a_row_above_goes(desk, db_url, clock):
    """Read again, the list keeps the cursor on the same case (by its key), not on the same
    row number, where another case would now be under Enter."""
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        lines = app.screen.lines
        above, chosen = lines[0].case.id, lines[2].case.id
        app.screen.query_one(DataTable).move_cursor(row=2)
        ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
        desk.review.reject(ratna, above, reason="daftar_hitam", note="SK 7/2026")
        await pilot.press("r")
        await settle(pilot)
        assert above not in [line.case.id for line in app.screen.lines]
        assert app.screen.selected().case.id == chosen


async def test_from_the_tab_without_a_table_an_arrow_opens_a_tab_with_its_table_focused(
    desk, db_url, clock
):
    from textual.widgets import TabbedContent

    case_id = waiting_case(desk, "REG")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_as(pilot, "Andi Wijaya", "8642", case_id)
        await press(pilot, "6")
        await press(pilot, "left")
        assert app.screen.query_one(TabbedContent).active == "notices"
        assert app.screen.focused is app.screen.query_one("#notices-table", DataTable)


async def test_a_reg_user_id_other_than_the_vendors_is_said_before_it_replaces_it(
    desk, db_url, clock
):
    case_id = waiting_case(desk, "REG")
    on_record = desk.review.open(case_id).vendor.spse_user_id
    assert on_record
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        accept_everything(desk.review, app.staff, case_id)
        await open_case(pilot, case_id)
        await press(pilot, "s")
        await wait_for_screen(pilot, "FieldsDialog")
        field = app.screen.query_one("#user_id", Input)
        assert field.value == on_record  # the vendor's own, to confirm
        field.value = "akunbaru01"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "FieldsDialog"  # said first, nothing decided
        assert shown(app, ".form-error") == (
            f"User ID akunbaru01 berbeda dari data penyedia ({on_record}): bila disetujui, data "
            "penyedia diganti menjadi akunbaru01. Enter/ctrl+s lagi untuk setujui, atau ubah "
            "isiannya."
        )
        assert desk.review.open(case_id).case.status is CaseStatus.AWAITING_REVIEW
        await pilot.press("enter")  # the same again: approved as typed
        await wait_for_screen(pilot, "NoticeDialog")
        decided = desk.review.open(case_id)
        assert decided.case.status is CaseStatus.APPROVED
        assert decided.vendor.spse_user_id == "akunbaru01"
        # The history says whose user ID was replaced; the tab cuts it, Enter reads it whole.
        await pilot.press("escape")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await press(pilot, "7")
        events = app.screen.query_one("#events-table", DataTable)
        activated = next(e for e in decided.events if e.action == "akun_spse_diaktifkan")
        events.move_cursor(row=events.get_row_index(str(activated.id)))
        await pilot.press("enter")
        await wait_for_screen(pilot, "DetailsDialog")
        assert f"User ID akunbaru01 (menggantikan {on_record})" in shown(app, "#details")
        await pilot.press("escape")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await press(pilot, "1")  # a document row whole too: its name and the verdict
        docs = app.screen.query_one("#docs-table", DataTable)
        docs.move_cursor(row=0)
        await pilot.press("enter")
        await wait_for_screen(pilot, "DetailsDialog")
        first = decided.documents[0]
        assert f"Dokumen             : {first.name}" in shown(app, "#details")
        assert "Putusan verifikator : Diterima" in shown(app, "#details")
