"""The queue screen as a counter officer works it, against a real store in ``tmp_path``.

Each test checks both what the store recorded and what the screen shows. The
demo day (filled once per module) at 09.30 WIB: loket 1 (Dewi) has C-005 called,
loket 2 (Budi) serves C-004; D-004 (disabilitas), A-005, B-004 and A-006 wait;
A-003 is held; C-003 is a no-show that may still be restored.
"""

from __future__ import annotations

from datetime import timedelta

from textual import events
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.queue.rules import REASON_LIMIT, LoketStatus
from lpse_desk.store.services.desk import DeskStore
from tests.conftest import FROZEN_NOW
from tests.store.actors import KIOS, counter_officer
from tests.tui.helpers import SIZE, finish_workers, login, make_app, settle, wait_for_screen

BOOKED = f"MPP-{FROZEN_NOW:%y%m%d}-"
"""The demo day's booking codes: 0005 (REG, 09.45) and 0006 (UBAH) are not checked in yet."""


# reading the screen and the store


def plain(cell: object) -> str:
    """A table cell or a Static's markup as the officer reads it."""
    return Content.from_markup(str(cell)).plain if isinstance(cell, str) else str(cell)


def rows(app) -> list[tuple[str, ...]]:
    """The queue table: (urutan, nomor, layanan, pengunjung, keterangan) per row."""
    table = app.screen.query_one("#queue-table", DataTable)
    return [tuple(plain(c) for c in table.get_row_at(i)[:5]) for i in range(table.row_count)]


def tickets(app) -> list[str]:
    return [row[1] for row in rows(app)]


def row_of(app, ticket: str) -> tuple[str, ...]:
    return next(row for row in rows(app) if row[1] == ticket)


def shown(app, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector, Static).visual)


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def footer_greyed(app, key: str) -> bool:
    """Whether the footer shows ``key`` greyed (drawn, but not usable now)."""
    from textual.widgets._footer import FooterKey

    [shown_key] = [k for k in app.screen.query(FooterKey) if k.key == key]
    return shown_key.has_class("-disabled")


def visit(desk: DeskStore, ticket: str) -> Visit:
    """A fresh read of today's visit with this ticket."""
    return next(v for v in desk.queue.visits() if v.ticket == ticket)


def waiting(desk: DeskStore) -> list[str]:
    """Today's waiting tickets in call order, read afresh."""
    return [v.ticket for v in desk.queue.view().waiting]


def j_reads(app) -> str:
    """What the footer says the loket key ``j`` does now."""
    return app.screen.active_bindings["j"].binding.description


def offered(app) -> set[str]:
    """The screen's own actions the footer offers now (Textual's built-ins carry no id)."""
    return {
        active.binding.action for active in app.screen.active_bindings.values() if active.binding.id
    }


# driving the desk


async def open_queue(pilot, name: str, pin: str) -> None:
    """Log in, press ``a`` on the home screen, wait for the list."""
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("a")
    await wait_for_screen(pilot, "QueueScreen")
    await settle(pilot)


async def press(pilot, *keys: str) -> None:
    """Press keys and let the store call and the reload that follows land."""
    await pilot.press(*keys)
    # The action's worker starts the reload's worker before it ends: wait until none runs.
    # A worker posts what came of it; the handler may start the next (the reload's) worker.
    while True:
        await pilot.pause()
        if not (busy := [worker for worker in pilot.app.workers if not worker.is_finished]):
            break
        await finish_workers(pilot.app, busy)


async def paste(pilot, text: str) -> None:
    """Paste into the focused field, as from the MPP list (typing 15 keys costs ~2 s here)."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


async def poll(pilot) -> None:
    """One poll now, rather than waiting for the 1.5 s interval."""
    await finish_workers(pilot.app)
    pilot.app.screen.poll()
    await settle(pilot)


async def select_row(pilot, ticket: str) -> None:
    """Move the table cursor to the ticket's row with the arrow keys."""
    table = pilot.app.screen.query_one("#queue-table", DataTable)
    target = tickets(pilot.app).index(ticket)
    table.focus()
    await pilot.press("home")
    await press(pilot, *["down"] * target)
    assert table.cursor_row == target


