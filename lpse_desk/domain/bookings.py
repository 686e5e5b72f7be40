"""The MPP booking list: reading and checking the CSV of online bookings for the desk.

The MPP's booking system exports ``kode_booking,nama,no_hp,layanan,tanggal,jam``. The
whole file is checked, line by line, and its problems reported with their line and column
(the first ``MAX_PROBLEMS``, then a count); the caller imports nothing while any problem
remains, so a half-checked list is never imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import BinaryIO, TypeVar

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog, Service
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.csvfile import CsvRow, CsvStream, LineProblem, parse_csv_date
from lpse_desk.domain.errors import NotFound, ValidationError
from lpse_desk.domain.identifiers import check_phone, require
from lpse_desk.domain.importfile import MAX_PROBLEMS, ProblemLog, WarningLog
from lpse_desk.domain.textfmt import format_date_id

BOOKING_COLUMNS: tuple[str, ...] = ("kode_booking", "nama", "no_hp", "layanan", "tanggal", "jam")
"""The columns of the MPP booking export, in its order."""

REQUIRED_COLUMNS: tuple[str, ...] = ("kode_booking", "nama", "layanan", "tanggal", "jam")
"""Columns the file must have; ``no_hp`` may be left out, as it may be left empty."""

MAX_NAME_LENGTH = 200

CODE_EXAMPLE = "MPP-240610-0012"

_CODE_SHAPE = (
    f"5–20 huruf A–Z, angka 0–9 atau tanda '-', diawali huruf/angka (contoh {CODE_EXAMPLE})"
)
_CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_DIGITS = frozenset("0123456789")

# re.ASCII: int() would read full-width or Arabic-Indic digits that print differently.
_SLOT_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?", re.ASCII)
_TIME_HINT = "gunakan format HH:MM atau HH.MM (contoh 09:30)"

# Excel turns a long number typed without a leading quote into 8,12346E+11.
_SCIENTIFIC = re.compile(r"\d+(?:[.,]\d+)?E\+?\d+", re.ASCII | re.IGNORECASE)

_T = TypeVar("_T")


@dataclass(frozen=True)
class BookingDraft:
    """One valid line of the booking list, ready to be stored."""

    line: int
    code: str
    """Normalized booking code (upper case)."""
    name: str
    phone: str | None
    """National form (``08…``) from ``check_phone``, or None when the cell was empty."""
    service_code: str
    slot_at: datetime
    """Date and time of the booked slot, aware, in WIB."""


@dataclass(frozen=True)
class BookingFile:
    """The result of reading a booking list: the good rows, every problem, the warnings."""

    drafts: tuple[BookingDraft, ...]
    problems: tuple[LineProblem, ...]
    """The bad cells or lines (the first ``MAX_PROBLEMS``), in line order."""
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the file has no problem (warnings do not count)."""
        return not self.problems


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _char_label(char: str) -> str:
    if char == " ":
        return "spasi"
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def _code_fault(code: str) -> str | None:
    """What is wrong with an upper-cased, stripped booking code, or None."""
    bad = next((char for char in code if char not in _CODE_CHARS), None)
    if bad is not None:
        return f"berisi karakter {_char_label(bad)}"
    if len(code) < 5:
        return f"terlalu pendek ({len(code)} karakter)"
    if len(code) > 20:
        return f"terlalu panjang ({len(code)} karakter)"
    if code.startswith("-"):
        return "diawali tanda '-'"
    if not _DIGITS.intersection(code):
        return "tidak memuat angka"
    return None


