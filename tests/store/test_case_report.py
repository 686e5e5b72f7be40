"""The case report read from a real store (both engines): cases handed off, returned across a
weekend, brought back, approved, rejected and left open through the real intake and review
desks, and the figures the report gives for the month."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import update

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.errors import NotFound, ValidationError
from lpse_desk.store.db import write_session
from lpse_desk.store.services.reports import ReportDesk
from lpse_desk.store.tables.cases import CaseRow
from tests.store.reviewcases import accept_everything, desks, handed_off, make_team

H = timedelta(hours=1)
JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=WIB)


@pytest.fixture
def month(engine, clock, tmp_path):
    """Five cases of June 2026 (Wed 10 June onwards; 13–14 June is a weekend, Tue 16 June
    Tahun Baru Islam)."""
    catalog, calendar = load_catalog(), WorkingCalendar.from_file(paths.calendar_file())
    team = make_team(engine, clock)
    intake, review = desks(engine, catalog, calendar, clock, tmp_path)
    reports = ReportDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock)
    cases = {}
    clock.set(wib(10, 9))
    cases["on_time"] = handed_off(intake, engine, clock, team.officer, serial=1)
    cases["late"] = handed_off(intake, engine, clock, team.officer, serial=2)
    cases["rejected"] = handed_off(intake, engine, clock, team.officer, serial=3, service="UBAH")
    clock.set(wib(10, 10))
    review.reject(team.verifier2, cases["rejected"], reason="daftar_hitam", note="SK 7/2026")  # 1 h
    clock.set(wib(10, 12))  # 3 h: two documents refused, back to the vendor
    review.reject_document(team.verifier, cases["late"], "ktp_direksi", reason="tidak_valid")
    review.reject_document(team.verifier, cases["late"], "npwp_perusahaan", reason="tidak_lengkap")
    review.return_to_vendor(team.verifier, cases["late"])
    clock.set(wib(11, 8))  # 23 h after its hand-off: within 1x24 jam kerja
    accept_everything(review, team.verifier, cases["on_time"])
    review.approve(team.verifier, cases["on_time"])
    clock.set(wib(13, 10))  # brought back on Saturday: its clock restarts Monday 00.00
    review.resume(team.officer, cases["late"])
    clock.set(wib(15, 23))  # 3 h + 23 h = 26 h: 2 h late
    accept_everything(review, team.verifier, cases["late"])
    review.approve(team.verifier, cases["late"])
    clock.set(wib(16, 9))
    # Taken in on Tahun Baru Islam (Tue 16, closed): its clock starts Wed 00.00, due Thu 00.00.
    cases["open"] = handed_off(intake, engine, clock, team.officer, serial=4)
    cases["paused"] = handed_off(intake, engine, clock, team.officer, serial=5, service="UID")
    clock.set(wib(16, 10))
    review.return_to_vendor(team.verifier2, cases["paused"], note="Lampirkan surat kuasa")
    clock.set(wib(18, 10))  # the report: 10 h past the open case's deadline
    return reports, team, cases


def test_the_month_of_cases_gives_its_figures(month):
    reports, team, cases = month
    report = reports.cases(start=JUNE[0], end=JUNE[1])
    assert (report.handed_off, report.approved, report.rejected, report.returned) == (5, 2, 1, 2)
    assert report.on_time == 2 and report.on_time_share == pytest.approx(2 / 3)
    assert [(one.case_id, one.late_by) for one in report.late] == [(cases["late"], 2 * H)]
    assert sorted(one.worked for one in (*report.late,)) == [26 * H]
    assert (report.worked.count, report.worked.median, report.worked.maximum) == (3, 23 * H, 26 * H)
    assert report.returns_by_reason == {"tidak_valid": 1, "tidak_lengkap": 1, "catatan": 1}
    assert (report.open_cases, report.paused) == (2, 1)
    assert [(one.case_id, one.overdue_by) for one in report.overdue] == [(cases["open"], 10 * H)]
    lines = {line.service_code: line for line in report.per_service}
    assert (lines["REG"].handed_off, lines["REG"].approved, lines["REG"].returned) == (3, 2, 1)
    assert (lines["UBAH"].rejected, lines["UID"].returned) == (1, 1)
    verifiers = {line.officer_id: line for line in report.per_verifier}
    assert (verifiers[team.verifier.id].approved, verifiers[team.verifier.id].returned) == (2, 1)
    assert (verifiers[team.verifier2.id].rejected, verifiers[team.verifier2.id].returned) == (1, 1)

    only_ubah = reports.cases(start=JUNE[0], end=JUNE[1], service_code="ubah")
    assert (only_ubah.handed_off, only_ubah.rejected, only_ubah.open_cases) == (1, 1, 0)
    mine = reports.cases(start=JUNE[0], end=JUNE[1], officer_id=team.verifier2.id)
    assert (mine.rejected, mine.approved, mine.returned) == (1, 0, 1)
    # The case verifier2 returned waits with the vendor: it is his open work "now" too.
    assert (mine.open_cases, mine.paused) == (1, 1)
    assert reports.cases(start=date(2026, 5, 1), end=date(2026, 5, 31)).decided == 0


def test_cases_concluded_before_the_desk_kept_their_time_are_worked_out_from_events(month, engine):
    reports, _team, _cases = month
    kept = reports.cases(start=JUNE[0], end=JUNE[1])
    with write_session(engine) as session:  # as migration 0012 leaves older cases
        session.execute(update(CaseRow).values(worked_seconds=None))
    assert reports.cases(start=JUNE[0], end=JUNE[1]) == kept


def test_a_period_backwards_or_an_unknown_service_is_refused(month):
    reports, _team, _cases = month
    with pytest.raises(ValidationError, match="sebelum tanggal awal"):
        reports.cases(start=JUNE[1], end=JUNE[0])
    with pytest.raises(NotFound, match="Layanan 'XYZ' tidak dikenal"):
        reports.cases(start=JUNE[0], end=JUNE[1], service_code="XYZ")


def test_the_demo_cases_add_up_per_verifier(demo_engine, clock):
    # The demo is what a head of unit reads first: each approval, rejection and return in it
    # is some verifier's (the backlog's approved and returned cases had none, so the
    # per-verifier lines did not add up to the totals).
    catalog, calendar = load_catalog(), WorkingCalendar.from_file(paths.calendar_file())
    reports = ReportDesk(engine=demo_engine, catalog=catalog, calendar=calendar, clock=clock)
    report = reports.cases(start=clock.now().date() - timedelta(days=60), end=clock.now().date())
    assert report.approved and report.rejected and report.returned
    lines = report.per_verifier
    assert sum(line.approved for line in lines) == report.approved
    assert sum(line.rejected for line in lines) == report.rejected
    assert sum(line.returned for line in lines) == report.returned
