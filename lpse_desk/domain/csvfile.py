"""Reading CSV files that people hand the desk (booking lists, IKM questionnaires).

Spreadsheets in Indonesia export ``;`` as often as ``,`` (the comma is the decimal mark),
and Excel puts a UTF-8 BOM in front (``../shared/DOMAIN.md`` §10); both are accepted.
File-level faults raise ``CsvError``; a bad line becomes a ``LineProblem`` so that the
officer sees the bad lines of the file at once, not one per attempt. The file is read one
line at a time (``CsvStream``): a file of a million bad lines costs no more memory than one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from types import MappingProxyType
from typing import BinaryIO

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.textfmt import parse_date

_SAVE_AS_UTF8 = 'simpan ulang dari Excel dengan Simpan Sebagai → "CSV UTF-8"'

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "lembar kerja Excel/LibreOffice (.xlsx/.ods)"),
    (b"\xd0\xcf\x11\xe0", "lembar kerja Excel lama (.xls)"),
    (b"%PDF", "dokumen PDF"),
)
"""Leading bytes of files people pick by mistake instead of the CSV export."""

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
"""Excel's "Teks Unicode" export is UTF-16, which reads as NUL-ridden bytes."""

_HEADER_SPACING = re.compile(r"[\s\-]+")
"""Spaces and hyphens in a retyped header ("Kode Booking") stand for the underscore."""


class CsvError(ValidationError):
    """The file as a whole cannot be read as the expected CSV; nothing was imported."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        """Line of the file the fault was found on (1 = first line), if one."""


@dataclass(frozen=True)
class LineProblem:
    """One problem on one line of the file, in Indonesian."""

    line: int
    column: str | None
    """Column name, or None when the problem concerns the whole line."""
    message: str


@dataclass(frozen=True)
class CsvRow:
    """One data line: stripped values keyed by lower-case column name."""

    line: int
    """Line of the file the row starts on (the header usually being line 1)."""
    values: Mapping[str, str] = field(hash=False)
    """Every expected column; an optional column missing from the file reads ``""``."""

    def __post_init__(self) -> None:
        # The preview and the import read the same rows; neither may change them for the other.
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))


@dataclass(frozen=True)
class CsvTable:
    """The readable rows of a file, its bad lines and its warnings."""

    columns: tuple[str, ...]
    """The expected columns found in the header, in the file's order."""
    rows: tuple[CsvRow, ...]
    problems: tuple[LineProblem, ...]
    warnings: tuple[str, ...]


def _column_name(text: str) -> str:
    return _HEADER_SPACING.sub("_", text.strip().lower())


def _listing(names: Iterable[str]) -> str:
    return ", ".join(names)


def _empty(expected: Sequence[str]) -> CsvError:
    return CsvError(
        "Berkas kosong: tidak ada judul kolom maupun data. "
        f"Baris pertama harus berisi judul kolom: {_listing(expected)}"
    )


_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""A line as the csv module ends it: at ``\\r\\n``, ``\\r`` or ``\\n`` (the end kept)."""


def _decoded(stream: BinaryIO) -> Iterator[str]:
    """The file's text, BOM removed, one ``\n``-ended piece at a time.

    CsvError at the first sign that the file is no UTF-8 text: a UTF-16 BOM, the signature
    of a spreadsheet or PDF, a NUL byte, bytes that are not UTF-8 (the line named).
    """
    first = stream.readline()
    if first.startswith(_UTF16_BOMS):
        raise CsvError(
            f"Berkas tersimpan sebagai UTF-16 (Teks Unicode), bukan CSV UTF-8; {_SAVE_AS_UTF8}",
            line=1,
        )
    first = first.removeprefix(b"\xef\xbb\xbf")
    for signature, kind in _BINARY_SIGNATURES:
        if first.startswith(signature):
            raise CsvError(f"Berkas ini {kind}, bukan CSV; {_SAVE_AS_UTF8}")
    # Split at b"\n" only: a "\r\n" never straddles two reads and UTF-8 never holds a 0x0A
    # inside a character, so each piece decodes alone and its number is the editor's line.
    for number, raw in enumerate(chain([first], iter(stream.readline, b"")), start=1):
        if b"\x00" in raw:
            raise CsvError(
                f"Berkas bukan CSV: berisi data biner (karakter NUL di baris {number}); "
                f"{_SAVE_AS_UTF8}",
                line=number,
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise CsvError(
                f"Berkas bukan teks UTF-8 (karakter tidak terbaca di baris {number}); "
                f"{_SAVE_AS_UTF8}",
                line=number,
            ) from None
        yield text


def _text_lines(stream: BinaryIO) -> Iterator[str]:
    """The file's physical lines as the csv module counts them, one at a time."""
    for text in _decoded(stream):
        yield from _PHYSICAL_LINE.findall(text)


