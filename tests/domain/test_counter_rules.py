"""Rules of the work at a loket and of approving a case, as tables."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from lpse_desk.catalog import load_catalog
from lpse_desk.domain.approval import Approval, approval_of, records_changes, user_id_to_offer
from lpse_desk.domain.counter import (
    INTAKE_SERVICES,
    Intake,
    consultation_minutes,
    intake_for,
    serving_late,
    serving_standard,
)
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.review import REVIEWED_SERVICES

CATALOG = load_catalog()


def _service(code: str, *, is_open: bool = True):
    return dataclasses.replace(CATALOG.services[code], is_open=is_open)


@pytest.mark.parametrize(
    ("code", "is_open", "has_case", "expected"),
    [
        ("KONS", True, False, Intake.CONSULTATION),
        ("KONS", False, False, Intake.CONSULTATION),  # recorded even while marked closed
        ("LAT", True, False, Intake.TRAINING),
        ("LAT", False, False, Intake.CLOSED),
        ("REG", False, True, Intake.CLOSED),
        ("REG", True, True, Intake.CHECKLIST),
        ("UBAH", True, False, Intake.START),
        ("UID", True, False, Intake.START),
    ],
)
def test_what_taking_in_the_file_opens(code, is_open, has_case, expected):
    assert intake_for(code, _service(code, is_open=is_open), has_case=has_case) is expected


def test_a_service_the_catalog_no_longer_lists_is_taken_in():
    assert intake_for("LAMA", None, has_case=False) is Intake.START


@pytest.mark.parametrize(
    ("typed", "minutes"), [("", 0), ("  ", 0), ("10", 10), (" 45 ", 45), ("9999", 9999)]
)
def test_consultation_minutes_that_read(typed, minutes):
    assert consultation_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["sepuluh", "-5", "1.5", "²", "10000", "1" * 5000])
def test_consultation_minutes_that_do_not(typed):
    with pytest.raises(ValidationError, match="angka menit") as refused:
        consultation_minutes(typed)
    assert refused.value.field == "lama"


def test_serving_is_late_only_past_the_services_standard():
    service = _service("REG")
    standard = timedelta(minutes=service.counter_minutes)
    assert serving_standard(service) == standard
    assert not serving_late(standard, service)
    assert serving_late(standard + timedelta(seconds=1), service)
    assert serving_standard(None) == timedelta(minutes=15)


def test_the_intake_services_are_the_reviewed_ones():
    assert set(INTAKE_SERVICES) == REVIEWED_SERVICES
    assert all(code in CATALOG.services for code in INTAKE_SERVICES)


@pytest.mark.parametrize(
    ("code", "approval", "changes"),
    [
        ("UBAH", Approval.APPLY_CHANGES, True),
        ("REG", Approval.ACTIVATE_ACCOUNT, False),
        ("UID", Approval.GIVE_USER_ID, False),
    ],
)
def test_what_approving_does_per_service(code, approval, changes):
    assert approval_of(code) is approval
    assert records_changes(code) is changes


@pytest.mark.parametrize(
    ("approval", "known", "offered"),
    [
        (Approval.ACTIVATE_ACCOUNT, "sinarpakuan", "sinarpakuan"),
        (Approval.ACTIVATE_ACCOUNT, None, ""),
        (Approval.GIVE_USER_ID, "sinarpakuan", ""),  # UID: the verifier writes the new one
        (Approval.APPLY_CHANGES, "sinarpakuan", ""),
    ],
)
def test_the_user_id_the_approval_form_starts_with(approval, known, offered):
    assert user_id_to_offer(approval, known) == offered


def test_the_screen_asks_what_the_store_does_on_approval():
    """One table: what the verifier is asked follows what the store's approval changes."""
    from lpse_desk.domain.approval import approval_effect

    for code in (*CATALOG.services, "XYZ"):
        effect, approval = approval_effect(code), approval_of(code)
        assert (approval is Approval.APPLY_CHANGES) == effect.applies_changes
        assert (approval is Approval.ACTIVATE_ACCOUNT) == effect.activates_account
        assert (approval is Approval.GIVE_USER_ID) == effect.user_id_required
    assert approval_of("KONS") is Approval.CONFIRM  # closes the case, changes nothing else
