"""The vendored font ships with the package, and text it cannot draw is simplified, not boxed."""

from __future__ import annotations

import unicodedata
from importlib.resources import files

import pytest

from lpse_desk.receipts.typeface import REPLACEMENT, printable, register_fonts


def test_the_fonts_and_their_licence_ship_inside_the_package():
    folder = files("lpse_desk.receipts") / "fonts"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"):
        assert (folder / name).is_file(), name
    assert "Bitstream Vera" in (folder / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Zoë Łukasiewicz-Nguyễn", "Zoë Łukasiewicz-Nguyễn"),
        ("Zoe\u0308", "Zoë"),  # decomposed input is composed first
        ("Ṣọ̀lá Ádébáyọ̀", unicodedata.normalize("NFC", "Ṣọ̀lá Ádébáyọ̀")),
        ("Сергей Ῥόδος", "Сергей Ῥόδος"),
        ("PT 王小明", f"PT {REPLACEMENT * 3}"),
        ("Ani 🙂", f"Ani {REPLACEMENT}"),
        ("Budi\u202e Santoso\u200b", "Budi Santoso"),  # bidi override, zero-width space
        ("a\tb\x00c\x07", "a bc"),
        ("baris\nkedua", "baris\nkedua"),
        ("", ""),
    ],
)
def test_printable(text, shown):
    assert printable(text) == shown


def test_a_letter_with_an_undrawable_mark_keeps_its_base_letter():
    covered = register_fonts()
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        parts = unicodedata.normalize("NFKD", char)
        base = parts[0]
        if (
            code not in covered
            and len(parts) > 1
            and unicodedata.category(base).startswith("L")
            and ord(base) in covered
        ):
            assert printable(char).startswith(base)
            assert REPLACEMENT not in printable(char)
            return
    pytest.skip("the font draws every decomposable letter in this range")
