"""``lpse-desk staff``: staff accounts."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import fail, open_engine
from lpse_desk.domain.errors import DeskError, ValidationError
from lpse_desk.domain.roles import parse_role
from lpse_desk.domain.security import check_pin_rules
from lpse_desk.domain.textfmt import printable

app = typer.Typer(
    help="Akun petugas, verifikator dan admin.", no_args_is_help=True, rich_markup_mode=None
)


def _ask_pin() -> str:
    pin = typer.prompt("PIN (4–12 angka)", hide_input=True, default="", show_default=False)
    try:
        check_pin_rules(pin)
    except ValidationError as exc:
        fail(str(exc))
    again = typer.prompt("Ulangi PIN", hide_input=True, default="", show_default=False)
    if again != pin:
        fail("Kedua PIN tidak sama; petugas tidak ditambahkan")
    return pin


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAMA", help="Nama lengkap petugas."),
    role: str = typer.Option(..., "--role", help="Peran: petugas, verifikator atau admin."),
) -> None:
    """Tambah akun petugas (PIN ditanyakan dua kali)."""
    try:
        parsed_role = parse_role(role)
    except ValueError as exc:
        fail(str(exc))
    pin = _ask_pin()
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store import events
    from lpse_desk.store import staff as staff_store
    from lpse_desk.store.db import write_session

    engine = open_engine(ctx)
    try:
        with write_session(engine) as session:
            member = staff_store.create(
                session=session,
                name=name,
                role=parsed_role,
                pin=pin,
                actor=events.cli_actor(),
                now=SystemClock().now(),
            )
    except DeskError as exc:
        fail(str(exc))
    typer.echo(f"Petugas ditambahkan: {printable(member.name)} ({member.role.label}), nomor #{member.id}")


@app.command("list")
def list_staff(ctx: typer.Context) -> None:
    """Daftar akun aktif (nama, peran)."""
    from lpse_desk.store import staff as staff_store
    from lpse_desk.store.db import read_session

    with read_session(open_engine(ctx)) as session:
        members = staff_store.list_active(session=session)
    if not members:
        typer.echo("Belum ada petugas. Tambahkan dengan: lpse-desk staff add NAMA --role admin")
    for member in members:
        typer.echo(f"#{member.id}\t{printable(member.name)}\t{member.role.value}")
