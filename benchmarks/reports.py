"""The head of unit's reports over a year: the counter report, the case report and their PDFs.

The store gets a year as issue 16 sets it, spread as a counter's year is: 100,000 visits on
250 weekdays (400 a day from 08.00 WIB, four services, four lokets, eight officers; waits
of minutes to an hour and a half, service around 11 minutes with a tail past an hour;
cancellations, no-shows, no-shows called again, holds, transfers, 40 % booked) with their
events (six a visit on average: 600,000), an idle stretch of the loket before each call
(migration 0013), and 30,000 cases handed to the verifiers: a fifth returned once and
brought back the next day, decided between 2 and 40 working hours after hand-off, 300
still open (half of them overdue). Each visit keeps its report figures (migration 0011)
and each decided case its working time (migration 0012), as the desk writes them. (Until
6 December 2026 every visit of this year waited 5 minutes and was served in 14 by nobody:
its histograms had one bar each, and the figures it printed flattered the report.)

Timed: ``ReportDesk.counter`` for the whole year (it reads the year before too, for the
comparison; empty here), ``ReportDesk.cases`` for the whole year, and the PDF of each
(``receipts.report_pdf``). Targets (issue 16): each report under 300 ms, each PDF under 1 s.

    .venv/bin/python benchmarks/reports.py [--past 100000] [--cases 30000] [--runs 5]
        [--postgresql] [--keep year.db]

``--postgresql``: the same on a throwaway local PostgreSQL cluster (``tests/pgserver.py``).
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from call_next import write_history  # noqa: E402  (the same batched write of visits)


def _staff(engine, name: str, role, count: int, now: datetime) -> list[int]:
    """``count`` accounts ``name 1``…, of ``role``; their ids."""
    from lpse_desk.store.db import write_session
    from lpse_desk.store.queries import staff

    with write_session(engine) as session:
        return [
            staff.create(session=session, name=f"{name} {n}", role=role, pin="2468",
                         actor="benchmark", now=now - timedelta(days=400)).id
            for n in range(1, count + 1)
        ]  # fmt: skip


def _working_days(now: datetime, count: int) -> list:
    """The ``count`` weekdays before ``now``'s day, newest first (a year: 250)."""
    days, day = [], now.date()
    while len(days) < count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


def _visit_story(rng: random.Random, arrived: datetime) -> tuple[str, list, float, float]:
    """One visit's moves as the desk records them, drawn as a counter's year spreads them:
    waits of minutes to an hour and a half, service around 11 minutes (a few past an hour),
    4 % cancelled while waiting, 5 % no-show, 3 % called again after a no-show, 5 % held and
    called back, 2 % transferred. Returns the status, the moves ``(minutes after arrival,
    action, from, to)``, the wait and the service in minutes."""
    wait = min(rng.expovariate(1 / 10), 90.0) + rng.random() / 60
    service = min(max(rng.lognormvariate(math.log(11), 0.5), 1.0), 90.0) + rng.random() / 60
    moves = [(0.0, "nomor_diambil", None, "menunggu")]
    draw = rng.random()
    if draw < 0.02:  # transferred from another service while waiting: arrival kept
        moves.append((wait / 2, "dialihkan", "menunggu", "menunggu"))
    elif draw < 0.06:
        moves.append((wait, "batal", "menunggu", "batal"))
        return "batal", moves, wait, 0.0
    elif draw < 0.11:
        moves += [(wait, "dipanggil", "menunggu", "dipanggil"),
                  (wait + 3, "tidak_hadir", "dipanggil", "tidak_hadir")]  # fmt: skip
        return "tidak_hadir", moves, wait, 0.0
    elif draw < 0.14:  # a no-show who came back: the last call counts
        moves += [(wait / 2, "dipanggil", "menunggu", "dipanggil"),
                  (wait / 2 + 3, "tidak_hadir", "dipanggil", "tidak_hadir"),
                  (wait / 2 + 4, "dipulihkan", "tidak_hadir", "menunggu")]  # fmt: skip
    moves += [(wait, "dipanggil", "menunggu", "dipanggil"),
              (wait + 0.5, "mulai_dilayani", "dipanggil", "dilayani")]  # fmt: skip
    at = wait + 0.5
    if 0.14 <= draw < 0.19:  # held for a missing paper, called back
        moves += [(at + service / 2, "ditahan", "dilayani", "ditahan"),
                  (at + service / 2 + 12, "dipanggil", "ditahan", "dipanggil"),
                  (at + service / 2 + 12.5, "mulai_dilayani", "dipanggil", "dilayani")]  # fmt: skip
        at += 12.5
    moves.append((at + service, "selesai", "dilayani", "selesai"))
    return "selesai", moves, wait, service


