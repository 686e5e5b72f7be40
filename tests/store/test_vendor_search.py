"""Finding, registering and correcting vendors, against a migrated SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlmodel import func, select

from lpse_desk.demo import company_npwp
from lpse_desk.domain.entities import LegalForm, StaffMember
from lpse_desk.domain.errors import Conflict, NotFound, ValidationError
from lpse_desk.domain.roles import Role
from lpse_desk.domain.vendors import VendorDraft
from lpse_desk.store import db
from lpse_desk.store.queries import staff as staff_store
from lpse_desk.store.queries import vendors
from lpse_desk.store.services.vendors import VendorDesk
from lpse_desk.store.tables.vendors import VendorRow
from tests.store.actors import P, seed

NPWP_15 = "01.312.166.0-091.000"
NPWP_16 = "0013121660091000"
NIK_BOGOR = "3271011708450001"
NIK_WOMAN = "3271015708450001"


@pytest.fixture
def _actors(engine, clock):
    """The staff accounts the tests act as (the desk checks each one's role)."""
    seed(engine, clock)


@pytest.fixture
def desk(engine, clock, _actors) -> VendorDesk:
    return VendorDesk(engine, clock)


@pytest.fixture
def admin(engine, clock) -> StaffMember:
    """An admin account: the one role that may change a vendor's name, NPWP or email here."""
    with db.write_session(engine) as session:
        return staff_store.create(
            session=session, name="Ratna", role=Role.ADMIN, pin="9753", actor="uji", now=clock.now()
        )


def _draft(name: str, serial: int, **fields) -> VendorDraft:
    form = name.split()[0] if name.split()[0] in ("PT", "CV") else "PT"
    values = {"legal_form": form, "name": name, "npwp": company_npwp(serial), **fields}
    return VendorDraft(**values)


def _add(desk: VendorDesk, name: str, serial: int, **fields):
    vendor, _warnings = desk.create(P, _draft(name, serial, **fields))
    return vendor


def _names(found) -> list[str]:
    return [vendor.name for vendor in found]


@pytest.fixture
def several(desk):
    """A handful of vendors whose names share words."""
    return {
        "sinar": _add(
            desk,
            "PT Sinar Pakuan Konstruksi",
            101,
            nib="9120301000001",
            spse_user_id="SinarPakuan",
        ),
        "sinar_abadi": _add(desk, "CV Sinar Abadi", 102, spse_user_id="sinarabadi"),
        "cahaya": _add(desk, "PT Cahaya Sinar Utama", 103, spse_user_id="cahayasinar"),
        "sinarmas": _add(desk, "PT Sinarmas Pakuan", 104),
        "zoe": _add(desk, "CV Zoë Łukasiewicz-Nguyễn", 105, nib="9120301000002"),
        "kujang": _add(desk, "Koperasi Kujang Mandiri", 106, legal_form="koperasi"),
    }


# --- identifiers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [NPWP_16, "0013 1216 6009 1000", "0013.1216.6009.1000", NPWP_15, "013121660091000"],
)
def test_an_npwp_in_either_form_finds_its_vendor(desk, several, typed):
    tirta = _add(desk, "PT Tirta Sadane", 0, npwp=NPWP_15)
    assert desk.search(typed) == [tirta]


def test_a_returning_vendor_with_a_15_digit_npwp_is_found_and_not_registered_again(desk, engine):
    first, warnings = desk.create(P, _draft("PT Sinar Pakuan", 0, npwp=NPWP_15))
    assert first.npwp == NPWP_16
    assert any("15 digit" in warning for warning in warnings)
    # Months later the director comes back with the old card.
    assert desk.search(NPWP_15) == [first]
    again = _draft("PT Sinar Pakuan Baru", 0, npwp=NPWP_15)
    with pytest.raises(Conflict, match=r"'PT Sinar Pakuan' \(#\d+\)"):
        desk.check(again)
    with pytest.raises(Conflict, match="PT Sinar Pakuan"):
        desk.create(P, again)
    with pytest.raises(Conflict, match="PT Sinar Pakuan"):
        desk.create(P, _draft("PT Lain", 0, npwp=NPWP_16))
    with db.read_session(engine) as session:
        assert session.exec(select(func.count()).select_from(VendorRow)).one() == 1


def test_a_nib_finds_its_vendor(desk, several):
    assert desk.search("9120301000002") == [several["zoe"]]
    assert desk.search("9120301000003") == []


def test_a_number_being_typed_finds_npwps_and_nibs_that_start_with_it(desk, several):
    npwp = several["sinar"].npwp
    assert desk.search(npwp[:9]) == [several["sinar"]]
    # Typing the legacy 15 digits: the stored form has a leading 0.
    assert desk.search(npwp[1:9]) == [several["sinar"]]
    assert len(desk.search(npwp[:8])) == len(several)
    assert set(_names(desk.search("912030100000"))) == {
        "PT Sinar Pakuan Konstruksi",
        "CV Zoë Łukasiewicz-Nguyễn",
    }


