"""The case report's figures on hand-made cases whose working time is worked out here,
on the real 2026 calendar: Idul Adha (Wed 27 May) and its cuti bersama (Thu 28 May), the
weekend with Waisak (Sun 31 May) and Hari Lahir Pancasila (Mon 1 June)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lpse_desk.domain.calendar import CalendarSettings, WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Event
from lpse_desk.domain.reports.cases import (
    NOTE_ONLY,
    Decision,
    OpenCase,
    Return,
    case_report,
    worked_of,
)

CALENDAR = WorkingCalendar(CalendarSettings(cuti_bersama_closed=True))
H = timedelta(hours=1)
DAY = 24 * H
_ids = iter(range(1, 10_000))


def at(month: int, day: int, hour: int) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=WIB)


def history(*moves: tuple[datetime, str, str | None]) -> list[Event]:
    return [
        Event(id=next(_ids), at=moment, actor="t", entity="case", entity_id=1, action=action,
              from_state=None, to_state=to, reason=None)  # fmt: skip
        for moment, action, to in moves
    ]


TWICE_RETURNED = history(
    (at(5, 29, 14), "penerimaan_dibuka", "penerimaan"),
    (at(5, 29, 15), "diserahkan_ke_verifikator", "menunggu_verifikasi"),
    (at(5, 29, 16), "dokumen_ditolak", None),  # not a move: the clock runs on
    (at(5, 29, 21), "dikembalikan_ke_penyedia", "dikembalikan"),  # 6 h
    # Brought back on Saturday: Sat, Sun (Waisak) and Mon (Pancasila) are closed.
    (at(5, 30, 9), "berkas_kembali", "menunggu_verifikasi"),
    (at(6, 2, 4), "dikembalikan_ke_penyedia", "dikembalikan"),  # Tue 00-04: 4 h
    (at(6, 3, 10), "berkas_kembali", "menunggu_verifikasi"),
    (at(6, 4, 2), "disetujui", "disetujui"),  # Wed 10-24 and Thu 00-02: 16 h
    (at(6, 4, 3), "akun_diaktifkan", None),
)


def test_the_working_time_leaves_out_the_returns_the_weekend_and_the_holidays():
    worked = worked_of(TWICE_RETURNED, CALENDAR)
    assert worked.seconds == (6 + 4 + 16) * 3600  # 26 h: 2 h over 1x24 jam kerja
    assert (worked.concluded_at, worked.verdict) == (at(6, 4, 2), "disetujui")


def test_idul_adha_and_its_cuti_bersama_do_not_count():
    # Tue 20-24 (4 h), Wed Idul Adha and Thu cuti bersama closed, Fri 00-10 (10 h).
    worked = worked_of(history((at(5, 26, 20), "diserahkan_ke_verifikator", "menunggu_verifikasi"),
                               (at(5, 29, 10), "disetujui", "disetujui")), CALENDAR)  # fmt: skip
    assert worked.seconds == 14 * 3600
    open_days = WorkingCalendar(CalendarSettings(cuti_bersama_closed=False))
    worked = worked_of(history((at(5, 26, 20), "diserahkan_ke_verifikator", "menunggu_verifikasi"),
                               (at(5, 29, 10), "disetujui", "disetujui")), open_days)  # fmt: skip
    assert worked.seconds == (14 + 24) * 3600  # the cuti bersama worked


def test_a_case_rejected_while_back_with_the_vendor_counts_until_its_return():
    worked = worked_of(history((at(6, 2, 8), "diserahkan_ke_verifikator", "menunggu_verifikasi"),
                               (at(6, 2, 12), "dikembalikan_ke_penyedia", "dikembalikan"),
                               (at(6, 5, 9), "ditolak", "ditolak")), CALENDAR)  # fmt: skip
    assert (worked.seconds, worked.verdict) == (4 * 3600, "ditolak")


def test_an_undecided_case_has_no_working_time_yet():
    worked = worked_of(history((at(6, 2, 8), "diserahkan_ke_verifikator", "menunggu_verifikasi")),
                       CALENDAR)  # fmt: skip
    assert worked.seconds is None and worked.concluded_at is None


def decision(case_id, code, verdict, by, hours, standard=24):
    return Decision(case_id, code, verdict, by, at(6, 4, 2), hours * H, standard * H)


def test_the_report_of_a_period():
    decisions = [
        decision(1, "REG", "disetujui", 7, 26),  # 2 h late
        decision(2, "REG", "disetujui", 8, 14),
        decision(3, "UBAH", "ditolak", 7, 4),
        decision(4, "UBAH", "disetujui", 8, 30),  # 6 h late
    ]
    returns = [
        Return(1, "REG", 7, at(5, 29, 21), ("tidak_lengkap", "tidak_valid")),
        Return(1, "REG", 7, at(6, 2, 4), ("tidak_lengkap",)),
        Return(3, "UBAH", 8, at(6, 2, 12), ()),
    ]
    open_cases = [
        OpenCase(5, "REG", "menunggu_verifikasi", 7, at(6, 3, 9), 3 * H),
        OpenCase(6, "UID", "menunggu_verifikasi", None, at(6, 4, 9), None),
        OpenCase(7, "REG", "dikembalikan", 8, None, None),
        OpenCase(8, "UID", "menunggu_verifikasi", None, at(6, 2, 9), DAY),
    ]
    report = case_report(start=date(2026, 6, 1), end=date(2026, 6, 30), as_of=at(6, 4, 12),
                         handed_off={"REG": 3, "UBAH": 2, "UID": 2}, decisions=decisions,
                         returns=returns, open_cases=open_cases)  # fmt: skip
    assert (report.handed_off, report.approved, report.rejected, report.returned) == (7, 3, 1, 3)
    assert report.on_time == 2 and report.on_time_share == pytest.approx(0.5)
    # Worked 4, 14, 26, 30 h: median 20 h, mean 18.5 h, p90 the 4th of 4.
    assert (report.worked.median, report.worked.mean) == (20 * H, 18.5 * H)
    assert (report.worked.p90, report.worked.maximum) == (30 * H, 30 * H)
    assert [(one.case_id, one.late_by) for one in report.late] == [(4, 6 * H), (1, 2 * H)]
    assert report.late_count == 2
    lines = {line.service_code: line for line in report.per_service}
    assert list(lines) == ["REG", "UBAH", "UID"]
    assert (lines["REG"].handed_off, lines["REG"].approved, lines["REG"].returned) == (3, 2, 2)
    assert (lines["UBAH"].rejected, lines["UBAH"].on_time, lines["UBAH"].decided) == (1, 1, 2)
    assert (lines["UID"].handed_off, lines["UID"].decided, lines["UID"].worked.count) == (2, 0, 0)
    verifiers = {line.officer_id: line for line in report.per_verifier}
    assert (verifiers[7].approved, verifiers[7].rejected, verifiers[7].returned) == (1, 1, 2)
    assert (verifiers[8].approved, verifiers[8].on_time, verifiers[8].returned) == (2, 1, 1)
    assert verifiers[7].worked.median == 15 * H
    assert report.returns_by_reason == {"tidak_lengkap": 2, "tidak_valid": 1, NOTE_ONLY: 1}
    assert (report.open_cases, report.paused) == (4, 1)
    assert [one.case_id for one in report.overdue] == [8, 5]
    # Its printed definitions speak of cases, never of the counter's visits ("90% kunjungan").
    from lpse_desk.domain.reports.case_tables import case_document
    from lpse_desk.domain.reports.definitions import definition

    printed = [definition(key) for table in case_document(report, {}, filters="").tables
               for key in table.definitions]  # fmt: skip
    assert any(line.startswith("Median:") and "90% kasus" in line for line in printed)
    assert not any("kunjungan" in line for line in printed)


def test_a_period_with_nothing_has_no_share_rather_than_zero():
    report = case_report(start=date(2026, 6, 1), end=date(2026, 6, 1), as_of=at(6, 1, 9),
                         handed_off={}, decisions=[], returns=[], open_cases=[])  # fmt: skip
    assert report.decided == 0 and report.on_time_share is None
    assert report.worked.median is None and report.per_service == ()
