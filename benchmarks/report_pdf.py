"""The counter report of a year as PDF, CSV and XLSX.

A hand-made year (2024, 366 days, 40 visits on each working day: about 10,500 visits) and
the year before it go through ``counter_document``; the timed operation is what
``report layanan --pdf`` adds to the report: the tables and charts, then the PDF (the
spreadsheet and the CSV are timed too). The first PDF of the process (imports, fonts) is
reported apart.

Target: under 1 s for the year's PDF (median of the runs).

    PYTHONPATH=. .venv/bin/python benchmarks/report_pdf.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_S = 1.0


def _median(run, runs: int) -> float:
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from lpse_desk.domain.reports.counter_tables import counter_document
    from lpse_desk.domain.reports.tables import filters_text
    from lpse_desk.domain.reports.tidy import report_csv
    from lpse_desk.receipts import render_report_pdf, render_report_xlsx
    from tests.receipts.report_samples import OFFICERS, comparison

    year = comparison(date(2024, 1, 1), date(2024, 12, 31), per_day=40)

    def pdf() -> bytes:
        document = counter_document(year, OFFICERS, filters=filters_text())
        return render_report_pdf(document, signed_on=date(2025, 1, 6))

    began = time.perf_counter()
    size = len(pdf())
    first = time.perf_counter() - began
    median = _median(pdf, args.runs)
    document = counter_document(year, OFFICERS, filters=filters_text())
    xlsx = _median(lambda: render_report_xlsx(document), args.runs)
    csv = _median(lambda: report_csv(document), args.runs)
    print(
        f"Year's counter report ({year.now.visits:,} visits) as PDF ({size // 1024} KB): "
        f"median {median * 1000:,.0f} ms over {args.runs} runs, first {first * 1000:,.0f} ms "
        f"(target < {TARGET_S * 1000:,.0f} ms) {'OK' if median < TARGET_S else 'TOO SLOW'}; "
        f"XLSX {xlsx * 1000:,.0f} ms; CSV {csv * 1000:,.0f} ms"
    )


if __name__ == "__main__":
    main()
