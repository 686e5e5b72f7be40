"""The survey kiosk and the IKM report screen, driven with Pilot against the demo day.

The demo day at 09.30 WIB: loket 1's last finished visit is A-004 (case #7), finished at
09.08 and moved to 09.29 here (``a004_just_finished``: the kiosk asks only about a visit
finished in the last 15 minutes); loket 2 (Budi) serves C-004, which has no case yet; loket 3
has served nobody.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select
from textual.command import CommandPalette
from textual.widgets import Static

from lpse_desk.domain.ikm.index import UNSUR_KEYS
from lpse_desk.domain.ikm.kiosk import KioskAnswers
from lpse_desk.domain.ikm.text import ikm_text
from lpse_desk.domain.textfmt import format_decimal_id
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.ikm import IkmResponseRow
from lpse_desk.store.tables.queue import VisitRow
from tests.store.actors import counter_officer
from tests.tui.helpers import (
    SIZE,
    log_in_home,
    login,
    make_app,
    open_report,
    open_screen,
    settle,
    wait_for_screen,
)

A004 = 12
"""Visit id of A-004 in the demo day."""


def a004_finished_now(desk, clock) -> None:
    """A-004 finished a minute ago: its vendor is still at the counter (after C-005 was
    called there at 09.28 in the demo, so the kiosk still asks about A-004)."""
    with write_session(desk.engine) as session:
        session.get(VisitRow, A004).finished_at = clock.now() - timedelta(minutes=1)


@pytest.fixture(autouse=True)
def a004_just_finished(request, desk, clock) -> None:
    """``a004_finished_now`` before each test, unless it is marked to take the demo as is."""
    if not request.node.get_closest_marker("as_the_demo_left_it"):
        a004_finished_now(desk, clock)


@pytest.mark.as_the_demo_left_it
async def test_the_kiosk_does_not_ask_about_a_vendor_who_has_left(desk, db_url, clock):
    """With C-005 called to loket 1 and A-004 finished 22 minutes before, the kiosk asked
    about A-004: whoever stood at the counter answered for a vendor long gone."""
    app = make_app(db_url, clock, loket=1)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "Dewi Lestari", "2468")
        assert app.screen.visit is None
        assert text_of(app, "#kiosk-title") == "Layanan"
    assert _kiosk_openings(desk) == [
        ("Dewi Lestari", "tanpa kunjungan (penyedia memilih layanannya)")]  # fmt: skip


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def response_of(desk, visit_id):
    with read_session(desk.engine) as session:
        row = session.exec(
            select(IkmResponseRow).where(IkmResponseRow.visit_id == visit_id)
        ).one_or_none()
        return None if row is None else row.model_dump()


async def open_from_home(pilot, name: str, pin: str) -> None:
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("s")
    await wait_for_screen(pilot, "KioskScreen")
    await settle(pilot)


async def open_from_queue(pilot) -> None:
    """Budi at loket 2 turns the screen for C-004, whom he is serving."""
    await login(pilot, "Budi Santoso", "1357")
    await wait_for_screen(pilot, "HomeScreen")
    await pilot.press("a")
    await wait_for_screen(pilot, "QueueScreen")
    await settle(pilot)
    await pilot.press("e")
    await wait_for_screen(pilot, "KioskScreen")
    await settle(pilot)


async def test_the_vendor_answers_everything_and_only_the_pin_closes_the_kiosk(desk, db_url, clock):
    app = make_app(db_url, clock, loket=1)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "Dewi Lestari", "2468")
        kiosk = app.screen
        assert kiosk.visit.ticket == "A-004"
        assert "Evaluasi layanan" in text_of(app, "#kiosk-title")
        assert "5   Sangat puas" in str(kiosk.query_one("#choice-5").label)
        await pilot.press("5", *"Ramah", "enter")
        assert "Persyaratan" in text_of(app, "#kiosk-title")
        assert str(kiosk.query_one("#choice-4").label) == "4   Sangat sesuai"
        await pilot.press("4", "3", "3", "4", "3")
        assert "Kompetensi pelaksana" in text_of(app, "#kiosk-title")
        await pilot.press("4", "4", "3", "2")
        assert text_of(app, "#kiosk-title") == "Saran"
        await pilot.press(*"Parkir", "enter", "2", *"34", "enter", "0", "3")
        assert text_of(app, "#kiosk-title") == "Selesai"
        await pilot.press("enter")  # the Kirim button has the focus
        await settle(pilot)
        assert text_of(app, "#kiosk-title") == "Terima kasih!"
        assert text_of(app, "#kiosk-hint") == "Petugas: F12 lalu PIN untuk menutup layar survei"

        await pilot.press("f12")
        await wait_for_screen(pilot, "UnlockDialog")
        await pilot.press(*"1111", "enter")
        await settle(pilot)
        assert "PIN salah" in str(app.screen.query_one(".form-error", Static).visual)
        await pilot.press("escape")  # back to the kiosk, still locked
        await wait_for_screen(pilot, "KioskScreen")
        assert app.kiosk_locked
        await pilot.press("f12")
        await wait_for_screen(pilot, "UnlockDialog")
        await pilot.press(*"2468", "enter")
        await wait_for_screen(pilot, "HomeScreen")
        assert not app.kiosk_locked
    stored = response_of(desk, A004)
    assert [stored[key] for key in UNSUR_KEYS] == [4, 3, 3, 4, 3, 4, 4, 3, 2]
    assert (stored["source"], stored["service_code"], stored["case_id"]) == ("kiosk", "REG", 7)
    assert (stored["saran"], stored["jenis_kelamin"], stored["usia"]) == ("Parkir", "P", 34)
    assert (stored["pendidikan"], stored["pekerjaan"]) == (None, "swasta")
    with read_session(desk.engine) as session:
        case = session.get(CaseRow, 7)
        assert (case.evaluation_score, case.evaluation_comment) == (5, "Ramah")
    (item,) = [i for i in desk.ikm.followups() if i.service_date == clock.now().date()]
    assert item.low_unsur == ("sarana",)
    # The kiosk's opening is on record too: who turned the screen, for which visit.
    assert _kiosk_openings(desk) == [("Dewi Lestari", "untuk A-004")]


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c", "ctrl+p", "escape"])
async def test_the_vendor_cannot_leave_the_kiosk(desk, db_url, clock, key):
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_queue(pilot)
        assert app.screen.visit.ticket == "C-004"
        assert "Persyaratan" in text_of(app, "#kiosk-title")  # no case yet: no evaluation
        await pilot.press("4")
        await pilot.press(key)
        await settle(pilot)
        assert type(app.screen).__name__ == "KioskScreen"
        assert app.is_running and app.return_code is None
        assert not CommandPalette.is_open(app)
        assert app.screen.flow.answers == {"persyaratan": 4}  # nothing lost either
        assert "Sistem, mekanisme" in text_of(app, "#kiosk-title")


async def test_back_and_forward_keep_the_answers(desk, db_url, clock):
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_queue(pilot)
        kiosk = app.screen
        await pilot.press("3")
        await pilot.press("left")
        assert "Persyaratan" in text_of(app, "#kiosk-title")
        assert kiosk.query_one("#choice-3").has_class("-chosen")
        await pilot.press("right")
        assert "Sistem, mekanisme" in text_of(app, "#kiosk-title")
        await pilot.press("right")  # unanswered: stays, says why
        assert "Sistem, mekanisme" in text_of(app, "#kiosk-title")
        assert "Pilih salah satu jawaban (tekan 1–4)" in text_of(app, "#kiosk-error")
        await pilot.press("9")
        assert "Pilih angka 1–4" in text_of(app, "#kiosk-error")
        assert kiosk.flow.answers == {"persyaratan": 3}
    assert response_of(desk, 14) is None  # never sent: nothing stored


async def test_without_a_finished_visit_the_kiosk_asks_the_service(desk, db_url, clock):
    app = make_app(db_url, clock, loket=3)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "Dewi Lestari", "2468")
        assert app.screen.visit is None
        assert text_of(app, "#kiosk-title") == "Layanan"
        await pilot.press("2", *"333333333")
        await pilot.press("enter", "0", "enter", "0", "0")  # no suggestion, no profile
        assert text_of(app, "#kiosk-title") == "Selesai"
        await pilot.press("enter")
        await settle(pilot)
        assert text_of(app, "#kiosk-title") == "Terima kasih!"
    report = desk.ikm.report(start=clock.now().date(), end=clock.now().date())
    assert report.sources == {"kiosk": 1, "kertas": 0}  # the demo's quarter ends yesterday
    assert report.result.of("waktu").total == 3
    with read_session(desk.engine) as session:
        (row,) = session.exec(
            select(IkmResponseRow).where(IkmResponseRow.service_date == clock.now().date())
        ).all()
        assert (row.visit_id, row.service_code, row.saran, row.usia) == (None, "UBAH", None, None)
    assert _kiosk_openings(desk) == [
        ("Dewi Lestari", "tanpa kunjungan (penyedia memilih layanannya)")]  # fmt: skip


def _kiosk_openings(desk) -> list[tuple[str, str]]:
    """(who, for whom) of each kiosk opening in the log: written by the desk, not the test."""
    with read_session(desk.engine) as session:
        rows = session.exec(select(EventRow).where(EventRow.action == "kios_survei_dibuka")).all()
        return [(row.actor.split(" (#")[0], row.reason) for row in rows]


async def test_a_verifier_is_not_offered_the_kiosk(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "survey" not in keys and "reports" in keys


async def _ikm_report_as_ratna(pilot) -> None:
    """Ratna Sari (admin) logged in, on the IKM report with its data loaded."""
    await login(pilot, "Ratna Sari", "9753")
    await wait_for_screen(pilot, "HomeScreen")
    await open_report(pilot, "IkmReportScreen")
    await settle(pilot)


async def test_report_screen_shows_the_index_and_an_admin_closes_a_follow_up(desk, db_url, clock):
    answers = KioskAnswers(scores={**dict.fromkeys(UNSUR_KEYS, 3), "waktu": 1})
    desk.ikm.submit(counter_officer(desk.engine), answers, visit_id=A004)
    today = clock.now().date()
    expected = desk.ikm.report(start=date(2026, 4, 1), end=today)  # the quarter so far
    opened = desk.ikm.followups()
    assert len(opened) >= 2  # the demo's recent ones and today's
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _ikm_report_as_ratna(pilot)
        summary = text_of(app, "#ikm-summary")
        assert "Periode   : 1 April 2026 – 10 Juni 2026" in summary
        sources = expected.sources
        assert (
            f"Responden : {expected.result.respondents} (kios {sources['kiosk']}, "
            f"kertas {sources['kertas']})"
        ) in summary
        assert text_of(app, "#ikm-index") == f"IKM {ikm_text(expected)}"
        chart = text_of(app, "#ikm-chart")
        waktu = expected.result.of("waktu")
        assert "U3 Waktu penyelesaian" in chart and "█" in chart
        assert f"{format_decimal_id(waktu.value):>7}  {waktu.grade.letter}" in chart
        assert f"{len(opened)} tindak lanjut terbuka" in text_of(app, "#ikm-status")
        await pilot.press("b")
        await settle(pilot)
        assert "0,11 per unsur" in text_of(app, "#ikm-summary")
        await pilot.press("t")  # the oldest open item is selected
        await wait_for_screen(pilot, "FieldsDialog")
        await pilot.press(*"Ditelepon", "enter")
        await wait_for_screen(pilot, "IkmReportScreen")
        await settle(pilot)
        assert f"{len(opened) - 1} tindak lanjut terbuka" in text_of(app, "#ikm-status")
        table = app.screen.query_one("#ikm-followups")
        assert str(opened[0].id) not in [str(k.value) for k in table.rows]
        await pilot.press("h")  # the history: handled ones too, with who and what was done
        await settle(pilot)
        assert "termasuk yang sudah ditangani" in text_of(app, "#ikm-followups-title")
        assert str(table.get_row(str(opened[0].id))[4]) == "✓ Ratna Sari: Ditelepon"
        assert f"{len(opened) - 1} tindak lanjut terbuka" in text_of(app, "#ikm-status")
        table.move_cursor(row=table.get_row_index(str(opened[0].id)))
        await pilot.press("t")  # a handled one is not handled twice
        await settle(pilot)
        assert type(app.screen).__name__ == "IkmReportScreen"
    still_open = desk.ikm.followups()
    assert [item.id for item in still_open] == [item.id for item in opened[1:]]
    done = next(i for i in desk.ikm.followups(include_handled=True) if i.id == opened[0].id)
    assert (done.handled_by_name, done.note) == ("Ratna Sari", "Ditelepon")


async def test_a_follow_up_without_a_note_is_refused_inside_the_dialog(desk, db_url, clock):
    opened = desk.ikm.followups()
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _ikm_report_as_ratna(pilot)
        await pilot.press("t")
        await wait_for_screen(pilot, "FieldsDialog")
        dialog = app.screen
        for keys in (["enter"], ["space", "space", "enter"]):
            await pilot.press(*keys)
            await settle(pilot)
            assert app.screen is dialog  # still open, the officer can write the note
            error = str(dialog.query_one(".form-error", Static).visual)
            assert "Catatan tindak lanjut wajib diisi" in error
        assert [i.id for i in desk.ikm.followups()] == [i.id for i in opened]
        await pilot.press(*"Ditelepon", "enter")
        await wait_for_screen(pilot, "IkmReportScreen")
    done = next(i for i in desk.ikm.followups(include_handled=True) if i.id == opened[0].id)
    assert done.note == "Ditelepon"


async def test_the_ikm_period_names_the_date_field_that_is_wrong(desk, db_url, clock):
    from textual.widgets import Input

    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _ikm_report_as_ratna(pilot)
        await pilot.press("p")
        await wait_for_screen(pilot, "FieldsDialog")
        dialog = app.screen
        dialog.query_one("#dari", Input).value = "01/05/2026"
        dialog.query_one("#sampai", Input).value = "31/02/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        error = str(dialog.query_one(".form-error", Static).visual)
        assert error.startswith("Sampai: Tanggal")  # which one, not "Tanggal"
        assert app.focused is dialog.query_one("#sampai", Input)
        # A period after today has no answers: refused at its field (it showed "0 responden").
        dialog.query_one("#dari", Input).value = "01/02/2027"
        dialog.query_one("#sampai", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(dialog.query_one(".form-error", Static).visual)
        assert "Tanggal 'dari' sesudah hari ini" in error
        assert app.focused is dialog.query_one("#dari", Input)
        dialog.query_one("#dari", Input).value = "01/05/2026"
        dialog.query_one("#sampai", Input).value = "31/05/2026"
        dialog.query_one("#layanan", Input).value = "XYZ"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "XYZ" in str(dialog.query_one(".form-error", Static).visual)
        assert app.focused is dialog.query_one("#layanan", Input)  # its own field
        dialog.query_one("#layanan", Input).value = ""
        # Left empty, a date stays as its label says ("sekarang …"): it was refused.
        end = app.screen_stack[-2].end
        dialog.query_one("#sampai", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "IkmReportScreen")
        await settle(pilot)
        assert (app.screen.start, app.screen.end) == (date(2026, 5, 1), end)


async def test_an_officer_cannot_mark_a_follow_up_handled(desk, db_url, clock):
    opened = len(desk.ikm.followups())
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)
        assert f"{opened} tindak lanjut terbuka" in text_of(app, "#ikm-status")
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "handle" not in keys
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "IkmReportScreen"
    assert len(desk.ikm.followups()) == opened > 0


async def test_paper_questionnaires_are_imported_from_the_report_screen(
    desk, db_url, clock, tmp_path
):
    from lpse_desk.tui.dialogs.forms import FieldsDialog

    header = "tanggal;layanan;persyaratan;prosedur;waktu;biaya;produk;kompetensi;perilaku;" \
             "pengaduan;sarana"  # fmt: skip
    bad = tmp_path / "salah.csv"
    bad.write_text(
        f"{header}\n2026-06-08;REG;3;3;3;3;3;3;3;3;3\n2026-06-08;REG;3;3;5;3;3;3;3;3;3\n"
    )
    good = tmp_path / "juni.csv"
    good.write_text(
        f"{header}\n2026-06-08;REG;3;3;3;3;3;3;3;3;3\n2026-06-09;UID;4;4;2;4;4;4;4;4;4\n"
    )
    before = desk.ikm.report(start=date(2026, 6, 8), end=date(2026, 6, 9)).result.respondents
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)
        await pilot.press("i")
        await wait_for_screen(pilot, "FieldsDialog")
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        for path, expected in (
            (tmp_path / "tidak-ada.csv", "tidak ditemukan"),
            (tmp_path, "adalah folder"),
            (bad, "salah.csv baris 3, kolom waktu"),
        ):
            dialog.query_one("#berkas").value = str(path)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is dialog  # refused inside the dialog, nothing imported
            assert expected in str(dialog.query_one(".form-error").visual)
        dialog.query_one("#berkas").value = str(good)
        await pilot.press("enter")
        await wait_for_screen(pilot, "IkmReportScreen")
        await settle(pilot)
        assert any("2 kuesioner diimpor; 1 memuat nilai 1–2" in n.message
                   for n in app._notifications)  # fmt: skip
    after = desk.ikm.report(start=date(2026, 6, 8), end=date(2026, 6, 9)).result.respondents
    assert after == before + 2


async def test_a_verifier_cannot_import_paper_questionnaires(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Andi Wijaya", "8642")
        await wait_for_screen(pilot, "HomeScreen")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)
        assert not app.screen.check_action("import_paper", ())
        await pilot.press("i")
        await settle(pilot)
        assert type(app.screen).__name__ == "IkmReportScreen"


async def test_the_officers_messages_are_gone_when_the_vendor_gets_the_screen(desk, db_url, clock):
    """A receipt's file or a call on the officer's screen is not the vendor's to read."""
    app = make_app(db_url, clock, loket=2)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Budi Santoso", "1357")
        await open_screen(pilot, "a", "QueueScreen")
        app.notify("Tanda terima TT-LPSE/2026/000099. PDF tersimpan di /rahasia/petugas.pdf")
        await settle(pilot)
        assert [n for n in app._notifications if "petugas.pdf" in n.message]
        await open_screen(pilot, "e", "KioskScreen")
        assert not [n for n in app._notifications if "petugas.pdf" in n.message]