# the tests


async def test_opening_the_queue_lists_the_day_in_call_order(desk, db_url, clock):
    sri = desk.queue.check_in(KIOS, BOOKED + "0006")  # slot 10.15: not due, queues by arrival
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        loket = desk.queue.loket(1)
        assert (loket.status, loket.staff_id) == (LoketStatus.OPEN, app.staff.id)
        assert shown(app, "#queue-loket") == "Loket 1 · Dewi Lestari · Buka"
        assert rows(app) == [
            ("1", "D-004", "KONS", "Wulan Sari", "Penyandang disabilitas"),
            ("2", "A-005", "REG", "Zoë Łukasiewicz-Nguyễn", ""),
            ("3", "B-004", "UBAH", "Taufik Hidayat", ""),
            ("4", "A-006", "REG", "Ahmad Fauzi", ""),
            ("5", sri.ticket, "UBAH", "Sri Wahyuni", "Booking 10.15"),
            # The note as its column shows it: cut with an ellipsis where it runs over.
            ("–", "A-003", "REG", "Lina Marlina", "Ditahan 1 jam 30 menit!: Mengambil dokume…"),
            ("–", "C-003", "UID", "Fajar Nugroho", "Tidak hadir (p pulihkan)"),
            ("–", "C-004", "UID", "Dian Permata", "Dilayani di loket 2"),
        ]
        assert tickets(app)[:5] == waiting(desk)
        current = shown(app, "#queue-current")
        assert "C-005  UID · Nur Aini" in current and "Dipanggil 2 menit lalu" in current
        assert "C-005" not in tickets(app)  # this loket's visit is above the list, not in it
        assert "A REG 2  ·  B UBAH 2  ·  C UID 0  ·  D KONS 1" in shown(app, "#queue-counts")
        assert "5 menunggu · 1 ditahan · 9 selesai hari ini" in shown(app, "#queue-status")
        assert {"recall", "start", "no_show", "hold", "walk_in", "check_in"} <= offered(app)
        assert not {"call_next", "finish", "resume", "restore"} & offered(app)

        # The kiosk issues a ticket and loket 2 parks its visitor: no key pressed here.
        kiosk = desk.queue.take(KIOS, "UID", name="Rina")
        desk.queue.hold(counter_officer(desk.engine), visit(desk, "C-004").id, "Memfotokopi dokumen")
        await poll(pilot)
        assert row_of(app, kiosk.ticket) == ("6", kiosk.ticket, "UID", "Rina", "")
        assert row_of(app, "C-004")[4] == "Ditahan: Memfotokopi dokumen"
        assert "C UID 1" in shown(app, "#queue-counts")


async def test_times_a_little_ahead_of_this_desk_read_as_just_now_not_overdue(desk, db_url, clock):
    """Another PC's clock runs a few minutes fast (or the demo filled at night plays the hours
    before 03.00): a wait that began after this desk's now has lasted 0 minutes, not "lewat"."""
    called_at = visit(desk, "C-005").called_at
    clock.set(called_at - timedelta(minutes=20))  # C-005 called, A-006 arrived "later"
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        assert "Dipanggil 0 menit lalu" in shown(app, "#queue-current")
        table = app.screen.query_one("#queue-table", DataTable)
        lasted = {
            plain(table.get_row_at(i)[1]): plain(table.get_row_at(i)[6])
            for i in range(table.row_count)
        }
        assert lasted["A-006"] == "0 menit"
        assert not any(text.startswith("lewat") for text in lasted.values()), lasted


