"""The desk's footer: the screen's keys that fit the width, in the order of their importance,
and ``F1 Bantuan`` on the right for the rest (``widgets.help``).

Textual's footer lays every key in one row and cuts whatever passes the edge: at 80 columns
the queue screen lost ``Esc Kembali``. Here the keys are kept by priority — the screen's
``BINDINGS`` order, Esc (``back``) always, the app's ``Tutup`` first to go — until the row fits;
the ones left out stay in the help panel, and the help key says how many there are.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_KEY = "f1"
"""Opens and closes the help panel on every screen (``DeskApp.action_toggle_help``)."""
ALWAYS_KEY = "escape"
"""Kept at any width: the way back out of a screen or a dialog (its action may be called
``back``, ``cancel`` or ``close``; the queue's ``close`` is z, Tutup loket, and may go)."""
FIRST_TO_GO = ("quit",)
"""Dropped before the screen's own keys (Ctrl+Q works, and the help panel lists it)."""

Shown = tuple[tuple[str, str, str, bool, str], ...]
Entry = tuple[Binding, bool, str]


def key_width(key_display: str, description: str, *, compact: bool) -> int:
    """The cells a footer key takes (Textual's ``FooterKey`` style: padding, margin)."""
    if compact:
        return cell_len(key_display) + 1 + cell_len(description) + 1
    return cell_len(key_display) + cell_len(description) + 3


def fitting(entries: list[Entry], widths: list[int], room: int) -> list[Entry]:
    """The entries that fit ``room`` cells, in their own order: the lowest priority (last,
    ``FIRST_TO_GO`` before all) leaves first; Esc never leaves."""

    def always(index: int) -> bool:
        return entries[index][0].key == ALWAYS_KEY

    order = sorted(
        range(len(entries)),
        key=lambda i: (not always(i), entries[i][0].action in FIRST_TO_GO, i),
    )
    kept = set(order)
    total = sum(widths)
    for index in reversed(order):
        if total <= room:
            break
        if always(index):
            continue
        kept.discard(index)
        total -= widths[index]
    return [entry for i, entry in enumerate(entries) if i in kept]


class DeskFooter(Footer):
    """The keys that fit; rebuilt only when what it shows changes (Textual's rebuilds a row of
    widgets at every change of focus or of a key's state, though most leave the same keys:
    on a counter PC the screen stays quicker, and the tests spend a third less time)."""

    _shown: Shown | None = None
    _rebuilding = False

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact, show_command_palette=False)

    def _entries(self, screen: Screen) -> tuple[list[Entry], Entry | None]:
        """The screen's shown keys (one per action, as Textual's footer), and the help key."""
        entries: list[Entry] = []
        seen: set[str] = set()
        help_entry = None
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.action == "toggle_help":
                help_entry = (binding, enabled, tooltip)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entries.append((binding, enabled, tooltip))
        return entries, help_entry

    def _layout(self, screen: Screen) -> tuple[list[Entry], Entry | None, int]:
        """What fits the width now, the help key, and how many keys went to the help panel."""
        entries, help_entry = self._entries(screen)
        compact = self.compact
        widths = [
            key_width(self.app.get_key_display(b), b.description, compact=compact)
            for b, _enabled, _tooltip in entries
        ]
        room = self.size.width or screen.size.width
        if help_entry is not None:  # room for "F1 Bantuan +99", docked right with its rule
            helper = help_entry[0]
            label = f"{helper.description} +99"
            room -= key_width(self.app.get_key_display(helper), label, compact=False) + 1
        kept = fitting(entries, widths, room)
        return kept, help_entry, len(entries) - len(kept)

    def _keys(self, screen: Screen) -> Shown:
        kept, help_entry, left_out = self._layout(screen)
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (binding, enabled, tooltip) in kept
        )
        return (*shown, ("help", str(help_entry is not None), str(left_out), True, ""))

    def compose(self):
        if not self._bindings_ready:
            return
        kept, help_entry, left_out = self._layout(self.screen)
        # The footer's style never changes while it is shown: each key is made with the class
        # its ``compact`` gives (Textual's data binding restyled every key once mounted; the
        # queue and case screens' tests took a tenth less CPU without it).
        compact = "-compact" if self.compact else ""
        for binding, enabled, tooltip in kept:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
                classes=compact,
            )
            key.set_reactive(FooterKey.compact, self.compact)
            yield key
        if help_entry is not None:
            binding, enabled, _tooltip = help_entry
            label = f"{binding.description} +{left_out}" if left_out else binding.description
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                label,
                binding.action,
                disabled=not enabled,
                tooltip="Semua tombol layar ini (F1 lagi menutup)",
                classes="-command-palette -compact",  # compact always, as Textual's own
            )

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild after the next refresh, if the keys shown changed by then."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    def on_resize(self) -> None:
        """A wider or narrower terminal: the keys that fit change."""
        if self._bindings_ready:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys(self.screen)
        if keys == self._shown:
            return
        before, self._shown = self._shown, keys
        if before is not None and not self._rebuilding and self._restate(before, keys):
            return
        # While a row is being built its old keys are still found: a state set on them would
        # be lost, so a change that comes meanwhile builds the row again from the state then.
        self._rebuilding = True
        try:
            await self.recompose()
        finally:
            self._rebuilding = False

    def _restate(self, before: Shown, after: Shown) -> bool:
        """When only whether the keys may be pressed (and why not) changed, as it does with
        each row chosen: set that on the keys shown instead of building the row again. False
        when the keys themselves, their labels or the help key's count changed."""
        if [entry[:3] for entry in before] != [entry[:3] for entry in after]:
            return False
        shown = [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]
        if len(shown) != len(after) - 1:  # the last entry is the help key's
            return False
        for key, (*_names, enabled, tooltip) in zip(shown, after, strict=False):
            # As FooterKey's constructor states it (its own flag and class, not Widget.disabled:
            # a greyed key still takes a click, to ring the bell).
            key._disabled = not enabled
            key.set_class(not enabled, "-disabled")
            key.tooltip = tooltip or None
        return True
