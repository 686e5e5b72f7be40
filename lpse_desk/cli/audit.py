"""``lpse-desk audit verify``: is the event log still what the desk wrote?
``lpse-desk audit list``: who did what, filtered, on screen or as CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from lpse_desk.cli.common import answered, commands, day_option, fail, open_engine
from lpse_desk.cli.outputs import refuse_protected
from lpse_desk.cli.report_files import expect_suffix, write_output
from lpse_desk.domain.textfmt import count_id

T = TypeVar("T")
MAX_CASE_ID = 2**63 - 1
"""The largest number a case row can have (a larger one overflowed in the driver)."""

app = commands(
    "Audit: siapa melakukan apa, dan periksa bahwa log peristiwa tidak diubah di luar aplikasi."
)


def _read(ctx: typer.Context, read: Callable[..., T]) -> T:
    """``read(engine)`` on the selected database, which is closed after; a fault while
    reading is answered, never a traceback."""
    engine = open_engine(ctx)
    try:
        return answered(lambda: read(engine))
    finally:
        engine.dispose()


@app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Periksa rantai segel log peristiwa dari awal sampai akhir.

    Setiap peristiwa disegel bersama segel peristiwa sebelumnya dengan kunci instalasi.
    Peristiwa yang diubah, diganti, dihapus atau disisipkan dengan alat SQL biasa (juga
    sesudah trigger dihapus) memutus rantai; yang pertama disebut nomornya (keluar 1).
    Siapa pun yang dapat membaca berkas basis data juga dapat membaca kuncinya: rantai ini
    membuktikan perubahan lewat alat SQL, bukan oleh orang yang mengambil kunci itu.
    """
    from lpse_desk.store.db import read_session  # deferred: SQLModel costs ~0.36 s
    from lpse_desk.store.eventchain import verify as verify_chain

    def verified(engine):
        with read_session(engine) as session:
            return verify_chain(session=session)

    check = _read(ctx, verified)
    if check.whole:
        if check.count == 0:
            typer.echo("Log peristiwa utuh: 0 peristiwa (rantai masih kosong).")
        else:
            typer.echo(
                f"Log peristiwa utuh: {count_id(check.count)} peristiwa, "
                f"rantai sampai #{check.last_id}."
            )
        return
    where = f" mulai peristiwa #{check.broken_id}" if check.broken_id is not None else ""
    sound = (
        f"{count_id(check.count)} peristiwa sebelumnya utuh (sampai #{check.last_id})."
        if check.count
        else "Tidak ada peristiwa utuh sebelumnya."
    )
    fail(
        f"Log peristiwa TIDAK UTUH{where}. {check.reason} {sound} Jangan ubah basis data; "
        "bandingkan dengan cadangan ('lpse-desk db backups') dan laporkan ke admin."
    )


@app.command("list")
def list_events(
    ctx: typer.Context,
    staff: str | None = typer.Option(
        None, "--staff", metavar="NAMA", help="Hanya peristiwa oleh staf yang namanya memuat NAMA."
    ),
    case: int | None = typer.Option(
        None, "--case", metavar="N", help="Hanya kasus N (dengan kunjungan antriannya)."
    ),
    action: str | None = typer.Option(
        None,
        "--aksi",
        metavar="TEKS",
        help="Hanya tindakan yang nama atau kodenya memuat TEKS (mis. NIK, PIN, masuk).",
    ),
    start: str | None = typer.Option(
        None, "--dari", "--from", metavar="TANGGAL", help="Mulai tanggal (WIB; YYYY-MM-DD atau DD/MM/YYYY)."
    ),
    end: str | None = typer.Option(
        None, "--sampai", "--to", metavar="TANGGAL", help="Sampai tanggal (WIB), termasuk hari itu."
    ),
    csv_file: Path | None = typer.Option(
        None,
        "--csv",
        metavar="BERKAS",
        help="Tulis hasilnya sebagai CSV (kolom berbahasa Indonesia).",
    ),
) -> None:
    """Siapa melakukan apa: peristiwa berurutan dengan pelaku, tindakan dan perubahannya.

    NIK, NPWP dan nomor telepon di keterangan disamarkan. Dibaca tanpa PIN: siapa pun yang
    dapat membaca berkas basis data sudah dapat membaca log ini.
    """
    from lpse_desk.domain.audit import AuditFilter, audit_csv, audit_line
    from lpse_desk.domain.textfmt import printable
    from lpse_desk.store.services.audit import log_page  # deferred: SQLModel costs ~0.36 s

    if case is not None and not 1 <= case <= MAX_CASE_ID:
        fail(f"--case: nomor kasus harus 1 sampai {MAX_CASE_ID}, bukan {case}")
    expect_suffix(csv_file, ".csv", "--csv")
    refuse_protected(ctx, csv_file, "--csv")
    wanted = AuditFilter(staff=staff, case_id=case, start=day_option(start, "--dari"),
                         end=day_option(end, "--sampai"), action=action)  # fmt: skip
    page = _read(ctx, lambda engine: log_page(engine, wanted=wanted))
    if csv_file is not None:
        write_output(csv_file, audit_csv(page.entries).encode("utf-8"), "Berkas CSV")
    for item in page.entries:
        typer.echo(printable(audit_line(item)))
    more = page.total - len(page.entries)
    tail = f"; {count_id(more)} lagi tidak ditampilkan, persempit saringannya" if more else ""
    typer.echo(f"{count_id(len(page.entries))} peristiwa{tail}.")
    if csv_file is not None:
        typer.echo(f"CSV ditulis: {csv_file}")
