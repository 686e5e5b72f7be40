"""Cases for the review tests, made through the real intake path: vendor, checklist, receipt,
handoff. Staff are real accounts so that roles and four-eyes are checked against the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from lpse_desk import receipts
from lpse_desk.demo import company_npwp
from lpse_desk.domain.clock import WIB, to_wib
from lpse_desk.domain.daring import CallStatus
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft, validate_vendor
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import staff, vendors
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.review import ReviewDesk


@dataclass(frozen=True)
class Team:
    """Two counter officers, two verifiers and an admin."""

    officer: StaffMember
    officer2: StaffMember
    verifier: StaffMember
    verifier2: StaffMember
    admin: StaffMember


def make_team(engine, clock) -> Team:
    people = (
        ("Dewi Lestari", Role.PETUGAS),
        ("Budi Santoso", Role.PETUGAS),
        ("Andi Wijaya", Role.VERIFIKATOR),
        ("Rina Marlina", Role.VERIFIKATOR),
        ("Ratna Sari", Role.ADMIN),
    )
    with write_session(engine) as session:
        members = [
            staff.create(
                session=session, name=name, role=role, pin="2468", actor="uji", now=clock.now()
            )  # fmt: skip
            for name, role in people
        ]
    return Team(*members)


def desks(engine, catalog, calendar, clock, tmp_path) -> tuple[IntakeDesk, ReviewDesk]:
    intake = IntakeDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                        receipts_dir=tmp_path / "receipts", render=receipts.render_receipt,
                        read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    return intake, ReviewDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock)


def make_vendor(engine, clock, serial: int, *, form: str = "PT", user_id: str | None = None):
    draft = VendorDraft(
        legal_form=form, name=f"{form} Sinar Pakuan {serial}", npwp=company_npwp(serial),
        spse_user_id=user_id if user_id is not None else f"sinar{serial}",
        email=f"admin{serial}@sinarpakuan.co.id", address="Jl. Pajajaran 1, Kota Bogor",
        director_name="Hendra Gunawan", director_nik="3271031203780004",
    )  # fmt: skip
    with write_session(engine) as session:
        return vendors.create(session=session, vendor=validate_vendor(draft, today=clock.now().date()),
                              actor="uji", now=clock.now())  # fmt: skip


def handed_off(intake: IntakeDesk, engine, clock, officer, *, serial: int, service: str = "REG",
               form: str = "PT", user_id: str | None = None) -> int:  # fmt: skip
    """A daring case taken in by ``officer``, complete, with its receipt: waiting for review."""
    vendor = make_vendor(engine, clock, serial, form=form, user_id=user_id)
    case = intake.start(officer, service_code=service, vendor_id=vendor.id, vendor_type=form,
                        helpdesk_request_no=f"HD-{serial}")  # fmt: skip
    for line in intake.lines(case.id):
        if line.requirement.mandatory:  # daring: originals wait for the video call
            intake.tick(officer, case.id, line.requirement.id, original_shown=False,
                        copy_received=True)  # fmt: skip
    intake.finish(officer, case.id, loket=None)
    return case.id


def hold_a_call(review: ReviewDesk, case_id: int, officer: StaffMember | None = None) -> None:
    """Hold a video call of a daring case: scheduled 10 minutes ahead, recorded now (a call
    may be recorded up to 15 minutes early). ``officer``: the first active petugas loket."""
    if officer is None:
        with read_session(review.engine) as session:
            officer = next(m for m in staff.list_active(session=session)
                           if m.role is Role.PETUGAS)  # fmt: skip
    now = review.clock.now()
    when = to_wib(now + timedelta(minutes=10))
    if review.calendar.closed_reason(when.date()) is not None or when.time() >= time(14, 0):
        # A Sunday, or late in the day (a test's clock may be the real one, at night): the
        # next working day at 10.00, inside every service hours the tests configure.
        day = review.calendar.next_working_day(when.date())
        when = datetime.combine(day, time(10, 0), tzinfo=WIB)
    elif when.time() < time(8, 0):  # before opening: 10.00 the same working day
        when = datetime.combine(when.date(), time(10, 0), tzinfo=WIB)
    call = review.schedule_call(officer, case_id, when=when, channel="zoom",
                                detail="https://zoom.us/j/1")  # fmt: skip
    review.clock.set(max(now, when))  # the call is recorded once its time has come
    try:
        review.hold_call(officer, call.id, attendees=["Hendra Gunawan (direktur)"],
                         evidence=["daring/ktp-asli.jpg"])  # fmt: skip
    finally:
        review.clock.set(now)


def accept_everything(review: ReviewDesk, who, case_id: int) -> None:
    """Accept every document that needs a verdict and confirm every check; a daring case
    also gets its video call held, so that it may be approved."""
    opened = review.open(case_id)
    if opened.case.procedure == "daring" and not any(
        call.status is CallStatus.HELD for call in opened.video_calls
    ):
        hold_a_call(review, case_id)
    for document in opened.documents:
        if document.needs_verdict:
            review.accept_document(who, case_id, document.requirement_id)
    for check in opened.checks:
        review.confirm_check(who, case_id, check.code)
