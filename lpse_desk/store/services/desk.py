"""``DeskStore``: what the desk's screens ask of the store, one method per question.

The TUI runs these in thread workers; each method opens its own short session and
returns domain objects, never ORM rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.config import Settings
from lpse_desk.domain import actors
from lpse_desk.domain.audit import PAGE_LIMIT, AuditFilter, AuditPage
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import Clock, today_wib
from lpse_desk.domain.entities import (
    StaffMember,
)
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.logins import LOGGED_OUT, LoginResult
from lpse_desk.domain.office import Office
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.roles import Role, sits_at_loket
from lpse_desk.domain.security import check_pin_rules
from lpse_desk.store import backup, presence
from lpse_desk.store.db import (
    engine_notices,
    open_store,
    read_session,
    sqlite_path,
    write_session,
)
from lpse_desk.store.queries import auditlog, dashboard, events, logins, meta, reveal
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.services import autobackup
from lpse_desk.store.services.base import Service
from lpse_desk.store.services.ikm import IkmDesk
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.services.reports import ReportDesk
from lpse_desk.store.services.review import ReviewDesk
from lpse_desk.store.services.staff import StaffDesk
from lpse_desk.store.services.vendors import VendorDesk


def _folders(engine: Engine) -> tuple[Path, Path]:
    """The receipts and reports folders: the demo database keeps its files apart from the
    working database's."""
    with read_session(engine) as session:
        demo = meta.is_demo(session=session)
    if demo:
        return paths.demo_receipts_dir(), paths.demo_reports_dir()
    return paths.receipts_dir(), paths.reports_dir()


