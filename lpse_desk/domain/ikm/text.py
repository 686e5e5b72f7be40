"""The IKM report as plain text (Indonesian numbers, 83,61) and as CSV (a decimal point)."""

from __future__ import annotations

import csv
import io

from lpse_desk.domain.ikm.index import UNSUR, SampleProgress, round_half_up
from lpse_desk.domain.ikm.report import IkmReport
from lpse_desk.domain.textfmt import count_id, format_decimal_id

CSV_COLUMNS = ("kode", "unsur", "responden", "jumlah_nilai", "nrr", "nilai", "mutu")


def sample_text(sample: SampleProgress) -> str:
    """``minimum 80 (Krejcie & Morgan, N = 100 kunjungan selesai); terkumpul 60 = 75%, kurang 20``."""
    if sample.minimum == 0:  # no visit served: nothing was to be sampled, nothing "reached"
        return (
            f"tidak ada kunjungan selesai pada periode ini (N = {count_id(sample.population)}); "
            f"tidak ada sampel minimum, terkumpul {count_id(sample.respondents)}"
        )
    share = f"{count_id(int(sample.percent))}%"
    if sample.percent >= 1000:  # a year's 50,000 answers: "131× minimum", not "13.089%"
        share = f"{count_id(int(round_half_up(sample.percent / 100, 0)))}× minimum"
    text = (
        f"minimum {count_id(sample.minimum)} (Krejcie & Morgan, N = {count_id(sample.population)} "
        f"kunjungan selesai); terkumpul {count_id(sample.respondents)} = {share}"
    )
    if sample.met:
        return text + ", tercapai"
    return text + f", kurang {count_id(sample.shortfall)}"


def respondents_text(report: IkmReport) -> str:
    """``344 (kios 254, kertas 90)``."""
    sources = report.sources
    return (
        f"{count_id(report.result.respondents)} (kios {count_id(sources.get('kiosk', 0))}, "
        f"kertas {count_id(sources.get('kertas', 0))})"
    )


def ikm_text(report: IkmReport) -> str:
    """``83,61 — B (Baik)`` or a sentence saying there is nothing to compute."""
    result = report.result
    if result.ikm is None:
        return "belum dapat dihitung (belum ada responden)"
    return f"{format_decimal_id(result.ikm)} — {result.grade.letter} ({result.grade.label})"


def report_lines(report: IkmReport) -> list[str]:
    """The report as the CLI prints it."""
    result = report.result
    lines = [
        "Laporan Indeks Kepuasan Masyarakat (IKM) — LPSE Kota Bogor",
        f"Periode   : {report.period_text}",
        f"Layanan   : {report.scope_text}",
        f"Bobot     : {result.weighting.label}",
        f"Responden : {respondents_text(report)}",
        f"Sampel    : {sample_text(report.sample)}",
        "",
    ]
    if result.unsur:
        width = max(len(unsur.label) for unsur in UNSUR) + 4
        lines.append(f"{'Unsur':<{width}} {'Jumlah':>7} {'NRR':>6} {'Nilai':>7}  Mutu")
        for item in result.unsur:
            name = f"U{item.unsur.number} {item.unsur.label}"
            lines.append(
                f"{name:<{width}} {item.total:>7} {format_decimal_id(item.nrr_rounded):>6} "
                f"{format_decimal_id(item.value):>7}  {item.grade.letter}"
            )
        weighted = format_decimal_id(round_half_up(result.weighted_nrr, 4), 4)
        lines.append(f"NRR tertimbang: {weighted}")
        lines.append("")
    lines.append(f"IKM: {ikm_text(report)}")
    return lines


def report_csv(report: IkmReport) -> str:
    """Per-unsur figures and the index, one row each, with a decimal point."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    result = report.result
    for item in result.unsur:
        writer.writerow(
            (
                item.unsur.key,
                item.unsur.label,
                result.respondents,
                item.total,
                f"{item.nrr_rounded}",
                f"{item.value}",
                item.grade.letter,
            )
        )
    if result.ikm is not None:
        writer.writerow(
            (
                "ikm",
                f"IKM bobot {result.weighting.value}",
                result.respondents,
                "",
                "",
                f"{result.ikm}",
                result.grade.letter,
            )  # fmt: skip
        )
    return buffer.getvalue()
