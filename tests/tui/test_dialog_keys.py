"""One rule in every pick-list dialog: a digit picks and moves on, only Enter or ctrl+s saves."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from textual.app import App
from textual.widgets import OptionList

from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.dialogs.queue import WalkInDialog
from lpse_desk.tui.dialogs.receipt_confirm import ReceiptConfirmDialog
from lpse_desk.tui.dialogs.review import CallDialog
from tests.tui.helpers import SIZE, settle

CHOICES = [("a", "Satu"), ("b", "Dua"), ("c", "Tiga")]


def choice(saved):
    return ChoiceDialog("Pilih", CHOICES, lambda value, note: saved.append((value, note)) or value)


def choice_with_note(saved):
    return ChoiceDialog("Pilih", CHOICES, lambda value, note: saved.append((value, note)) or value,
                        note_label="Catatan")  # fmt: skip


@asynccontextmanager
async def note_dialog():
    """A choice dialog with a note, open and settled: (app, pilot, dialog, what it saved)."""
    saved: list = []
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = choice_with_note(saved)
        app.push_screen(dialog)
        await settle(pilot)
        yield app, pilot, dialog, saved


def walk_in(saved):
    return WalkInDialog([("REG", "Registrasi"), ("UBAH", "Perubahan")], [("lansia", "Lansia")],
                        lambda code, level, name: saved.append((code, level, name)) or code)  # fmt: skip


def video_call(saved):
    return CallDialog("Panggilan", lambda moment, channel, detail, note: saved.append(channel)
                      or channel, day="11/06/2026", detail="https://zoom.us/j/1")  # fmt: skip


@pytest.mark.parametrize(
    ("make", "start", "digit", "moved_to", "saved_as"),
    [
        (choice, "#choices", "2", "#choices", ("b", "")),
        (choice_with_note, "#choices", "3", "#note", ("c", "")),
        (walk_in, "#priority", "2", "#name", ("REG", "lansia", "")),
        (video_call, "#channel", "2", "#detail", None),
    ],
)
async def test_a_digit_picks_and_moves_on_and_only_enter_saves(
    make, start, digit, moved_to, saved_as
):
    saved: list = []
    results: list = []
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = make(saved)
        app.push_screen(dialog, results.append)
        await settle(pilot)
        dialog.query_one(start).focus()
        await pilot.press(digit)
        await settle(pilot)
        assert app.screen is dialog and saved == []  # nothing saved, nothing closed
        picked = dialog.query_one(start, OptionList)
        assert picked.highlighted == int(digit) - 1
        assert dialog.focused is dialog.query_one(moved_to)
        if saved_as is None:
            return
        await pilot.press("enter")
        await settle(pilot)
        assert saved == [saved_as] and app.screen is not dialog and len(results) == 1


async def test_a_letter_typed_on_the_list_begins_the_note():
    """The rejection dialog opens on its reasons: a note typed at once was dropped without a
    word. Typed on the list, a letter goes to the note; digits still pick."""
    async with note_dialog() as (app, pilot, dialog, saved):
        assert isinstance(dialog.focused, OptionList)
        await pilot.press(*"KTP buram")
        await settle(pilot)
        assert dialog.focused is dialog.query_one("#note")
        assert dialog.query_one("#note").value == "KTP buram"
        # Enter now saves nothing: the first line was where the list starts, not a choice
        # (it closed a case for good with a reason nobody picked).
        await pilot.press("enter")
        await settle(pilot)
        assert saved == [] and app.screen is dialog
        assert "Pilih salah satu dulu" in str(dialog.query_one(".form-error").visual)
        assert isinstance(dialog.focused, OptionList)  # back on the list to pick
        await pilot.press("2", "enter")
        await settle(pilot)
        assert saved == [("b", "KTP buram")]


async def test_a_burst_of_keys_on_the_list_is_the_note_digits_and_spaces_too():
    """Keys sent at once (a paste, a slow link) reached the list before the focus moved: the
    spaces were lost and a "3" in the note picked the third reason, which Enter then saved."""
    from textual import events

    async with note_dialog() as (app, pilot, dialog, saved):
        choices = dialog.query_one("#choices", OptionList)
        for character in "Akta palsu no 3":  # all queued before any is handled
            choices.post_message(events.Key(character, character))
        await settle(pilot)
        assert dialog.query_one("#note").value == "Akta palsu no 3"
        assert choices.highlighted is None and saved == []
        choices.focus()
        await settle(pilot)
        choices.post_message(events.Paste("tempel\nsini"))  # a paste on the list: the note
        await settle(pilot)
        assert dialog.query_one("#note").value == "Akta palsu no 3tempel sini"


async def test_a_line_reached_with_the_arrows_stays_chosen_when_the_note_is_typed():
    async with note_dialog() as (app, pilot, dialog, saved):
        await pilot.press("down", *"Buram", "enter")
        await settle(pilot)
        assert saved == [("b", "Buram")]


async def test_the_receipt_confirmation_shows_user_text_as_text_and_esc_returns_none():
    results: list = []
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = ReceiptConfirmDialog(vendor_name="CV [b]Maju[/b] Jaya", service_code="REG",
                                      service_name="Registrasi", received=5, listed=7)  # fmt: skip
        app.push_screen(dialog, results.append)
        await settle(pilot)
        assert "Penyedia : CV [b]Maju[/b] Jaya" in str(dialog.query_one("#receipt-facts").visual)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [None]
        again = ReceiptConfirmDialog(vendor_name="CV Maju", service_code="REG",
                                     service_name="Registrasi", received=5, listed=5)  # fmt: skip
        app.push_screen(again, results.append)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert results == [None, True]


async def test_a_form_of_several_fields_says_that_enter_moves_on():
    """Enter in a field of several moves to the next (only in the last one does it save):
    the keys line says so; a one-field form keeps "Enter/ctrl+s simpan"."""
    from textual.widgets import Input, Static

    from lpse_desk.tui.dialogs.forms import FieldsDialog

    fields = [("dari", "Dari", "YYYY-MM-DD"), ("sampai", "Sampai", "YYYY-MM-DD")]
    saved: list = []
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(FieldsDialog("Periode", fields, saved.append))
        await settle(pilot)
        hint = str(app.screen.query_one(".form-keys", Static).visual)
        assert hint.startswith("Enter isian berikutnya · ctrl+s simpan")
        await pilot.press(*"2025-01-01", "enter")
        assert app.screen.query_one("#sampai", Input).has_focus and saved == []
        await pilot.press(*"2025-06-30", "enter")  # the last field: saved
        await settle(pilot)
        assert saved == [{"dari": "2025-01-01", "sampai": "2025-06-30"}]
        app.push_screen(FieldsDialog("Catatan", fields[:1], saved.append))
        await settle(pilot)
        one = str(app.screen.query_one(".form-keys", Static).visual)
        assert one.startswith("Enter/ctrl+s simpan")


async def test_a_confirmation_names_what_enter_does_not_simpan():
    """A yes/no step has nothing to save: its keys line names the step ("Enter/ctrl+s
    nonaktifkan"), and Enter does it."""
    from textual.widgets import Static

    from lpse_desk.tui.dialogs.review import ConfirmDialog

    done: list = []
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ConfirmDialog("Nonaktifkan akun?", "Riwayatnya tetap.",
                                      lambda: done.append("ya") or True, yes="nonaktifkan"))  # fmt: skip
        await settle(pilot)
        keys = str(app.screen.query_one(".form-keys", Static).visual)
        assert keys == "Enter/ctrl+s nonaktifkan · Esc batal"
        await pilot.press("enter")
        await settle(pilot)
        assert done == ["ya"]
        app.push_screen(ConfirmDialog("Lanjut?", "", lambda: True))
        await settle(pilot)
        assert "simpan" not in str(app.screen.query_one(".form-keys", Static).visual)


