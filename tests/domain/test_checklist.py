"""The checklist rule: which documents a visit needs, for the shipped catalog and by hand."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from lpse_desk.catalog import load_catalog
from lpse_desk.domain import catalog as domain
from lpse_desk.domain.catalog import (
    CONDITIONS,
    PROCEDURES,
    VENDOR_TYPE_LABELS,
    VENDOR_TYPES,
    Catalog,
    ChecklistFacts,
    Requirement,
    Service,
    build_checklist,
    condition_holds,
    parse_vendor_type,
)
from lpse_desk.domain.errors import NotFound, ValidationError
from lpse_desk.paths import shipped_data_dir

REG_SIKAP_BADAN_USAHA = (
    "izin_usaha",
    "akta_perusahaan",
    "formulir_keikutsertaan",
    "formulir_pendaftaran",
    "surat_penunjukan_admin",
)
UBAH_CV = ("surat_permohonan", "ktp_direktur", "npwp_perusahaan", "npwp_direktur", "nib", "akta")


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    """The catalog shipped in data/, loaded once for the whole module."""
    return load_catalog(shipped_data_dir() / "catalog.toml")


@pytest.mark.parametrize(
    ("code", "facts", "mandatory", "optional"),
    [
        ("REG", ChecklistFacts("PT"), ("ktp_direksi", "npwp_perusahaan"), REG_SIKAP_BADAN_USAHA),
        ("REG", ChecklistFacts("CV"), ("ktp_direksi", "npwp_perusahaan"), REG_SIKAP_BADAN_USAHA),
        (
            "REG",
            ChecklistFacts("koperasi"),
            ("ktp_direksi", "npwp_perusahaan"),
            REG_SIKAP_BADAN_USAHA,
        ),
        # REG has no Surat Kuasa: the director verifies in person, so a bearer changes nothing.
        (
            "REG",
            ChecklistFacts("PT", bearer_is_director=False, construction=True),
            ("ktp_direksi", "npwp_perusahaan"),
            REG_SIKAP_BADAN_USAHA,
        ),
        (
            "REG",
            ChecklistFacts("perorangan"),
            ("ktp_pemilik", "npwp_pemilik"),
            ("surat_setoran_pajak", "formulir_keikutsertaan", "formulir_pendaftaran"),
        ),
        (
            "REG",
            ChecklistFacts("asing"),
            ("akta_pendirian_asing", "identitas_pajak_asing"),
            (
                "dokumen_perusahaan_asing",
                "formulir_keikutsertaan",
                "formulir_pendaftaran",
                "surat_penunjukan_admin",
            ),
        ),
        (
            "UBAH",
            ChecklistFacts("PT", bearer_is_director=False),
            (
                "surat_permohonan",
                "surat_kuasa",
                "ktp_direktur",
                "npwp_perusahaan",
                "npwp_direktur",
                "nib",
                "akta",
                "pengesahan_kemenkumham",
            ),
            (),
        ),
        ("UBAH", ChecklistFacts("CV", bearer_is_director=True), UBAH_CV, ()),
        ("UBAH", ChecklistFacts("CV", construction=True), (*UBAH_CV[:5], "sbu", "akta"), ()),
        (
            "UBAH",
            ChecklistFacts("perorangan", bearer_is_director=False),
            (
                "surat_permohonan_pemilik",
                "surat_kuasa_pemilik",
                "ktp_pemilik",
                "npwp_pemilik",
                "nib",
            ),
            (),
        ),
        (
            "UID",
            ChecklistFacts("asing"),
            ("surat_permohonan", "akta_pendirian_asing", "identitas_pajak_asing"),
            (),
        ),
        ("UID", ChecklistFacts("koperasi"), UBAH_CV, ()),
        ("KONS", ChecklistFacts("PT", bearer_is_director=False, construction=True), (), ()),
        ("LAT", ChecklistFacts("perorangan"), (), ()),
    ],
)
def test_shipped_checklists(shipped, code, facts, mandatory, optional):
    """Each visit gets its mandatory documents first, then the SIKaP material, in file order."""
    checklist = build_checklist(shipped.service(code), facts)
    assert tuple(item.id for item in checklist) == mandatory + optional
    assert all(item.mandatory for item in checklist[: len(mandatory)])
    assert not any(item.mandatory for item in checklist[len(mandatory) :])


def test_ubah_stamped_documents_need_the_current_meterai(shipped):
    """The request letter and the Surat Kuasa carry meterai, at the current Rp 10.000."""
    facts = ChecklistFacts("PT", bearer_is_director=False, construction=True)
    checklist = build_checklist(shipped.service("UBAH"), facts)
    stamped = [item for item in checklist if item.meterai]
    assert [item.id for item in stamped] == ["surat_permohonan", "surat_kuasa"]
    assert all("Rp 10.000" in item.name for item in stamped)
    assert [item.id for item in checklist if item.has_expiry] == ["ktp_direktur", "sbu"]


def _requirement(ident: str, *, mandatory: bool = True, **changes) -> Requirement:
    """A requirement for hand-built services; PT only and unconditional unless changed."""
    values = {
        "id": ident,
        "name": ident.upper(),
        "vendor_types": frozenset({"PT"}),
        "condition": None,
        "original_required": True,
        "copy_kept": True,
        "meterai": False,
        "has_expiry": False,
        "mandatory": mandatory,
        "note": "",
        "source": "uji",
        "effective": 2020,
    }
    return Requirement(**(values | changes))


def _service(code: str, prefix: str, *requirements: Requirement) -> Service:
    """A minimal open service holding these requirements."""
    return Service(
        code=code,
        name=f"Layanan {code}",
        description="",
        queue_prefix=prefix,
        counter_minutes=15,
        completion_hours=None,
        completion_text="Selesai di loket",
        fee_amount=0,
        fee_text="Tidak dikenakan biaya",
        product="",
        legal_basis=(),
        is_open=True,
        closed_message="",
        requires_spse_user_id=False,
        procedures=("tatap_muka",),
        requirements=requirements,
    )


def test_mandatory_first_then_file_order():
    """Sorting keeps file order inside each group."""
    service = _service(
        "REG",
        "A",
        _requirement("opt_a", mandatory=False),
        _requirement("wajib_b"),
        _requirement("opt_c", mandatory=False),
        _requirement("wajib_d"),
    )
    checklist = build_checklist(service, ChecklistFacts("PT"))
    assert [item.id for item in checklist] == ["wajib_b", "wajib_d", "opt_a", "opt_c"]


def test_unknown_vendor_type_is_refused():
    """A vendor type outside the five is a ValidationError naming the choices."""
    with pytest.raises(ValidationError) as info:
        build_checklist(_service("REG", "A"), ChecklistFacts("BUMN"))
    assert str(info.value) == (
        "Jenis penyedia 'BUMN' tidak dikenal; pilih salah satu: PT, CV, koperasi, perorangan, asing"
    )
    assert info.value.field == "vendor_type"


@pytest.mark.parametrize(
    ("condition", "facts", "holds"),
    [
        ("bearer_not_director", ChecklistFacts("CV", bearer_is_director=False), True),
        ("bearer_not_director", ChecklistFacts("CV"), False),
        ("legal_form_pt", ChecklistFacts("PT"), True),
        ("legal_form_pt", ChecklistFacts("koperasi"), False),
        ("construction", ChecklistFacts("CV", construction=True), True),
        ("construction", ChecklistFacts("CV"), False),
    ],
)
def test_conditions(condition, facts, holds):
    """Each condition reads the fact it is named after."""
    assert condition_holds(condition, facts) is holds


def test_every_condition_has_a_test_and_a_description():
    """The description table and the rule table list the same conditions."""
    assert set(domain._CONDITION_TESTS) == set(CONDITIONS)
    with pytest.raises(ValidationError):
        condition_holds("selalu", ChecklistFacts("PT"))


def test_labels_cover_every_vendor_type_and_procedure():
    """Every vendor type has a label; both procedures exist."""
    assert tuple(VENDOR_TYPE_LABELS) == VENDOR_TYPES
    assert set(PROCEDURES) == {"tatap_muka", "daring"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("PT", "PT"), ("pt", "PT"), (" Koperasi ", "koperasi"), ("ASING", "asing")],
)
def test_parse_vendor_type(text, expected):
    """Vendor types are matched without regard to case or surrounding spaces."""
    assert parse_vendor_type(text) == expected


def test_parse_vendor_type_refuses_unknown():
    """An unknown vendor type names the valid ones."""
    with pytest.raises(ValidationError, match="pilih salah satu: PT, CV"):
        parse_vendor_type("firma")


def test_catalog_lookups():
    """Services are found by code or queue prefix, case-insensitively, in file order."""
    services = {"REG": _service("REG", "A"), "UBAH": _service("UBAH", "B")}
    catalog = Catalog(services=MappingProxyType(services), version="uji", source="uji.toml")
    assert catalog.service(" reg ").code == "REG"
    assert catalog.by_prefix("b").code == "UBAH"
    assert catalog.codes() == ("REG", "UBAH")
    with pytest.raises(NotFound) as info:
        catalog.service("XYZ")
    assert str(info.value) == "Layanan 'XYZ' tidak dikenal; pilih salah satu: REG, UBAH"
    with pytest.raises(NotFound, match="Awalan antrian 'Z' tidak dikenal; pilih salah satu: A, B"):
        catalog.by_prefix("Z")


def test_shipped_not_found_message_lists_the_five(shipped):
    """The shipped catalog's NotFound names all five codes."""
    with pytest.raises(NotFound) as info:
        shipped.service("XYZ")
    assert str(info.value) == (
        "Layanan 'XYZ' tidak dikenal; pilih salah satu: REG, UBAH, UID, KONS, LAT"
    )


def test_service_requirement_lookup(shipped):
    """A requirement is found by id; an unknown id is NotFound."""
    assert shipped.service("UBAH").requirement("sbu").condition == "construction"
    with pytest.raises(NotFound, match="Persyaratan 'tdp' tidak ada pada layanan UBAH"):
        shipped.service("UBAH").requirement("tdp")
