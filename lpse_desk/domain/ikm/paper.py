"""Paper IKM questionnaires typed into a spreadsheet: reading and checking the CSV.

Columns ``tanggal,layanan,persyaratan,…,sarana`` (scores 1–4) and the optional
``jenis_kelamin,usia,pendidikan,pekerjaan,saran``. The whole file is checked, line by line,
and its problems reported by line and column (the first ``MAX_PROBLEMS``, then a count);
the caller imports nothing while any remains.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, TypeVar

from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.csvfile import CsvRow, CsvStream, LineProblem, parse_csv_date
from lpse_desk.domain.errors import NotFound, ValidationError
from lpse_desk.domain.ikm.index import MAX_SARAN_LENGTH, UNSUR_KEYS, check_score
from lpse_desk.domain.ikm.profile import (
    Profile,
    check_age,
    check_education,
    check_occupation,
    check_sex,
)
from lpse_desk.domain.importfile import MAX_PROBLEMS, ProblemLog
from lpse_desk.domain.textfmt import format_date_id

REQUIRED_COLUMNS: tuple[str, ...] = ("tanggal", "layanan", *UNSUR_KEYS)
OPTIONAL_COLUMNS: tuple[str, ...] = ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran")

_T = TypeVar("_T")


@dataclass(frozen=True)
class PaperResponse:
    """One valid questionnaire of the file, ready to be stored."""

    line: int
    service_date: date
    service_code: str
    scores: Mapping[str, int] = field(hash=False)
    profile: Profile
    saran: str | None


@dataclass(frozen=True)
class PaperFile:
    """The questionnaires read from a file, every problem, and the warnings."""

    responses: tuple[PaperResponse, ...]
    problems: tuple[LineProblem, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when no line has a problem."""
        return not self.problems


def _day(text: str, today: date) -> date:
    if not text:
        raise ValidationError(
            "Tanggal belum diisi; gunakan YYYY-MM-DD atau DD/MM/YYYY", field="tanggal"
        )
    day = parse_csv_date(text)
    if day > today:
        raise ValidationError(
            f"Tanggal {format_date_id(day)} belum tiba (hari ini {format_date_id(today)}); "
            "kuesioner hanya untuk layanan yang sudah diberikan",
            field="tanggal",
        )
    return day


def _service(text: str, catalog: Catalog) -> str:
    if not text:
        raise ValidationError(
            f"Layanan belum diisi; isi salah satu kode: {', '.join(catalog.codes())}",
            field="layanan",
        )
    try:
        # A closed service was still served on the questionnaire's day: no is_open check.
        return catalog.service(text).code
    except NotFound as error:
        raise ValidationError(str(error), field="layanan") from None


def _saran(text: str) -> str | None:
    if len(text) > MAX_SARAN_LENGTH:
        raise ValidationError(
            f"Saran terlalu panjang: {len(text)} karakter (maksimum {MAX_SARAN_LENGTH})",
            field="saran",
        )
    return text or None


class _RowCheck:
    """Collects the problems of one row, column by column."""

    def __init__(self, row: CsvRow, problems: list[LineProblem]) -> None:
        self.row = row
        self.problems = problems
        self.failed = False

    def __call__(self, column: str, check: Callable[..., _T], *args: object, **kw) -> _T | None:
        try:
            return check(self.row.values[column], *args, **kw)
        except ValidationError as error:
            self.problems.append(LineProblem(self.row.line, column, str(error)))
            self.failed = True
            return None


class PaperReader:
    """A file of paper questionnaires checked line by line: iterating yields the good ones.

    The problems of the bad lines go to ``problems`` (bounded), complete once iteration
    ends. File-level faults (empty, not UTF-8, not CSV, missing columns) raise ``CsvError``.
    """

    def __init__(
        self,
        data: bytes | BinaryIO,
        *,
        catalog: Catalog,
        today: date,
        max_problems: int = MAX_PROBLEMS,
    ) -> None:
        self._table = CsvStream(data, required=REQUIRED_COLUMNS, optional=OPTIONAL_COLUMNS)
        self._catalog, self._today = catalog, today
        self.problems = ProblemLog(max_problems)
        self._closed: dict[str, list[int]] = {}
        """Lines of questionnaires about a service the catalog now marks closed."""

    @property
    def warnings(self) -> tuple[str, ...]:
        """The file's warnings (unknown or untitled columns; services closed now, once read)."""
        closed = tuple(
            f"{len(lines)} kuesioner tentang layanan {code}, yang kini tutup (baris "
            f"{', '.join(map(str, lines[:5]))}{', …' if len(lines) > 5 else ''}): diimpor dan "
            "dihitung; pastikan tanggalnya saat layanan itu masih dibuka"
            for code, lines in self._closed.items()
        )
        return closed + tuple(self._table.warnings)  # counted ones first: the screen shows 3

    def __iter__(self) -> Iterator[PaperResponse]:
        for item in self._table:
            if isinstance(item, LineProblem):
                self.problems.add([item])
                continue
            problems: list[LineProblem] = []
            response = self._check(item, problems)
            self.problems.add(problems)
            if response is not None:
                yield response

    def _check(self, row: CsvRow, problems: list[LineProblem]) -> PaperResponse | None:
        check = _RowCheck(row, problems)
        day = check("tanggal", _day, self._today)
        service = check("layanan", _service, self._catalog)
        scores = {key: check(key, check_score, unsur=key) for key in UNSUR_KEYS}
        profile = Profile(
            check("jenis_kelamin", check_sex),
            check("usia", check_age),
            check("pendidikan", check_education),
            check("pekerjaan", check_occupation),
        )
        saran = check("saran", _saran)
        if check.failed:
            return None
        if not self._catalog.services[service].is_open:  # served once, maybe: said, not refused
            self._closed.setdefault(service, []).append(row.line)
        return PaperResponse(row.line, day, service, scores, profile, saran)


def parse_paper_responses(data: bytes, *, catalog: Catalog, today: date) -> PaperFile:
    """A small file of paper questionnaires read whole (``PaperReader`` collected)."""
    reader = PaperReader(data, catalog=catalog, today=today)
    responses = tuple(reader)
    return PaperFile(responses, tuple(reader.problems.shown()), reader.warnings)
