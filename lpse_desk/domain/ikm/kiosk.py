"""The kiosk's questions, one at a time, and the answers given so far (no UI here).

Order: the service evaluation of this visit (when it has a case to store it on) and an
optional comment, or the service (for an anonymous response), then the nine unsur, an
optional suggestion and the optional profile. Back and forward keep the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from lpse_desk.domain.entities import Visit
from lpse_desk.domain.errors import NextStep, ValidationError
from lpse_desk.domain.ikm.index import EVALUATION_LABELS, UNSUR, check_scores
from lpse_desk.domain.ikm.profile import (
    EDUCATIONS,
    OCCUPATIONS,
    SEXES,
    Profile,
    check_age,
    check_profile,
)

CHOICE = "pilihan"
TEXT = "teks"
AGE = "usia"


SURVEY_AFTER_SERVICE = timedelta(minutes=15)
"""How long after a visit is finished the kiosk opened at its loket still asks about it: the
vendor answers at the counter, just after the service; a visit finished earlier has left,
and whoever stands there now answers anonymously (the service asked)."""


@dataclass(frozen=True)
class SurveyTarget:
    """What the kiosk is about: a visit (with its case, if any) or an anonymous response."""

    visit: Visit | None
    case_id: int | None
    """The visit's latest case, on which the service evaluation is stored."""


@dataclass(frozen=True)
class Step:
    """One question on the kiosk."""

    key: str
    kind: str
    """``pilihan`` (pick with a digit), ``teks`` (free text) or ``usia`` (a number)."""
    title: str
    question: str
    options: tuple[tuple[object, str], ...] = ()
    """(value, wording) per digit 1, 2, …"""
    optional: bool = False


@dataclass(frozen=True)
class KioskAnswers:
    """Everything the vendor answered, ready for ``IkmDesk.submit``."""

    scores: dict[str, int]
    evaluation: int | None = None
    comment: str | None = None
    service_code: str | None = None
    saran: str | None = None
    profile: Profile = field(default_factory=Profile)


def build_steps(*, with_evaluation: bool, services: Sequence[tuple[str, str]] | None) -> list[Step]:
    """The questions for one kiosk session.

    ``services`` (code, name) is asked first for a response without a visit; a visit with a
    case starts with the evaluation.
    """
    steps: list[Step] = []
    if with_evaluation:
        steps.append(
            Step(
                "evaluasi",
                CHOICE,
                "Evaluasi layanan",
                "Secara keseluruhan, bagaimana layanan yang Anda terima hari ini?",
                tuple(EVALUATION_LABELS.items()),
            )
        )
        steps.append(
            Step(
                "komentar",
                TEXT,
                "Evaluasi layanan",
                "Ada komentar tentang layanan hari ini? (boleh dikosongkan)",
                optional=True,
            )
        )
    if services is not None:
        steps.append(
            Step(
                "layanan",
                CHOICE,
                "Layanan",
                "Layanan apa yang Anda terima hari ini?",
                tuple((code, f"{name} ({code})") for code, name in services),
            )
        )
    for unsur in UNSUR:
        steps.append(
            Step(
                unsur.key,
                CHOICE,
                f"Unsur {unsur.number} dari 9 · {unsur.label}",
                f"Bagaimana pendapat Anda tentang {unsur.label.lower()} pelayanan kami?",
                tuple(enumerate(unsur.answers, start=1)),
            )
        )
    steps += [
        Step(
            "saran",
            TEXT,
            "Saran",
            "Saran atau masukan untuk kami (boleh dikosongkan)",
            optional=True,
        ),  # fmt: skip
        _profile_step("jenis_kelamin", CHOICE, "Jenis kelamin", tuple(SEXES.items())),
        _profile_step("usia", AGE, "Usia Anda (tahun)"),
        _profile_step("pendidikan", CHOICE, "Pendidikan terakhir", _same(EDUCATIONS)),
        _profile_step("pekerjaan", CHOICE, "Pekerjaan utama", _same(OCCUPATIONS)),
    ]
    return steps


def _profile_step(
    key: str, kind: str, question: str, options: tuple[tuple[object, str], ...] = ()
) -> Step:
    """A question about the respondent, which may always be skipped."""
    return Step(key, kind, "Profil (boleh dilewati)", question, options, optional=True)


