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
    """The QR code of ``text`` at level M as rows of ``0``/``1`` (``1`` dark), quiet zone apart."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()

    def rows() -> list[str]:
        return [bytes(row).translate(_AS_DIGITS).decode("ascii") for row in code.modules]

    penalties = []
    for mask in range(8):
        code.makeImpl(True, mask)
        penalties.append(mask_penalty(rows()))
    code.makeImpl(False, penalties.index(min(penalties)))  # the first best, as ReportLab picks
    return rows()


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
