"""A backup of a year's database while four desks take queue numbers.

A fresh SQLite file gets 100,000 past visits and 20,000 cases, each case with its
receipt row (payload as large as a real receipt's; no PDFs: the backup is the database
alone). Four processes then take walk-in numbers in a loop through the store's own
``QueueDesk.take`` (one write transaction per number, with its event, as the kiosk
does), and while they run, ``store.backup.take`` copies the database with SQLite's
backup API, checks the copy (integrity_check, row counts) and renames it into place.

Printed per run: the backup's time, its size, how many numbers were taken during it,
and the longest wait any single number saw while the backup ran (the wait before and
after it, for comparison). Target: no number waits longer than 1 s.

    .venv/bin/python benchmarks/backup.py [--visits 100000] [--receipts 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

TARGET_WAIT_S = 1.0
NOW = "2026-06-10T09:30:00+07:00"
PROCS = 4


def _fill(engine, visits: int, receipts: int, now: datetime) -> None:
    """Bulk rows straight into the tables (fast); receipts without files."""
    from sqlalchemy import insert

    from lpse_desk.store.db import write_session
    from lpse_desk.store.tables.cases import CaseRow, ReceiptCounterRow, ReceiptRow
    from lpse_desk.store.tables.queue import VisitRow

    codes = (("REG", "A"), ("UBAH", "B"), ("UID", "C"), ("KONS", "D"))
    payload = json.dumps(
        {
            "vendor": "PT Contoh Sejahtera Abadi",
            "npwp": "0123456789012345",
            "bearer": "Budi Santoso",
            "documents": [
                {"name": f"Dokumen persyaratan {n}", "asli": True, "salinan": True, "note": ""}
                for n in range(12)
            ],
            "officer": "Ratna",
        }
    )
    per_day = 200  # 08:00–14:40, two minutes apart: every past visit stays on its own day
    opening = now.replace(hour=8, minute=0, second=0)
    with write_session(engine) as session:
        batch = []
        for index in range(visits):
            day_back, place = divmod(index, per_day)
            code, prefix = codes[index % 4]
            arrived = opening - timedelta(days=day_back + 1) + timedelta(minutes=2 * place)
            batch.append(
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
            if len(batch) == 5000:
                session.execute(insert(VisitRow), batch)
                batch = []
        if batch:
            session.execute(insert(VisitRow), batch)
        cases, rows = [], []
        for index in range(receipts):
            issued = now - timedelta(days=1 + index // 80, minutes=index % 80)
            cases.append(
                {
                    "id": index + 1,
                    "service_code": "REG",
                    "procedure": "luring",
                    "status": "diserahkan",
                    "visit_id": 1 + index * (visits // max(receipts, 1)),
                    "created_at": issued,
                }
            )
            rows.append(
                {
                    "number": f"TT-LPSE/2026/{index + 1:06d}",
                    "year": 2026,
                    "seq": index + 1,
                    "case_id": index + 1,
                    "issued_at": issued,
                    "payload": payload,
                    "sha256": f"{index:064x}",
                }
            )
        for start in range(0, len(cases), 5000):
            session.execute(insert(CaseRow), cases[start : start + 5000])
            session.execute(insert(ReceiptRow), rows[start : start + 5000])
        session.execute(insert(ReceiptCounterRow), [{"year": 2026, "last_number": receipts}])


def _desk(url: str, pace: float, barrier, stop, results) -> None:
    """One desk taking a number every ``pace`` seconds until told to stop: (start, end) of each."""
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.access import SystemActor
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import FixedClock
    from lpse_desk.domain.queue.rules import QueuePolicy
    from lpse_desk.paths import calendar_file
    from lpse_desk.store.db import make_engine
    from lpse_desk.store.services.queue import QueueDesk

    desk = QueueDesk(
        engine=make_engine(url),
        catalog=load_catalog(),
        calendar=WorkingCalendar.from_file(calendar_file()),
        clock=FixedClock(datetime.fromisoformat(NOW)),
        policy=QueuePolicy(),
    )
    desk.take(SystemActor("kios"), "REG")  # connections and caches warm before the clock starts
    barrier.wait()
    spans = []
    while not stop.is_set():
        started = time.monotonic()  # CLOCK_MONOTONIC: comparable across processes
        desk.take(SystemActor("kios"), "REG")
        spans.append((started, time.monotonic()))
        time.sleep(pace)
    results.put(spans)


def _backup_like_the_desk(db_path: Path, folder: Path):
    """The backup at lowered priority in a thread of its own, as the desk's worker runs it."""
    from lpse_desk.store import backup

    now = datetime.fromisoformat(NOW)
    return backup.gently(lambda: backup.take(db_path, folder, now=now, keep=30))


