"""The demo's tanda terima: every case handed to the verifiers gets its receipt PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import FixedClock
from lpse_desk.domain.office import Office
from lpse_desk.store.services.receipts import ReceiptDesk


def issue_all(
    engine: Engine,
    *,
    catalog: Catalog,
    calendar: WorkingCalendar,
    render: Callable[..., bytes],
    receipts_dir: Path,
    now: datetime,
    office: Office | None = None,
) -> int:
    """Issue, in hand-off order, the receipt of every handed-off case that has none.

    Returns how many were issued. The files go under ``receipts_dir``; each receipt is
    dated at its case's hand-off and names the loket that served the visit (none: daring);
    its head carries ``office`` (the installation's ``[kantor]``; None: the defaults).
    """
    return ReceiptDesk(
        engine=engine,
        catalog=catalog,
        calendar=calendar,
        clock=FixedClock(now),
        receipts_dir=receipts_dir,
        render=render,
        office=office,
    ).issue_handed_off()
