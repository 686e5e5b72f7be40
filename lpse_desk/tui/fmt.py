"""Formatting shared by the screens: one place for how a cut text, a time or a date looks.

Every moment is shown in WIB (a naive one is taken to be WIB already, as the store keeps
them). The long Indonesian forms (``Rabu, 10 Juni 2026``, durations) are the domain's
(``domain.textfmt``); these are the short forms of tables and one-line notices.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.roles import sits_at_loket
from lpse_desk.domain.textfmt import DAY_NAMES, deadline_wall, format_date_id, format_duration_id

NONE = "—"
"""What a table shows for a moment that has not happened (or does not apply)."""


def short(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"


def hhmm(moment: datetime) -> str:
    """``09.28`` in WIB."""
    local = to_wib(moment)
    return f"{local.hour:02d}.{local.minute:02d}"


def day_time(moment: datetime | None) -> str:
    """``10/06 09.30`` in WIB, or ``—``."""
    return f"{to_wib(moment):%d/%m %H.%M}" if moment else NONE


def due_day_time(moment: datetime | None) -> str:
    """A deadline as ``day_time``: ``13/07 24.00`` for one at 00.00 of the 14th, or ``—``."""
    if moment is None:
        return NONE
    day, hour, minute = deadline_wall(moment)
    return f"{day:%d/%m} {hour:02d}.{minute:02d}"


def due_date_time(moment: datetime | None) -> str:
    """A deadline as ``date_time``: ``13/07/2026 24.00``, or ``—``."""
    if moment is None:
        return NONE
    day, hour, minute = deadline_wall(moment)
    return f"{day:%d/%m/%Y} {hour:02d}.{minute:02d}"


def date_time(moment: datetime) -> str:
    """``10/06/2026 09.30`` in WIB."""
    return f"{to_wib(moment):%d/%m/%Y %H.%M}"


def dmy(day: date | datetime) -> str:
    """``31/12/2027``: a date as the officer types it."""
    return f"{day:%d/%m/%Y}"


def iso_day(day: date | None) -> str:
    """``2027-12-31`` (a form's field value), or empty."""
    return f"{day:%Y-%m-%d}" if day else ""


def clock_line(moment: datetime) -> str:
    """``Rabu, 10 Juni 2026 · 09.30 WIB``."""
    local = to_wib(moment)
    return f"{DAY_NAMES[local.weekday()]}, {format_date_id(local)} · {hhmm(local)} WIB"


def brief_duration(delta: timedelta) -> str:
    """``lewat 1 hari 9 jam``: the two largest units of a working-time duration."""
    text = format_duration_id(delta)
    head, _, rest = text.partition(" ") if text.startswith("lewat") else ("", "", text)
    words = rest.split()
    return " ".join(filter(None, [head, *words[:4]]))


def serves_a_loket(staff: StaffMember) -> bool:
    """Whether the role sits at a loket (serves the queue); a verifier sits at none."""
    return sits_at_loket(staff.role)


def who_at(staff: StaffMember, loket: int) -> str:
    """``Dewi Lestari · Loket 1 · Petugas loket`` (the role last: on 80 columns beside the
    clock it is the part cut); for a verifier, name and role only (the PC's loket number is
    not hers)."""
    if not serves_a_loket(staff):
        return f"{staff.name} · {staff.role.label}"
    return f"{staff.name} · Loket {loket} · {staff.role.label}"