def _waits(spans: list[tuple[float, float]], start: float, end: float) -> list[float]:
    """How long each number took that was being taken at some time in [start, end)."""
    return sorted(done - began for began, done in spans if began < end and done > start)


def run_once(url: str, db_path: Path, folder: Path, pace: float) -> dict[str, float]:
    """One backup under load, then a quiet window as long as the backup for comparison."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(PROCS + 1)
    stop = ctx.Event()
    results = ctx.Queue()
    desks = [
        ctx.Process(target=_desk, args=(url, pace, barrier, stop, results)) for _ in range(PROCS)
    ]
    for desk in desks:
        desk.start()
    barrier.wait()
    time.sleep(0.5)
    began = time.monotonic()
    info = _backup_like_the_desk(db_path, folder)
    ended = time.monotonic()
    time.sleep(ended - began)
    stop.set()
    spans = [span for _ in desks for span in results.get(timeout=300)]
    for desk in desks:
        desk.join()
    during = _waits(spans, began, ended)
    control = _waits(spans, ended, 2 * ended - began)
    return {
        "backup_s": ended - began,
        "size_mb": info.size / 1_048_576,
        "visits": info.counts["visit"],
        "receipts": info.counts["receipt"],
        "during": during,
        "control": control,
    }


def _describe(waits: list[float]) -> str:
    if not waits:
        return "no numbers"
    p95 = waits[min(len(waits) - 1, int(len(waits) * 0.95))]
    return (
        f"{len(waits)} numbers, median {waits[len(waits) // 2] * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, longest {waits[-1] * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--receipts", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--pace", type=float, default=0.05, help="seconds each desk rests between numbers"
    )
    args = parser.parse_args()

    from lpse_desk.store.db import open_store

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "lpse_desk.db"
        url = f"sqlite:///{db_path}"
        engine, _ = open_store(url)
        started = time.perf_counter()
        _fill(engine, args.visits, args.receipts, datetime.fromisoformat(NOW))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        print(
            f"{args.visits:,} visits, {args.receipts:,} cases and receipts written in "
            f"{time.perf_counter() - started:.1f} s ({db_path.stat().st_size / 1_048_576:.0f} MB)"
        )
        worst = 0.0
        for run in range(1, args.runs + 1):
            figures = run_once(url, db_path, Path(tmp) / "cadangan", args.pace)
            worst = max(worst, figures["during"][-1] if figures["during"] else 0.0)
            print(
                f"run {run}: backup {figures['backup_s']:.2f} s ({figures['size_mb']:.0f} MB, "
                f"{figures['visits']:,} visits, {figures['receipts']:,} receipts, checked)\n"
                f"  during the backup: {_describe(figures['during'])}\n"
                f"  as long after it:  {_describe(figures['control'])}"
            )
    verdict = "OK" if worst <= TARGET_WAIT_S else "ABOVE TARGET"
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"longest wait of a number during a backup: {worst * 1000:.0f} ms "
        f"(target ≤ {TARGET_WAIT_S * 1000:.0f} ms): {verdict}; load average {load} "
        f"on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
