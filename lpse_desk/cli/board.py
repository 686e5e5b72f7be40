"""``lpse-desk board``: the hall's display board on a second monitor."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import state


def board(
    ctx: typer.Context,
    sound: bool = typer.Option(
        True,
        "--suara/--tanpa-suara",
        help="Umumkan setiap panggilan dengan suara (espeak-ng, bila terpasang).",
    ),
    recent: int = typer.Option(
        6,
        "--panggilan-terakhir",
        min=1,
        max=6,
        metavar="N",
        help="Jumlah panggilan terakhir yang ditampilkan (1–6).",
    ),
) -> None:
    """Papan antrian layar penuh untuk monitor kedua di ruang MPP.

    Menampilkan nomor yang sedang dipanggil beserta loketnya dalam angka besar,
    panggilan terakhir, jumlah yang menunggu per layanan, dan loket yang jeda atau
    tutup; tanpa data pribadi. Setiap panggilan baru diumumkan dalam bahasa Indonesia
    melalui espeak-ng bila terpasang; tanpa espeak-ng papan tetap berjalan tanpa suara.

    Tombol: S menyalakan/mematikan suara, Ctrl+Q menutup papan.
    """
    # Deferred: Textual costs ~0.18 s, which `lpse-desk --help` must not pay.
    from lpse_desk.cli.desk import run_on_terminal
    from lpse_desk.tui.board import BoardApp
    from lpse_desk.tui.voice import Announcer

    settings = state(ctx).settings()
    board_app = BoardApp(settings, announcer=Announcer(enabled=sound), recent=recent)
    run_on_terminal(board_app, what="Papan antrian", command="lpse-desk board")
