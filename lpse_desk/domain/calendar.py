"""The working calendar: which days the desk serves, and deadlines counted in working time.

Working days are Monday to Friday (Perpres 21/2023) minus national holidays, minus cuti
bersama when the setting says they close the desk, minus the admin's extra closed days,
plus the admin's extra open days (``data/calendar.toml``).

Working time is wall-clock time in WIB that falls on a working day: each working day
contributes its full 24 hours and other days contribute nothing. So "1x24 jam (hari
kerja)" is the same clock time on the next working day, and a clock started on a closed
day starts at 00:00 of the next working day. WIB has had no offset change since 1964, so
wall-clock arithmetic and instant arithmetic agree.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import combinations
from pathlib import Path
from types import MappingProxyType

from lpse_desk.domain.clock import WIB, to_wib
from lpse_desk.domain.errors import CalendarError, ValidationError
from lpse_desk.domain.textfmt import parse_date

_ONE_DAY = timedelta(days=1)
_MIDNIGHT = time()
_SEARCH_LIMIT_DAYS = 3660
"""How far next/previous working day may look before declaring the calendar broken."""

CUTI_BERSAMA_CLOSED = "libur"
CUTI_BERSAMA_OPEN = "kerja"
_SECTION_CLOSED = "hari_tutup"
_SECTION_OPEN = "hari_buka"
_SECTION_CUTI = "cuti_bersama_tambahan"
_KNOWN_KEYS = ("cuti_bersama", _SECTION_CLOSED, _SECTION_OPEN, _SECTION_CUTI)


def _frozen(days: Mapping[date, str]) -> Mapping[date, str]:
    """A read-only copy, so settings shared between threads cannot be changed under them."""
    return MappingProxyType(dict(days))


@dataclass(frozen=True)
class CalendarSettings:
    """What ``calendar.toml`` holds: the cuti-bersama choice and the admin's extra days."""

    cuti_bersama_closed: bool = True
    """True when cuti bersama close the desk (``cuti_bersama = "libur"``)."""
    extra_closed: Mapping[date, str] = field(default_factory=dict, hash=False)
    """Extra closed days (date → reason shown to officers)."""
    extra_open: Mapping[date, str] = field(default_factory=dict, hash=False)
    """Extra open days (date → reason), working even on a weekend or holiday."""
    extra_cuti: Mapping[date, str] = field(default_factory=dict, hash=False)
    """Cuti bersama the holidays data lacks (date → name, e.g. a later SKB): closed or open
    with the ``cuti_bersama`` choice, like the ones in the data."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_closed", _frozen(self.extra_closed))
        object.__setattr__(self, "extra_open", _frozen(self.extra_open))
        object.__setattr__(self, "extra_cuti", _frozen(self.extra_cuti))


def parse_cuti_bersama(value: str) -> bool:
    """``"libur"`` → True (desk closed on cuti bersama), ``"kerja"`` → False."""
    cleaned = value.strip().lower() if isinstance(value, str) else None
    if cleaned == CUTI_BERSAMA_CLOSED:
        return True
    if cleaned == CUTI_BERSAMA_OPEN:
        return False
    raise ValidationError("--cuti-bersama harus 'libur' atau 'kerja'", field="cuti_bersama")


# tomllib's messages are English; the admin who edits the file reads Indonesian.
_TOML_PROBLEMS = (
    ("Invalid value", 'nilai tidak valid (teks harus di antara tanda kutip, misalnya "Rapat")'),
    ("Cannot overwrite a value", "kunci yang sama ditulis dua kali"),
    ("Cannot declare", "tabel yang sama ditulis dua kali"),
    ("Unterminated string", "tanda kutip penutup tidak ada"),
    ("Expected '=' after a key", "tanda '=' tidak ada setelah kunci"),
    (
        "Expected newline or end of document",
        "ada teks berlebih; satu baris berisi satu kunci = nilai",
    ),
    ("Invalid statement", "baris tidak dapat dibaca"),
    ("Invalid initial character for a key", "kunci diawali karakter yang tidak boleh"),
    ("Illegal character", "ada karakter yang tidak boleh dipakai"),
)
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _syntax_error(path: Path, text: str, error: tomllib.TOMLDecodeError) -> CalendarError:
    """A CalendarError for a TOML syntax error, naming the file and line in Indonesian."""
    detail = str(error)
    position = _TOML_POSITION.search(detail)
    where = ""
    if position is not None:
        detail = detail[: position.start()]
        if position.group(1):
            where = f", baris {position.group(1)} kolom {position.group(2)}"
        else:
            where = f", baris {max(1, len(text.splitlines()))} (akhir berkas)"
    problem = next(
        (indonesian for english, indonesian in _TOML_PROBLEMS if detail.startswith(english)),
        f"penulisan TOML tidak valid ({detail})",
    )
    return CalendarError(f"{path}{where}: {problem}")


def _read_days(path: Path, section: str, raw: object) -> dict[date, str]:
    """The ``date = "reason"`` entries of one section, validated."""
    if not isinstance(raw, dict):
        raise CalendarError(
            f'{path}: {section} harus berupa tabel [{section}] berisi baris tanggal = "alasan"'
        )
    days: dict[date, str] = {}
    for key, reason in raw.items():
        try:
            day = parse_date(key)
        except ValidationError as error:
            raise CalendarError(f"{path}: [{section}] {error}") from None
        if not isinstance(reason, str):
            raise CalendarError(
                f'{path}: [{section}] "{key}": alasan harus teks dalam tanda kutip, '
                f'misalnya {day.isoformat()} = "Rapat dinas"'
            )
        if not reason.strip():
            raise CalendarError(f'{path}: [{section}] "{key}": alasan tidak boleh kosong')
        if day in days:
            raise CalendarError(f"{path}: [{section}] tanggal {day.isoformat()} ditulis dua kali")
        days[day] = reason.strip()
    return days


def load_calendar_settings(path: Path) -> CalendarSettings:
    """Read and validate ``calendar.toml``; a missing file gives the defaults."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return CalendarSettings()
    except IsADirectoryError:
        raise CalendarError(f"{path}: ini folder, bukan berkas kalender") from None
    except PermissionError:
        raise CalendarError(f"{path}: tidak ada izin untuk membaca berkas ini") from None
    except OSError as error:
        raise CalendarError(f"{path}: berkas tidak dapat dibaca ({error.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CalendarError(
            f"{path}: berkas bukan teks UTF-8; simpan ulang sebagai UTF-8"
        ) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(path, text, error) from None

    for key in document:
        if key not in _KNOWN_KEYS:
            raise CalendarError(
                f'{path}: kunci "{key}" tidak dikenal; yang boleh: {", ".join(_KNOWN_KEYS)}'
            )
    cuti_value = document.get("cuti_bersama", CUTI_BERSAMA_CLOSED)
    try:
        cuti_closed = parse_cuti_bersama(cuti_value)
    except ValidationError:
        shown = f'"{cuti_value}"' if isinstance(cuti_value, str) else repr(cuti_value)
        raise CalendarError(
            f'{path}: cuti_bersama = {shown} tidak dikenal; isi "libur" atau "kerja"'
        ) from None
    sections = {
        section: _read_days(path, section, document.get(section, {}))
        for section in (_SECTION_CLOSED, _SECTION_OPEN, _SECTION_CUTI)
    }
    for first, second in combinations(sections, 2):
        both = sorted(sections[first].keys() & sections[second].keys())
        if both:
            raise CalendarError(
                f"{path}: tanggal {both[0].isoformat()} ada di [{first}] dan di [{second}]; "
                "hapus salah satunya"
            )
    return CalendarSettings(cuti_bersama_closed=cuti_closed, extra_closed=sections[_SECTION_CLOSED],
                            extra_open=sections[_SECTION_OPEN],
                            extra_cuti=sections[_SECTION_CUTI])  # fmt: skip


