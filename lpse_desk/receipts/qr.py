"""The QR code on a receipt: ReportLab's encoder, a faster mask choice, direct drawing.

ReportLab's ``QrCodeWidget`` encodes the text twice and draws one validated shape per module
(about 100 ms a receipt); its encoder spends most of its own time scoring the eight masks
with list-based penalty rules (about 25 ms). Here the encoder still builds the matrices, the
same penalty is computed on strings and integers (``mask_penalty``, equal to ReportLab's
``QRUtil.getLostPoint``, so the same mask wins), and each run of dark modules is drawn as one
rectangle straight onto the canvas.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

QUIET_ZONE = 4
"""Modules of white around the code, as the standard asks."""

_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = "10111010000"
_DARK_RUN = re.compile(r"1+")
_AS_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def mask_penalty(rows: list[str]) -> int:
    """ReportLab's mask penalty for a matrix given as rows of ``0``/``1`` characters."""
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    size = len(rows)
    # Rule 1: each run of five or more equal modules, in rows and columns.
    score = sum(len(run.group()) - 2 for line in rows + columns for run in _RUN.finditer(line))
    # Rule 2: each 2x2 block of one colour.
    inner = (1 << (size - 1)) - 1
    bits = [int(row, 2) for row in rows]
    for upper, lower in zip(bits, bits[1:], strict=False):
        same = ~(upper ^ lower)
        score += 3 * (same & (same >> 1) & ~(upper ^ (upper >> 1)) & inner).bit_count()
    # Rule 3: the finder-like pattern. ReportLab's version finds it in rows only (its column
    # pass compares tuples with a list) and never at the last position; kept as is, so the
    # mask chosen is the one ReportLab itself would choose.
    score += 40 * sum(row[:-1].count(_FINDER_LIKE) for row in rows)
    # Rule 4: how far the share of dark modules is from half.
    dark = sum(row.count("1") for row in rows)
    return score + 10 * (abs(100 * dark // (size * size) - 50) // 5)


def qr_matrix(text: str) -> list[str]:
    """The QR code of ``text`` at level M as rows of ``0``/``1`` (``1`` dark), quiet zone apart.

    ReportLab lays out the data once per mask (nine times; ~4 ms each at version 14). Here it
    is laid out once: the eight candidates differ only by their mask on the data modules,
    applied as one XOR per row (``_mask_rows``, cached per version), and the chosen one gets
    its format and version bits from ReportLab's own functions, so the result is exactly what
    ReportLab's ``make()`` gives (``tests/receipts/test_qr.py`` compares them).
    """
    from reportlab.graphics.barcode import qrencoder

    _cache_generator_polynomials(qrencoder)
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(True, 0)  # as ReportLab scores: format and version bits left light
    size = code.moduleCount
    masks = _mask_rows(code.version)
    unmasked = [int(row, 2) ^ masks[0][number] for number, row in enumerate(_rows(code))]
    penalties = [
        mask_penalty([format(bits ^ mask[n], f"0{size}b") for n, bits in enumerate(unmasked)])
        for mask in masks
    ]
    best = penalties.index(min(penalties))  # the first best, as ReportLab picks
    code.setupTypeInfo(False, best)  # format and version bits: not data modules, unmasked
    if code.version >= 7:
        code.setupTypeNumber(False)
    return [
        format(int(row, 2) ^ masks[0][n] ^ masks[best][n], f"0{size}b")
        for n, row in enumerate(_rows(code))
    ]


def _cache_generator_polynomials(qrencoder: Any) -> None:
    """ReportLab builds the Reed-Solomon generator polynomial again for every block of every
    code (a third of a receipt's QR time); it depends only on the block's length and is never
    modified, so it is built once per length."""
    util = qrencoder.QRUtil
    if not getattr(util, "lpse_desk_cached", False):
        build = util.getErrorCorrectPolynomial
        util.getErrorCorrectPolynomial = staticmethod(lru_cache(maxsize=64)(build))
        util.lpse_desk_cached = True


def _rows(code: Any) -> list[str]:
    return [bytes(row).translate(_AS_DIGITS).decode("ascii") for row in code.modules]


@lru_cache(maxsize=8)
def _mask_rows(version: int) -> tuple[tuple[int, ...], ...]:
    """For each of the eight masks, per row, the data modules it darkens (as bits)."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    code.version = version
    code.moduleCount = size = version * 4 + 17
    positions = list(code._dataPosIterator())  # ReportLab's own order of the data modules
    masks = []
    for pattern in range(8):
        darken = qrencoder.QRUtil.getMask(pattern)
        rows = [0] * size
        for column, row in positions:
            if darken(row, column):
                rows[row] |= 1 << (size - 1 - column)
        masks.append(tuple(rows))
    return tuple(masks)


def qr_code(text: str, size: float) -> Any:
    """A flowable drawing the QR code of ``text``, ``size`` points square with its quiet zone."""
    from reportlab.platypus import Flowable

    matrix = qr_matrix(text)
    count = len(matrix)
    module = size / (count + 2 * QUIET_ZONE)

    class QrFlowable(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return size, size

        def draw(self) -> None:
            # Module units under a scaling matrix: the numbers stay short integers.
            rects = [
                f"{QUIET_ZONE + run.start()} {count + QUIET_ZONE - 1 - number} "
                f"{run.end() - run.start()} 1 re"
                for number, row in enumerate(matrix)
                for run in _DARK_RUN.finditer(row)
            ]
            scale = f"{module:.5f}"
            self.canv.addLiteral(f"q 0 g {scale} 0 0 {scale} 0 0 cm {' '.join(rects)} f Q")

    return QrFlowable()