def _same(names: Iterable[str]) -> tuple[tuple[object, str], ...]:
    """Options whose stored value is their wording."""
    return tuple((name, name) for name in names)


@dataclass
class KioskFlow:
    """Where the vendor is in the questions and what they answered."""

    steps: list[Step]
    index: int = 0
    answers: dict[str, object] = field(default_factory=dict)

    @property
    def step(self) -> Step | None:
        """The current question; None on the final "kirim" page."""
        return self.steps[self.index] if self.index < len(self.steps) else None

    @property
    def at_end(self) -> bool:
        """All questions passed: the vendor can send."""
        return self.index >= len(self.steps)

    def answered(self, step: Step) -> bool:
        """Whether the step has an answer (an optional one may stay empty)."""
        return self.answers.get(step.key) not in (None, "")

    def choose(self, digit: int) -> bool:
        """Pick option ``digit`` (1-based) of the current question and move on; False if none."""
        step = self.step
        if step is None or step.kind != CHOICE or not 1 <= digit <= len(step.options):
            return False
        self.answers[step.key] = step.options[digit - 1][0]
        self.index += 1
        return True

    def skip(self) -> bool:
        """Leave an optional question empty and move on."""
        step = self.step
        if step is None or not step.optional:
            return False
        self.answers.pop(step.key, None)
        self.index += 1
        return True

    def set_text(self, text: str) -> None:
        """The text typed for a text or age question (checked when moving on)."""
        step = self.step
        if step is not None and step.kind in (TEXT, AGE):
            self.answers[step.key] = text.strip()

    def forward(self) -> None:
        """Next question; ValidationError when this one still needs an answer."""
        step = self.step
        if step is None:
            return
        if step.kind == AGE:
            check_age(str(self.answers.get(step.key, "")))
        if not step.optional and not self.answered(step):
            raise ValidationError("Pilih salah satu jawaban", step=NextStep.ANSWER)
        self.index += 1

    def back(self) -> None:
        """Previous question (answers kept)."""
        self.index = max(0, self.index - 1)

    def chosen_digit(self, step: Step) -> int | None:
        """The 1-based option chosen for ``step``, if any."""
        value = self.answers.get(step.key)
        for number, (option, _label) in enumerate(step.options, start=1):
            if option == value:
                return number
        return None

    def result(self) -> KioskAnswers:
        """The answers for the store; ValidationError when a required one is missing."""
        for number, step in enumerate(self.steps):
            if not step.optional and not self.answered(step):
                self.index = number
                raise ValidationError(f"Pertanyaan '{step.title}' belum dijawab")

        def text(key: str) -> str | None:
            value = self.answers.get(key)
            return str(value).strip() or None if value is not None else None

        age = self.answers.get("usia")
        profile = check_profile(
            Profile(
                self.answers.get("jenis_kelamin"),
                str(age) if age not in (None, "") else None,
                self.answers.get("pendidikan"),
                self.answers.get("pekerjaan"),
            )
        )
        return KioskAnswers(
            scores=check_scores({unsur.key: self.answers.get(unsur.key) for unsur in UNSUR}),
            evaluation=self.answers.get("evaluasi"),
            comment=text("komentar"),
            service_code=self.answers.get("layanan"),
            saran=text("saran"),
            profile=profile,
        )


UNLOCK_TRIES = 5
"""Wrong PINs in a row that lock the kiosk's unlock for ``UNLOCK_PAUSE``."""
UNLOCK_PAUSE = timedelta(minutes=5)
KIOSK_OPENED = "kios_survei_dibuka"
"""The officer turned the screen to the vendor (the kiosk's start, on record)."""
KIOSK_PIN_WRONG = "kios_pin_salah"
KIOSK_UNLOCKED = "kios_dibuka"


def kiosk_locked_until(tries: Sequence[tuple[str, datetime]]) -> datetime | None:
    """Until when the kiosk refuses every PIN, given its latest unlock tries (newest first,
    at most ``UNLOCK_TRIES`` within ``UNLOCK_PAUSE``): locked after that many wrong ones in a
    row, so a vendor cannot guess a 4-digit PIN by trying; None when it is open."""
    if len(tries) == UNLOCK_TRIES and all(action == KIOSK_PIN_WRONG for action, _ in tries):
        return tries[-1][1] + UNLOCK_PAUSE
    return None
