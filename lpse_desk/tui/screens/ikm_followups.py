"""The IKM report's follow-up list: low scores (1–2) to act on, read whole with Enter and
marked handled by the admin with a note of what was done; ``h`` lists the handled ones too."""

from __future__ import annotations

from textual import events
from textual.widgets import DataTable

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.ikm.report import FollowupItem
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.textfmt import format_date_id
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.details import DetailsDialog
from lpse_desk.tui.dialogs.forms import FieldsDialog
from lpse_desk.tui.screens.ikmreport_parts import followup_cells


class IkmFollowups:
    """The follow-up list's keys and rows, for ``IkmReportScreen`` (its ``items``,
    ``columns``, ``show_handled`` and ``action_refresh``)."""

    def _fill_followups(self) -> None:
        """The follow-ups read, in the table's columns as they are now."""
        table = self.query_one(DataTable)
        table.clear()
        self.columns.widen(table, 0, (str(item.id) for item in self.items))  # #15290 whole
        for item in self.items:
            table.add_row(*self.columns.row(followup_cells(item, self.columns)), key=str(item.id))

    def action_history(self) -> None:
        """Also list the handled follow-ups (who handled them and what was done), or not."""
        self.show_handled = not self.show_handled
        self.action_refresh()

    def _selected(self) -> FollowupItem | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.items if str(item.id) == key), None)

    def action_handle(self) -> None:
        """Mark the selected follow-up handled, with a note of what was done."""
        item = self._selected()
        if item is None:
            self.notify("Pilih tindak lanjut dulu.", severity="warning")
            return
        if item.handled_at is not None:
            self.notify(f"Tindak lanjut #{item.id} sudah ditangani.", severity="warning")
            return
        store, staff = self.app.store.ikm, self.app.staff
        self.query_one("#ikm-followups").scroll_visible(animate=False)  # which one, on 24 rows
        saran = mask_logged_text(item.saran) if item.saran else "(tanpa saran)"
        self.app.push_screen(
            FieldsDialog(
                safe.plain(f"Tindak lanjut #{item.id} — {item.low_text}"),
                [("catatan", "Apa yang sudah dilakukan? (wajib)", "mis. kursi tunggu ditambah")],
                lambda fields: store.handle_followup(staff, item.id, fields["catatan"]),
                help_text=safe.plain(f"Saran responden: {saran}"),
            ),
            self._handled,
        )

    def _handled(self, item) -> None:
        if item is not None:
            self.notify(f"Tindak lanjut #{item.id} ditandai sudah ditangani.")
            self.action_refresh()
        self.query_one("#ikm-followups").focus()  # ↓ moves on at once, no Tab first

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The cursor's row in view: on 24 rows the list sits below the chart."""
        if event.data_table.has_focus:
            event.data_table.scroll_visible(animate=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tab to the follow-ups brings them into view (the page scrolls, ↑↓ PgUp PgDn)."""
        if event.widget.id == "ikm-followups":
            event.widget.scroll_visible(animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: an open follow-up to mark handled (admin); otherwise the item read whole."""
        event.stop()
        item = self._selected()
        if item is None:
            return
        if item.handled_at is None and self.check_action("handle", ()):
            self.action_handle()
            return
        handled = (f"{format_date_id(to_wib(item.handled_at).date())} oleh "
                   f"{item.handled_by_name or '—'}" if item.handled_at else "belum")  # fmt: skip
        self.app.push_screen(DetailsDialog(f"Tindak lanjut #{item.id}", [
            ("Tanggal layanan", format_date_id(item.service_date)),
            ("Layanan", item.service_code),
            ("Unsur rendah", item.low_text),
            ("Saran", mask_logged_text(item.saran) if item.saran else ""),
            ("Ditangani", handled),
            ("Penanganan", mask_logged_text(item.note) if item.note else ""),
        ]))  # fmt: skip
