"""Rules that used to be decided inside the store, now plain domain functions: the SPSE
user-ID rule, KONS/LAT limits, per-service approval effects, a case status by name, staff
account fields and what a receipt says about its case."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from lpse_desk.domain.accounts import check_loket, clean_name
from lpse_desk.domain.approval import approval_effect, approved_user_id
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.intake import (
    check_consultation,
    check_training_request,
    require_spse_user_id,
)
from lpse_desk.domain.outcome import CaseChange
from lpse_desk.domain.receipttext import bearer_shown, next_step, receipt_notes
from lpse_desk.domain.review import parse_queue_status
from tests.domain.test_checklist import _service

REG = replace(_service("REG", "A"), requires_spse_user_id=True)


def test_a_service_needing_an_spse_account_waits_for_its_user_id():
    with pytest.raises(Conflict, match="CV Maju belum punya user ID SPSE"):
        require_spse_user_id(REG, vendor_name="CV Maju", spse_user_id=None)
    require_spse_user_id(REG, vendor_name="CV Maju", spse_user_id="cvmaju01")
    require_spse_user_id(_service("KONS", "K"), vendor_name="CV Maju", spse_user_id=None)


@pytest.mark.parametrize(
    ("topic", "advice", "minutes", "field"),
    [
        ("  ", "Isi SIKaP", 10, "topik"),
        ("Tender", " ", 10, "saran"),
        ("x" * 301, "Isi", 10, "saran"),
        ("Tender", "x" * 2001, 10, "saran"),
        ("Tender", "Isi", 0, "lama"),
        ("Tender", "Isi", 481, "lama"),
    ],
)
def test_a_consultation_outside_its_limits_is_refused(topic, advice, minutes, field):
    with pytest.raises(ValidationError) as refused:
        check_consultation(topic, advice, minutes)
    assert refused.value.field == field


def test_a_consultation_is_cleaned():
    assert check_consultation("  Cara   ikut  tender ", " Daftar SPSE \n", 480) == (
        "Cara ikut tender",
        "Daftar SPSE",
    )


def test_a_training_request_is_cleaned_cut_and_refused_while_lat_is_closed():
    lat = _service("LAT", "L")
    assert check_training_request(lat, "  e-katalog   v6 ") == "e-katalog v6"
    assert len(check_training_request(lat, "y" * 400)) == 300
    with pytest.raises(ValidationError):
        check_training_request(lat, "   ")
    closed = replace(lat, is_open=False, closed_message="kuota penuh")
    with pytest.raises(Conflict, match="Layanan LAT sedang ditutup: kuota penuh"):
        check_training_request(closed, "e-katalog")


@pytest.mark.parametrize(
    ("code", "records", "activates", "applies", "event"),
    [
        ("REG", True, True, False, "akun_spse_diaktifkan"),
        ("UID", True, False, False, "user_id_diberikan"),
        ("UBAH", False, False, True, "perubahan_data_diterapkan"),
        ("VER", False, False, False, None),
    ],
)
def test_each_service_has_its_approval_effect(code, records, activates, applies, event):
    effect = approval_effect(code)
    assert (effect.records_user_id, effect.activates_account, effect.applies_changes) == (
        records,
        activates,
        applies,
    )
    assert effect.event == event


def test_the_user_id_an_approval_records():
    reg, uid = approval_effect("REG"), approval_effect("UID")
    assert approved_user_id(reg, None, "cvmaju01", service_code="REG") == "cvmaju01"
    assert approved_user_id(reg, "baru01", "cvmaju01", service_code="REG") == "baru01"
    with pytest.raises(ValidationError):
        approved_user_id(reg, None, None, service_code="REG")
    # The form's field cleared: said, not filled in with the vendor's in silence.
    with pytest.raises(ValidationError, match=r"yang diaktifkan \(data penyedia: cvmaju01\)"):
        approved_user_id(reg, "  ", "cvmaju01", service_code="REG")
    with pytest.raises(ValidationError):
        approved_user_id(uid, None, "cvmaju01", service_code="UID")
    assert approval_effect("UID").event_reason("baru01", []) == "User ID baru01"
    assert approval_effect("REG").event_reason("baru01", [], replaced="cvmaju01") == (
        "User ID baru01 (menggantikan cvmaju01)"
    )
    assert approval_effect("VER").event_reason(None, []) is None


def test_an_ubah_approval_names_the_changes_applied():
    change = CaseChange(
        id=1, case_id=7, field="email", new_value="b@x.id", old_value="a@x.id",
        requested_by=None, requested_at=datetime(2026, 3, 2, 9, tzinfo=WIB), applied_at=None,
    )  # fmt: skip
    assert approval_effect("UBAH").event_reason(None, [change]) == change.text


@pytest.mark.parametrize(
    "text", ["menunggu_verifikasi", "menunggu verifikasi", "  MENUNGGU_VERIFIKASI "]
)
def test_a_queue_status_is_read_from_its_code(text):
    assert parse_queue_status(text) is CaseStatus.AWAITING_REVIEW


def test_an_unknown_queue_status_lists_the_choices():
    with pytest.raises(ValidationError, match="tidak dikenal; pilih salah satu: .*dikembalikan"):
        parse_queue_status("entah")


def test_staff_account_fields():
    assert clean_name("  Siti   Rahma ") == "Siti Rahma"
    assert check_loket(None) is None and check_loket(99) == 99
    for bad in ("", "x" * 101, "Siti\x07"):
        with pytest.raises(ValidationError):
            clean_name(bad)
    with pytest.raises(ValidationError, match="Loket default harus angka 1–99"):
        check_loket(100)


def test_what_a_receipt_says_about_its_case():
    # The deadline has its own line on the receipt ("Paling lambat …"), not the next step.
    assert next_step("tanda_terima").startswith("Berkas lengkap dan diteruskan ke verifikator")
    assert "paling lambat" not in next_step("tanda_terima").lower()
    assert next_step("belum_lengkap").startswith("Berkas belum lengkap")
    assert receipt_notes(" Map biru ", sikap_given=True, sikap_note="") == (
        "Map biru\nPendampingan SIKaP diberikan."
    )
    assert receipt_notes(None, sikap_given=False, sikap_note=None) == ""
    assert bearer_shown("daring", bearer_name="Budi", director_name="Ani", vendor_name="CV") == ""
    assert bearer_shown("tatap_muka", bearer_name=None, director_name="Ani", vendor_name="CV") == (
        "Ani"
    )


def test_a_wib_day_runs_from_midnight_to_midnight():
    from datetime import date, timedelta

    from lpse_desk.domain.clock import wib_day

    start, end = wib_day(date(2026, 3, 2))
    assert start == datetime(2026, 3, 2, tzinfo=WIB) and end - start == timedelta(days=1)
    assert start.utcoffset() == timedelta(hours=7)


def test_every_day_starts_with_the_lokets_closed():
    from datetime import date

    from lpse_desk.domain.queue.rules import LoketStatus, loket_state_on

    opened = datetime(2026, 3, 2, 7, 55, tzinfo=WIB)
    today = loket_state_on(date(2026, 3, 2), 1, LoketStatus.OPEN, reason=None, staff_id=2,
                           since=opened)  # fmt: skip
    assert (today.status, today.staff_id) == (LoketStatus.OPEN, 2)
    tomorrow = loket_state_on(date(2026, 3, 3), 1, LoketStatus.OPEN, reason=None, staff_id=2,
                              since=opened)  # fmt: skip
    assert (tomorrow.status, tomorrow.staff_id, tomorrow.since) == (LoketStatus.CLOSED, None, None)


def test_the_kiosk_locks_after_five_wrong_pins_in_a_row():
    from datetime import timedelta

    from lpse_desk.domain.ikm.kiosk import (
        KIOSK_PIN_WRONG,
        KIOSK_UNLOCKED,
        UNLOCK_PAUSE,
        UNLOCK_TRIES,
        kiosk_locked_until,
    )

    start = datetime(2026, 3, 2, 9, tzinfo=WIB)
    wrong = [(KIOSK_PIN_WRONG, start + timedelta(seconds=10 * i)) for i in range(UNLOCK_TRIES)]
    newest_first = wrong[::-1]
    assert kiosk_locked_until(newest_first) == start + UNLOCK_PAUSE
    assert kiosk_locked_until(newest_first[:-1]) is None
    assert kiosk_locked_until([(KIOSK_UNLOCKED, start), *newest_first[:-1]]) is None


def test_a_user_id_other_than_the_vendors_is_cautioned_before_it_replaces_it():
    """REG and UID approvals write the user ID typed into the vendor's record: one that
    differs from the record is said before (the verifier may have mistyped it)."""
    from lpse_desk.domain.approval import Approval, user_id_replacing

    said = user_id_replacing(Approval.ACTIVATE_ACCOUNT, " cvmaju02 ", "cvmaju01")
    assert said == (
        "User ID cvmaju02 berbeda dari data penyedia (cvmaju01): bila disetujui, data "
        "penyedia diganti menjadi cvmaju02."
    )
    assert user_id_replacing(Approval.GIVE_USER_ID, "cvmaju02", "cvmaju01") is not None
    assert user_id_replacing(Approval.ACTIVATE_ACCOUNT, "cvmaju01", "cvmaju01") is None
    assert user_id_replacing(Approval.ACTIVATE_ACCOUNT, "cvmaju02", None) is None  # none on record
    assert user_id_replacing(Approval.ACTIVATE_ACCOUNT, "  ", "cvmaju01") is None  # refused anyway
    assert user_id_replacing(Approval.CONFIRM, "x", "cvmaju01") is None
    # One the store refuses ("sinar pakuan"): its refusal comes first, not a caution.
    assert user_id_replacing(Approval.ACTIVATE_ACCOUNT, "sinar pakuan", "cvmaju01") is None