def test_a_user_id_is_found_by_its_start_whatever_the_case(desk, several):
    assert desk.search("SINARPAK") == [several["sinar"]]
    assert desk.search("sinarpakuan") == [several["sinar"]]
    assert desk.search("cahayas") == [several["cahaya"]]
    with db.read_session(desk.engine) as session:
        assert vendors.by_user_id(session=session, user_id=" SINARPAKUAN ") == several["sinar"]
        assert vendors.by_nib(session=session, nib="9120301000001") == [several["sinar"]]


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sinar pak", ["PT Sinar Pakuan Konstruksi", "PT Sinarmas Pakuan"]),
        ("pak sinar", ["PT Sinar Pakuan Konstruksi", "PT Sinarmas Pakuan"]),
        ("SINAR   PAKUAN konst", ["PT Sinar Pakuan Konstruksi"]),
        ("konstruksi", ["PT Sinar Pakuan Konstruksi"]),
        ("utama cahaya", ["PT Cahaya Sinar Utama"]),
        ("zoe", ["CV Zoë Łukasiewicz-Nguyễn"]),
        ("lukasiewicz nguyen", ["CV Zoë Łukasiewicz-Nguyễn"]),
        ("ZOË", ["CV Zoë Łukasiewicz-Nguyễn"]),
        ("pt sinar pak", ["PT Sinar Pakuan Konstruksi", "PT Sinarmas Pakuan"]),
        ("cv sinar", ["CV Sinar Abadi"]),
        ("koperasi", ["Koperasi Kujang Mandiri"]),
        ("kujang koperasi", ["Koperasi Kujang Mandiri"]),
        ("inar", []),
        ("sinar zzz", []),
    ],
)
def test_names_are_found_by_word_starts_in_any_order(desk, several, typed, expected):
    assert sorted(_names(desk.search(typed))) == sorted(expected)


def test_ranking_puts_name_starts_first_and_ignores_legal_forms(desk, several):
    found = _names(desk.search("sinar"))
    assert found == [
        # Names starting with "sinar", alphabetically by the words after the legal form.
        "CV Sinar Abadi",
        "PT Sinar Pakuan Konstruksi",
        "PT Sinarmas Pakuan",
        # Then a name where "sinar" comes later.
        "PT Cahaya Sinar Utama",
    ]
    # A legal-form word does not count as the start of the name, but alone it is searched.
    assert _names(desk.search("sinar pt")) == [
        "PT Sinar Pakuan Konstruksi",
        "PT Sinarmas Pakuan",
        "PT Cahaya Sinar Utama",
    ]
    assert {v.legal_form for v in desk.search("pt")} == {LegalForm.PT}
    # An exact user ID comes before names.
    assert _names(desk.search("cahayasinar")) == ["PT Cahaya Sinar Utama"]


def test_limit_and_blank_text(desk, several):
    assert len(desk.search("sinar", limit=2)) == 2
    assert desk.search("   ") == []
    assert desk.search("") == []


