"""The demo's quarter of IKM survey: past served visits, kiosk and paper responses, follow-ups.

Thirteen weeks of working days before the demo day, drawn from a fixed seed so every demo
database is the same. Past visits carry no visitor names (only counts matter for the
report's population); responses never name anyone. Bulk inserts keep this under ~0.2 s.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert
from sqlmodel import Session, select

from lpse_desk.demo.day import KIOSK
from lpse_desk.domain.actors import actor_for
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import StaffMember, VisitStatus
from lpse_desk.domain.ikm.index import UNSUR_KEYS, low_unsur
from lpse_desk.domain.ikm.profile import EDUCATIONS, OCCUPATIONS
from lpse_desk.store.queries import tallies
from lpse_desk.store.queries.events import record_many
from lpse_desk.store.tables.ikm import IkmFollowupRow, IkmResponseRow
from lpse_desk.store.tables.queue import VisitRow

WEEKS = 13
SEED = 2026

# How vendors tend to answer each unsur: weights of scores 1, 2, 3, 4 (biaya: the service is free).
_LEANINGS = {
    "persyaratan": (0, 0.5, 56, 43.5),
    "prosedur": (0, 1, 58, 41),
    "waktu": (0.5, 1.5, 62, 36),
    "biaya": (0, 0, 8, 92),
    "produk": (0, 0.5, 60, 39.5),
    "kompetensi": (0, 0.3, 50, 49.7),
    "perilaku": (0, 0.3, 45, 54.7),
    "pengaduan": (0.2, 1, 62, 36.8),
    "sarana": (0.2, 1, 60, 38.8),
}
_SUGGESTIONS = (
    "Ruang tunggu kurang sejuk, mohon tambah pendingin ruangan",
    "Tempat parkir sempit",
    "Mohon tambah kursi tunggu",
    "Petugas ramah dan sangat membantu",
    "Antrian verifikasi terlalu lama",
    "Informasi persyaratan di website perlu diperbarui",
    "Sediakan colokan listrik untuk laptop",
    "Mohon layanan konsultasi juga lewat video call",
)
# service code, share of the day's visitors
_SERVICES = (("REG", 40), ("UBAH", 25), ("UID", 15), ("KONS", 20))


def _days(calendar: WorkingCalendar, today: date) -> list[date]:
    first = today - timedelta(weeks=WEEKS)
    days = (first + timedelta(days=n) for n in range((today - first).days))
    return [day for day in days if calendar.is_working_day(day)]


def _scores(rng: random.Random) -> dict[str, int]:
    return {key: rng.choices((1, 2, 3, 4), weights=_LEANINGS[key])[0] for key in UNSUR_KEYS}


def _profile(rng: random.Random) -> dict[str, object]:
    if rng.random() < 0.35:
        return dict.fromkeys(("jenis_kelamin", "usia", "pendidikan", "pekerjaan"))
    return {
        "jenis_kelamin": rng.choice("LLLP"),
        "usia": rng.randint(22, 62) if rng.random() < 0.8 else None,
        "pendidikan": rng.choices(EDUCATIONS, weights=(0, 1, 12, 8, 30, 6, 1))[0],
        "pekerjaan": rng.choices(OCCUPATIONS, weights=(1, 0, 40, 50, 9))[0],
    }


def fill_quarter(
    session: Session,
    *,
    catalog: Catalog,
    calendar: WorkingCalendar,
    now: datetime,
    officers: list[StaffMember],
    admin: StaffMember,
) -> int:
    """Add the quarter before ``now``'s day; how many responses were added."""
    rng = random.Random(SEED)
    codes = [code for code, _ in _SERVICES if code in catalog.services]
    weights = [share for code, share in _SERVICES if code in catalog.services]
    visits = []
    for day in _days(calendar, now.date()):
        numbers: dict[str, int] = {}
        for _ in range(rng.randint(14, 26)):
            code = rng.choices(codes, weights=weights)[0]
            prefix = catalog.service(code).queue_prefix
            numbers[prefix] = numbers.get(prefix, 0) + 1
            arrived = datetime.combine(day, time(8), tzinfo=WIB) + timedelta(
                minutes=rng.randint(0, 420)
            )
            served = arrived + timedelta(minutes=rng.randint(2, 40))
            loket = rng.choice((1, 2))
            visits.append(
                {
                    "service_date": day,
                    "service_code": code,
                    "prefix": prefix,
                    "number": numbers[prefix],
                    "status": VisitStatus.DONE.value,
                    "loket": loket,
                    "served_by": officers[loket - 1].id,
                    "outcome": "diterima" if code != "KONS" else "informasi",
                    "arrived_at": arrived,
                    "called_at": served,
                    "served_at": served,
                    "finished_at": served + timedelta(minutes=rng.randint(5, 25)),
                }
            )
    if not visits:
        return 0
    _one_at_a_time(visits)
    session.execute(insert(VisitRow), visits)
    first_day = visits[0]["service_date"]
    rows = session.exec(
        select(VisitRow.id, VisitRow.service_date, VisitRow.service_code, VisitRow.finished_at)
        .where(VisitRow.service_date >= first_day, VisitRow.service_date < now.date())
        .order_by(VisitRow.id)
    ).all()
    _history(session, [row[0] for row in rows], visits, officers)
    responses = []
    for visit_id, day, code, finished in rows:
        kind = rng.random()
        if kind < 0.24:
            responses.append(_response(rng, code, day, finished, "kiosk", visit_id))
        elif kind < 0.32:
            responses.append(_response(rng, code, day, finished + timedelta(days=1), "kertas"))
    session.execute(insert(IkmResponseRow), responses)
    _follow_up(session, now, admin)
    return len(responses)


