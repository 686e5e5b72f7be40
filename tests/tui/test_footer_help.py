"""The footer never cuts a key at 80 columns or more (the rest go to the F1 help panel), and
the help panel names every key of the screen in Indonesian, Textual's own included."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, TextArea
from textual.widgets._footer import FooterKey

from lpse_desk.tui.widgets.footer import fitting, key_width
from lpse_desk.tui.widgets.help import KeysHelp, key_label, rows_of
from tests.tui.helpers import login, make_app, settle, wait_for_screen
from tests.tui.test_review_screen import open_case, waiting_case
from tests.tui.test_review_screen import open_queue as open_verification


def _entry(action: str, label: str, key: str = "x") -> tuple[Binding, bool, str]:
    return Binding(key, action, label), True, ""


def test_keys_leave_by_priority_and_esc_stays():
    entries = [_entry("call", "Panggil"), _entry("start", "Mulai"), _entry("pause", "Jeda"),
               _entry("quit", "Tutup"), _entry("back", "Kembali", "escape")]  # fmt: skip
    widths = [10, 10, 10, 10, 10]
    assert fitting(entries, widths, 50) == entries
    # Ctrl+Q's "Tutup" goes first, then the last of the screen's own; Esc never goes.
    assert [e[0].action for e in fitting(entries, widths, 40)] == ["call", "start", "pause", "back"]
    assert [e[0].action for e in fitting(entries, widths, 30)] == ["call", "start", "back"]
    assert [e[0].action for e in fitting(entries, widths, 5)] == ["back"]
    # The queue's z is called "close" too (Tutup loket): only Esc is kept whatever its name.
    queue = [_entry("recall", "Ulang"), _entry("close", "Tutup loket", "z"),
             _entry("back", "Kembali", "escape")]  # fmt: skip
    assert [e[0].action for e in fitting(queue, [10, 10, 10], 20)] == ["recall", "back"]


def test_key_widths_and_names():
    assert key_width("^s", "Masuk", compact=False) == len(" ^s Masuk ")
    assert key_width("n", "Panggil", compact=True) == len("n Panggil ")
    assert key_label("ctrl+s") == "Ctrl+S"
    assert key_label("space") == "Spasi"
    assert key_label("f1") == "F1"
    assert key_label("shift+tab") == "Shift+Tab"
    assert key_label("n") == "n"


def _textual_english() -> set[str]:
    """Every label Textual gives its own keys (in English)."""
    english = set()
    for widget in (App, Screen, DataTable, Input, OptionList, TextArea):
        for cls in widget.__mro__:
            for binding in cls.__dict__.get("BINDINGS", ()):
                if isinstance(binding, Binding) and binding.description:
                    english.add(binding.description)
    return english


def _footer_fits(app) -> tuple[list[str], str]:
    """The footer's labels (each drawn whole, inside the screen) and the help key's label."""
    width = app.screen.size.width
    keys = list(app.screen.query(FooterKey))
    for key in keys:
        region = key.region
        assert region.right <= width, f"{key.description!r} cut at {width} columns"
        assert region.width >= key_width(key.key_display, key.description, compact=True) - 1
    labels = [key.description for key in keys if "-command-palette" not in key.classes]
    (help_key,) = [key.description for key in keys if "-command-palette" in key.classes]
    return labels, help_key


async def _help_rows(pilot) -> tuple[list, list]:
    await pilot.press("f1")
    await settle(pilot)
    assert pilot.app.screen.query(KeysHelp)
    rows = rows_of(pilot.app.screen)
    await pilot.press("f1")  # the same key closes it
    await settle(pilot)
    assert not pilot.app.screen.query(KeysHelp)
    return rows


@pytest.mark.parametrize("width", [80, 100, 120, 160])
async def test_the_queue_footer_fits_and_the_help_panel_holds_the_rest(
    demo_day, db_url, clock, width
):
    app = make_app(db_url, clock)
    async with app.run_test(size=(width, 30)) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("a")
        await wait_for_screen(pilot, "QueueScreen")
        await settle(pilot)
        labels, help_key = _footer_fits(app)
        assert "Kembali" in labels  # Esc stays at any width
        own, textual = await _help_rows(pilot)
        own_labels = [label for _keys, label, _enabled in own]
        offered = {b.description for _n, b, _e, _t in app.screen.active_bindings.values()
                   if b.show and b.action != "toggle_help"}  # fmt: skip
        left_out = offered - set(labels)
        # What the footer could not fit is in the help panel, and the help key counts it.
        assert left_out <= set(own_labels)
        assert help_key == (f"Bantuan +{len(left_out)}" if left_out else "Bantuan")
        if width == 80:
            assert left_out  # the queue has more keys than 80 columns hold
        if width == 160:
            assert {"Survei", "Tutup loket"} <= set(labels)  # e and z where they apply
        assert "Tutup loket" in own_labels and "Survei" in own_labels


async def test_the_help_panel_is_indonesian_on_every_kind_of_screen(demo_day, desk, db_url, clock):
    english = _textual_english()
    app = make_app(db_url, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, "LoginScreen")
        await settle(pilot)
        own, textual = await _help_rows(pilot)  # the login screen: a list and a PIN field
        seen = {label for _k, label, _e in own + textual}
        await open_verification(pilot, "Andi Wijaya", "8642")
        for rows in await _help_rows(pilot):
            seen |= {label for _k, label, _e in rows}
        await open_case(pilot, waiting_case(desk, "REG"))
        own, textual = await _help_rows(pilot)
        seen |= {label for _k, label, _e in own + textual}
        assert {"Terima dokumen", "Setujui", "Kembali"} <= {label for _k, label, _e in own}
        assert {"Fokus berikutnya", "Salin teks terpilih", "Baris di bawah"} <= seen
        assert not seen & english, seen & english


async def test_a_key_that_becomes_usable_is_restated_in_place_and_shown_usable():
    """A row chosen or a list loaded changes only whether keys may be pressed: the same key
    widgets are kept and lose (or take) their grey, instead of a new row of keys."""
    from lpse_desk.tui.widgets.footer import DeskFooter

    class Waits(Screen):
        BINDINGS = [Binding("s", "filters", "Saring"), Binding("escape", "back", "Kembali")]
        ready = False

        def compose(self):
            yield DeskFooter(compact=True)

        def check_action(self, action, parameters):
            return True if action != "filters" or self.ready else None

        def action_filters(self) -> None: ...

        def action_back(self) -> None: ...

    class One(App):
        def on_mount(self) -> None:
            self.push_screen(Waits())

    def key_s():
        return next((key for key in app.screen.query(FooterKey) if key.key == "s"), None)

    app = One()
    async with app.run_test(size=(80, 10)) as pilot:
        for _ in range(20):
            await pilot.pause()
            if key_s() is not None:
                break
        saring = key_s()
        assert saring.has_class("-disabled") and saring._disabled
        app.screen.ready = True
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        again = key_s()
        assert again is saring  # restated, not rebuilt
        assert not again.has_class("-disabled") and not again._disabled
        app.screen.ready = False
        app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert saring.has_class("-disabled") and saring._disabled


async def test_the_checklist_footer_keeps_the_step_that_ends_it(db_url, demo_day, clock):
    # At 120 columns the row holds no more than eight keys: the receipt (Ctrl+S, once the
    # file is complete) or the slip (b) stays; SIKaP and Meterai go to the help panel.
    from tests.tui.test_intake_screen import _to_checklist

    app = make_app(db_url, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await login(pilot, "Dewi Lestari", "2468")
        await wait_for_screen(pilot, "HomeScreen")
        await _to_checklist(pilot, app, "cahaya")
        shown, _help = _footer_fits(app)
        assert "Belum lengkap" in shown and "Tanda terima" not in shown  # incomplete: the slip
        for _ in app.screen.lines:
            await pilot.press("space", "down")
            await settle(pilot)
        await settle(pilot)
        shown, _help = _footer_fits(app)
        assert "Tanda terima" in shown and "Belum lengkap" not in shown  # complete: the receipt
