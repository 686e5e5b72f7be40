"""Shared CLI plumbing: settings from the global options, Indonesian errors, exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from lpse_desk.config import Settings, load_settings
from lpse_desk.domain.errors import DeskError, NextStep
from lpse_desk.domain.textfmt import printable

if TYPE_CHECKING:
    from lpse_desk.store.services.desk import DeskStore

T = TypeVar("T")


def commands(help_text: str) -> typer.Typer:
    """A group of subcommands (``lpse-desk queue …``): its help when called bare, plain text."""
    return typer.Typer(help=help_text, no_args_is_help=True, rich_markup_mode=None)


TODAY_OPTION = typer.Option(
    None, "--tanggal", "--date", metavar="YYYY-MM-DD", help="Tanggal (bawaan: hari ini, WIB)."
)
"""``--tanggal`` of a day's listing (``day_option`` reads it; today by default)."""


@dataclass
class CliState:
    """What the global options said; settings are loaded on first use."""

    db_override: str | None = None
    _settings: Settings | None = None

    def settings(self) -> Settings:
        """The settings with ``--db`` applied."""
        if self._settings is None:
            try:
                self._settings = load_settings().with_db(self.db_override)
            except DeskError as exc:
                fail(exc)
        return self._settings


def state(ctx: typer.Context) -> CliState:
    """The CLI state of the root command."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


STEP_HINTS: dict[str, str] = {
    NextStep.CLOSE_DESKS: "Desk dan papan antrian ditutup dengan Ctrl+Q.",
    NextStep.EDIT_VENDOR: "Di desk: ctrl+e pada penerimaan berkas.",
}
"""What the command line adds to an error naming a next step (``DeskError.step``): the
store's words name no key, but the person at the terminal may need the desk's."""


def fail(message: str | Exception, code: int = 1) -> NoReturn:
    """Print ``Galat: message`` to stderr and exit with ``code``.

    An error is shown by its message, and a desk error with the step it names
    (``STEP_HINTS``). A refusal may quote a name or a typed value: its control characters
    are escaped.
    """
    if isinstance(message, Exception):
        step = message.step if isinstance(message, DeskError) else None
        said, hint = str(message), STEP_HINTS.get(step or "")
        if hint and said and said[-1] not in ".!?":
            said += "."  # "…ekspor lagi. Di desk: …", not "…ekspor lagi Di desk: …"
        message = " ".join(filter(None, (said, hint)))
    typer.echo(f"Galat: {printable(message, keep_newlines=True)}", err=True)
    raise typer.Exit(code)


def echo_row(fields: Iterable[str]) -> None:
    """Print one line of a listing: its fields tab-separated, each made printable (a name
    typed at the desk may hold control characters)."""
    typer.echo("\t".join(printable(field) for field in fields))


def warn(message: str) -> None:
    """Print a warning line to stderr."""
    typer.echo(f"Peringatan: {printable(message, keep_newlines=True)}", err=True)


def answered(call: Callable[[], T]) -> T:
    """``call()``; a refusal or a fault of the database ends the command as ``Galat: …`` (exit 1).

    A database that cannot be opened, or is locked or damaged, must not show a traceback.
    """
    try:
        return call()
    except DeskError as exc:
        fail(exc)
    except Exception as exc:
        from lpse_desk.store.faults import describe

        fail(describe(exc))


def open_engine(ctx: typer.Context):
    """The migrated store engine of the selected database (DeskError → exit 1)."""
    from lpse_desk.store.db import (
        engine_notices,
        open_store,  # deferred: SQLModel costs ~0.36 s
    )

    settings = state(ctx).settings()
    engine, _ = answered(lambda: open_store(
        settings.db_url, backups=settings.backup_dir, create=settings.creates_db
    ))
    for notice in engine_notices(engine):
        warn(notice)
    return engine


def open_desk_store(ctx: typer.Context):
    """The store with catalog, calendar and the system clock (DeskError → exit 1)."""
    from lpse_desk import receipts
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.services.desk import DeskStore  # deferred: SQLModel costs ~0.36 s

    settings = state(ctx).settings()
    store = answered(
        lambda: DeskStore.open(
            settings,
            SystemClock(),
            render=receipts.render_receipt,
            read_pdf=receipts.signed_summary_of_pdf,
        )
    )
    for notice in store.notices:
        warn(notice)
    return store


@contextmanager
def desk_store(ctx: typer.Context) -> Iterator[DeskStore]:
    """The opened store for one command: a refusal inside ends the command as ``Galat: …``
    (exit 1), and the store is closed however the command ends."""
    store = open_desk_store(ctx)
    try:
        yield store
    except DeskError as exc:
        fail(exc)
    finally:
        store.close()


def import_file(
    ctx: typer.Context, file: Path, what: str, importer: Callable[[DeskStore], Callable[..., T]]
) -> T:
    """Import a CSV named on the command line with ``importer(store)(who, data, source=…)``
    and print the import's warnings.

    A file refused as a whole says ``tidak ada {what} yang diimpor`` and each problem on its
    own line; an import interrupted after some batches says what is stored (exit 1 both)."""
    from lpse_desk.domain.actors import cli_who
    from lpse_desk.domain.importfile import ImportInterrupted

    data = read_input_file(ctx, file)
    store = open_desk_store(ctx)
    try:
        outcome = importer(store)(cli_who(), data, source=file.name)
    except ImportInterrupted as exc:  # some batches are stored: say so, not "nothing"
        fail(exc)
    except DeskError as exc:
        typer.echo(f"Galat: tidak ada {what} yang diimpor.", err=True)
        for line in str(exc).splitlines():
            typer.echo(f"  {printable(line)}", err=True)
        raise typer.Exit(1) from None
    finally:
        store.close()
    for line in outcome.warnings:
        warn(line)
    return outcome


def read_input_file(ctx: typer.Context, file: Path) -> bytes:
    """The bytes of a CSV file named on the command line; a missing, folder, unreadable or
    too large file (setting ``impor_maks_mb``) → ``Galat: …`` and exit 1."""
    from lpse_desk.domain.importfile import read_file

    try:
        return read_file(file, max_mb=state(ctx).settings().import_max_mb)
    except DeskError as exc:
        fail(exc)


def day_option(text: str | None, option: str = "--tanggal"):
    """A date option (YYYY-MM-DD or DD/MM/YYYY), None when not given; bad input → exit 1
    with the option's name."""
    from lpse_desk.domain.textfmt import parse_date

    if text is None:
        return None
    try:
        return parse_date(text)
    except DeskError as exc:
        fail(f"{option}: {exc}")
