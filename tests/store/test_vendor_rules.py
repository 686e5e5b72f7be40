"""One vendor per NPWP, NIB and SPSE user ID; name, NPWP and email changed only through UBAH.

Against a migrated SQLite file, through ``VendorDesk`` as the screens call it. Every refusal
names the field and the vendor that holds it, and leaves the store as it was.
"""

from __future__ import annotations

import re

import pytest
from sqlmodel import func, select

from lpse_desk.demo import company_npwp
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import Conflict, PermissionDenied
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft, npwp_neighbours, same_name
from lpse_desk.store import db
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.services.vendors import VendorDesk
from lpse_desk.store.tables.desk import StaffRow
from lpse_desk.store.tables.vendors import VendorRow

NIB = "9120301000001"
ONLY_UBAH = re.escape("hanya dapat diubah lewat layanan UBAH (perubahan data) yang diverifikasi")


@pytest.fixture
def desk(engine, clock) -> VendorDesk:
    return VendorDesk(engine, clock)


def _account(engine, clock, name: str, role: Role, pin: str) -> StaffMember:
    with db.write_session(engine) as session:
        return staff_store.create(
            session=session, name=name, role=role, pin=pin, actor="uji", now=clock.now()
        )


@pytest.fixture
def admin(engine, clock) -> StaffMember:
    return _account(engine, clock, "Ratna Sari", Role.ADMIN, "9753")


@pytest.fixture
def dewi(engine, clock) -> StaffMember:
    """A counter officer (petugas loket)."""
    return _account(engine, clock, "Dewi Lestari", Role.PETUGAS, "2468")


def _draft(name: str, serial: int, **fields) -> VendorDraft:
    return VendorDraft(**{"legal_form": "PT", "name": name, "npwp": company_npwp(serial), **fields})


def _sinar(**changes) -> VendorDraft:
    """PT Sinar Pakuan as stored by the ``sinar`` fixture, with ``changes``."""
    fields = {"nib": NIB, "spse_user_id": "SinarPakuan", "email": "a@sinar.co.id", **changes}
    return _draft(fields.pop("name", "PT Sinar Pakuan"), 101, **fields)


@pytest.fixture
def sinar(desk, dewi):
    vendor, _ = desk.create(dewi, _sinar())
    return vendor


def _vendor_count(engine) -> int:
    with db.read_session(engine) as session:
        return session.exec(select(func.count()).select_from(VendorRow)).one()


def _one_digit_off(npwp: str, index: int = 5) -> str:
    return npwp[:index] + str((int(npwp[index]) + 1) % 10) + npwp[index + 1 :]


# --- one vendor per identifier -------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"nib": NIB}, f"NIB {NIB} sudah terdaftar atas nama 'PT Sinar Pakuan' (#1)"),
        (
            {"spse_user_id": "SINARPAKUAN"},
            "User ID SPSE 'SINARPAKUAN' sudah terdaftar atas nama 'PT Sinar Pakuan' (#1)",
        ),
    ],
)
def test_a_second_vendor_with_the_same_nib_or_user_id_is_refused_naming_the_first(
    desk, engine, dewi, sinar, fields, message
):
    draft = _draft("PT Baru Sekali", 301, **fields)
    expected = f"{message}; cari dan pilih penyedia itu"
    with pytest.raises(Conflict) as checked:
        desk.check(draft)
    assert str(checked.value) == expected
    with pytest.raises(Conflict) as saved:
        desk.create(dewi, draft)
    assert str(saved.value) == expected
    assert _vendor_count(engine) == 1
    assert desk.search("Baru Sekali") == []


def test_moving_a_nib_or_user_id_onto_another_vendor_is_refused_and_changes_nothing(
    desk, dewi, sinar
):
    other, _ = desk.create(dewi, _draft("CV Sinar Abadi", 102))
    for fields, field in (({"nib": NIB}, "NIB"), ({"spse_user_id": "sinarpakuan"}, "User ID")):
        moved = _draft("CV Sinar Abadi", 102, **fields)
        with pytest.raises(Conflict, match=rf"^{field} .* atas nama 'PT Sinar Pakuan' \(#1\)"):
            desk.check(moved, other.id, dewi)
        with pytest.raises(Conflict, match=rf"^{field} .* atas nama 'PT Sinar Pakuan' \(#1\)"):
            desk.update(dewi, other.id, moved)
    assert desk.get(other.id) == other
    assert len(desk.history(other.id)) == 1
    # Its own NIB and user ID, in another case, are no conflict when it is edited.
    own = _sinar(spse_user_id="SINARPAKUAN")
    assert desk.check(own, sinar.id, dewi) == ()
    assert desk.update(dewi, sinar.id, own)[0].spse_user_id == "SINARPAKUAN"


def test_a_duplicate_stored_before_the_rule_does_not_block_other_corrections(
    desk, engine, clock, dewi, sinar
):
    with db.write_session(engine) as session:  # an older record, written before the rule
        row = VendorRow(legal_form="CV", name="CV Lama", npwp=company_npwp(103), nib=NIB,
                        created_at=clock.now(), updated_at=clock.now())  # fmt: skip
        session.add(row)
        session.flush()
        old_id = row.id
    changed, _ = desk.update(dewi, old_id, _draft("CV Lama", 103, legal_form="CV", nib=NIB,
                                                   phone="081234567890"))  # fmt: skip
    assert (changed.nib, changed.phone) == (NIB, "081234567890")