class _CountedLines:
    """The lines handed to the csv module, with the quote marks seen and whether all were read.

    Enough to tell a runaway quote (a record that swallowed the rest of the file) without
    keeping the lines themselves.
    """

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.quotes = 0
        self.exhausted = False

    def __iter__(self) -> _CountedLines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.quotes += line.count('"')
        return line


def _separator(physical: Iterable[str]) -> tuple[str, str] | None:
    """The separator chosen from the header line (the first line with content), and that line.

    None when no line holds more than separators and quotes.
    """
    for raw in physical:
        if raw.strip(" \t\r\n,;\"'"):
            return (";" if raw.count(";") > raw.count(",") else ","), raw
    return None


def _read_header(
    fields: list[str], line: int, header_text: str, required: Sequence[str], optional: Sequence[str]
) -> tuple[dict[int, str], set[int], list[str]]:
    """Known column name by field index, untitled field indexes, and warnings.

    CsvError for a header that cannot do: a name twice, no expected name, a required one
    missing.
    """
    expected = (*required, *optional)
    names = [_column_name(cell) for cell in fields]
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name:
            continue
        if name in seen:
            raise CsvError(
                f"Kolom {name} ditulis dua kali pada baris judul (baris {line}, kolom ke-"
                f"{seen[name] + 1} dan ke-{index + 1}); hapus salah satunya",
                line=line,
            )
        seen[name] = index
    if not any(name in seen for name in expected):
        hint = (
            "; kolom dipisahkan tab: simpan sebagai CSV (dipisahkan koma atau titik koma)"
            if "\t" in header_text
            else ""
        )
        raise CsvError(
            f"Berkas tidak terbaca sebagai CSV yang diharapkan: baris judul (baris {line}) tidak "
            f"memuat satu pun kolom {_listing(expected)}. Pastikan baris pertama berisi judul "
            f"kolom dan berkas disimpan sebagai CSV{hint}",
            line=line,
        )
    missing = [name for name in required if name not in seen]
    if missing:
        raise CsvError(
            f"Kolom wajib tidak ada: {_listing(missing)}. Judul kolom yang terbaca: "
            f"{_listing(name for name in names if name)}",
            line=line,
        )
    unknown = [name for name in names if name and name not in expected]
    warnings = [f"Kolom tidak dikenal diabaikan: {_listing(unknown)}"] if unknown else []
    known = {index: name for name, index in seen.items() if name in expected}
    untitled = {index for index, name in enumerate(names) if not name}
    return known, untitled, warnings


def _unclosed_quote(line: int, end: int) -> LineProblem:
    return LineProblem(
        line,
        None,
        f'Tanda kutip (") pada baris ini tidak ditutup, sehingga baris {line}–{end} terbaca '
        "sebagai satu isian; tambahkan tanda kutip penutup",
    )


def _width_problem(line: int, got: int, want: int, separator: str) -> LineProblem:
    message = f"Jumlah kolom {got}, seharusnya {want} sesuai baris judul"
    if got > want:
        sign = "koma" if separator == "," else "titik koma"
        message += f'; bila isian memuat {sign}, apit isian itu dengan tanda kutip (")'
    return LineProblem(line, None, message)


def _csv_fault(error: csv.Error, line: int) -> CsvError:
    # The module's messages are English; the only one a saved spreadsheet can cause is
    # a field over csv.field_size_limit() characters, usually from a runaway quote.
    detail = "isian terlalu panjang" if "limit" in str(error) else "penulisan tidak sah"
    return CsvError(
        f'Baris {line} tidak dapat dibaca sebagai CSV: {detail}; periksa tanda kutip (") '
        "pada baris itu",
        line=line,
    )


