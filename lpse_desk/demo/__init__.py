"""The demo database: a realistic day at the LPSE counter of MPP Kota Bogor."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import select
from stdnum import luhn

from lpse_desk import paths
from lpse_desk.demo import day, ikm, receipts, review
from lpse_desk.demo.setup import DemoSetup
from lpse_desk.domain.actors import actor_for
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import WIB, to_wib
from lpse_desk.domain.daring import CallStatus
from lpse_desk.domain.entities import CaseStatus, LegalForm
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.logins import LOGGED_IN, LOGGED_OUT
from lpse_desk.domain.office import Office
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft, validate_vendor
from lpse_desk.store.db import downgrade, upgrade, write_session
from lpse_desk.store.queries import casereport, cases, events, idle, intake, meta, staff, vendors
from lpse_desk.store.tables.cases import CaseRow
from lpse_desk.store.tables.desk import EventRow
from lpse_desk.store.tables.review import VideoCallRow

DEMO_ACTOR = "demo"


@dataclass(frozen=True)
class DemoLogin:
    """A demo account to print for whoever tries the desk."""

    name: str
    role: Role
    pin: str


DEMO_STAFF = (
    DemoLogin("Ratna Sari", Role.ADMIN, "9753"),
    DemoLogin("Dewi Lestari", Role.PETUGAS, "2468"),
    DemoLogin("Budi Santoso", Role.PETUGAS, "1357"),
    DemoLogin("Andi Wijaya", Role.VERIFIKATOR, "8642"),
)


def company_npwp(serial: int, *, kind: str = "01", office: str = "404") -> str:
    """A checksum-valid 16-digit company NPWP (``0`` + the 15-digit legacy form)."""
    head = f"{kind}{serial:06d}"
    return f"0{head}{luhn.calc_check_digit(head)}{office}000"


# name, legal form, director, NIK of the director (Kota Bogor, 3271…), SPSE user id
_VENDORS = (
    ("PT Sinar Pakuan Konstruksi", LegalForm.PT, "Hendra Gunawan", "3271031203780004"),
    ("CV Kujang Mandiri Teknik", LegalForm.CV, "Yusuf Maulana", "3271052108850002"),
    ("PT Hujan Emas Digital", LegalForm.PT, "Maya Anggraini", "3271065505900001"),
    ("Koperasi Karya Tani Sejahtera", LegalForm.KOPERASI, "Asep Saepudin", "3271020101700003"),
    ("CV Raya Botani Abadi", LegalForm.CV, "Lina Marlina", "3271044409880005"),
    ("PT Tirta Sadane Utama", LegalForm.PT, "Robert Simanjuntak", "3271010306750002"),
    ("PT Cahaya Surya Kencana", LegalForm.PT, "Zoë Łukasiewicz-Nguyễn", "3271015512820001"),
)
_SOLE_TRADER = ("Toko Berkah Jaya", "Siti Nurhaliza", "3271046807920002")


def may_refill(*, session) -> bool:
    """Whether ``demo`` may wipe this database.

    An empty database, or a demo whose staff are still only the demo accounts:
    tickets and cases made while trying the desk with a demo login are demo play,
    but an account added by hand means someone started using it for real.
    """
    if not meta.is_demo(session=session):
        return not meta.holds_data(session=session)
    demo_names = {login.name for login in DEMO_STAFF}
    # Deactivated accounts too: a real officer who left still means real data.
    accounts = staff.list_all(session=session)
    return all(account.member.name in demo_names for account in accounts)


def wipe(engine: Engine) -> None:
    """Drop every table through the migrations and build the schema anew."""
    downgrade(engine, "base")
    upgrade(engine)


EARLIEST_DEMO_TIME = time(3, 0)
"""The demo day plays the three hours before its moment: it never starts before midnight."""


def demo_moment(now: datetime) -> datetime:
    """When the demo day ends: ``now``, or 03.00 WIB of the same day when the demo is filled
    between midnight and 03.00 (its queue would otherwise begin on the day before, and the
    day's numbers would not be called at today's lokets). Its last events then lie up to three
    hours ahead of the clock, which nobody trying the desk at night minds."""
    at_three = datetime.combine(to_wib(now).date(), EARLIEST_DEMO_TIME, WIB)
    return max(to_wib(now), at_three)


def fill(
    engine: Engine,
    *,
    catalog: Catalog,
    calendar: WorkingCalendar,
    now: datetime,
    render: Callable[..., bytes] | None = None,
    receipts_dir: Path | None = None,
    office: Office | None = None,
) -> tuple[DemoLogin, ...]:
    """Fill an empty, migrated store with the demo day; returns the logins.

    With ``render`` (``lpse_desk.receipts.render_receipt``) every case handed to the
    verifiers also gets its tanda terima PDF, written under ``receipts_dir``, its head
    naming ``office`` (the installation's ``[kantor]``; None: the defaults).
    """
    now = demo_moment(now)
    today = now.date()
    with write_session(engine) as session:
        if meta.holds_data(session=session):
            raise Conflict("Basis data demo harus kosong sebelum diisi")
        meta.put(session=session, key=meta.DEMO_KEY, value="1")
        members = [
            staff.create(
                session=session,
                name=login.name,
                role=login.role,
                pin=login.pin,
                actor=DEMO_ACTOR,
                now=now - timedelta(days=30),
            )
            for login in DEMO_STAFF
        ]
        officer, verifier_helper = members[1], members[2]

        def register(draft: VendorDraft):
            clean = validate_vendor(draft, today=today)
            return vendors.create(session=session, vendor=clean, actor=DEMO_ACTOR, now=now)

        registered = []
        for index, (name, form, director, nik) in enumerate(_VENDORS, start=1):
            draft = VendorDraft(
                legal_form=form.value,
                name=name,
                npwp=company_npwp(100_000 + index * 7919),
                nib=f"91203{index:02d}{(index * 104729) % 1_000_000:06d}",
                spse_user_id=name.split(" ", 1)[1].lower().replace(" ", "")[:14],
                email=f"admin@{name.split(' ', 1)[1].lower().replace(' ', '')[:12]}.co.id",
                phone=f"0812{index:04d}{index * 1234 % 10000:04d}",
                address=f"Jl. Pajajaran No. {index * 11}, Kota Bogor",
                director_name=director,
                director_nik=nik,
            )
            registered.append(register(draft))
        sole_name, owner, owner_nik = _SOLE_TRADER
        registered.append(
            register(
                VendorDraft(
                    legal_form=LegalForm.PERORANGAN.value,
                    name=sole_name,
                    npwp=owner_nik,
                    spse_user_id="berkahjaya",
                    phone="085711223344",
                    address="Jl. Suryakencana No. 8, Kota Bogor",
                    director_name=owner,
                    director_nik=owner_nik,
                )
            )
        )
        _fill_day(session, catalog, calendar, now, officer, verifier_helper, registered)
        _fill_backlog(session, catalog, calendar, now, officer, members[3], registered)
        ikm.fill_quarter(session, catalog=catalog, calendar=calendar, now=now,
                             officers=members[1:3], admin=members[0])  # fmt: skip
        casereport.conclude_all(session=session, calendar=calendar)  # the backlog's approval
        # The demo writes its day story by story, not minute by minute: the lokets' idle time
        # is worked out from the event log in time order, as the desk keeps it minute by minute.
        idle.refresh(session=session, before=now.date() + timedelta(days=1))
    setup = DemoSetup(catalog, calendar, now, render, receipts_dir or paths.demo_receipts_dir(),
                      office)  # fmt: skip
    review.fill(engine, setup)
    receipts.issue_all(engine, setup)
    _logins_of_the_day(engine, now, members)
    return DEMO_STAFF


def _logins_of_the_day(engine: Engine, now: datetime, members) -> None:
    """Each account that worked on the demo day logged in before its first event of the day
    (at its loket: Dewi 1, Budi 2) and out after its last: the staff list's "terakhir masuk"
    agrees with the day the audit shows, and nobody is still logged in at a loket when the
    demo is tried (no "Loket sedang dipakai" at the first login)."""
    lokets = {members[1].id: 1, members[2].id: 2}
    start = datetime.combine(now.date(), time(0), WIB)
    with write_session(engine) as session:
        for member in members:
            actor = actor_for(member)
            first, last = session.exec(
                select(func.min(EventRow.at), func.max(EventRow.at))
                .where(EventRow.actor == actor, EventRow.at >= start)
            ).one()
            if first is None:
                continue
            loket = lokets.get(member.id)
            for at, action, reason in (
                (first - timedelta(minutes=2), LOGGED_IN, f"loket {loket}" if loket else None),
                (max(last, now), LOGGED_OUT, None),
            ):
                events.record(session=session, at=at, actor=actor, entity="staff",
                              entity_id=member.id, action=action, reason=reason)  # fmt: skip


def _fill_day(session, catalog, calendar, now, officer, second, registered) -> None:
    by_director = {vendor.director_name: vendor for vendor in registered}

    def finish_visit(visit, member, ended) -> str:
        if visit.service_code == "KONS":
            return "informasi"
        vendor = by_director.get(visit.visitor_name) or registered[visit.id % len(registered)]
        _handed_off(session, catalog, calendar, visit.service_code, vendor, visit.id, member, ended)
        return "diterima"

    day.fill_queue(
        session,
        catalog=catalog,
        calendar=calendar,
        now=now,
        first=officer,
        second=second,
        finish_visit=finish_visit,
    )


def _handed_off(session, catalog, calendar, code, vendor, visit_id, officer, at):
    """A case opened through the real intake (with its desk ticket), every item ticked, and
    handed to the verifiers at ``at`` with its deadline."""
    opened = at - timedelta(minutes=8)
    case = intake.open_intake(
        session=session,
        catalog=catalog,
        service_code=code,
        vendor_id=vendor.id,
        vendor_type=vendor.legal_form.value,
        bearer_is_director=True,
        bearer_name=vendor.director_name,
        construction=False,
        visit_id=visit_id,
        helpdesk_request_no=None if visit_id else f"HD-{opened:%y%m%d}-{vendor.id:03d}",
        officer_id=officer.id,
        now=opened,
        actor=actor_for(officer),
    )
    checklist = [line.requirement for line in intake.checklist_lines(
        session=session, catalog=catalog, case_id=case.id)]  # fmt: skip
    for requirement in checklist:
        if requirement.mandatory:
            cases.tick(
                session=session,
                case_id=case.id,
                requirement_id=requirement.id,
                tick=cases.Tick(
                    # Daring: nobody shows an original at the desk (seen on the video call).
                    original_shown=requirement.original_required and visit_id is not None,
                    copy_received=requirement.copy_kept,
                ),
            )
    cases.hand_off(session=session, case_id=case.id, now=at, due_at=calendar.due_at(at),
                   actor=actor_for(officer))  # fmt: skip
    return case


def _fill_backlog(session, catalog, calendar, now, officer, verifier, registered) -> None:
    """Daring cases from earlier days: one overdue, one returned, one approved."""
    plans = (
        (registered[1], "UBAH", timedelta(days=4), CaseStatus.AWAITING_REVIEW),
        (registered[2], "UID", timedelta(days=6), CaseStatus.RETURNED),
        (registered[5], "REG", timedelta(days=8), CaseStatus.APPROVED),
    )
    for vendor, code, age, status in plans:
        handed = now - age
        case = _handed_off(session, catalog, calendar, code, vendor, None, officer, handed)
        if status is CaseStatus.APPROVED:
            # Daring: the originals were seen with the director on a video call first
            # (DOMAIN.md §2), as the approval now requires.
            call_at = handed + timedelta(hours=2)
            session.add(
                VideoCallRow(
                    case_id=case.id,
                    scheduled_for=call_at,
                    channel="zoom",
                    status=CallStatus.HELD.value,
                    attendees=json.dumps(
                        [f"{vendor.director_name} (direktur)", f"{officer.name} (TUS)"]
                    ),
                    evidence=json.dumps(["Foto KTP dan NPWP asli", "Rekaman Zoom"]),
                    scheduled_by=officer.id,
                    scheduled_at=handed,
                    held_at=call_at + timedelta(minutes=25),
                    recorded_by=officer.id,
                )
            )
            decided = handed + timedelta(hours=20)
            cases.close(
                session=session,
                case_id=case.id,
                status=status,
                now=decided,
                actor=actor_for(verifier),
                reason="Akun SPSE diaktifkan",
            )
            row = session.get(CaseRow, case.id)  # approved by the verifier, as reports read it
            row.decided_by, row.decided_at, row.concluded_at = verifier.id, decided, decided
        elif status is CaseStatus.RETURNED:
            returned = handed + timedelta(hours=5)
            left = calendar.remaining(calendar.due_at(handed), returned)
            cases.return_to_vendor(
                session=session,
                case_id=case.id,
                now=returned,
                remaining_seconds=int(left.total_seconds()),
                actor=actor_for(verifier),
                reason="Akta perubahan terakhir belum dilampirkan",
                by=verifier.id,
            )
