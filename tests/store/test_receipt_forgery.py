"""Forged receipts are TIDAK SAH, with the printed field that differs named.

Each forgery is a real PDF built the way a forger would: the vendor's name edited in the page's
content stream, a white box with another name laid over it, an incremental update that blanks
the page, a new ReportLab page carrying a copied summary, another receipt drawn with a copied
genuine signature, a receipt of another installation, a database row edited to match a forgery.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import replace

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas
from sqlmodel import select

from lpse_desk import receipts
from lpse_desk.domain.receipt import ReceiptData, SignatureError, sign_receipt
from lpse_desk.domain.receipt.data import OFFICE_FIELDS
from lpse_desk.receipts.drawing import INFO_KEY
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import meta
from lpse_desk.store.services.receiptcheck import NotGenuine
from lpse_desk.store.tables.cases import ReceiptRow
from tests.store.actors import RATNA, P, seed
from tests.store.test_issuing import _complete, _started

VENDOR = "PT Cahaya Surya 301"


@pytest.fixture(autouse=True)
def _actors(engine, clock):
    """The staff accounts the tests act as (the desk checks each one's role)."""
    seed(engine, clock)


@pytest.fixture
def desk(engine, clock, tmp_path):
    from lpse_desk import paths
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.store.services.intake import IntakeDesk

    return IntakeDesk(engine=engine, catalog=load_catalog(), clock=clock,
                      calendar=WorkingCalendar.from_file(paths.calendar_file()),
                      receipts_dir=tmp_path / "receipts", render=receipts.render_receipt,
                      read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip


@pytest.fixture
def line(desk, engine, clock):
    from lpse_desk.domain.queue.rules import QueuePolicy
    from lpse_desk.store.services.queue import QueueDesk

    return QueueDesk(engine=engine, catalog=desk.catalog, calendar=desk.calendar, clock=clock,
                     policy=QueuePolicy())  # fmt: skip


def _verify(desk, pdf: bytes):
    return desk.verify(pdf, page_lines=receipts.page_lines)


@pytest.fixture
def issued(desk, line, engine, clock):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    return desk.finish(P, case.id, loket=1)


def _stored(engine, number: str) -> tuple[ReceiptData, bytes]:
    with read_session(engine) as session:
        row = session.exec(select(ReceiptRow).where(ReceiptRow.number == number)).one()
        return ReceiptData.from_json(row.payload), meta.installation_secret(session=session)


def _store_row(engine, number: str, **values) -> None:
    """Edit the receipt's row directly, as someone with the database file could."""
    with write_session(engine) as session:
        row = session.exec(select(ReceiptRow).where(ReceiptRow.number == number)).one()
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _refused(desk, pdf: bytes) -> NotGenuine:
    with pytest.raises(NotGenuine) as refused:
        _verify(desk, pdf)
    return refused.value


def test_the_genuine_receipt_and_its_copy_verify_with_every_signed_field(desk, issued, tmp_path):
    verified = _verify(desk, issued.path.read_bytes())
    assert (verified.number, verified.copy) == (issued.number, False)
    shown = dict(verified.fields)
    assert shown["Nama penyedia"] == VENDOR
    assert shown["Pembawa berkas"].endswith("(direktur/pemilik, datang sendiri)")
    assert shown["Paling lambat"].startswith("Kamis, 11 Juni 2026")
    assert shown["NPWP"].count(" ") == 3  # a company's NPWP, as the page prints it
    assert any(label.startswith("Dokumen 1: ") for label in shown)
    first = desk.reprint(RATNA, issued.number, out=tmp_path / "salinan.pdf")
    second = desk.reprint(RATNA, issued.number, out=tmp_path / "salinan-2.pdf")
    copy = first.path.read_bytes()
    assert copy == second.path.read_bytes()  # a SALINAN is drawn the same every time
    verified = _verify(desk, copy)
    assert verified.copy is True
    assert dict(verified.fields)["Jenis"] == "TANDA TERIMA BERKAS (SALINAN)"


def test_a_vendor_name_edited_in_the_content_stream_is_refused_and_named(desk, issued):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(issued.path.read_bytes())))
    contents = writer.pages[0].get_contents()
    stream = contents.get_data()
    assert stream.count(f"({VENDOR})".encode()) == 1
    contents.set_data(stream.replace(f"({VENDOR})".encode(), b"(PT Surya Cahaya 301)"))
    writer.pages[0].replace_contents(contents)
    forged = _written(writer)
    assert desk.read_pdf(forged)  # the genuine signed summary is still in the metadata
    refused = _refused(desk, forged)
    expected = f"Nama penyedia: di berkas 'PT Surya Cahaya 301', tercatat '{VENDOR}'"
    assert refused.differences == [expected]
    assert expected in str(refused)
    assert dict(refused.fields)["Nama penyedia"] == VENDOR


def test_a_receipt_drawn_again_with_another_name_and_the_copied_signature_is_refused(
    desk, issued, engine
):
    data, secret = _stored(engine, issued.number)
    forged = receipts.render_receipt(
        replace(data, vendor_name="CV Lain Sekali"), signed=sign_receipt(data, secret)
    )
    refused = _refused(desk, forged)
    assert f"Nama penyedia: di berkas 'CV Lain Sekali', tercatat '{VENDOR}'" in refused.differences


