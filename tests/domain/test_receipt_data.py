"""Receipt data: what counts as received, the checks on a receipt, its JSON, its signed summary."""

from __future__ import annotations

import base64
import contextlib
import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lpse_desk.domain.errors import DeskError, ValidationError
from lpse_desk.domain.receipt import (
    ReceiptData,
    ReceiptDocument,
    SignatureError,
    npwp_fingerprint,
    read_signed,
    receipt_kind,
    sign_receipt,
    sign_summary,
    summary_of,
)
from lpse_desk.domain.receipt.printed import fields_digest, printed_fields, qr_text
from tests.receipts.samples import (
    COMPANY_NPWP,
    DIRECTOR_NIK,
    FOREIGN_NAME,
    PERSONAL_NPWP,
    SECRET,
    doc,
    receipt,
    slip,
)

# --- one document ------------------------------------------------------------------------


def _line(*, asked_original: bool, shown: bool, asked_copy: bool, kept: bool, mandatory=True):
    return ReceiptDocument(
        requirement_id="x",
        name="X",
        mandatory=mandatory,
        original_required=asked_original,
        original_shown=shown,
        copy_required=asked_copy,
        copy_received=kept,
    )


@pytest.mark.parametrize(
    ("asked_original", "shown", "asked_copy", "kept", "mandatory", "received", "status"),
    [
        (True, True, True, True, True, True, "Diterima"),
        (True, True, True, False, True, False, "Kurang: salinan belum diserahkan"),
        (True, False, True, True, True, False, "Kurang: asli belum diperlihatkan"),
        (True, False, True, False, True, False, "Kurang: asli dan salinan belum ada"),
        # Only the original is asked (a letter shown, not kept): the copy does not matter.
        (True, True, False, False, True, True, "Diterima"),
        (False, False, True, True, True, True, "Diterima"),
        # Asked neither way (SIKaP material): received when brought at all.
        (False, True, False, False, False, True, "Diterima"),
        (False, False, False, True, False, True, "Diterima"),
        (False, False, False, False, False, False, "Tidak dibawa (tidak wajib)"),
        (True, False, True, False, False, False, "Tidak dibawa (tidak wajib)"),
    ],
)
def test_received_and_status(asked_original, shown, asked_copy, kept, mandatory, received, status):
    line = _line(
        asked_original=asked_original,
        shown=shown,
        asked_copy=asked_copy,
        kept=kept,
        mandatory=mandatory,
    )
    assert line.received is received
    assert line.status_text == status


def test_receipt_kind_looks_at_mandatory_documents_only():
    optional_missing = doc("a", "A", mandatory=False, shown=False, kept=False)
    assert receipt_kind((doc("b", "B"), optional_missing)) == "tanda_terima"
    assert receipt_kind((doc("b", "B", kept=False), optional_missing)) == "belum_lengkap"
    assert receipt_kind(()) == "tanda_terima"


# --- the receipt -------------------------------------------------------------------------


def test_missing_lists_the_mandatory_documents_not_received_in_order():
    assert [item.requirement_id for item in slip().missing] == [
        "ktp_pemilik",
        "npwp_pemilik",
        "surat_kuasa",
    ]
    assert receipt().missing == ()
    assert receipt().received_ids == ("ktp_direksi", "npwp_perusahaan", "izin_usaha")


def test_issued_at_is_kept_in_wib_and_documents_become_a_tuple():
    from zoneinfo import ZoneInfo

    utc = datetime(2026, 6, 10, 2, 30, tzinfo=ZoneInfo("UTC"))
    data = receipt(issued_at=utc, documents=list(receipt().documents))
    assert data.issued_at.isoformat() == "2026-06-10T09:30:00+07:00"
    assert isinstance(data.documents, tuple)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "kuitansi"}, "kind"),
        ({"kind": "belum_lengkap"}, "kind"),  # nothing is missing
        ({"procedure": "pos"}, "procedure"),
        ({"number": "tt 123"}, "number"),
        ({"number": ""}, "number"),
        ({"issued_at": datetime(2026, 6, 10, 9, 30)}, "issued_at"),
        ({"issued_at": "2026-06-10"}, "issued_at"),
        ({"due_at": datetime(2026, 6, 11, 9, 30)}, "due_at"),
        ({"loket": 0}, "loket"),
        ({"loket": True}, "loket"),
        ({"officer_name": "  "}, "officer_name"),
        ({"npwp": "01.312.166.0-091.000"}, "npwp"),
        ({"npwp": "123"}, "npwp"),
        ({"director_nik": "3271 0117 0845 0001"}, "director_nik"),
        ({"documents": (doc("a", "A"), doc("a", "A again"))}, "documents"),
        ({"documents": ("KTP",)}, "documents"),
    ],
)
def test_a_receipt_that_breaks_a_rule_is_refused(changes, field):
    with pytest.raises(ValidationError) as caught:
        receipt(**changes)
    assert caught.value.field == field
    assert str(caught.value).startswith("Data tanda terima tidak valid: ")


