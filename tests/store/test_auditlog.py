"""The audit list: events in order, filtered by staff, case (with its visit), WIB dates; paged."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain import actors
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import events
from lpse_desk.store.queries.auditlog import AuditFilter, audit_events, require_admin
from lpse_desk.store.services.queue import QueueDesk
from tests.store.actors import KIOS
from tests.store.reviewcases import desks, make_team, make_vendor


@pytest.fixture
def world(engine, clock, desk_home, tmp_path):
    """A served visit taken in as a case, another vendor's daring case, a note with a NIK."""
    catalog = load_catalog()
    calendar = WorkingCalendar.from_file(paths.calendar_file())
    team = make_team(engine, clock)
    intake = desks(engine, catalog, calendar, clock, tmp_path)[0]
    line = QueueDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                     policy=QueuePolicy())  # fmt: skip
    visit = line.take(KIOS, "REG")
    line.open_loket(team.officer, 1)
    line.call_next(team.officer, 1)
    line.start(team.officer, visit.id)
    first = intake.start(team.officer, service_code="REG", vendor_id=make_vendor(engine, clock, 1).id,
                         vendor_type="PT", bearer_name="Hendra Gunawan",
                         visit_id=visit.id)  # fmt: skip
    clock.advance(timedelta(days=1))
    other = intake.start(team.officer2, service_code="REG", vendor_id=make_vendor(engine, clock, 2).id,
                         vendor_type="PT", helpdesk_request_no="HD-2")  # fmt: skip
    with write_session(engine) as session:
        events.record(session=session, at=clock.now(), actor=actors.actor_for(team.admin),
                      entity="case", entity_id=other.id, action="catatan_uji",
                      reason="NIK 3271011708450001, telp 0812-3456-7890, HD-2026-0042")  # fmt: skip
    return team, visit, first, other


def _list(engine, **wanted):
    page = {k: wanted.pop(k) for k in ("offset", "limit") if k in wanted}
    with read_session(engine) as session:
        return audit_events(session=session, wanted=AuditFilter(**wanted), **page)


def test_everything_in_order_with_labels_and_masked_reasons(engine, world):
    page = _list(engine)
    assert page.total == len(page.entries) > 10
    assert [e.id for e in page.entries] == sorted(e.id for e in page.entries)
    assert [e.at for e in page.entries] == sorted(e.at for e in page.entries)
    team, *_ = world
    staff_added = page.entries[0]
    assert (staff_added.label, staff_added.subject, staff_added.change) == (
        "Staf ditambahkan", f"Staf #1 ({team.officer.name})", "Petugas loket"
    )  # fmt: skip  # whose account: "Staf #1" alone told an auditor nothing
    # statuses are said by their labels, never as stored codes (menunggu_verifikasi)
    moves = [e for e in page.entries if e.entity in ("case", "visit") and e.from_state]
    assert moves and all("_" not in e.change for e in moves)
    assert "Menunggu → Dipanggil" in {e.change for e in moves}
    note = page.entries[-1]
    assert note.label == "catatan_uji"  # an unknown action keeps its name
    assert "3271011708450001" not in note.reason and "3271********0001" in note.reason
    assert "0812-3456-7890" not in note.reason
    assert "HD-2026-0042" in note.reason  # request numbers and dates stay readable


def test_filter_by_staff_name_part_case_insensitive(engine, world):
    team, *_ = world
    page = _list(engine, staff="budi")
    assert page.entries and {e.actor for e in page.entries} == {actors.actor_for(team.officer2)}
    assert _list(engine, staff="tidak ada orang ini").total == 0
    assert _list(engine, staff="100%_").total == 0  # LIKE wildcards are taken literally


def test_filter_by_case_takes_its_visit_too(engine, world):
    _team, visit, first, other = world
    page = _list(engine, case_id=first.id)
    subjects = {(e.entity, e.entity_id) for e in page.entries}
    assert subjects == {("case", first.id), ("visit", visit.id)}
    assert "nomor_diambil" in {e.action for e in page.entries}
    assert {(e.entity, e.entity_id) for e in _list(engine, case_id=other.id).entries} == {
        ("case", other.id)
    }
    with pytest.raises(NotFound, match="Kasus #999"):
        _list(engine, case_id=999)


def test_filter_by_wib_dates(engine, world, clock):
    today = clock.now().date()
    yesterday = today - timedelta(days=1)
    only_yesterday = _list(engine, start=yesterday, end=yesterday)
    only_today = _list(engine, start=today)
    assert only_yesterday.total and only_today.total
    assert only_yesterday.total + only_today.total == _list(engine).total
    assert all(e.at.astimezone(WIB).date() == yesterday for e in only_yesterday.entries)
    assert "catatan_uji" in {e.action for e in only_today.entries}
    with pytest.raises(ValidationError, match="sesudah tanggal akhir"):
        _list(engine, start=today, end=yesterday)
    assert _list(engine, end=date(2000, 1, 1)).total == 0


def test_a_wib_day_ends_at_midnight_wib_not_utc(engine, clock, desk_home):
    late = datetime(2026, 6, 10, 23, 30, tzinfo=WIB)  # 16.30 UTC: still 10 June in WIB
    with write_session(engine) as session:
        events.record(session=session, at=late, actor="uji", entity="loket", entity_id=1,
                      action="loket_buka")  # fmt: skip
    assert _list(engine, start=date(2026, 6, 10), end=date(2026, 6, 10)).total == 1
    assert _list(engine, start=date(2026, 6, 11), end=date(2026, 6, 11)).total == 0


def test_paging(engine, world):
    everything = _list(engine).entries
    second = _list(engine, offset=3, limit=4)
    assert [e.id for e in second.entries] == [e.id for e in everything[3:7]]
    assert second.total == len(everything)
    with pytest.raises(ValidationError):
        _list(engine, limit=0)


def test_only_an_active_admin_reads_it_in_the_desk(engine, world):
    team, *_ = world
    with read_session(engine) as session:
        require_admin(session=session, who=team.admin)
        for who in (team.officer, team.verifier):
            with pytest.raises(PermissionDenied, match="hanya untuk admin"):
                require_admin(session=session, who=who)


def test_filter_by_action_label_or_code(engine, world):
    page = _list(engine, action="ditambahkan")  # "Staf ditambahkan"
    assert page.entries and {e.action for e in page.entries} == {"staf_ditambahkan"}
    assert {e.action for e in _list(engine, action="CATATAN_UJI").entries} == {"catatan_uji"}
    assert _list(engine, action="tidak ada tindakan ini").total == 0
    everything = _list(engine).total
    assert _list(engine, action="   ").total == everything  # blank: no filter
