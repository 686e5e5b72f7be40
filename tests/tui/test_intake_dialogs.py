"""The intake's dialogs as a counter officer meets them, against a real store.

The demo day at 09.30 WIB: loket 1 (Dewi) has C-005 (Nur Aini, UID) called; D-004
(Wulan Sari, KONS, disabilitas) is first in the queue. For PT Cahaya Surya Kencana (a PT
whose director brings the file) the UID checklist reads:

    0 surat permohonan (bermeterai)   1 KTP direktur (masa berlaku)   2 NPWP perusahaan
    3 NPWP direktur   4 NIB   5 akta   6 pengesahan Kemenkumham

Every story checks what the screen says and what the store kept afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta

from pypdf import PdfReader
from sqlmodel import select
from textual import events
from textual.content import Content
from textual.widgets import DataTable, Input, Static

from lpse_desk.demo import company_npwp
from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.entities import Case, CaseStatus, Visit, VisitStatus
from lpse_desk.domain.queue.rules import TicketHolder
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import queue
from lpse_desk.store.services.desk import DeskStore
from lpse_desk.store.tables.cases import CaseRow
from tests.tui.helpers import SIZE, choose_bearer, login, make_app, settle, wait_for_screen

CAHAYA = "PT Cahaya Surya Kencana"


# reading the screen and the store


def plain(cell: object) -> str:
    """A table cell's markup as the officer reads it."""
    return Content.from_markup(cell).plain if isinstance(cell, str) else str(cell)


def text_of(app, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector, Static).visual)


def dialog_error(app) -> str:
    """What the open dialog says is wrong (the line above its fields)."""
    return text_of(app, ".form-error")


def row(app, index: int) -> tuple[str, ...]:
    """A checklist row: no, dokumen, asli, salinan, berlaku, catatan, status."""
    table = app.screen.query_one("#checklist-table", DataTable)
    return tuple(plain(cell) for cell in table.get_row_at(index))


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def visit(desk: DeskStore, ticket: str) -> Visit:
    """A fresh read of today's visit with this ticket."""
    return next(v for v in desk.queue.visits() if v.ticket == ticket)


def cases_of_visit(desk: DeskStore, visit_id: int) -> list[dict]:
    """Every case opened for a visit, as stored."""
    with read_session(desk.engine) as session:
        rows = session.exec(select(CaseRow).where(CaseRow.visit_id == visit_id)).all()
        return [
            dict(
                id=r.id,
                service_code=r.service_code,
                status=r.status,
                vendor_id=r.vendor_id,
                topic=r.topic,
                advice=r.advice,
                minutes=r.duration_minutes,
                sikap_given=r.sikap_given,
                sikap_note=r.sikap_note,
                closed_at=r.closed_at,
            )
            for r in rows
        ]


# driving the desk


async def paste(pilot, text: str) -> None:
    """Paste into the focused field (typing every key is slow and proves nothing more)."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


async def retype(pilot, field: Input, text: str) -> None:
    """Clear a dialog field and type again in it, as the officer corrects an entry."""
    field.value = ""
    field.focus()
    await pilot.pause()
    assert pilot.app.focused is field
    await paste(pilot, text)


async def open_queue(pilot, name: str, pin: str) -> None:
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("a")
    await wait_for_screen(pilot, "QueueScreen")
    await settle(pilot)


async def continue_intake(pilot, desk: DeskStore) -> Case:
    """Dewi started C-005's intake for PT Cahaya earlier; ``i`` on the queue reopens it."""
    app = pilot.app
    await login(pilot, "Dewi Lestari", "2468")
    await wait_for_screen(pilot, "HomeScreen")
    nur = visit(desk, "C-005")
    desk.queue.start(app.staff, nur.id)
    (cahaya,) = desk.vendors.search("cahaya")
    case = desk.intake.start(app.staff, service_code="UID", vendor_id=cahaya.id,
                             vendor_type="PT", visit_id=nur.id)  # fmt: skip
    await pilot.press("a")
    await wait_for_screen(pilot, "QueueScreen")
    await settle(pilot)
    await pilot.press("i")
    await wait_for_screen(pilot, "ChecklistScreen")
    await settle(pilot)
    assert app.screen.case.id == case.id
    return case


async def start_intake(pilot, vendor_text: str) -> None:
    """From the queue, ``i`` on the visit at this loket and search the vendor."""
    app = pilot.app
    await pilot.press("i")
    await wait_for_screen(pilot, "IntakeStartScreen")
    await settle(pilot)
    await paste(pilot, vendor_text)
    picker = app.screen.query_one("#intake-picker")
    for _ in range(10):  # the picker searches after a short pause, in a worker
        await pilot.pause(0.1)
        await settle(pilot, 1)
        if picker.shown_for == vendor_text:
            break
    assert picker.shown_for == vendor_text


