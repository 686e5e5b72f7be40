"""What every part of a demo fill is given, passed as one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.office import Office


@dataclass(frozen=True)
class DemoSetup:
    """The catalog, calendar and moment of a demo fill, and how its tanda terima are made."""

    catalog: Catalog
    calendar: WorkingCalendar
    now: datetime
    """When the demo day ends (``demo_moment``)."""
    render: Callable[..., bytes] | None
    """``lpse_desk.receipts.render_receipt``; None: no receipt PDFs are issued."""
    receipts_dir: Path
    office: Office | None
    """The installation's ``[kantor]`` on the receipts' head; None: the defaults."""