class CsvStream:
    """A CSV file read one line at a time: the header at once, then each data line.

    The header must name every ``required`` column. Lines whose fields are all blank
    (Excel writes ``;;;;`` for an empty row) are skipped but still counted, so line numbers
    match what the officer sees in an editor. Header names are matched without regard to
    case, surrounding spaces, or spaces/hyphens for underscores. A line with extra fields
    is accepted when the extra fields are empty. File-level faults raise ``CsvError``: from
    the constructor (not UTF-8 text, header), or while iterating (a field too long to read).
    """

    def __init__(
        self,
        data: bytes | BinaryIO,
        *,
        required: Sequence[str],
        optional: Sequence[str] = (),
    ) -> None:
        if isinstance(data, bytes | bytearray | memoryview):
            data = io.BytesIO(bytes(data))
        elif not hasattr(data, "readline"):
            raise CsvError(f"Isi berkas harus berupa bytes, bukan {type(data).__name__}")
        self._required = [_column_name(name) for name in required]
        self._optional = [_column_name(name) for name in optional]
        expected = [*self._required, *self._optional]
        start = data.tell()
        # The whole file is text first: a file saved in another encoding is named as such,
        # not by the first column problem it happens to cause.
        for _ in _decoded(data):
            pass
        data.seek(start)
        chosen = _separator(_text_lines(data))
        if chosen is None:
            raise _empty(expected)
        self._separator, header_text = chosen
        data.seek(start)  # the csv module reads from the first line, to count lines truly
        self._lines = _CountedLines(_text_lines(data))
        self._reader = csv.reader(self._lines, delimiter=self._separator)
        self._consumed = 0
        fields = self._next_record()
        while fields is not None and not any(cell.strip() for cell in fields):
            fields = self._next_record()
        if fields is None:
            raise _empty(expected)
        self.header_line = self._consumed
        """Line of the header (after any blank lines above it)."""
        self._known, self._untitled, warnings = _read_header(
            fields, self.header_line, header_text, self._required, self._optional
        )
        self.warnings: list[str] = warnings
        """File-level warnings; the one about untitled cells is added once all is read."""
        # Trailing untitled header cells (a stray ";" at the end) do not count.
        self._span = len(fields)
        self._width = max(i for i in range(self._span) if i not in self._untitled) + 1
        self.columns = tuple(name for _, name in sorted(self._known.items()))
        """The expected columns found in the header, in the file's order."""

    def _next_record(self) -> list[str] | None:
        """The next record, None at the end; a csv.Error becomes CsvError on its line."""
        try:
            fields = next(self._reader, None)
        except csv.Error as error:
            raise _csv_fault(error, self._consumed + 1) from None
        if fields is not None:
            self._line, self._consumed = self._consumed + 1, self._reader.line_num
        return fields

    def __iter__(self) -> Iterator[CsvRow | LineProblem]:
        """Each data line: a ``CsvRow``, or a ``LineProblem`` when the line cannot be a row."""
        stray: set[int] = set()
        names = (*self._required, *self._optional)
        seen_data = False
        quotes = self._lines.quotes
        while (fields := self._next_record()) is not None:
            line, end = self._line, self._consumed
            record_quotes, quotes = self._lines.quotes - quotes, self._lines.quotes
            if not any(cell.strip() for cell in fields):
                continue
            seen_data = True
            # A quote opened and never closed makes the csv module read to the end of the
            # file as one field: such a record spans lines, ends the file, and holds an odd
            # number of quote marks.
            if end > line and self._lines.exhausted and record_quotes % 2:
                yield _unclosed_quote(line, end)
                continue
            if len(fields) < self._width or any(cell.strip() for cell in fields[self._span :]):
                yield _width_problem(line, len(fields), self._width, self._separator)
                continue
            values = dict.fromkeys(names, "")
            for index, cell in enumerate(fields[: self._span]):
                name = self._known.get(index)
                if name is not None:
                    values[name] = cell.strip()
                elif index in self._untitled and cell.strip():
                    stray.add(index)
            yield CsvRow(line, values)
        if not seen_data:
            raise CsvError(
                f"Berkas hanya berisi baris judul (baris {self.header_line}); tidak ada baris data",
                line=self.header_line,
            )
        if stray:
            positions = _listing(f"ke-{index + 1}" for index in sorted(stray))
            self.warnings.append(f"Isi kolom tanpa judul (kolom {positions}) diabaikan")


def read_csv(data: bytes, *, required: Sequence[str], optional: Sequence[str] = ()) -> CsvTable:
    """A small CSV file read whole: every row and problem (``CsvStream`` collected)."""
    stream = CsvStream(data, required=required, optional=optional)
    rows: list[CsvRow] = []
    problems: list[LineProblem] = []
    for item in stream:
        (rows if isinstance(item, CsvRow) else problems).append(item)
    return CsvTable(stream.columns, tuple(rows), tuple(problems), tuple(stream.warnings))


def parse_csv_date(text: str) -> date:
    """Read a CSV date cell, ``YYYY-MM-DD`` or ``DD/MM/YYYY``; ValidationError otherwise."""
    return parse_date(text)


def format_problems(problems: Iterable[LineProblem], source: str) -> list[str]:
    """``bookings.csv baris 4, kolom no_hp: …`` lines, in line order."""
    lines = []
    for problem in sorted(problems, key=lambda item: item.line):
        where = f"{source} baris {problem.line}"
        if problem.column:
            where += f", kolom {problem.column}"
        lines.append(f"{where}: {problem.message}")
    return lines
