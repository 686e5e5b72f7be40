"""The counter report over a year: 100,000 finished visits with 400,000 events.

The store is filled as ``benchmarks/call_next.py`` fills it (a year of visits, each with its
taken/called/served/finished events). The timed operation is ``ReportDesk.counter`` for the
whole year (which reads the year before too, for the comparison).

Target (issue 16): under 300 ms on SQLite and on PostgreSQL. Each visit row keeps its
figures (migration 0011) and the report is four queries over covering indexes.

    .venv/bin/python benchmarks/counter_report.py [--past 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from call_next import _fill_history  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--past", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.paths import calendar_file
    from lpse_desk.store.db import open_store
    from lpse_desk.store.services.reports import ReportDesk

    now = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    with tempfile.TemporaryDirectory() as tmp:
        engine, _ = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        _fill_history(engine, args.past, now)
        desk = ReportDesk(engine=engine, catalog=load_catalog(),
                          calendar=WorkingCalendar.from_file(calendar_file()), clock=FixedClock(now))  # fmt: skip
        start, end = (now - timedelta(days=365)).date(), now.date()
        timings = []
        for _ in range(args.runs):
            began = time.perf_counter()
            report = desk.counter(start=start, end=end)
            timings.append(time.perf_counter() - began)
        engine.dispose()
    print(
        f"SQLite counter report of a year ({report.now.visits:,} visits): median "
        f"{statistics.median(timings) * 1000:,.0f} ms over {args.runs} runs (target < 300 ms)"
    )


if __name__ == "__main__":
    main()
