"""Loading data/catalog.toml: the shipped file, and every kind of mistake an admin can make."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lpse_desk import paths
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.catalog import SERVICE_CODES, VENDOR_TYPES
from lpse_desk.domain.errors import CatalogError

SHIPPED = paths.shipped_data_dir() / "catalog.toml"
SERVICE_KEYS = (
    "name, description, queue_prefix, counter_minutes, completion_hours, completion_text, "
    "fee_amount, fee_text, product, open, closed_message, requires_spse_user_id, procedures, "
    "legal_basis, requirements"
)


def mutated(tmp_path: Path, *edits: tuple[str, str, str]) -> Path:
    """A copy of the shipped catalog with edits applied; each replaces ``old`` after ``anchor``."""
    text = SHIPPED.read_text(encoding="utf-8")
    for anchor, old, new in edits:
        at = text.index(old, text.index(anchor))
        text = text[:at] + new + text[at + len(old) :]
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """The problem lines of the CatalogError raised for this file."""
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    return str(info.value).splitlines()


def test_shipped_catalog_loads():
    """The shipped file holds the five services with their standards."""
    catalog = load_catalog(SHIPPED)
    assert catalog.codes() == SERVICE_CODES
    assert catalog.source == str(SHIPPED)
    assert catalog.version
    assert isinstance(catalog.updated, date)
    prefixes = [service.queue_prefix for service in catalog.services.values()]
    assert prefixes == ["A", "B", "C", "D", "E"]
    for service in catalog.services.values():
        assert service.counter_minutes == 15
        assert service.fee_amount == 0
        assert service.fee_text == "Tidak dikenakan biaya"
        assert service.legal_basis
    for code in ("REG", "UBAH", "UID"):
        service = catalog.service(code)
        assert service.completion_hours == 24
        assert service.completion_text == (
            "Maksimal 1x24 jam (hari kerja) setelah berkas lengkap diverifikasi"
        )
        assert service.procedures == ("tatap_muka", "daring")
    assert catalog.service("KONS").completion_hours is None
    assert catalog.service("KONS").requirements == ()
    assert catalog.service("REG").requires_spse_user_id
    assert not catalog.service("UID").requires_spse_user_id


def test_shipped_lat_is_closed_with_a_message():
    """Training stays closed, pointing vendors to LKPP's YouTube channel."""
    lat = load_catalog(SHIPPED).service("LAT")
    assert not lat.is_open
    assert "eproc LKPP" in lat.closed_message


def test_shipped_catalog_follows_current_law():
    """Perpres 16/2018 as amended, uncertain facts flagged, no Rp 6.000 meterai required."""
    catalog = load_catalog(SHIPPED)
    titles = {basis.title: basis.verify for basis in catalog.service("REG").legal_basis}
    perpres = next(title for title in titles if "Nomor 16 Tahun 2018" in title)
    assert "Nomor 12 Tahun 2021" in perpres and "Nomor 46 Tahun 2025" in perpres
    assert titles[next(title for title in titles if "Nomor 10 Tahun 2021" in title)] is True
    assert not any("Nomor 2 Tahun 2010" in title for title in titles)
    for service in catalog.services.values():
        for item in service.requirements:
            assert "6.000" not in item.name
            if item.meterai:
                assert "Rp 10.000" in item.name
            assert set(item.vendor_types) <= set(VENDOR_TYPES)
            if "5/2021" in (item.source or ""):  # the SBU and NIB rules: PP 28/2025 replaced it
                assert "PP 28/2025" in item.source, (service.code, item.id)


def test_default_path_falls_back_to_the_shipped_file(tmp_path, monkeypatch):
    """Without a local copy the home uses the shipped catalog; a local copy wins."""
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    assert load_catalog().source == str(SHIPPED)
    local = tmp_path / "data" / "catalog.toml"
    local.parent.mkdir()
    local.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_catalog().source == str(local)


def test_a_byte_order_mark_is_accepted(tmp_path):
    """Notepad's BOM does not break the file."""
    path = tmp_path / "catalog.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SHIPPED.read_bytes())
    assert load_catalog(path).codes() == SERVICE_CODES


def test_an_edited_catalog_is_read_again_and_an_unchanged_one_is_not(tmp_path):
    """The admin opens LAT: the next read sees it; reading the same file twice parses once."""
    import os

    path = tmp_path / "catalog.toml"
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_catalog(path)
    assert load_catalog(path) is first
    assert not first.service("LAT").is_open
    edited = SHIPPED.read_text(encoding="utf-8").replace("\nopen = false", "\nopen = true")
    path.write_text(edited, encoding="utf-8")
    state = path.stat()
    os.utime(path, ns=(state.st_atime_ns, state.st_mtime_ns + 1_000_000))  # a later save
    assert load_catalog(path).service("LAT").is_open


