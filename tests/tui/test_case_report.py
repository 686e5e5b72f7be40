"""The case report screen on the demo day (10 June 2026), and saving a report as files."""

from __future__ import annotations

import csv
import errno
import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader
from textual.widgets import OptionList, Static

from lpse_desk import paths, receipts
from lpse_desk.domain.reports.case_tables import case_document, case_filters, reason_label
from lpse_desk.domain.reports.cases import hour_bin_labels
from lpse_desk.domain.reports.text import hours_minutes
from lpse_desk.tui.dialogs.report_filters import ReportFilters
from lpse_desk.tui.periods import Period, Span
from tests.tui.helpers import SIZE, login, make_app, open_report, settle, wait_for_screen
from tests.tui.test_counter_report import TODAY, row, text_of

JUNE = date(2026, 6, 1)
STEM = "laporan-kasus-2026-06-01_2026-06-10"


async def open_case_report(pilot, name: str = "Ratna Sari", pin: str = "9753") -> None:
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")
    await open_report(pilot, "CaseReportScreen")
    await settle(pilot)


def names_of(desk) -> dict[int, str]:
    return {member.id: member.name for member in desk.staff_members()}


async def test_l_2_opens_the_case_report_with_the_store_figures(desk, db_url, clock):
    expected = desk.reports.cases(start=JUNE, end=TODAY)
    assert expected.handed_off and expected.decided and expected.overdue  # the demo has them
    names = names_of(desk)
    app = make_app(db_url, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_case_report(pilot)
        screen = app.screen
        title = str(screen.query_one("#kr-title", Static).visual)
        assert title == "Laporan kasus verifikasi · Bulan ini · 1 Juni 2026 – 10 Juni 2026"
        assert str(screen.query_one("#kr-scope", Static).visual).startswith(
            "Saring: semua layanan dan verifikator"
        )
        assert screen.shown.report == expected

        summary = text_of(app, "#kr-summary")
        for label, value in (("Diserahkan ke verifikator", expected.handed_off),
                             ("Disetujui", expected.approved), ("Ditolak", expected.rejected),
                             ("Dikembalikan ke penyedia", expected.returned),
                             ("Terlambat", expected.late_count)):  # fmt: skip
            assert row(summary, label) == [str(value)], label
        share = f"{expected.on_time / expected.decided * 100:.1f}%".replace(".", ",")
        assert row(summary, "Tepat waktu (dari diputus)") == [
            f"{expected.on_time}/{expected.decided}", f"({share})"
        ]  # fmt: skip
        spread = text_of(app, "#kr-spread").splitlines()
        worked = expected.worked
        assert spread[1].split() == [
            hours_minutes(value) for value in (worked.median, worked.mean, worked.p90,
                                               worked.maximum)
        ] + [str(expected.decided)]  # fmt: skip
        hours = text_of(app, "#kr-hours").splitlines()
        assert [line.split()[0] for line in hours] == list(hour_bin_labels())
        assert [int(line.split()[-1]) for line in hours] == list(expected.worked_bins)
        chart = text_of(app, "#kr-service-chart")
        for line in expected.per_service:
            assert row(chart, line.service_code)[-1] == str(line.decided)

        services = text_of(app, "#kr-services")
        for line in expected.per_service:
            cells = row(services, line.service_code)
            counts = (line.handed_off, line.approved, line.rejected, line.returned)
            assert cells[:4] == [str(n) for n in counts]
            assert cells[4] == f"{line.on_time}/{line.decided}"
            assert cells[-1] == hours_minutes(line.worked.median)
        verifiers = text_of(app, "#kr-verifiers")
        for line in expected.per_verifier:
            cells = row(verifiers, names[line.officer_id])
            assert cells[:3] == [str(line.approved), str(line.rejected), str(line.returned)]
        assert "Tidak ada kasus yang diputus lewat standar." in text_of(app, "#kr-late")
        reasons = text_of(app, "#kr-reasons")
        for code, count in expected.returns_by_reason.items():
            assert row(reasons, reason_label(code))[-1] == str(count)

        now = text_of(app, "#kr-now")
        assert now.splitlines()[0] == (
            f"{expected.open_cases} terbuka · {expected.paused} di tangan penyedia · "
            f"{len(expected.overdue)} lewat tenggat"
        )
        for one in expected.overdue:
            assert row(now, f"#{one.case_id}")[-1] == hours_minutes(one.overdue_by)
        assert str(screen.query_one("#kr-now-title", Static).visual).startswith("Sekarang (Rabu")
        assert "Tepat waktu: kasus diputus" in text_of(app, "#kr-definitions")


async def test_the_period_keys_change_the_case_report(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_report(pilot)
        assert app.screen.asked.period == Period(Span.MONTH, JUNE, TODAY)
        assert not app.screen.check_action("step", (1,))
        for key, period in (
            ("h", Period(Span.DAY, TODAY, TODAY)),
            ("t", Period(Span.YEAR, date(2026, 1, 1), TODAY)),
            ("[", Period(Span.YEAR, date(2025, 1, 1), date(2025, 12, 31))),
            ("b", Period(Span.MONTH, JUNE, TODAY)),
            ("[", Period(Span.MONTH, date(2026, 5, 1), date(2026, 5, 31))),
        ):
            await pilot.press(key)
            await settle(pilot)
            shown = app.screen.shown
            assert shown.asked.period == period, key
            assert (shown.report.start, shown.report.end) == (period.start, period.end), key
        may = desk.reports.cases(start=date(2026, 5, 1), end=date(2026, 5, 31))
        assert app.screen.shown.report == may
        assert " · Mei 2026 · " in str(app.screen.query_one("#kr-title", Static).visual)


async def test_the_filters_narrow_the_report_to_one_verifier(desk, db_url, clock):
    andi = next(m for m in desk.staff_members() if m.name == "Andi Wijaya")
    expected = desk.reports.cases(start=JUNE, end=TODAY, officer_id=andi.id)
    whole = desk.reports.cases(start=JUNE, end=TODAY)
    assert expected != whole  # the filter changes something to see
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_report(pilot, "Andi Wijaya", "8642")  # a verifier reads it too
        await pilot.press("s")
        await wait_for_screen(pilot, "FilterDialog")
        dialog = app.screen
        assert not dialog.query("#filter-loket")  # cases are not counted per loket
        officers = dialog.query_one("#filter-officer", OptionList)
        prompts = [str(officers.get_option_at_index(i).prompt)
                   for i in range(officers.option_count)]  # fmt: skip
        # Only those who decide cases: the verifier and the admin, not the counter officers.
        assert [p.split(". ", 1)[1] for p in prompts] == [
            "Semua verifikator", "Andi Wijaya", "Ratna Sari"
        ]  # fmt: skip
        await pilot.press("tab", "2", "enter")  # to the verifiers, line 2, apply
        await wait_for_screen(pilot, "CaseReportScreen")
        await settle(pilot)
        assert app.screen.asked.filters == ReportFilters(None, None, andi.id)
        assert app.screen.shown.report == expected
        scope = str(app.screen.query_one("#kr-scope", Static).visual)
        assert scope.startswith("Saring: verifikator Andi Wijaya · ")
        assert row(text_of(app, "#kr-summary"), "Diserahkan ke verifikator") == [
            str(expected.handed_off)
        ]  # fmt: skip
        verifiers = text_of(app, "#kr-verifiers")
        assert "Ratna Sari" not in verifiers


async def test_x_saves_the_case_report_as_the_command_line_writes_it(desk, db_url, clock):
    expected = desk.reports.cases(start=JUNE, end=TODAY)
    document = case_document(expected, names_of(desk), filters=case_filters())
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_report(pilot)
        folder = app.store.reports_dir
        assert folder == paths.demo_reports_dir()  # the demo's files apart from the real ones
        await pilot.press("x")
        await settle(pilot)
        said = str(app.screen.query_one("#kr-status", Static).visual)
        assert said == f"Laporan disimpan: {folder / STEM} (.pdf, .xlsx, .csv)"
    pdf = (folder / f"{STEM}.pdf").read_bytes()
    assert pdf == receipts.render_report("pdf", document, signed_on=TODAY)  # the CLI's bytes
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.startswith("Laporan Kasus Verifikasi")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Laporan Kasus Verifikasi" in text and "Alasan pengembalian" in text
    book = load_workbook(folder / f"{STEM}.xlsx")
    summary = book["Ringkasan kasus"]
    cells = {summary.cell(row=n, column=1).value: summary.cell(row=n, column=2).value
             for n in range(2, summary.max_row + 1)}  # fmt: skip
    assert cells["Diserahkan ke verifikator"] == expected.handed_off
    assert cells["Disetujui"] == expected.approved
    written_csv = (folder / f"{STEM}.csv").read_bytes()
    assert written_csv == receipts.render_report("csv", document, signed_on=TODAY)
    rows = list(csv.DictReader(io.StringIO(written_csv.decode("utf-8"))))
    assert {r["tabel"] for r in rows} >= {"ringkasan_kasus", "per_verifikator"}


async def test_x_saves_the_counter_report_too(desk, db_url, clock):
    from lpse_desk.domain.reports.counter_tables import counter_document
    from lpse_desk.domain.reports.tables import filters_text

    names = names_of(desk)
    expected = counter_document(desk.reports.counter(start=JUNE, end=TODAY), names,
                                filters=filters_text())  # fmt: skip
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Ratna Sari", "9753")
        await wait_for_screen(pilot, "HomeScreen")
        await open_report(pilot, "CounterReportScreen")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        folder = app.store.reports_dir
        stem = "laporan-layanan-2026-06-01_2026-06-10"
        assert str(app.screen.query_one("#cr-status", Static).visual).startswith(
            f"Laporan disimpan: {folder / stem} (.pdf"
        )
    pdf = (folder / f"{stem}.pdf").read_bytes()
    assert pdf == receipts.render_report("pdf", expected, signed_on=TODAY)
    assert PdfReader(io.BytesIO(pdf)).metadata.title.startswith("Laporan Layanan Loket")
    assert load_workbook(folder / f"{stem}.xlsx").sheetnames[0] == "Keterangan"
    assert (folder / f"{stem}.csv").is_file()


async def test_a_folder_that_cannot_be_written_is_said_and_leaves_no_file(
    desk, db_url, clock, monkeypatch
):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_report(pilot)
        folder = app.store.reports_dir  # laporan/demo
        blocker = paths.reports_dir()
        blocker.write_text("bukan folder")  # ``laporan`` a file: nothing can go under it
        await pilot.press("x")
        await settle(pilot)
        said = str(app.screen.query_one("#kr-status", Static).visual)
        assert said.startswith("Laporan tidak disimpan: Bagian alamat itu bukan folder")
        assert "Traceback" not in said and "Errno" not in said
        assert app.screen.check_action("save", ())  # x may be tried again
        blocker.unlink()

        # The disk fills after the PDF: the PDF this save wrote goes again.
        from lpse_desk.store.faults import file_fault
        from lpse_desk.tui import storeside

        real = storeside.write_atomically

        def full_after_the_first(path, data):
            if path.suffix != ".pdf":
                raise file_fault(OSError(errno.ENOSPC, "No space left on device"), path.parent)
            real(path, data)

        monkeypatch.setattr(storeside, "write_atomically", full_after_the_first)
        await pilot.press("x")
        await settle(pilot)
        said = str(app.screen.query_one("#kr-status", Static).visual)
        assert said.startswith("Laporan tidak disimpan: Disk penuh")
    assert not folder.exists() or list(folder.iterdir()) == []