def _white_box_over(pdf: bytes, where: tuple[int, float, float, str], text: str) -> bytes:
    _, x, y, _ = where
    drawn = io.BytesIO()
    page = canvas.Canvas(drawn, pagesize=(419.53, 595.28))
    page.setFillColorRGB(1, 1, 1)
    page.rect(x - 1, y - 3, 160, 12, stroke=0, fill=1)
    page.setFillColorRGB(0, 0, 0)
    page.drawString(x, y, text)
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(drawn.getvalue())).pages[0])
    return _written(writer)


def test_a_white_box_with_another_name_over_the_vendor_is_refused(desk, issued):
    genuine = issued.path.read_bytes()
    name = next(line for line in receipts.page_lines(genuine) if line[3] == VENDOR)
    forged = _white_box_over(genuine, name, "CV Penipu Jaya")
    refused = _refused(desk, forged)
    (only,) = refused.differences
    assert only.startswith(f"Nama penyedia: di berkas tertulis juga 'CV Penipu Jaya' di atas "
                           f"isian yang tercatat '{VENDOR}' (keduanya ada di berkas")  # fmt: skip


def test_an_incremental_update_that_blanks_the_page_is_refused(desk, issued):
    original = issued.path.read_bytes()
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    writer.pages[0].replace_contents(PdfReader(io.BytesIO(_blank_page())).pages[0].get_contents())
    forged = _written(writer)
    assert forged.startswith(original) and len(forged) > len(original)
    refused = _refused(desk, forged)
    assert "incremental update" in refused.differences[0]
    assert "bukan halaman tanda terima tersebut" in refused.differences[1]
    assert "Nomor: tercatat 'TT-LPSE/2026/000001', tidak ada di berkas" in refused.differences
    assert refused.differences[-1].startswith("… dan ")  # the rest counted, not listed


def test_bytes_added_after_a_genuine_file_are_refused(desk, issued):
    refused = _refused(desk, issued.path.read_bytes() + b"\n\n")
    assert refused.differences == [
        "berkas asli dengan 2 byte tambahan di akhirnya; minta berkas aslinya atau periksa "
        "kertasnya dengan isi yang tercatat"
    ]


def _blank_page() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(419.53, 595.28))
    page.showPage()
    page.save()
    return out.getvalue()


def test_a_new_pdf_carrying_a_copied_summary_is_refused(desk, issued):
    signed = desk.read_pdf(issued.path.read_bytes())
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setAuthor("LPSE Kota Bogor")
    page.drawString(72, 720, "TANDA TERIMA BERKAS - PT Palsu")
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    writer.add_metadata({f"/{INFO_KEY}": signed})
    refused = _refused(desk, _written(writer))
    assert "tidak sama dengan tanda terima" in str(refused)
    assert "bukan halaman tanda terima tersebut" in refused.differences[0]
    assert "disalin ke PDF lain" in refused.differences[0]


def test_a_receipt_of_another_installation_is_refused(desk, issued, engine):
    with write_session(engine) as session:
        meta.put(session=session, key=meta.SECRET_KEY, value="ab" * 32)  # another key
    with pytest.raises(SignatureError, match="bukan dibuat dengan kunci loket ini") as refused:
        _verify(desk, issued.path.read_bytes())
    assert not isinstance(refused.value, NotGenuine)  # nothing on record is shown


def test_a_tampered_stored_record_does_not_make_a_forgery_genuine(desk, issued, engine):
    data, secret = _stored(engine, issued.number)
    changed = replace(data, vendor_name="CV Lain Sekali")
    forged = receipts.render_receipt(changed, signed=sign_receipt(data, secret))
    _store_row(engine, issued.number, payload=changed.to_json())  # edited to match the forgery
    refused = _refused(desk, forged)
    assert "data tersimpan telah diubah" in str(refused)
    assert "isian yang tercetak" in str(refused)
    # What is shown comes from the signature, not from the edited row.
    assert [label for label, _ in refused.fields] == ["Nomor", "Jenis", "Waktu terbit", "Layanan"]
    assert "CV Lain Sekali" not in json.dumps(refused.fields)


def _as_layout_2(engine, number: str) -> tuple[ReceiptData, bytes, bytes]:
    """The receipt as it was stored and printed before layout 3 (summary v1)."""
    data, secret = _stored(engine, number)
    old = replace(data, layout=2, **dict.fromkeys(OFFICE_FIELDS, ""))  # no office before 4
    pdf = receipts.render_receipt(old, signed=sign_receipt(old, secret))
    _store_row(engine, number, payload=old.to_json(), sha256=hashlib.sha256(pdf).hexdigest())
    return old, secret, pdf


def test_a_layout_2_receipt_issued_before_this_change_still_verifies(desk, issued, engine):
    old, _, pdf = _as_layout_2(engine, issued.number)
    assert json.loads(old.to_json())["layout"] == 2
    verified = _verify(desk, pdf)
    assert verified.number == issued.number
    assert dict(verified.fields)["Nama penyedia"] == VENDOR


def test_an_old_receipt_whose_row_was_edited_to_match_a_forgery_is_refused(desk, issued, engine):
    # Summary v1 names no vendor: the stored hash of the first file still catches this.
    old, secret, _ = _as_layout_2(engine, issued.number)
    changed = replace(old, vendor_name="CV Lain Sekali")
    forged = receipts.render_receipt(changed, signed=sign_receipt(old, secret))
    _store_row(engine, issued.number, payload=changed.to_json())
    with pytest.raises(NotGenuine, match="berbeda dari berkas yang tercatat saat diterbitkan"):
        _verify(desk, forged)
