"""Opening the Textual desk from the command line."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import state


def open_desk(ctx: typer.Context, url: str | None = None) -> None:
    """Run the desk on the selected database until the officer quits."""
    from lpse_desk.tui.app import DeskApp  # deferred: Textual costs ~0.18 s

    settings = state(ctx).settings().with_db(url)
    DeskApp(settings=settings).run()
