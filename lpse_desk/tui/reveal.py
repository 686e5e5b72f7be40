"""ctrl+l "Lihat NIK": a vendor's full NIK / personal NPWP for a moment, on record.

The screens show these numbers masked. The key asks the store, which checks the account as
stored now and logs the reveal before it returns the numbers; the screen shows them for
``REVEAL_SECONDS`` and then masks them again. Refusals are shown as the store words them.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.timer import Timer

from lpse_desk.domain.entities import Vendor
from lpse_desk.domain.identifiers import format_npwp
from lpse_desk.domain.privacy import Revealed, is_personal_npwp, mask_nik, mask_npwp
from lpse_desk.tui import work
from lpse_desk.tui.work import Done, Job, NotDone

REVEAL_SECONDS = 30.0
REVEAL_KEY = "ctrl+l"
REVEAL: Job[Revealed] = Job("reveal-ids")
"""The full numbers of the vendor shown, as the store revealed (and logged) them."""


def reveal_binding(*, show: bool = True, label: str = "Lihat NIK") -> Binding:
    """The same key on every screen that shows a personal number."""
    return Binding(REVEAL_KEY, "reveal_ids", label, id="reveal_ids", show=show, priority=True)


def has_personal_id(vendor: Vendor | None) -> bool:
    """Whether the vendor has a number the screen masks (a director's NIK, a person's NPWP)."""
    if vendor is None:
        return False
    return bool(vendor.director_nik) or bool(vendor.npwp and is_personal_npwp(vendor.npwp))


def nik_text(nik: str, revealed: Revealed | None, vendor_id: int | None) -> str:
    """The NIK in full while revealed for this vendor, masked otherwise."""
    if revealed is not None and revealed.vendor_id == vendor_id and revealed.nik:
        return revealed.nik
    return mask_nik(nik)


def npwp_text(npwp: str, revealed: Revealed | None, vendor_id: int | None) -> str:
    """The NPWP formatted in full while revealed (or a company's), masked otherwise."""
    if revealed is not None and revealed.vendor_id == vendor_id and revealed.npwp:
        return format_npwp(revealed.npwp)
    return mask_npwp(npwp)


class RevealsPersonalIds:
    """For a Screen: ``reveal_target`` says whose numbers, ``redraw_personal_ids`` shows them."""

    revealed: Revealed | None = None
    _reveal_timer: Timer | None = None

    def reveal_target(self) -> dict[str, Any] | None:
        """``vendor_id`` with ``case_id`` or ``visit_id``; None when no vendor is shown."""
        raise NotImplementedError

    def redraw_personal_ids(self) -> None:
        """Draw the numbers again (full or masked, as ``self.revealed`` says)."""
        raise NotImplementedError

    def action_reveal_ids(self) -> None:
        """Ask the store for the full numbers (checked and logged there)."""
        target = self.reveal_target()
        if target is None:
            self.notify("Pilih penyedia dulu.", severity="warning")
            return
        self._reveal(target)

    def _reveal(self, target: dict[str, Any]) -> None:
        store, staff = self.app.store, self.app.staff
        work.act(self, REVEAL, lambda: store.reveal_personal_ids(staff, **target),
                 group="reveal-ids", exclusive=True)  # fmt: skip

    def on_work_done(self, message: Done[Any]) -> None:
        """The full numbers arrived (checked and logged by the store)."""
        if message.job is REVEAL:
            self.show_revealed(message.result)

    def on_work_refused(self, message: NotDone) -> None:
        """Not allowed (the role, the case's stage), or a locked store: say why."""
        if message.job is REVEAL:
            self._refused(message.said(failed="NIK belum dapat dibuka"))

    on_work_failed = on_work_refused

    def _refused(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)

    def show_revealed(self, shown: Revealed) -> None:
        """Show the full numbers and start the clock that masks them again."""
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
        self.revealed = shown
        self._reveal_timer = self.set_timer(REVEAL_SECONDS, self.hide_personal_ids)
        self.redraw_personal_ids()
        self.notify(
            f"NIK/NPWP lengkap tampil {REVEAL_SECONDS:.0f} detik; dicatat di log atas nama Anda.",
            markup=False,
        )

    def hide_personal_ids(self) -> None:
        """Mask the numbers again (the timer's end, or another vendor chosen)."""
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None
        if self.revealed is not None:
            self.revealed = None
            self.redraw_personal_ids()
