"""Importing 50,000 rows while another desk keeps writing.

For each import (MPP bookings, paper IKM questionnaires) on a fresh migrated SQLite file:
the import's time, its peak Python memory (tracemalloc, a second run on another fresh
file, as tracing slows the first), and the longest wait for the write lock seen by a
second process that takes ``BEGIN IMMEDIATE`` and commits in a loop meanwhile, as a desk
taking numbers would. ``--batch 0`` writes the whole file in one transaction (the old way).

Target: a second desk never waits more than about 1 s.

    .venv/bin/python benchmarks/imports.py [--rows 50000] [--batch 200]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sqlite3
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

from lpse_desk.domain.clock import WIB, FixedClock
from lpse_desk.domain.ikm.index import UNSUR_KEYS
from lpse_desk.domain.importfile import BATCH_ROWS

NOW = datetime(2026, 6, 10, 7, 0, tzinfo=WIB)


def booking_file(rows: int) -> bytes:
    lines = [
        f"MPP-2606-{n:06d};Pengunjung {n};0812{n:08d};REG;{11 + n % 15}/06/2026;"
        f"{8 + n % 8:02d}:{n % 4 * 15:02d}"
        for n in range(rows)
    ]
    return ("kode_booking;nama;no_hp;layanan;tanggal;jam\n" + "\n".join(lines) + "\n").encode()


def paper_file(rows: int) -> bytes:
    header = "tanggal;layanan;" + ";".join(UNSUR_KEYS) + ";saran"
    lines = [
        f"2026-06-{1 + n % 9:02d};REG;" + ";".join(str(1 + (n + k) % 4) for k in range(9))
        + f";saran nomor {n}"
        for n in range(rows)
    ]  # fmt: skip
    return (header + "\n" + "\n".join(lines) + "\n").encode()


def _other_desk(path: str, stop, ready, result) -> None:
    """Take the write lock again and again until told to stop; the longest wait."""
    conn = sqlite3.connect(path, timeout=60, isolation_level=None)
    longest = 0.0
    ready.set()
    while not stop.is_set():
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        longest = max(longest, time.perf_counter() - started)
        conn.execute("COMMIT")
        time.sleep(0.005)
    result.put(longest)


def _store(folder: Path):
    from lpse_desk import paths
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.queue.rules import QueuePolicy
    from lpse_desk.store.db import open_store
    from lpse_desk.store.services.ikm import IkmDesk
    from lpse_desk.store.services.queue import QueueDesk

    path = folder / "bench.db"
    engine, _ = open_store(paths.sqlite_url(path))
    clock = FixedClock(NOW)
    catalog = load_catalog()
    calendar = WorkingCalendar.from_file(paths.calendar_file())
    queue = QueueDesk(
        engine=engine, catalog=catalog, calendar=calendar, clock=clock, policy=QueuePolicy()
    )
    return path, engine, queue, IkmDesk(engine=engine, catalog=catalog, clock=clock)


def run(kind: str, data: bytes, batch: int) -> tuple[float, float, float]:
    """Seconds, peak MB and the other desk's longest wait (s) for one import."""
    rows = batch or 10**9
    with tempfile.TemporaryDirectory() as tmp:
        path, engine, queue, ikm = _store(Path(tmp))
        do = queue.import_bookings if kind == "booking" else ikm.import_paper
        stop, ready, result = mp.Event(), mp.Event(), mp.Queue()
        other = mp.Process(target=_other_desk, args=(str(path), stop, ready, result))
        other.start()
        ready.wait()
        started = time.perf_counter()
        do("bench", data, source=f"{kind}.csv", batch_rows=rows)
        seconds = time.perf_counter() - started
        stop.set()
        longest = result.get()
        other.join()
        engine.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        _, engine, queue, ikm = _store(Path(tmp))
        do = queue.import_bookings if kind == "booking" else ikm.import_paper
        tracemalloc.start()
        do("bench", data, source=f"{kind}.csv", batch_rows=rows)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        engine.dispose()
    return seconds, peak, longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=BATCH_ROWS, help="0: one transaction")
    args = parser.parse_args()
    os.environ.setdefault("LPSE_DESK_HOME", str(Path(__file__).resolve().parent.parent))
    for kind, make in (("booking", booking_file), ("ikm kertas", paper_file)):
        data = make(args.rows)
        seconds, peak, longest = run(kind.split()[0], data, args.batch)
        print(
            f"{kind:>10}: {args.rows:,} baris ({len(data) / 1e6:.1f} MB), batch "
            f"{args.batch or 'satu transaksi'}: {seconds:.2f} s, puncak memori {peak:.1f} MB, "
            f"tunggu kunci terlama desk lain {longest * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