def normalize_booking_code(text: str) -> str:
    """The booking code stripped and upper-cased; ValidationError when it has the wrong shape."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(
            f"Kode booking belum diisi; contoh {CODE_EXAMPLE}", field="kode_booking"
        )
    code = text.strip().upper()
    fault = _code_fault(code)
    if fault is not None:
        raise ValidationError(
            f'Kode booking "{_shown(text.strip())}" tidak valid: {fault}; '
            f"kode booking terdiri atas {_CODE_SHAPE}",
            field="kode_booking",
        )
    return code


def _name(text: str) -> str:
    if not text:
        raise ValidationError("Nama belum diisi", field="nama")
    if len(text) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"Nama terlalu panjang: {len(text)} karakter (maksimum {MAX_NAME_LENGTH})",
            field="nama",
        )
    return text


def _phone(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The national form of an optional phone cell and its warnings."""
    if not text:
        return None, ()
    if _SCIENTIFIC.fullmatch(text):
        raise ValidationError(
            f'Nomor telepon "{text}" sudah diubah Excel menjadi angka ilmiah; '
            "format kolom no_hp sebagai Teks lalu ketik ulang nomornya",
            field="no_hp",
        )
    check = check_phone(text)
    return require(check, field="no_hp"), check.warnings


def _service(text: str, catalog: Catalog) -> Service:
    if not text:
        raise ValidationError(
            f"Layanan belum diisi; isi salah satu kode: {', '.join(catalog.codes())}",
            field="layanan",
        )
    try:
        service = catalog.service(text)
    except NotFound as error:
        raise ValidationError(str(error), field="layanan") from None
    if not service.is_open:
        reason = service.closed_message or "layanan ini sedang tidak dilayani"
        raise ValidationError(f"Layanan {service.code} ditutup: {reason}", field="layanan")
    return service


def _slot_date(text: str, today: date) -> date:
    if not text:
        raise ValidationError(
            "Tanggal belum diisi; gunakan YYYY-MM-DD atau DD/MM/YYYY", field="tanggal"
        )
    day = parse_csv_date(text)
    if day < today:
        raise ValidationError(
            f"Tanggal {format_date_id(day)} sudah lewat (hari ini {format_date_id(today)}); "
            "booking untuk hari yang sudah lewat tidak dapat diimpor",
            field="tanggal",
        )
    return day


