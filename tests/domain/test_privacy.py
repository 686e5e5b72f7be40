"""Masking of NIK and personal NPWP (UU 27/2022): the shapes, and odd input that must not crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lpse_desk.domain.privacy import (
    is_personal_npwp,
    mask_digit_runs,
    mask_logged_text,
    mask_nik,
    mask_npwp,
)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("3271011708450001", "3271********0001"),
        ("3271 0117 0845 0001", "3271********0001"),
        (" 3271.0117.0845.0001 ", "3271********0001"),
        ("327101170845", "32********45"),
        ("1234567", "*******"),
        ("", ""),
        ("abc", "***"),
        ("١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦", "١٢٣٤********٣٤٥٦"),
    ],
)
def test_mask_nik(value: str, masked: str) -> None:
    assert mask_nik(value) == masked


def test_mask_nik_tolerates_a_missing_value() -> None:
    assert mask_nik(None) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "personal"),
    [
        ("3271011708450001", True),  # a NIK used as NPWP
        ("01.312.166.0-091.000", False),
        ("0013121660091000", False),
        ("02.123.456.7-091.000", False),
        ("03.123.456.7-091.000", False),
        ("04.123.456.7-091.000", True),
        ("05.123.456.7-091.000", True),
        ("09.123.456.7-091.000", True),
        ("0091234567091000", True),
        ("41.123.456.7-091.000", True),  # type code of unknown meaning: mask
        ("00.123.456.7-091.000", True),
        ("0131", True),
        ("not a number", True),
        ("", True),
    ],
)
def test_is_personal_npwp(value: str, personal: bool) -> None:
    assert is_personal_npwp(value) is personal


@pytest.mark.parametrize(
    ("value", "personal", "shown"),
    [
        ("013121660091000", None, "01.312.166.0-091.000"),
        ("01.312.166.0-091.000", None, "01.312.166.0-091.000"),
        ("0013121660091000", None, "0013 1216 6009 1000"),
        ("3271011708450001", None, "3271********0001"),
        ("071234564407000", None, "07.***.***.*-**7.000"),
        ("0071234564407000", None, "0071********7000"),
        ("013121660091000", True, "01.***.***.*-**1.000"),
        ("3271011708450001", False, "3271 0117 0845 0001"),
        ("abc", None, "***"),
        ("", None, ""),
    ],
)
def test_mask_npwp(value: str, personal: bool | None, shown: str) -> None:
    assert mask_npwp(value, personal=personal) == shown


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.from_regex(r"\A[0-9 .-]{8,24}\Z")))
def test_masking_never_crashes_nor_shows_a_whole_personal_number(value: str) -> None:
    masked_nik = mask_nik(value)
    masked_npwp = mask_npwp(value)
    compact = "".join(char for char in value.strip() if char not in " .-")
    if len(compact) >= 8 and compact.isascii() and compact.isdigit():
        assert compact not in masked_nik
        if is_personal_npwp(value):
            assert compact not in "".join(char for char in masked_npwp if char not in " .-")


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"\A[0-9]{16}\Z"))
def test_a_masked_nik_keeps_exactly_four_and_four(nik: str) -> None:
    masked = mask_nik(nik)
    assert masked == nik[:4] + "*" * 8 + nik[-4:]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Hubungi 0812-3456-7890 ya", "Hubungi 08********90 ya"),
        ("NIK saya 3271011708450001", "NIK saya 3271********0001"),
        ("NPWP 01.312.166.0-091.000", "NPWP 01***********00"),
        ("antre 45 menit di loket 2 tahun 2026", "antre 45 menit di loket 2 tahun 2026"),
        ("nomor 1234567", "nomor 1234567"),  # seven digits: not an identifier
    ],
)
def test_numbers_in_free_text_are_masked(text, shown):
    assert mask_digit_runs(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("NIK saya 3271011708450001", "NIK saya 3271********0001"),
        ("NPWP 01.312.166.0-091.000", "NPWP 01***********00"),
        ("Hubungi 0812-3456-7890 ya", "Hubungi 08********90 ya"),
        # Dates, times and request numbers in notes and event reasons stay readable.
        ("Rabu, 10 Juni 2026 09.30 via Zoom", "Rabu, 10 Juni 2026 09.30 via Zoom"),
        ("HD-2026-0042", "HD-2026-0042"),
        # An MPP booking code is read whole; a phone beside it is not.
        ("check-in MPP-261207-000123 08123456789", "check-in MPP-261207-000123 08*******89"),
        # Only the code's own shape: a NIK or a phone dressed as a code is still masked.
        ("MPP-3271012345670001", "MPP-3271********0001"),
        ("kode MPP-261207-0001-081234567890", "kode MPP-2612**************7890"),
        (None, ""),
    ],
)
def test_logged_text_masks_identifiers_and_phones_only(text, shown):
    assert mask_logged_text(text) == shown
