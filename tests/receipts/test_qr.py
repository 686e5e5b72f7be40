"""The receipt's QR code: the fast mask choice is ReportLab's own, module for module."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder

from lpse_desk.domain.receipt import sign_receipt
from lpse_desk.domain.receipt.printed import qr_text
from lpse_desk.receipts.qr import mask_penalty, qr_matrix
from tests.receipts.samples import SECRET, many_documents, receipt, slip

SIGNED_LIKE = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-",
    min_size=1,
    max_size=700,
)


def _reportlab(text: str) -> qrencoder.QRCode:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    return code


def _rows(code: qrencoder.QRCode) -> list[str]:
    return ["".join("1" if dark else "0" for dark in row) for row in code.modules]


@settings(max_examples=25, deadline=None)
@given(SIGNED_LIKE, st.integers(min_value=0, max_value=7))
def test_the_penalty_equals_reportlabs(text, mask):
    code = _reportlab(text)
    code.version = code.calculate_version()
    code.makeImpl(True, mask)
    assert mask_penalty(_rows(code)) == qrencoder.QRUtil.getLostPoint(code)


@pytest.mark.parametrize(
    "data",
    [
        receipt(),
        slip(),
        receipt().as_copy(),
        receipt(documents=many_documents(25)),
        receipt(layout=2),
        receipt(layout=2, documents=many_documents(25)),
    ],
)
def test_the_matrix_equals_what_reportlab_makes(data):
    printed = qr_text(data, sign_receipt(data, SECRET))  # what the page's code holds
    code = _reportlab(printed)
    code.make()
    matrix = qr_matrix(printed)
    assert matrix == _rows(code)
    assert len(matrix) == code.getModuleCount()


@settings(max_examples=15, deadline=None)
@given(SIGNED_LIKE)
def test_the_matrix_of_any_text_equals_what_reportlab_makes(text):
    # Small codes (no version bits) and large ones (version 7 and up carry them).
    code = _reportlab(text)
    code.make()
    assert qr_matrix(text) == _rows(code)


@pytest.mark.parametrize(
    "data",
    [receipt(), slip().as_copy(), receipt(documents=many_documents(25)), receipt(layout=2)],
)
def test_every_layout_3_receipt_and_a_typical_older_one_fit_a_version_14_code(data):
    # The phone-readable line costs modules: it is kept short so the code, whatever the
    # documents (summary v2 lists none), stays 73 modules: 0.35 mm on A5, 0.44 mm on the roll.
    code = _reportlab(qr_text(data, sign_receipt(data, SECRET)))
    code.make()
    assert code.version <= 14
