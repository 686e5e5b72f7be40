"""Layout 4 (issue 17): the usual file on one A5 sheet, the unit's office in the head and in
the signature, optional documents not brought in one line, "Halaman 1 dari 2" and a deadline
at the end of a working day written as 24.00."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.receipt import sign_receipt
from lpse_desk.domain.receipt.printed import LEFT_HOME, fields_digest, printed_fields
from lpse_desk.receipts.render import render_receipt
from tests.receipts.samples import OFFICE, SECRET, doc, many_documents, receipt


def _pages(data) -> list[str]:
    pdf = render_receipt(data, signed=sign_receipt(data, SECRET), paper="A5")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("count", [2, 5, 8])
def test_the_usual_file_fits_one_a5_sheet_with_signatures_and_qr(count):
    (page,) = _pages(receipt(documents=many_documents(count)))
    assert f"Dokumen persyaratan ke-{count} untuk" in page
    assert "Petugas loket" in page and "Direktur/pemilik" in page  # both signature boxes
    assert "Kode QR ini bertanda tangan digital" in page  # the line beside the code
    assert page.endswith("Halaman 1 dari 1")


UID_BY_PROXY = ("surat_permohonan", "surat_kuasa", "ktp_direktur", "npwp_perusahaan",
                "npwp_direktur", "nib", "akta", "pengesahan_kemenkumham")  # fmt: skip
"""The eight documents of a PT asking its user ID through a proxy: the catalog's longest."""


def test_the_longest_usual_file_and_its_copy_fit_one_sheet():
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.receipttext import next_step

    uid = load_catalog().services["UID"]
    names = {requirement.id: requirement.name for requirement in uid.requirements}
    documents = tuple(doc(key, names[key]) for key in UID_BY_PROXY)
    data = receipt(documents=documents, service_code="UID", next_step=next_step("tanda_terima"),
                   bearer_name="Nur Aini", bearer_is_director=False)  # fmt: skip
    assert len(_pages(data)) == 1
    (copy,) = _pages(data.as_copy())
    assert "SALINAN (cetak ulang)" in copy


def test_a_longer_file_says_page_one_of_two():
    first, second = _pages(receipt(documents=many_documents(14)))
    assert first.endswith("Halaman 1 dari 2") and second.endswith("Halaman 2 dari 2")
    assert "Petugas loket" in second  # the closing block stays whole, with the signatures


def test_the_head_names_the_office_and_the_signature_covers_it():
    (page,) = _pages(receipt())
    for value in OFFICE.values():
        assert value in page
    fields = dict(printed_fields(receipt()))
    assert fields["Kantor"] == OFFICE["office_address"]
    assert fields["Jam layanan"] == "Senin–Jumat 08.00–15.00 WIB"
    moved = receipt(office_address="Jl. Lain No. 2, Kota Bogor")
    assert fields_digest(moved) != fields_digest(receipt())  # a changed head is a forgery


def test_optional_documents_left_home_are_one_line_not_rows():
    documents = (
        doc("ktp", "KTP direktur"),
        doc("akta", "Akta perusahaan", mandatory=False, asked=False, shown=False, kept=False),
        doc("sbu", "SBU lama", mandatory=False, asked=False, shown=False, kept=False),
    )  # fmt: skip
    data = receipt(documents=documents)
    (page,) = _pages(data)
    assert f"{LEFT_HOME}: Akta perusahaan; SBU lama." in page
    assert "tidak diminta" not in page  # no row of "tidak diminta" for them
    fields = printed_fields(data)
    assert (LEFT_HOME, "Akta perusahaan; SBU lama") in fields
    assert [label for label, _ in fields if label.startswith("Dokumen ")] == [
        "Dokumen 1: KTP direktur"
    ]
    # Layout 3 still prints them as rows, as it always did.
    old = dict(printed_fields(receipt(documents=documents, layout=3)))
    assert "Dokumen 3: SBU lama (tidak wajib)" in old


def test_a_deadline_at_midnight_reads_24_00_of_the_working_day_before():
    midnight = datetime(2026, 7, 14, 0, 0, tzinfo=WIB)  # Selasa 00.00 = Senin's end
    data = receipt(due_at=midnight)
    (page,) = _pages(data)
    assert "Paling lambat Senin, 13 Juli 2026 pukul 24.00 WIB" in page
    assert "Selasa" not in page
    assert dict(printed_fields(data))["Paling lambat"] == "Senin, 13 Juli 2026 pukul 24.00 WIB"
