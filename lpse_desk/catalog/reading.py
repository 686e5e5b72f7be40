"""Reading the parsed catalog: every key, type, bound and cross-reference checked, every
problem recorded as ``file: entry: problem`` so they are reported together."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any

from lpse_desk.domain.catalog import (
    CONDITIONS,
    PROCEDURES,
    SERVICE_CODES,
    VENDOR_TYPES,
    Catalog,
    LegalBasis,
    Requirement,
    Service,
)

_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
_PREFIX_PATTERN = re.compile(r"[A-Z]")
# Bounds of the numbers of a service; beyond them a value is a typo, not a standard
# (480 counter minutes is a whole working day).
_LIMITS = {
    "counter_minutes": (1, 480, ""),
    "completion_hours": (1, 240, " (hapus kunci ini bila layanan selesai di loket)"),
    "fee_amount": (0, 100_000_000, ""),
}
_YEARS = range(1945, 2101)


@dataclass(frozen=True)
class _Kind:
    """A type a key may hold: the Indonesian words for it and its test."""

    expected: str
    test: Callable[[Any], bool]


def _is_int(value: Any) -> bool:
    """An integer that is not a bool (True is an int to Python, not to an admin)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_date(value: Any) -> bool:
    """A date without a time of day."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_list_of(item_type: type) -> Callable[[Any], bool]:
    """A test for a list whose items all have this type."""
    return lambda value: isinstance(value, list) and all(isinstance(i, item_type) for i in value)


_TEXT = _Kind("teks", lambda value: isinstance(value, str))
_BOOL = _Kind("true atau false", lambda value: isinstance(value, bool))
_INT = _Kind("bilangan bulat", _is_int)
_DATE = _Kind("tanggal (TTTT-BB-HH)", _is_date)
_DATE_OR_YEAR = _Kind(
    "tanggal (TTTT-BB-HH) atau tahun (mis. 2020)", lambda value: _is_date(value) or _is_int(value)
)
_TEXT_LIST = _Kind('daftar teks (mis. ["PT", "CV"])', _is_list_of(str))
_TABLE = _Kind("tabel", lambda value: isinstance(value, dict))
_TABLES = _Kind("daftar tabel [[...]]", _is_list_of(dict))


@dataclass(frozen=True)
class _Key:
    """How one key of a table is read: its kind, whether it must be present, its default."""

    kind: _Kind
    required: bool = True
    default: Any = None
    blank: bool = False
    """Whether an empty text is allowed."""


_TOP_KEYS = {"version": _Key(_TEXT), "updated": _Key(_DATE), "services": _Key(_TABLE)}
_SERVICE_KEYS = {
    "name": _Key(_TEXT),
    "description": _Key(_TEXT),
    "queue_prefix": _Key(_TEXT),
    "counter_minutes": _Key(_INT),
    # TOML has no null: an absent key means the service finishes at the counter.
    "completion_hours": _Key(_INT, required=False),
    "completion_text": _Key(_TEXT),
    "fee_amount": _Key(_INT),
    "fee_text": _Key(_TEXT),
    "product": _Key(_TEXT),
    "open": _Key(_BOOL),
    "closed_message": _Key(_TEXT, required=False, default="", blank=True),
    "requires_spse_user_id": _Key(_BOOL),
    "procedures": _Key(_TEXT_LIST),
    "legal_basis": _Key(_TABLES),
    "requirements": _Key(_TABLES, required=False, default=[]),
}
# TOML keys stay short for the admin; the dataclass fields say what they mean.
_FIELD_NAMES = {
    "open": "is_open",
    "original": "original_required",
    "copy": "copy_kept",
    "expiry": "has_expiry",
}
_LEGAL_BASIS_KEYS = {"title": _Key(_TEXT), "verify": _Key(_BOOL, required=False, default=False)}
_REQUIREMENT_KEYS = {
    "id": _Key(_TEXT),
    "name": _Key(_TEXT),
    "vendor_types": _Key(_TEXT_LIST),
    "condition": _Key(_TEXT, required=False),
    "original": _Key(_BOOL),
    "copy": _Key(_BOOL),
    "meterai": _Key(_BOOL),
    "expiry": _Key(_BOOL),
    "mandatory": _Key(_BOOL),
    "note": _Key(_TEXT, required=False, default="", blank=True),
    "source": _Key(_TEXT),
    "effective": _Key(_DATE_OR_YEAR),
    "verify": _Key(_BOOL, required=False, default=False),
}

# tomllib speaks English; the admin who mistyped the file reads Indonesian.


class Report:
    """Collects problems as ``file: entry: problem`` lines."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: list[str] = []

    def add(self, where: str, problem: str) -> None:
        """Record one problem found at ``where`` (empty for the file as a whole)."""
        self.lines.append(": ".join(part for part in (self.file, where, problem) if part))