@pytest.mark.sqlite_only
def test_searches_use_indexes_and_never_scan_the_vendor_table(desk, several, engine):
    plans: list[str] = []

    def explain(conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "vendor" in statement:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            plans.append(" | ".join(row[-1] for row in plan))

    event.listen(engine, "before_cursor_execute", explain)
    try:
        for typed in (
            "sinar pak",
            "pak sinar",
            "zoe",
            "sinarpak",
            NPWP_15,
            "9120301000001",
            "912030",
        ):
            desk.search(typed)
    finally:
        event.remove(engine, "before_cursor_execute", explain)
    assert plans
    scans = [plan for plan in plans if "SCAN" in plan]
    assert scans == []


# --- changes ------------------------------------------------------------------------------


def test_an_update_is_logged_field_by_field_with_personal_numbers_masked(
    desk, engine, clock, admin
):
    vendor = desk.create(
        P,
        VendorDraft(
            legal_form="perorangan",
            name="Toko Berkah Jaya",
            npwp=NIK_BOGOR,
            director_name="Siti Nurhaliza",
            director_nik=NIK_BOGOR,
        ),
    )[0]
    changed, _ = desk.update(
        admin,
        vendor.id,
        VendorDraft(
            legal_form="perorangan",
            name="Toko Berkah Jaya Abadi",
            npwp=NIK_WOMAN,
            spse_user_id="berkahjaya",
            director_name="Siti Nurhaliza",
            director_nik=NIK_WOMAN,
        ),
    )
    assert (changed.name, changed.npwp, changed.director_nik) == (
        "Toko Berkah Jaya Abadi",
        NIK_WOMAN,
        NIK_WOMAN,
    )
    history = desk.history(vendor.id)
    assert [e.action for e in history] == ["penyedia_didaftarkan"] + ["penyedia_diubah"] * 4
    reasons = [e.reason for e in history[1:]]
    assert reasons == [
        "Nama penyedia: Toko Berkah Jaya → Toko Berkah Jaya Abadi",
        "NPWP: 3271********0001 → 3271********0001",
        "User ID SPSE: (kosong) → berkahjaya",
        "NIK direktur/pemilik: 3271********0001 → 3271********0001",
    ]
    assert {e.actor for e in history[1:]} == {f"Ratna (#{admin.id})"}
    assert all(NIK_BOGOR not in r and NIK_WOMAN not in r for r in reasons)
    # The search keys followed the new name and user ID.
    assert desk.search("abadi berkah") == [changed]
    assert desk.search("berkahj") == [changed]


def test_a_company_npwp_change_is_logged_in_full(desk, admin):
    vendor = _add(desk, "PT Hujan Emas", 201)
    desk.update(admin, vendor.id, _draft("PT Hujan Emas", 202))
    (changed,) = desk.history(vendor.id)[1:]
    old, new = company_npwp(201), company_npwp(202)
    assert changed.reason == (
        f"NPWP: {old[:4]} {old[4:8]} {old[8:12]} {old[12:]} → "
        f"{new[:4]} {new[4:8]} {new[8:12]} {new[12:]}"
    )


def test_an_update_to_another_vendors_npwp_is_refused_naming_it(desk, several, admin):
    taken = several["cahaya"].npwp
    moved = _draft("PT Sinar Pakuan Konstruksi", 0, npwp=taken)
    with pytest.raises(Conflict, match="PT Cahaya Sinar Utama"):
        desk.check(moved, several["sinar"].id)
    with pytest.raises(Conflict, match=r"'PT Cahaya Sinar Utama' \(#\d+\)"):
        desk.update(admin, several["sinar"].id, moved)
    assert desk.get(several["sinar"].id) == several["sinar"]
    # The vendor's own NPWP is no conflict.
    assert desk.check(_draft("PT Sinar Pakuan Konstruksi", 101), several["sinar"].id) == ()


def test_an_unchanged_update_writes_nothing(desk, engine):
    vendor = _add(desk, "PT Hujan Emas", 201)
    assert desk.update(P, vendor.id, _draft("PT Hujan Emas", 201)) == (vendor, ())
    assert len(desk.history(vendor.id)) == 1


def test_unknown_vendor_and_invalid_drafts_are_refused(desk):
    with pytest.raises(NotFound, match="#99"):
        desk.update(P, 99, _draft("PT Hujan Emas", 201))
    with pytest.raises(NotFound, match="#99"):
        desk.get(99)
    with pytest.raises(ValidationError) as raised:
        desk.create(P, _draft("PT Hujan Emas", 201, npwp="01.312.166"))
    assert raised.value.field == "npwp"


# --- migration ----------------------------------------------------------------------------


def test_upgrading_to_0004_fills_the_search_keys_of_existing_vendors(db_url, clock):
    store_engine = db.make_engine(db_url)
    try:
        db.upgrade(store_engine, "0003")
        with store_engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO vendor (id, legal_form, name, npwp, spse_user_id, "
                    "created_at, updated_at) VALUES (5, 'CV', 'CV Zoë Abadi', :npwp, "
                    "'ZoeAbadi', '2026-06-10 02:00:00', '2026-06-10 02:00:00')"
                ),
                {"npwp": NPWP_16},
            )
        db.upgrade(store_engine)
        desk = VendorDesk(store_engine, clock)
        (found,) = desk.search("abadi zoe")
        assert (found.id, found.legal_form) == (5, LegalForm.CV)
        assert desk.search("zoeab") == [found]
        assert desk.search(NPWP_15) == [found]
        db.downgrade(store_engine, "0003")
        db.upgrade(store_engine)
        assert desk.search("zoe") == [found]
    finally:
        store_engine.dispose()


def test_search_words_fold_case_accents_initials_and_punctuation():
    assert vendors.search_words("P.T. SINAR-JAYA") == ["pt", "sinar", "jaya"]
    assert vendors.search_words("Zoë Łukasiewicz-Nguyễn") == ["zoe", "lukasiewicz", "nguyen"]
    assert vendors.search_words("Toko Ma'ruf & Co.") == ["toko", "maruf", "co"]
    keys = vendors.search_keys(name="PT Sinar Pakuan", legal_form="PT", spse_user_id=" AbC ")
    assert keys == {
        "name_key_1": "sinar pakuan pt",
        "name_key_2": "pakuan pt sinar",
        "name_key_3": "pt sinar pakuan",
        "name_key_4": None,
        "name_key_5": None,
        "name_key_6": None,
        "user_id_key": "abc",
    }
