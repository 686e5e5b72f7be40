"""Rules of the work at a loket once a number is called: what taking in a visit's file means
per service, how long a consultation may be recorded as, and when serving runs late."""

from __future__ import annotations

from datetime import timedelta
from enum import Enum

from lpse_desk.domain.catalog import Service
from lpse_desk.domain.errors import ValidationError

DEFAULT_COUNTER_MINUTES = 15
"""The serving standard of a service the catalog no longer lists."""

CONSULTATION = "KONS"
"""The consultation: no file, a record of topic, advice and minutes."""
TRAINING = "LAT"
"""A training request: no file, a record of what is asked for."""
INTAKE_SERVICES = ("REG", "UBAH", "UID")
"""The services whose file is taken in at the counter and then reviewed, in the order the
intake form offers them (the others are recorded, not taken in)."""


class Intake(Enum):
    """What ``i`` (take in the file) opens for the visit at the loket."""

    CONSULTATION = "konsultasi"
    """Record the consultation (topic, advice, minutes); it finishes the visit."""
    TRAINING = "pelatihan"
    """Record the training request; it finishes the visit."""
    CLOSED = "ditutup"
    """The service is closed: nothing is taken in, the officer is told why."""
    CHECKLIST = "daftar periksa"
    """The visit already has an open case: back to its checklist."""
    START = "mulai"
    """A new intake (vendor, then the checklist)."""


def intake_for(service_code: str, service: Service | None, *, has_case: bool) -> Intake:
    """What taking in ``service_code``'s file means (a consultation is recorded even while
    the catalog marks it closed; the other services are not taken in while closed)."""
    if service_code == CONSULTATION:
        return Intake.CONSULTATION
    if service is not None and not service.is_open:
        return Intake.CLOSED
    if service_code == TRAINING:
        return Intake.TRAINING
    return Intake.CHECKLIST if has_case else Intake.START


def consultation_minutes(text: str) -> int:
    """The minutes typed for a consultation (empty: 0); ValidationError if not a number.

    ASCII digits only ("²" is a digit to ``isdigit()`` but not to ``int()``), at most four
    (``int()`` refuses a pasted 5,000-digit number, and no consultation lasts 10,000 minutes).
    """
    minutes = text.strip() or "0"
    if not (minutes.isascii() and minutes.isdigit()) or len(minutes) > 4:
        raise ValidationError("Lama konsultasi diisi angka menit", field="lama")
    return int(minutes)


def serving_standard(service: Service | None) -> timedelta:
    """How long serving a visit of ``service`` should take at the counter."""
    return timedelta(minutes=service.counter_minutes if service else DEFAULT_COUNTER_MINUTES)


def serving_late(elapsed: timedelta, service: Service | None) -> bool:
    """Whether a visit served for ``elapsed`` is past its service's standard."""
    return elapsed > serving_standard(service)