def parse_slot_time(text: str) -> time:
    """Read a booking time, ``HH:MM`` or ``HH.MM`` (Excel's ``HH:MM:00`` too)."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(f"Jam belum diisi; {_TIME_HINT}", field="jam")
    match = _SLOT_TIME.fullmatch(cleaned)
    if match is None:
        raise ValidationError(f'Jam "{_shown(cleaned)}" tidak dikenali; {_TIME_HINT}', field="jam")
    hour, minute = int(match.group(1)), int(match.group(2))
    seconds = match.group(3)
    problem = None
    if hour > 23:
        problem = f"jam {hour} tidak ada"
    elif minute > 59:
        problem = f"menit {minute} tidak ada"
    elif seconds is not None and seconds != "00":
        problem = "slot booking tidak memakai detik"
    if problem is not None:
        raise ValidationError(
            f'Jam "{_shown(cleaned)}" tidak valid: {problem}; {_TIME_HINT}', field="jam"
        )
    return time(hour, minute)


def _duplicate(row: CsvRow, code: str, first: tuple[int, int]) -> LineProblem:
    first_line, first_values = first
    if _comparable(row) == first_values:
        return LineProblem(
            row.line,
            None,
            f"Baris duplikat, isinya sama dengan baris {first_line}; hapus salah satunya",
        )
    return LineProblem(
        row.line,
        "kode_booking",
        f"Kode booking {code} sudah dipakai di baris {first_line}; setiap booking harus "
        "berkode unik",
    )


def _comparable(row: CsvRow) -> int:
    """The row as compared for duplicates ("reg" and "REG" are the same booking), hashed:
    a list of many thousand codes keeps one number per code, not a copy of its line."""
    return hash(tuple(value.casefold() for value in row.values.values()))


class _RowCheck:
    """Collects the problems of one row, column by column."""

    def __init__(self, row: CsvRow, problems: list[LineProblem]) -> None:
        self.row = row
        self.problems = problems
        self.failed = False

    def __call__(self, column: str, check: Callable[..., _T], *args: object) -> _T | None:
        """``check(value, *args)`` for the cell, or None after recording its problem."""
        try:
            return check(self.row.values[column], *args)
        except ValidationError as error:
            self.problems.append(LineProblem(self.row.line, column, str(error)))
            self.failed = True
            return None


class BookingReader:
    """A booking list checked line by line: iterating yields the drafts of the good lines.

    The problems of the bad lines go to ``problems`` (bounded), the notes to ``warnings``;
    both are complete once iteration ends. File-level faults (empty, not UTF-8, not CSV,
    missing columns) raise ``CsvError``. A date that is not a working day by ``calendar``
    is a warning only: an admin may still open that day (``hari_buka``), so the officer
    decides.
    """

    def __init__(
        self,
        data: bytes | BinaryIO,
        *,
        catalog: Catalog,
        today: date,
        calendar: WorkingCalendar | None = None,
        max_problems: int = MAX_PROBLEMS,
        now: datetime | None = None,
    ) -> None:
        self._table = CsvStream(data, required=REQUIRED_COLUMNS, optional=("no_hp",))
        self._catalog, self._today, self._calendar = catalog, today, calendar
        self._now = now
        """When the file is read (WIB): a slot of today already past is said."""
        self.problems = ProblemLog(max_problems)
        self._notes = WarningLog()

    @property
    def warnings(self) -> tuple[str, ...]:
        """The file's warnings (columns), then the lines' (phone numbers, closed days)."""
        return (*self._table.warnings, *self._notes.lines())

    def __iter__(self) -> Iterator[BookingDraft]:
        first_seen: dict[str, tuple[int, int]] = {}
        for item in self._table:
            if isinstance(item, LineProblem):
                self.problems.add([item])
                continue
            problems: list[LineProblem] = []
            draft = self._check(item, problems, first_seen)
            self.problems.add(problems)
            if draft is not None:
                yield draft

    def _check(
        self, row: CsvRow, problems: list[LineProblem], first_seen: dict[str, tuple[int, int]]
    ) -> BookingDraft | None:
        check = _RowCheck(row, problems)
        code = check("kode_booking", normalize_booking_code)
        if code is not None and code in first_seen:
            problems.append(_duplicate(row, code, first_seen[code]))
            check.failed = True
        elif code is not None:
            first_seen[code] = (row.line, _comparable(row))
        name = check("nama", _name)
        phone_result = check("no_hp", _phone)
        service = check("layanan", _service, self._catalog)
        day = check("tanggal", _slot_date, self._today)
        slot_time = check("jam", parse_slot_time)
        if phone_result is not None:
            self._notes.add(f"Baris {row.line}, kolom no_hp: {note}" for note in phone_result[1])
        if day is not None and self._calendar is not None:
            reason = self._calendar.closed_reason(day)
            if reason is not None:
                self._notes.add(
                    [
                        f"Baris {row.line}, kolom tanggal: {format_date_id(day)} bukan hari "
                        f"kerja ({reason}); pastikan loket buka pada hari itu"
                    ]
                )
        if check.failed:
            return None
        slot_at = datetime.combine(day, slot_time, tzinfo=WIB)
        if self._now is not None and slot_at.date() == self._now.date() and slot_at < self._now:
            self._notes.add([
                f"Baris {row.line}, kolom jam: {slot_time:%H.%M} hari ini sudah lewat (sekarang "
                f"{self._now:%H.%M}); booking tetap diimpor, pengunjungnya datang terlambat"
            ])  # fmt: skip
        return BookingDraft(
            line=row.line,
            code=code,
            name=name,
            phone=phone_result[0],
            service_code=service.code,
            slot_at=slot_at,
        )


def parse_bookings(
    data: bytes,
    *,
    catalog: Catalog,
    today: date,
    calendar: WorkingCalendar | None = None,
    now: datetime | None = None,
) -> BookingFile:
    """A small booking list read whole (``BookingReader`` collected): drafts and problems."""
    reader = BookingReader(data, catalog=catalog, today=today, calendar=calendar, now=now)
    drafts = tuple(reader)
    return BookingFile(drafts, tuple(reader.problems.shown()), reader.warnings)
