"""The help panel (F1): every key of the screen as it stands, in Indonesian.

The desk's own keys keep their labels; Textual's (the table's arrows, a field's editing keys,
Tab between fields, copying) are named here in Indonesian, and a Textual key without a name
here is left out rather than shown in English. Greyed keys are listed as such; keys hidden in
the current state are not (they do nothing now).
"""

from __future__ import annotations

from functools import cache

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

TEXTUAL_LABELS: dict[str, str] = {
    # the app and every screen
    "app.focus_next": "Fokus berikutnya",
    "app.focus_previous": "Fokus sebelumnya",
    "screen.copy_text": "Salin teks terpilih",
    "command_palette": "Palet perintah",
    # tables and lists
    "select_cursor": "Buka / pilih baris",
    "cursor_up": "Baris di atas",
    "cursor_down": "Baris di bawah",
    "cursor_left": "Kolom di kiri",
    "cursor_right": "Kolom di kanan",
    "page_up": "Satu halaman ke atas",
    "page_down": "Satu halaman ke bawah",
    "scroll_top": "Ke baris pertama",
    "scroll_bottom": "Ke baris terakhir",
    "scroll_home": "Ke awal",
    "scroll_end": "Ke akhir",
    "first": "Pilihan pertama",
    "last": "Pilihan terakhir",
    "select": "Pilih",
    "previous_tab": "Tab sebelumnya",
    "next_tab": "Tab berikutnya",
    "press": "Tekan tombol",
    "toggle_button": "Centang / lepas",
    "next_button": "Pilihan berikutnya",
    "previous_button": "Pilihan sebelumnya",
    # a text field
    "cursor_left_word": "Satu kata ke kiri",
    "cursor_right_word": "Satu kata ke kanan",
    "cursor_word_left": "Satu kata ke kiri",
    "cursor_word_right": "Satu kata ke kanan",
    "home": "Ke awal isian",
    "end": "Ke akhir isian",
    "cursor_line_start": "Ke awal baris",
    "cursor_line_end": "Ke akhir baris",
    "cursor_page_up": "Satu halaman ke atas",
    "cursor_page_down": "Satu halaman ke bawah",
    "delete_left": "Hapus huruf di kiri",
    "delete_right": "Hapus huruf di kanan",
    "delete_left_word": "Hapus kata di kiri",
    "delete_right_word": "Hapus kata di kanan",
    "delete_word_left": "Hapus kata di kiri",
    "delete_word_right": "Hapus kata di kanan",
    "delete_left_all": "Hapus semua di kiri",
    "delete_right_all": "Hapus semua di kanan",
    "delete_to_start_of_line": "Hapus sampai awal baris",
    "delete_to_end_of_line_or_delete_line": "Hapus sampai akhir baris",
    "delete_line": "Hapus baris",
    "select_all": "Pilih semua",
    "select_line": "Pilih baris",
    "submit": "Kirim isian",
    "copy": "Salin",
    "cut": "Potong",
    "paste": "Tempel",
    "undo": "Urungkan",
    "redo": "Ulangi",
}
"""Textual's own keys, by action, in Indonesian."""

_KEY_NAMES = {
    "ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "super": "Super", "space": "Spasi",
    "escape": "Esc", "enter": "Enter", "tab": "Tab", "delete": "Delete",
    "backspace": "Backspace", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home",
    "end": "End", "up": "↑", "down": "↓", "left": "←", "right": "→", "slash": "/",
    "question_mark": "?", "plus": "+", "minus": "-",
}  # fmt: skip


def key_label(key: str) -> str:
    """``ctrl+s`` → ``Ctrl+S``, ``space`` → ``Spasi``, ``f1`` → ``F1``."""
    parts = []
    for part in key.split("+"):
        if part in _KEY_NAMES:
            parts.append(_KEY_NAMES[part])
        elif len(part) > 1 and part[0] == "f" and part[1:].isdigit():
            parts.append(part.upper())
        elif len(part) == 1 and key != part:
            parts.append(part.upper())  # Ctrl+S
        else:
            parts.append(part)
    return "+".join(parts)


@cache
def _ours(kind: type) -> frozenset[tuple[str, str]]:
    """The (action, label) pairs the desk's own classes bind on a node of class ``kind``."""
    return frozenset(
        (binding.action, binding.description)
        for cls in kind.__mro__
        if cls.__module__.startswith("lpse_desk")
        for binding in cls.__dict__.get("BINDINGS", ())
        if isinstance(binding, Binding)
    )


def label_of(node: DOMNode, binding: Binding) -> tuple[str, bool] | None:
    """The key's Indonesian label and whether it is the desk's own (else Textual's named
    here), or None for a Textual key without a name here."""
    if binding.description and (binding.action, binding.description) in _ours(type(node)):
        return binding.description, True
    label = TEXTUAL_LABELS.get(binding.action)
    return None if label is None else (label, False)


Row = tuple[str, str, bool]
"""keys, label, enabled"""


def rows_of(screen: Screen) -> tuple[list[Row], list[Row]]:
    """The desk's keys on this screen, then Textual's (moving, typing), one row per action;
    Mac-only ``super`` keys left out."""
    keys_of: dict[tuple[str, str, bool], list[str]] = {}
    enabled_of: dict[tuple[str, str, bool], bool] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or binding.action == "toggle_help" or "super+" in key:
            continue
        named = label_of(active.node, binding)
        if named is None:
            continue
        entry = (binding.action, *named)
        shown = binding.key_display or key_label(key)
        if shown not in keys_of.setdefault(entry, []):
            keys_of[entry].append(shown)
        enabled_of[entry] = enabled_of.get(entry, False) or active.enabled
    rows: tuple[list[Row], list[Row]] = ([], [])
    for entry, keys in keys_of.items():
        _action, label, ours = entry
        rows[0 if ours else 1].append((" ".join(keys), label, enabled_of[entry]))
    return rows


class KeysHelp(VerticalScroll, can_focus=False):
    """Every key of this screen in Indonesian; F1 opens and closes it."""

    DEFAULT_CSS = """
    KeysHelp {
        split: right;
        width: 42;
        height: 1fr;
        border-left: vkey $foreground 30%;
        background: $panel;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="keys-help-title")
        yield Static(id="keys-help-table")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._fill()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, _screen: Screen) -> None:
        if self.is_attached:
            self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        if not self.is_attached:
            return
        title = Text("Tombol di layar ini", style="bold")
        title.append("\nF1 menutup panel ini. Redup: belum dapat dipakai sekarang.\n",
                     style="italic")  # fmt: skip
        self.query_one("#keys-help-title", Static).update(title)
        parts: list = []
        own, textual = rows_of(self.screen)
        for heading, rows in (("Layar ini", own), ("Bergerak dan mengetik", textual)):
            if not rows:
                continue
            table = Table.grid(padding=(0, 1))
            table.add_column(style="bold", max_width=16, overflow="fold")
            table.add_column()
            for keys, label, enabled in rows:
                style = "" if enabled else "dim"
                table.add_row(Text(keys, style=style), Text(label, style=style))
            parts += [Text(heading, style="underline"), table, Text("")]
        self.query_one("#keys-help-table", Static).update(Group(*parts))
