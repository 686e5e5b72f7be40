"""Leaving the desk (Ctrl+Q, logout) while the loket still has a number: ask first.

The officer chooses: put the number back in the queue (it keeps its place by arrival),
leave it with the loket (another officer at this loket carries on), or stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.choice import ChoiceDialog

if TYPE_CHECKING:
    from lpse_desk.tui.app import DeskApp

PUT_BACK = "kembalikan"
LEAVE_IT = "tinggalkan"
STAY = "batal"

_TITLES = {"quit": "Tutup aplikasi", "logout": "Keluar akun"}


def ask_before_leaving(app: DeskApp, kind: str, visit: Visit) -> None:
    """The three choices for the loket's ``visit``; ``app.leave_now(kind)`` if the officer goes."""
    loket, staff, store = app.loket, app.staff, app.store
    state = "dilayani di" if visit.status is VisitStatus.SERVING else "dipanggil ke"
    help_text = (
        f"Nomor {visit.ticket} sedang {state} loket {loket}. Kembalikan ke antrian bila "
        "penyedia akan dilayani loket lain (tetap di urutannya menurut jam datang); biarkan "
        "di loket bila petugas lain melanjutkan di loket ini."
    )
    choices = [
        (PUT_BACK, f"Kembalikan {visit.ticket} ke antrian, lalu keluar"),
        (LEAVE_IT, f"Biarkan {visit.ticket} di loket {loket}, lalu keluar"),
        (STAY, "Batal, tetap di desk"),
    ]

    def perform(choice: str, _note: str) -> str:
        if choice == PUT_BACK:
            store.queue.put_back(staff, loket, visit.id)
        return choice

    def after(choice: str | None) -> None:
        app.leaving = False
        if choice == PUT_BACK:
            app.notify(f"{visit.ticket} dikembalikan ke antrian.")
        if choice in (PUT_BACK, LEAVE_IT):
            app.leave_now(kind)

    dialog = ChoiceDialog(_TITLES[kind], choices, perform, help_text=safe.message(help_text))
    app.push_screen(dialog, after)
