"""The receipt PDF: content read back with pypdf, same bytes for the same data, fonts, metadata."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.receipt import SignatureError, read_signed, sign_receipt, summary_of
from lpse_desk.domain.receipt.printed import qr_text
from lpse_desk.domain.textfmt import format_long_id
from lpse_desk.receipts.pdfread import signed_summary_of_pdf
from lpse_desk.receipts.render import render_receipt
from tests.receipts.samples import (
    DIRECTOR_NIK,
    DUE,
    FOREIGN_NAME,
    PERSONAL_NPWP,
    SECRET,
    doc,
    many_documents,
    receipt,
    slip,
)

PAPERS = ("A5", "80mm")
REPO = Path(__file__).resolve().parents[2]


def _pdf(data, paper="A5"):
    return render_receipt(data, signed=sign_receipt(data, SECRET), paper=paper)


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(pdf).pages)


def _flat(text: str) -> str:
    """Whitespace collapsed: a name wrapped over two lines reads as one."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    """Each kind on each paper, rendered once for the module."""
    return {
        (kind, paper): _pdf(data, paper)
        for kind, data in (("tanda_terima", receipt()), ("belum_lengkap", slip()))
        for paper in PAPERS
    }


# --- content ---------------------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", ["tanda_terima", "belum_lengkap"])
def test_every_document_name_is_on_the_receipt(rendered, kind, paper):
    data = receipt() if kind == "tanda_terima" else slip()
    text = _flat(_text(rendered[kind, paper]))
    for item in data.documents:
        assert item.name in text


@pytest.mark.parametrize("paper", PAPERS)
def test_the_receipt_says_what_happened(rendered, paper):
    data = receipt()
    text = _flat(_text(rendered["tanda_terima", paper]))
    for expected in (
        "LPSE Kota Bogor · Mal Pelayanan Publik",
        "TANDA TERIMA BERKAS",
        "Nomor TT-LPSE/2026/000123",
        format_long_id(data.issued_at),
        "Loket 2 · Siti Rahmawati",
        "REG · Registrasi Offline dan Verifikasi Berkas",
        "Tatap muka di MPP",
        "A-003",
        "TKT-LPSE/2026/000045",
        "#482913",
        "PT Sinar Pakuan Sejahtera",
        "Perseroan Terbatas (PT)",
        "0013 1216 6009 1000",  # a company's NPWP is shown whole
        "9120001234567",
        "sinarpakuan",
        "3271********0001",
        f"{FOREIGN_NAME} (direktur/pemilik, datang sendiri)",
        "12 Mei 2027",
        "tidak diminta",
        "✓",
        "Langkah berikutnya",
        f"Paling lambat {format_long_id(DUE)} (1x24 jam kerja)",
        "Petugas loket",
        "Direktur/pemilik",  # the bearer's signature box
        "( Siti Rahmawati )",
        f"( {FOREIGN_NAME} )",
        "helpdesklpse.kotabogor.go.id",
    ):
        assert expected in text, expected
    assert "SALINAN" not in text
    assert "Yang masih kurang" not in text


@pytest.mark.parametrize("paper", PAPERS)
def test_the_slip_lists_exactly_what_is_missing(rendered, paper):
    data = slip()
    text = _flat(_text(rendered["belum_lengkap", paper]))
    assert "BERKAS BELUM LENGKAP" in text
    section = text.split("Yang masih kurang", 1)[1].split("Langkah berikutnya", 1)[0]
    assert section.count("•") == len(data.missing) == 3
    for item in data.documents:
        assert (item.name in section) is (item in data.missing), item.name
    assert "salinan belum diserahkan (Fotokopi buram, tidak terbaca)" in section
    assert "asli dan salinan belum ada" in section
    assert "Meterai lama Rp 6.000" in section
    assert "Budi Santoso, penerima kuasa dengan Surat Kuasa" in text
    # The bearer signs, not the director.
    assert "Petugas loket Penerima kuasa ( Siti Rahmawati ) ( Budi Santoso )" in text
    assert "Paling lambat" not in text  # a slip starts no deadline


def test_an_invalid_meterai_is_never_ticked_on_the_slip():
    text = _flat(_text(_pdf(slip(), "80mm")))  # the roll prints one block per document
    assert (
        "Surat Kuasa bermeterai dari pemilik usaha Asli: — · Salinan: — "
        "Meterai tidak sah (tidak ada/bukan Rp 10.000): belum dapat diterima"
    ) in text
    section = text.split("Yang masih kurang", 1)[1]
    assert "Surat Kuasa bermeterai dari pemilik usaha: meterai tidak sah" in section
    with pytest.raises(ValidationError, match="meterai tidak sah tetapi ditandai diterima"):
        replace(slip().documents[2], copy_received=True)


@pytest.mark.parametrize("paper", PAPERS)
def test_a_daring_receipt_names_no_bearer_and_says_how_originals_were_checked(paper):
    documents = (
        doc("ktp_direktur", "KTP direktur", original_check="video_call"),
        doc("npwp_badan", "NPWP badan usaha", shown=False, original_check="belum_diperiksa"),
    )
    data = receipt(
        procedure="daring", bearer_name="", queue_ticket=None, loket=None, documents=documents
    )
    text = _flat(_text(_pdf(data, paper)))
    assert "Daring" in text
    assert "Pembawa berkas" not in text
    assert "Direktur/pemilik" not in text and "Penerima kuasa" not in text
    assert "( )" not in text  # no empty signature box for a bearer who never came
    assert "lewat video call" in text and "belum diperiksa" in text
    assert "Asli: diperiksa bersama direktur/pemilik lewat video call" in text


@pytest.mark.parametrize("paper", PAPERS)
def test_a_reprint_says_salinan(paper):
    text = _text(_pdf(receipt(layout=3).as_copy(), paper))
    assert "SALINAN · cetak ulang, bukan cetakan asli" in _flat(text)  # the boxed banner
    # Layout 4: on the number's line, so a copy keeps the original's page count.
    text = _flat(_text(_pdf(receipt().as_copy(), paper)))
    assert "Nomor TT-LPSE/2026/000123 · SALINAN (cetak ulang)" in text
    copy, original = receipt(documents=many_documents(8)).as_copy(), receipt(documents=many_documents(8))
    assert len(_reader(_pdf(copy, "A5")).pages) == len(_reader(_pdf(original, "A5")).pages) == 1


@pytest.mark.parametrize("paper", PAPERS)
def test_personal_numbers_never_appear_whole(rendered, paper):
    pdf = rendered["belum_lengkap", paper]
    text = _text(pdf)
    squeezed = re.sub(r"\s", "", text)
    metadata = " ".join(str(value) for value in _reader(pdf).metadata.values())
    signed_summary = str(read_signed(signed_summary_of_pdf(pdf), SECRET))
    for number in (PERSONAL_NPWP, DIRECTOR_NIK):
        assert number not in squeezed
        assert number not in metadata
        assert number not in signed_summary
        assert number.encode() not in pdf
    assert "3271********0001" in text


@pytest.mark.parametrize("paper", PAPERS)
def test_a_foreign_name_is_drawn_with_the_embedded_font(rendered, paper):
    pdf = rendered["tanda_terima", paper]
    assert FOREIGN_NAME in _text(pdf)
    for page in _reader(pdf).pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for font in fonts.values():
            font = font.get_object()
            assert font["/Subtype"] == "/TrueType"
            assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold)?", str(font["/BaseFont"]))
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert b"/Helvetica" not in pdf and b"/Times-Roman" not in pdf


@pytest.mark.parametrize("paper", PAPERS)
def test_letters_the_font_lacks_become_question_marks_not_boxes(paper):
    data = receipt(vendor_name="PT 王小明 Nusantara", bearer_name="Budi\u202e Santoso")
    text = _flat(_text(_pdf(data, paper)))
    assert "PT ??? Nusantara" in text
    assert "( Budi Santoso )" in text


@pytest.mark.parametrize("paper", PAPERS)
def test_long_names_and_notes_wrap_instead_of_running_off_the_page(paper):
    word = "Catatanpanjangtanpaspasi" * 12  # 288 characters without a space
    long_name = "CV " + " ".join(["Karya Utama Mandiri Sejahtera Nusantara"] * 4)
    first = replace(receipt().documents[0], note=word)
    data = receipt(vendor_name=long_name, documents=(first, *receipt().documents[1:]))
    text = _text(_pdf(data, paper))
    assert word in re.sub(r"\s", "", text)
    assert not any(word in line for line in text.splitlines())  # split over lines
    assert long_name in _flat(text)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_longest_texts_allowed_still_fit(paper):
    from lpse_desk.domain.receipt import MAX_CHARS

    words = ("Catatan petugas tentang dokumen ini " * 30)[: MAX_CHARS["note"]]
    line = replace(receipt().documents[0], name="N" * 300, note=words)
    data = receipt(
        vendor_name="PT " + "Panjang " * 37,
        documents=(line, *receipt().documents[1:]),
        notes=("Catatan umum " * 200)[: MAX_CHARS["notes"]],
        next_step=("Langkah " * 200)[: MAX_CHARS["next_step"]],
    )
    text = re.sub(r"\s", "", _text(_pdf(data, paper)))
    assert "N" * 300 in text
    assert re.sub(r"\s", "", words) in text


@pytest.mark.parametrize("paper", PAPERS)
def test_markup_in_the_data_is_printed_as_text(paper):
    data = receipt(vendor_name="PT A&B <b>Jaya</b>", notes="Baris satu\nBaris <dua>")
    text = _flat(_text(_pdf(data, paper)))
    assert "PT A&B <b>Jaya</b>" in text
    assert "Baris satu Baris <dua>" in text


# --- long lists --------------------------------------------------------------------------------


def test_a_roll_with_25_documents_is_one_uncut_page():
    data = receipt(documents=many_documents(25))
    pdf = _pdf(data, "80mm")
    reader = _reader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(80 * 72 / 25.4)
    assert float(box.height) > 210 * 72 / 25.4  # longer than an A5 sheet
    text = _flat(_text(pdf))
    for item in data.documents:
        assert f"{item.name}" in text
    # The last thing on the roll, the hint under the QR code, is there too.
    assert "sebutkan nomor TT-LPSE/2026/000123" in text


def test_an_a5_with_25_documents_flows_onto_more_pages_with_the_header_repeated():
    data = receipt(documents=many_documents(25))
    pdf = _pdf(data)
    pages = [page.extract_text() for page in _reader(pdf).pages]
    assert len(pages) >= 2
    text = _flat("\n".join(pages))
    for item in data.documents:
        assert item.name in text
    for page_text in pages:
        if "Dokumen persyaratan" in page_text:
            assert "Berlaku" in page_text and "Catatan" in page_text
    assert all(f"Halaman {n}" in page for n, page in enumerate(pages, start=1))


def test_a_service_without_documents_says_so():
    text = _text(_pdf(receipt(documents=(), service_code="KONS", due_at=None)))
    assert "Tidak ada dokumen yang dipersyaratkan." in text


# --- same data, same bytes ---------------------------------------------------------------------


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("kind", ["tanda_terima", "belum_lengkap"])
def test_rendering_twice_gives_the_same_bytes(rendered, kind, paper):
    data = receipt() if kind == "tanda_terima" else slip()
    assert _pdf(data, paper) == rendered[kind, paper]


def test_a_fresh_process_renders_the_same_bytes(rendered):
    script = (
        "import hashlib, sys\n"
        "from tests.receipts.samples import SECRET, receipt\n"
        "from lpse_desk.domain.receipt import sign_receipt\n"
        "from lpse_desk.receipts.render import render_receipt\n"
        "data = receipt()\n"
        "pdf = render_receipt(data, signed=sign_receipt(data, SECRET), paper='A5')\n"
        "print(hashlib.sha256(pdf).hexdigest())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == hashlib.sha256(rendered["tanda_terima", "A5"]).hexdigest()


def test_other_data_gives_other_bytes(rendered):
    assert _pdf(receipt(queue_ticket="A-004")) != rendered["tanda_terima", "A5"]


# --- metadata and the signed summary ---------------------------------------------------------


def test_metadata_names_the_receipt_and_dates_it_at_issue(rendered):
    metadata = _reader(rendered["tanda_terima", "A5"]).metadata
    assert metadata["/Title"] == "Tanda Terima TT-LPSE/2026/000123"
    assert metadata["/Author"] == "LPSE Kota Bogor"
    assert metadata["/CreationDate"] == "D:20260610093000+07'00'"
    assert metadata["/ModDate"] == "D:20260610093000+07'00'"
    slip_metadata = _reader(rendered["belum_lengkap", "80mm"]).metadata
    assert slip_metadata["/Title"] == "Berkas Belum Lengkap TT-LPSE/2026/000123"


@pytest.mark.parametrize("paper", PAPERS)
def test_the_summary_in_the_pdf_verifies_with_the_right_secret_only(rendered, paper):
    data = receipt()
    signed = signed_summary_of_pdf(rendered["tanda_terima", paper])
    assert signed == sign_receipt(data, SECRET)
    assert read_signed(signed, SECRET) == summary_of(data, secret=SECRET)
    with pytest.raises(SignatureError, match="tidak cocok"):
        read_signed(signed, b"kunci-loket-lain-yang-panjang!!!")


def test_an_edited_summary_in_the_pdf_does_not_verify(rendered):
    pdf = rendered["tanda_terima", "A5"]
    signed = signed_summary_of_pdf(pdf)
    prefix, payload, mac = signed.split(".")
    tampered = f"{prefix}.{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}.{mac}"
    writer = PdfWriter(clone_from=_reader(pdf))
    writer.add_metadata({"/LPSEDeskSigned": tampered})
    out = io.BytesIO()
    writer.write(out)
    assert signed_summary_of_pdf(out.getvalue()) == tampered
    with pytest.raises(SignatureError):
        read_signed(tampered, SECRET)


@pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
    reason="needs poppler-utils and zbar-tools to read the QR code back",
)
@pytest.mark.parametrize("paper", PAPERS)
def test_the_qr_code_carries_the_signed_summary(rendered, paper, tmp_path):
    pdf_path = tmp_path / "tt.pdf"
    pdf_path.write_bytes(rendered["tanda_terima", paper])
    subprocess.run(
        ["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", pdf_path, tmp_path / "tt"],
        check=True,
        timeout=60,
    )
    image = next(tmp_path.glob("tt*.png"))
    done = subprocess.run(
        ["zbarimg", "-q", "--raw", image], capture_output=True, text=True, timeout=60
    )
    signed = sign_receipt(receipt(), SECRET)
    # The first line is what a phone shows; the second is the signed summary.
    assert done.stdout.strip() == qr_text(receipt(), signed)
    assert done.stdout.strip().split("\n") == [
        "Tanda terima LPSE Kota Bogor TT-LPSE/2026/000123 10-06-2026 09.30 WIB",
        signed,
    ]


# --- reading PDFs that are not receipts --------------------------------------------------------


def _plain_pdf(**metadata: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if metadata:
        writer.add_metadata(metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"bukan pdf",
        b"\x00\xff" * 500,
        b"%PDF-1.7\n" + b"\x00" * 100,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj trailer << /Root 1 0 R >>",
        _plain_pdf(),
        _plain_pdf(**{"/Title": "Tanda Terima palsu"}),
        _plain_pdf(**{"/LPSEDeskSigned": "bukan ringkasan"}),
        b"PDF teks",
    ],
)
def test_a_pdf_not_from_the_desk_gives_none(data):
    assert signed_summary_of_pdf(data) is None


def test_a_truncated_or_encrypted_receipt_gives_none(rendered):
    pdf = rendered["tanda_terima", "A5"]
    assert signed_summary_of_pdf(pdf[: len(pdf) // 3]) is None
    writer = PdfWriter(clone_from=_reader(pdf))
    writer.encrypt("rahasia")
    out = io.BytesIO()
    writer.write(out)
    assert signed_summary_of_pdf(out.getvalue()) is None


def test_a_receipt_saved_again_by_another_program_still_reads(rendered):
    pdf = rendered["tanda_terima", "80mm"]
    writer = PdfWriter(clone_from=_reader(pdf))
    out = io.BytesIO()
    writer.write(out)
    assert signed_summary_of_pdf(out.getvalue()) == signed_summary_of_pdf(pdf)
    assert signed_summary_of_pdf(bytearray(pdf)) == signed_summary_of_pdf(pdf)


def test_reading_something_that_is_not_bytes_is_refused_in_indonesian():
    with pytest.raises(ValidationError, match="Berkas PDF harus berupa bytes"):
        signed_summary_of_pdf("tanda-terima.pdf")  # type: ignore[arg-type]


# --- wrong arguments ---------------------------------------------------------------------------


def test_an_unknown_paper_is_refused():
    with pytest.raises(ValidationError, match="Ukuran kertas 'A4' tidak dikenal"):
        render_receipt(receipt(), signed=sign_receipt(receipt(), SECRET), paper="A4")


@pytest.mark.parametrize("signed", ["", "ringkasan\nberbaris", "ringkasan é", None])
def test_a_bad_signed_text_is_refused(signed):
    with pytest.raises(ValidationError, match="Ringkasan bertanda tangan digital tidak valid"):
        render_receipt(receipt(), signed=signed)  # type: ignore[arg-type]


def test_something_that_is_not_receipt_data_is_refused():
    with pytest.raises(ValidationError, match="Data tanda terima tidak valid"):
        render_receipt({"number": "TT"}, signed="LPSEDESK1.a.b")  # type: ignore[arg-type]


def test_a_receipt_stored_before_layout_2_is_drawn_again_as_it_was_issued():
    import json

    from lpse_desk.domain.receipt import ReceiptData

    raw = json.loads(slip(layout=3).to_json())
    del raw["layout"]  # what receipts stored before layout 2 hold
    for item in raw["documents"]:
        del item["meterai_invalid"], item["original_check"]
    old = ReceiptData.from_json(json.dumps(raw))
    assert old.layout == 1 and slip().layout == 4
    text = _flat(_text(_pdf(old)))
    assert "Budi Santoso, dengan Surat Kuasa" in text  # the wording the vendor signed then
    assert "Penyedia/kuasa" in text and "penerima kuasa" not in text
    assert _pdf(old) != _pdf(replace(old, layout=2))


# --- every layout draws the same bytes forever ------------------------------------------------

LAYOUT_SHA256 = {
    # Computed with the code before layout 3 existed (commit 249d627): receipts issued then
    # must still be drawn byte for byte the same, or verify and repair call them different.
    (1, "receipt", "A5"): "dbc5dd5e7bb5ccaf99d70667bc05f6fd2e75f9e2c3337c23ba45346e00c438f6",
    (1, "receipt", "80mm"): "458c9426dc73975e8a9942131d5f2938d914faa79be9a5b5a7d3fdfe17c1f072",
    (1, "slip", "A5"): "bc7f943ec99b3206d40f45ca3f226534eae73ab743ff9fc600ebe90213c49e59",
    (1, "slip", "80mm"): "b26879a226cda74b9bffa460fbe10172062aa0a75f1bfe446da09937549794a2",
    (1, "copy", "A5"): "038ce073b60dae6841bf8eb481c42d71ac3baa338af3149e316b6c03cc211db9",
    (1, "copy", "80mm"): "b19381ffb900652db8b473ff0f998ef9f38405ec71a977cbd24650fa5ad426a5",
    (2, "receipt", "A5"): "73894ac20d33dbe02e126421eb161cf29d1ac584b5e102779af04be7e0f88acb",
    (2, "receipt", "80mm"): "c0a1cb9d8f4470c7ec63caf916ff1d15a66cfd8afa02d792a4e524d9d086ba66",
    (2, "slip", "A5"): "22e896896bde59a73a4635a48ab3db5cdc9b8fcfd073ae28246f8ba6dc837f1f",
    (2, "slip", "80mm"): "b13e467d9cda28a14f3d4431f979c67d63e66cf88cefa1af1c74a864c0acc8c7",
    (2, "copy", "A5"): "91f85e9132c0f05cb6d8eac1aa65b9064ad19829f440803016372fc2d1cf0eef",
    (2, "copy", "80mm"): "89f6899a2691d9188aed2fe6040833f2cefea02a00afe4a86080ee295601b898",
    # Layout 3 as first issued: a later change of the page belongs to a new layout number.
    (3, "receipt", "A5"): "ddb168480f39453e76e631a9e2a1bb25cb25bfe685d66223a1c60a8b626ad5a7",
    (3, "receipt", "80mm"): "2530863b7ec74acbf9d523bc2fd9c0c45c9526e77469daf9d201a33087370151",
    (3, "slip", "A5"): "fd5cd63f2eee0faeb03cfb9f65bb4eff0107e36cba6daf305ca7fdad37f930a9",
    (3, "slip", "80mm"): "e163ab7ce3d26df4e42c1cf499beddd8b67455cd464cd4795c5ed5f525e08c51",
    (3, "copy", "A5"): "e32b06001f0482f258da7a8164188aab18c06ddbbe96ad65fb6327209f5fedc9",
    (3, "copy", "80mm"): "d9bbf7bbac579dbe432ffc3334c68f76be65b378c4dcf8003980fd074aa8bd9e",
    # Layout 4 as first issued (the office in the head, "Halaman 1 dari N", one A5 sheet).
    (4, "receipt", "A5"): "8c2326e3d88132ca7d55254ceed96be659892aaba9b12868865f233679e94b2e",
    (4, "receipt", "80mm"): "1d6d51af1e2e426d69a39b4ec8e7b5fa180a4886db99275d4e862c454a7ccf51",
    (4, "slip", "A5"): "65768b2ef02885f35c60aa8eb3160905c18db9750ee9391137818dbbf5c53720",
    (4, "slip", "80mm"): "dfb219e3b5ce314ad4d2f78938179315b7f010b00398643632ca71da16e8411c",
    (4, "copy", "A5"): "a0e830821ff40d706a25a4b7fd6774d720bbe75c9ecbcae4ab84713b425433af",
    (4, "copy", "80mm"): "82bca593ebbb876265585ee818d1584db9780c5655f85190596a47a65e4f8954",
}


def _stored_as(data, layout: int):
    """The sample as a receipt stored with ``layout`` holds it (layout 1: no such keys)."""
    import json

    from lpse_desk.domain.receipt import ReceiptData
    from lpse_desk.domain.receipt.data import OFFICE_FIELDS

    raw = json.loads(data.to_json())
    if layout < 4:  # receipts stored before layout 4 hold no office
        for name in OFFICE_FIELDS:
            del raw[name]
    if layout == 1:
        del raw["layout"]
        for item in raw["documents"]:
            del item["meterai_invalid"], item["original_check"]
    else:
        raw["layout"] = layout
    return ReceiptData.from_json(json.dumps(raw))


@pytest.mark.parametrize(("layout", "name", "paper"), sorted(LAYOUT_SHA256))
def test_each_layout_is_drawn_byte_for_byte_as_when_it_was_issued(layout, name, paper):
    data = {"receipt": receipt(), "slip": slip(), "copy": receipt().as_copy()}[name]
    stored = _stored_as(data, layout)
    pdf = render_receipt(stored, signed=sign_receipt(stored, SECRET), paper=paper)
    assert hashlib.sha256(pdf).hexdigest() == LAYOUT_SHA256[layout, name, paper]


def test_a_receipt_keeps_only_the_masked_nik_and_draws_the_same_page():
    """The director's NIK is printed masked, so the stored receipt keeps only that: a reprint
    from the masked NIK gives the very bytes the full one gave."""
    from lpse_desk.domain.privacy import mask_nik

    full = receipt()
    masked = replace(full, director_nik=mask_nik(full.director_nik))
    assert masked.director_nik == "3271********0001"
    assert _pdf(masked) == _pdf(full)  # the signed summary too: it holds the printed NIK
    for wrong in ("3271*******00001", "3271********000X", "****************"):
        with pytest.raises(ValidationError):
            replace(full, director_nik=wrong)
