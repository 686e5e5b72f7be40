"""Indonesian formatting and parsing of moments, dates, numbers and durations.

Used by the CLI, the receipts and the screens. Parsers and formatters raise only
``ValidationError`` (message in Indonesian) whatever text they are given, so callers can
show the message to the officer as is.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from lpse_desk.domain.clock import WIB, to_wib
from lpse_desk.domain.errors import ValidationError

DAY_NAMES: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Day names indexed by ``date.weekday()`` (Senin = 0)."""

MONTH_NAMES: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
"""Month names indexed by ``month - 1``."""

MIN_YEAR = 1900
"""Earliest year the parsers accept; older years in this desk are typing mistakes."""

MAX_YEAR = 2999
"""Latest year the parsers accept."""

_WIB_HINT = "gunakan format YYYY-MM-DD HH:MM"
_DATE_HINT = "gunakan YYYY-MM-DD atau DD/MM/YYYY"

# re.ASCII: int() would happily read Arabic-Indic or full-width digits, which no officer
# means to type and which would then print differently from what was entered.
_ISO_MOMENT = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:T|\s+)(\d{1,2})[:.](\d{2})(?:\s*WIB)?",
    re.ASCII | re.IGNORECASE,
)
_DMY_MOMENT = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:.](\d{2})(?:\s*WIB)?",
    re.ASCII | re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)

# Digits the number formatter will spell out; beyond this a value is a typing accident
# and a huge exponent would make Decimal allocate without bound.
_MAX_DIGITS = 60


