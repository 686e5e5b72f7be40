"""The demo's tanda terima: every case handed to the verifiers gets its receipt PDF."""

from __future__ import annotations

from sqlalchemy import Engine

from lpse_desk.demo.setup import DemoSetup
from lpse_desk.domain.clock import FixedClock
from lpse_desk.store.services.receipts import ReceiptDesk


def issue_all(engine: Engine, setup: DemoSetup) -> int:
    """Issue, in hand-off order, the receipt of every handed-off case that has none.

    Returns how many were issued (none without ``setup.render``). The files go under
    ``setup.receipts_dir``; each receipt is dated at its case's hand-off and names the loket
    that served the visit (none: daring); its head carries ``setup.office``.
    """
    if setup.render is None:
        return 0
    return ReceiptDesk(
        engine=engine,
        catalog=setup.catalog,
        calendar=setup.calendar,
        clock=FixedClock(setup.now),
        receipts_dir=setup.receipts_dir,
        render=setup.render,
        office=setup.office,
    ).issue_handed_off()