def test_a_slip_needs_something_missing():
    with pytest.raises(ValidationError, match="tidak ada dokumen wajib yang kurang"):
        slip(documents=(doc("a", "A"),))
    with pytest.raises(ValidationError, match="masih ada dokumen wajib yang kurang"):
        slip(kind="tanda_terima")


def test_as_copy_marks_a_reprint_and_keeps_the_rest():
    copy = receipt().as_copy()
    assert copy.copy is True
    assert replace(copy, copy=False) == receipt()


# --- JSON ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [receipt(), slip(), receipt(npwp=None, director_nik=None)])
def test_json_round_trips_exactly(data):
    text = data.to_json()
    again = ReceiptData.from_json(text)
    assert again == data
    assert again.to_json() == text


def test_json_is_canonical_with_iso_times_and_full_identifiers():
    text = receipt().to_json()
    raw = json.loads(text)
    assert text == json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert raw["v"] == 1
    assert raw["issued_at"] == "2026-06-10T09:30:00+07:00"
    assert raw["due_at"] == "2026-06-11T09:30:00+07:00"
    assert raw["documents"][0]["expiry_date"] == "2027-05-12"
    assert raw["npwp"] == COMPANY_NPWP
    assert raw["director_nik"] == DIRECTOR_NIK
    assert FOREIGN_NAME in text  # kept readable, not \u-escaped


def _json_with(**changes: object) -> str:
    raw = json.loads(receipt().to_json())
    raw.update(changes)
    return json.dumps(raw)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "[]",
        "null",
        '"tanda terima"',
        json.dumps({"v": 2}),
        _json_with(v=None),
        _json_with(documents=None),
        _json_with(documents=[{"requirement_id": "a"}]),
        _json_with(documents=["KTP"]),
        _json_with(issued_at="kemarin"),
        _json_with(issued_at=None),
        _json_with(due_at=12),
        _json_with(extra="x"),
        _json_with(kind="belum_lengkap"),
        b"\xff\xfe",
    ],
)
def test_from_json_refuses_anything_else_in_indonesian(text):
    with pytest.raises(ValidationError, match="Data tanda terima tidak valid"):
        ReceiptData.from_json(text)


def test_from_json_without_a_key_is_refused():
    raw = json.loads(receipt().to_json())
    del raw["officer_name"]
    with pytest.raises(ValidationError):
        ReceiptData.from_json(json.dumps(raw))


# --- the signed summary ------------------------------------------------------------------


def test_summary_of_a_company_shows_its_npwp_whole():
    summary = summary_of(receipt(layout=2), secret=SECRET)  # summary v1 (layouts 1 and 2)
    assert summary == {
        "v": 1,
        "no": "TT-LPSE/2026/000123",
        "kind": "tanda_terima",
        "at": "2026-06-10T09:30:00+07:00",
        "svc": "REG",
        "npwp": "0013 1216 6009 1000",
        "npwp_fp": npwp_fingerprint(COMPANY_NPWP, SECRET),
        "docs": ["ktp_direksi", "npwp_perusahaan", "izin_usaha"],
        "copy": False,
    }


def test_summary_of_a_person_masks_the_npwp_and_carries_no_names():
    data = slip(layout=2)
    summary = summary_of(data, secret=SECRET)
    text = json.dumps(summary)
    assert summary["npwp"] == "3271********0001"
    assert PERSONAL_NPWP not in text
    assert DIRECTOR_NIK not in text
    for name in (data.vendor_name, data.bearer_name, data.officer_name):
        assert name not in text
    assert summary["docs"] == ["surat_setoran_pajak"]  # brought, though asked neither way
    assert summary["kind"] == "belum_lengkap"


def test_the_fingerprint_matches_the_full_npwp_only_with_the_secret():
    fingerprint = npwp_fingerprint(PERSONAL_NPWP, SECRET)
    assert fingerprint == npwp_fingerprint(PERSONAL_NPWP, SECRET)
    assert fingerprint != npwp_fingerprint("3271011708450002", SECRET)
    assert fingerprint != npwp_fingerprint(PERSONAL_NPWP, b"x" * 32)
    assert PERSONAL_NPWP not in fingerprint


