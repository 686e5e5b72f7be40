"""``lpse-desk case list`` on cases taken in and decided through the store."""

from __future__ import annotations

from datetime import timedelta

import pytest
from typer.testing import CliRunner

from lpse_desk import receipts
from lpse_desk.cli.main import app
from lpse_desk.config import load_settings
from lpse_desk.domain.clock import FixedClock, SystemClock
from lpse_desk.store.services.desk import DeskStore
from tests.store.reviewcases import accept_everything, handed_off, make_team

runner = CliRunner()


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def cases(migrated_home):
    """Taken in three working weeks ago (overdue now), yesterday-ish, and one approved."""
    clock = FixedClock(SystemClock().now() - timedelta(days=21))
    store = DeskStore.open(load_settings(), clock, render=receipts.render_receipt,
                           read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    try:
        team = make_team(store.engine, clock)
        late = handed_off(store.intake, store.engine, clock, team.officer, serial=1)
        decided = handed_off(store.intake, store.engine, clock, team.officer, serial=2)
        accept_everything(store.review, team.verifier, decided)
        store.review.approve(team.verifier, decided)
        returned = handed_off(store.intake, store.engine, clock, team.officer, serial=4)
        store.review.return_to_vendor(team.verifier, returned, note="Lampirkan Akta terbaru")
        clock.set(SystemClock().now())
        fresh = handed_off(store.intake, store.engine, clock, team.officer, serial=3,
                           service="UBAH")  # fmt: skip
    finally:
        store.close()
    return late, decided, fresh, returned


def test_case_list_shows_the_open_cases_by_deadline_with_the_late_flagged(cases):
    late, _decided, fresh, returned = cases
    result = lpse("case", "list")
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [fields[:4] for fields in lines] == [
        [f"#{late}", "PT Sinar Pakuan 1", "REG", "Menunggu verifikasi"],
        [f"#{fresh}", "PT Sinar Pakuan 3", "UBAH", "Menunggu verifikasi"],
        # Its old deadline is earlier than the fresh one's, but it waits on the vendor.
        [f"#{returned}", "PT Sinar Pakuan 4", "REG", "Dikembalikan ke penyedia"],
    ]
    assert lines[0][4].endswith(" WIB") and lines[0][5] == "LEWAT TENGGAT"
    assert len(lines[1]) == 5  # on time: no flag


def test_case_list_filters_by_status_and_overdue(cases):
    late, decided, _fresh, _returned = cases
    approved = lpse("case", "list", "--status", "Disetujui")
    assert approved.exit_code == 0, approved.output
    assert [line.split("\t")[0] for line in approved.stdout.splitlines()] == [f"#{decided}"]
    overdue = lpse("case", "list", "--overdue")
    assert [line.split("\t")[0] for line in overdue.stdout.splitlines()] == [f"#{late}"]
    nothing = lpse("case", "list", "--status", "ditolak")
    assert nothing.stdout == "Tidak ada kasus.\n"


def test_a_bad_status_lists_the_valid_ones_and_exits_2(desk_home):
    result = lpse("case", "list", "--status", "selesai-deh")
    assert result.exit_code == 2
    assert "Galat: --status: Status 'selesai-deh' tidak dikenal" in result.stderr
    assert "menunggu_verifikasi (Menunggu verifikasi)" in result.stderr
    assert "dikembalikan (Dikembalikan ke penyedia)" in result.stderr
