"""The queue table's notes for held visitors: how long they have been away, flagged past
half an hour (issue 17), their reason shown as typed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Visit, VisitStatus
from lpse_desk.domain.queue.rules import HELD_TOO_LONG, held_for
from lpse_desk.tui.screens.queue_rows import held_note

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=WIB)


def held(minutes: int | None, note: str = "Membeli meterai") -> Visit:
    return Visit(
        id=1, service_date=date(2026, 6, 10), service_code="REG", prefix="A", number=4,
        status=VisitStatus.ON_HOLD, visitor_name=None, phone=None, priority=None,
        booking_code=None, loket=None, arrived_at=NOW - timedelta(hours=1), called_at=None,
        finished_at=None, status_note=note,
        moved_at=None if minutes is None else NOW - timedelta(minutes=minutes),
    )  # fmt: skip


def test_a_held_visitor_shows_how_long_and_is_flagged_past_half_an_hour():
    assert timedelta(minutes=30) == HELD_TOO_LONG
    soon = held_note(held(12), NOW)
    assert soon.plain == "Ditahan 12 menit: Membeli meterai"
    assert not any("red" in str(span.style) for span in soon.spans)
    at_limit = held_note(held(30), NOW)
    assert "lewat" not in at_limit.plain  # exactly 30 minutes is not past it
    late = held_note(held(42), NOW)
    assert late.plain == "Ditahan 42 menit!: Membeli meterai"
    assert any("bold red" in str(span.style) for span in late.spans)


def test_a_reason_is_text_and_an_unknown_hold_time_says_only_the_reason():
    hostile = held_note(held(45, "[b]Ambil[/b] KTP \x1b[31m"), NOW)
    assert "[b]Ambil[/b] KTP" in hostile.plain and "\x1b" not in hostile.plain
    assert held_note(held(None), NOW).plain == "Ditahan: Membeli meterai"
    assert held_note(held(0), NOW).plain == "Ditahan: Membeli meterai"  # held just now
    assert held_for(held(None), NOW) is None
    waiting = held(5)
    assert held_for(Visit(**{**waiting.__dict__, "status": VisitStatus.WAITING}), NOW) is None


def test_a_list_screen_not_composed_yet_has_no_cursor_key_and_no_crash():
    """On a loaded machine the footer asked a queue screen pushed but not yet composed for
    its keys: ``check_action`` looked for its table and the desk stopped (NoMatches)."""
    from lpse_desk.tui.screens.queue import QueueScreen
    from lpse_desk.tui.screens.staff import StaffScreen
    from lpse_desk.tui.widgets.table import cursor_key

    for screen in (QueueScreen(), StaffScreen()):
        assert cursor_key(screen) is None
    assert QueueScreen()._selected() is None and StaffScreen().chosen() is None


def test_a_phone_in_a_booked_name_is_masked_in_the_queue_list():
    """A booked name comes from the MPP file as it is: "Rudi 081234567890" showed whole."""
    from dataclasses import replace

    from lpse_desk.catalog import load_catalog
    from lpse_desk.tui.screens.queue_rows import cells

    visit = replace(held(None), visitor_name="Rudi 081234567890", booking_code="MPP-260610-7")
    name = cells("1", visit, "", NOW, load_catalog())[3]
    assert name.plain == "Rudi 08********90"