@cache
def _holiday_tables(year: int) -> tuple[Mapping[date, str], Mapping[date, str]]:
    """National holidays and cuti bersama of a year (Indonesian names), computed once."""
    # Deferred: importing holidays costs about 85 ms, which `lpse-desk --help` must not pay.
    import holidays

    def table(category: str) -> Mapping[date, str]:
        found = holidays.country_holidays("ID", years=year, categories=(category,), language="id")
        return MappingProxyType(dict(found))

    # The ID calendar files cuti bersama under "government" and national holidays under
    # "public"; asking separately keeps the two apart when they fall on the same date.
    return table("public"), table("government")


def _wall(moment: datetime) -> datetime:
    """The moment as naive WIB wall-clock time, for day-by-day arithmetic."""
    return to_wib(moment).replace(tzinfo=None)


def _aware(wall: datetime) -> datetime:
    """A naive WIB wall-clock time made aware again."""
    return wall.replace(tzinfo=WIB)


class WorkingCalendar:
    """Answers which days are working days and does deadline arithmetic in working time."""

    def __init__(self, settings: CalendarSettings | None = None) -> None:
        self.settings = settings if settings is not None else CalendarSettings()
        """The cuti-bersama choice and the admin's extra days in force."""

    @classmethod
    def from_file(cls, path: Path, *, cuti_bersama_closed: bool | None = None) -> WorkingCalendar:
        """A calendar from ``calendar.toml``; an explicit cuti-bersama choice overrides the file."""
        settings = load_calendar_settings(path)
        if cuti_bersama_closed is not None:
            settings = replace(settings, cuti_bersama_closed=cuti_bersama_closed)
        return cls(settings)

    def holiday_name(self, day: date) -> str | None:
        """The national holiday or cuti bersama on this day (named even when the desk works)."""
        public, _government = _holiday_tables(day.year)
        names = [name for name in (public.get(day), self.cuti_bersama_of(day.year).get(day))
                 if name]  # fmt: skip
        return "; ".join(names) if names else None

    def cuti_bersama_of(self, year: int) -> Mapping[date, str]:
        """The year's cuti bersama: the holidays data's and ``[cuti_bersama_tambahan]``."""
        _public, government = _holiday_tables(year)
        added = {day: name for day, name in self.settings.extra_cuti.items() if day.year == year}
        return {**government, **added}

    def closed_reason(self, day: date) -> str | None:
        """Why the desk is closed on this day, or None when it is a working day.

        Precedence: an admin open day wins over everything; then the admin's closed reason,
        the holiday's name, the cuti bersama's name (when they close the desk), and last
        "Sabtu"/"Minggu", so a holiday on a weekend is shown by its name.
        """
        settings = self.settings
        if day in settings.extra_open:
            return None
        if day in settings.extra_closed:
            return settings.extra_closed[day]
        public, government = _holiday_tables(day.year)
        if day in public:
            return public[day]
        if settings.cuti_bersama_closed and (day in government or day in settings.extra_cuti):
            return government.get(day) or settings.extra_cuti[day]
        weekday = day.weekday()
        if weekday == 5:
            return "Sabtu"
        if weekday == 6:
            return "Minggu"
        return None

    def is_working_day(self, day: date) -> bool:
        """True when the desk serves on this day."""
        return self.closed_reason(day) is None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self._step_to_working_day(day, _ONE_DAY)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self._step_to_working_day(day, -_ONE_DAY)

    def _step_to_working_day(self, day: date, step: timedelta) -> date:
        """Walk from ``day`` in ``step`` until a working day; bounded in case of a bad file."""
        candidate = day
        for _ in range(_SEARCH_LIMIT_DAYS):
            candidate += step
            if self.is_working_day(candidate):
                return candidate
        raise CalendarError(
            f"Tidak ada hari kerja dalam {_SEARCH_LIMIT_DAYS} hari dari {day.isoformat()}; "
            "periksa calendar.toml"
        )

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment when ``amount`` of working time has passed since ``start``.

        A start on a closed day counts from 00:00 of the next working day. When the amount
        ends exactly at midnight after a working day, the answer is 00:00 of the next
        working day (the same instant in working time, and the later wall-clock reading).
        A negative amount counts backwards (see ``resume``).
        """
        if amount < timedelta(0):
            return self._subtract_working_time(start, -amount)
        moment = _wall(start)
        left = amount
        while True:
            if not self.is_working_day(moment.date()):
                moment = datetime.combine(self.next_working_day(moment.date()), _MIDNIGHT)
            if not left:
                return _aware(moment)
            day_end = datetime.combine(moment.date() + _ONE_DAY, _MIDNIGHT)
            available = day_end - moment
            if left < available:
                return _aware(moment + left)
            left -= available
            moment = day_end

    def _subtract_working_time(self, end: datetime, amount: timedelta) -> datetime:
        """The moment from which ``amount`` (positive) of working time leads up to ``end``."""
        moment = _wall(end)
        left = amount
        while left:
            # The working hours just before `moment` belong to the previous day at midnight.
            day = moment.date() if moment.time() != _MIDNIGHT else moment.date() - _ONE_DAY
            if not self.is_working_day(day):
                day = self.previous_working_day(day)
                moment = datetime.combine(day + _ONE_DAY, _MIDNIGHT)
            day_start = datetime.combine(day, _MIDNIGHT)
            available = moment - day_start
            if left < available:
                return _aware(moment - left)
            left -= available
            moment = day_start
        return _aware(moment)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end``; zero when ``end`` is not after ``start``."""
        low, high = _wall(start), _wall(end)
        total = timedelta(0)
        if high <= low:
            return total
        day = low.date()
        while day <= high.date():
            if self.is_working_day(day):
                day_start = datetime.combine(day, _MIDNIGHT)
                overlap = min(high, day_start + _ONE_DAY) - max(low, day_start)
                if overlap > timedelta(0):
                    total += overlap
            day += _ONE_DAY
        return total

    def due_at(self, verified_at: datetime, *, hours: int = 24) -> datetime:
        """The deadline "maksimal {hours} jam (hari kerja)" after the file was verified."""
        if hours < 0:
            raise ValidationError(f"Batas waktu {hours} jam tidak valid; harus 0 atau lebih")
        return self.add_working_time(verified_at, timedelta(hours=hours))

    def remaining(self, due: datetime, at: datetime) -> timedelta:
        """Working time left at ``at`` until ``due``; negative (overdue) when ``at`` is past it."""
        if to_wib(at) <= to_wib(due):
            return self.working_time_between(at, due)
        return -self.working_time_between(due, at)

    def resume(self, resumed_at: datetime, remaining: timedelta) -> datetime:
        """The new deadline when a paused case resumes with ``remaining`` working time left.

        A negative remainder (paused while already overdue) gives a deadline that much
        working time before ``resumed_at``, so the case stays exactly as late as it was.
        """
        return self.add_working_time(resumed_at, remaining)


def missing_cuti_bersama(calendar: WorkingCalendar, today: date) -> str | None:
    """A warning when next year has no cuti bersama at all, neither in the holidays data nor
    in ``[cuti_bersama_tambahan]`` (the SKB is usually published a few months ahead)."""
    year = today.year + 1
    if calendar.cuti_bersama_of(year):
        return None
    return (
        f"Cuti bersama {year} belum ada di data kalender. Bila SKB 3 Menteri sudah terbit, "
        f"tulis harinya di [{_SECTION_CUTI}] pada calendar.toml; bila belum, periksa lagi nanti."
    )
