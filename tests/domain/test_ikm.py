"""IKM computation exactly as DOMAIN.md §6: the worked example, the grades, the sample size."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.ikm.index import (
    UNSUR,
    UNSUR_KEYS,
    Weighting,
    check_evaluation,
    check_score,
    check_scores,
    compute_from_scores,
    compute_ikm,
    grade_of,
    low_unsur,
    minimum_sample,
    round_half_up,
    sample_progress,
)

# DOMAIN.md §6: ten respondents, columns in the table's order.
WORKED = """
4 3 3 4 3 4 4 3 3 / 3 3 3 4 3 3 4 3 3 / 4 4 3 4 4 4 4 3 4 / 3 3 2 4 3 3 3 3 3 /
4 4 4 4 4 4 4 4 4 / 3 3 3 4 3 3 3 2 3 / 4 3 3 4 3 4 4 3 3 / 3 2 2 4 3 3 3 3 2 /
4 4 3 4 3 4 4 3 3 / 3 3 3 4 3 3 4 3 3
"""
TABLE_ORDER = (
    "persyaratan",
    "prosedur",
    "waktu",
    "biaya",
    "produk",
    "kompetensi",
    "perilaku",
    "pengaduan",
    "sarana",
)


def worked_responses() -> list[dict[str, int]]:
    rows = [chunk.split() for chunk in WORKED.replace("\n", " ").split("/")]
    return [dict(zip(TABLE_ORDER, map(int, row), strict=True)) for row in rows]


def test_unsur_are_keyed_by_name_with_the_regulations_wording():
    assert UNSUR_KEYS == TABLE_ORDER
    by_key = {unsur.key: unsur for unsur in UNSUR}
    assert by_key["pengaduan"].label == "Penanganan pengaduan, saran dan masukan"
    assert by_key["pengaduan"].answers == (
        "Tidak ada",
        "Ada tetapi tidak berfungsi",
        "Berfungsi kurang maksimal",
        "Dikelola dengan baik",
    )
    assert by_key["biaya"].answers == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")
    assert by_key["perilaku"].answers[3] == "Sangat sopan dan ramah"
    assert by_key["sarana"].answers == ("Buruk", "Cukup", "Baik", "Sangat baik")


def test_worked_example_gives_83_61_b():
    result = compute_from_scores(worked_responses())
    assert result.respondents == 10
    assert [item.total for item in result.unsur] == [35, 32, 29, 40, 32, 35, 37, 30, 31]
    assert [str(item.nrr_rounded) for item in result.unsur] == [
        "3.50", "3.20", "2.90", "4.00", "3.20", "3.50", "3.70", "3.00", "3.10",
    ]  # fmt: skip
    assert result.weighted_nrr == Fraction(301, 90)
    assert result.ikm == Decimal("83.61")
    assert (result.grade.letter, result.grade.label) == ("B", "Baik")


def test_worked_example_with_the_printed_0_11_weight_gives_82_78():
    result = compute_from_scores(worked_responses(), Weighting.PRINTED_011)
    assert result.ikm == Decimal("82.78")
    assert result.weighting.label.startswith("0,11 per unsur (opsi kompatibilitas")


def test_unsur_waktu_alone_is_72_50_c():
    waktu = compute_from_scores(worked_responses()).of("waktu")
    assert waktu.value == Decimal("72.50")
    assert waktu.grade.letter == "C"
    assert waktu.grade.label == "Kurang Baik"


def test_order_of_the_mapping_does_not_matter():
    shuffled = [dict(reversed(list(row.items()))) for row in worked_responses()]
    assert compute_from_scores(shuffled).ikm == Decimal("83.61")


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
    ],
)
def test_grade_boundaries(value, letter):
    assert grade_of(Decimal(value)).letter == letter


def test_everyone_answering_1_is_d_with_either_weighting():
    ones = [dict.fromkeys(UNSUR_KEYS, 1)]
    exact = compute_from_scores(ones)
    assert (exact.ikm, exact.grade.letter) == (Decimal("25.00"), "D")
    printed = compute_from_scores(ones, Weighting.PRINTED_011)  # 9 × 0,11 = 0,99
    assert (printed.ikm, printed.grade.letter) == (Decimal("24.75"), "D")
    with pytest.raises(ValidationError, match="Nilai IKM 24,74 di luar skala"):
        grade_of(Decimal("24.74"))


def test_grade_labels():
    assert [grade_of(Decimal(v)).label for v in ("90", "80", "70", "30")] == [
        "Sangat Baik",
        "Baik",
        "Kurang Baik",
        "Tidak Baik",
    ]


def test_rounding_happens_once_at_the_end_half_up():
    assert round_half_up(Fraction(88305, 1000)) == Decimal("88.31")
    assert round_half_up(Fraction(76605, 1000)) == Decimal("76.61")
    assert round_half_up(Fraction(2, 3) * 100) == Decimal("66.67")
    # IKM of everyone answering 3: exactly 75,00.
    all_three = [dict.fromkeys(UNSUR_KEYS, 3)] * 7
    assert compute_from_scores(all_three).ikm == Decimal("75.00")


def test_a_boundary_reached_only_after_rounding_gets_the_higher_grade():
    # 1000 respondents, score totals summing to 31 790: IKM = 31 790 / 9 000 × 25
    # = 88,3055… which rounds to 88,31 (A), although the exact value is below 88,31.
    per_unsur = [3532] * 8 + [31790 - 3532 * 8]
    result = compute_ikm(dict(zip(UNSUR_KEYS, per_unsur, strict=True)), 1000)
    assert result.weighted_nrr * 25 < Decimal("88.31")
    assert result.ikm == Decimal("88.31")
    assert result.grade.letter == "A"


def test_no_respondents_gives_no_index():
    result = compute_ikm(dict.fromkeys(UNSUR_KEYS, 0), 0)
    assert (result.ikm, result.grade, result.unsur) == (None, None, ())


def test_impossible_totals_are_refused():
    with pytest.raises(ValidationError, match="tidak mungkin"):
        compute_ikm(dict.fromkeys(UNSUR_KEYS, 50), 10)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "di luar skala 1–4"),
        (5, "di luar skala 1–4"),
        ("5", "di luar skala 1–4"),
        ("", "belum diisi"),
        (None, "belum diisi"),
        ("baik", "bukan angka bulat"),
        ("3,5", "bukan angka bulat"),
        ("٣", "bukan angka bulat"),
        (3.0, "angka bulat"),
        (True, "angka bulat"),
    ],
)
def test_bad_scores_are_refused_with_the_unsur_named(value, message):
    with pytest.raises(ValidationError, match=message) as caught:
        check_score(value, unsur="waktu")
    assert "Waktu penyelesaian" in str(caught.value)
    assert caught.value.field == "waktu"


def test_good_scores_pass():
    assert [check_score(v, unsur="biaya") for v in (1, "2", " 3 ", 4)] == [1, 2, 3, 4]


def test_check_scores_needs_all_nine_and_only_those():
    with pytest.raises(ValidationError, match="Sarana dan prasarana belum diisi"):
        check_scores({key: 3 for key in UNSUR_KEYS if key != "sarana"})
    with pytest.raises(ValidationError, match="Unsur tidak dikenal: kebersihan"):
        check_scores({**dict.fromkeys(UNSUR_KEYS, 3), "kebersihan": 3})


def test_evaluation_is_1_to_5():
    assert [check_evaluation(v) for v in (1, 5, "4")] == [1, 5, 4]
    for bad in (0, 6, "", "x", None, True):
        with pytest.raises(ValidationError, match="1 sampai 5"):
            check_evaluation(bad)


def test_low_unsur_are_the_ones_at_1_or_2():
    scores = {**dict.fromkeys(UNSUR_KEYS, 3), "waktu": 2, "sarana": 1, "biaya": 4}
    assert low_unsur(scores) == ("waktu", "sarana")
    assert low_unsur(dict.fromkeys(UNSUR_KEYS, 3)) == ()


@pytest.mark.parametrize(
    ("population", "minimum"),
    [(0, 0), (1, 1), (10, 10), (100, 80), (1000, 278), (10_000, 370), (10**9, 384)],
)
def test_krejcie_morgan_minimum_sample(population, minimum):
    assert minimum_sample(population) == minimum


def test_minimum_sample_refuses_nonsense():
    for bad in (-1, 2.5, True):
        with pytest.raises(ValidationError, match="Populasi"):
            minimum_sample(bad)


def test_sample_progress():
    progress = sample_progress(100, 60)
    assert (progress.minimum, progress.met, progress.shortfall) == (80, False, 20)
    assert progress.percent == Decimal(75)
    assert sample_progress(100, 80).met
    assert sample_progress(0, 0).percent == Decimal(100)


def test_the_sample_line_says_how_far_from_the_minimum_in_words_a_reader_takes_in():
    from lpse_desk.domain.ikm.index import SampleProgress
    from lpse_desk.domain.ikm.text import sample_text

    short = sample_text(SampleProgress(population=100, minimum=80, respondents=60))
    assert short == ("minimum 80 (Krejcie & Morgan, N = 100 kunjungan selesai); terkumpul 60 "
                     "= 75%, kurang 20")  # fmt: skip
    assert sample_text(SampleProgress(901, 270, 285)).endswith("terkumpul 285 = 106%, tercapai")
    # A year of kiosk answers is many times the minimum: said as a multiple, not "13.089%".
    year = sample_text(SampleProgress(population=60_030, minimum=382, respondents=50_000))
    assert year.endswith("terkumpul 50.000 = 131× minimum, tercapai")
    assert sample_text(SampleProgress(1000, 278, 2750)).endswith("= 989%, tercapai")
    # No visit served (a closed service, a quiet month): nothing was to be sampled; it read
    # "terkumpul 0 = 100%, tercapai".
    none = sample_text(SampleProgress(population=0, minimum=0, respondents=0))
    assert none == ("tidak ada kunjungan selesai pada periode ini (N = 0); tidak ada sampel "
                    "minimum, terkumpul 0")  # fmt: skip
