"""``lpse-desk receipt``: list, reprint and verify tanda terima."""

from __future__ import annotations

from pathlib import Path

import typer

from lpse_desk.cli.common import (
    TODAY_OPTION,
    commands,
    day_option,
    desk_store,
    echo_row,
    fail,
    open_desk_store,
    state,
    warn,
)
from lpse_desk.cli.outputs import refuse_protected
from lpse_desk.cli.report_files import expect_suffix
from lpse_desk.domain.errors import DeskError, StoreFault
from lpse_desk.domain.textfmt import printable

app = commands("Tanda terima: daftar, cetak ulang (salinan), periksa keaslian.")

KIND_SHORT = {"tanda_terima": "tanda terima", "belum_lengkap": "slip belum lengkap"}


@app.command("list")
def list_receipts(
    ctx: typer.Context,
    day: str | None = TODAY_OPTION,
) -> None:
    """Tanda terima satu hari: nomor, jam, penyedia, layanan; satu per baris."""

    wanted = day_option(day)
    with desk_store(ctx) as store:
        lines = store.intake.receipts(wanted)
    if not lines:
        typer.echo("Tidak ada tanda terima pada hari itu.")
    for line in lines:
        fields = [
            line.number,
            f"{line.issued_at:%H:%M}",
            line.vendor_name,
            line.service_code,
            KIND_SHORT.get(line.kind, line.kind),
        ]
        if line.copies:
            fields.append(f"{line.copies} salinan")
        echo_row(fields)


@app.command("reprint")
def reprint(
    ctx: typer.Context,
    number: str = typer.Argument(..., metavar="NOMOR", help="Mis. TT-LPSE/2026/000123."),
    out: Path | None = typer.Option(
        None, "--simpan", "--out", metavar="BERKAS", help="Simpan ke berkas ini."
    ),
    print_it: bool = typer.Option(
        True, "--cetak/--tanpa-cetak", help="Kirim ke printer bila diatur."
    ),
) -> None:
    """Cetak ulang tanda terima, ditandai SALINAN."""
    from lpse_desk.domain.actors import cli_who
    from lpse_desk.receipts.printing import print_pdf

    if out is not None and out.is_dir():
        fail(f"--simpan: {out} adalah folder; tulis nama berkas PDF")
    expect_suffix(out, ".pdf", "--simpan")
    refuse_protected(ctx, out, "--simpan")
    store = open_desk_store(ctx)
    try:
        copy = store.intake.reprint(cli_who(), number, out=out)
    except DeskError as exc:
        fail(exc)
    except OSError as exc:
        from lpse_desk.store.faults import file_fault

        fail(f"Berkas tidak dapat ditulis. {file_fault(exc, out)}")
    finally:
        store.close()
    typer.echo(f"Salinan {copy.number}: {copy.path}")
    if print_it:
        result = print_pdf(copy.path, state(ctx).settings().printer)
        if result.printed:
            typer.echo(result.message)
        else:  # said, not silent: the copy is made and recorded, the paper is not printed
            warn(result.message)


def _other_folder(file: Path, receipts_dir: Path) -> str:
    """What to try when ``file`` lies in the other database's receipts folder (the demo's
    receipts beside a working database, or the other way round): each database signs with its
    own key, so the other one refuses the file."""
    from lpse_desk import paths

    def inside(folder: Path) -> bool:
        return file.resolve().is_relative_to(folder.resolve())

    demo = paths.demo_receipts_dir()
    opened_demo = receipts_dir.resolve() == demo.resolve()
    if inside(demo) and not opened_demo:
        return (
            f". Berkas ini ada di folder tanda terima demo ({demo}); periksa dengan basis data "
            f"demo: lpse-desk --db {paths.sqlite_url(paths.demo_db_path())} receipt verify BERKAS"
        )
    if opened_demo and inside(paths.receipts_dir()) and not inside(demo):
        return (
            ". Berkas ini ada di folder tanda terima kerja, sedangkan basis data yang dibuka "
            "adalah demo; periksa tanpa --db demo"
        )
    return ""


@app.command("verify")
def verify(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="BERKAS.pdf", help="PDF tanda terima."),
) -> None:
    """Periksa tanda tangan digital tanda terima dan cocokkan dengan yang tersimpan."""
    if file.is_dir():
        fail(f"{file} adalah folder; sebut berkas PDF tanda terimanya")
    if not file.is_file():
        fail(f"Berkas {file} tidak ditemukan")
    try:
        data = file.read_bytes()
    except OSError as exc:
        from lpse_desk.store.faults import file_fault

        fail(f"Berkas {file} tidak dapat dibaca. {file_fault(exc, file)}")
    from lpse_desk import receipts

    store = open_desk_store(ctx)
    try:
        verified = store.intake.verify(data, page_lines=receipts.page_lines)
    except DeskError as exc:
        differences = getattr(exc, "differences", [])
        if differences:
            typer.echo("Yang berbeda dari tanda terima yang diterbitkan:")
        for line in differences:
            typer.echo(f"  {printable(line)}")
        recorded = getattr(exc, "fields", [])
        if recorded:
            typer.echo(getattr(exc, "fields_title", "Isi yang tercatat:"))
            _echo_fields(recorded)
        said = str(exc)
        if not isinstance(exc, StoreFault):  # a database fault is about the database, not the file
            hint = _other_folder(file, store.intake.receipts_dir)
            said = f"{said.rstrip('.')}{hint}" if hint else said
        fail(f"TIDAK SAH — {said}")
    finally:
        store.close()
    from lpse_desk.domain.textfmt import format_long_id

    which = "SALINAN" if verified.copy else "asli"
    typer.echo(
        f"SAH: {verified.number} ({KIND_SHORT.get(verified.kind, verified.kind)}, {which}), "
        f"terbit {format_long_id(verified.issued_at)}: tanda tangan digital loket ini, data "
        "tersimpan cocok, dan berkas sama persis dengan yang diterbitkan."
    )
    typer.echo("Isi yang ditandatangani (bandingkan dengan kertasnya):")
    _echo_fields(verified.fields)


