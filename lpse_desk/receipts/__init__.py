"""PDF documents (tanda terima, slips, reports). ReportLab is imported inside functions only.

The store cannot import this package (it sits below it); whoever opens the store
hands it these two functions, which load ReportLab and pypdf on first use.
"""

from __future__ import annotations

from typing import Any


def render_receipt(data: Any, *, signed: str, paper: str = "A5") -> bytes:
    """The receipt's PDF (see ``receipts.render.render_receipt``)."""
    from lpse_desk.receipts.render import render_receipt as render

    return render(data, signed=signed, paper=paper)


def signed_summary_of_pdf(data: bytes) -> str | None:
    """The signed summary inside a PDF, if it is a desk receipt (see ``receipts.pdfread``)."""
    from lpse_desk.receipts.pdfread import signed_summary_of_pdf as read

    return read(data)


def page_lines(data: bytes) -> list[tuple[int, float, float, str]] | None:
    """The placed text lines of a PDF's pages (see ``receipts.pdfread.page_lines``)."""
    from lpse_desk.receipts.pdfread import page_lines as read

    return read(data)


def render_ikm_report(report: Any) -> bytes:
    """The published IKM report's PDF (see ``receipts.ikm_report.render_ikm_report``)."""
    from lpse_desk.receipts.ikm_report import render_ikm_report as render

    return render(report)


def render_report_pdf(document: Any, *, signed_on: Any = None) -> bytes:
    """A head of unit's report as PDF (see ``receipts.report_pdf.render_report_pdf``)."""
    from lpse_desk.receipts.report_pdf import render_report_pdf as render

    return render(document, signed_on=signed_on)


def render_report_xlsx(document: Any) -> bytes:
    """A head of unit's report as XLSX (see ``receipts.report_xlsx.render_report_xlsx``)."""
    from lpse_desk.receipts.report_xlsx import render_report_xlsx as render

    return render(document)


REPORT_FORMATS = ("pdf", "xlsx", "csv")
"""The files a head of unit's report is written as (the command line's options, the screens'
``x``)."""


def render_report(kind: str, document: Any, *, signed_on: Any = None) -> bytes:
    """A report ``document`` as the bytes of one file: ``pdf``, ``xlsx`` or ``csv`` (UTF-8).

    The command line and the report screens both render here, so a file saved from a screen
    is the file ``lpse-desk report … --pdf`` writes for the same period and filters."""
    if kind == "pdf":
        return render_report_pdf(document, signed_on=signed_on)
    if kind == "xlsx":
        return render_report_xlsx(document)
    if kind == "csv":
        from lpse_desk.domain.reports.tidy import report_csv

        return report_csv(document).encode("utf-8")
    raise ValueError(f"unknown report format {kind!r}")
