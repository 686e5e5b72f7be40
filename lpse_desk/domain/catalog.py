"""The service catalog as domain objects, and the checklist rule built on it.

Pure Python: the TOML loader in ``lpse_desk.catalog`` fills these objects; the
counter, the receipts and the verifier only read them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from lpse_desk.domain.errors import NotFound, ValidationError

VENDOR_TYPES: tuple[str, ...] = ("PT", "CV", "koperasi", "perorangan", "asing")
"""Legal forms a vendor can have, in the order forms and lists show them."""

VENDOR_TYPE_LABELS: dict[str, str] = {
    "PT": "Perseroan Terbatas (PT)",
    "CV": "Persekutuan Komanditer (CV)",
    "koperasi": "Koperasi",
    "perorangan": "Usaha perorangan",
    "asing": "Perusahaan asing tanpa kantor perwakilan/cabang di Indonesia",
}
"""Indonesian label of each vendor type."""

CONDITIONS: dict[str, str] = {
    "bearer_not_director": "Pembawa berkas bukan direktur/pemilik usaha",
    "legal_form_pt": "Khusus badan usaha berbentuk PT (UU 40/2007)",
    "construction": "Penyedia jasa konstruksi",
}
"""Condition id → Indonesian description; a requirement without a condition always applies."""

PROCEDURES: dict[str, str] = {
    "tatap_muka": "Tatap muka di MPP",
    "daring": "Daring (video call)",
}
"""Procedure id → Indonesian label."""

SERVICE_CODES: tuple[str, ...] = ("REG", "UBAH", "UID", "KONS", "LAT")
"""The five services of the standar pelayanan; the catalog must hold exactly these."""


@dataclass(frozen=True)
class LegalBasis:
    """One entry of a service's dasar hukum."""

    title: str
    verify: bool = False
    """True when the fact came from a secondary source and an admin should check it."""


@dataclass(frozen=True)
class ChecklistFacts:
    """What the officer knows about the visit that decides which requirements apply."""

    vendor_type: str
    bearer_is_director: bool = True
    construction: bool = False


@dataclass(frozen=True)
class Requirement:
    """One document on a service's checklist."""

    id: str
    name: str
    vendor_types: frozenset[str]
    condition: str | None
    original_required: bool
    copy_kept: bool
    meterai: bool
    has_expiry: bool
    mandatory: bool
    """False: brought only for the SIKaP assistance; its absence does not stop the case."""
    note: str
    source: str
    effective: date | int
    """Date the rule took effect, or only its year when the day is not known."""
    verify: bool = False
    """True when the source or date is uncertain and an admin should check it."""

    def applies_to(self, facts: ChecklistFacts) -> bool:
        """Whether this requirement is on the checklist for these facts."""
        if facts.vendor_type not in self.vendor_types:
            return False
        return self.condition is None or condition_holds(self.condition, facts)


@dataclass(frozen=True)
class Service:
    """One service of the LPSE counter, as its standar pelayanan describes it."""

    code: str
    name: str
    description: str
    queue_prefix: str
    counter_minutes: int
    completion_hours: int | None
    """Working hours after the file is verified complete; None: finished at the counter."""
    completion_text: str
    fee_amount: int
    fee_text: str
    product: str
    legal_basis: tuple[LegalBasis, ...]
    is_open: bool
    closed_message: str
    requires_spse_user_id: bool
    procedures: tuple[str, ...]
    requirements: tuple[Requirement, ...]

    def requirement(self, requirement_id: str) -> Requirement:
        """The requirement with this id; NotFound otherwise."""
        for item in self.requirements:
            if item.id == requirement_id:
                return item
        raise NotFound(f"Persyaratan '{requirement_id}' tidak ada pada layanan {self.code}")


@dataclass(frozen=True)
class Catalog:
    """The whole catalog: the five services, in the file's order."""

    services: Mapping[str, Service]
    version: str
    source: str
    """The path the catalog was loaded from."""
    updated: date | None = None

    def service(self, code: str) -> Service:
        """The service with this code (case-insensitive); NotFound otherwise."""
        wanted = code.strip()
        found = self.services.get(wanted.upper())
        if found is None:
            raise NotFound(
                f"Layanan '{wanted}' tidak dikenal; pilih salah satu: {', '.join(self.codes())}"
            )
        return found

    def by_prefix(self, prefix: str) -> Service:
        """The service whose queue numbers start with this letter (case-insensitive)."""
        wanted = prefix.strip()
        for item in self.services.values():
            if item.queue_prefix == wanted.upper():
                return item
        known = ", ".join(item.queue_prefix for item in self.services.values())
        raise NotFound(f"Awalan antrian '{wanted}' tidak dikenal; pilih salah satu: {known}")

    def codes(self) -> tuple[str, ...]:
        """Service codes in the file's order."""
        return tuple(self.services)


# Each condition id maps to its test; a test checks the two tables stay in step.
_CONDITION_TESTS: dict[str, Callable[[ChecklistFacts], bool]] = {
    "bearer_not_director": lambda facts: not facts.bearer_is_director,
    "legal_form_pt": lambda facts: facts.vendor_type == "PT",
    "construction": lambda facts: facts.construction,
}


def condition_holds(condition: str, facts: ChecklistFacts) -> bool:
    """Whether a requirement's condition is true for these facts."""
    test = _CONDITION_TESTS.get(condition)
    if test is None:
        raise ValidationError(
            f"Syarat '{condition}' tidak dikenal; pilih salah satu: {', '.join(CONDITIONS)}",
            field="condition",
        )
    return test(facts)


def parse_vendor_type(text: str) -> str:
    """The vendor type named by ``text`` (case-insensitive); ValidationError otherwise."""
    wanted = text.strip()
    for vendor_type in VENDOR_TYPES:
        if vendor_type.casefold() == wanted.casefold():
            return vendor_type
    raise ValidationError(
        f"Jenis penyedia '{wanted}' tidak dikenal; pilih salah satu: {', '.join(VENDOR_TYPES)}",
        field="vendor_type",
    )


def build_checklist(service: Service, facts: ChecklistFacts) -> tuple[Requirement, ...]:
    """The service's requirements that apply to these facts: mandatory first, in file order."""
    if facts.vendor_type not in VENDOR_TYPES:
        raise ValidationError(
            f"Jenis penyedia '{facts.vendor_type}' tidak dikenal; "
            f"pilih salah satu: {', '.join(VENDOR_TYPES)}",
            field="vendor_type",
        )
    applicable = [item for item in service.requirements if item.applies_to(facts)]
    # sorted() is stable, so file order survives within each group.
    return tuple(sorted(applicable, key=lambda item: not item.mandatory))