def _fields(yes=None):
    from lpse_desk.tui.dialogs.forms import FieldsDialog

    one = [("cari", "Cari", "")]
    return FieldsDialog("Cari", one, lambda typed: typed, **({"yes": yes} if yes else {}))


def _unlock():
    from lpse_desk.tui.dialogs.unlock import UnlockDialog

    return UnlockDialog(1, "Dewi [b]Lestari[/b]")


@pytest.mark.parametrize(
    ("make", "keys"),
    [
        # a form of several fields: Enter moves on, ctrl+s does the step
        (lambda: walk_in([]), "Enter lanjut · ctrl+s daftarkan · Esc batal"),  # one line
        (lambda: video_call([]), "Enter isian berikutnya · ctrl+s jadwalkan · Esc batal"),
        # a one-field form names its step: nothing is saved by a search or a PIN
        (lambda: _fields("cari"), "Enter/ctrl+s cari · Esc batal"),
        (lambda: _fields(), "Enter/ctrl+s simpan · Esc batal"),
        (_unlock, "Enter/ctrl+s tutup survei · Esc kembali ke survei"),
    ],
)
async def test_the_keys_line_says_what_enter_and_ctrl_s_do(make, keys):
    from textual.widgets import Static

    app = App()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(make())
        await settle(pilot)
        assert str(app.screen.query_one(".form-keys", Static).visual) == keys


async def test_a_refusal_goes_once_the_field_is_typed_in_again():
    """"Catatan … wajib diisi" stayed beside a note already typed, as if still wrong; a
    field the dialog itself empties (a wrong PIN) keeps its refusal."""
    from textual.widgets import Static

    from lpse_desk.domain.errors import ValidationError
    from lpse_desk.tui.dialogs.forms import FieldsDialog

    def perform(typed: dict[str, str]) -> str:
        if not typed["catatan"].strip():
            raise ValidationError("Catatan tindak lanjut wajib diisi", field="catatan")
        return typed["catatan"]

    app = App()
    async with app.run_test(size=SIZE) as pilot:
        dialog = FieldsDialog("Tindak lanjut", [("catatan", "Catatan", "")], perform)
        app.push_screen(dialog)
        await settle(pilot)

        def error() -> str:
            return str(dialog.query_one(".form-error", Static).visual)

        await pilot.press("enter")
        await settle(pilot)
        assert error() == "Catatan tindak lanjut wajib diisi"
        dialog.query_one("#catatan").value = ""  # emptied by the dialog, not typed: stays
        await settle(pilot)
        assert error() == "Catatan tindak lanjut wajib diisi"
        await pilot.press("k")
        await settle(pilot)
        assert error() == ""
