"""The demo's day of queue: bookings, walk-ins and two lokets at work.

Everything goes through the same store functions the desk uses, each with the
moment it happened, so the events (and the times computed from them) are real.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session

from lpse_desk.domain.actors import actor_for
from lpse_desk.domain.bookings import BookingDraft
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.entities import StaffMember, Visit
from lpse_desk.domain.queue.rules import TicketHolder
from lpse_desk.store.queries import bookings, lokets, queue, serving

KIOSK = "kios"

# code suffix, name, phone, service, minutes from the start of the day's play
_BOOKINGS = (
    ("0001", "Hendra Gunawan", "081310014455", "REG", 0),
    ("0002", "Maya Anggraini", "081310024455", "REG", 30),
    ("0003", "Robert Simanjuntak", "081310034455", "UBAH", 60),
    ("0004", "Dian Permata", "081310044455", "UID", 110),
    ("0005", "Bambang Irawan", "081310054455", "REG", 150),  # later today
    ("0006", "Sri Wahyuni", "081310064455", "UBAH", 180),  # later today
)


def _at(start: datetime) -> Callable[[int], datetime]:
    return lambda minutes: start + timedelta(minutes=minutes)


def fill_queue(
    session: Session,
    *,
    catalog: Catalog,
    calendar: WorkingCalendar,
    now: datetime,
    first: StaffMember,
    second: StaffMember,
    finish_visit: Callable[[Visit, StaffMember, datetime], str],
) -> None:
    """Play two hours and a quarter of queue ending at ``now``.

    ``finish_visit`` opens and hands off the intake of a served visit and returns
    the outcome code to finish it with.
    """
    day = now.date()
    t = _at(now - timedelta(minutes=135))
    a1, a2 = actor_for(first), actor_for(second)
    booked = f"MPP-{day:%y%m%d}-"
    drafts = [
        BookingDraft(
            line=index + 2,
            code=booked + suffix,
            name=name,
            phone=phone,
            service_code=code,
            slot_at=t(minutes),
        )
        for index, (suffix, name, phone, code, minutes) in enumerate(_BOOKINGS)
    ]
    bookings.add_batch(
        session=session, drafts=drafts, now=t(-45), actor=a1, source="booking-mpp.csv"
    )
    for number, member, actor in ((1, first, a1), (2, second, a2)):
        lokets.open_loket(session=session, loket=number, staff_id=member.id, at=t(-5), actor=actor)

    def walk_in(minutes, code, name, priority=None):
        return queue.take_number(
            session=session,
            catalog=catalog,
            service_code=code,
            now=t(minutes),
            actor=KIOSK,
            holder=TicketHolder(visitor_name=name, priority=priority),
        )

    def check_in(minutes, suffix):
        return bookings.check_in(
            session=session, catalog=catalog, code=booked + suffix, now=t(minutes), actor=KIOSK
        )

    def serve(visit, loket, member, called, walk, minutes):
        actor = actor_for(member)
        queue.call_visit(
            session=session,
            visit_id=visit.id,
            now=t(called),
            loket=loket,
            staff_id=member.id,
            actor=actor,
        )
        visit = serving.start_service(
            session=session, visit_id=visit.id, now=t(called + walk), actor=actor
        )
        if minutes is None:
            return
        ended = t(called + walk + minutes)
        outcome = finish_visit(visit, member, ended)
        serving.finish(session=session, visit_id=visit.id, now=ended, actor=actor, outcome=outcome)

    hendra = check_in(-3, "0001")
    yusuf = walk_in(2, "UBAH", "Yusuf Maulana")
    serve(hendra, 1, first, 1, 1, 12)
    serve(yusuf, 2, second, 4, 1, 13)
    rudi = walk_in(8, "KONS", "Rudi Hartono")
    maya = check_in(22, "0002")
    serve(rudi, 2, second, 19, 1, 9)
    serve(maya, 1, first, 24, 1, None)
    serving.hold(
        session=session, visit_id=maya.id, now=t(31), actor=a1, reason="Membeli/menempel meterai"
    )
    asep = walk_in(30, "UID", "Asep Saepudin")
    queue.call_visit(
        session=session, visit_id=asep.id, now=t(32), loket=1, staff_id=first.id, actor=a1
    )
    queue.recall(session=session, day=day, now=t(34), loket=1, actor=a1)
    serving.no_show(session=session, visit_id=asep.id, now=t(37), actor=a1)
    lina = walk_in(33, "REG", "Lina Marlina")
    serve(lina, 2, second, 38, 2, None)
    serving.hold(
        session=session,
        visit_id=lina.id,
        now=t(45),
        actor=a2,
        reason="Mengambil dokumen yang kurang",
    )
    serving.resume(session=session, visit_id=maya.id, now=t(47), actor=a1)
    serve(maya, 1, first, 48, 1, 10)
    agus = walk_in(50, "KONS", "Agus Salim", "lansia")
    serve(agus, 2, second, 51, 1, 7)
    robert = check_in(57, "0003")
    joko = walk_in(60, "KONS", "Joko Prasetyo")
    serving.transfer(
        session=session,
        catalog=catalog,
        visit_id=joko.id,
        to_service="REG",
        now=t(62),
        actor=a2,
        reason="Ternyata ingin mendaftar akun SPSE",
    )
    serve(robert, 1, first, 63, 1, 14)
    dewi = walk_in(70, "UBAH", "Dewi Kartika")
    serving.cancel(
        session=session, visit_id=dewi.id, now=t(95), actor=a2, reason="Penyedia pulang lebih dulu"
    )
    serve(joko, 2, second, 72, 1, 16)
    budi = walk_in(78, "UID", "Budi Hartawan")
    serve(budi, 1, first, 80, 2, 6)
    lokets.pause_loket(
        session=session, loket=2, staff_id=second.id, at=t(92), actor=a2, reason="Salat"
    )
    lokets.open_loket(session=session, loket=2, staff_id=second.id, at=t(107), actor=a2)
    siti = walk_in(96, "REG", "Siti Nurhaliza", "hamil")
    serve(siti, 1, first, 97, 1, 15)
    fajar = walk_in(100, "UID", "Fajar Nugroho")
    dian = check_in(104, "0004")
    queue.call_visit(
        session=session, visit_id=fajar.id, now=t(110), loket=2, staff_id=second.id, actor=a2
    )
    serving.no_show(session=session, visit_id=fajar.id, now=t(114), actor=a2)
    serve(dian, 2, second, 115, 1, None)  # still being served at loket 2
    walk_in(118, "REG", "Zoë Łukasiewicz-Nguyễn")
    walk_in(121, "UBAH", "Taufik Hidayat")
    walk_in(124, "KONS", "Wulan Sari", "disabilitas")
    walk_in(127, "REG", "Ahmad Fauzi")
    nur = walk_in(129, "UID", "Nur Aini")
    queue.call_visit(
        session=session, visit_id=nur.id, now=t(133), loket=1, staff_id=first.id, actor=a1
    )
