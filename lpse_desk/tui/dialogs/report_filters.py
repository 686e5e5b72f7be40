"""The report's two dialogs: a range of dates typed in, and the filters (layanan, loket,
petugas; the case report's without loket, its officers the verifiers). Neither calls the store: each checks what was typed and dismisses the value, a
mistake being said under its field (in Indonesian) with the dialog left open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Label, OptionList, Static

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.textfmt import parse_date
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.forms import ActionDialog, numbered
from lpse_desk.tui.fmt import dmy
from lpse_desk.tui.widgets.text_input import TextInput

ALL = "semua"
"""The option id of "no filter" in a pick-list."""


@dataclass(frozen=True)
class ReportFilters:
    """Which visits a report counts: one service, one loket, one officer (None: all)."""

    service_code: str | None = None
    loket: int | None = None
    officer_id: int | None = None


class FieldCheckedDialog(ActionDialog):
    """A dialog whose ``read()`` checks the input here and now; a ValidationError naming a
    field is said under that field, which takes the focus."""

    DEFAULT_CSS = """
    FieldCheckedDialog .field-error { background: $error 30%; }
    FieldCheckedDialog .field-message { color: $error; text-style: bold; height: auto; }
    """

    def read(self) -> object:
        """The value to dismiss with, or ValidationError."""
        raise NotImplementedError

    def message_under(self, field: str) -> Static:
        """The error line under ``field``."""
        return Static("", id=f"{field}-message", classes="field-message")

    def action_submit(self) -> None:
        """Dismiss the value read, or say what is wrong under its field."""
        for widget in self.query(".field-message"):
            widget.update("")
        for widget in self.query(".field-error"):
            widget.remove_class("field-error")
        try:
            value = self.read()
        except ValidationError as exc:
            field = exc.field if exc.field and self.query(f"#{exc.field}") else None
            if field is None:
                self.show_error(str(exc))
                return
            self.query_one(f"#{field}-message", Static).update(safe.message(str(exc)))
            widget = self.query_one(f"#{field}")
            widget.add_class("field-error")
            widget.focus()
            return
        self.dismiss(value)


class PeriodDialog(FieldCheckedDialog):
    """Two dates, ``dari`` and ``sampai`` (both in), as DD/MM/YYYY or YYYY-MM-DD."""

    KEYS_HINT = "Enter isian berikutnya · ctrl+s terapkan · Esc batal"
    SAVE_FROM = "sampai"
    """Enter in ``dari`` moves to ``sampai``; only there does it apply the period."""

    def __init__(self, start: date, end: date, *, today: date | None = None) -> None:
        super().__init__(
            "Periode laporan",
            "Tanggal DD/MM/YYYY atau YYYY-MM-DD; kedua hari ikut dihitung.",
        )
        self.start, self.end = start, end
        self.today = today
        """A start after it is refused here, as the store refuses it."""

    def body(self) -> ComposeResult:
        """The two dates, holding the period shown now."""
        yield Label("Dari tanggal")
        yield TextInput(dmy(self.start), id="dari", max_length=20)
        yield self.message_under("dari")
        yield Label("Sampai tanggal")
        yield TextInput(dmy(self.end), id="sampai", max_length=20)
        yield self.message_under("sampai")

    def read(self) -> tuple[date, date]:
        """The two dates; ValidationError on the field that is wrong."""
        dates = []
        for field in ("dari", "sampai"):
            try:
                dates.append(parse_date(self.query_one(f"#{field}", Input).value))
            except ValidationError as exc:
                raise ValidationError(str(exc), field=field) from None
        start, end = dates
        if self.today is not None and start > self.today:
            raise ValidationError(
                f"Tanggal awal sesudah hari ini ({dmy(self.today)}): belum ada yang dilaporkan",
                field="dari",
            )
        if end < start:
            raise ValidationError(
                f"Tanggal akhir sebelum tanggal awal ({dmy(start)})", field="sampai"
            )
        return start, end


class FilterDialog(FieldCheckedDialog):
    """Layanan and petugas picked from numbered lists, loket typed (empty: all); without
    ``loket`` (the case report) no loket field, and the officers are called ``officer_label``."""

    KEYS_HINT = "Angka memilih baris · Tab pindah · Enter/ctrl+s terapkan · Esc batal"
    SAVE_FROM = "filter-officer"
    """Enter on the officers (the last list) applies; on a service or the loket it moves on."""

    def __init__(
        self,
        current: ReportFilters,
        services: Sequence[tuple[str, str]],
        officers: Sequence[tuple[int, str]],
        *,
        loket: bool = True,
        officer_label: str = "Petugas yang menyelesaikan",
        all_officers: str = "Semua petugas",
    ) -> None:
        super().__init__("Saring laporan", "Kosongkan loket untuk semua loket." if loket else "")
        self.current = current
        self.services = list(services)
        """(code, name) per service of the catalog."""
        self.officers = list(officers)
        """(staff id, name) per account."""
        self.with_loket = loket
        """Whether the report can be narrowed to one loket."""
        self.officer_label = officer_label
        self.all_officers = all_officers

    def body(self) -> ComposeResult:
        """Layanan, loket, petugas."""
        yield Label("Layanan")
        yield numbered([(ALL, "Semua layanan"),
                        *((code, f"{code} — {name}") for code, name in self.services)],
                       id="filter-service")  # fmt: skip
        if self.with_loket:
            yield Label("Loket (1–99)")
            loket = "" if self.current.loket is None else str(self.current.loket)
            yield TextInput(loket, id="filter-loket", restrict=r"[0-9]*", max_length=2)
            yield self.message_under("filter-loket")
        yield Label(self.officer_label)
        yield numbered([(ALL, self.all_officers),
                        *((str(staff_id), name) for staff_id, name in self.officers)],
                       id="filter-officer")  # fmt: skip

    def on_mount(self) -> None:
        """Each list starts on the current choice; the focus on the services."""
        self._highlight("#filter-service", self.current.service_code)
        officer = None if self.current.officer_id is None else str(self.current.officer_id)
        self._highlight("#filter-officer", officer)
        self.query_one("#filter-service", OptionList).focus()

    def _highlight(self, selector: str, value: str | None) -> None:
        options = self.query_one(selector, OptionList)
        options.highlighted = options.get_option_index(value or ALL)

    def picked(self, option_list: OptionList) -> None:
        """A digit picked a line: on to the next field, but the last list keeps the focus
        (moving on would wrap round to the first list), so that Enter applies."""
        if option_list.id != "filter-officer":
            self.focus_next()

    def _chosen(self, selector: str) -> str | None:
        options = self.query_one(selector, OptionList)
        index = options.highlighted
        value = options.get_option_at_index(index).id if index is not None else ALL
        return None if value == ALL else value

    def read(self) -> ReportFilters:
        """The filters; ValidationError on a loket outside 1–99."""
        text = self.query_one("#filter-loket", Input).value.strip() if self.with_loket else ""
        loket = None
        if text:
            if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 99):
                raise ValidationError(
                    "Loket harus angka 1–99, atau kosongkan", field="filter-loket"
                )
            loket = int(text)
        officer = self._chosen("#filter-officer")
        return ReportFilters(
            service_code=self._chosen("#filter-service"),
            loket=loket,
            officer_id=int(officer) if officer is not None else None,
        )