def _fill_year(engine, past: int, now: datetime, officers: list[int]) -> list:
    """``past`` visits over a year of weekdays (400 a day from 08.00 WIB), each with its
    moves, a recall note and a loket note (six events a visit on average: 600,000), and
    their report figures as the desk keeps them. Returns each served visit's loket,
    officer and call time, for the idle stretches."""

    from lpse_desk.domain.clock import WIB

    rng = random.Random(16)
    codes = (("REG", "A"), ("UBAH", "B"), ("UID", "C"), ("KONS", "D"))
    days = _working_days(now, -(-past // 400))
    visits, log, calls = [], [], []
    for index in range(past):
        day_back, place = divmod(index, 400)
        code, prefix = codes[rng.randrange(4) if index % 3 else index % 4]
        opened = datetime.combine(days[day_back], datetime.min.time(), tzinfo=WIB)
        arrived = opened + timedelta(hours=8, seconds=63 * place + rng.random() * 60)
        status, moves, _wait, _service = _visit_story(rng, arrived)
        loket = 1 + rng.randrange(4)
        officer = officers[(loket - 1) * 2 + rng.randrange(2)] if status != "batal" else None
        at = {action: arrived + timedelta(minutes=minutes) for minutes, action, *_ in moves}
        visits.append({
            "id": index + 1, "service_date": arrived.date(), "service_code": code,
            "prefix": prefix, "number": place + 1, "status": status,
            "visitor_name": f"Pengunjung {index}", "arrived_at": arrived,
            "called_at": at.get("dipanggil"), "served_at": at.get("mulai_dilayani"),
            "finished_at": at.get("selesai") or at.get("batal") or at.get("tidak_hadir"),
            "loket": None if officer is None else loket, "served_by": officer,
            "booking_code": f"BK-{index}" if rng.random() < 0.4 else None,
            "transferred_from": "KONS" if any(m[1] == "dialihkan" for m in moves) else None,
            "outcome": "informasi" if status == "selesai" else None,
        })  # fmt: skip
        notes = [(moves[-1][0] / 2, "panggil_ulang", None, None),
                 (moves[-1][0], "catatan_loket", None, None)]  # fmt: skip
        for minutes, action, before, after in sorted(moves + notes, key=lambda m: m[0]):
            log.append({"at": arrived + timedelta(minutes=minutes), "actor": "benchmark",
                        "entity": "visit", "entity_id": index + 1, "action": action,
                        "from_state": before, "to_state": after})  # fmt: skip
        if officer is not None and "dipanggil" in at:
            calls.append((loket, officer, at["dipanggil"]))
    write_history(engine, visits, log)
    return calls


def _idle_stretches(engine, calls: list) -> None:
    """An idle stretch of 1–5 minutes before each call (``loket_idle``), at the visit's loket,
    by its officer."""
    from lpse_desk.domain.reports.idle import IdleStretch
    from lpse_desk.store.db import write_session
    from lpse_desk.store.queries.idle import write_all
    from lpse_desk.store.tables.queue import LoketIdleDayRow, LoketIdleRow

    stretches = [
        IdleStretch(loket=loket, staff_id=officer, service_date=called.date(),
                    ended_by="dipanggil", started=called - timedelta(minutes=1 + index % 5),
                    ended=called)  # fmt: skip
        for index, (loket, officer, called) in enumerate(calls)
    ]
    with write_session(engine) as session:  # the stretches and their day totals, as kept
        write_all(session, LoketIdleRow.__table__, LoketIdleDayRow.__table__, stretches)


def _fill_cases(engine, count: int, now: datetime, calendar) -> None:
    """``count`` decided cases over the year, 300 open; figures as the desk keeps them."""
    from sqlalchemy import insert

    from lpse_desk.domain.entities import Event
    from lpse_desk.domain.reports.cases import worked_of
    from lpse_desk.domain.roles import Role
    from lpse_desk.store.db import write_session
    from lpse_desk.store.queries.events import record_many
    from lpse_desk.store.tables.cases import CaseReturnRow, CaseRow

    rng = random.Random(16)
    verifiers = _staff(engine, "Verifikator", Role.VERIFIKATOR, 6, now)
    codes = ("REG", "UBAH", "UID")
    rows, log, returns = [], [], []
    for index in range(count + 300):
        handed = now - timedelta(days=1 + index % 364, hours=rng.randint(0, 8))
        moves = [(handed, "diserahkan_ke_verifikator", "menunggu_verifikasi")]
        returned = index % 5 == 0
        if returned:
            back = handed + timedelta(hours=3)
            moves += [(back, "dikembalikan_ke_penyedia", "dikembalikan"),
                      (back + timedelta(days=1), "berkas_kembali", "menunggu_verifikasi")]  # fmt: skip
            returns.append({"case_id": index + 1, "returned_at": back,
                            "returned_by": verifiers[index % 6],
                            "reasons": "tidak_lengkap" if index % 2 else "tidak_valid,catatan"})  # fmt: skip
        open_case = index >= count
        if open_case:
            handed = now - timedelta(hours=index % 60)
            moves = [(handed, "diserahkan_ke_verifikator", "menunggu_verifikasi")]
        else:
            decided = calendar.add_working_time(moves[-1][0], timedelta(hours=rng.randint(2, 40)))
            verdict = "disetujui" if index % 7 else "ditolak"
            moves.append((decided, verdict, verdict))
        history = [Event(id=n, at=at, actor="benchmark", entity="case", entity_id=index + 1,
                         action=action, from_state=None, to_state=to, reason=None)
                   for n, (at, action, to) in enumerate(moves)]  # fmt: skip
        worked = worked_of(history, calendar)
        log += [{"at": at, "actor": "benchmark", "entity": "case", "entity_id": index + 1,
                 "action": action, "to_state": to} for at, action, to in moves]  # fmt: skip
        rows.append({
            "id": index + 1, "service_code": codes[index % 3], "procedure": "tatap_muka",
            "status": moves[-1][2], "bearer_is_director": True, "sikap_given": False,
            "created_at": handed - timedelta(minutes=20), "handed_off_at": handed,
            "due_at": calendar.due_at(handed), "assigned_to": verifiers[index % 6],
            "decided_by": None if open_case else verifiers[index % 6],
            "decided_at": worked.concluded_at, "concluded_at": worked.concluded_at,
            "closed_at": worked.concluded_at, "worked_seconds": worked.seconds,
        })  # fmt: skip
    with write_session(engine) as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(CaseRow), rows[start : start + 5000])
        session.execute(insert(CaseReturnRow), returns)
        for start in range(0, len(log), 20000):
            record_many(session=session, events=log[start : start + 20000])


def _timed_ms(work, runs: int) -> str:
    """``median (best)`` milliseconds over ``runs`` runs: the best is what the code costs on
    a shared machine whose speed drifts by a quarter from minute to minute."""
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        timings.append(time.perf_counter() - began)
    return f"{statistics.median(timings) * 1000:,.0f} ms (best {min(timings) * 1000:,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--past", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--postgresql", action="store_true")
    parser.add_argument("--keep", type=Path, metavar="FILE",
                        help="write the SQLite year to FILE and keep it (to try the screens)")
    args = parser.parse_args()
    server = None
    if args.postgresql:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests import pgserver

        server = pgserver.start(durable=True)
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.domain.reports.case_tables import case_document
    from lpse_desk.domain.reports.counter_tables import counter_document
    from lpse_desk.paths import calendar_file
    from lpse_desk.receipts.report_pdf import render_report_pdf
    from lpse_desk.store.db import open_store
    from lpse_desk.store.services.reports import ReportDesk

    now = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    calendar = WorkingCalendar.from_file(calendar_file())
    with tempfile.TemporaryDirectory() as tmp:
        url = (
            pgserver.new_database(server.base_url, migrated=False)
            if server is not None
            else f"sqlite:///{(args.keep or Path(tmp) / 'bench.db').resolve()}"
        )
        engine, _ = open_store(url)
        began = time.perf_counter()
        from lpse_desk.domain.roles import Role

        officers = _staff(engine, "Petugas", Role.PETUGAS, 8, now)
        _idle_stretches(engine, _fill_year(engine, args.past, now, officers))
        _fill_cases(engine, args.cases, now, calendar)
        print(f"{args.past:,} visits (about six events each, an idle stretch before each call) "
              f"and {args.cases:,} cases written in {time.perf_counter() - began:.0f} s")  # fmt: skip
        # Read as a desk opened on a year's store reads it: the bulk writes' WAL folded back
        # into the file (SQLite), the planner's statistics gathered (PostgreSQL's autovacuum).
        engine.dispose()
        gc.collect()  # and none of the writing's garbage left for the collector to walk
        gc.freeze()
        engine, _ = open_store(url)
        if server is not None:
            with engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        desk = ReportDesk(engine=engine, catalog=load_catalog(), calendar=calendar,
                          clock=FixedClock(now))  # fmt: skip
        start, end = (now - timedelta(days=364)).date(), now.date()
        counter = desk.counter(start=start, end=end)
        cases = desk.cases(start=start, end=end)
        counter_ms = _timed_ms(lambda: desk.counter(start=start, end=end), args.runs)
        cases_ms = _timed_ms(lambda: desk.cases(start=start, end=end), args.runs)
        filters = "Semua layanan, loket dan petugas"
        counter_pdf = _timed_ms(lambda: render_report_pdf(
            counter_document(counter, {}, filters=filters)), args.runs)  # fmt: skip
        cases_pdf = _timed_ms(lambda: render_report_pdf(
            case_document(cases, {}, filters="Semua layanan dan verifikator")), args.runs)  # fmt: skip
        engine.dispose()
    if server is not None:
        server.stop()
    engine_name = "PostgreSQL" if server is not None else "SQLite"
    print(f"engine: {engine_name}; median (best) of {args.runs} runs")
    print(f"counter report of a year ({counter.now.visits:,} visits): {counter_ms} "
          "(target < 300 ms)")  # fmt: skip
    print(f"case report of a year ({cases.decided:,} decided, {cases.returned:,} returns, "
          f"{cases.open_cases} open): {cases_ms} (target < 300 ms)")  # fmt: skip
    print(f"PDF of the counter report: {counter_pdf}; of the case report: "
          f"{cases_pdf} (target < 1,000 ms)")  # fmt: skip


if __name__ == "__main__":
    main()
