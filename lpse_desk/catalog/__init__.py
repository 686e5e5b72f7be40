"""Load ``data/catalog.toml`` into domain objects, refusing any file with a problem.

A typo in the catalog must surface when the desk starts, never halfway through a
visit, so every key, type and cross-reference is checked here and all problems
are reported together, one per line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from lpse_desk import paths
from lpse_desk.catalog.reading import Report, read_catalog
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.errors import CatalogError

_TOML_MESSAGES = (
    (("Cannot ", "Duplicate "), "kunci atau tabel ditulis dua kali"),
    (("Expected '='",), 'tanda "=" tidak ada setelah nama kunci'),
    (("Invalid value",), "nilai tidak sah (teks diapit tanda petik; ya/tidak ditulis true/false)"),
    (("Invalid statement", "Invalid initial"), "baris atau nama kunci tidak dapat dibaca"),
    (("Unterminated string",), "teks tidak ditutup dengan tanda petik"),
    (("Unclosed", "Expected ']"), 'tanda kurung "]" atau "}" tidak ditutup'),
    (("Invalid date",), "tanggal tidak sah (tulis TTTT-BB-HH)"),
    (("Illegal character", "Unescaped", "Found invalid"), "ada karakter yang tidak sah"),
    (("Expected newline",), "setelah sebuah nilai harus ganti baris"),
)
_TOML_POSITION = re.compile(
    r"^(?P<text>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)


_LOADED: dict[tuple[str, int, int, int], Catalog] = {}
"""Catalogs already read, by file and its state (path, inode, size, modification time)."""


def load_catalog(path: Path | None = None) -> Catalog:
    """Read and validate the catalog; CatalogError lists every problem found.

    A catalog is immutable: the same file, unchanged since it was last read here, gives the
    same object without parsing it again (an admin's edit changes its size or time)."""
    path = paths.catalog_file() if path is None else path
    try:
        state = path.stat()
        seen = (str(path.resolve()), state.st_ino, state.st_size, state.st_mtime_ns)
    except OSError:
        seen = None  # _parse says what is wrong with the file
    if seen is not None and seen in _LOADED:
        return _LOADED[seen]
    report = Report(str(path))
    document = _parse(path, report)
    catalog = None if document is None else read_catalog(document, str(path), report)
    if report.lines or catalog is None:
        raise CatalogError("\n".join(report.lines))
    if seen is not None:
        if len(_LOADED) >= 16:
            _LOADED.clear()
        _LOADED[seen] = catalog
    return catalog


def _parse(path: Path, report: Report) -> dict[str, Any] | None:
    """The TOML document as a dict, or None after recording why it cannot be read."""
    try:
        # utf-8-sig: Windows Notepad puts a BOM in front, which tomllib rejects.
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            reason = "tidak ditemukan"
        elif isinstance(error, IsADirectoryError):
            reason = "adalah folder; sebut berkas .toml-nya"
        elif isinstance(error, PermissionError):
            reason = "tidak dapat dibaca: izin ditolak"
        else:
            reason = "tidak dapat dibaca"
        report.add("", f"berkas katalog {reason}")
        return None
    except UnicodeDecodeError:
        report.add("", "berkas katalog bukan teks UTF-8; simpan ulang sebagai UTF-8")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        report.add("", toml_problem(str(error)))
        return None


def toml_problem(message: str) -> str:
    """An Indonesian rendering of a tomllib error, keeping its line and column (the catalog,
    the calendar and the settings file are TOML an admin edits by hand)."""
    match = _TOML_POSITION.match(message)
    detail = match["text"] if match else message
    place = "di akhir berkas"
    if match and match["line"]:
        place = f"pada baris {match['line']}, kolom {match['col']}"
    for english, indonesian in _TOML_MESSAGES:
        if detail.startswith(english):
            return f"sintaks TOML salah {place}: {indonesian}"
    return f"sintaks TOML salah {place}: {detail}"
