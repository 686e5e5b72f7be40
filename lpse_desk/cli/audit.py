"""``lpse-desk audit verify``: is the event log still what the desk wrote?"""

from __future__ import annotations

import typer

from lpse_desk.cli.common import fail, open_engine

app = typer.Typer(
    help="Audit: periksa bahwa log peristiwa tidak diubah di luar aplikasi.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Periksa rantai segel log peristiwa dari awal sampai akhir.

    Setiap peristiwa disegel bersama segel peristiwa sebelumnya dengan kunci instalasi.
    Peristiwa yang diubah, diganti, dihapus atau disisipkan dengan alat SQL biasa (juga
    sesudah trigger dihapus) memutus rantai; yang pertama disebut nomornya (keluar 1).
    Siapa pun yang dapat membaca berkas basis data juga dapat membaca kuncinya: rantai ini
    membuktikan perubahan lewat alat SQL, bukan oleh orang yang mengambil kunci itu.
    """
    from lpse_desk.domain.errors import DeskError
    from lpse_desk.store.db import read_session  # deferred: SQLModel costs ~0.36 s
    from lpse_desk.store.eventchain import verify as verify_chain
    from lpse_desk.store.faults import describe

    engine = open_engine(ctx)
    try:
        with read_session(engine) as session:
            check = verify_chain(session=session)
    except DeskError as exc:
        fail(str(exc))
    except Exception as exc:  # a fault while reading is answered, never a traceback
        fail(describe(exc))
    finally:
        engine.dispose()
    if check.whole:
        if check.count == 0:
            typer.echo("Log peristiwa utuh: 0 peristiwa (rantai masih kosong).")
        else:
            typer.echo(
                f"Log peristiwa utuh: {_count(check.count)} peristiwa, "
                f"rantai sampai #{check.last_id}."
            )
        return
    where = f" mulai peristiwa #{check.broken_id}" if check.broken_id is not None else ""
    sound = (
        f"{_count(check.count)} peristiwa sebelumnya utuh (sampai #{check.last_id})."
        if check.count
        else "Tidak ada peristiwa utuh sebelumnya."
    )
    fail(
        f"Log peristiwa TIDAK UTUH{where}. {check.reason} {sound} Jangan ubah basis data; "
        "bandingkan dengan cadangan ('lpse-desk db backups') dan laporkan ke admin."
    )