def test_an_npwp_one_digit_off_a_vendor_of_the_same_name_is_a_warning(desk, dewi):
    stored, _ = desk.create(dewi, _draft("PT Maju Jaya", 501))
    typo = _one_digit_off(stored.npwp)
    same = VendorDraft("CV", "CV. Maju  Jaya", npwp=typo)  # same name, folded
    warnings = desk.check(same)
    (near,) = [w for w in warnings if "beda satu digit" in w]
    assert near.startswith(f"NPWP {stored.npwp[:4]} ") and "'PT Maju Jaya' (#1)" in near
    # A warning, not a refusal: saved once the officer confirms, with the warning kept.
    created, accepted = desk.create(dewi, same)
    assert near in accepted and created.npwp == typo
    # Another name with an NPWP one digit off is an ordinary new vendor.
    other = VendorDraft("PT", "PT Maju Jaya Abadi", npwp=_one_digit_off(stored.npwp, 6))
    assert not [w for w in desk.check(other) if "beda satu digit" in w]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("PT Maju Jaya", "maju jaya", True),
        ("P.T. Maju Jaya", "CV Maju Jaya", True),
        ("Zoë Łukasiewicz", "ZOE LUKASIEWICZ", True),
        ("PT Maju Jaya", "PT Maju Jaya Abadi", False),
        ("PT", "CV", False),
    ],
)
def test_same_name_folds_case_accents_punctuation_and_legal_form(first, second, same):
    assert same_name(first, second) is same


def test_npwp_neighbours_are_every_one_digit_change():
    neighbours = npwp_neighbours("0013121660091000")
    assert len(neighbours) == 16 * 9 == len(set(neighbours))
    assert "0013121660091000" not in neighbours and "0013121660091001" in neighbours


# --- the verified fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({"name": "PT Sinar Pakuan Jaya"}, "Nama penyedia"),
        ({"npwp": company_npwp(909)}, "NPWP"),
        ({"email": "baru@sinar.co.id"}, "Email"),
    ],
)
def test_a_counter_officer_may_not_change_name_npwp_or_email(desk, dewi, sinar, fields, label):
    draft = _sinar(**fields)
    for who in (dewi, "cli:uji"):
        with pytest.raises(PermissionDenied, match=f"^{label} {ONLY_UBAH}"):
            desk.check(draft, sinar.id, who)
    with pytest.raises(PermissionDenied, match=f"^{label} {ONLY_UBAH}"):
        desk.update(dewi, sinar.id, draft)
    with pytest.raises(PermissionDenied, match="^Hanya staf yang sudah masuk"):
        desk.update("cli:uji", sinar.id, draft)  # a plain string changes no vendor at all
    assert desk.get(sinar.id) == sinar
    assert len(desk.history(sinar.id)) == 1


def test_a_counter_officer_may_still_correct_the_other_fields(desk, dewi, sinar):
    draft = _sinar(name=" PT  Sinar  Pakuan", spse_user_id="sinar.pakuan", phone="0251123456")
    changed, _ = desk.update(dewi, sinar.id, draft)
    assert (changed.name, changed.email) == (sinar.name, sinar.email)  # unchanged once cleaned
    assert (changed.spse_user_id, changed.phone) == ("sinar.pakuan", "0251123456")


def test_a_counter_officer_may_record_an_email_that_was_never_there(desk, dewi):
    vendor, _ = desk.create(dewi, _draft("PT Tanpa Surel", 131))
    assert vendor.email is None
    filled, _ = desk.update(dewi, vendor.id, _draft("PT Tanpa Surel", 131, email="a@tanpa.id"))
    assert filled.email == "a@tanpa.id"  # recorded, not a change of verified data
    with pytest.raises(PermissionDenied, match=f"^Email {ONLY_UBAH}"):
        desk.update(dewi, vendor.id, _draft("PT Tanpa Surel", 131, email="b@tanpa.id"))
    with pytest.raises(PermissionDenied, match=f"^Email {ONLY_UBAH}"):
        desk.update(dewi, vendor.id, _draft("PT Tanpa Surel", 131))  # nor removed


def test_an_admin_may_change_them_and_the_account_is_read_as_stored_now(desk, engine, admin, sinar):
    renamed = _sinar(name="PT Sinar Pakuan Jaya", email="baru@sinar.co.id")
    changed, _ = desk.update(admin, sinar.id, renamed)
    assert (changed.name, changed.email) == ("PT Sinar Pakuan Jaya", "baru@sinar.co.id")

    with db.write_session(engine) as session:  # demoted while still signed in
        row = session.get(StaffRow, admin.id)
        row.role = Role.PETUGAS.value
        session.add(row)
    back = _sinar(email="baru@sinar.co.id")
    with pytest.raises(PermissionDenied, match=f"^Nama penyedia {ONLY_UBAH}"):
        desk.update(admin, sinar.id, back)  # the object still says admin
    assert desk.get(sinar.id) == changed
