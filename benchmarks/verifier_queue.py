"""Opening the verifier queue with a year of decided cases in the store.

A fresh SQLite file gets 5,000 vendors, 100,000 closed cases (approved, rejected,
incomplete or finished at the counter, spread over the past year) and 500 open ones
handed to the verifiers (400 waiting, some overdue, and 100 returned to the vendor),
each open case with its desk ticket. The timed operation is what the verifier screen
does on opening: ``ReviewDesk.queue()`` — one read session, the queue's query (vendor,
ticket and assignee joined) and the working time left of every line from the calendar.
The home screen's two counts (``ReviewDesk.counts``) and opening one case
(``ReviewDesk.open``) are timed too.

Target: the queue opens within 100 ms (median; the 95th percentile is printed too).

    .venv/bin/python benchmarks/verifier_queue.py [--closed 100000] [--open 500] [--runs 30]
        [--postgresql]

``--postgresql``: the same on a throwaway local PostgreSQL cluster (``tests/pgserver.py``,
fsync on) instead of a SQLite file.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

TARGET_MS = 100.0
VENDORS = 5_000


def _fill(engine, closed: int, open_count: int, now: datetime, calendar) -> None:
    from sqlalchemy import insert

    from lpse_desk.store.db import write_session
    from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow
    from lpse_desk.store.tables.vendors import VendorRow

    vendors = [
        {
            "id": n + 1,
            "legal_form": "PT",
            "name": f"PT Penyedia Bogor {n + 1}",
            "created_at": now - timedelta(days=400),
            "updated_at": now - timedelta(days=400),
        }
        for n in range(VENDORS)
    ]
    codes = ("REG", "UBAH", "UID")
    finals = ("disetujui", "ditolak", "belum_lengkap", "selesai")
    rows = []
    for index in range(closed):
        created = now - timedelta(days=1 + index % 365, minutes=index % 600)
        rows.append(
            {
                "id": index + 1,
                "service_code": codes[index % 3],
                "procedure": "tatap_muka" if index % 4 else "daring",
                "status": finals[index % 4],
                "vendor_id": 1 + index % VENDORS,
                "bearer_is_director": True,
                "sikap_given": False,
                "created_at": created,
                "handed_off_at": created + timedelta(minutes=15),
                "due_at": calendar.due_at(created) if index < 2000 else None,
                "closed_at": created + timedelta(hours=20),
            }
        )
    tickets = []
    for offset in range(open_count):
        case_id = closed + offset + 1
        handed = now - timedelta(hours=offset % 70, minutes=offset % 60)
        returned = offset % 5 == 4
        rows.append(
            {
                "id": case_id,
                "service_code": codes[offset % 3],
                "procedure": "daring" if offset % 2 else "tatap_muka",
                "status": "dikembalikan" if returned else "menunggu_verifikasi",
                "vendor_id": 1 + (offset * 7) % VENDORS,
                "bearer_is_director": True,
                "sikap_given": False,
                "created_at": handed - timedelta(minutes=15),
                "handed_off_at": handed,
                "due_at": calendar.due_at(handed),
                "paused_at": handed + timedelta(hours=2) if returned else None,
                "remaining_seconds": 22 * 3600 if returned else None,
            }
        )
        tickets.append(
            {
                "number": f"TKT-LPSE/2026/{offset + 1:06d}",
                "year": 2026,
                "seq": offset + 1,
                "case_id": case_id,
                "subject": f"[REG] Registrasi — PT Penyedia Bogor {offset}",
                "message": "",
                "attachments": "[]",
                "created_at": handed,
            }
        )
    with write_session(engine) as session:
        session.execute(insert(VendorRow), vendors)
        for start in range(0, len(rows), 5000):
            session.execute(insert(CaseRow), rows[start : start + 5000])
        session.execute(insert(DeskTicketRow), tickets)


def _time(action, runs: int) -> tuple[float, float, object]:
    timings, result = [], None
    for _ in range(runs):
        begin = time.perf_counter()
        result = action()
        timings.append((time.perf_counter() - begin) * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1], result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--closed", type=int, default=100_000)
    parser.add_argument("--open", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--postgresql", action="store_true")
    args = parser.parse_args()
    server = None
    if args.postgresql:
        import sys

        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests import pgserver

        server = pgserver.start(durable=True)

    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.paths import calendar_file
    from lpse_desk.store.db import open_store
    from lpse_desk.store.services.review import ReviewDesk

    now = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    calendar = WorkingCalendar.from_file(calendar_file())
    with tempfile.TemporaryDirectory() as tmp:
        url = (
            pgserver.new_database(server.base_url, migrated=False)
            if server is not None
            else f"sqlite:///{Path(tmp) / 'bench.db'}"
        )
        engine, _ = open_store(url)
        started = time.perf_counter()
        _fill(engine, args.closed, args.open, now, calendar)
        print(
            f"{VENDORS:,} vendors, {args.closed:,} closed and {args.open:,} open cases written "
            f"in {time.perf_counter() - started:.1f} s"
        )
        desk = ReviewDesk(
            engine=engine, catalog=load_catalog(), calendar=calendar, clock=FixedClock(now)
        )
        desk.queue()  # warm the connection pool and the holiday tables, as the app has
        # The desk freezes what it holds once its store is open (tui/screens/start.py), so
        # a full garbage collection does not walk the libraries' objects in the middle of
        # a screen's query (without it: ~90 ms pauses every dozen runs, p95 > 100 ms).
        gc.collect()
        gc.freeze()
        median, p95, lines = _time(desk.queue, args.runs)
        count_median, _, counts = _time(desk.counts, args.runs)
        open_median, _, _ = _time(lambda: desk.open(lines[0].case.id), args.runs)
        engine.dispose()
    if server is not None:
        server.stop()
    print(f"engine: {'PostgreSQL' if server is not None else 'SQLite'}")
    overdue = sum(line.overdue for line in lines)
    verdict = "OK" if median < TARGET_MS else "ABOVE TARGET"
    print(
        f"verifier queue: {len(lines)} lines ({overdue} overdue, "
        f"{sum(line.time_left.paused for line in lines)} paused): median {median:.1f} ms, "
        f"p95 {p95:.1f} ms over {args.runs} runs (target < {TARGET_MS:.0f} ms): {verdict}"
    )
    print(
        f"home counts {counts}: median {count_median:.2f} ms; open one case: {open_median:.1f} ms"
    )


if __name__ == "__main__":
    main()
