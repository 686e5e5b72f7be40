"""Columns that use the width there is (``widgets.columns``), and the screens that use them
at 80×24: the column a decision needs stays in view, and a very long name is cut at its own
column's end instead of pushing the others off the screen."""

from __future__ import annotations

from sqlalchemy import update
from textual.widgets import DataTable, Static

from lpse_desk.store.db import write_session
from lpse_desk.store.tables.vendors import VendorRow
from lpse_desk.tui.widgets.columns import PADDING, Col, widths
from tests.tui.helpers import SMALL, log_in_home, make_app, settle, wait_for_screen
from tests.tui.test_intake_screen import _to_checklist
from tests.tui.test_review_screen import open_case, waiting_case
from tests.tui.test_review_screen import open_queue as open_verification

COLS = (
    Col("No", 3),
    Col("Nama", 40, least=12, grow=True, most=60),
    Col("Catatan", 16, optional=True),
    Col("Status", 24, least=14),
)


def _used(chosen) -> int:
    return sum(width + PADDING for width in chosen if width)


def test_the_growing_column_gives_first_and_optional_ones_wait_for_room():
    assert widths(COLS, 200) == (3, 60, 16, 24)  # the name grows up to its most
    assert widths(COLS, 97) == (3, 46, 16, 24)  # the note fits beside a narrowed name
    narrow = widths(COLS, 60)
    assert narrow[2] is None  # the note is left out …
    assert narrow[3] == 24 and narrow[1] == 60 - 5 - 26 - 2  # … and the name gives, not status
    tight = widths(COLS, 40)
    assert tight == (3, 12, None, 19)  # below the name's least, the status gives too
    for room in range(30, 220):
        chosen = widths(COLS, room)
        assert chosen[0] == 3 and chosen[3] >= 14 and chosen[1] >= 12
        if _used((3, 12, None, 14)) <= room:
            assert _used(chosen) <= room  # never wider than the room, where the least fit


def _columns(table: DataTable) -> list[str]:
    return [str(column.label) for column in table.columns.values()]


def _fits(table: DataTable, width: int) -> None:
    assert sum(column.width + PADDING for column in table.columns.values()) <= width


async def test_at_80_by_24_the_deciding_columns_stay_and_a_long_name_is_cut(desk, db_url, clock):
    case_id = waiting_case(desk, "REG")
    opened = desk.review.open(case_id)
    long_name = ("PT " + "Karya Pakuan Bogor Sejahtera Abadi " * 10)[:300]
    with write_session(desk.engine) as session:  # an imported name of 300 characters
        session.execute(
            update(VendorRow).where(VendorRow.id == opened.vendor.id).values(name=long_name)
        )
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await open_verification(pilot, "Andi Wijaya", "8642")
        table = app.screen.query_one(DataTable)
        assert _columns(table)[-1] == "Sisa waktu"
        _fits(table, SMALL[0] - 2)
        vendor_cell = str(table.get_row(str(case_id))[1])
        assert vendor_cell.endswith("…") and len(vendor_cell) == table.ordered_columns[1].width
        await open_case(pilot, case_id)
        docs = app.screen.query_one("#docs-table", DataTable)
        assert _columns(docs)[-1] == "Putusan verifikator"
        _fits(docs, SMALL[0] - 2)
        assert docs.row_count >= 5 and docs.size.height - 1 >= 5  # five rows in view
        blockers = str(app.screen.query_one("#review-blockers", Static).visual)
        for document in opened.documents:  # every reason, each document whole
            if document.needs_verdict:
                assert f"– {document.name}" in blockers


