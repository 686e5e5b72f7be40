"""Text from outside (CSV files, forms) is data: printed visibly, numbers refused politely."""

from __future__ import annotations

from datetime import date

import pytest

from lpse_desk.catalog import load_catalog
from lpse_desk.domain.csvfile import format_problems
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.ikm.index import UNSUR_KEYS, check_evaluation, check_score
from lpse_desk.domain.ikm.paper import parse_paper_responses
from lpse_desk.domain.ikm.profile import check_age
from lpse_desk.domain.textfmt import printable

HUGE = "9" * 5000
"""Longer than int() reads (4,300 digits): a paste accident, not a score."""

TODAY = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("PT Maju [/] Jaya", "PT Maju [/] Jaya"),
        ("a\tb\nc", "a\\tb\\nc"),
        ("\x1b[2J\x1b[31mmerah", "\\x1b[2J\\x1b[31mmerah"),
        ("cr\rlf", "cr\\rlf"),
        ("del\x7f c1\x85 nul\x00", "del\\x7f c1\\x85 nul\\x00"),
        ("baris\u2028baru", "baris\\u2028baru"),
        ("abc\u202egfed", "abc\\u202egfed"),
        ("Zoë Łukasiewicz-Nguyễn", "Zoë Łukasiewicz-Nguyễn"),
        (None, ""),
    ],
)
def test_printable_shows_every_control_character_as_an_escape(text, shown):
    assert printable(text) == shown
    assert printable(text).isprintable()


def test_printable_may_keep_the_lines_of_a_message():
    assert printable("baris 2: \x1b[31m\nbaris 3", keep_newlines=True) == (
        "baris 2: \\x1b[31m\nbaris 3"
    )


@pytest.mark.parametrize(
    ("check", "args"),
    [
        (check_score, {"unsur": "u1"}),
        (check_evaluation, {}),
        (check_age, {}),
    ],
)
def test_a_number_longer_than_int_reads_is_a_validation_error(check, args):
    with pytest.raises(ValidationError):
        check(HUGE, **args)


def _paper(*rows: str) -> bytes:
    header = "tanggal;layanan;" + ";".join(UNSUR_KEYS) + ";usia"
    return ("\n".join((header, *rows)) + "\n").encode()


def test_the_paper_ikm_import_names_line_and_column_of_a_huge_number():
    data = _paper(
        f"2026-06-01;REG;{HUGE};3;3;3;3;3;3;3;3;34",
        f"2026-06-01;REG;3;3;3;3;3;3;3;3;3;{HUGE}",
    )
    parsed = parse_paper_responses(data, catalog=load_catalog(), today=TODAY)
    lines = format_problems(parsed.problems, "kertas.csv")
    assert [line.split(":")[0] for line in lines] == [
        f"kertas.csv baris 2, kolom {UNSUR_KEYS[0]}",
        "kertas.csv baris 3, kolom usia",
    ]
    assert all(len(line) < 200 for line in lines)  # the number is quoted short, not in full
