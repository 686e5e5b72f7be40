"""The respondent's optional profile (sex, age, education, occupation) and its counts.

The profile is what a published IKM report shows about its respondents; it is never a
way back to a person: no name, no vendor, no visit is shown with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lpse_desk.domain.errors import ValidationError

SEXES: Mapping[str, str] = {"L": "Laki-laki", "P": "Perempuan"}
EDUCATIONS: tuple[str, ...] = ("SD", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3")
OCCUPATIONS: tuple[str, ...] = ("PNS", "TNI/POLRI", "swasta", "wirausaha", "lainnya")
MIN_AGE = 15
MAX_AGE = 100

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("< 25 tahun", MIN_AGE, 24),
    ("25–34 tahun", 25, 34),
    ("35–44 tahun", 35, 44),
    ("45–54 tahun", 45, 54),
    ("≥ 55 tahun", 55, MAX_AGE),
)
NOT_GIVEN = "Tidak diisi"

_EDUCATION_ALIASES: Mapping[str, str] = {
    **{name.casefold(): name for name in EDUCATIONS},
    "d1": "D1-D3",
    "d2": "D1-D3",
    "d3": "D1-D3",
    "d1–d3": "D1-D3",
    "d1/d3": "D1-D3",
    "d4": "D4/S1",
    "s1": "D4/S1",
    "d4-s1": "D4/S1",
    "sma/smk": "SMA",
    "smk": "SMA",
    "slta": "SMA",
    "sltp": "SMP",
}
_OCCUPATION_ALIASES: Mapping[str, str] = {
    **{name.casefold(): name for name in OCCUPATIONS},
    "tni": "TNI/POLRI",
    "polri": "TNI/POLRI",
    "tni/polri": "TNI/POLRI",
    "asn": "PNS",
}


@dataclass(frozen=True)
class Profile:
    """What the respondent chose to say about themselves; every field may be None."""

    jenis_kelamin: str | None = None
    """``L`` or ``P``."""
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None


def check_sex(text: str | None) -> str | None:
    """``L``/``P`` (also the full words), None when empty."""
    if text is None or not text.strip():
        return None
    value = text.strip().casefold()
    for code, label in SEXES.items():
        if value in (code.casefold(), label.casefold()):
            return code
    raise ValidationError(
        f'Jenis kelamin "{text.strip()}" tidak dikenal; isi L atau P, atau kosongkan',
        field="jenis_kelamin",
    )


def check_age(text: str | int | None) -> int | None:
    """Age in whole years (15–100), None when empty."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, str):
        cleaned = text.strip()
        if not (cleaned.isascii() and cleaned.isdigit()):
            raise ValidationError(
                f'Usia "{cleaned}" bukan angka tahun; isi umur dalam tahun (mis. 34) atau '
                "kosongkan",
                field="usia",
            )
        if len(cleaned) > 9:  # int() refuses over 4,300 digits; no age is this long anyway
            raise ValidationError(
                f'Usia "{cleaned[:20]}…" tidak masuk akal; isi {MIN_AGE}–{MAX_AGE} atau kosongkan',
                field="usia",
            )
        text = int(cleaned)
    if isinstance(text, bool) or not isinstance(text, int) or not MIN_AGE <= text <= MAX_AGE:
        raise ValidationError(
            f"Usia {text} tahun tidak masuk akal; isi {MIN_AGE}–{MAX_AGE} atau kosongkan",
            field="usia",
        )
    return text


def _one_of(
    text: str | None, aliases: Mapping[str, str], names: Iterable[str], what: str, field: str
) -> str | None:
    """The name ``text`` stands for (through ``aliases``), None when empty."""
    if text is None or not text.strip():
        return None
    found = aliases.get(text.strip().casefold())
    if found is None:
        raise ValidationError(
            f'{what} "{text.strip()}" tidak dikenal; isi salah satu: '
            f"{', '.join(names)}, atau kosongkan",
            field=field,
        )
    return found


def check_education(text: str | None) -> str | None:
    """One of ``EDUCATIONS``, None when empty."""
    return _one_of(text, _EDUCATION_ALIASES, EDUCATIONS, "Pendidikan", "pendidikan")


def check_occupation(text: str | None) -> str | None:
    """One of ``OCCUPATIONS``, None when empty."""
    return _one_of(text, _OCCUPATION_ALIASES, OCCUPATIONS, "Pekerjaan", "pekerjaan")


def check_profile(profile: Profile) -> Profile:
    """The profile with every field checked and normalised."""
    return Profile(
        check_sex(profile.jenis_kelamin),
        check_age(profile.usia),
        check_education(profile.pendidikan),
        check_occupation(profile.pekerjaan),
    )


def age_band(age: int | None) -> str:
    """The report's band for an age."""
    if age is None:
        return NOT_GIVEN
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return NOT_GIVEN


@dataclass(frozen=True)
class ProfileCounts:
    """Respondents per answer of each profile question, in the questionnaire's order."""

    jenis_kelamin: tuple[tuple[str, int], ...]
    usia: tuple[tuple[str, int], ...]
    pendidikan: tuple[tuple[str, int], ...]
    pekerjaan: tuple[tuple[str, int], ...]

    def sections(self) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
        """(title, rows) for each question, as a report prints them."""
        return (
            ("Jenis kelamin", self.jenis_kelamin),
            ("Usia", self.usia),
            ("Pendidikan", self.pendidikan),
            ("Pekerjaan", self.pekerjaan),
        )


def _ordered(counter: Counter, labels: Iterable[str]) -> tuple[tuple[str, int], ...]:
    return tuple((label, counter.get(label, 0)) for label in (*labels, NOT_GIVEN))


def count_profiles(
    sexes: Mapping[str | None, int],
    ages: Mapping[str, int],
    educations: Mapping[str | None, int],
    occupations: Mapping[str | None, int],
) -> ProfileCounts:
    """The counts from grouped tallies (None keys are "not given"; ages already banded)."""

    def tally(counts: Mapping[str | None, int], label_of=lambda key: key) -> Counter:
        result: Counter = Counter()
        for key, count in counts.items():
            result[NOT_GIVEN if key is None else label_of(key)] += count
        return result

    return ProfileCounts(
        jenis_kelamin=_ordered(tally(sexes, lambda key: SEXES.get(key, key)), SEXES.values()),
        usia=_ordered(Counter(ages), (band[0] for band in AGE_BANDS)),
        pendidikan=_ordered(tally(educations), EDUCATIONS),
        pekerjaan=_ordered(tally(occupations), OCCUPATIONS),
    )
