"""Calling the next visit with a year of history in the store.

A fresh SQLite file gets 100,000 finished visits spread over the past year (each
with its four events, 400,000 in all), then today's queue of 200 waiting visits
(some booked, some priority). The timed operation is what the ``n`` key does:
``QueueDesk.call_next`` — one write transaction that checks the loket, reads
today's waiting visits, orders them and calls the first. Between calls (untimed)
the visit is marked no-show so the loket is free again.

Target: under 10 ms per call (median; the 95th percentile is printed too).

    .venv/bin/python benchmarks/call_next.py [--past 100000] [--calls 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

TARGET_MS = 10.0


def _fill_history(engine, past: int, today: datetime) -> None:
    codes = (("REG", "A"), ("UBAH", "B"), ("UID", "C"), ("KONS", "D"))
    per_day = 400
    visits, log = [], []
    for index in range(past):
        day_back, place = divmod(index, per_day)
        code, prefix = codes[index % 4]
        arrived = today - timedelta(days=day_back + 1, hours=-8) + timedelta(seconds=60 * place)
        visits.append(
            {
                "id": index + 1,
                "service_date": arrived.date(),
                "service_code": code,
                "prefix": prefix,
                "number": place + 1,
                "status": "selesai",
                "visitor_name": f"Pengunjung {index}",
                "arrived_at": arrived,
                "called_at": arrived + timedelta(minutes=5),
                "served_at": arrived + timedelta(minutes=6),
                "finished_at": arrived + timedelta(minutes=20),
                "loket": 1 + index % 2,
                "outcome": "informasi",
            }
        )
        for action, offset, before, after in (
            ("nomor_diambil", 0, None, "menunggu"),
            ("dipanggil", 5, "menunggu", "dipanggil"),
            ("mulai_dilayani", 6, "dipanggil", "dilayani"),
            ("selesai", 20, "dilayani", "selesai"),
        ):
            log.append(
                {
                    "at": arrived + timedelta(minutes=offset),
                    "actor": "benchmark",
                    "entity": "visit",
                    "entity_id": index + 1,
                    "action": action,
                    "from_state": before,
                    "to_state": after,
                }
            )
    write_history(engine, visits, log)


def write_history(engine, visits: list[dict], log: list[dict]) -> None:
    """Visit rows and their events in one transaction, in batches, then the visits' report
    figures from those events (as the desk keeps them)."""
    from sqlalchemy import insert

    from lpse_desk.store.db import write_session
    from lpse_desk.store.queries import tallies
    from lpse_desk.store.queries.events import record_many
    from lpse_desk.store.tables.queue import VisitRow

    with write_session(engine) as session:
        for start in range(0, len(visits), 5000):
            session.execute(insert(VisitRow), visits[start : start + 5000])
        for start in range(0, len(log), 20000):
            record_many(session=session, events=log[start : start + 20000])
        tallies.refresh(session=session)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--past", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()

    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.access import SystemActor
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.domain.queue.rules import QueuePolicy
    from lpse_desk.domain.roles import Role
    from lpse_desk.paths import calendar_file
    from lpse_desk.store.db import open_store, write_session
    from lpse_desk.store.queries import staff
    from lpse_desk.store.services.queue import QueueDesk

    now = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    clock = FixedClock(now)
    with tempfile.TemporaryDirectory() as tmp:
        engine, _ = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        started = time.perf_counter()
        _fill_history(engine, args.past, now)
        print(
            f"{args.past:,} past visits and {4 * args.past:,} events written in "
            f"{time.perf_counter() - started:.1f} s"
        )
        desk = QueueDesk(
            engine=engine,
            catalog=load_catalog(),
            calendar=WorkingCalendar.from_file(calendar_file()),
            clock=clock,
            policy=QueuePolicy(),
        )
        with write_session(engine) as session:  # the desk checks the officer's role
            officer = staff.create(session=session, name="Petugas Benchmark", role=Role.PETUGAS,
                                   pin="2468", actor="benchmark", now=now)  # fmt: skip
        clock.set(now - timedelta(hours=2))
        for index in range(args.calls):
            clock.advance(timedelta(seconds=30))
            desk.take(
                SystemActor("kios"),
                ("REG", "UBAH", "UID", "KONS")[index % 4],
                priority="lansia" if index % 17 == 0 else None,
            )
        clock.set(now)
        desk.open_loket(officer, 1)
        timings = []
        for _ in range(args.calls):
            begin = time.perf_counter()
            visit = desk.call_next(officer, 1)
            timings.append((time.perf_counter() - begin) * 1000)
            desk.no_show(officer, visit.id)
        engine.dispose()
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    verdict = "OK" if median < TARGET_MS else "ABOVE TARGET"
    print(
        f"call next: median {median:.2f} ms, p95 {p95:.2f} ms over {args.calls} calls "
        f"(target < {TARGET_MS:.0f} ms): {verdict}"
    )


if __name__ == "__main__":
    main()