def read_catalog(document: dict[str, Any], source: str, report: Report) -> Catalog | None:
    """The catalog, or None when a problem was recorded."""
    top = _read_table(document, _TOP_KEYS, "", report)
    services: dict[str, Service] = {}
    prefixes: dict[str, str] = {}
    for code, table in top.get("services", {}).items():
        where = f"layanan {code}"
        if code not in SERVICE_CODES:
            report.add(where, f"kode layanan tidak dikenal{_hint(code, SERVICE_CODES)}")
            continue
        if not isinstance(table, dict):
            report.add(where, f"harus berupa tabel [services.{code}], bukan {_describe(table)}")
            continue
        service = _read_service(code, table, report)
        if service is None:
            continue
        prefix = service.queue_prefix
        owner = prefixes.setdefault(prefix, code)
        if owner != code:
            report.add(where, f'queue_prefix "{prefix}" sudah dipakai layanan {owner}')
        services[code] = service
    if "services" in top:
        for code in SERVICE_CODES:
            if code not in top["services"]:
                report.add(
                    f"layanan {code}",
                    f"tidak ada di katalog; kelima layanan ({', '.join(SERVICE_CODES)}) wajib ada "
                    "(tutup dengan open = false bila tidak dilayani)",
                )
    if report.lines or len(top) != len(_TOP_KEYS):
        return None
    return Catalog(
        services=MappingProxyType(services),
        version=top["version"],
        source=source,
        updated=top["updated"],
    )


def _read_service(code: str, table: dict[str, Any], report: Report) -> Service | None:
    """One service, or None when a problem was recorded."""
    where = f"layanan {code}"
    before = len(report.lines)
    values = _read_table(table, _SERVICE_KEYS, where, report)
    prefix = values.get("queue_prefix")
    if prefix is not None and not _PREFIX_PATTERN.fullmatch(prefix):
        report.add(where, f'queue_prefix harus satu huruf kapital A-Z, bukan "{prefix}"')
    for name, (lowest, highest, hint) in _LIMITS.items():
        number = values.get(name)
        if number is not None and not lowest <= number <= highest:
            report.add(where, f"{name} harus antara {lowest} dan {highest}, bukan {number}{hint}")
    if values.get("open") is False and not values.get("closed_message", "x").strip():
        report.add(where, "layanan ditutup (open = false) tetapi closed_message kosong")
    procedures = values.get("procedures")
    if procedures is not None:
        _check_names(procedures, PROCEDURES, "procedures", "prosedur", where, report)
    legal_basis = [
        _read_legal_basis(item, f"{where}, dasar hukum ke-{number}", report)
        for number, item in enumerate(values.get("legal_basis", []), start=1)
    ]
    if "legal_basis" in values and not legal_basis:
        report.add(where, "legal_basis kosong; tulis minimal satu dasar hukum")
    requirements = _read_requirements(code, values.get("requirements", []), report)
    if len(report.lines) > before:
        return None
    _check_coverage(where, requirements, report)
    built = {"legal_basis": tuple(legal_basis), "requirements": tuple(requirements)}
    return Service(code=code, **_fields(values | built | {"procedures": tuple(procedures)}))


def _read_legal_basis(table: dict[str, Any], where: str, report: Report) -> LegalBasis | None:
    """One dasar hukum entry, or None when a problem was recorded."""
    values = _read_table(table, _LEGAL_BASIS_KEYS, where, report)
    if len(values) != len(_LEGAL_BASIS_KEYS):
        return None
    return LegalBasis(**values)


def _read_requirements(
    code: str, tables: list[dict[str, Any]], report: Report
) -> list[Requirement]:
    """The service's requirements that read cleanly (problems go to the report)."""
    requirements: list[Requirement] = []
    first_seen: dict[str, int] = {}
    for number, table in enumerate(tables, start=1):
        raw_id = table.get("id")
        ident = raw_id.strip() if isinstance(raw_id, str) else ""
        label = f'"{ident}"' if ident else f"ke-{number}"
        where = f"layanan {code}, persyaratan {label}"
        if ident:
            earlier = first_seen.setdefault(ident, number)
            if earlier != number:
                report.add(where, f"id sudah dipakai persyaratan ke-{earlier} pada layanan ini")
        requirement = _read_requirement(table, where, report)
        if requirement is not None:
            requirements.append(requirement)
    return requirements