REQ = 'id = "ktp_direksi"'
NPWP = 'id = "npwp_perusahaan"'
REG = "[services.REG]"
UBAH = "[services.UBAH]"
LAT = "[services.LAT]"
KUASA = 'id = "surat_kuasa"'
KEMENKUMHAM = 'id = "pengesahan_kemenkumham"'
REQ_WHERE = 'layanan REG, persyaratan "ktp_direksi"'


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            [(REQ, "original =", "orignal =")],
            f'{REQ_WHERE}: kunci "orignal" tidak dikenal (maksud Anda "original"?)',
            id="typo-key",
        ),
        pytest.param(
            [(REG, "open = true", "open = true\nzzz = 1")],
            f'layanan REG: kunci "zzz" tidak dikenal; kunci yang dikenal: {SERVICE_KEYS}',
            id="unknown-key",
        ),
        pytest.param(
            [("", 'version = "', 'versi = "')],
            'kunci "versi" tidak dikenal (maksud Anda "version"?)',
            id="typo-top-level-key",
        ),
        pytest.param(
            [(REG, 'fee_text = "Tidak dikenakan biaya"\n', "")],
            'layanan REG: kunci wajib "fee_text" tidak ada',
            id="missing-key",
        ),
        pytest.param(
            [(REG, REQ + "\n", "")],
            'layanan REG, persyaratan ke-1: kunci wajib "id" tidak ada',
            id="missing-id",
        ),
        pytest.param(
            [(REQ, "mandatory = true", 'mandatory = "ya"')],
            f'{REQ_WHERE}: kunci "mandatory" harus true atau false, bukan teks "ya"',
            id="string-for-bool",
        ),
        pytest.param(
            [(REG, "counter_minutes = 15", 'counter_minutes = "15"')],
            'layanan REG: kunci "counter_minutes" harus bilangan bulat, bukan teks "15"',
            id="string-for-int",
        ),
        pytest.param(
            [(REG, "counter_minutes = 15", "counter_minutes = 15.5")],
            'layanan REG: kunci "counter_minutes" harus bilangan bulat, bukan angka pecahan 15.5',
            id="float-for-int",
        ),
        pytest.param(
            [(REG, "fee_amount = 0", "fee_amount = false")],
            'layanan REG: kunci "fee_amount" harus bilangan bulat, bukan false',
            id="bool-for-int",
        ),
        pytest.param(
            [(REG, '["tatap_muka", "daring"]', '"tatap_muka"')],
            'layanan REG: kunci "procedures" harus daftar teks (mis. ["PT", "CV"]), '
            'bukan teks "tatap_muka"',
            id="string-for-list",
        ),
        pytest.param(
            [("", "updated = 2026-11-21", 'updated = "kemarin"')],
            'kunci "updated" harus tanggal (TTTT-BB-HH), bukan teks "kemarin"',
            id="string-for-date",
        ),
        pytest.param(
            [(REQ, "effective = 2020", "effective = 2020-01-01T08:00:00")],
            f'{REQ_WHERE}: kunci "effective" harus tanggal (TTTT-BB-HH) atau tahun (mis. 2020), '
            "bukan tanggal-jam 2020-01-01T08:00:00",
            id="datetime-for-date",
        ),
        pytest.param(
            [(REQ, "effective = 2020", "effective = 20")],
            f"{REQ_WHERE}: tahun berlaku 20 tidak masuk akal (harus 1945-2100)",
            id="implausible-year",
        ),
        pytest.param(
            [("", 'version = "2026.1"', 'version = "  "')],
            'kunci "version" tidak boleh kosong',
            id="empty-version",
        ),
        pytest.param(
            [(REQ, 'name = "KTP/KITAS/KITAP', 'name = "" #')],
            f'{REQ_WHERE}: kunci "name" tidak boleh kosong',
            id="empty-name",
        ),
        pytest.param(
            [(LAT, "", '[services.XYZ]\nname = "x"\n\n')],
            "layanan XYZ: kode layanan tidak dikenal; pilih salah satu: REG, UBAH, UID, KONS, LAT",
            id="unknown-service",
        ),
        pytest.param(
            [(LAT, "", '[services.lat]\nname = "x"\n\n')],
            'layanan lat: kode layanan tidak dikenal (maksud Anda "LAT"?)',
            id="lowercase-service",
        ),
        pytest.param(
            [(UBAH, 'queue_prefix = "B"', 'queue_prefix = "A"')],
            'layanan UBAH: queue_prefix "A" sudah dipakai layanan REG',
            id="duplicate-prefix",
        ),
        pytest.param(
            [(REG, 'queue_prefix = "A"', 'queue_prefix = "a1"')],
            'layanan REG: queue_prefix harus satu huruf kapital A-Z, bukan "a1"',
            id="bad-prefix",
        ),
        pytest.param(
            [(REQ, '["PT", "CV", "koperasi"]', '["PT", "CV", "Koperasi"]')],
            f'{REQ_WHERE}: jenis penyedia "Koperasi" tidak dikenal (maksud Anda "koperasi"?)',
            id="unknown-vendor-type",
        ),
        pytest.param(
            [(REQ, '["PT", "CV", "koperasi"]', '["PT", "BUMN"]')],
            f'{REQ_WHERE}: jenis penyedia "BUMN" tidak dikenal; '
            "pilih salah satu: PT, CV, koperasi, perorangan, asing",
            id="unknown-vendor-type-no-guess",
        ),
        pytest.param(
            [(REQ, '["PT", "CV", "koperasi"]', "[]")],
            f"{REQ_WHERE}: vendor_types tidak boleh kosong; "
            "pilih dari: PT, CV, koperasi, perorangan, asing",
            id="empty-vendor-types",
        ),
        pytest.param(
            [(REQ, '["PT", "CV", "koperasi"]', '["PT", "CV", "CV", "koperasi"]')],
            f'{REQ_WHERE}: jenis penyedia "CV" tertulis dua kali',
            id="repeated-vendor-type",
        ),
        pytest.param(
            [(KUASA, '"bearer_not_director"', '"bearer_not_directur"')],
            'layanan UBAH, persyaratan "surat_kuasa": syarat "bearer_not_directur" tidak dikenal '
            '(maksud Anda "bearer_not_director"?) '
            "(hapus kunci condition bila persyaratan selalu berlaku)",
            id="unknown-condition",
        ),
        pytest.param(
            [(KEMENKUMHAM, '["PT"]', '["CV"]')],
            'layanan UBAH, persyaratan "pengesahan_kemenkumham": '
            'syarat "legal_form_pt" tidak berlaku tanpa "PT" di vendor_types',
            id="condition-never-holds",
        ),
        pytest.param(
            [(REG, '["tatap_muka", "daring"]', '["tatap_muka", "zoom"]')],
            'layanan REG: prosedur "zoom" tidak dikenal; pilih salah satu: tatap_muka, daring',
            id="unknown-procedure",
        ),
        pytest.param(
            [(REG, '["tatap_muka", "daring"]', "[]")],
            "layanan REG: procedures tidak boleh kosong; pilih dari: tatap_muka, daring",
            id="no-procedure",
        ),
        pytest.param(
            [(NPWP, NPWP, REQ)],
            f"{REQ_WHERE}: id sudah dipakai persyaratan ke-1 pada layanan ini",
            id="duplicate-requirement-id",
        ),
        pytest.param(
            [(REG, REQ, 'id = "KTP Direksi"')],
            'layanan REG, persyaratan "KTP Direksi": '
            'id "KTP Direksi" harus huruf kecil, angka, dan garis bawah, diawali huruf',
            id="id-not-snake-case",
        ),
        pytest.param(
            [(LAT, "open = false\nclosed_message = ", "open = false\nclosed_message = '' #")],
            "layanan LAT: layanan ditutup (open = false) tetapi closed_message kosong",
            id="closed-without-message",
        ),
        pytest.param(
            [(REG, "counter_minutes = 15", "counter_minutes = -5")],
            "layanan REG: counter_minutes harus antara 1 dan 480, bukan -5",
            id="negative-minutes",
        ),
        pytest.param(
            [(REG, "completion_hours = 24", "completion_hours = 0")],
            "layanan REG: completion_hours harus antara 1 dan 240, bukan 0 "
            "(hapus kunci ini bila layanan selesai di loket)",
            id="zero-hours",
        ),
        pytest.param(
            [(REG, "fee_amount = 0", "fee_amount = -1")],
            "layanan REG: fee_amount harus antara 0 dan 100000000, bukan -1",
            id="negative-fee",
        ),
        pytest.param(
            [("[services.KONS]", 'title = "Peraturan Presiden', 'judul = "Peraturan Presiden')],
            (
                'layanan KONS, dasar hukum ke-1: kunci "judul" tidak dikenal; '
                "kunci yang dikenal: title, verify",
                'layanan KONS, dasar hukum ke-1: kunci wajib "title" tidak ada',
            ),
            id="legal-basis-unknown-key",
        ),
    ],
)
def test_each_problem_is_reported_exactly(tmp_path, edits, expected):
    """One mistake gives one line (rarely two): the file, the entry and the problem."""
    path = mutated(tmp_path, *edits)
    expected = (expected,) if isinstance(expected, str) else expected
    assert problems(path) == [f"{path}: {line}" for line in expected]


