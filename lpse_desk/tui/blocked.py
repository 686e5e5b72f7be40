"""A key that cannot act now says why, in one line, instead of doing nothing.

The footer hides (or greys) what a screen offers only in some states; an officer who presses
such a key out of habit — ``n`` while a number still stands at his loket, ``s`` on a case
whose documents are not all accepted — should learn why at once. A screen that mixes in
``SaysWhyBlocked`` answers ``why_blocked(action)`` with the reason; the key press itself is
seen here before the app looks for an enabled binding (none will run it).
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import events
from textual.binding import Binding


class SettlesAfterDialog:
    """Mixin for a ``Screen`` whose single letters change records (the queue's ``x`` no-show
    and ``j`` pause, the checklist's Space and ``o``, the verifier's ``t`` accept): for a
    moment after it comes back from a dialog or another screen (not when first shown),
    those keys (``SETTLING_ACTIONS``) do nothing, greyed in the footer, without a word.

    A keyboard-first hazard: letters typed a little after Enter closed a dialog (the tail of
    a visitor's name, a note) land on the screen beneath and act there. The screen passes
    its ``check_action`` answers through ``settled``; ``SaysWhyBlocked`` stays quiet."""

    SETTLE_SECONDS: ClassVar[float] = 0.5
    SETTLING_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    SETTLE_ON_FIRST_SHOW: ClassVar[bool] = False
    """Wait at the first showing too: for a screen that replaces a form the officer has just
    sent with Enter (the checklist after the intake form)."""
    _settles_until: float = 0.0

    _covered = False
    """Whether a dialog or screen has been over this one (its first showing does not wait)."""

    def on_screen_suspend(self, event: events.ScreenSuspend) -> None:
        self._covered = True

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self.SETTLE_SECONDS <= 0 or not (self._covered or self.SETTLE_ON_FIRST_SHOW):
            return
        self._settles_until = time.monotonic() + self.SETTLE_SECONDS
        self.refresh_bindings()  # type: ignore[attr-defined]  (a Screen's)
        # a little after the window ends: a timer may fire a hair early, leaving keys grey
        self.set_timer(self.SETTLE_SECONDS + 0.05, self.refresh_bindings)  # type: ignore[attr-defined]

    def settling(self) -> bool:
        """Whether the screen has only just come back (its acting keys wait)."""
        return time.monotonic() < self._settles_until

    def quiet_now(self, action: str) -> bool:
        """Whether ``action``'s key is to do nothing now (the screen has just come back)."""
        return action in self.SETTLING_ACTIONS and self.settling()

    def settled(self, action: str, allowed: bool | None) -> bool | None:
        """``check_action``'s answer ``allowed``, greyed (None) while ``action`` is quiet."""
        return None if allowed and self.quiet_now(action) else allowed


class RoleRefusal(str):
    """A reason that is the role's, not the moment's: the key will never act for this
    account (headed "Bukan untuk peran ini"; any other reason is "Belum bisa": not yet)."""


class SaysWhyBlocked:
    """Mixin for a ``Screen``: the reason a pressed key's action is blocked, as a notice."""

    def why_blocked(self, action: str) -> str | None:
        """Why ``action`` cannot be done now (None: no reason to give)."""
        return None

    def on_key(self, event: events.Key) -> None:
        # Most keys (arrows, letters the screen does not bind) stop here, before the costlier
        # walk over the active bindings that every key press would otherwise pay for.
        own = [
            binding
            for binding in type(self).BINDINGS
            if isinstance(binding, Binding) and event.key in binding.key.split(",")
        ]
        if not own:
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.enabled:
            return  # the key acts: its binding runs next
        for binding in own:
            if isinstance(self, SettlesAfterDialog) and self.quiet_now(binding.action):
                return  # typed ahead into a dialog just closed: not meant for this screen
            reason = self.why_blocked(binding.action)
            if reason:
                # "Not yet" heads what waits for a step; a key of another role never comes.
                title = "Bukan untuk peran ini" if isinstance(reason, RoleRefusal) else "Belum bisa"
                self.notify(reason, title=title, severity="warning", markup=False)
                return
