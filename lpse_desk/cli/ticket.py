"""``lpse-desk ticket``: the desk's service tickets, an outbox for the helpdesk."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import typer

from lpse_desk.cli.common import commands, day_option, desk_store, echo_row, fail
from lpse_desk.cli.outputs import refuse_protected
from lpse_desk.cli.report_files import expect_suffix
from lpse_desk.domain.textfmt import printable

app = commands(
    "Tiket layanan desk: daftar (kotak keluar), isi, ekspor untuk helpdesk, tandai terkirim."
)


@app.command("list")
def list_tickets(
    ctx: typer.Context,
    day: str | None = typer.Option(
        None, "--tanggal", "--date", metavar="YYYY-MM-DD", help="Hanya tiket hari itu (bawaan: semua hari)."
    ),
    unsent: bool = typer.Option(False, "--belum-terkirim", help="Hanya yang belum terkirim."),
) -> None:
    """Tiket: nomor, dibuat, penyedia, status kirim, subjek; satu per baris."""
    wanted = day_option(day)
    with desk_store(ctx) as store:
        found = store.intake.tickets(wanted, unsent_only=unsent)
    if not found:
        typer.echo("Tidak ada tiket.")
    for ticket in found:
        echo_row((ticket.number, f"{ticket.created_at:%Y-%m-%d %H:%M}", ticket.vendor_name,
                  ticket.status, ticket.subject))  # fmt: skip


@app.command("show")
def show(
    ctx: typer.Context,
    number: str = typer.Argument(..., metavar="NOMOR", help="Mis. TKT-LPSE/2026/000045."),
    as_json: bool = typer.Option(
        False,
        "--json",
        help="Badan POST /api/tickets.json osTicket, lampiran disertakan; ditolak bila email "
        "penyedia kosong atau tidak sah (osTicket pasti menolaknya).",
    ),
    out: Path | None = typer.Option(None, "--simpan", "--out", metavar="BERKAS", help="Tulis ke berkas ini."),
) -> None:
    """Isi tiket (subjek, pesan, lampiran), atau JSON siap kirim ke osTicket."""
    if out is not None and out.is_dir():
        fail(f"--simpan: {out} adalah folder; tulis nama berkas")
    expect_suffix(out, ".json" if as_json else ".txt", "--simpan")  # not text in "x.pdf"
    refuse_protected(ctx, out, "--simpan")
    with desk_store(ctx) as store:
        if as_json:
            text = json.dumps(store.intake.export_ticket(number), ensure_ascii=False, indent=2)
        else:
            ticket = store.intake.ticket(number)
            lines = [
                f"Tiket: {ticket.number} (kasus #{ticket.case_id})",
                f"Subjek: {ticket.subject}",
                f"Dibuat: {ticket.created_at:%Y-%m-%d %H:%M} WIB",
                f"Status: {ticket.status}",
            ]
            if ticket.external_ref:
                lines.append(f"Nomor di helpdesk: {ticket.external_ref}")
            lines += [f"Lampiran: {store.intake.attachment_path(name)}" for name in ticket.attachments]
            lines += ["", ticket.message or "(pesan belum ada: penerimaan belum selesai)"]
            text = "\n".join(lines)
    if out is None:
        typer.echo(printable(text, keep_newlines=True))
        return
    _write(out, text + "\n")
    typer.echo(f"Tiket {number.strip().upper()} ditulis ke {out}")


def _write(path: Path, text: str) -> None:
    """Temp file next to the target, then rename: never half a file."""
    from lpse_desk.store.faults import file_fault

    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        fail(f"--simpan: {file_fault(exc, path)}")


@app.command("sent")
def sent(
    ctx: typer.Context,
    number: str = typer.Argument(..., metavar="NOMOR", help="Nomor tiket desk."),
    ref: str | None = typer.Option(
        None, "--ref", metavar="NOMOR-HELPDESK", help="Nomor tiket di helpdesk, bila ada."
    ),
) -> None:
    """Catat bahwa tiket sudah dikirim ke helpdesk."""
    from lpse_desk.domain.actors import cli_who

    with desk_store(ctx) as store:
        ticket = store.intake.mark_ticket_sent(cli_who(), number, ref=ref)
    typer.echo(f"Tiket {ticket.number} tercatat terkirim {ticket.sent_at:%Y-%m-%d %H:%M} WIB")
