"""Opening the Textual desk (and the hall's board) from the command line."""

from __future__ import annotations

import sys
from typing import Any

import typer

from lpse_desk.cli.common import fail, state

NO_TERMINAL = (
    "{what} perlu terminal: jalankan '{command}' langsung di jendela terminal, tanpa '<', '>' "
    "atau '|'. Perintah untuk skrip: 'lpse-desk -h'."
)


def on_a_terminal() -> bool:
    """Whether keys come from a keyboard and the screen goes to a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_on_terminal(
    app: Any, *, what: str = "Aplikasi meja layanan", command: str = "lpse-desk"
) -> None:
    """Run a Textual app; without a terminal (a script, a pipe, output to a file) say so
    instead of writing screen codes into the file and waiting for keys that never come."""
    if not on_a_terminal():
        fail(NO_TERMINAL.format(what=what, command=command))
    app.run()


def open_desk(ctx: typer.Context, url: str | None = None) -> None:
    """Run the desk on the selected database until the officer quits."""
    from lpse_desk.tui.app import DeskApp  # deferred: Textual costs ~0.18 s

    settings = state(ctx).settings().with_db(url)
    run_on_terminal(DeskApp(settings=settings))