async def test_finishing_needs_an_outcome_and_next_calls_in_call_order(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        assert app.screen.check_action("call_next", ()) is False  # C-005 is still called here
        assert "call_next" not in offered(app)
        await press(pilot, "n")
        assert desk.queue.view().at_loket(1).ticket == "C-005"
        assert visit(desk, "D-004").status is VisitStatus.WAITING

        await press(pilot, "m")
        assert visit(desk, "C-005").status is VisitStatus.SERVING
        assert "Dilayani 0 menit" in shown(app, "#queue-current")
        await pilot.press("s")
        await wait_for_screen(pilot, "OutcomeDialog")
        assert "Selesaikan C-005" in shown(app, ".form-title")
        await press(pilot, "6")  # Lainnya: the cursor goes to the note
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "OutcomeDialog"
        assert "Tulis keterangan" in shown(app, ".form-error")
        assert visit(desk, "C-005").status is VisitStatus.SERVING

        await pilot.press(*"Minta BA", "enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        done = visit(desk, "C-005")
        assert (done.status, done.outcome, done.status_note) == (
            VisitStatus.DONE,
            "lainnya",
            "Minta BA",
        )
        last = desk.queue.history(done.id)[-1]
        assert (last.action, last.actor) == ("selesai", f"Dewi Lestari (#{app.staff.id})")
        assert "C-005 selesai." in notices(app)
        assert shown(app, "#queue-current").startswith("Belum ada nomor di loket ini")
        assert "10 selesai hari ini" in shown(app, "#queue-status")

        assert app.screen.check_action("call_next", ()) is True
        await press(pilot, "n")
        # Wulan (disabilitas, 09.19) before Zoë (09.13) and Taufik (09.16).
        called = visit(desk, "D-004")
        assert (called.status, called.loket, called.served_by) == (
            VisitStatus.CALLED,
            1,
            app.staff.id,
        )
        assert "D-004 dipanggil ke loket 1." in notices(app)
        assert "D-004  KONS · Wulan Sari · Penyandang disabilitas" in shown(app, "#queue-current")
        assert tickets(app)[:3] == ["A-005", "B-004", "A-006"]

        assert app.screen.check_action("call_next", ()) is False
        await press(pilot, "n")
        assert waiting(desk) == ["A-005", "B-004", "A-006"]
        assert desk.queue.view().at_loket(1).ticket == "D-004"


async def test_hold_resume_no_show_restore_transfer_and_a_typed_reason(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await pilot.press("h")
        await wait_for_screen(pilot, "ChoiceDialog")
        await pilot.press("2", "enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        held = visit(desk, "C-005")
        assert (held.status, held.status_note, held.loket) == (
            VisitStatus.ON_HOLD,
            "Membeli/menempel meterai",
            None,
        )
        assert "C-005 ditahan." in notices(app)
        assert row_of(app, "C-005")[4] == "Ditahan: Membeli/menempel meterai"
        assert shown(app, "#queue-current").startswith("Belum ada nomor")

        await select_row(pilot, "C-005")
        assert app.screen.check_action("resume", ()) is True
        await press(pilot, "k")
        back = visit(desk, "C-005")
        assert back.status is VisitStatus.WAITING and back.front_since is not None
        assert waiting(desk)[0] == "C-005"
        assert rows(app)[0] == ("1", "C-005", "UID", "Nur Aini", "Kembali ke depan")

        await press(pilot, "n")  # the front of the queue is called first
        assert desk.queue.view().at_loket(1).ticket == "C-005"
        await press(pilot, "x")
        assert visit(desk, "C-005").status is VisitStatus.NO_SHOW
        assert any(
            n.startswith("C-005 tidak hadir; dapat dipulihkan (p) dalam 30") for n in notices(app)
        )
        assert row_of(app, "C-005")[4] == "Tidak hadir (p pulihkan)"
        await select_row(pilot, "C-005")
        await press(pilot, "p")
        restored = visit(desk, "C-005")
        assert restored.status is VisitStatus.WAITING and restored.finished_at is None
        assert [e.action for e in desk.queue.history(restored.id)][-3:] == [
            "dipanggil",
            "tidak_hadir",
            "dipulihkan",
        ]
        assert rows(app)[0] == ("1", "C-005", "UID", "Nur Aini", "Kembali ke depan")

        await press(pilot, "n")
        await pilot.press("t")
        await wait_for_screen(pilot, "ChoiceDialog")
        assert shown(app, ".form-title") == "Alihkan C-005 dari UID"
        await pilot.press("2", "enter")  # REG, UBAH, KONS: its own UID is not offered
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        moved = visit(desk, "C-005")
        assert (moved.ticket, moved.service_code, moved.transferred_from) == (
            "C-005",
            "UBAH",
            "UID",
        )
        assert moved.status is VisitStatus.WAITING and moved.loket is None
        assert desk.queue.history(moved.id)[-1].reason == "UID → UBAH"
        assert "C-005 dialihkan ke UBAH." in notices(app)
        assert row_of(app, "C-005")[2:] == ("UBAH", "Nur Aini", "Dialihkan dari UID")
        assert "B UBAH 2" in shown(app, "#queue-counts")

        # A reason typed under "Alasan lain" is the one recorded, not the first choice.
        await press(pilot, "n")
        assert desk.queue.view().at_loket(1).ticket == "D-004"
        await pilot.press("h")
        await wait_for_screen(pilot, "ChoiceDialog")
        # The field takes what the store takes: 300 characters went in, then "paling banyak
        # 200" came back.
        assert app.screen.query_one("#note", Input).max_length == REASON_LIMIT == 200
        await pilot.press("tab", *"Ke ATM", "enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        held = visit(desk, "D-004")
        assert (held.status, held.status_note) == (VisitStatus.ON_HOLD, "Ke ATM")
        assert row_of(app, "D-004")[4] == "Ditahan: Ke ATM"


async def test_walk_in_and_booking_check_in_in_a_few_keys(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await pilot.press("w")
        await wait_for_screen(pilot, "WalkInDialog")
        await pilot.press("2", "enter", *"Hasan", "enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        hasan = visit(desk, "B-005")
        assert (hasan.service_code, hasan.visitor_name, hasan.priority, hasan.status) == (
            "UBAH",
            "Hasan",
            None,
            VisitStatus.WAITING,
        )
        assert desk.queue.history(hasan.id)[0].actor == f"Dewi Lestari (#{app.staff.id})"
        assert "Nomor B-005 (UBAH) diberikan." in notices(app)
        assert row_of(app, "B-005")[2:4] == ("UBAH", "Hasan")

        await pilot.press("w")
        await wait_for_screen(pilot, "WalkInDialog")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        quick = visit(desk, "A-007")
        assert (quick.service_code, quick.visitor_name) == ("REG", None)
        assert "Nomor A-007 (REG) diberikan." in notices(app)
        assert "A-007" in tickets(app)

        count = len(desk.queue.visits())
        await pilot.press("b")
        await wait_for_screen(pilot, "FieldsDialog")
        await paste(pilot, BOOKED + "0009")
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "FieldsDialog"
        assert "tidak ditemukan" in shown(app, ".form-error")
        assert len(desk.queue.visits()) == count

        await pilot.press("backspace", "5", "enter")  # the officer corrects the last digit
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        bambang = visit(desk, "A-008")
        assert (bambang.visitor_name, bambang.booking_code) == ("Bambang Irawan", BOOKED + "0005")
        assert f"{bambang.booked_for:%H.%M}" == "09.45"
        assert len(desk.queue.visits()) == count + 1
        assert "Bambang Irawan: nomor A-008 (REG), booking 09.45." in notices(app)
        assert rows(app)[0] == ("1", "A-008", "REG", "Bambang Irawan", "Booking 09.45")


async def test_a_closed_loket_opens_pauses_and_filters(desk, db_url, clock):
    assert desk.queue.loket(3).status is LoketStatus.CLOSED
    app = make_app(db_url, clock, loket=3)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Budi Santoso", "1357")
        opened = desk.queue.loket(3)
        assert (opened.status, opened.staff_id) == (LoketStatus.OPEN, app.staff.id)
        assert shown(app, "#queue-loket") == "Loket 3 · Budi Santoso · Buka"
        assert j_reads(app) == "Jeda"

        await pilot.press("j")
        await wait_for_screen(pilot, "ChoiceDialog")
        await pilot.press("2", "enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        paused = desk.queue.loket(3)
        assert (paused.status, paused.reason) == (LoketStatus.PAUSED, "Salat")
        assert shown(app, "#queue-loket") == "Loket 3 · Budi Santoso · Jeda: Salat"
        await press(pilot, "n")
        assert any("sedang jeda" in n and n.endswith("Buka loket: tekan j.") for n in notices(app))
        assert desk.queue.view().at_loket(3) is None
        assert waiting(desk)[0] == "D-004"

        await pilot.press("escape")  # leaving the screen and coming back keeps the pause
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("a")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        assert desk.queue.loket(3).status is LoketStatus.PAUSED
        assert shown(app, "#queue-loket") == "Loket 3 · Budi Santoso · Jeda: Salat"
        assert j_reads(app) == "Buka lagi"  # what j does now, not "Jeda"

        await press(pilot, "j")
        assert desk.queue.loket(3).status is LoketStatus.OPEN
        assert shown(app, "#queue-loket") == "Loket 3 · Budi Santoso · Buka"
        assert "Loket 3 dibuka kembali." in notices(app)
        assert j_reads(app) == "Jeda"

        await press(pilot, "f")
        assert shown(app, "#queue-filter") == "Layanan: REG (f)"
        assert tickets(app) == ["A-005", "A-006", "A-003"]
        assert shown(app, "#queue-counts") == "Menunggu per layanan:  A REG 2"
        await press(pilot, "n")  # REG only: Zoë, though Wulan (KONS, disabilitas) is ahead
        assert desk.queue.view().at_loket(3).ticket == "A-005"
        assert tickets(app) == ["A-006", "A-003"]
        await press(pilot, "f")
        assert shown(app, "#queue-filter") == "Layanan: UBAH (f)"
        assert tickets(app) == ["B-004"]
        await press(pilot, "f", "f", "f")  # UID, KONS, then all again
        assert shown(app, "#queue-filter") == "Layanan: semua (f)"
        assert tickets(app)[:3] == ["D-004", "B-004", "A-006"]


async def test_a_verifier_sees_the_queue_but_cannot_act(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        before = desk.queue.view()
        assert before.lokets[0].staff_id != app.staff.id  # loket 1 is not taken over
        assert tickets(app)[:4] == ["D-004", "A-005", "B-004", "A-006"]
        # Every number at a loket is listed, the one called to this PC's loket 1 too: she
        # sits at none, so it is not kept aside as "hers".
        called = before.at_loket(1)
        assert row_of(app, called.ticket)[4] == "Dipanggil di loket 1"
        screen = app.screen
        for action in ("call_next", "walk_in", "check_in", "start", "hold", "no_show", "pause"):
            assert screen.check_action(action, ()) is False, action
        assert offered(app) == {"filter", "back", "refresh", "quit", "toggle_help"}
        # Nothing on the screen invites him to call: not "Tekan n", not "c memanggil".
        assert shown(app, "#queue-current").startswith("Hanya melihat antrian hari ini")
        assert "memanggil nomor" not in shown(app, "#queue-status")
        for key in ("n", "m", "x", "h", "w", "b", "j"):
            await press(pilot, key)
            assert app.screen is screen, key
        assert desk.queue.marker() == before.marker  # nothing was written
        # Each key says, in one line, why it does nothing here (issue 17: not silence).
        assert notices(app) == [
            "Layar ini hanya untuk melihat: nomor dipanggil dan dilayani oleh petugas loket."
        ] * 7


async def test_two_desks_calling_at_once_get_different_visits(desk, db_url, clock):
    desk.queue.no_show(counter_officer(desk.engine), visit(desk, "C-005").id)
    desk.queue.finish(counter_officer(desk.engine), visit(desk, "C-004").id, "informasi")
    first, second = make_app(db_url, clock, loket=1), make_app(db_url, clock, loket=2)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await open_queue(one, "Dewi Lestari", "2468")
        await open_queue(two, "Budi Santoso", "1357")
        assert tickets(first)[0] == tickets(second)[0] == "D-004"
        await press(one, "n")
        await press(two, "n")  # its list may not have heard of loket 1's call yet
        view = desk.queue.view()
        assert (view.at_loket(1).ticket, view.at_loket(2).ticket) == ("D-004", "A-005")
        assert "D-004  KONS" in shown(first, "#queue-current")
        assert "A-005  REG" in shown(second, "#queue-current")
        await poll(one)
        assert row_of(first, "A-005")[4] == "Dipanggil di loket 2"


async def test_no_enter_meant_for_a_dialog_calls_a_number_out_of_turn(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        before = [v.ticket for v in desk.queue.view().waiting]
        await pilot.press("h")
        await wait_for_screen(pilot, "ChoiceDialog")
        dialog = app.screen
        await press(pilot, "2")  # a digit picks the reason and moves on; nothing is saved yet
        assert app.screen is dialog
        assert app.screen.focused is dialog.query_one("#note")
        assert visit(desk, "C-005").status is VisitStatus.CALLED
        await pilot.press("enter", "enter")  # the first submits; the second is swallowed too
        await wait_for_screen(pilot, "QueueScreen")
        await press(pilot, "enter")  # and a late one on the table calls nobody
        held = visit(desk, "C-005")
        assert (held.status, held.status_note) == (VisitStatus.ON_HOLD, "Membeli/menempel meterai")
        assert desk.queue.view().at_loket(1) is None
        assert waiting(desk) == [t for t in before if t != "C-005"]
        assert any("tekan c" in n.lower() for n in notices(app))

        await select_row(pilot, "A-005")
        await press(pilot, "c")  # the explicit key still calls out of turn
        assert desk.queue.view().at_loket(1).ticket == "A-005"


async def test_letters_typed_just_after_a_dialog_closes_do_not_act_on_the_queue(
    desk, db_url, clock, monkeypatch
):
    """The tail of a reason or a name, typed a moment after Enter closed the dialog, lands
    on the queue: for that moment its acting keys are greyed and do nothing, silently."""
    from lpse_desk.tui.blocked import SettlesAfterDialog

    # Wide enough that a loaded machine's settle() cannot outlast it (1 s once did).
    monkeypatch.setattr(SettlesAfterDialog, "SETTLE_SECONDS", 2.5)
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await pilot.press("h")  # its first showing does not wait: the key acts at once
        await wait_for_screen(pilot, "ChoiceDialog")
        await press(pilot, "2")
        await pilot.press("enter")
        await wait_for_screen(pilot, "QueueScreen")
        await pilot.press("j", "w")  # pause the loket, register a walk-in: not meant
        await settle(pilot)
        assert type(app.screen).__name__ == "QueueScreen"  # no dialog opened
        assert desk.queue.loket(1).status is LoketStatus.OPEN
        assert not any("Belum bisa" in str(n.title) for n in app._notifications)
        assert app.screen.active_bindings["j"].enabled is False
        assert footer_greyed(app, "j") is True  # greyed in the footer, not hidden
        await pilot.pause(2.7)
        assert footer_greyed(app, "j") is False  # the footer shows it usable again by itself
        await pilot.press("j")  # a moment later the same key acts
        await wait_for_screen(pilot, "ChoiceDialog")


async def test_an_outcome_claiming_a_hand_off_is_refused_without_one(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await press(pilot, "m")  # C-005 at loket 1: nobody took its file in
        await pilot.press("s")
        await wait_for_screen(pilot, "OutcomeDialog")
        await press(pilot, "1")  # "Berkas lengkap, diteruskan ke verifikator"
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "OutcomeDialog"  # refused inside the dialog
        assert "sudah diserahkan ke verifikator dengan tanda terima" in shown(app, ".form-error")
        assert "Penerimaan berkas: tekan i" in shown(app, ".form-error")  # the desk's key
        assert visit(desk, "C-005").status is VisitStatus.SERVING
        assert visit(desk, "C-005").outcome is None
        # The refused choice is chosen again from the list: the digit moved the focus to the
        # note, and the next digit ("3") was typed there as a note instead of picking a line.
        await press(pilot, "3", "enter")
        assert type(app.screen).__name__ == "QueueScreen"
        done = visit(desk, "C-005")
        assert (done.status, done.outcome) == (VisitStatus.DONE, "informasi")