def test_a_missing_service_is_reported(tmp_path):
    """Deleting a service (rather than closing it) is refused."""
    text = SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "catalog.toml"
    path.write_text(text[: text.index(LAT)], encoding="utf-8")
    assert problems(path) == [
        f"{path}: layanan LAT: tidak ada di katalog; kelima layanan (REG, UBAH, UID, KONS, LAT) "
        "wajib ada (tutup dengan open = false bila tidak dilayani)"
    ]


def test_all_problems_are_reported_at_once(tmp_path):
    """Several mistakes in different places are listed together, in file order."""
    path = mutated(
        tmp_path,
        (REQ, "original =", "orignal ="),
        (UBAH, 'queue_prefix = "B"', 'queue_prefix = "b"'),
        (LAT, "open = false", 'open = "tidak"'),
    )
    assert problems(path) == [
        f'{path}: {REQ_WHERE}: kunci "orignal" tidak dikenal (maksud Anda "original"?)',
        f'{path}: layanan UBAH: queue_prefix harus satu huruf kapital A-Z, bukan "b"',
        f'{path}: layanan LAT: kunci "open" harus true atau false, bukan teks "tidak"',
    ]


def test_a_vendor_type_left_without_documents_is_reported(tmp_path):
    """A service with documents must give every vendor type a mandatory one."""
    block = (
        '[[services.KONS.requirements]]\nid = "ktp"\nname = "KTP"\nvendor_types = ["PT", "CV",'
        ' "koperasi", "perorangan"]\noriginal = true\ncopy = true\nmeterai = false\n'
        'expiry = false\nmandatory = true\nsource = "uji"\neffective = 2020\n\n'
    )
    path = mutated(
        tmp_path,
        (
            "[services.KONS]",
            "[[services.KONS.legal_basis]]",
            block + "[[services.KONS.legal_basis]]",
        ),
    )
    assert problems(path) == [
        f'{path}: layanan KONS: tidak ada persyaratan wajib untuk jenis penyedia "asing"'
    ]


