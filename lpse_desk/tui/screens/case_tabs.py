"""The case review screen's tabs and their columns, sized to the screen (``widgets.columns``).

At 80 columns the documents tab keeps the verifier's verdict in view by narrowing the names
and leaving out the counter's note; on a wide monitor the names get the room they need.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import DataTable, Tabs

from lpse_desk.tui.widgets.columns import Col

TABS: tuple[tuple[str, str, tuple[Col, ...]], ...] = (
    ("docs", "1 Dokumen", (
        Col("No", 3), Col("Dokumen", 46, least=18, grow=True), Col("Asli", 4),
        Col("Salinan", 7), Col("Berlaku", 10), Col("Catatan loket", 16, optional=True),
        Col("Putusan verifikator", 30, least=20),
    )),
    ("checks", "2 Pemeriksaan", (
        Col("No", 3), Col("Pemeriksaan silang", 64, least=24, grow=True),
        Col("Status", 30, least=18), Col("Catatan", 12, optional=True),
    )),
    ("calls", "3 Panggilan", (
        Col("No", 4), Col("Jadwal", 16), Col("Kanal", 14, least=8),
        Col("Tautan", 20, least=10, grow=True), Col("Status", 28, least=14),
        Col("Hadir · bukti", 22, optional=True),
    )),
    ("changes", "4 Perubahan", (
        Col("Data", 18, least=12), Col("Lama → baru", 70, least=30, grow=True),
        Col("Status", 20, least=12),
    )),
    ("notices", "5 Pesan", (
        Col("No", 5), Col("Jenis", 20), Col("Dibuat", 12), Col("Pengiriman", 24, grow=True),
    )),
    ("papers", "6 Tanda terima", ()),
    ("events", "7 Riwayat", (
        Col("Waktu", 11), Col("Oleh", 24, least=14), Col("Tindakan", 28, least=16),
        Col("Keterangan", 60, least=20, grow=True),
    )),
)  # fmt: skip
"""tab id, label, columns"""

NUMBERED = ("calls", "notices")
"""The tabs whose first column is a number of the whole store (a message, a video call)."""

SIDE = 4
"""Cells of the screen's width a tab's table does not get (the screen's padding, the
table's scroll bar)."""


def focus_tab(screen: Screen, tab: str | None) -> None:
    """The focus to ``tab``'s table; the table-less tab gives it to the tab row (left in the
    hidden table, the focus would take that table's tab back; on the tab row ← → open a
    tab, whose table then takes it)."""
    table = None if tab in (None, "papers") else screen.query_one(f"#{tab}-table", DataTable)
    (table or screen.query_one(Tabs)).focus()