async def to_row(pilot, index: int) -> None:
    table = pilot.app.screen.query_one("#checklist-table", DataTable)
    table.move_cursor(row=index)
    await pilot.pause()
    assert table.cursor_row == index


async def press(pilot, *keys: str) -> None:
    """Press keys and let the store call and the reload after it land."""
    await pilot.press(*keys)
    await settle(pilot)


def lat_ticket(desk: DeskStore, clock) -> Visit:
    """An LAT ticket taken before LAT was closed (the kiosk refuses one now)."""
    with write_session(desk.engine) as session:
        return queue.register_visit(
            session=session, service_code="LAT", prefix="E", service_date=today_wib(clock),
            arrived_at=clock.now() - timedelta(minutes=3), actor="kios", holder=TicketHolder("Rina"),
        )  # fmt: skip


async def call_ticket(pilot, ticket: str) -> None:
    """Select the ticket in the queue and press ``c``: called out of turn, then ``m``."""
    table = pilot.app.screen.query_one("#queue-table", DataTable)
    tickets = [plain(table.get_row_at(i)[1]) for i in range(table.row_count)]
    table.focus()
    table.move_cursor(row=tickets.index(ticket))
    await press(pilot, "c")
    await press(pilot, "m")


# the checklist's dialogs


async def test_the_expiry_dialog_refuses_a_bad_or_past_date_and_saves_a_valid_one(
    desk, db_url, clock
):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        case = await continue_intake(pilot, desk)
        await to_row(pilot, 1)
        await press(pilot, "a")  # the director's KTP was shown
        assert row(app, 1)[1:5] == ("KTP/KITAS/KITAP Direktur Perusahaan", "✓", "☐", "catat")
        await pilot.press("e")
        await wait_for_screen(pilot, "FieldsDialog")
        await settle(pilot)
        dialog = app.screen
        assert text_of(app, ".form-title") == "KTP/KITAS/KITAP Direktur Perusahaan"
        expiry = dialog.query_one("#expiry", Input)
        assert app.focused is expiry

        await paste(pilot, "31/02/2026")
        await press(pilot, "enter")  # said at once: the focus stays on the date
        assert app.screen is dialog and app.focused is expiry
        assert dialog_error(app) == (
            'Tanggal "31/02/2026" tidak valid: tanggal 31 tidak ada di bulan Februari 2026; '
            "gunakan YYYY-MM-DD atau DD/MM/YYYY"
        )
        await retype(pilot, expiry, "09/06/2026")  # yesterday
        await press(pilot, "enter")
        assert app.focused is expiry
        assert dialog_error(app).startswith("Dokumen sudah kedaluwarsa (9 Juni 2026)")
        await retype(pilot, expiry, "31/12/2027")
        await press(pilot, "enter")  # a good date: on to the note, the message gone
        assert app.focused is dialog.query_one("#note", Input) and dialog_error(app) == ""
        await paste(pilot, "KITAS, fotokopi agak buram")

        await retype(pilot, expiry, "09/06/2026")  # changed back, then saved from the note
        dialog.query_one("#note", Input).focus()
        await press(pilot, "ctrl+s")
        assert app.screen is dialog and app.focused is expiry  # back on the wrong field
        assert dialog_error(app).startswith("Dokumen sudah kedaluwarsa (9 Juni 2026)")
        check = desk.intake.lines(case.id)[1].check
        assert (check.expiry_date, check.note) == (None, "")

        await retype(pilot, expiry, "31/12/2027")
        await press(pilot, "ctrl+s")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        check = desk.intake.lines(case.id)[1].check
        assert (check.expiry_date, check.note) == (date(2027, 12, 31), "KITAS, fotokopi agak buram")
        assert (check.original_shown, check.copy_received) == (True, False)  # ticks kept
        assert row(app, 1)[2:6] == ("✓", "☐", "31/12/2027", "KITAS, fotokopi a…")

        await pilot.press("e")  # opened again: what was saved is in the fields
        await wait_for_screen(pilot, "FieldsDialog")
        await settle(pilot)
        assert app.screen.query_one("#expiry", Input).value == "2027-12-31"
        assert app.screen.query_one("#note", Input).value == "KITAS, fotokopi agak buram"


