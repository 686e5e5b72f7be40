"""A paste into a one-line field keeps every line, and one too long is said, not dropped."""

from __future__ import annotations

import re
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets.input import Selection

from lpse_desk.tui.widgets.text_input import TextInput, one_line


class _Form(App):
    def compose(self) -> ComposeResult:
        yield TextInput(id="address", max_length=40)


async def _paste(pilot, text: str) -> None:
    pilot.app.query_one(TextInput).post_message(events.Paste(text))
    await pilot.pause()


async def test_a_pasted_address_keeps_its_second_line():
    app = _Form()
    async with app.run_test() as pilot:
        field = app.query_one(TextInput)
        field.focus()
        await _paste(pilot, "Jl. Pajajaran 1\r\n\n   Kota Bogor  \n")
        assert field.value == "Jl. Pajajaran 1 Kota Bogor"  # Input alone kept "Jl. Pajajaran 1"
        assert field.cursor_position == len(field.value)
        await _paste(pilot, "\n \n")
        assert field.value == "Jl. Pajajaran 1 Kota Bogor"


async def test_a_paste_too_long_is_refused_and_said():
    app = _Form()
    async with app.run_test() as pilot:
        field = app.query_one(TextInput)
        field.focus()
        await _paste(pilot, "Jl. Pajajaran 1")
        await _paste(pilot, " RT 01 RW 02\nKelurahan Babakan Pasar")  # 15 + 36 > 40
        assert field.value == "Jl. Pajajaran 1"
        (said,) = [n.message for n in app._notifications]
        assert said == (
            "Isian sudah berisi 15 karakter; tempelan 35 karakter melebihi batas 40. "
            "Tidak ada yang ditempel."
        )
        field.selection = Selection(0, len(field.value))  # over a selection: it is replaced
        await _paste(pilot, "Jl. Pajajaran 1 RT 01\nKota Bogor")
        assert field.value == "Jl. Pajajaran 1 RT 01 Kota Bogor"


def test_lines_are_joined_by_one_space():
    assert one_line(" a \n\n b\r\nc ") == "a b c"
    assert one_line("\n\t\n") == ""
    assert one_line(" Kota Bogor\n") == " Kota Bogor"  # one line keeps its spaces


def test_every_tick_box_of_the_desk_moves_on_with_enter():
    # A plain Checkbox ticks on Enter: going down a form with Enter would change it.
    tui = Path(__file__).parents[2] / "lpse_desk" / "tui"
    plain = [
        f"{path.relative_to(tui)}:{number}"
        for path in sorted(tui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])Checkbox\(", line) and "class " not in line
    ]
    assert plain == []


def test_every_text_field_of_the_desk_keeps_a_pastes_lines():
    # A plain Input in a form would keep only a paste's first line again.
    tui = Path(__file__).parents[2] / "lpse_desk" / "tui"
    plain = [
        f"{path.relative_to(tui)}:{number}"
        for path in sorted(tui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])Input\(", line) and "class " not in line
    ]
    assert plain == []
