"""What differs between a genuine receipt page and a suspect one, in words an officer checks.

Both pages come as placed lines ``(page, x, y, text)`` in drawing order (``receipts.pdfread``).
The texts are compared as a sequence (a changed name, a page drawn again with other data), and
a line the genuine page lacks is placed: text drawn over a field that is still there is an
overlay (a white box with another name leaves both in the file), not a replacement.
"""

from __future__ import annotations

import difflib

PlacedLine = tuple[int, float, float, str]
"""One line of text: page (from 0), x and y where it starts (points), the text."""

MAX_DIFFERENCES = 12
_NEAR = 6.0
"""Points: a line laid within this distance of a field's line sits over that field."""


class Fields:
    """Names the printed field a line of the genuine page belongs to."""

    def __init__(self, printed: list[tuple[str, str]], genuine: list[PlacedLine]) -> None:
        # "Nama penyedia" is printed at the start of its value's row; a document's line is
        # named by the document, printed in its own row or block.
        self._row_labels = {label for label, _ in printed if ": " not in label}
        names = [(label.split(": ", 1)[1], label) for label, _ in printed if ": " in label]
        values = [(value, label) for label, value in printed if len(value) >= 3]
        # Longest first, so "PT Cahaya Surya 301" wins over a shorter value inside it.
        self._texts = sorted(names + values, key=lambda pair: -len(pair[0]))
        self._names = sorted(names, key=lambda pair: -len(pair[0]))
        self._genuine = genuine

    def _by_text(self, text: str, *, names_only: bool = False) -> str | None:
        for value, label in self._names if names_only else self._texts:
            if value in text or (len(text) >= 6 and text in value):
                return label
        return None

    def of(self, line: PlacedLine) -> str:
        """The field's label (``Nama penyedia``), or ``isi halaman`` when none fits."""
        page, x, y, text = line
        if text in self._row_labels:
            return text
        if "SALINAN" in text:  # the watermark or the roll's box of a reprint
            return "Jenis"
        left = sorted(
            (
                other
                for other in self._genuine
                if other[0] == page and abs(other[2] - y) < 0.5 and other[1] < x
            ),
            key=lambda other: -other[1],
        )
        for other in left:
            if other[3] in self._row_labels:
                return other[3]
        if label := self._by_text(text):
            return label
        for other in left:  # a mark or note in a document's row: named by the document
            if label := self._by_text(other[3], names_only=True):
                return label
        return "isi halaman"


def _nearest(line: PlacedLine, genuine: list[PlacedLine]) -> PlacedLine | None:
    page, x, y, _ = line
    near = [
        other
        for other in genuine
        if other[0] == page and abs(other[2] - y) <= _NEAR and abs(other[1] - x) <= 40
    ]
    return min(near, key=lambda other: abs(other[2] - y) * 4 + abs(other[1] - x), default=None)


def differences(
    genuine: list[PlacedLine], shown: list[PlacedLine], printed: list[tuple[str, str]]
) -> list[str]:
    """Each difference of ``shown`` from ``genuine``, naming the printed field it touches."""
    fields = Fields(printed, genuine)
    matcher = difflib.SequenceMatcher(
        a=[line[3] for line in genuine], b=[line[3] for line in shown], autojunk=False
    )
    kept = {a_index for block in matcher.get_matching_blocks() for a_index in _span(block)}
    found: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = genuine[a1:a2], shown[b1:b2]
        for index in range(max(len(old), len(new))):
            before = old[index] if index < len(old) else None
            after = new[index] if index < len(new) else None
            if before is None:
                found.append(_added(after, genuine, kept, fields))
            elif after is None:
                found.append(f"{fields.of(before)}: tercatat '{before[3]}', tidak ada di berkas")
            else:
                found.append(f"{fields.of(before)}: di berkas '{after[3]}', tercatat '{before[3]}'")
    if genuine and len(kept) < len(genuine) / 2:
        found.insert(
            0,
            f"{len(genuine) - len(kept)} dari {len(genuine)} baris tanda terima yang tercatat "
            "tidak ada di halaman berkas: ini bukan halaman tanda terima tersebut (isinya "
            "dihapus atau ditimpa, atau ringkasan bertanda tangannya disalin ke PDF lain)",
        )
    if len(found) > MAX_DIFFERENCES:
        rest = len(found) - MAX_DIFFERENCES
        found = [*found[:MAX_DIFFERENCES], f"… dan {rest} perbedaan lain"]
    return found


def _span(block: difflib.Match) -> range:
    return range(block.a, block.a + block.size)


def _added(line: PlacedLine, genuine: list[PlacedLine], kept: set[int], fields: Fields) -> str:
    under = _nearest(line, genuine)
    if under is None:
        return (
            f"teks tambahan di halaman {line[0] + 1} yang tidak ada pada tanda terima asli: "
            f"'{line[3]}'"
        )
    still_there = genuine.index(under) in kept
    if still_there:
        return (
            f"{fields.of(under)}: di berkas tertulis juga '{line[3]}' di atas isian yang "
            f"tercatat '{under[3]}' (keduanya ada di berkas: isian asli kemungkinan ditutup, "
            "mis. dengan kotak putih)"
        )
    return f"{fields.of(under)}: di berkas '{line[3]}', tercatat '{under[3]}'"
