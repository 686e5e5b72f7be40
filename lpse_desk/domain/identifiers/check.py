"""What every identifier check shares: the verdict type, cleaning digits, ``require``."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from lpse_desk.domain.errors import ValidationError

DIGITS = frozenset(string.digits)
NUMBER_SEPARATORS = " \u00a0.-"
"""Typed or pasted between digit groups; the no-break space arrives when copying from PDFs."""

PHONE_SEPARATORS = " \u00a0.-()"


@dataclass(frozen=True)
class IdCheck:
    """The verdict on one identifier: its canonical and display forms, or why it fails."""

    kind: str
    raw: str
    normalized: str | None
    display: str | None
    error: str | None
    warnings: tuple[str, ...] = ()
    details: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # One result may be shown by several widgets; none of them may change it for the others.
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken (warnings do not count)."""
        return self.error is None


def _raw(value: object) -> str:
    return value if isinstance(value, str) else ""


def fail(kind: str, value: object, error: str) -> IdCheck:
    return IdCheck(kind=kind, raw=_raw(value), normalized=None, display=None, error=error)


def char_label(char: str) -> str:
    """A character as an officer can read it; invisible ones by their code point."""
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def strip_separators(text: str) -> str:
    """``text`` without the separators typed or pasted between digit groups."""
    for separator in NUMBER_SEPARATORS:
        text = text.replace(separator, "")
    return text


def clean_digits(kind: str, value: object, separators: str = NUMBER_SEPARATORS) -> str | IdCheck:
    """The ASCII digits of a number with its separators removed, or the failed check."""
    if not isinstance(value, str):
        return fail(kind, value, f"{kind} belum diisi" if value is None else f"{kind} harus teks")
    text = value.strip()
    if not text:
        return fail(kind, value, f"{kind} belum diisi")
    for separator in separators:
        text = text.replace(separator, "")
    # str.isdigit() accepts '١' and '²'; only ASCII digits are a number here.
    bad = next((char for char in text if char not in DIGITS), None)
    if bad is not None:
        return fail(kind, value, f"{kind} berisi karakter selain angka: {char_label(bad)}")
    return text


def group4(digits: str) -> str:
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def require(check: IdCheck, *, field: str | None = None) -> str:
    """The normalized value of a passing check; otherwise raise ValidationError with its error."""
    if check.error is not None or check.normalized is None:
        raise ValidationError(check.error or f"{check.kind} tidak valid", field=field)
    return check.normalized