def _one_at_a_time(visits: list[dict]) -> None:
    """Each loket serves one visitor at a time: a visitor is called a few minutes (0–5, from
    the drawn wait) after both their arrival and the loket's previous visitor leaving, and
    keeps the drawn length of service."""
    free: dict[tuple[date, int], datetime] = {}
    for visit in sorted(visits, key=lambda one: (one["service_date"], one["loket"],
                                                 one["arrived_at"])):  # fmt: skip
        key = (visit["service_date"], visit["loket"])
        lasted = visit["finished_at"] - visit["served_at"]
        gap = timedelta(minutes=int((visit["served_at"] - visit["arrived_at"]).total_seconds()
                                    // 60) % 6)  # fmt: skip
        called = max(visit["arrived_at"], free.get(key, visit["arrived_at"])) + gap
        visit["called_at"] = called
        visit["served_at"] = called + timedelta(minutes=1)
        visit["finished_at"] = free[key] = visit["served_at"] + lasted


def _history(session: Session, ids: list[int], visits: list[dict], officers) -> None:
    """Each past visit's four moves in the event log, as the queue would have written them."""
    moves = (
        ("nomor_diambil", None, VisitStatus.WAITING, "arrived_at"),
        ("dipanggil", VisitStatus.WAITING, VisitStatus.CALLED, "called_at"),
        ("mulai_dilayani", VisitStatus.CALLED, VisitStatus.SERVING, "served_at"),
        ("selesai", VisitStatus.SERVING, VisitStatus.DONE, "finished_at"),
    )
    rows = []
    for visit_id, visit in zip(ids, visits, strict=True):
        officer = actor_for(officers[visit["loket"] - 1])
        for action, before, after, moment in moves:
            rows.append(
                {
                    "at": visit[moment],
                    "actor": KIOSK if before is None else officer,
                    "entity": "visit",
                    "entity_id": visit_id,
                    "action": action,
                    "from_state": before.value if before else None,
                    "to_state": after.value,
                    "reason": {"selesai": visit["outcome"],
                               "dipanggil": f"loket {visit['loket']}"}.get(action),
                }
            )
    rows.extend(_loket_days(visits, officers))
    rows.sort(key=lambda row: row["at"])
    record_many(session=session, events=rows)
    tallies.refresh(session=session, chosen=select(VisitRow.id).where(VisitRow.id.in_(ids)))


def _loket_days(visits: list[dict], officers) -> list[dict]:
    """Each loket opened at 07.55 on each of its days and closed after its last visitor."""
    last: dict[tuple[date, int], datetime] = {}
    for visit in visits:
        key = (visit["service_date"], visit["loket"])
        last[key] = max(last.get(key, visit["finished_at"]), visit["finished_at"])
    rows = []
    for (day, loket), finished in sorted(last.items()):
        officer = actor_for(officers[loket - 1])
        opened = datetime.combine(day, time(7, 55), tzinfo=WIB)
        for at, state, before in ((opened, "buka", None),
                                  (finished + timedelta(minutes=5), "tutup", "buka")):  # fmt: skip
            rows.append({"at": at, "actor": officer, "entity": "loket", "entity_id": loket,
                         "action": f"loket_{state}", "from_state": before, "to_state": state,
                         "reason": "selesai" if state == "tutup" else None})  # fmt: skip
    return rows


def _response(rng, code, day, at, source, visit_id=None) -> dict[str, object]:
    return {
        "visit_id": visit_id,
        "service_code": code,
        "service_date": day,
        "responded_at": at,
        "source": source,
        "saran": rng.choice(_SUGGESTIONS) if rng.random() < 0.15 else None,
        "import_batch": f"demo-{day.isoformat()}" if source == "kertas" else None,
        **_scores(rng),
        **_profile(rng),
    }


def _follow_up(session: Session, now: datetime, admin: StaffMember) -> None:
    """A follow-up per low response; those older than two weeks already handled."""
    columns = [getattr(IkmResponseRow, key) for key in UNSUR_KEYS]
    low = session.exec(
        select(IkmResponseRow.id, IkmResponseRow.responded_at, *columns).where(
            IkmResponseRow.service_date < now.date()
        )
    ).all()
    items = []
    for response_id, at, *scores in low:
        if not low_unsur(dict(zip(UNSUR_KEYS, scores, strict=True))):
            continue
        handled = at < now - timedelta(days=14)
        items.append(
            {
                "response_id": response_id,
                "opened_at": at,
                "handled_at": at + timedelta(days=3) if handled else None,
                "handled_by": admin.id if handled else None,
                "note": "Dibahas dalam rapat evaluasi mingguan" if handled else None,
            }
        )
    if items:
        session.execute(insert(IkmFollowupRow), items)
