"""``lpse-desk staff``: staff accounts, changed only by an admin who gives her name and PIN.

Only the very first account of an empty database (an admin) is made without one: anyone at
the counter PC can type a command, so the command line must not be a way around the desk.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from lpse_desk.cli.common import answered, commands, fail, open_engine, state
from lpse_desk.domain import actors
from lpse_desk.domain.errors import DeskError, ValidationError
from lpse_desk.domain.roles import Role, parse_role
from lpse_desk.domain.security import PIN_MAX, check_pin_rules
from lpse_desk.domain.textfmt import printable

if TYPE_CHECKING:
    from lpse_desk.domain.entities import StaffMember
    from lpse_desk.store.services.staff import StaffDesk

STDIN_ORDER = (
    "Bila stdin bukan terminal, PIN dibaca per baris dari stdin: baris pertama PIN admin "
    "(kecuali untuk admin pertama basis data kosong)"
)

app = commands(
    "Akun petugas, verifikator dan admin. Setiap perubahan meminta nama admin (--admin "
    "atau ditanyakan) dan PIN-nya (ditanyakan tanpa tampil). " + STDIN_ORDER + "."
)

ADMIN_OPTION = typer.Option(
    None, "--admin", metavar="NAMA", help="Nama admin yang melakukan perubahan (PIN ditanyakan)."
)
NAME_ARGUMENT = typer.Argument(..., metavar="NAMA", help="Nama petugas.")
REFUSED_ADMIN = "Nama admin atau PIN salah, atau akun itu bukan admin aktif; tidak ada yang diubah"


def _interactive() -> bool:
    return sys.stdin.isatty()


def _read_secret(label: str) -> str:
    """A PIN: asked hidden on a terminal, else the next line of stdin (empty at its end)."""
    if _interactive():
        return typer.prompt(label, hide_input=True, default="", show_default=False)
    return sys.stdin.readline().rstrip("\r\n")


def _ask_new_pin(refused: str, min_length: int) -> str:
    """A new PIN, typed twice; ``refused`` says what did not happen when they differ."""
    pin = _read_secret(f"PIN baru ({min_length}–{PIN_MAX} angka)")
    try:
        check_pin_rules(pin, min_length=min_length)
    except ValidationError as exc:
        fail(exc)
    again = _read_secret("Ulangi PIN baru")
    if not again and not _interactive():  # a script that gave one line, not a typo
        fail(f"PIN baru harus diberikan dua kali (baris berikutnya kosong); {refused}")
    if again != pin:
        fail(f"Kedua PIN tidak sama; {refused}")
    return pin


def _desk(ctx: typer.Context) -> StaffDesk:
    """The staff service on the database of ``--db`` (deferred: SQLModel costs ~0.36 s)."""
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.services.staff import StaffDesk

    min_length = state(ctx).settings().pin_min_length
    return StaffDesk(open_engine(ctx), SystemClock(), pin_min_length=min_length)


def _admin(desk: StaffDesk, admin_name: str | None) -> StaffMember:
    """The admin making this change, from ``--admin`` (or asked) and her PIN; exit 1 otherwise."""
    if admin_name is None:
        if not _interactive():
            fail(
                "Sebutkan admin yang melakukan perubahan dengan --admin NAMA; tidak ada yang diubah"
            )
        admin_name = typer.prompt("Nama admin")
    pin = _read_secret("PIN admin")
    # Its own transaction: the lockout will record the attempt even when it is refused.
    result = answered(lambda: desk.attempt_by_name(admin_name, pin))
    if result is not None and result.locked_until is not None:
        from lpse_desk.domain.logins import locked_text

        locked = locked_text(result.locked_until)
        fail(f"Akun {printable(admin_name)} {locked}; tidak ada yang diubah")
    admin = result.member if result is not None else None
    if admin is None or admin.role is not Role.ADMIN:
        fail(REFUSED_ADMIN)
    if admin.must_change_pin:
        fail(
            f"PIN {admin.name} baru diatur ulang: masuk ke desk dulu dan buat PIN baru; "
            "tidak ada yang diubah"
        )
    return admin


NO_ACCOUNTS = "Belum ada akun petugas; buat admin pertama: lpse-desk staff add NAMA --peran admin"


def _admin_desk(ctx: typer.Context, admin_name: str | None) -> tuple[StaffDesk, StaffMember]:
    """The staff service and the admin making a change to an existing account."""
    desk = _desk(ctx)
    if desk.no_accounts_yet():
        fail(NO_ACCOUNTS)
    return desk, _admin(desk, admin_name)


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAMA", help="Nama lengkap petugas."),
    role: str = typer.Option(..., "--peran", "--role", help="Peran: petugas, verifikator atau admin."),
    loket: int | None = typer.Option(None, "--loket", help="Loket default 1–99 (opsional)."),
    admin_name: str | None = ADMIN_OPTION,
) -> None:
    """Tambah akun (PIN baru ditanyakan dua kali).

    Stdin bukan terminal: baris 1 PIN admin, baris 2 PIN baru, baris 3 ulangan PIN baru.
    Akun pertama basis data kosong harus admin dan dibuat tanpa PIN admin: baris 1 PIN
    baru, baris 2 ulangannya.
    """
    from lpse_desk.domain.accounts import check_loket

    try:
        parsed_role = parse_role(role)
        check_loket(loket, role=parsed_role)
    except (ValueError, DeskError) as exc:
        fail(exc)
    desk = _desk(ctx)
    if desk.no_accounts_yet():
        if parsed_role is not Role.ADMIN:
            fail(
                "Belum ada akun sama sekali: akun pertama harus admin "
                "(lpse-desk staff add NAMA --peran admin); petugas tidak ditambahkan"
            )
        if admin_name is not None:  # no admin exists to be named: it was ignored in silence
            fail(
                f"--admin {printable(admin_name)}: belum ada akun sama sekali, jadi belum ada "
                "admin; akun pertama dibuat tanpa --admin. Petugas tidak ditambahkan"
            )
        pin = _ask_new_pin("petugas tidak ditambahkan", desk.pin_min_length)
        member = answered(
            lambda: desk.create_first(
                name=name, role=parsed_role, pin=pin, actor=actors.cli_actor(),
                default_loket=loket,
            )
        )  # fmt: skip
    else:
        admin = _admin(desk, admin_name)
        pin = _ask_new_pin("petugas tidak ditambahkan", desk.pin_min_length)
        member = answered(
            lambda: desk.add(admin, name=name, role=parsed_role, pin=pin, default_loket=loket)
        )
    typer.echo(
        f"Petugas ditambahkan: {printable(member.name)} ({member.role.label}), nomor #{member.id}"
    )


def _set_active(ctx: typer.Context, name: str, admin_name: str | None, *, active: bool) -> None:
    desk, admin = _admin_desk(ctx, admin_name)
    member = answered(lambda: desk.set_active(admin, desk.named(name).id, active=active))
    state = "diaktifkan kembali" if active else "dinonaktifkan (riwayatnya tetap tersimpan)"
    typer.echo(f"Akun {printable(member.name)} (#{member.id}) {state}.")


@app.command("deactivate")
def deactivate(
    ctx: typer.Context,
    name: str = NAME_ARGUMENT,
    admin_name: str | None = ADMIN_OPTION,
) -> None:
    """Nonaktifkan akun: tidak dapat masuk lagi, riwayatnya tetap. Stdin: baris 1 PIN admin."""
    _set_active(ctx, name, admin_name, active=False)


@app.command("activate")
def activate(
    ctx: typer.Context,
    name: str = NAME_ARGUMENT,
    admin_name: str | None = ADMIN_OPTION,
) -> None:
    """Aktifkan kembali akun yang nonaktif. Stdin: baris 1 PIN admin."""
    _set_active(ctx, name, admin_name, active=True)


@app.command("reset-pin")
def reset_pin(
    ctx: typer.Context,
    name: str = NAME_ARGUMENT,
    admin_name: str | None = ADMIN_OPTION,
) -> None:
    """Atur ulang PIN: PIN sementara dicetak sekali; petugas wajib menggantinya saat masuk.

    Stdin: baris 1 PIN admin.
    """
    desk, admin = _admin_desk(ctx, admin_name)

    def reset() -> tuple[StaffMember, str]:
        member = desk.named(name)
        return member, desk.reset_pin(admin, member.id)

    member, temporary = answered(reset)
    typer.echo(
        f"PIN {printable(member.name)} (#{member.id}) diatur ulang. PIN sementara: {temporary}\n"
        "Sampaikan langsung kepada petugas; ia wajib membuat PIN baru saat masuk ke desk."
    )


@app.command("role")
def change_role(
    ctx: typer.Context,
    name: str = NAME_ARGUMENT,
    role: str = typer.Argument(..., metavar="PERAN", help="petugas, verifikator atau admin."),
    admin_name: str | None = ADMIN_OPTION,
) -> None:
    """Ubah peran akun. Stdin: baris 1 PIN admin."""
    try:
        parsed_role = parse_role(role)
    except ValueError as exc:
        fail(exc)
    desk, admin = _admin_desk(ctx, admin_name)
    member = answered(lambda: desk.change_role(admin, desk.named(name).id, parsed_role))
    typer.echo(f"Peran {printable(member.name)} (#{member.id}) sekarang {member.role.label}.")


@app.command("list")
def list_staff(ctx: typer.Context) -> None:
    """Semua akun: nomor, nama, peran, aktif/nonaktif, loket default, terakhir masuk (WIB)."""
    from lpse_desk.domain.textfmt import format_wib

    accounts = _desk(ctx).accounts()
    if not accounts:
        typer.echo("Belum ada petugas. Tambahkan dengan: lpse-desk staff add NAMA --peran admin")
    for account in accounts:
        member = account.member
        loket = f"loket {member.default_loket}" if member.default_loket else "loket -"
        last = format_wib(account.last_login) if account.last_login else "belum pernah"
        state = "aktif" if member.active else "nonaktif"
        typer.echo(
            f"#{member.id}\t{printable(member.name)}\t{member.role.value}\t{state}\t{loket}\t{last}"
        )
