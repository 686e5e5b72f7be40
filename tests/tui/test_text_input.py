"""A paste into a one-line field keeps every line, and one too long is said, not dropped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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


async def test_typing_on_in_a_full_field_is_said_once():
    app = _Form()
    async with app.run_test() as pilot:
        field = app.query_one(TextInput)
        field.focus()
        await _paste(pilot, "Jl. Pajajaran 1 RT 01 RW 02 Kota Bogor 1")  # 40: full
        await pilot.press("2", "3")  # the letters do not go in; said once, not per letter
        assert field.value == "Jl. Pajajaran 1 RT 01 RW 02 Kota Bogor 1"
        said = "Isian ini paling banyak 40 karakter: huruf berikutnya tidak masuk."
        assert [n.message for n in app._notifications] == [said]
        await pilot.press("backspace", "x", "y")  # room for one: x goes in, y is said again
        assert field.value.endswith("Bogor x")
        assert [n.message for n in app._notifications] == [said, said]


def test_lines_are_joined_by_one_space():
    assert one_line(" a \n\n b\r\nc ") == "a b c"
    assert one_line("\n\t\n") == ""
    assert one_line(" Kota Bogor\n") == " Kota Bogor"  # one line keeps its spaces


@pytest.mark.parametrize(
    ("plain", "why"),
    [
        ("Input", "TextInput: a paste keeps all its lines (Input kept the first)"),
        ("Checkbox", "FormCheckbox: Enter moves on (Checkbox ticked on Enter)"),
        ("DataTable", "RowTable: Home/End move the row cursor (DataTable scrolled sideways)"),
    ],
)
def test_every_field_tick_box_and_list_of_the_desk_is_its_own_widget(plain, why):
    # A Textual widget made directly in tui/ would bring its fault back on that screen.
    tui = Path(__file__).parents[2] / "lpse_desk" / "tui"
    made = [
        f"{path.relative_to(tui)}:{number}"
        for path in sorted(tui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(rf"(?<![\w.]){plain}\(", line) and "class " not in line
    ]
    assert made == [], why
