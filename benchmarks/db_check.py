"""What SQLite's checks cost when a database is opened, on a year of history.

A fresh SQLite file gets 100,000 finished visits (and their 400,000 events, the same
history as ``call_next.py``). Timed, each on a new engine as a desk or command would:
``PRAGMA quick_check`` (run by every ``open_store``: the desk at start, every command),
``open_store`` as a whole, and ``PRAGMA integrity_check`` with ``foreign_key_check``
(``lpse-desk db check``, run on demand).

Budget: the quick check under 0.3 s, so that every command may pay for it.

    .venv/bin/python benchmarks/db_check.py [--past 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from call_next import _fill_history  # the same year of history

BUDGET_S = 0.3


def _timed(action, runs: int) -> float:
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        timings.append(time.perf_counter() - begin)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--past", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from lpse_desk.domain.clock import WIB
    from lpse_desk.store.db import make_engine, open_store, quick_check

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        engine, _ = open_store(url)
        _fill_history(engine, args.past, datetime(2026, 6, 10, 9, 30, tzinfo=WIB))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        size_mb = path.stat().st_size / 1_048_576

        def check(full: bool):
            def run() -> None:
                fresh = make_engine(url)
                assert quick_check(fresh, full=full) == []
                fresh.dispose()

            return run

        def reopen() -> None:
            opened, _ = open_store(url)
            opened.dispose()

        quick = _timed(check(False), args.runs)
        opening = _timed(reopen, args.runs)
        full = _timed(check(True), max(1, args.runs // 2))
    verdict = "OK" if quick < BUDGET_S else "ABOVE BUDGET"
    print(f"{args.past:,} visits, {4 * args.past:,} events, {size_mb:.0f} MB")
    print(f"quick_check: {quick:.3f} s (budget < {BUDGET_S} s): {verdict}")
    print(f"open_store (quick_check + schema check): {opening:.3f} s")
    print(f"integrity_check (db check): {full:.3f} s")


if __name__ == "__main__":
    main()
