"""``lpse-desk ikm``: paper questionnaires and the published IKM report."""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli.common import commands, day_option, desk_store, fail, import_file
from lpse_desk.cli.outputs import refuse_protected
from lpse_desk.cli.report_files import expect_suffix, write_output
from lpse_desk.cli.report_options import FROM_OPTION, SERVICE_OPTION, TO_OPTION
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.textfmt import printable

app = commands("Survei IKM (PermenPAN-RB 14/2017): impor kuesioner kertas, laporan IKM.")


@app.command("import")
def import_paper(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="BERKAS.csv", help="Kuesioner kertas yang diketik."),
) -> None:
    """Impor kuesioner IKM kertas.

    Kolom: tanggal,layanan,persyaratan,prosedur,waktu,biaya,produk,kompetensi,perilaku,
    pengaduan,sarana (nilai 1–4), dan boleh ditambah jenis_kelamin (L/P), usia, pendidikan,
    pekerjaan, saran. Seluruh berkas diperiksa dulu: bila ada satu baris salah, tidak ada
    yang diimpor. Berkas di atas impor_maks_mb (bawaan 10 MB) ditolak. Impor yang terputus
    dilanjutkan dengan menjalankan perintah yang sama lagi.
    """
    outcome = import_file(ctx, file, "kuesioner", lambda store: store.ikm.import_paper)
    typer.echo(outcome.said)


@app.command("report")
def report(
    ctx: typer.Context,
    start: str = FROM_OPTION,
    end: str = TO_OPTION,
    service: str | None = SERVICE_OPTION,
    printed_weight: bool = typer.Option(
        False,
        "--bobot-011",
        help="Opsi kompatibilitas: bobot 0,11 seperti tercetak di peraturan (hasil ±1% lebih "
        "rendah); bawaan bobot 1/9 eksak.",
    ),
    pdf: Path | None = typer.Option(None, "--pdf", metavar="BERKAS", help="Tulis laporan PDF."),
    csv_file: Path | None = typer.Option(
        None, "--csv", metavar="BERKAS", help="Tulis angka per unsur sebagai CSV (titik desimal)."
    ),
) -> None:
    """Laporan IKM satu periode: responden, NRR per unsur, IKM dan mutu, sampel minimum."""
    from lpse_desk.domain.ikm.index import Weighting
    from lpse_desk.domain.ikm.text import report_csv, report_lines

    first, last = day_option(start, "--dari"), day_option(end, "--sampai")
    expect_suffix(pdf, ".pdf", "--pdf")
    expect_suffix(csv_file, ".csv", "--csv")
    refuse_protected(ctx, pdf, "--pdf")
    refuse_protected(ctx, csv_file, "--csv")
    weighting = Weighting.PRINTED_011 if printed_weight else Weighting.EXACT
    with desk_store(ctx) as store:
        result = store.ikm.report(start=first, end=last, service_code=service, weighting=weighting)
    for line in report_lines(result):
        typer.echo(printable(line))
    if csv_file is not None:
        write_output(csv_file, report_csv(result).encode("utf-8"), "Berkas CSV")
        typer.echo(f"CSV ditulis: {csv_file}")
    if pdf is not None:
        from lpse_desk.receipts import render_ikm_report

        try:
            data = render_ikm_report(result)
        except DeskError as exc:
            fail(exc)
        write_output(pdf, data, "Berkas PDF")
        typer.echo(f"PDF ditulis: {pdf}")
