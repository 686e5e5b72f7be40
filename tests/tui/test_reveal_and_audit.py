"""ctrl+l shows a full NIK on record and masks it again; the admin's audit screen lists who
did what. Against the demo day; the 30-second timer is driven by calling its method."""

from __future__ import annotations

import csv
import io

from textual.widgets import Input

from lpse_desk.domain.privacy import mask_nik
from lpse_desk.store.queries.reveal import ACTION
from lpse_desk.tui.reveal import REVEAL_SECONDS
from tests.tui.helpers import (
    SIZE,
    log_in_home,
    login,
    make_app,
    open_screen,
    settle,
    wait_for_screen,
)
from tests.tui.test_review_screen import land, offered, open_queue, shown, table_rows


async def test_a_verifier_reveals_the_nik_on_record_and_it_is_masked_again(desk, db_url, clock):
    first = desk.review.queue()[0]
    nik = desk.review.open(first.case.id).vendor.director_nik
    assert nik
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, "Andi Wijaya", "8642")
        await pilot.press("enter")
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        screen = app.screen
        assert mask_nik(nik) in shown(app, "#review-summary") and nik not in shown(
            app, "#review-summary"
        )
        await pilot.press("ctrl+l")
        await land(pilot)
        assert nik in shown(app, "#review-summary")
        assert screen._reveal_timer is not None
        logged = [e for e in desk.review.open(first.case.id).events if e.action == ACTION]
        assert [e.actor for e in logged] == [f"Andi Wijaya (#{app.staff.id})"]
        assert nik not in (logged[0].reason or "")
        assert any(f"{REVEAL_SECONDS:.0f} detik" in n.message for n in app._notifications)
        screen.hide_personal_ids()  # what the timer does after REVEAL_SECONDS
        await pilot.pause()
        assert nik not in shown(app, "#review-summary")
        assert mask_nik(nik) in shown(app, "#review-summary")
        # The case history shows the reveal with its label.
        assert any(row[2] == "NIK/NPWP lengkap dilihat" for row in table_rows(app, "#events-table"))


async def test_an_objects_number_is_never_cut_in_the_audit_list(desk, db_url, clock):
    """The demo's visits of today are #1300 and more: #1341 and #1342 both read "Kunjungan
    #134" in a 14-cell Objek column, one visit where there were two. The column is as wide
    as its longest object, or left out (the object then follows the Keterangan, whole)."""
    ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
    item = desk.ikm.followups()[0]
    desk.ikm.handle_followup(ratna, item.id, "Ditelepon")  # "Tindak lanjut IKM #…" today
    app = make_app(db_url, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await login(pilot, "Ratna Sari", "9753")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("u")
        await wait_for_screen(pilot, "AuditScreen")
        await land(pilot)
        columns = [str(c.label) for c in app.screen.query_one("#audit-table").columns.values()]
        assert "Objek" in columns
        entries = {f"#{entry.id}": entry for entry in app.screen.page.entries}
        rows = table_rows(app, "#audit-table")
        assert any(entries[row[0]].subject == f"Tindak lanjut IKM #{item.id}" for row in rows)
        objek = next(c for c in app.screen.query_one("#audit-table").columns.values()
                     if str(c.label) == "Objek")  # fmt: skip
        numbers = [entries[row[0]].subject.split(" (")[0] for row in rows]  # a name may be cut
        assert objek.width >= max(len(number) for number in numbers)  # a number never


async def test_the_admin_reads_who_did_what_and_exports_it(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Ratna Sari", "9753")
        await wait_for_screen(pilot, "HomeScreen")
        assert "audit" in offered(app)
        await pilot.press("u")
        await wait_for_screen(pilot, "AuditScreen")
        await land(pilot)
        rows = table_rows(app, "#audit-table")
        assert rows and any(r[2].startswith("Ratna Sari") and r[3] == "Masuk ke desk" for r in rows)
        assert len({r[2] for r in rows}) > 1  # the demo day: several officers today
        app.screen.query_one("#audit-staff", Input).value = "dewi"
        app.screen.query_one("#audit-staff", Input).focus()
        await pilot.press("enter")
        await land(pilot)
        rows = table_rows(app, "#audit-table")
        assert rows and {r[2].split(" (#")[0] for r in rows} == {"Dewi Lestari"}
        # At 120 columns the Objek and Perubahan columns are left out: what they would say
        # follows each row's Keterangan, so "Kasus dibuka" still names its case.
        columns = [str(column.label) for column in app.screen.query_one("#audit-table").columns.values()]
        assert "Objek" not in columns and "Perubahan" not in columns
        entries = {f"#{entry.id}": entry for entry in app.screen.page.entries}
        for row in rows:
            entry = entries[row[0]]
            said = entries[row[0]].reason
            assert row[-1].startswith((said or entry.subject)[:8]), (row, entry.subject)
            if not said:  # nothing of its own to say: the object and the change instead
                assert entry.subject[:8] in row[-1]
        app.screen.query_one("#audit-from", Input).value = "31/02/2026"
        await pilot.press("enter")
        await land(pilot)
        assert "Dari: Tanggal" in shown(app, "#audit-status")
        app.screen.query_one("#audit-from", Input).value = ""
        await pilot.press("enter", "ctrl+e")
        await land(pilot)
        (written,) = list(desk.reports_dir.glob("audit-*.csv"))
        exported = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8"))))
        assert len(exported) >= len(rows)  # every day, not only today
        assert {r["Oleh"].split(" (#")[0] for r in exported} == {"Dewi Lestari"}
        assert any(str(written) in n.message for n in app._notifications)


async def test_an_audit_export_that_cannot_be_written_says_why_and_can_be_tried_again(
    desk, db_url, clock
):
    """A file where the reports folder should be: the export is refused in Indonesian, nothing
    is half-written, and ctrl+e works again once the folder is there."""
    blocker = desk.reports_dir
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("bukan folder")
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_screen(pilot, "u", "AuditScreen")
        await land(pilot)
        await pilot.press("ctrl+e")
        await land(pilot)
        refused = [n.message for n in app._notifications if n.title == "Ekspor audit"]
        assert refused and refused[-1].startswith("CSV tidak ditulis: ")
        assert "Traceback" not in refused[-1] and "Errno" not in refused[-1]
        assert not app.screen.busy  # the refusal ended the change: the key works again
        blocker.unlink()
        await pilot.press("ctrl+e")
        await land(pilot)
        assert list(blocker.glob("audit-*.csv"))