async def test_a_note_typed_on_after_its_enter_ticks_nothing(desk, db_url, clock, monkeypatch):
    """The note's last words, typed a moment after Enter saved it, reach the checklist: for
    that moment Space and the letters there do nothing (``SettlesAfterDialog``)."""
    from lpse_desk.tui.blocked import SettlesAfterDialog

    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        case = await continue_intake(pilot, desk)
        await to_row(pilot, 1)
        monkeypatch.setattr(SettlesAfterDialog, "SETTLE_SECONDS", 1.0)  # from the dialog on
        before = [(line.check.original_shown, line.check.copy_received)
                  for line in desk.intake.lines(case.id)]  # fmt: skip
        await pilot.press("e")
        await wait_for_screen(pilot, "FieldsDialog")
        await settle(pilot)
        await paste(pilot, "31/12/2027")  # the KTP's expiry; Enter: on to the note
        await press(pilot, "enter")
        await paste(pilot, "fotokopi buram")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ChecklistScreen")
        await pilot.press("space", "a", "c", "o")  # " agak", "copy", "o…": not meant here
        await settle(pilot)
        lines = desk.intake.lines(case.id)
        assert lines[1].check.note == "fotokopi buram"
        assert [(line.check.original_shown, line.check.copy_received) for line in lines] == before
        assert type(app.screen).__name__ == "ChecklistScreen"
        await pilot.pause(1.1)
        await press(pilot, "a")  # a moment later the key acts again
        assert desk.intake.lines(case.id)[1].check.original_shown is not before[1][0]


async def test_the_checklist_waits_at_its_first_showing_too(desk, db_url, clock, monkeypatch):
    """The checklist replaces the intake form right after its Enter: letters the officer
    typed on land on it at its first showing and must tick nothing."""
    from lpse_desk.tui.blocked import SettlesAfterDialog

    monkeypatch.setattr(SettlesAfterDialog, "SETTLE_SECONDS", 2.0)  # room for a slow machine
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        case = await continue_intake(pilot, desk)
        before = [(line.check.original_shown, line.check.copy_received)
                  for line in desk.intake.lines(case.id)]  # fmt: skip
        await pilot.press("space", "o")
        await settle(pilot)
        after = [(line.check.original_shown, line.check.copy_received)
                 for line in desk.intake.lines(case.id)]  # fmt: skip
        assert after == before
        await pilot.pause(2.1)
        await press(pilot, "space")  # a moment later the key acts
        assert desk.intake.lines(case.id)[0].check.original_shown is not before[0][0]