def _shown(text: str) -> str:
    """The input as quoted back in a message, cut short so a pasted page stays readable."""
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _date_problem(year: int, month: int, day: int) -> str | None:
    """What is wrong with a year/month/day triple, in Indonesian, or None if it is a date."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return f"tahun {year} di luar rentang {MIN_YEAR}–{MAX_YEAR}"
    if not 1 <= month <= 12:
        return f"bulan {month} tidak ada"
    last = _stdcal.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"tanggal {day} tidak ada di bulan {MONTH_NAMES[month - 1]} {year}"
    return None


def _require(value: object, kind: type | tuple[type, ...], what: str) -> None:
    """Reject a value of the wrong type with a ValidationError instead of a TypeError."""
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValidationError(
            f"{what} tidak dapat diformat: nilainya bertipe {type(value).__name__}"
        )


def format_wib(moment: datetime) -> str:
    """``2026-03-16 10:00 WIB``: the compact form for lists, logs and CSV-like places."""
    _require(moment, datetime, "Waktu")
    m = to_wib(moment)
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d} {m.hour:02d}:{m.minute:02d} WIB"


def format_long_id(moment: datetime) -> str:
    """``Senin, 16 Maret 2026 pukul 10.00 WIB``: the form printed on receipts and letters."""
    _require(moment, datetime, "Waktu")
    m = to_wib(moment)
    return (
        f"{DAY_NAMES[m.weekday()]}, {m.day} {MONTH_NAMES[m.month - 1]} {m.year} "
        f"pukul {m.hour:02d}.{m.minute:02d} WIB"
    )


def deadline_wall(moment: datetime) -> tuple[date, int, int]:
    """A deadline's WIB day, hour and minute, 00.00 written as 24.00 of the day before.

    A file verified on a Saturday or a holiday has its working time counted from the next
    working day's 00.00, so its deadline falls at 00.00: the end of the working day before,
    not the start of the one after ("Senin pukul 24.00", never "Selasa pukul 00.00")."""
    _require(moment, datetime, "Tenggat")
    m = to_wib(moment)
    if (m.hour, m.minute, m.second, m.microsecond) == (0, 0, 0, 0):
        return m.date() - timedelta(days=1), 24, 0
    return m.date(), m.hour, m.minute


def format_deadline_id(moment: datetime) -> str:
    """``Senin, 13 Juli 2026 pukul 24.00 WIB``: ``format_long_id`` for a deadline."""
    day, hour, minute = deadline_wall(moment)
    return (
        f"{DAY_NAMES[day.weekday()]}, {day.day} {MONTH_NAMES[day.month - 1]} {day.year} "
        f"pukul {hour:02d}.{minute:02d} WIB"
    )


def format_deadline_wib(moment: datetime) -> str:
    """``2026-07-13 24:00 WIB``: ``format_wib`` for a deadline."""
    day, hour, minute = deadline_wall(moment)
    return f"{day:%Y-%m-%d} {hour:02d}:{minute:02d} WIB"


def format_date_id(day: date) -> str:
    """``16 Maret 2026``; a datetime is first taken to its WIB date."""
    _require(day, date, "Tanggal")
    if isinstance(day, datetime):
        day = to_wib(day).date()
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_decimal_id(value: Decimal | float | int | str, places: int = 2) -> str:
    """``1.234,50``: Indonesian separators, rounded half-up to ``places`` decimals."""
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 20:
        raise ValidationError(f"Jumlah desimal {places!r} tidak valid; gunakan 0 sampai 20")
    _require(value, (Decimal, float, int, str), "Angka")
    try:
        # str() of a float is its shortest round-trip form, so 0.125 rounds to 0,13 as a
        # person reading "0.125" expects, not to 0,12 as its binary value would.
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f'Angka "{_shown(str(value))}" tidak valid') from None
    if not number.is_finite():
        raise ValidationError(f'Angka "{_shown(str(value))}" tidak valid: bukan bilangan hingga')
    if number and number.adjusted() >= _MAX_DIGITS:
        raise ValidationError(f'Angka "{_shown(str(value))}" terlalu besar')
    with localcontext() as ctx:
        ctx.prec = _MAX_DIGITS + places + 2
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # "-0,00" means nothing to a reader
    english = format(rounded, ",f")
    return english.translate(str.maketrans({",": ".", ".": ","}))


def count_id(number: int) -> str:
    """``4.213``: a count with the Indonesian thousands separator."""
    return format_decimal_id(number, 0)


def format_duration_id(delta: timedelta) -> str:
    """``2 jam 5 menit``, ``1 hari 3 jam``, ``45 menit``, ``0 menit``; negative → ``lewat …``.

    Seconds are dropped (truncated toward zero). A day is 24 hours of the delta; for a
    working-time delta that is one full working day. A negative delta is an overdue
    deadline and reads ``lewat 2 jam`` ("2 hours past"); anything under a minute is
    ``0 menit`` without a prefix.
    """
    _require(delta, timedelta, "Durasi")
    negative = delta < timedelta(0)
    total_minutes = int(abs(delta).total_seconds() // 60)
    if total_minutes == 0:
        return "0 menit"
    days, rest = divmod(total_minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{count} {unit}"
        for count, unit in ((days, "hari"), (hours, "jam"), (minutes, "menit"))
        if count
    ]
    text = " ".join(parts)
    return f"lewat {text}" if negative else text


def format_elapsed_id(delta: timedelta) -> str:
    """How long something has lasted (a wait, a service): ``12 menit``. Never ``lewat …``: a
    moment slightly ahead of this desk's clock (another PC's clock runs a little fast, or the
    demo filled at night plays the hours before 03.00) has lasted ``0 menit`` so far."""
    return format_duration_id(max(delta, timedelta(0)))


def _typed_in(text: str, what: str, hint: str) -> str:
    """``text`` stripped; not text, or nothing typed, is refused naming ``what``."""
    if not isinstance(text, str):
        raise ValidationError(f"{what} harus berupa teks, bukan {type(text).__name__}")
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(f"{what} belum diisi; {hint}")
    return cleaned


def parse_wib(text: str) -> datetime:
    """Read ``YYYY-MM-DD HH:MM`` (or ``YYYY-MM-DDTHH:MM``, ``DD/MM/YYYY HH:MM``) as WIB.

    ``HH.MM`` is accepted as well as ``HH:MM`` (the Indonesian habit), and a trailing
    ``WIB`` so that the output of ``format_wib`` reads back.
    """
    cleaned = _typed_in(text, "Waktu", _WIB_HINT)
    if match := _ISO_MOMENT.fullmatch(cleaned):
        year, month, day, hour, minute = (int(g) for g in match.groups())
    elif match := _DMY_MOMENT.fullmatch(cleaned):
        day, month, year, hour, minute = (int(g) for g in match.groups())
    else:
        raise ValidationError(
            f'Waktu "{_shown(text)}" tidak dikenali; {_WIB_HINT} (contoh 2026-03-16 10:00)'
        )
    problem = _date_problem(year, month, day)
    if problem is None and hour > 23:
        problem = f"jam {hour} tidak ada"
    if problem is None and minute > 59:
        problem = f"menit {minute} tidak ada"
    if problem is not None:
        raise ValidationError(f'Waktu "{_shown(text)}" tidak valid: {problem}; {_WIB_HINT}')
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


def parse_date(text: str) -> date:
    """Read ``YYYY-MM-DD`` or ``DD/MM/YYYY`` as a date."""
    cleaned = _typed_in(text, "Tanggal", _DATE_HINT)
    if match := _ISO_DATE.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY_DATE.fullmatch(cleaned):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValidationError(f'Tanggal "{_shown(text)}" tidak dikenali; {_DATE_HINT}')
    problem = _date_problem(year, month, day)
    if problem is not None:
        raise ValidationError(f'Tanggal "{_shown(text)}" tidak valid: {problem}; {_DATE_HINT}')
    return date(year, month, day)


def parse_date_field(text: str, *, field: str, name: str) -> date:
    """``parse_date`` of one form field: its refusal names the field ("Sampai: Tanggal …")
    and carries its ``field`` for the form's focus."""
    try:
        return parse_date(text)
    except ValidationError as exc:
        raise ValidationError(f"{name}: {exc}", field=field) from None


# Control characters (C0, DEL, C1), the line and paragraph separators, and the bidi
# overrides: each would move the cursor, break a table row or reorder a terminal line.
_OTHER_UNPRINTABLE = "\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = re.compile(f"[\n{_OTHER_UNPRINTABLE}]")
_UNPRINTABLE_BUT_NEWLINE = re.compile(f"[{_OTHER_UNPRINTABLE}]")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """Stored text as it may reach a terminal: every control character written as an escape.

    A name with a tab, a newline or ``\\x1b[2J`` prints as ``\\t``, ``\\n``, ``\\x1b[2J``:
    one record stays on one line and nothing is sent to the terminal as a command.
    ``keep_newlines`` keeps line breaks of a multi-line message. None is "".
    """
    if text is None:
        return ""
    pattern = _UNPRINTABLE_BUT_NEWLINE if keep_newlines else _UNPRINTABLE
    return pattern.sub(_visible, str(text))