def test_no_npwp_gives_no_fingerprint():
    summary = summary_of(receipt(npwp=None, layout=2), secret=SECRET)
    assert summary["npwp"] is None and summary["npwp_fp"] is None
    assert summary_of(receipt(npwp=None), secret=SECRET)["npwp_fp"] is None


def test_the_layout_3_summary_signs_every_printed_field_without_spelling_them_out():
    data = slip()
    summary = summary_of(data, secret=SECRET)
    assert summary["v"] == 2 and summary["fields"] == fields_digest(data)
    text = json.dumps(summary)
    for secret_text in (PERSONAL_NPWP, DIRECTOR_NIK, data.vendor_name, data.bearer_name):
        assert secret_text not in text
    shown = dict(printed_fields(data))
    assert shown["Nama penyedia"] == data.vendor_name
    assert shown["NPWP"] == "3271********0001" and shown["NIK direktur"] != DIRECTOR_NIK
    assert shown["Pembawa berkas"] == "Budi Santoso, penerima kuasa dengan Surat Kuasa"
    assert shown["Dokumen 1: KTP pemilik usaha perorangan"] == (
        "Asli: ada · Salinan: belum ada · Kurang: salinan belum diserahkan · "
        "Catatan: Fotokopi buram, tidak terbaca"
    )
    assert shown["Paling lambat"] == "—"  # as the page prints an empty field
    # Any printed field changed, the digest (and so the signature) changes with it.
    for change in (
        {"vendor_name": "CV Lain"},
        {"bearer_name": "Orang Lain"},
        {"bearer_is_director": True},
        {"officer_name": "Petugas Lain"},
        {"service_name": "Layanan lain"},
        {"notes": "catatan lain"},
        {"next_step": "langkah lain"},
        {"loket": 3},
        {"queue_ticket": "B-009"},
        {"npwp": "3271011708450002"},
        {"copy": True},
    ):
        assert fields_digest(replace(data, **change)) != summary["fields"], change
    later = replace(receipt(), due_at=receipt().due_at + timedelta(hours=1))
    assert fields_digest(later) != fields_digest(receipt())
    first = data.documents[0]
    for document_change in ({"note": "lain"}, {"copy_received": True}, {"mandatory": False}):
        changed = replace(data, documents=(replace(first, **document_change), *data.documents[1:]))
        with contextlib.suppress(ValidationError):  # a change that makes the slip a receipt
            assert fields_digest(changed) != summary["fields"], document_change


def test_the_printed_record_of_layout_3_is_frozen():
    # Genuine layout-3 receipts already issued carry these digests: a changed wording in
    # printed_fields would make them all TIDAK SAH. A new wording needs a new layout.
    assert fields_digest(receipt(layout=3)) == "kYJVNb6jG67bWiOGNJAbaQ"
    assert fields_digest(slip(layout=3)) == "7n3Fjiw0GAxnBTMFICeLsg"
    assert fields_digest(receipt(layout=3).as_copy()) == "vOyvgwzAFthMEW4Nuz0qhA"


def test_the_printed_record_of_layout_4_is_frozen():
    assert fields_digest(receipt()) == "v-JSGkyhjgojKt1MyyYapg"
    assert fields_digest(slip()) == "mqtgifI6BsTjwNGO7Ce7Vw"
    assert fields_digest(receipt().as_copy()) == "udI0osSIc-oTGWOiYN_eOg"


def test_the_qr_of_a_layout_3_receipt_starts_with_a_line_a_phone_shows():
    data = receipt()
    signed = sign_receipt(data, SECRET)
    first, second = qr_text(data, signed).split("\n")
    assert first == "Tanda terima LPSE Kota Bogor TT-LPSE/2026/000123 10-06-2026 09.30 WIB"
    assert second == signed
    copy = slip().as_copy()
    assert qr_text(copy, "x").startswith("Slip belum lengkap SALINAN LPSE Kota Bogor ")
    assert qr_text(receipt(layout=2), signed) == signed  # older receipts keep their QR


def test_the_copy_flag_is_signed():
    assert summary_of(receipt().as_copy(), secret=SECRET)["copy"] is True


