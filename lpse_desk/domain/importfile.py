"""Import files kept small: a size limit checked before reading, and bounded error reports.

A file of bad lines must not turn into as many messages: the officer sees the first
``MAX_PROBLEMS`` problems by line and how many more lines are wrong, and memory stays the
same whatever the file holds.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

from lpse_desk.domain.csvfile import LineProblem, format_problems
from lpse_desk.domain.errors import DeskError, ValidationError
from lpse_desk.domain.textfmt import count_id, format_decimal_id

MEGABYTE = 1024 * 1024
MAX_PROBLEMS = 100
"""Problems listed for a refused file; the other bad lines are only counted."""
MAX_WARNINGS = 20
"""Warnings listed for an imported file; the others are only counted."""
BATCH_ROWS = 200
"""Rows written per transaction: short enough that another desk waits well under a second
for the write lock (see ``benchmarks/imports.py``)."""
MAX_PAUSE = 0.1
"""Longest pause after a batch. SQLite's busy handler polls a waiting desk every 100 ms at
most; without a pause the import would take the lock again before the poll comes round."""


def pause_after(seconds: float) -> float:
    """How long to leave the lock to others after a batch that held it ``seconds``."""
    return min(MAX_PAUSE, seconds)


_T = TypeVar("_T")


def _too_large(path: Path, size: int, max_mb: int) -> ValidationError:
    shown = format_decimal_id(size / MEGABYTE, 1)
    return ValidationError(
        f"Berkas {path.name} berukuran {shown} MB, melebihi batas impor {max_mb} MB; tidak ada "
        "yang dibaca. Pecah berkas menjadi beberapa berkas yang masing-masing di bawah "
        f"{max_mb} MB (mis. per minggu; setiap berkas tetap diawali baris judul yang sama) lalu "
        "impor satu per satu, atau naikkan batasnya dengan impor_maks_mb di data/settings.toml",
        field="berkas",
    )


def read_file(path: Path, *, max_mb: int) -> bytes:
    """The bytes of the CSV file someone named; ValidationError (Indonesian) when it is
    missing, a folder, unreadable, or larger than ``max_mb`` (refused before it is read).

    The CLI and the desk's import dialog share it. The bytes (at most ``max_mb``) are held
    so that the check and the write read the very same file, not one changed in between.
    """
    if not str(path).strip() or str(path) == ".":
        raise ValidationError("Tulis lokasi berkas CSV", field="berkas")
    if not path.exists():
        raise ValidationError(f"Berkas {path} tidak ditemukan", field="berkas")
    if path.is_dir():
        raise ValidationError(f"{path} adalah folder, bukan berkas CSV", field="berkas")
    limit = max_mb * MEGABYTE
    try:
        size = path.stat().st_size
        if size > limit:
            raise _too_large(path, size, max_mb)
        with path.open("rb") as handle:
            # At most one byte past the limit: a file that grew since stat() is refused too.
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ValidationError(
            f"Berkas {path} tidak dapat dibaca: {exc.strerror or exc}", field="berkas"
        ) from None
    if len(data) > limit:
        raise _too_large(path, len(data), max_mb)
    return data


class ProblemLog:
    """The problems of a file as it is read: the first ``limit`` by line, the rest counted."""

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.limit = limit
        self.lines = 0
        """Lines with at least one problem."""
        self._kept: list[tuple[int, int, LineProblem]] = []
        self._added = 0

    def __bool__(self) -> bool:
        return self.lines > 0

    def add(self, problems: Sequence[LineProblem]) -> None:
        """Record the problems of one line (nothing when the line is good)."""
        if not problems:
            return
        self.lines += 1
        for problem in problems:
            self._added += 1
            # A max-heap of the kept ones by (line, arrival): the lowest lines stay even
            # when a later check (the store's) reports an earlier line.
            item = (-problem.line, -self._added, problem)
            if len(self._kept) < self.limit:
                heapq.heappush(self._kept, item)
            elif item > self._kept[0]:
                heapq.heapreplace(self._kept, item)

    def shown(self) -> list[LineProblem]:
        """The kept problems, in line order."""
        return [problem for _, _, problem in sorted(self._kept, reverse=True)]

    def report(self, source: str) -> list[str]:
        """``bookings.csv baris 4, kolom no_hp: …`` lines, then how many more lines are wrong."""
        shown = self.shown()
        lines = format_problems(shown, source)
        hidden = self.lines - len({problem.line for problem in shown})
        if hidden:
            lines.append(f"… dan {count_id(hidden)} baris lain juga salah")
        return lines


class WarningLog:
    """Warnings of a file: the first ``limit`` kept, the rest counted."""

    def __init__(self, limit: int = MAX_WARNINGS) -> None:
        self.limit = limit
        self._kept: list[str] = []
        self.hidden = 0

    def add(self, warnings: Iterable[str]) -> None:
        """Record warnings in the order they were found."""
        for warning in warnings:
            if len(self._kept) < self.limit:
                self._kept.append(warning)
            else:
                self.hidden += 1

    def lines(self) -> tuple[str, ...]:
        """The kept warnings, then how many more there were."""
        more = (f"… dan {count_id(self.hidden)} peringatan lain",) if self.hidden else ()
        return (*self._kept, *more)


class ImportInterrupted(DeskError):
    """A fault after some batches were written: those stay, and importing the same file
    again completes it (what is stored already is skipped, never doubled)."""

    def __init__(self, cause: DeskError, *, stored: int, total: int, what: str) -> None:
        super().__init__(
            f"{cause}\nImpor terhenti: {count_id(stored)} dari {count_id(total)} {what} sudah "
            "tersimpan, sisanya belum. Setelah masalahnya diatasi, impor berkas yang sama lagi "
            "untuk melanjutkan; yang sudah tersimpan tidak diimpor dua kali."
        )
        self.stored = stored


def chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (the last one shorter); never more than one list held."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
