"""Reading CSV files that people hand the desk (booking lists, IKM questionnaires).

Spreadsheets in Indonesia export ``;`` as often as ``,`` (the comma is the decimal mark),
and Excel puts a UTF-8 BOM in front (``../shared/DOMAIN.md`` §10); both are accepted.
File-level faults raise ``CsvError``; a bad line becomes a ``LineProblem`` so that the
officer sees every bad line of the file at once, not one per attempt.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

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


def _decode(data: bytes, expected: Sequence[str]) -> str:
    """The file's text without BOM; CsvError when it is empty, binary or not UTF-8."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise CsvError(f"Isi berkas harus berupa bytes, bukan {type(data).__name__}")
    data = bytes(data)
    if data.startswith(_UTF16_BOMS):
        raise CsvError(
            f"Berkas tersimpan sebagai UTF-16 (Teks Unicode), bukan CSV UTF-8; {_SAVE_AS_UTF8}",
            line=1,
        )
    body = data.removeprefix(b"\xef\xbb\xbf")
    if not body.strip():
        raise _empty(expected)
    for signature, kind in _BINARY_SIGNATURES:
        if body.startswith(signature):
            raise CsvError(f"Berkas ini {kind}, bukan CSV; {_SAVE_AS_UTF8}")
    if b"\x00" in body:
        line = body.count(b"\n", 0, body.index(b"\x00")) + 1
        raise CsvError(
            f"Berkas bukan CSV: berisi data biner (karakter NUL di baris {line}); {_SAVE_AS_UTF8}",
            line=line,
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        raise CsvError(
            f"Berkas bukan teks UTF-8 (karakter tidak terbaca di baris {line}); {_SAVE_AS_UTF8}",
            line=line,
        ) from None


def _separator(physical: Sequence[str]) -> tuple[str, str] | None:
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


def _unclosed_quote(physical: Sequence[str], line: int, end: int) -> LineProblem | None:
    """The problem of a row whose opening quote is never closed, or None.

    The csv module then reads everything to the end of the file as one field, so such a row
    spans several lines, ends at the last line, and holds an odd number of quote marks.
    """
    if end == line or end < len(physical) or "".join(physical[line - 1 : end]).count('"') % 2 == 0:
        return None
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


def read_file(path: Path) -> bytes:
    """The bytes of the CSV file someone named; ValidationError (Indonesian) when it is
    missing, a folder, or unreadable. The CLI and the desk's import dialogs share it."""
    if not str(path).strip() or str(path) == ".":
        raise ValidationError("Tulis lokasi berkas CSV", field="berkas")
    if not path.exists():
        raise ValidationError(f"Berkas {path} tidak ditemukan", field="berkas")
    if path.is_dir():
        raise ValidationError(f"{path} adalah folder, bukan berkas CSV", field="berkas")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Berkas {path} tidak dapat dibaca: {exc.strerror or exc}", field="berkas"
        ) from None


def read_csv(data: bytes, *, required: Sequence[str], optional: Sequence[str] = ()) -> CsvTable:
    """Read a CSV file whose header must name every ``required`` column.

    Lines whose fields are all blank (Excel writes ``;;;;`` for an empty row) are skipped
    but still counted, so line numbers match what the officer sees in an editor. Header
    names are matched without regard to case, surrounding spaces, or spaces/hyphens for
    underscores. A line with extra fields is accepted when the extra fields are empty.
    """
    required = [_column_name(name) for name in required]
    optional = [_column_name(name) for name in optional]
    text = _decode(data, [*required, *optional])
    # newline="": the csv module's own line splitting, so physical line numbers agree with it.
    physical = io.StringIO(text, newline="").readlines()
    chosen = _separator(physical)
    if chosen is None:
        raise _empty([*required, *optional])
    separator, header_text = chosen
    reader = csv.reader(physical, delimiter=separator)
    known: dict[int, str] = {}
    untitled: set[int] = set()
    warnings: list[str] = []
    width = span = 0
    rows: list[CsvRow] = []
    problems: list[LineProblem] = []
    stray: set[int] = set()
    header_line = 0
    consumed = 0
    try:
        for fields in reader:
            line, consumed = consumed + 1, reader.line_num
            if not any(cell.strip() for cell in fields):
                continue
            if not header_line:
                header_line = line
                known, untitled, warnings = _read_header(
                    fields, line, header_text, required, optional
                )
                # Trailing untitled header cells (a stray ";" at the end) do not count.
                span = len(fields)
                width = max(index for index in range(span) if index not in untitled) + 1
                continue
            unclosed = _unclosed_quote(physical, line, reader.line_num)
            if unclosed is not None:
                problems.append(unclosed)
                continue
            if len(fields) < width or any(cell.strip() for cell in fields[span:]):
                problems.append(_width_problem(line, len(fields), width, separator))
                continue
            values = dict.fromkeys((*required, *optional), "")
            for index, cell in enumerate(fields[:span]):
                name = known.get(index)
                if name is not None:
                    values[name] = cell.strip()
                elif index in untitled and cell.strip():
                    stray.add(index)
            rows.append(CsvRow(line, values))
    except csv.Error as error:
        # The module's messages are English; the only one a saved spreadsheet can cause is
        # a field over csv.field_size_limit() characters, usually from a runaway quote.
        line = consumed + 1
        detail = "isian terlalu panjang" if "limit" in str(error) else "penulisan tidak sah"
        raise CsvError(
            f'Baris {line} tidak dapat dibaca sebagai CSV: {detail}; periksa tanda kutip (") '
            "pada baris itu",
            line=line,
        ) from None
    if not header_line:
        raise _empty([*required, *optional])
    if not rows and not problems:
        raise CsvError(
            f"Berkas hanya berisi baris judul (baris {header_line}); tidak ada baris data",
            line=header_line,
        )
    if stray:
        positions = _listing(f"ke-{index + 1}" for index in sorted(stray))
        warnings.append(f"Isi kolom tanpa judul (kolom {positions}) diabaikan")
    columns = tuple(name for _, name in sorted(known.items()))
    return CsvTable(columns, tuple(rows), tuple(problems), tuple(warnings))


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
