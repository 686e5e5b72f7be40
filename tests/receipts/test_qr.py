"""The receipt's QR code: the fast mask choice is ReportLab's own, module for module."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.barcode import qrencoder

from lpse_desk.domain.receipt import sign_receipt
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
    "data", [receipt(), slip(), receipt().as_copy(), receipt(documents=many_documents(25))]
)
def test_the_matrix_equals_what_reportlab_makes(data):
    signed = sign_receipt(data, SECRET)
    code = _reportlab(signed)
    code.make()
    matrix = qr_matrix(signed)
    assert matrix == _rows(code)
    assert len(matrix) == code.getModuleCount()


def test_a_typical_receipt_fits_a_version_14_code():
    code = _reportlab(sign_receipt(receipt(), SECRET))
    code.make()
    assert code.version <= 14  # 73 modules: 0.35 mm each on A5, 0.44 mm on the roll