def _line_of(text: str, snippet: str) -> int:
    """The 1-based line on which ``snippet`` first appears."""
    return text[: text.index(snippet)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "column", "problem"),
    [
        (
            "counter_minutes = 15",
            "counter_minutes 15",
            17,
            'tanda "=" tidak ada setelah nama kunci',
        ),
        (
            'fee_text = "Tidak dikenakan biaya"',
            "fee_text = Tidak dikenakan biaya",
            12,
            "nilai tidak sah (teks diapit tanda petik; ya/tidak ditulis true/false)",
        ),
        (
            "fee_amount = 0",
            "fee_amount = 0\nfee_amount = 1",
            15,
            "kunci atau tabel ditulis dua kali",
        ),
    ],
)
def test_toml_syntax_errors_name_line_and_column(tmp_path, old, new, column, problem):
    """A TOML syntax error names the line and column, in Indonesian."""
    path = mutated(tmp_path, (REG, old, new))
    line = _line_of(path.read_text(encoding="utf-8"), new.splitlines()[-1])
    assert problems(path) == [
        f"{path}: sintaks TOML salah pada baris {line}, kolom {column}: {problem}"
    ]


def test_missing_and_unreadable_files(tmp_path):
    """A missing file or one that is not UTF-8 is a CatalogError too."""
    missing = tmp_path / "tidak-ada.toml"
    assert problems(missing) == [f"{missing}: berkas katalog tidak ditemukan"]
    latin = tmp_path / "latin.toml"
    latin.write_bytes('version = "Pemeriksaan berkas \xb7"\n'.encode("latin-1"))
    assert problems(latin) == [
        f"{latin}: berkas katalog bukan teks UTF-8; simpan ulang sebagai UTF-8"
    ]
