"""An online backup while four desks take queue numbers.

A database with 100,000 past visits (and their events) and 20,000 receipts with realistic
payloads is built once. Four processes then take numbers in a loop (the store's own
``issue_number`` in a write transaction, as a desk does), timing each number. While they
run, ``store.backup.take`` copies the database. Printed: the backup's time and size, and
the longest wait any number saw during the backup (target: at most 1 s).

    .venv/bin/python benchmarks/backup.py [--visits 100000] [--receipts 20000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sqlite3
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TARGET_WAIT_S = 1.0
DAY = date(2026, 6, 10)


def _build(path: Path, visits: int, receipts: int) -> None:
    from lpse_desk.store.db import open_store

    engine, _ = open_store(f"sqlite:///{path}")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys=OFF")
    start = datetime(2018, 1, 1, 1, 0)
    conn.executemany(
        "INSERT INTO visit (service_date, service_code, prefix, number, status, visitor_name, "
        "arrived_at, finished_at, outcome) VALUES (?, 'REG', 'A', ?, 'selesai', ?, ?, ?, "
        "'diterima')",
        (
            (
                (start + timedelta(days=n // 50)).date().isoformat(),
                n % 50 + 1,
                f"Pengunjung {n}",
                f"{start + timedelta(days=n // 50, minutes=n % 50)}.000000",
                f"{start + timedelta(days=n // 50, minutes=n % 50 + 20)}.000000",
            )
            for n in range(visits)
        ),
    )
    conn.execute("DROP TRIGGER IF EXISTS event_no_replace")  # bulk history, chained below
    conn.executemany(
        "INSERT INTO event (at, actor, entity, entity_id, action) VALUES (?, 'kios', 'visit', ?, "
        "'nomor_diambil')",
        ((f"{start + timedelta(days=n // 50)}.000000", n + 1) for n in range(visits)),
    )
    payload = '{"documents": [' + ",".join(['{"name": "Dokumen persyaratan", "note": ""}'] * 12)
    conn.executemany(
        "INSERT INTO receipt (number, year, seq, kind, case_id, issued_at, payload, sha256, "
        "copies) VALUES (?, 2026, ?, 'tanda_terima', 1, ?, ?, ?, 0)",
        (
            (f"TT-LPSE/2026/{n:06d}", n, f"{start}.000000", payload + f"], \"n\": {n}}}", "0" * 64)
            for n in range(1, receipts + 1)
        ),
    )
    conn.commit()
    conn.close()


def _desk(url: str, barrier, stop, results) -> None:
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queue import issue_number

    engine = make_engine(url)
    with engine.connect():
        pass
    barrier.wait()
    waits = []
    while not stop.is_set():
        began = time.perf_counter()
        with write_session(engine) as session:
            issue_number(session=session, service_code="REG", service_date=DAY)
        waits.append((began, time.perf_counter() - began))
    results.put(waits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--receipts", type=int, default=20_000)
    parser.add_argument("--procs", type=int, default=4)
    args = parser.parse_args()
    from lpse_desk.domain.clock import WIB
    from lpse_desk.store import backup

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lpse_desk.db"
        began = time.perf_counter()
        _build(path, args.visits, args.receipts)
        print(f"basis data: {args.visits:,} kunjungan, {args.receipts:,} tanda terima, "
              f"{path.stat().st_size / 1e6:.0f} MB (dibuat {time.perf_counter() - began:.1f} s)")
        ctx = mp.get_context("spawn")
        barrier, stop, results = ctx.Barrier(args.procs + 1), ctx.Event(), ctx.Queue()
        workers = [
            ctx.Process(target=_desk, args=(f"sqlite:///{path}", barrier, stop, results))
            for _ in range(args.procs)
        ]
        for worker in workers:
            worker.start()
        barrier.wait()
        time.sleep(0.5)  # the desks are taking numbers
        start = time.perf_counter()
        info = backup.take(path, Path(tmp) / "cadangan", now=datetime.now(WIB), keep=30)
        end = time.perf_counter()
        time.sleep(0.5)
        stop.set()
        waits = [item for _ in workers for item in results.get(timeout=120)]
        for worker in workers:
            worker.join()
    during = [wait for at, wait in waits if at <= end and at + wait >= start]
    longest = max(during) if during else 0.0
    print(f"cadangan: {end - start:.2f} s, {info.size / 1e6:.0f} MB, diperiksa "
          f"(integrity_check, {len(info.counts)} tabel dihitung)")
    print(f"nomor antrian selama pencadangan: {len(during)}, tunggu terlama {longest * 1000:.0f} ms "
          f"(target ≤ {TARGET_WAIT_S * 1000:.0f} ms): {'OK' if longest <= TARGET_WAIT_S else 'GAGAL'}")
    print(f"nomor antrian seluruhnya: {len(waits)}, tunggu terlama "
          f"{max(wait for _, wait in waits) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
