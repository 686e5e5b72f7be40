"""The keys of a working screen: a store call in a worker, a notification, a reload.

A mixin of the screens whose keys change something and then show the data again (the
queue, the case review, the checklist, the verifiers' queue). ``run_action`` runs the
call through ``tui.work`` as an :class:`Action` that carries what to say when it goes
through; the handlers here say it (or the refusal) and call the screen's ``reload``.
A dialog runs its own call; ``ask`` opens it, and when it did something says so and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.screen import ModalScreen

from lpse_desk.tui import work
from lpse_desk.tui.work import Done, Job, NotDone, Refused

Said = str | Callable[[Any], str]
"""What the screen says when an action went through (from the store call's result)."""


@dataclass(frozen=True, eq=False)
class Action(Job[Any]):
    """A change run straight from a key; ``said`` is shown when it goes through."""

    said: Said | None = None
    quiet: bool = False
    """Say nothing on success (e.g. opening the loket as the screen opens)."""


def _say(said: Said, result: Any) -> str:
    return said(result) if callable(said) else said


class ActsThenReloads:
    """Run a screen's actions and show their outcome; the screen provides ``reload()``."""

    ACTION_GROUP = "act"
    """The worker group of this screen's actions (they may overlap: not exclusive)."""
    REFUSED_TIMEOUT: float | None = None
    """How long a refusal stays (None: Textual's default); long ones need longer."""
    FAILED_TEXT = "Gagal"
    """What a broken store call is called here (``Gagal: <reason>``)."""
    FAILED_TITLE = "Tidak dapat"

    def run_action(self, call: Callable[[], Any], said: Said | None = None, *, quiet=False) -> None:
        """Run ``call`` in a worker; say ``said`` when it goes through, then reload."""
        work.act(self, Action(self.ACTION_GROUP, said=said, quiet=quiet), call,
                 group=self.ACTION_GROUP)  # fmt: skip

    def ask(self, dialog: ModalScreen[Any], said: Said | None = None) -> None:
        """Open ``dialog`` (it runs its own store call); when it closes having done something,
        say ``said`` (from its result); reload either way."""

        def finished(result: Any) -> None:
            if result is not None and said:
                self.notify(_say(said, result))
            self.reload()

        self.app.push_screen(dialog, finished)

    def refusal_text(self, message: Refused) -> str:
        """What to say when the store refused (the store's own words by default)."""
        return message.reason

    def on_work_done(self, message: Done[Any]) -> None:
        """An action went through: say so (unless quiet) and reload."""
        job = message.job
        if isinstance(job, Action):
            if job.said and not job.quiet:
                self.notify(_say(job.said, message.result))
            self.reload()

    def on_work_refused(self, message: NotDone) -> None:
        """The store refused, or broke (locked, lost): say why, never crash in front of a
        vendor; reload (another desk may have been faster)."""
        if not isinstance(message.job, Action):
            return
        if isinstance(message, Refused):
            extra = {} if self.REFUSED_TIMEOUT is None else {"timeout": self.REFUSED_TIMEOUT}
            self.notify(self.refusal_text(message), title="Tidak dapat", severity="error", **extra)
        else:
            self.notify(message.said(failed=self.FAILED_TEXT), title=self.FAILED_TITLE,
                        severity="error")  # fmt: skip
        self.reload()

    on_work_failed = on_work_refused
