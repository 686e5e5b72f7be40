"""``VendorDesk``: finding, registering and correcting vendors, for the screens and the CLI.

Each method runs in its own short session and returns domain objects. ``who`` is the
staff member at the desk, or a plain actor string (``cli:ratna``).
"""

from __future__ import annotations

from sqlalchemy import Engine

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who
from lpse_desk.domain.clock import Clock, today_wib
from lpse_desk.domain.entities import Event, Vendor
from lpse_desk.domain.errors import found
from lpse_desk.domain.vendors import CleanVendor, VendorDraft, validate_vendor
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import access, events, vendors
from lpse_desk.store.services.base import Service

SEARCH_LIMIT = 20


class VendorDesk(Service):
    """The vendors (penyedia) of one store."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock

    def search(self, text: str, *, limit: int = SEARCH_LIMIT) -> list[Vendor]:
        """Vendors matching an NPWP, NIB, SPSE user ID or name as typed, best first."""
        return self._read(vendors.search, text=text, limit=limit)

    def get(self, vendor_id: int) -> Vendor:
        """A vendor by id; NotFound when there is none."""
        return found(
            self._read(vendors.get, vendor_id=vendor_id), f"Penyedia #{vendor_id} tidak ditemukan"
        )

    def history(self, vendor_id: int) -> list[Event]:
        """A vendor's events (registration, each changed field), oldest first."""
        return self._read(events.history, entity="vendor", entity_id=vendor_id)

    def validate(self, draft: VendorDraft) -> CleanVendor:
        """The draft through the foundation's validators (ValidationError names the field)."""
        return validate_vendor(draft, today=today_wib(self.clock))

    def check(
        self, draft: VendorDraft, vendor_id: int | None = None, who: Who | None = None
    ) -> tuple[str, ...]:
        """Everything short of saving: the warnings the officer must see before confirming.

        Raises ValidationError for a hard error; Conflict when the NPWP, NIB or SPSE user ID
        is already registered to another vendor; with ``who``, PermissionDenied when that
        account may not change the verified fields. Warns when another vendor of the same
        name has an NPWP one digit off. ``vendor_id`` is the vendor being edited (None for
        a new one).
        """
        clean = self.validate(draft)
        with read_session(self.engine) as session:
            vendors.refuse(session=session, vendor=clean, vendor_id=vendor_id, who=who)
            near = vendors.near_npwp(session=session, vendor=clean, vendor_id=vendor_id)
        return (*clean.warnings, *near)

    def create(self, who: Who, draft: VendorDraft) -> tuple[Vendor, tuple[str, ...]]:
        """Register a new vendor; returns it with the warnings that were accepted."""
        clean = self.validate(draft)
        with write_session(self.engine) as session:
            actor = access.actor(session, who, Act.VENDOR)
            near = vendors.near_npwp(session=session, vendor=clean, vendor_id=None)
            vendor = vendors.create(
                session=session, vendor=clean, actor=actor, now=self.clock.now()
            )
        return vendor, (*clean.warnings, *near)

    def update(
        self, who: Who, vendor_id: int, draft: VendorDraft
    ) -> tuple[Vendor, tuple[str, ...]]:
        """Correct a vendor's data as ``who`` (the verified fields: an admin only); returns it
        with the warnings that were accepted."""
        clean = self.validate(draft)
        with write_session(self.engine) as session:
            access.acting(session, who, Act.VENDOR)
            near = vendors.near_npwp(session=session, vendor=clean, vendor_id=vendor_id)
            vendor = vendors.correct(
                session=session, who=who, vendor_id=vendor_id, vendor=clean, now=self.clock.now()
            )
        return vendor, (*clean.warnings, *near)
