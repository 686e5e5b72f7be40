"""The ``lpse-desk`` command: opens the desk, or runs a maintenance command.

Heavy libraries (Textual, SQLModel, holidays) are imported inside the commands
that use them so that ``lpse-desk --help`` stays well under 0.3 s.
"""

from __future__ import annotations

import typer
from typer._click.core import Context

from lpse_desk.cli import (
    audit,
    board,
    case,
    catalog,
    check,
    db,
    demo,
    ikm,
    queue,
    receipt,
    report,
    sla,
    staff,
    ticket,
)
from lpse_desk.cli.common import CliState
from lpse_desk.cli.i18n import IndonesianHelp

# Every help page of the command (each Context makes its formatter from this class).
Context.formatter_class = IndonesianHelp

app = typer.Typer(
    name="lpse-desk",
    help="LPSE Desk — aplikasi meja layanan LPSE Kota Bogor di Mal Pelayanan Publik.",
    add_completion=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs ~0.15 s
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Each group of subcommands is named as its module; this order is the help's.
for group in (db, staff, catalog, check, sla, queue, receipt, case, ticket, ikm, audit, report):
    app.add_typer(group.app, name=group.__name__.rpartition(".")[2])
app.command("demo")(demo.demo)
app.command("board")(board.board)


@app.callback()
def main(
    ctx: typer.Context,
    db_url: str | None = typer.Option(
        None,
        "--db",
        metavar="URL",
        help="Alamat basis data SQLAlchemy (bawaan: LPSE_DESK_DB, lalu data/lpse_desk.db).",
    ),
) -> None:
    """Tanpa perintah: buka aplikasi meja layanan."""
    ctx.obj = CliState(db_override=db_url)
    if ctx.invoked_subcommand is None:
        from lpse_desk.cli.desk import open_desk

        open_desk(ctx)


def run(argv: list[str] | None = None) -> None:
    """Console-script entry point: usage errors are reported in Indonesian."""
    import sys

    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from lpse_desk.cli.i18n import usage_error

    try:
        code = app(args=argv, prog_name="lpse-desk", standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(0)
    except UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "lpse-desk"
        usage = exc.ctx.get_usage() if exc.ctx else f"Penggunaan: {command}"
        typer.echo(usage, err=True)
        typer.echo(f"Coba '{command} -h' untuk bantuan.\n", err=True)
        typer.echo(f"Galat: {usage_error(exc)}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, EOFError):
        typer.echo("\nDibatalkan.", err=True)
        sys.exit(130)
    except typer.Exit:
        raise
    except Exception as exc:  # the last net: a fault is answered, never a traceback
        from lpse_desk.cli.common import fail
        from lpse_desk.store.faults import describe

        try:
            fail(describe(exc))
        except typer.Exit as done:
            sys.exit(done.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
