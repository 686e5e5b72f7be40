"""Taking a case: at once when nobody holds it, after a confirmation when a colleague does.

Taking over stays allowed (the colleague may be away), but never silently: the colleague
must not find out from the list. Used by the verifier queue and the case screen alike.
"""

from __future__ import annotations

from typing import Any

from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.review import ConfirmDialog


def take(screen: Any, case_id: int, holder: int | None, holder_name: str | None) -> None:
    """``screen`` (an ``ActsThenReloads``) takes ``case_id`` for the staff member at the desk;
    ``holder`` is who holds it as the screen shows it."""
    review, staff = screen.app.store.review, screen.app.staff
    if holder is None or holder == staff.id:
        screen.run_action(
            lambda: review.assign(staff, case_id, staff.id), f"Kasus #{case_id} Anda ambil."
        )
        return
    name = holder_name or f"staf #{holder}"
    screen.ask(
        ConfirmDialog(
            safe.plain(f"Ambil alih kasus #{case_id} dari {name}?"),
            safe.fill("Kasus ini sedang dipegang $name. Sampaikan kepadanya bahwa Anda "
                      "mengambil alih.", name=name),  # fmt: skip
            lambda: review.assign(staff, case_id, staff.id),
            yes="ambil alih",
        ),
        f"Kasus #{case_id} Anda ambil alih dari {name}.",
    )
