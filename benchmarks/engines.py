"""SQLite and PostgreSQL side by side: queue numbers from 4 and 8 desks, and calling next.

For each engine (PostgreSQL on a throwaway local cluster from ``tests/pgserver.py``, when its
binaries are on this machine):

- **numbers**: 4 and 8 desk processes, each taking numbers in its own write transaction (the
  store's write lock, ``issue_number``) for the same service and day, from a barrier; the rate
  together, and each number's wait (begin of the transaction to its commit) at the 99th
  percentile; every number checked afterwards: no duplicate, no gap.
- **call next**: ``QueueDesk.call_next`` at one loket with 200 visitors waiting (median).

Targets (issue 15): PostgreSQL with 8 desks ≥ 500 numbers/s, p99 wait ≤ 200 ms.

    .venv/bin/python benchmarks/engines.py [--each 500]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.pgserver

DAY = date(2026, 6, 10)
TARGET_RATE = 500
TARGET_P99_MS = 200.0


def _desk(url: str, count: int, barrier, results) -> None:
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries.queue import issue_number

    engine = make_engine(url)
    with engine.connect():
        pass
    barrier.wait()
    numbers, waits = [], []
    for _ in range(count):
        began = time.perf_counter()
        with write_session(engine) as session:
            numbers.append(issue_number(session=session, service_code="REG", service_date=DAY))
        waits.append(time.perf_counter() - began)
    results.put((numbers, waits, time.perf_counter()))
    engine.dispose()


def numbers(url: str, procs: int, each: int) -> str:
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(procs + 1)
    results = ctx.Queue()
    workers = [ctx.Process(target=_desk, args=(url, each, barrier, results)) for _ in range(procs)]
    for worker in workers:
        worker.start()
    barrier.wait()
    start = time.perf_counter()
    collected = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    end = max(finished for _, _, finished in collected)
    issued = sorted(n for got, _, _ in collected for n in got)
    waits = sorted(w for _, got, _ in collected for w in got)
    duplicates = len(issued) - len(set(issued))
    gaps = len(set(range(1, len(issued) + 1)) - set(issued))
    rate = len(issued) / (end - start)
    p99 = statistics.quantiles(waits, n=100)[-1] * 1000
    return (
        f"{procs} desks: {rate:,.0f} numbers/s, p99 wait {p99:.0f} ms, "
        f"{duplicates} duplicates, {gaps} gaps"
    )


def call_next(url: str, calls: int = 200) -> str:
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.access import SystemActor
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.domain.queue.rules import QueuePolicy
    from lpse_desk.domain.roles import Role
    from lpse_desk.paths import calendar_file
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries import staff
    from lpse_desk.store.services.queue import QueueDesk

    now = datetime(2026, 6, 11, 9, 30, tzinfo=WIB)
    clock = FixedClock(now - timedelta(hours=2))
    engine = make_engine(url)
    desk = QueueDesk(engine=engine, catalog=load_catalog(),
                     calendar=WorkingCalendar.from_file(calendar_file()), clock=clock,
                     policy=QueuePolicy())  # fmt: skip
    with write_session(engine) as session:
        officer = staff.create(session=session, name="Petugas Benchmark", role=Role.PETUGAS,
                               pin="2468", actor="benchmark", now=now)  # fmt: skip
    for index in range(calls):
        clock.advance(timedelta(seconds=30))
        desk.take(SystemActor("kios"), ("REG", "UBAH", "UID", "KONS")[index % 4])
    clock.set(now)
    desk.open_loket(officer, 1)
    timings = []
    for _ in range(calls):
        begin = time.perf_counter()
        visit = desk.call_next(officer, 1)
        timings.append((time.perf_counter() - begin) * 1000)
        desk.no_show(officer, visit.id)
    engine.dispose()
    return f"call next: median {statistics.median(timings):.1f} ms over {calls} calls"


def measure(name: str, fresh, each: int) -> None:
    from lpse_desk.store.db import open_store

    for procs in (4, 8):
        url = fresh()
        open_store(url)[0].dispose()
        print(f"{name:<11} {numbers(url, procs, each)}")
    url = fresh()
    open_store(url)[0].dispose()
    print(f"{name:<11} {call_next(url)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--each", type=int, default=500, help="numbers per desk")
    args = parser.parse_args()
    from tests import pgserver

    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(100))
        measure("SQLite", lambda: f"sqlite:///{Path(tmp) / f'b{next(counter)}.db'}", args.each)
    if pgserver.binaries() is None:
        print("PostgreSQL  not measured: initdb/pg_ctl not found (install postgresql)")
        return
    server = pgserver.start(durable=True)  # fsync on, as a real server
    try:
        measure(
            "PostgreSQL", lambda: pgserver.new_database(server.base_url, migrated=False), args.each
        )
    finally:
        server.stop()
    print(f"targets: PostgreSQL 8 desks ≥ {TARGET_RATE}/s, p99 wait ≤ {TARGET_P99_MS:.0f} ms")


if __name__ == "__main__":
    main()
