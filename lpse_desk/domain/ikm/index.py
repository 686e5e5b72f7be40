"""IKM (Indeks Kepuasan Masyarakat, PermenPAN-RB 14/2017): the nine unsur and the index.

Everything is computed exactly with ``Fraction`` and rounded half-up to two decimals only
at the end (``../shared/DOMAIN.md`` §6). Unsur are keyed by name, never by position: the
regulation's own sample questionnaire swaps unsur 8 and 9 against its list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.textfmt import format_decimal_id


@dataclass(frozen=True)
class Unsur:
    """One element of the survey with its question and four answer wordings (1 to 4)."""

    key: str
    number: int
    """U1..U9 in the regulation's list (for display only; the key identifies it)."""
    label: str
    answers: tuple[str, str, str, str]


def _scale(quality: str) -> tuple[str, str, str, str]:
    """The regulation's usual four answers: ``Tidak …``, ``Kurang …``, ``…``, ``Sangat …``."""
    return (f"Tidak {quality}", f"Kurang {quality}", quality.capitalize(), f"Sangat {quality}")


UNSUR: tuple[Unsur, ...] = (
    Unsur("persyaratan", 1, "Persyaratan", _scale("sesuai")),
    Unsur("prosedur", 2, "Sistem, mekanisme, dan prosedur", _scale("mudah")),
    Unsur("waktu", 3, "Waktu penyelesaian", _scale("cepat")),
    Unsur("biaya", 4, "Biaya/tarif", ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    Unsur("produk", 5, "Produk spesifikasi jenis pelayanan", _scale("sesuai")),
    Unsur("kompetensi", 6, "Kompetensi pelaksana", _scale("kompeten")),
    Unsur("perilaku", 7, "Perilaku pelaksana", _scale("sopan dan ramah")),
    Unsur(
        "pengaduan",
        8,
        "Penanganan pengaduan, saran dan masukan",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
    Unsur("sarana", 9, "Sarana dan prasarana", ("Buruk", "Cukup", "Baik", "Sangat baik")),
)
"""The nine unsur in the regulation's order."""

UNSUR_BY_KEY: Mapping[str, Unsur] = {unsur.key: unsur for unsur in UNSUR}
UNSUR_KEYS: tuple[str, ...] = tuple(UNSUR_BY_KEY)

LOW_SCORE = 2
"""A score at or below this (1 or 2) opens a follow-up item for the admin."""

EVALUATION_LABELS: Mapping[int, str] = {
    1: "Sangat tidak puas",
    2: "Tidak puas",
    3: "Cukup puas",
    4: "Puas",
    5: "Sangat puas",
}
"""The service evaluation of a visit (evaluasi layanan), 1 to 5."""

MAX_SARAN_LENGTH = 2000
MAX_COMMENT_LENGTH = 1000


class Weighting(StrEnum):
    """How each unsur's NRR is weighted."""

    EXACT = "1/9"
    """The regulation's rule: every unsur weighs exactly 1/9."""
    PRINTED_011 = "0,11"
    """Compatibility: the rounded 0,11 printed in the regulation (lowers the IKM by ~1%)."""

    @property
    def weight(self) -> Fraction:
        """The weight of one unsur."""
        return Fraction(1, 9) if self is Weighting.EXACT else Fraction(11, 100)

    @property
    def label(self) -> str:
        """How a report names the weighting."""
        if self is Weighting.EXACT:
            return "1/9 per unsur (eksak)"
        return (
            "0,11 per unsur (opsi kompatibilitas: bobot yang tercetak di peraturan; "
            "hasil sekitar 1% lebih rendah)"
        )


@dataclass(frozen=True)
class Grade:
    """Mutu pelayanan: the letter and its label."""

    letter: str
    label: str
    lowest: Decimal
    """The lowest value (25–100 scale, after rounding) that earns this grade."""


GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat Baik", Decimal("88.31")),
    Grade("B", "Baik", Decimal("76.61")),
    Grade("C", "Kurang Baik", Decimal("65.00")),
    Grade("D", "Tidak Baik", Decimal("25.00")),
)
"""PermenPAN-RB 14/2017 (not the 2004 table, which some apps still use wrongly)."""


def round_half_up(value: Fraction | int, places: int = 2) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals, exactly (no binary float)."""
    exact = Fraction(value)
    scaled = exact * 10**places
    # floor(x + 1/2) is half-up for non-negative values, which is all the IKM ever has.
    rounded = (scaled + Fraction(1, 2)).__floor__()
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


LOWEST_011 = Decimal("24.75")
"""With the printed 0,11 weight the nine weights add up to 0,99: all ones give 24,75 (D)."""


def grade_of(value: Decimal) -> Grade:
    """The grade of an index on the 25–100 scale, already rounded to two decimals.

    Values from 24,75 are accepted (and are D): the 0,11 compatibility weighting reaches
    them when every answer is 1.
    """
    if not isinstance(value, Decimal) or not LOWEST_011 <= value <= Decimal(100):
        shown = format_decimal_id(value) if isinstance(value, Decimal) else repr(value)
        raise ValidationError(f"Nilai IKM {shown} di luar skala 25–100")
    for grade in GRADES:
        if value >= grade.lowest:
            return grade
    return GRADES[-1]  # 24,75–24,99: only the 0,11 weighting gets here


def check_score(value: object, *, unsur: str) -> int:
    """A score 1–4 for ``unsur``; ValidationError for 0, 5, empty, text, fractions, bools."""
    label = UNSUR_BY_KEY[unsur].label if unsur in UNSUR_BY_KEY else unsur
    hint = "isi 1, 2, 3 atau 4"
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValidationError(f"Nilai {label} belum diisi; {hint}", field=unsur)
        if not (text.isascii() and text.isdigit()):
            shown = text if len(text) <= 20 else text[:20] + "…"
            raise ValidationError(f'Nilai {label} "{shown}" bukan angka bulat; {hint}', field=unsur)
        if len(text) > 9:  # int() refuses over 4,300 digits; no score is this long anyway
            shown = text[:20] + "…"
            raise ValidationError(f'Nilai {label} "{shown}" di luar skala 1–4; {hint}', field=unsur)
        value = int(text)
    if value is None:
        raise ValidationError(f"Nilai {label} belum diisi; {hint}", field=unsur)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"Nilai {label} harus angka bulat 1–4; {hint}", field=unsur)
    if not 1 <= value <= 4:
        raise ValidationError(f"Nilai {label} {value} di luar skala 1–4; {hint}", field=unsur)
    return value


def check_scores(scores: Mapping[str, object]) -> dict[str, int]:
    """All nine scores, keyed by unsur name; ValidationError naming the first bad or missing."""
    unknown = sorted(set(scores) - set(UNSUR_KEYS))
    if unknown:
        raise ValidationError(f"Unsur tidak dikenal: {', '.join(unknown)}", field=unknown[0])
    return {key: check_score(scores.get(key), unsur=key) for key in UNSUR_KEYS}


def check_evaluation(value: object) -> int:
    """A service evaluation 1–5; ValidationError otherwise."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        # int() refuses over 4,300 digits: a long one is just as wrong, so keep it as text
        value = int(value.strip()) if len(value.strip()) <= 9 else value.strip()[:20] + "…"
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError(
            f"Nilai evaluasi layanan {value!r} tidak valid; isi 1 sampai 5", field="evaluasi"
        )
    return value


def low_unsur(scores: Mapping[str, int]) -> tuple[str, ...]:
    """The unsur scored 1 or 2 (these open a follow-up item)."""
    return tuple(key for key in UNSUR_KEYS if scores[key] <= LOW_SCORE)


@dataclass(frozen=True)
class UnsurResult:
    """One unsur of a report: total, NRR and its value on the 25–100 scale."""

    unsur: Unsur
    total: int
    nrr: Fraction
    """Exact: total / respondents."""

    @property
    def nrr_rounded(self) -> Decimal:
        """The NRR as printed (two decimals, half-up)."""
        return round_half_up(self.nrr, 2)

    @property
    def value(self) -> Decimal:
        """NRR × 25, rounded half-up to two decimals."""
        return round_half_up(self.nrr * 25, 2)

    @property
    def grade(self) -> Grade:
        """The grade of this unsur alone."""
        return grade_of(self.value)


@dataclass(frozen=True)
class IkmResult:
    """The index of a set of responses; ``ikm`` and ``grade`` are None without respondents."""

    respondents: int
    unsur: tuple[UnsurResult, ...]
    weighting: Weighting
    weighted_nrr: Fraction | None
    """Σ NRR × weight, exact."""
    ikm: Decimal | None
    grade: Grade | None

    def of(self, key: str) -> UnsurResult:
        """The result of one unsur by name."""
        for item in self.unsur:
            if item.unsur.key == key:
                return item
        raise KeyError(key)


def compute_ikm(
    totals: Mapping[str, int], respondents: int, weighting: Weighting = Weighting.EXACT
) -> IkmResult:
    """The IKM from the score totals per unsur and the number of respondents."""
    if respondents < 0:
        raise ValidationError("Jumlah responden tidak boleh negatif")
    missing = [key for key in UNSUR_KEYS if key not in totals]
    if missing:
        raise ValidationError(f"Jumlah nilai unsur {', '.join(missing)} tidak ada")
    if respondents == 0:
        return IkmResult(0, (), weighting, None, None, None)
    results = []
    for unsur in UNSUR:
        total = int(totals[unsur.key])
        if not respondents <= total <= 4 * respondents:
            raise ValidationError(
                f"Jumlah nilai {unsur.label} ({total}) tidak mungkin untuk {respondents} "
                "responden berskala 1–4"
            )
        results.append(UnsurResult(unsur, total, Fraction(total, respondents)))
    weighted = sum((item.nrr * weighting.weight for item in results), Fraction(0))
    ikm = round_half_up(weighted * 25, 2)
    return IkmResult(respondents, tuple(results), weighting, weighted, ikm, grade_of(ikm))


def compute_from_scores(
    responses: Iterable[Mapping[str, int]], weighting: Weighting = Weighting.EXACT
) -> IkmResult:
    """The IKM of individual responses (each a mapping of the nine scores)."""
    totals = dict.fromkeys(UNSUR_KEYS, 0)
    count = 0
    for response in responses:
        checked = check_scores(response)
        for key in UNSUR_KEYS:
            totals[key] += checked[key]
        count += 1
    return compute_ikm(totals, count, weighting)


_CHI_SQUARE = Fraction(3841, 1000)
_P = Fraction(1, 2)
_D = Fraction(5, 100)


def minimum_sample(population: int) -> int:
    """Krejcie & Morgan (1970) minimum sample for ``population`` users, rounded to nearest."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValidationError(f"Populasi {population!r} tidak valid; harus bilangan bulat ≥ 0")
    if population == 0:
        return 0
    spread = _CHI_SQUARE * _P * (1 - _P)
    size = spread * population / (_D**2 * (population - 1) + spread)
    return int(round_half_up(size, 0))


@dataclass(frozen=True)
class SampleProgress:
    """How far the responses of a period are from the minimum sample."""

    population: int
    """Visits served in the period (status selesai)."""
    minimum: int
    respondents: int

    @property
    def met(self) -> bool:
        """Whether there are at least as many respondents as the minimum asks."""
        return self.respondents >= self.minimum

    @property
    def percent(self) -> Decimal:
        """Respondents as a percentage of the minimum (100 when no minimum applies)."""
        if self.minimum == 0:
            return Decimal(100)
        return round_half_up(Fraction(self.respondents * 100, self.minimum), 0)

    @property
    def shortfall(self) -> int:
        """Respondents still needed."""
        return max(0, self.minimum - self.respondents)


def sample_progress(population: int, respondents: int) -> SampleProgress:
    """The minimum sample for ``population`` and the respondents gathered toward it."""
    return SampleProgress(population, minimum_sample(population), respondents)
