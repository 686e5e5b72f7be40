"""The demo's verifier work: cases decided, returned, rejected and one daring case under review.

Every case comes through the desk's own path: ``IntakeDesk`` takes it in (daring, with its
desk ticket and checklist) and it is handed off with its deadline; with a renderer, every
handed-off case still without a tanda terima then gets one, in hand-off order
(``demo.receipts``); last ``ReviewDesk`` decides, with the clock set to the moment each
step happened, so events, deadlines and the helpdesk messages (with receipt and ticket
numbers) are real.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine
from sqlmodel import select

from lpse_desk.demo import receipts
from lpse_desk.demo.setup import DemoSetup
from lpse_desk.domain.actors import actor_for
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB, FixedClock
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import cases
from lpse_desk.store.queries.staff import list_active
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.review import ReviewDesk
from lpse_desk.store.tables.vendors import VendorRow


def _working_day_before(calendar: WorkingCalendar, day: date, count: int) -> date:
    for _ in range(count):
        day = calendar.previous_working_day(day)
    return day


def fill(engine: Engine, setup: DemoSetup) -> list[int]:
    """Add the verifier's demo cases to a filled demo store; returns their ids.

    An approved REG (message sent), a rejected UBAH, a UID returned to the vendor (clock
    paused) and a daring UBAH under review with a missed and a held video call and a
    requested e-mail change.
    """
    catalog, calendar, now = setup.catalog, setup.calendar, setup.now
    clock = FixedClock(now)
    intake = IntakeDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                        receipts_dir=setup.receipts_dir)  # fmt: skip
    review = ReviewDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock)
    with read_session(engine) as session:
        people = {member.name: member for member in list_active(session=session)}
        vendors = {row.name: (row.id, row.legal_form) for row in session.exec(select(VendorRow))}
    officer, verifier, admin = people["Dewi Lestari"], people["Andi Wijaya"], people["Ratna Sari"]

    def at(days_back: int, hour: int, minute: int = 0) -> datetime:
        day = _working_day_before(calendar, now.date(), days_back)
        return datetime.combine(day, time(hour, minute), tzinfo=WIB)

    def take_in(vendor: str, service: str, moment: datetime, request: str) -> int:
        clock.set(moment)
        vendor_id, vendor_type = vendors[vendor]
        case = intake.start(officer, service_code=service, vendor_id=vendor_id,
                            vendor_type=vendor_type, helpdesk_request_no=request)  # fmt: skip
        for line in intake.lines(case.id):
            if line.requirement.mandatory:  # daring: originals wait for the video call
                intake.tick(officer, case.id, line.requirement.id, original_shown=False,
                            copy_received=True)  # fmt: skip
        clock.set(moment + timedelta(minutes=20))
        hand_off(case.id)
        return case.id

    def hand_off(case_id: int) -> None:
        with write_session(engine) as session:
            cases.hand_off(session=session, case_id=case_id, now=clock.now(),
                           due_at=calendar.due_at(clock.now()), actor=actor_for(officer))  # fmt: skip

    def accept_all(case_id: int) -> None:
        opened = review.open(case_id)
        for document in opened.documents:
            if document.needs_verdict and document.verdict is None:
                review.accept_document(verifier, case_id, document.requirement_id)
        for check in opened.checks:
            review.confirm_check(verifier, case_id, check.code)

    # First every case comes in and is handed off, so that the receipts that follow are
    # numbered in hand-off order together with the rest of the demo's cases.
    approved = take_in("PT Cahaya Surya Kencana", "REG", at(5, 9, 10), "HD-2026-0311")
    rejected = take_in("Koperasi Karya Tani Sejahtera", "UBAH", at(4, 10, 0), "HD-2026-0327")
    returned = take_in("CV Raya Botani Abadi", "UID", at(2, 9, 45), "HD-2026-0352")
    # A daring UBAH whose first video call was missed, then held, before its handoff.
    clock.set(at(2, 8, 30))
    vendor_id, vendor_type = vendors["PT Hujan Emas Digital"]
    daring = intake.start(officer, service_code="UBAH", vendor_id=vendor_id,
                          vendor_type=vendor_type, helpdesk_request_no="HD-2026-0360").id  # fmt: skip
    call = review.schedule_call(officer, daring, when=at(2, 13, 0), channel="zoom",
                                detail="https://zoom.us/j/4471203391")  # fmt: skip
    clock.set(at(2, 13, 20))
    _missed, again = review.miss_call(officer, call.id, new_time=at(1, 10, 0),
                                      note="Direktur tidak bergabung; dihubungi lewat telepon")  # fmt: skip
    clock.set(at(1, 10, 35))
    review.hold_call(officer, again.id,
                     attendees=["Maya Anggraini (direktur)", "Dewi Lestari (TUS)"],
                     evidence=["daring/HD-2026-0360/ktp-asli.jpg",
                               "daring/HD-2026-0360/npwp-asli.jpg",
                               "Rekaman Zoom 10.00–10.25"])  # fmt: skip
    review.request_change(officer, daring, "email", "pengadaan@hujanemas.co.id")
    for line in intake.lines(daring):
        if line.requirement.mandatory:
            intake.tick(officer, daring, line.requirement.id, original_shown=True,
                        copy_received=True)  # fmt: skip
    clock.set(at(1, 11, 0))
    hand_off(daring)

    receipts.issue_all(engine, setup)

    # Approved: the originals were seen on a video call, the account is active and the
    # helpdesk message went out.
    clock.set(at(5, 9, 40))
    first_call = review.schedule_call(officer, approved, when=at(5, 11, 0), channel="meet",
                                      detail="https://meet.google.com/cahaya-surya")  # fmt: skip
    clock.set(at(5, 11, 30))
    review.hold_call(officer, first_call.id,
                     attendees=["Direktur PT Cahaya Surya Kencana", "Dewi Lestari (TUS)"],
                     evidence=["daring/HD-2026-0311/ktp-asli.jpg", "Rekaman Meet 11.00–11.20"])  # fmt: skip
    clock.set(at(5, 13, 40))
    accept_all(approved)
    decided = review.approve(verifier, approved)
    clock.set(at(5, 14, 5))
    review.mark_sent(officer, decided.notification.id)
    # Rejected: the company is on the INAPROC blacklist.
    clock.set(at(4, 15, 30))
    review.accept_document(verifier, rejected, "surat_permohonan")
    review.reject(admin, rejected, reason="daftar_hitam",
                  note="Tercantum dalam daftar hitam INAPROC sampai Desember 2026")  # fmt: skip
    # Returned: the director's KTP copy does not match the original; the clock waits.
    clock.set(at(2, 14, 0))
    review.accept_document(verifier, returned, "surat_permohonan")
    review.reject_document(verifier, returned, "ktp_direktur", reason="tidak_sesuai_asli",
                           note="Salinan KTP buram; unggah ulang hasil pindaian berwarna")  # fmt: skip
    review.return_to_vendor(verifier, returned, note="Kirim ulang melalui helpdesk")
    # Under review right now.
    clock.set(now - timedelta(minutes=40))
    review.accept_document(verifier, daring, "surat_permohonan")
    review.accept_document(verifier, daring, "ktp_direktur")
    review.confirm_check(verifier, daring, "nama_sama")
    return [approved, rejected, returned, daring]
