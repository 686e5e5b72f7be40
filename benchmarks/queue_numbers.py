"""Queue numbers from several desk processes on one SQLite file.

Four processes, each with its own engine, call the store's number-issuing function
(``store.queue.issue_number``, one write transaction per number, as a desk does) in
a loop for the same service and day. They start together at a barrier; the time is
from the barrier to the last process finishing. Afterwards every number issued is
checked: no duplicate and no gap.

Target: at least 1,000 numbers per second together, zero duplicates, zero gaps.

    .venv/bin/python benchmarks/queue_numbers.py [--procs 4] [--each 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET_PER_SECOND = 1000
DAY = date(2026, 6, 10)


def _desk(url: str, count: int, barrier, results) -> None:
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries.queue import issue_number

    engine = make_engine(url)
    with engine.connect():  # open the connection before the clock starts
        pass
    barrier.wait()
    numbers = []
    for _ in range(count):
        with write_session(engine) as session:
            numbers.append(issue_number(session=session, service_code="REG", service_date=DAY))
    results.put((numbers, time.perf_counter()))


def run_once(procs: int, each: int) -> tuple[float, int, int, int]:
    """(numbers per second, issued, duplicates, gaps) of one run on a fresh file."""
    from lpse_desk.store.db import make_engine, open_store

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine, _ = open_store(url)
        engine.dispose()
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(procs + 1)
        results = ctx.Queue()
        workers = [
            ctx.Process(target=_desk, args=(url, each, barrier, results)) for _ in range(procs)
        ]
        for worker in workers:
            worker.start()
        barrier.wait()
        start = time.perf_counter()
        collected = [results.get(timeout=300) for _ in workers]
        for worker in workers:
            worker.join()
        end = max(finished for _, finished in collected)
        numbers = sorted(n for issued, _ in collected for n in issued)
        make_engine(url).dispose()
    duplicates = len(numbers) - len(set(numbers))
    gaps = len(set(range(1, len(numbers) + 1)) - set(numbers))
    return len(numbers) / (end - start), len(numbers), duplicates, gaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procs", type=int, default=4)
    parser.add_argument("--each", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rates = []
    clean = True
    for run in range(1, args.runs + 1):
        rate, issued, duplicates, gaps = run_once(args.procs, args.each)
        rates.append(rate)
        clean = clean and duplicates == 0 and gaps == 0
        print(
            f"run {run}: {issued} numbers by {args.procs} processes, {rate:,.0f}/s, "
            f"{duplicates} duplicates, {gaps} gaps"
        )
    median = statistics.median(rates)
    verdict = "OK" if median >= TARGET_PER_SECOND and clean else "BELOW TARGET"
    print(
        f"median {median:,.0f} numbers/s (target ≥ {TARGET_PER_SECOND:,}/s, no dup/gap): {verdict}"
    )


if __name__ == "__main__":
    main()