def _echo_fields(fields: list[tuple[str, str]]) -> None:
    for label, value in fields:
        typer.echo(f"  {printable(label)}: {printable(value)}")


@app.command("repair")
def repair(
    ctx: typer.Context,
    all_receipts: bool = typer.Option(
        False, "--semua", help="Periksa semua tanda terima (bawaan: 7 hari terakhir)."
    ),
    quick: bool = typer.Option(
        False,
        "--cepat",
        help="Hanya periksa bahwa berkas ada dan tidak kosong; isinya tidak dibaca.",
    ),
    check_bytes: bool = typer.Option(
        False, "--periksa-isi", hidden=True, help="Tidak diperlukan lagi: isi selalu diperiksa."
    ),
) -> None:
    """Periksa berkas PDF tanda terima (ukuran dan SHA-256) dan buat ulang yang hilang atau
    berubah dari data tersimpan; hapus sisa penulisan yang terputus; laporkan PDF tak tercatat.
    """
    if check_bytes:
        warn("--periksa-isi tidak diperlukan lagi: isi berkas kini selalu diperiksa.")
    if check_bytes and quick:
        fail("--cepat dan --periksa-isi tidak dapat dipakai bersama")
    with desk_store(ctx) as store:
        report = store.intake.repair_receipts(
            days=None if all_receipts else 7, read_contents=not quick
        )
    for line in repair_lines(report, all_receipts=all_receipts):
        typer.echo(line)
    for item in report.failed:  # warn escapes the path's control characters
        warn(f"{item.number}: tidak dapat dibuat ulang — {item.reason} ({item.path})")
    for item in report.repaired:
        if not item.same_bytes:
            warn(
                f"{item.number}: berkas dibuat ulang tetapi isinya tidak sama dengan yang "
                f"tercatat; periksa dengan 'lpse-desk receipt verify {item.path}'"
            )
    if not report.complete:
        raise typer.Exit(1)


def repair_lines(report, *, all_receipts: bool) -> list[str]:
    """What ``receipt repair`` says on stdout, one finding per line, then a summary.

    Paths are the only text not of the desk's making: their control characters are
    escaped; the tabs between fields stay.
    """

    def shown(path) -> str:
        return printable(str(path))

    lines = []
    for item in report.repaired:
        same = "sama persis dengan aslinya" if item.same_bytes else "isi tidak sama persis"
        lines.append(f"{item.number}\t{item.reason}\tdibuat ulang ({same})\t{shown(item.path)}")
        if item.set_aside is not None:
            lines.append(f"{item.number}\tberkas yang berubah disisihkan\t{shown(item.set_aside)}")
    for path in report.temp_removed:
        lines.append(f"Sisa penulisan yang terputus dihapus: {shown(path)}")
    for path in report.temp_recent:
        lines.append(
            f"Berkas sementara yang baru dibuat dibiarkan (mungkin sedang ditulis): {shown(path)}"
        )
    for path in report.orphans:
        lines.append(f"PDF tidak tercatat di basis data (dibiarkan): {shown(path)}")
    if report.kept_aside:
        lines.append(
            f"{len(report.kept_aside)} berkas tersisih (*.tersisih-N.pdf) disimpan untuk diperiksa."
        )
    scope = (" PC ini" if report.own_only else "") + ("" if all_receipts else " dalam 7 hari terakhir")
    if report.checked == 0:
        lines.append(f"Tidak ada tanda terima{scope}.")
        return lines
    wrong = len(report.repaired) + len(report.failed)
    how = (
        "ukuran dan SHA-256 dicocokkan" if report.read_contents else "--cepat: isinya tidak dibaca"
    )
    if wrong == 0:
        fine = "ada dan sesuai" if report.read_contents else "ada dan tidak kosong"
        lines.append(f"{report.checked} berkas tanda terima{scope} {fine} ({how}).")
    else:
        lines.append(f"{report.checked} berkas tanda terima{scope} diperiksa ({how}): "
                     f"{len(report.repaired)} dibuat ulang, {len(report.failed)} gagal.")  # fmt: skip
    return lines