def _read_requirement(table: dict[str, Any], where: str, report: Report) -> Requirement | None:
    """One requirement, or None when a problem was recorded."""
    before = len(report.lines)
    values = _read_table(table, _REQUIREMENT_KEYS, where, report)
    ident = values.get("id")
    if ident is not None and not _ID_PATTERN.fullmatch(ident):
        report.add(where, f'id "{ident}" harus huruf kecil, angka, dan garis bawah, diawali huruf')
    vendor_types = values.get("vendor_types")
    if vendor_types is not None:
        _check_names(vendor_types, VENDOR_TYPES, "vendor_types", "jenis penyedia", where, report)
    condition = values.get("condition")
    if condition is not None and condition not in CONDITIONS:
        report.add(
            where,
            f'syarat "{condition}" tidak dikenal{_hint(condition, CONDITIONS)} '
            "(hapus kunci condition bila persyaratan selalu berlaku)",
        )
    if condition == "legal_form_pt" and vendor_types is not None and "PT" not in vendor_types:
        report.add(where, 'syarat "legal_form_pt" tidak berlaku tanpa "PT" di vendor_types')
    effective = values.get("effective")
    if isinstance(effective, int) and effective not in _YEARS:
        report.add(
            where,
            f"tahun berlaku {effective} tidak masuk akal (harus {_YEARS.start}-{_YEARS.stop - 1})",
        )
    if len(report.lines) > before:
        return None
    return Requirement(**_fields(values | {"vendor_types": frozenset(vendor_types)}))


def _check_names(
    names: list[str], known: Iterable[str], key: str, noun: str, where: str, report: Report
) -> None:
    """Report an empty list, unknown names and repeated names in a list of ids."""
    known = tuple(known)
    if not names:
        report.add(where, f"{key} tidak boleh kosong; pilih dari: {', '.join(known)}")
    seen: set[str] = set()
    for name in names:
        if name not in known:
            report.add(where, f'{noun} "{name}" tidak dikenal{_hint(name, known)}')
        elif name in seen:
            report.add(where, f'{noun} "{name}" tertulis dua kali')
        seen.add(name)


def _check_coverage(where: str, requirements: list[Requirement], report: Report) -> None:
    """Report a vendor type left without any unconditional mandatory document.

    A service with documents but none for, say, a koperasi almost always means a
    vendor type was dropped from a list by mistake.
    """
    if not requirements:
        return
    for vendor_type in VENDOR_TYPES:
        if not any(
            item.mandatory and item.condition is None and vendor_type in item.vendor_types
            for item in requirements
        ):
            report.add(where, f'tidak ada persyaratan wajib untuk jenis penyedia "{vendor_type}"')


def _read_table(
    table: dict[str, Any], keys: dict[str, _Key], where: str, report: Report
) -> dict[str, Any]:
    """The well-typed values of a table (defaults filled in); problems go to the report."""
    values: dict[str, Any] = {}
    explained: set[str] = set()
    for name in table:
        if name in keys:
            continue
        guess = difflib.get_close_matches(name, list(keys), n=1, cutoff=0.6)
        if guess:
            report.add(where, f'kunci "{name}" tidak dikenal (maksud Anda "{guess[0]}"?)')
            explained.add(guess[0])
        else:
            known = ", ".join(keys)
            report.add(where, f'kunci "{name}" tidak dikenal; kunci yang dikenal: {known}')
    for name, key in keys.items():
        if name not in table:
            if key.required and name not in explained:
                report.add(where, f'kunci wajib "{name}" tidak ada')
            elif not key.required:
                values[name] = key.default
            continue
        value = table[name]
        if not key.kind.test(value):
            report.add(where, f'kunci "{name}" harus {key.kind.expected}, bukan {_describe(value)}')
        elif key.kind is _TEXT and not key.blank and not value.strip():
            report.add(where, f'kunci "{name}" tidak boleh kosong')
        else:
            # Stray spaces around a name would otherwise reach printed receipts.
            values[name] = value.strip() if isinstance(value, str) else value
    return values


def _fields(values: dict[str, Any]) -> dict[str, Any]:
    """Table values keyed by the dataclass fields they fill."""
    return {_FIELD_NAMES.get(key, key): value for key, value in values.items()}


def _describe(value: Any) -> str:
    """How a wrongly typed value is named back to the admin."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'teks "{value}"'
    if isinstance(value, int):
        return f"angka {value}"
    if isinstance(value, float):
        return f"angka pecahan {value}"
    if isinstance(value, datetime):
        return f"tanggal-jam {value.isoformat()}"
    if isinstance(value, date):
        return f"tanggal {value.isoformat()}"
    if isinstance(value, time):
        return f"jam {value.isoformat()}"
    return "daftar" if isinstance(value, list) else "tabel"


def _hint(name: str, known: Iterable[str]) -> str:
    """A "did you mean" hint, or the list of valid names when nothing is close."""
    known = tuple(known)
    # A wrong case ("pt", "reg") is the likeliest slip, and difflib scores it zero.
    same_letters = [item for item in known if item.casefold() == name.casefold()]
    guess = same_letters or difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if guess:
        return f' (maksud Anda "{guess[0]}"?)'
    return f"; pilih salah satu: {', '.join(known)}"
