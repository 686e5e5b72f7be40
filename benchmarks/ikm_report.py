"""The IKM report of a year of 50,000 survey responses.

A fresh SQLite file gets 50,000 responses spread over 2025 (about 200 per working day,
a few with a suggestion, most with a profile), 60,000 served visits as the population,
and the follow-up items of the low scores. The timed operation is what the CLI and the
report screen do: ``IkmDesk.report`` for the whole year — the totals per unsur, the low
counts, the population, the four profile tallies, the suggestions and the open follow-ups,
all in one read transaction, then the exact Fraction arithmetic.

Target: under 200 ms (median of the runs; the slowest is printed too).

    .venv/bin/python benchmarks/ikm_report.py [--responses 50000] [--runs 9]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TARGET_MS = 200.0
YEAR = 2025


def _fill(engine, responses: int) -> None:
    from sqlalchemy import insert

    from lpse_desk.domain.clock import WIB
    from lpse_desk.domain.ikm.index import UNSUR_KEYS, low_unsur
    from lpse_desk.domain.ikm.profile import EDUCATIONS, OCCUPATIONS
    from lpse_desk.store.db import write_session
    from lpse_desk.store.tables.ikm import IkmFollowupRow, IkmResponseRow
    from lpse_desk.store.tables.queue import VisitRow

    rng = random.Random(14)
    days = [date(YEAR, 1, 1) + timedelta(days=n) for n in range(365)]
    days = [day for day in days if day.weekday() < 5]
    codes = (("REG", "A"), ("UBAH", "B"), ("UID", "C"), ("KONS", "D"))
    visits = []
    per_day = responses * 6 // 5 // len(days) + 1
    for day in days:
        for place in range(per_day):
            code, prefix = codes[place % 4]
            at = datetime(day.year, day.month, day.day, 8, tzinfo=WIB) + timedelta(minutes=place)
            visits.append(
                {"service_date": day, "service_code": code, "prefix": prefix,
                 "number": place + 1, "status": "selesai", "arrived_at": at, "finished_at": at}
            )  # fmt: skip
    rows, follow = [], []
    suggestions = ("Parkir sempit", "Tambah kursi tunggu", "Ruang tunggu panas", "Petugas ramah")
    for index in range(responses):
        day = days[index % len(days)]
        scores = {key: rng.choices((1, 2, 3, 4), weights=(1, 3, 60, 36))[0] for key in UNSUR_KEYS}
        given = rng.random() < 0.7
        rows.append(
            {
                "id": index + 1,
                "service_code": codes[index % 4][0],
                "service_date": day,
                "responded_at": datetime(day.year, day.month, day.day, 10, tzinfo=WIB),
                "source": "kiosk" if index % 5 else "kertas",
                "saran": rng.choice(suggestions) + f" ({index % 300})" if index % 9 == 0 else None,
                "jenis_kelamin": rng.choice("LP") if given else None,
                "usia": rng.randint(20, 65) if given else None,
                "pendidikan": rng.choice(EDUCATIONS) if given else None,
                "pekerjaan": rng.choice(OCCUPATIONS) if given else None,
                **scores,
            }
        )
        if low_unsur(scores):
            at = datetime(day.year, day.month, day.day, 10, tzinfo=WIB)
            handled = index % 10 != 0
            follow.append(
                {"response_id": index + 1, "opened_at": at,
                 "handled_at": at + timedelta(days=2) if handled else None}
            )  # fmt: skip
    with write_session(engine) as session:
        session.execute(insert(VisitRow), visits)
        session.execute(insert(IkmResponseRow), rows)
        session.execute(insert(IkmFollowupRow), follow)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.domain.ikm.text import report_lines
    from lpse_desk.store.db import open_store
    from lpse_desk.store.services.ikm import IkmDesk

    with tempfile.TemporaryDirectory() as tmp:
        engine, _ = open_store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        started = time.perf_counter()
        _fill(engine, args.responses)
        print(f"filled {args.responses:,} responses in {time.perf_counter() - started:.1f} s")
        desk = IkmDesk(
            engine=engine,
            catalog=load_catalog(),
            clock=FixedClock(datetime(YEAR + 1, 1, 5, 9, tzinfo=WIB)),
        )
        timings = []
        report = None
        for _ in range(args.runs):
            started = time.perf_counter()
            report = desk.report(start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
            timings.append((time.perf_counter() - started) * 1000)
        engine.dispose()
    median = statistics.median(timings)
    for line in report_lines(report):
        print(f"  {line}")
    print(
        f"IKM report of {report.result.respondents:,} responses: median {median:.0f} ms, "
        f"slowest {max(timings):.0f} ms over {args.runs} runs (target < {TARGET_MS:.0f} ms) "
        f"{'OK' if median < TARGET_MS else 'TOO SLOW'}"
    )


if __name__ == "__main__":
    main()
