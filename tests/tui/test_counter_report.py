"""The report menu on home, and the counter report screen on the demo day (10 June 2026)."""

from __future__ import annotations

import io
from datetime import date

from rich.console import Console
from textual.widgets import Input, Static

from lpse_desk.domain.reports.text import minutes_seconds
from lpse_desk.tui.dialogs.report_filters import ReportFilters
from lpse_desk.tui.periods import Period, Span
from tests.tui.helpers import SIZE, login, make_app, open_report, settle, wait_for_screen

TODAY = date(2026, 6, 10)


def text_of(app, selector: str, width: int = 160) -> str:
    """What a section shows, as plain text (its Rich table or chart rendered)."""
    content = app.screen.query_one(selector, Static).content
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def row(text: str, label: str) -> list[str]:
    """The cells of the line of ``text`` that starts with ``label``, split on spaces."""
    line = next(line for line in text.splitlines() if line.strip().startswith(label))
    return line.strip()[len(label) :].split()


async def open_counter_report(pilot, name: str = "Ratna Sari", pin: str = "9753") -> None:
    await login(pilot, name, pin)
    await wait_for_screen(pilot, "HomeScreen")
    await open_report(pilot, "CounterReportScreen")
    await settle(pilot)


def asked(app) -> Period:
    return app.screen.asked.period


