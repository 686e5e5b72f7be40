"""The head of unit's reports over a year: the counter report, the case report and their PDFs.

The store gets a year as issue 16 sets it: 100,000 finished visits with their events
(taken, called, recalled, served, finished and the loket's own: six per visit, 600,000 in
all; ``benchmarks/call_next.py`` writes the first four, this script adds a recall and a
note), an idle stretch of the loket before each call (migration 0013), and 30,000 cases handed to the verifiers: a fifth returned once and brought back the
next day, decided between 2 and 40 working hours after hand-off, 300 still open (half of
them overdue). Each visit keeps its report figures (migration 0011) and each decided case
its working time (migration 0012), as the desk writes them.

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
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from call_next import _fill_history  # noqa: E402


def _more_events(engine, past: int, now: datetime) -> None:
    """A recall and a loket note for each visit: 600,000 events in all, as the issue sets."""
    from lpse_desk.store.db import write_session
    from lpse_desk.store.queries.events import record_many

    log = []
    for index in range(past):
        arrived = now - timedelta(days=index // 400 + 1, hours=-8) + timedelta(minutes=index % 400)
        for action, offset in (("panggil_ulang", 5.5), ("catatan_loket", 10)):
            log.append({"at": arrived + timedelta(minutes=offset), "actor": "benchmark",
                        "entity": "visit", "entity_id": index + 1, "action": action})  # fmt: skip
    with write_session(engine) as session:
        for start in range(0, len(log), 20000):
            record_many(session=session, events=log[start : start + 20000])


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


def _idle_stretches(engine, past: int, now: datetime) -> None:
    """An idle stretch of 1–5 minutes before each call (``loket_idle``, 100,000 rows), at the
    visit's loket, by one of four officers."""
    from lpse_desk.domain.reports.idle import IdleStretch
    from lpse_desk.domain.roles import Role
    from lpse_desk.store.db import write_session
    from lpse_desk.store.queries.idle import write_all
    from lpse_desk.store.tables.queue import LoketIdleDayRow, LoketIdleRow

    officers = _staff(engine, "Petugas", Role.PETUGAS, 4, now)
    stretches = []
    for index in range(past):
        day_back, place = divmod(index, 400)
        called = (now - timedelta(days=day_back + 1, hours=-8)
                  + timedelta(seconds=60 * place, minutes=5))  # fmt: skip
        stretches.append(IdleStretch(loket=1 + index % 2, staff_id=officers[index % 4],
                                     service_date=called.date(), ended_by="dipanggil",
                                     started=called - timedelta(minutes=1 + index % 5),
                                     ended=called))  # fmt: skip
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
        _fill_history(engine, args.past, now)
        _more_events(engine, args.past, now)
        _idle_stretches(engine, args.past, now)
        _fill_cases(engine, args.cases, now, calendar)
        print(f"{args.past:,} visits, {6 * args.past:,} visit events and {args.cases:,} cases "
              f"written in {time.perf_counter() - began:.0f} s")  # fmt: skip
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