async def test_at_80_by_24_the_checklist_keeps_its_status_column(db_url, demo_day, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await log_in_home(pilot, "Dewi Lestari", "2468")
        await _to_checklist(pilot, app, "cahaya")
        table = app.screen.query_one(DataTable)
        assert _columns(table)[-1] == "Status"
        _fits(table, SMALL[0] - 2)
        await pilot.resize_terminal(160, 50)
        await settle(pilot)
        assert "Catatan" in _columns(table)  # room again: the note comes back


async def test_an_identifier_column_widens_to_its_longest_value_and_never_shrinks_below_it():
    """Case #30059 in a column sized for #3005 would read as another case: ``widen`` makes
    the column as wide as the longest identifier, and the narrowing for a small screen stops
    there (the name gives instead)."""
    from textual.app import App

    from lpse_desk.tui.widgets.columns import Fitted

    columns = (Col("Kasus", 5, least=4), Col("Nama", 40, least=12, grow=True))

    class One(App):
        def compose(self):
            yield DataTable()

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(DataTable)
        fitted = Fitted(columns)
        fitted.fit(table)
        assert fitted.width(0) == 5
        fitted.widen(table, 0, ["#7", "#30059", "#812"])
        assert fitted.width(0) == 6 and table.ordered_columns[0].width == 6
        await pilot.resize_terminal(22, 10)  # narrower than both at their natural widths
        fitted.fit(table)
        assert fitted.width(0) == 6 and fitted.width(1) == 12
        fitted.widen(table, 0, ["#1"])  # a shorter page later keeps the width it needed
        assert fitted.width(0) == 6


async def test_a_five_digit_case_number_is_shown_whole_at_80_by_24(desk, db_url, clock):
    """A year of 30,000 cases: the verification queue shows #30059, not #3005."""
    from sqlalchemy import insert

    from lpse_desk.store.tables.cases import CaseRow

    handed = clock.now()
    with write_session(desk.engine) as session:
        session.execute(insert(CaseRow).values(
            id=30059, service_code="REG", procedure="tatap_muka", status="menunggu_verifikasi",
            bearer_is_director=True, sikap_given=False, created_at=handed, handed_off_at=handed,
            due_at=desk.calendar.due_at(handed)))  # fmt: skip
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await open_verification(pilot, "Andi Wijaya", "8642")
        table = app.screen.query_one(DataTable)
        assert str(table.get_row("30059")[0]) == "#30059"
        assert table.ordered_columns[0].width >= len("#30059")
        _fits(table, SMALL[0] - 2)


def test_a_made_cell_is_cut_with_an_ellipsis_and_keeps_its_style():
    """The queue's name and note cells are made before their width is known (markup for
    the desk's own words, ``Text`` for user text): ``clip`` cuts either with an ellipsis, and
    user text stays literal."""
    from rich.text import Text

    from lpse_desk.tui.widgets.columns import Fitted

    fitted = Fitted((Col("Nama", 10), Col("Catatan", 12)))
    name = fitted.clip(Text("Siti [bold]Aminah[/] binti Ahmad"), 0)
    assert name.plain == "Siti [bol…" and name.cell_len == 10
    note = fitted.clip("[red]Tidak hadir[/] (p pulihkan)", 1)
    assert note.plain == "Tidak hadir…" and note.spans[0].style == "red"
    assert fitted.clip("Lansia", 1).plain == "Lansia"  # what fits is left whole


async def test_a_five_digit_follow_up_number_is_shown_whole_on_the_ikm_report(desk, db_url, clock):
    """A year of 50,000 answers opens thousands of follow-ups: #15290 must not read #1529."""
    from lpse_desk.domain.ikm.index import UNSUR_KEYS
    from lpse_desk.domain.ikm.kiosk import KioskAnswers
    from lpse_desk.store.tables.ikm import IkmFollowupRow
    from tests.store.actors import counter_officer
    from tests.tui.helpers import open_report

    answers = KioskAnswers(scores={**dict.fromkeys(UNSUR_KEYS, 3), "sarana": 1}, service_code="REG")
    desk.ikm.submit(counter_officer(desk.engine), answers, visit_id=None)
    newest = max(item.id for item in desk.ikm.followups())
    with write_session(desk.engine) as session:
        session.execute(update(IkmFollowupRow).where(IkmFollowupRow.id == newest).values(id=15290))
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await log_in_home(pilot, "Ratna Sari", "9753")
        await open_report(pilot, "IkmReportScreen")
        await settle(pilot)
        table = app.screen.query_one("#ikm-followups", DataTable)
        assert str(table.get_row("15290")[0]) == "15290"
        assert table.ordered_columns[0].width >= len("15290")
        # On 24 rows the list sits below the chart: Tab brings it into view, rows and all
        # (its part was squeezed to nothing, and Tab reached an invisible list).
        await pilot.press("tab")
        await settle(pilot)
        assert table.has_focus
        shown_rows = table.region.intersection(app.screen.query_one("#ikm-body").region)
        assert shown_rows.height >= min(table.row_count, 5) + 1  # the header and the rows
        # The history's last column starts with the ✓ of a handled one: on 80 columns it
        # stood past the screen's edge (the columns were fixed at 116 cells).
        ratna = next(m for m in desk.staff_members() if m.name == "Ratna Sari")
        desk.ikm.handle_followup(ratna, 15290, "Kursi ditambah")
        await pilot.press("h")
        await settle(pilot)
        last = table.ordered_columns[-1]
        assert str(last.label) == "Saran / penanganan"
        assert sum(column.get_render_width(table) for column in table.ordered_columns) <= (
            table.scrollable_content_region.width
        )
        assert str(table.get_row("15290")[-1]).startswith("✓ Ratna Sari: Kursi")
        assert str(table.get_row("15290")[1]) == "10/06/2026"  # written out from 120 columns


async def test_a_message_numbered_past_9999_is_shown_whole_on_the_case_screen(
    desk, db_url, clock
):
    """Every decision writes a message: a year's 30,000 cases number them past #9999."""
    from sqlmodel import select

    from lpse_desk.store.tables.review import NotificationRow
    from lpse_desk.tui.screens.case_review import CaseReviewScreen

    with write_session(desk.engine) as session:
        notice = session.exec(select(NotificationRow).order_by(NotificationRow.id)).first()
        case_id = notice.case_id
        session.execute(update(NotificationRow).where(NotificationRow.id == notice.id)
                        .values(id=30059))  # fmt: skip
    app = make_app(db_url, clock)
    async with app.run_test(size=SMALL) as pilot:
        await log_in_home(pilot, "Andi Wijaya", "8642")
        app.push_screen(CaseReviewScreen(case_id))
        await wait_for_screen(pilot, "CaseReviewScreen")
        await settle(pilot)
        table = app.screen.query_one("#notices-table", DataTable)
        assert str(table.get_row("30059")[0]) == "#30059"
        assert table.ordered_columns[0].width >= len("#30059")