async def test_l_offers_the_three_reports_and_each_opens(demo_day, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("l")
        await wait_for_screen(pilot, "ChoiceDialog")
        choices = [str(option.prompt) for option in app.screen.query_one("#choices").options]
        assert [choice.split(" — ")[0] for choice in choices] == [
            "1. Layanan loket", "2. Kasus", "3. IKM"
        ]  # fmt: skip
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        for screen in ("CounterReportScreen", "CaseReportScreen", "IkmReportScreen"):
            await open_report(pilot, screen)
            await pilot.press("escape")
            await wait_for_screen(pilot, "HomeScreen")


async def test_the_month_shows_the_store_figures_beside_the_month_before(desk, db_url, clock):
    expected = desk.reports.counter(start=date(2026, 6, 1), end=TODAY)
    now, before = expected.now, expected.before
    assert now.visits and before.visits  # the demo has history: a real comparison
    app = make_app(db_url, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_counter_report(pilot)
        title = str(app.screen.query_one("#cr-title", Static).visual)
        assert title == "Laporan layanan loket · Bulan ini · 1 Juni 2026 – 10 Juni 2026"
        assert "pembanding 1 Mei 2026 – 10 Mei 2026" in str(
            app.screen.query_one("#cr-scope", Static).visual
        )
        assert app.screen.shown.comparison == expected

        summary = text_of(app, "#cr-summary")
        change = round((now.visits - before.visits) / before.visits * 100)
        change = f"{change:+d}%".replace("-", "−") if change else "0%"
        assert row(summary, "Kunjungan") == [str(now.visits), str(before.visits), change]
        assert row(summary, "Dilayani")[:2] == [str(now.served), str(before.served)]
        # The share over the standard on its own row, its change in points (not the count's %).
        points = round((now.over_share - before.over_share) * 100, 1)
        assert row(summary, "bagiannya") == [
            f"{now.over_share * 100:.1f}%".replace(".", ","),
            f"{before.over_share * 100:.1f}%".replace(".", ","),
            f"{points:+.1f}".replace(".", ",").replace("-", "−"), "poin",
        ]
        assert row(summary, "Median tunggu")[:2] == [
            minutes_seconds(now.waiting.median), minutes_seconds(before.waiting.median)
        ]  # fmt: skip
        spread = text_of(app, "#cr-spread")
        service = now.service
        assert row(spread, "Layanan") == [
            minutes_seconds(value)
            for value in (service.median, service.mean, service.p90, service.maximum)
        ] + [str(service.count)]
        assert f"Lewat standar: {now.over_standard} dari {now.served} dilayani" in spread

        days = text_of(app, "#cr-days")
        assert len(days.splitlines()) == 10  # 1–10 June, the days without visits too
        assert row(days, "Rab 10/06")[-1] == str(now.per_day.get(TODAY, 0))
        waits = text_of(app, "#cr-wait-bins").splitlines()
        assert [int(line.split()[-1]) for line in waits] == list(now.waiting_bins)

        officers = text_of(app, "#cr-officers")
        for line in now.per_officer:
            name = next(m.name for m in desk.staff_members() if m.id == line.officer_id)
            assert row(officers, name)[0] == str(line.served)
        arrivals = text_of(app, "#cr-arrivals")
        (weekday, hour), busiest = max(now.arrivals.items(), key=lambda item: item[1])
        assert row(arrivals, f"{hour:02d}.00")[weekday] == str(busiest)
        worst = text_of(app, "#cr-worst")
        assert [line.split()[0] for line in worst.splitlines()[1:]] == [
            one.visit.ticket for one in now.worst
        ]
        assert "Pembanding: bulan, kuartal atau tahun sebelumnya" in text_of(app, "#cr-definitions")


async def test_the_period_keys_change_the_period_and_the_figures(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_counter_report(pilot)
        assert asked(app) == Period(Span.MONTH, date(2026, 6, 1), TODAY)
        assert not app.screen.check_action("step", (1,))  # no month after this one yet
        await pilot.press("right_square_bracket")  # pressed anyway: said, not silent
        await settle(pilot)
        assert asked(app) == Period(Span.MONTH, date(2026, 6, 1), TODAY)
        assert [n.message for n in app._notifications][-1].startswith(
            "Periode ini sudah yang terakhir")

        cases = (
            ("h", Period(Span.DAY, TODAY, TODAY), "Hari ini"),
            ("m", Period(Span.WEEK, date(2026, 6, 8), TODAY), "Minggu ini"),
            ("k", Period(Span.QUARTER, date(2026, 4, 1), TODAY), "Kuartal ini"),
            ("t", Period(Span.YEAR, date(2026, 1, 1), TODAY), "Tahun ini"),
            ("[", Period(Span.YEAR, date(2025, 1, 1), date(2025, 12, 31)), "Tahun 2025"),
            ("]", Period(Span.YEAR, date(2026, 1, 1), TODAY), "Tahun ini"),
            ("b", Period(Span.MONTH, date(2026, 6, 1), TODAY), "Bulan ini"),
            ("[", Period(Span.MONTH, date(2026, 5, 1), date(2026, 5, 31)), "Mei 2026"),
        )
        for key, period, name in cases:
            await pilot.press(key)
            await settle(pilot)
            assert asked(app) == period, key
            assert f" · {name} · " in str(app.screen.query_one("#cr-title", Static).visual)
            shown = app.screen.shown
            assert shown.asked.period == period
            assert (shown.comparison.now.start, shown.comparison.now.end) == (
                period.start, period.end
            )  # fmt: skip
        expected = desk.reports.counter(start=date(2026, 5, 1), end=date(2026, 5, 31))
        assert app.screen.shown.comparison == expected
        assert app.screen.check_action("step", (1,))  # May: June comes after


async def test_a_range_typed_in_and_a_bad_date_said_on_its_field(desk, db_url, clock):
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_counter_report(pilot)
        before = asked(app)
        await pilot.press("p")
        await wait_for_screen(pilot, "PeriodDialog")
        dialog = app.screen
        dialog.query_one("#dari", Input).value = "31/02/2026"
        await pilot.press("enter", "enter")  # on to "sampai", then apply
        await settle(pilot)
        assert app.screen is dialog
        said = str(dialog.query_one("#dari-message", Static).visual)
        assert said.startswith('Tanggal "31/02/2026" tidak valid')
        assert dialog.query_one("#dari", Input).has_class("field-error")
        assert dialog.focused is dialog.query_one("#dari", Input)
        await pilot.press("escape")
        await wait_for_screen(pilot, "CounterReportScreen")
        assert asked(app) == before
        assert app.screen.shown.asked.period == before

        await pilot.press("p")
        await wait_for_screen(pilot, "PeriodDialog")
        app.screen.query_one("#dari", Input).value = "2026-06-08"
        app.screen.query_one("#sampai", Input).value = "01/06/2026"
        await pilot.press("ctrl+s")
        said = str(app.screen.query_one("#sampai-message", Static).visual)
        assert said.startswith("Tanggal akhir sebelum tanggal awal")
        app.screen.query_one("#sampai", Input).value = "09/06/2026"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "CounterReportScreen")
        await settle(pilot)
        assert asked(app) == Period(Span.CUSTOM, date(2026, 6, 8), date(2026, 6, 9))
        assert "Rentang pilihan · 8 Juni 2026 – 9 Juni 2026" in str(
            app.screen.query_one("#cr-title", Static).visual
        )
        await pilot.press("[")
        await settle(pilot)
        assert asked(app) == Period(Span.CUSTOM, date(2026, 6, 6), date(2026, 6, 7))
        # A range past today is reported up to today, and its title says so (it said
        # "– 30 Juni" over the figures of 1–10 June); one starting after today is refused.
        await pilot.press("p")
        await wait_for_screen(pilot, "PeriodDialog")
        app.screen.query_one("#dari", Input).value = "01/07/2026"
        app.screen.query_one("#sampai", Input).value = "31/07/2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(app.screen.query_one("#dari-message", Static).visual)
        assert said.startswith("Tanggal awal sesudah hari ini")
        app.screen.query_one("#dari", Input).value = "01/06/2026"
        app.screen.query_one("#sampai", Input).value = "30/06/2026"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "CounterReportScreen")
        await settle(pilot)
        assert asked(app) == Period(Span.CUSTOM, date(2026, 6, 1), TODAY)
        assert f"1 Juni 2026 – {TODAY.day} Juni 2026" in str(
            app.screen.query_one("#cr-title", Static).visual
        )


async def test_the_filters_narrow_the_report_as_the_store_does(desk, db_url, clock):
    dewi = next(m for m in desk.staff_members() if m.name == "Dewi Lestari")
    expected = desk.reports.counter(
        start=date(2026, 6, 1), end=TODAY, service_code="REG", officer_id=dewi.id
    )
    app = make_app(db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_counter_report(pilot, "Andi Wijaya", "8642")  # a verifier reads reports too
        await pilot.press("s")
        await wait_for_screen(pilot, "FilterDialog")
        officers = [str(o.prompt) for o in app.screen.query_one("#filter-officer").options]
        dewi_line = next(p for p in officers if p.endswith("Dewi Lestari")).split(".")[0]
        await pilot.press("2")  # REG, on to the loket
        app.screen.query_one("#filter-loket", Input).value = "100"
        await pilot.press("tab", dewi_line, "enter")
        assert str(app.screen.query_one("#filter-loket-message", Static).visual).startswith(
            "Loket harus angka 1–99"
        )
        app.screen.query_one("#filter-loket", Input).value = ""
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "CounterReportScreen")
        await settle(pilot)
        assert app.screen.asked.filters == ReportFilters("REG", None, dewi.id)
        assert app.screen.shown.comparison == expected
        scope = str(app.screen.query_one("#cr-scope", Static).visual)
        assert scope.startswith("Saring: layanan REG, petugas Dewi Lestari · ")
        assert row(text_of(app, "#cr-summary"), "Kunjungan")[0] == str(expected.now.visits)


def test_a_loket_report_says_daring_requests_are_not_counted_there(desk):
    """One loket chosen: daring requests have no loket, shown "–" (the screen wrote None)."""
    from lpse_desk.tui.fmt import NONE
    from lpse_desk.tui.screens.counter_report_parts import summary_table

    chosen = desk.reports.counter(start=date(2026, 6, 1), end=TODAY, loket=1)
    assert chosen.now.daring is None and chosen.now.visits
    console = Console(file=io.StringIO(), width=160, color_system=None)
    console.print(summary_table(chosen.now, chosen.before))
    shown = console.file.getvalue()
    assert row(shown, "Permohonan daring") == [NONE, NONE, "–"]
    assert "None" not in shown


def test_a_count_on_the_report_screens_has_the_indonesian_thousands_separator():
    """The screen wrote "1340" kunjungan where the PDF wrote 1.340 and the IKM report N = 1.330."""
    from lpse_desk.tui.screens.counter_report_parts import figure_text

    assert figure_text(1340) == "1.340" and figure_text(98) == "98"
    assert figure_text(None) == "—" and figure_text("12:30") == "12:30"
