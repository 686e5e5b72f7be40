"""What the queue screen draws from a ``QueueView``: the table's rows and the lines above it.

Plain functions of the day's view (no widgets): the screen puts their result in place.
User text (visitor names, hold notes, pause reasons) leaves here as ``Text`` or escaped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text

from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.entities import StaffMember, Visit, VisitStatus
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.queue.rules import (
    CALL_GROUP_LABELS,
    HELD_TOO_LONG,
    LOKET_STATUS_LABELS,
    PRIORITIES,
    LoketStatus,
    QueuePolicy,
    call_group,
    held_for,
)
from lpse_desk.domain.queue.view import QueueView
from lpse_desk.domain.textfmt import format_duration_id, format_elapsed_id, printable
from lpse_desk.tui import safe
from lpse_desk.tui.fmt import hhmm
from lpse_desk.tui.widgets.columns import Col

COLUMNS = (
    Col("Urutan", 6), Col("Nomor", 5), Col("Layanan", 7),
    Col("Pengunjung", 24, least=12, grow=True, most=40), Col("Keterangan", 42, least=20),
    Col("Datang", 6, optional=True), Col("Lama", 14),
)  # fmt: skip
"""Sized to the screen (``widgets.columns``): a long name or note is cut at its column's
end, never the columns after it; the waiting time stays in view at 80 columns (the arrival
time comes back where there is room)."""

Row = tuple[str, tuple]
"""(row key: the visit id, cells) of one table row."""


def shown(service_filter: str | None, visit: Visit) -> bool:
    """Whether the filter (None: every service) lets ``visit`` through."""
    return service_filter in (None, visit.service_code)


def waiting(view: QueueView, service_filter: str | None) -> list[Visit]:
    """The waiting visits the filter lets through, in call order."""
    return [v for v in view.waiting if shown(service_filter, v)]


def rows(
    view: QueueView,
    *,
    loket: int | None,
    service_filter: str | None,
    catalog: Catalog,
    policy: QueuePolicy,
) -> list[Row]:
    """Waiting (numbered), held, no-shows, then the visits at other lokets (at every loket
    for a looker, ``loket`` None)."""
    now = view.now

    def row(place: str, visit: Visit, note: str | Text) -> Row:
        return str(visit.id), cells(place, visit, note, now, catalog)

    found = [
        row(str(place), visit, note(visit, now, policy))
        for place, visit in enumerate(waiting(view, service_filter), start=1)
    ]
    for visit in view.held:
        if shown(service_filter, visit):
            found.append(row("–", visit, held_note(visit, now)))
    found.extend(
        row("–", visit, "[red]Tidak hadir[/] (p pulihkan)")
        for visit in view.no_shows
        if shown(service_filter, visit)
    )
    for visit in view.active:
        if visit.loket != loket and shown(service_filter, visit):
            label = "Dilayani" if visit.status is VisitStatus.SERVING else "Dipanggil"
            found.append(row("–", visit, f"{label} di loket {visit.loket}"))
    return found


def held_note(visit: Visit, now: datetime) -> Text:
    """``Ditahan 12 menit: reason``; past ``HELD_TOO_LONG`` the time in bold red with a ``!``,
    so the officer calls the visitor back or cancels the number."""
    away = held_for(visit, now)
    reason = safe.plain(mask_logged_text(visit.status_note))
    if away is None or away < timedelta(minutes=1):  # just now: the reason is enough
        return Text.assemble(("Ditahan", "yellow"), ": ", reason)
    late = away > HELD_TOO_LONG
    return Text.assemble(
        ("Ditahan", "yellow"), " ", (format_duration_id(away), "bold red" if late else ""),
        ("!", "bold red") if late else "", ": ", reason,
    )  # fmt: skip


def note(visit: Visit, now: datetime, policy: QueuePolicy) -> str:
    """Why a waiting visit stands where it does (back in front, booking, priority, …)."""
    group = call_group(visit, now, policy)
    parts = []
    if group == 0:
        parts.append("[b]Kembali ke depan[/b]")
    if visit.booked_for is not None:
        parts.append(f"Booking {hhmm(visit.booked_for)}")
    if visit.priority:
        parts.append(f"[b]{PRIORITIES[visit.priority]}[/b]")
    if visit.transferred_from:
        parts.append(f"Dialihkan dari {visit.transferred_from}")
    if group in (1, 2) and not parts:
        parts.append(CALL_GROUP_LABELS[group])
    return " · ".join(parts)


def cells(place: str, visit: Visit, note: str | Text, now: datetime, catalog: Catalog) -> tuple:
    """The cells of one visit's row."""
    service = catalog.services.get(visit.service_code)
    return (
        place,
        Text(visit.ticket, style="bold"),
        service.code if service else visit.service_code,
        # a phone or NIK in a booked name (the MPP file's) is masked as on every list
        safe.plain(mask_logged_text(visit.visitor_name)),
        note,
        hhmm(visit.arrived_at),
        format_elapsed_id(now - visit.arrived_at),
    )


def counts_line(view: QueueView, service_filter: str | None) -> str:
    """``Menunggu per layanan:  A REG 3  ·  B UBAH 1``."""
    counts = "  ·  ".join(
        f"[b]{c.prefix}[/b] {c.code} {c.waiting}"
        for c in view.per_service
        if service_filter in (None, c.code)
    )
    return f"Menunggu per layanan:  {counts}"


def status_line(
    view: QueueView, service_filter: str | None, *, mine: Visit | None, counter: bool = True
) -> str:
    """How many wait, are held, are done; and, for a counter officer whose loket is free, how
    to call out of turn (a verifier only looks)."""
    return (
        f"{len(waiting(view, service_filter))} menunggu · {len(view.held)} ditahan · "
        f"{view.finished} selesai hari ini"
        + (" · c memanggil nomor terpilih" if counter and mine is None else "")
    )


def loket_line(view: QueueView, *, loket: int, staff: StaffMember | None, counter: bool) -> Text:
    """``Loket 1 · Dewi · buka`` (a looker: ``Antrian hari ini · … · hanya melihat``)."""
    state = next((s for s in view.lokets if s.number == loket), None)
    status = state.status if state else LoketStatus.CLOSED
    label = LOKET_STATUS_LABELS[status]
    if state and state.reason and status is not LoketStatus.OPEN:
        label += f": {printable(state.reason)}"
    colour = {"buka": "green", "jeda": "yellow", "tutup": "red"}[status.value]
    who = f"{printable(staff.name)} · " if staff else ""
    if not counter:
        return Text.assemble(("Antrian hari ini", "bold"), " · ", who, "hanya melihat")
    return Text.assemble((f"Loket {loket}", "bold"), " · ", who, (label, colour))