class DeskStore(Service):
    """The opened store with the catalog, calendar and clock the desk works with."""

    def __init__(
        self,
        *,
        engine: Engine,
        catalog: Catalog,
        calendar: WorkingCalendar,
        clock: Clock,
        migrated: bool = False,
        policy: QueuePolicy | None = None,
        receipts_dir: Path | None = None,
        reports_dir: Path | None = None,
        paper: str = "A5",
        render: Callable[..., bytes] | None = None,
        read_pdf: Callable[[bytes], str | None] | None = None,
        backup_dir: Path | None = None,
        backup_keep: int = 30,
        pin_min_length: int = 4,
        office: Office | None = None,
    ) -> None:
        self.engine = engine
        self.db_path: Path | None = sqlite_path(engine)
        """The SQLite file (None for another database): what backups copy."""
        self.backup_dir = backup_dir or (
            backup.default_folder(self.db_path) if self.db_path else None
        )
        self.backup_keep = backup_keep
        self.pin_min_length = pin_min_length
        """The fewest digits a new PIN may have (setting ``pin_minimal``)."""
        self._presence: presence.Presence | None = None
        self.catalog = catalog
        self.calendar = calendar
        self.clock = clock
        self.migrated = migrated
        """Whether opening the store ran migrations."""
        self.notices: list[str] = engine_notices(engine)
        """What opening the database had to tell (a file made private, read-only)."""
        self.queue = QueueDesk(
            engine=engine,
            catalog=catalog,
            calendar=calendar,
            clock=clock,
            policy=policy or QueuePolicy(),
        )
        """Today's queue: tickets, bookings, calling at a loket."""
        self.intake = IntakeDesk(
            engine=engine,
            catalog=catalog,
            calendar=calendar,
            clock=clock,
            receipts_dir=receipts_dir or paths.receipts_dir(),
            paper=paper,
            render=render,
            read_pdf=read_pdf,
            office=office,
        )
        """Cases from the counter to the verifiers, with their receipts."""
        self.vendors = VendorDesk(engine, clock)
        """Vendor lookup, registration and corrections."""
        self.review = ReviewDesk(
            engine=engine, catalog=catalog, calendar=calendar, clock=clock, office=office
        )
        """The verifiers: queue by deadline, case file, decisions, daring video calls."""
        self.ikm = IkmDesk(engine=engine, catalog=catalog, clock=clock)
        """The IKM survey: kiosk responses, paper questionnaires, report, follow-ups."""
        self.staff_admin = StaffDesk(engine, clock, pin_min_length=pin_min_length)
        """Staff accounts: the admin's list and changes, a new PIN after a reset."""
        self.reports = ReportDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock)
        """The head of unit's reports (the counter report and the case report)."""
        self.reports_dir = reports_dir or paths.reports_dir()
        """Where the report screens save their files (``laporan/``, the demo's apart)."""

    @classmethod
    def open(
        cls,
        settings: Settings,
        clock: Clock,
        *,
        render: Callable[..., bytes] | None = None,
        read_pdf: Callable[[bytes], str | None] | None = None,
    ) -> DeskStore:
        """Open (and migrate) the store and load the catalog and calendar files.

        ``render`` and ``read_pdf`` draw and read receipts (``lpse_desk.receipts``);
        without them the desk works but cannot issue or verify a receipt.
        """
        catalog = load_catalog()
        calendar = WorkingCalendar.from_file(
            paths.calendar_file(), cuti_bersama_closed=settings.cuti_bersama_closed
        )
        engine, migrated = open_store(
            settings.db_url, backups=settings.backup_dir, create=settings.creates_db
        )
        receipts_dir, reports_dir = _folders(engine)
        return cls(
            engine=engine,
            catalog=catalog,
            calendar=calendar,
            clock=clock,
            migrated=migrated,
            policy=settings.queue_policy(),
            receipts_dir=receipts_dir,
            reports_dir=reports_dir,
            paper=settings.receipt_paper,
            render=render,
            read_pdf=read_pdf,
            backup_dir=settings.backup_dir,
            backup_keep=settings.backup_keep,
            pin_min_length=settings.pin_min_length,
            office=settings.office,
        )

    def close(self) -> None:
        """Release the database connections (and this desk's presence)."""
        if self._presence is not None:
            self._presence.release()
        self.engine.dispose()

    def hold_presence(self) -> None:
        """Say "a desk has this database open" until ``close``: restore waits for it."""
        if self.db_path is not None and self._presence is None:
            self._presence = presence.Presence(self.db_path)
            self._presence.hold()
            # A restore may have replaced the file between opening and holding: connections
            # made before are dropped, so every later one opens the file now in place.
            self.engine.dispose()

    def backup_if_due(self, *, login: bool) -> backup.BackupInfo | None:
        """The automatic backup (first login of the day, every 200 receipts), when due."""
        if self.db_path is None or self.backup_dir is None:
            return None
        return autobackup.backup_if_due(
            self.engine, self.db_path, self.backup_dir, keep=self.backup_keep,
            now=self.clock.now(), login=login,
        )  # fmt: skip

    def staff_count(self) -> int:
        """Active staff accounts (0 → first-time setup)."""
        return self._read(staff_store.count_active)

    def staff_members(self) -> list[StaffMember]:
        """Active staff for the login list."""
        return self._read(staff_store.list_active)

    def still_active(self, member: StaffMember) -> bool:
        """Whether ``member``'s account is still active as stored now (an admin may have
        deactivated it from another desk while it is logged in here)."""
        stored = self._read(staff_store.current, who=member)
        return stored is not None and stored.active

    def create_first_admin(self, *, name: str, pin: str) -> StaffMember:
        """Create the first admin; refused once any staff account exists."""
        with write_session(self.engine) as session:
            if staff_store.count_active(session=session):
                raise Conflict("Admin pertama sudah dibuat; silakan masuk")
            check_pin_rules(pin, min_length=self.pin_min_length)
            return staff_store.create(
                session=session,
                name=name,
                role=Role.ADMIN,
                pin=pin,
                actor="penyiapan-pertama",
                now=self.clock.now(),
            )

    def login(
        self, *, staff_id: int, pin: str, loket: int, loket_confirmed: bool = False
    ) -> LoginResult:
        """One PIN attempt at ``loket`` (``queries.logins.attempt``): the officer, the lock and
        until when, the attempts left, or who else is at the loket (then nothing is logged yet:
        the officer confirms and tries again); every other attempt is logged."""
        with write_session(self.engine) as session:
            return logins.attempt(
                session=session,
                staff_id=staff_id,
                pin=pin,
                now=self.clock.now(),
                loket=loket,
                loket_confirmed=loket_confirmed,
            )

    def _staff_event(self, session, member: StaffMember, action: str, reason=None) -> None:
        events.record(
            session=session, at=self.clock.now(), actor=actors.actor_for(member),
            entity="staff", entity_id=member.id, action=action, reason=reason,
        )  # fmt: skip

    def logout(self, member: StaffMember) -> None:
        """Record that the staff member left the desk."""
        with write_session(self.engine) as session:
            self._staff_event(session, member, LOGGED_OUT)

    def lock_screen(self, member: StaffMember, loket: int) -> None:
        """Record that the desk covered itself after an idle spell (at ``loket`` for a role
        that serves the queue; a verifier sits at none)."""
        at = f"loket {loket}" if sits_at_loket(member.role) else None
        with write_session(self.engine) as session:
            self._staff_event(session, member, "layar_dikunci", reason=at)

    def unlock(self, member: StaffMember, pin: str) -> LoginResult:
        """Whether ``pin`` opens the officer's locked screen (the account as stored now, still
        active). The PIN goes through the login lockout, so wrong PINs at a locked screen lock
        the account as at the login screen; the attempt is recorded either way."""
        with write_session(self.engine) as session:
            now = self.clock.now()
            # Locked before this try (its PIN not checked), or locked by this wrong PIN.
            locked = logins.lock_state(session=session, staff_id=member.id).locked_at(now)
            result = logins.attempt(session=session, staff_id=member.id, pin=pin, now=now)
            found = result.member
            why = ("akun nonaktif" if result.inactive else "akun terkunci" if locked
                   else "PIN salah; akun terkunci" if result.locked_until is not None
                   else "PIN salah")  # fmt: skip
            self._staff_event(
                session, member, "layar_dibuka" if found else "layar_dibuka_gagal",
                reason=None if found else why,
            )  # fmt: skip
            return result

    def reveal_personal_ids(
        self, who: actors.Who, *, vendor_id: int, case_id: int | None = None,
        visit_id: int | None = None,
    ) -> reveal.Revealed:  # fmt: skip
        """A vendor's full NIK / personal NPWP for the screen, checked and logged first."""
        return self._decide(reveal.reveal, who, vendor_id=vendor_id, case_id=case_id,
            visit_id=visit_id)  # fmt: skip

    def audit_events(
        self,
        who: StaffMember,
        wanted: AuditFilter,
        *,
        offset: int = 0,
        limit: int = PAGE_LIMIT,
    ) -> AuditPage:
        """Who did what (admin only): the event log filtered, oldest first, one page."""
        with read_session(self.engine) as session:
            auditlog.require_admin(session=session, who=who)
            return auditlog.audit_events(session=session, wanted=wanted, offset=offset,
                                         limit=limit)  # fmt: skip

    def day_summary(self) -> dashboard.DaySummary:
        """The home screen's figures for today (WIB)."""
        return self._read(dashboard.day_summary, day=today_wib(self.clock), now=self.clock.now())
