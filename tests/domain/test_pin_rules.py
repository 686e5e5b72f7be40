"""PIN rules: the obvious guesses are refused with a reason, the rest accepted."""

from __future__ import annotations

import pytest

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.security import (
    check_pin_rules,
    hash_pin,
    needs_rehash,
    rehash_pin,
    verify_pin,
)


@pytest.mark.parametrize(
    ("pin", "problem"),
    [
        ("1234", "berurutan"),
        ("9876", "berurutan"),
        ("012345", "berurutan"),
        ("456789", "berurutan"),
        ("7890", "berurutan"),  # 0 follows 9, as on the keyboard's number row
        ("8901", "berurutan"),
        ("3210", "berurutan"),
        ("1098", "berurutan"),
        ("1212", "pola yang diulang"),
        ("121212", "pola yang diulang"),
        ("12121", "pola yang diulang"),
        ("907907", "pola yang diulang"),
        ("5555", "satu angka yang diulang"),
        ("000000", "satu angka yang diulang"),
        ("1987", "tahun"),
        ("2001", "tahun"),
        ("1900", "tahun"),
        ("2099", "tahun"),
    ],
)
def test_obvious_pins_are_refused_with_the_reason(pin, problem):
    with pytest.raises(ValidationError, match=problem) as refused:
        check_pin_rules(pin)
    assert refused.value.field == "pin"


@pytest.mark.parametrize(
    "pin", ["2468", "9753", "1357", "8642", "5827", "1235", "2100", "1800", "198705", "200012"]
)
def test_other_pins_are_accepted(pin):
    # step-2 runs (2468) stay allowed: the demo accounts use them; years only at 4 digits
    assert check_pin_rules(pin) == pin


def test_an_admin_may_require_six_digits():
    with pytest.raises(ValidationError, match="PIN harus 6–12 angka; terisi 4 angka"):
        check_pin_rules("5827", min_length=6)
    with pytest.raises(ValidationError, match="PIN harus 6–12 angka; terisi 5 angka"):
        hash_pin("58271", min_length=6)
    assert check_pin_rules("582714", min_length=6) == "582714"
    with pytest.raises(ValidationError, match="PIN harus 4–12 angka; terisi 3 angka"):
        check_pin_rules("582")


def test_an_old_cost_hash_needs_rehashing_and_a_new_one_does_not():
    old = "scrypt$16384$8$1$c2FsdA==$ZGlnZXN0"
    assert needs_rehash(old)
    assert needs_rehash("bcrypt$whatever")
    fresh = hash_pin("5827")
    assert not needs_rehash(fresh)
    assert verify_pin("5827", fresh) and not verify_pin("5828", fresh)
    # a PIN that breaks today's rules can still be rehashed after it was verified
    kept = rehash_pin("1234")
    assert verify_pin("1234", kept) and not needs_rehash(kept)


def test_the_desk_hashes_at_its_real_cost(monkeypatch):
    """The suite hashes at a token cost (tests/conftest.py); the desk itself at N=2**14, r=12."""
    from lpse_desk.domain import security
    from tests.conftest import REAL_PIN_COST

    assert REAL_PIN_COST == {"n": 2**14, "r": 12, "p": 1}  # as README "PIN" states
    monkeypatch.setattr(security, "_N", REAL_PIN_COST["n"])
    monkeypatch.setattr(security, "_R", REAL_PIN_COST["r"])
    stored = hash_pin("5827")
    assert stored.startswith("scrypt$16384$12$1$") and not needs_rehash(stored)
    assert verify_pin("5827", stored) and not verify_pin("5828", stored)
    assert needs_rehash(stored.replace("$12$", "$8$", 1))  # an older cost is upgraded
