"""Sealing, verifying and migrating a large event log.

A fresh SQLite file gets ``--events`` events through ``events.record_many`` (the demo's bulk
path), then ``lpse-desk audit verify``'s walk runs in a child process, so its peak memory
(ru_maxrss) is its own. With ``--migration`` the same number of unsealed events is written at
revision 0007 and the time of migration 0008 (sealing them all) is printed too.

Targets: verify's memory stays flat whatever the size (it streams 5,000 rows a query).

    .venv/bin/python benchmarks/event_chain.py [--events 1000000] [--migration]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

_VERIFY = """
import sys, time
from lpse_desk.store.db import make_engine, read_session
from lpse_desk.store.eventchain import verify
engine = make_engine(sys.argv[1])
started = time.perf_counter()
with read_session(engine) as session:
    check = verify(session=session)
print(check.count, check.whole, round(time.perf_counter() - started, 1))
"""


def _events(count: int, start: datetime):
    for index in range(count):
        yield {
            "at": start + timedelta(seconds=index),
            "actor": "Siti Rahma (#2)",
            "entity": "visit",
            "entity_id": index // 4 + 1,
            "action": "dipanggil",
            "from_state": "menunggu",
            "to_state": "dipanggil",
            "reason": "Selesai: akun diaktifkan" if index % 4 == 3 else None,
        }


def _chunks(items, size: int):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _fill_sealed(url: str, count: int, start: datetime) -> float:
    from lpse_desk.store.db import make_engine, upgrade, write_session
    from lpse_desk.store.queries.events import record_many

    engine = make_engine(url)
    upgrade(engine)
    began = time.perf_counter()
    with write_session(engine) as session:
        for chunk in _chunks(_events(count, start), 20_000):
            record_many(session=session, events=chunk)
    engine.dispose()
    return time.perf_counter() - began


def _migrate(url: str, count: int, start: datetime) -> float:
    from sqlalchemy import insert

    from lpse_desk.store.db import make_engine, upgrade, write_session
    from lpse_desk.store.tables.desk import EventRow

    engine = make_engine(url)
    upgrade(engine, "0007")
    with write_session(engine) as session:
        # Core insert of the 0007 columns only: the rows are unsealed, as before 0008.
        for chunk in _chunks(_events(count, start), 20_000):
            session.connection().execute(insert(EventRow.__table__), chunk)
    began = time.perf_counter()
    upgrade(engine)
    engine.dispose()
    return time.perf_counter() - began


def _verify(url: str) -> tuple[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", _VERIFY, url], capture_output=True, text=True, check=True
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return completed.stdout.strip(), peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--migration", action="store_true")
    args = parser.parse_args()
    from lpse_desk.domain.clock import WIB

    start = datetime(2025, 1, 2, 8, 0, tzinfo=WIB)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'chain.db'}"
        took = _fill_sealed(url, args.events, start)
        print(f"sealed and inserted {args.events:,} events: {took:.1f} s")
        result, peak_mb = _verify(url)
        count, whole, seconds = result.split()
        print(
            f"verify: {int(count):,} events, whole={whole}, {seconds} s, peak RSS {peak_mb:.0f} MB"
        )
        if args.migration:
            url = f"sqlite:///{Path(folder) / 'old.db'}"
            took = _migrate(url, args.events, start)
            print(f"migration 0008 sealing {args.events:,} existing events: {took:.1f} s")


if __name__ == "__main__":
    main()
