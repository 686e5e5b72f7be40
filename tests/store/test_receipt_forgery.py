"""Forged receipts are TIDAK SAH, with the printed field that differs named.

Each forgery is a real PDF built the way a forger would: another receipt drawn with a copied
genuine signature, a white box with another name laid over the page, an incremental update
that blanks the page, a new PDF carrying a copied summary, a receipt of another installation.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas
from sqlmodel import select

from lpse_desk import receipts
from lpse_desk.domain.receipt import ReceiptData, SignatureError, sign_receipt
from lpse_desk.receipts.drawing import INFO_KEY
from lpse_desk.store import intake
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.receiptcheck import NotGenuine
from lpse_desk.store.tables import ReceiptRow
from tests.store.test_issuing import _complete, _started


@pytest.fixture
def desk(engine, clock, tmp_path):
    from lpse_desk import paths
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.store.intakedesk import IntakeDesk

    return IntakeDesk(engine=engine, catalog=load_catalog(), clock=clock,
                      calendar=WorkingCalendar.from_file(paths.calendar_file()),
                      receipts_dir=tmp_path / "receipts", render=receipts.render_receipt,
                      read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip


@pytest.fixture
def line(desk, engine, clock):
    from lpse_desk.domain.queue import QueuePolicy
    from lpse_desk.store.queuedesk import QueueDesk

    return QueueDesk(engine=engine, catalog=desk.catalog, calendar=desk.calendar, clock=clock,
                     policy=QueuePolicy())  # fmt: skip


def _verify(desk, pdf: bytes):
    return desk.verify(pdf, page_lines=receipts.page_lines)


@pytest.fixture
def issued(desk, line, engine, clock):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    return desk.finish("petugas", case.id, loket=1)


def _stored(engine, number: str) -> tuple[ReceiptData, bytes]:
    with read_session(engine) as session:
        row = session.exec(select(ReceiptRow).where(ReceiptRow.number == number)).one()
        return ReceiptData.from_json(row.payload), intake.installation_secret(session=session)


def test_the_genuine_receipt_and_its_copy_verify_with_every_signed_field(desk, issued, tmp_path):
    verified = _verify(desk, issued.path.read_bytes())
    assert (verified.number, verified.copy) == (issued.number, False)
    shown = dict(verified.fields)
    assert shown["Nama penyedia"] == "PT Cahaya Surya 301"
    assert shown["Pembawa berkas"].endswith("(direktur/pemilik)")
    assert shown["Paling lambat"].startswith("Kamis, 11 Juni 2026")
    assert any(label.startswith("Dokumen: ") for label in shown)
    copy = desk.reprint("admin", issued.number, out=tmp_path / "salinan.pdf")
    assert _verify(desk, copy.path.read_bytes()).copy is True


def test_a_receipt_drawn_again_with_another_name_and_the_copied_signature_is_refused(
    desk, issued, engine
):
    data, secret = _stored(engine, issued.number)
    forged = receipts.render_receipt(
        replace(data, vendor_name="CV Lain Sekali"), signed=sign_receipt(data, secret)
    )
    with pytest.raises(NotGenuine) as refused:
        _verify(desk, forged)
    differences = "\n".join(refused.value.differences)
    assert (
        "Nama penyedia: di berkas 'CV Lain Sekali', tercatat 'PT Cahaya Surya 301'" in differences
    )
    assert dict(refused.value.fields)["Nama penyedia"] == "PT Cahaya Surya 301"


def _overlay(text: str) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(419.53, 595.28))
    page.setFillColorRGB(1, 1, 1)
    page.rect(60, 380, 250, 14, stroke=0, fill=1)
    page.setFillColorRGB(0, 0, 0)
    page.drawString(62, 383, text)
    page.save()
    return out.getvalue()


def test_a_white_box_with_another_name_over_the_page_is_refused(desk, issued):
    reader = PdfReader(io.BytesIO(issued.path.read_bytes()))
    writer = PdfWriter(clone_from=reader)
    writer.pages[0].merge_page(PdfReader(io.BytesIO(_overlay("CV Penipu Jaya"))).pages[0])
    out = io.BytesIO()
    writer.write(out)
    forged = out.getvalue()
    assert desk.read_pdf(forged)  # the signed summary came along
    with pytest.raises(NotGenuine) as refused:
        _verify(desk, forged)
    assert any("CV Penipu Jaya" in text for text in refused.value.differences)


def test_an_incremental_update_that_blanks_the_page_is_refused(desk, issued):
    original = issued.path.read_bytes()
    writer = PdfWriter(io.BytesIO(original), incremental=True)
    blank = PdfReader(io.BytesIO(_overlay(""))).pages[0]
    writer.pages[0].replace_contents(blank.get_contents())
    out = io.BytesIO()
    writer.write(out)
    forged = out.getvalue()
    assert forged.startswith(original) and len(forged) > len(original)
    with pytest.raises(NotGenuine) as refused:
        _verify(desk, forged)
    assert "incremental update" in refused.value.differences[0]
    assert any("tidak ada di berkas" in text for text in refused.value.differences)


def test_a_new_pdf_carrying_a_copied_summary_is_refused(desk, issued):
    signed = desk.read_pdf(issued.path.read_bytes())
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "TANDA TERIMA BERKAS - PT Palsu")
    page.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    writer.add_metadata({f"/{INFO_KEY}": signed})
    forged = io.BytesIO()
    writer.write(forged)
    with pytest.raises(NotGenuine) as refused:
        _verify(desk, forged.getvalue())
    assert "tidak sama dengan tanda terima" in str(refused.value)
    assert refused.value.differences  # the missing fields are listed


def test_a_receipt_of_another_installation_is_refused(desk, issued, engine):
    with write_session(engine) as session:
        from lpse_desk.store import meta

        meta.put(session=session, key=intake.SECRET_KEY, value="ab" * 32)  # another key
    with pytest.raises(SignatureError, match="bukan dibuat dengan kunci loket ini"):
        _verify(desk, issued.path.read_bytes())


def test_a_tampered_stored_record_does_not_make_a_forgery_genuine(desk, issued, engine):
    data, secret = _stored(engine, issued.number)
    changed = replace(data, vendor_name="CV Lain Sekali")
    forged = receipts.render_receipt(changed, signed=sign_receipt(data, secret))
    with write_session(engine) as session:  # someone edits the row to match the forgery
        row = session.exec(select(ReceiptRow).where(ReceiptRow.number == issued.number)).one()
        row.payload = changed.to_json()
        session.add(row)
    with pytest.raises(NotGenuine, match="Ringkasan bertanda tangan tidak cocok.*fields"):
        _verify(desk, forged)


def test_a_layout_2_receipt_issued_before_this_change_still_verifies(desk, issued, engine):
    data, secret = _stored(engine, issued.number)
    old = replace(data, layout=2)
    pdf = receipts.render_receipt(old, signed=sign_receipt(old, secret))
    with write_session(engine) as session:
        row = session.exec(select(ReceiptRow).where(ReceiptRow.number == issued.number)).one()
        row.payload = old.to_json()
        session.add(row)
    assert json.loads(old.to_json())["layout"] == 2
    assert _verify(desk, pdf).number == issued.number
