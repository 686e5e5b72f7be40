"""``lpse-desk report``: the head of unit's reports (the counter report and the case report,
issue 16), on the screen and as PDF, CSV and XLSX (``report_files``)."""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli import report_files
from lpse_desk.cli.common import commands, day_option, desk_store, fail
from lpse_desk.cli.report_options import FROM_OPTION, SERVICE_OPTION, TO_OPTION
from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.roles import Permission, can
from lpse_desk.domain.textfmt import printable

app = commands("Laporan kepala unit: layanan loket dan kasus verifikasi.")



@app.command("layanan")
def counter(
    ctx: typer.Context,
    start: str = FROM_OPTION,
    end: str = TO_OPTION,
    service: str | None = SERVICE_OPTION,
    loket: int | None = typer.Option(
        None, "--loket", metavar="N", min=1, max=99, help="Hanya satu loket."
    ),
    officer: str | None = typer.Option(
        None, "--petugas", metavar="NAMA", help="Hanya kunjungan yang diselesaikan petugas ini."
    ),
    pdf: Path | None = report_files.PDF,
    csv_file: Path | None = report_files.CSV,
    xlsx: Path | None = report_files.XLSX,
) -> None:
    """Laporan layanan loket: kunjungan, waktu tunggu dan layanan, standar layanan, per
    petugas dan per jam, dibanding periode sebelumnya yang sama panjang."""
    first, last = day_option(start, "--dari"), day_option(end, "--sampai")
    report_files.check_outputs(pdf=pdf, csv_file=csv_file, xlsx=xlsx, ctx=ctx)
    with desk_store(ctx) as store:
        officer_id = store.staff_admin.named(officer).id if officer else None
        report = store.reports.counter(
            start=first, end=last, service_code=service, loket=loket, officer_id=officer_id
        )
        names = {a.member.id: a.member.name for a in store.staff_admin.accounts()}
        today = today_wib(store.clock)
    from lpse_desk.domain.reports.counter_tables import counter_document
    from lpse_desk.domain.reports.tables import filters_text
    from lpse_desk.domain.reports.text import counter_lines

    for line in counter_lines(report.now, report.before, names):
        typer.echo(printable(line))
    if pdf or csv_file or xlsx:
        filters = filters_text(service.upper() if service else None, loket, officer)
        document = counter_document(report, names, filters=filters)
        report_files.write_report_files(
            document, pdf=pdf, csv_file=csv_file, xlsx=xlsx, signed_on=today
        )


@app.command("kasus")
def cases(
    ctx: typer.Context,
    start: str = FROM_OPTION,
    end: str = TO_OPTION,
    service: str | None = SERVICE_OPTION,
    loket: int | None = typer.Option(
        None, "--loket", metavar="N", hidden=True, help="Tidak berlaku untuk laporan kasus."
    ),
    officer: str | None = typer.Option(
        None, "--petugas", metavar="NAMA", help="Hanya kasus yang diputus, dikembalikan atau "
        "ditugaskan kepada verifikator ini."
    ),
    pdf: Path | None = report_files.PDF,
    csv_file: Path | None = report_files.CSV,
    xlsx: Path | None = report_files.XLSX,
) -> None:
    """Laporan kasus verifikasi: diserahkan, disetujui, ditolak, dikembalikan; waktu sampai
    keputusan dalam jam kerja dan kepatuhan standar 1x24 jam kerja; alasan pengembalian;
    kasus yang lewat tenggat sekarang; per layanan dan per verifikator."""
    if loket is not None:
        fail("--loket tidak berlaku untuk laporan kasus: kasus tidak dipilah per loket. "
             "Pakai --layanan atau --petugas.")  # fmt: skip
    first, last = day_option(start, "--dari"), day_option(end, "--sampai")
    report_files.check_outputs(pdf=pdf, csv_file=csv_file, xlsx=xlsx, ctx=ctx)
    with desk_store(ctx) as store:
        chosen = store.staff_admin.named(officer) if officer else None
        officer_id = chosen.id if chosen is not None else None
        report = store.reports.cases(
            start=first, end=last, service_code=service, officer_id=officer_id
        )
        # A counter clerk's "report" is all zeros: said, unless he decided cases in the
        # period (a verifier who has since become a petugas keeps his report).
        if chosen is not None and not can(chosen.role, Permission.DECIDE_CASES) and not (
            report.decided or report.returned or report.open_cases
        ):
            fail(f"--petugas: {chosen.name} adalah {chosen.role.label} dan tidak memutus kasus "
                 "pada periode ini; laporan kasus dipilah per verifikator (laporan layanan per "
                 "petugas loket).")  # fmt: skip
        names = {a.member.id: a.member.name for a in store.staff_admin.accounts()}
        today = today_wib(store.clock)
    from lpse_desk.domain.reports.case_tables import case_document, case_filters, case_lines

    for line in case_lines(report, names):
        typer.echo(printable(line))
    if pdf or csv_file or xlsx:
        filters = case_filters(service.upper() if service else None, officer)
        document = case_document(report, names, filters=filters)
        report_files.write_report_files(
            document, pdf=pdf, csv_file=csv_file, xlsx=xlsx, signed_on=today
        )