async def test_an_invalid_meterai_keeps_the_letter_missing_with_the_reason(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        case = await continue_intake(pilot, desk)
        letter = desk.intake.lines(case.id)[0]
        assert letter.requirement.meterai
        await press(pilot, "space")  # the letter was shown and its copy kept
        assert desk.intake.lines(case.id)[0].complete
        assert row(app, 0)[6] == "Lengkap"

        await press(pilot, "t")  # then the officer sees an old Rp 6.000 meterai
        check = desk.intake.lines(case.id)[0].check
        assert (check.original_shown, check.copy_received, check.meterai_invalid) == (
            False, False, True,
        )  # fmt: skip
        assert row(app, 0)[2:] == ("☐", "☐", "", "", "Meterai tidak sah")
        table = app.screen.query_one("#checklist-table", DataTable)
        assert table.virtual_size.width <= table.size.width  # the Status column is on screen
        panel = text_of(app, "#checklist-missing").splitlines()
        (shown,) = [line for line in panel if line.startswith("  • Surat permohonan")]
        assert shown.endswith(": meterai tidak ada/bukan Rp 10.000 (UU 10/2020)")
        assert len(panel) == 1 + len(desk.intake.still_missing(case.id))  # one line per gap
        assert app.screen.check_action("incomplete", ())

        # Ticking it again contradicts the mark: the officer is asked, and Esc keeps it.
        await press(pilot, "space")
        await wait_for_screen(pilot, "ConfirmDialog")
        await press(pilot, "escape")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        assert desk.intake.lines(case.id)[0].check.meterai_invalid
        assert not desk.intake.lines(case.id)[0].complete
        # The vendor came back with a Rp 10.000 meterai: Enter clears the mark and ticks.
        await press(pilot, "space")
        await wait_for_screen(pilot, "ConfirmDialog")
        await press(pilot, "enter")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        fixed = desk.intake.lines(case.id)[0]
        assert fixed.complete and not fixed.check.meterai_invalid
        assert row(app, 0)[6] == "Lengkap"
        # t marks it again; t once more clears the mark and leaves it not yet brought.
        await press(pilot, "t")
        assert desk.intake.lines(case.id)[0].check.meterai_invalid
        await press(pilot, "t")
        cleared = desk.intake.lines(case.id)[0].check
        assert (cleared.meterai_invalid, cleared.original_shown, cleared.copy_received) == (
            False, False, False,
        )  # fmt: skip

        await to_row(pilot, 2)  # NPWP Perusahaan asks for no meterai: the key is refused
        await press(pilot, "space")
        assert not desk.intake.lines(case.id)[2].requirement.meterai
        await press(pilot, "t")
        assert "Dokumen ini tidak memerlukan meterai." in notices(app)
        check = desk.intake.lines(case.id)[2].check
        assert (check.original_shown, check.copy_received, check.note) == (True, True, "")
        assert row(app, 2)[6] == "Lengkap"


# SIKaP, the slip and the vendor


async def test_sikap_help_then_a_slip_listing_exactly_what_is_missing(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await start_intake(pilot, "cahaya")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.vendor.name == CAHAYA
        await choose_bearer(pilot, director=True)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        screen = app.screen
        case_id, visit_id = screen.case.id, screen.case.visit_id

        await pilot.press("k")  # the officer helped fill the SIKaP qualification data
        await wait_for_screen(pilot, "FieldsDialog")
        await settle(pilot)
        dialog = app.screen
        assert text_of(app, ".form-title") == "Pendampingan SIKaP"
        await press(pilot, "ctrl+s")  # nothing typed
        assert app.screen is dialog
        assert dialog_error(app) == "Tulis apa yang diisi saat pendampingan SIKaP"
        (stored,) = cases_of_visit(desk, visit_id)
        assert (stored["sikap_given"], stored["sikap_note"]) == (False, None)
        await paste(pilot, "  Data izin usaha dan   pengurus diisi ")
        await press(pilot, "enter")
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        assert "Pendampingan SIKaP dicatat." in notices(app)
        (stored,) = cases_of_visit(desk, visit_id)
        assert (stored["sikap_given"], stored["sikap_note"]) == (
            True, "Data izin usaha dan pengurus diisi",
        )  # fmt: skip
        assert stored["status"] == CaseStatus.INTAKE.value

        await press(pilot, "o")  # every original shown; only two copies were brought
        for index in (0, 1):
            await to_row(pilot, index)
            await press(pilot, "c")
        lines = desk.intake.lines(case_id)
        kept = [line.requirement.name for line in lines[:2]]
        lacking = [line.requirement.name for line in desk.intake.still_missing(case_id)]
        assert lacking == [line.requirement.name for line in lines[2:]]
        assert text_of(app, "#checklist-missing").startswith("Masih kurang (5):")
        assert not screen.check_action("finish", ())

        await pilot.press("b")
        await wait_for_screen(pilot, "ChoiceDialog")
        await settle(pilot)
        await pilot.press("2", "enter")  # the slip, not the hold
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)

        (slip,) = desk.intake.receipts()
        assert (slip.number, slip.kind, slip.vendor_name) == (
            "TT-LPSE/2026/000001", "belum_lengkap", CAHAYA,
        )  # fmt: skip
        assert any(n.startswith("Slip belum lengkap TT-LPSE/2026/000001.") for n in notices(app))
        text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(slip.file_path).pages
        )
        assert "BERKAS BELUM LENGKAP" in text
        listed = text.split("Yang masih kurang", 1)[1].split("Langkah berikutnya", 1)[0]
        for name in lacking:
            assert f"{name}: salinan belum diserahkan" in listed
        for name in kept:
            assert name in text and name not in listed, name
        assert "Pendampingan SIKaP diberikan: Data izin usaha dan pengurus diisi" in text

        (stored,) = cases_of_visit(desk, visit_id)
        assert stored["status"] == CaseStatus.INCOMPLETE.value
        assert stored["closed_at"] is not None
        assert desk.intake.open_case_of_visit(visit_id) is None
        done = visit(desk, "C-005")
        assert (done.status, done.outcome) == (VisitStatus.DONE, "belum_lengkap")
        assert desk.queue.view().at_loket(1) is None