def test_signed_text_round_trips_and_is_compact_ascii():
    data = receipt()
    signed = sign_receipt(data, SECRET)
    assert signed.startswith("LPSEDESK1.")
    assert signed.isascii() and " " not in signed
    assert len(signed) <= 400  # fits a version-14 QR code at level M
    assert read_signed(signed, SECRET) == summary_of(data, secret=SECRET)


def test_a_wrong_secret_does_not_verify():
    signed = sign_receipt(receipt(), SECRET)
    with pytest.raises(SignatureError, match="^Tanda tangan digital tidak cocok: "):
        read_signed(signed, b"kunci-lain-yang-juga-panjang!!!!")


def _edited(signed: str, **changes: object) -> str:
    prefix, payload, mac = signed.split(".")
    raw = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    raw.update(changes)
    text = json.dumps(raw, sort_keys=True, separators=(",", ":")).encode()
    return f"{prefix}.{base64.urlsafe_b64encode(text).rstrip(b'=').decode()}.{mac}"


@pytest.mark.parametrize(
    "changes",
    [{"docs": ["ktp_direksi", "npwp_perusahaan"]}, {"kind": "belum_lengkap"}, {"copy": True}],
)
def test_an_edited_summary_does_not_verify(changes):
    signed = sign_receipt(receipt(), SECRET)
    with pytest.raises(SignatureError, match="tidak cocok"):
        read_signed(_edited(signed, **changes), SECRET)


def test_a_summary_signed_again_by_someone_else_does_not_verify():
    forged = sign_summary({**summary_of(receipt(), secret=SECRET), "docs": []}, b"y" * 32)
    with pytest.raises(SignatureError, match="tidak cocok"):
        read_signed(forged, SECRET)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "LPSEDESK1",
        "LPSEDESK1..",
        "LPSEDESK2.eyJ2IjoxfQ.AAAA",
        "LPSEDESK1.eyJ2IjoxfQ",
        "LPSEDESK1.eyJ2IjoxfQ.AAAA.BBBB",
        "LPSEDESK1.ey J2.AAAA",
        "LPSEDESK1.eyJ2IjoxfQ.!!!!",
        "LPSEDESK1.é.AAAA",
        "LPSEDESK1." + "A" * 5000 + ".AAAA",
        "https://contoh.go.id/tanda-terima",
    ],
)
def test_malformed_signed_text_is_refused_in_indonesian(text):
    with pytest.raises(SignatureError) as caught:
        read_signed(text, SECRET)
    assert isinstance(caught.value, ValidationError)
    assert "tanda tangan digital" in str(caught.value).lower()


def test_a_signed_payload_that_is_not_an_object_is_refused():
    with pytest.raises(SignatureError, match="rusak"):
        read_signed(sign_summary([1, 2], SECRET), SECRET)  # type: ignore[arg-type]


@pytest.mark.parametrize("secret", [b"", b"pendek", "teks-bukan-bytes-panjang-sekali"])
def test_a_weak_or_wrong_type_secret_is_refused(secret):
    with pytest.raises(ValidationError, match="Kunci tanda tangan digital"):
        sign_receipt(receipt(), secret)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="Kunci tanda tangan digital"):
        read_signed("LPSEDESK1.e30.AAAA", secret)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300), st.from_regex(r"LPSEDESK1\.[A-Za-z0-9_-]{0,60}\.[A-Za-z0-9_-]{0,30}")
    )
)
def test_read_signed_only_ever_raises_the_desks_error(text):
    with contextlib.suppress(DeskError):
        read_signed(text, SECRET)


def test_expiry_dates_survive_json():
    data = receipt(documents=(doc("kitas", "KITAS direktur", expiry=date(2026, 12, 31)),))
    assert ReceiptData.from_json(data.to_json()).documents[0].expiry_date == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: doc("a", "A", note="x" * 501), "note"),
        (lambda: doc("a", "A" * 301), "name"),
        (lambda: doc("", "A"), "documents"),
        (lambda: doc("a", "  "), "documents"),
        (lambda: doc("a", None), "name"),  # type: ignore[arg-type]
        (lambda: receipt(notes="x" * 2001), "notes"),
        (lambda: receipt(next_step="x" * 1001), "next_step"),
        (lambda: receipt(vendor_name="PT " + "x" * 300), "vendor_name"),
    ],
)
def test_text_longer_than_a_receipt_can_print_is_refused(build, field):
    with pytest.raises(
        ValidationError, match="paling panjang|tanpa id|harus berupa teks"
    ) as caught:
        build()
    assert caught.value.field == field