async def test_a_new_vendor_is_registered_from_the_intake_and_chosen(desk, db_url, clock):
    name = "PT Sumber Rejeki Abadi"
    npwp = company_npwp(424_242)
    assert desk.vendors.search("Sumber Rejeki") == []
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Dewi Lestari", "2468")
        await start_intake(pilot, name)
        assert text_of(app, "#vendor-status") == (
            "Tidak ditemukan · Enter untuk mendaftarkan penyedia baru"
        )
        await pilot.press("enter")  # "+ Penyedia baru" is the only choice
        await wait_for_screen(pilot, "VendorForm")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#name", Input).value == name  # started from the search
        npwp_field = form.query_one("#npwp", Input)
        assert app.focused is npwp_field  # the first field still empty

        await press(pilot, "ctrl+s")  # no NPWP
        assert app.screen is form
        assert dialog_error(app) == "NPWP wajib diisi (kecuali perusahaan asing)"
        assert npwp_field.has_class("field-error")
        assert desk.vendors.search("Sumber Rejeki") == []
        assert app.screen_stack[-2].vendor is None

        await paste(pilot, npwp)
        await press(pilot, "ctrl+s")
        await wait_for_screen(pilot, "IntakeStartScreen")
        await settle(pilot)
        (created,) = desk.vendors.search("Sumber Rejeki")
        assert (created.name, created.npwp, created.legal_form.value) == (name, npwp, "PT")
        intake = app.screen
        assert intake.vendor == created
        shown = text_of(app, "#intake-vendor")
        assert shown.startswith(f"{name} · NPWP ") and "user ID SPSE belum ada" in shown

        await choose_bearer(pilot, director=True)  # the director came (name as typed)
        await pilot.press("ctrl+s")  # the checklist is built for the new vendor
        await wait_for_screen(pilot, "ChecklistScreen")
        await settle(pilot)
        assert app.screen.case.vendor_id == created.id
        (stored,) = cases_of_visit(desk, visit(desk, "C-005").id)
        assert (stored["vendor_id"], stored["service_code"]) == (created.id, "UID")


# the lighter services, from the queue


async def test_a_consultation_is_recorded_and_a_training_request_meets_the_closed_message(
    desk, db_url, clock
):
    lat = desk.catalog.service("LAT")
    assert not lat.is_open and lat.closed_message  # as shipped in data/catalog.toml
    rina = lat_ticket(desk, clock)
    app = make_app(db_url, clock, loket=3)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Budi Santoso", "1357")
        await press(pilot, "n")  # D-004, Wulan (KONS, disabilitas), is first
        await press(pilot, "m")
        wulan = visit(desk, "D-004")
        assert (wulan.status, wulan.loket) == (VisitStatus.SERVING, 3)

        await pilot.press("i")
        await wait_for_screen(pilot, "FieldsDialog")
        await settle(pilot)
        dialog = app.screen
        assert text_of(app, ".form-title") == "Konsultasi · D-004"
        await paste(pilot, "Cara unggah dokumen penawaran")
        await pilot.press("enter")
        await paste(pilot, "Gunakan Apendo versi terbaru dan cek ukuran berkas")
        await pilot.press("enter")
        await paste(pilot, "sepuluh")
        await press(pilot, "enter")
        assert app.screen is dialog
        assert dialog_error(app) == "Lama konsultasi diisi angka menit"
        assert cases_of_visit(desk, wulan.id) == []
        assert visit(desk, "D-004").status is VisitStatus.SERVING

        await retype(pilot, dialog.query_one("#minutes", Input), "12")
        await press(pilot, "enter")
        assert app.screen is dialog  # called a moment ago: no twelve-minute consultation yet
        assert dialog_error(app) == (
            "Lama konsultasi 12 menit melebihi waktu D-004 di loket (baru 1 menit); tulis lama "
            "yang sebenarnya"
        )
        assert cases_of_visit(desk, wulan.id) == []
        clock.advance(timedelta(minutes=12))
        await retype(pilot, dialog.query_one("#minutes", Input), "12")
        await press(pilot, "enter")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        assert "Konsultasi D-004 dicatat dan selesai." in notices(app)
        (stored,) = cases_of_visit(desk, wulan.id)
        assert (stored["service_code"], stored["status"]) == ("KONS", CaseStatus.CLOSED.value)
        assert (stored["topic"], stored["advice"], stored["minutes"]) == (
            "Cara unggah dokumen penawaran",
            "Gunakan Apendo versi terbaru dan cek ukuran berkas",
            12,
        )
        done = visit(desk, "D-004")
        assert (done.status, done.outcome) == (VisitStatus.DONE, "informasi")
        assert desk.queue.view().at_loket(3) is None

        # Rina took an LAT ticket before LAT was closed: the desk says why, records nothing.
        await call_ticket(pilot, rina.ticket)
        assert visit(desk, rina.ticket).status is VisitStatus.SERVING
        await press(pilot, "i")
        assert type(app.screen).__name__ == "QueueScreen"  # no dialog: nothing to record
        assert f"Layanan LAT ditutup: {lat.closed_message}" in notices(app)
        assert cases_of_visit(desk, rina.id) == []
        assert visit(desk, rina.ticket).status is VisitStatus.SERVING  # finished with s
