"""Checks of Indonesian identifiers and contact details: NIK, NPWP, NITKU, NIB, email, telephone.

Every checker accepts any text and returns an ``IdCheck``; none raises, so a form, the CLI and
an import can all show ``error`` (a hard rule broken: reject) and ``warnings`` (the officer may
proceed) as they are. The rules and their sources are in ``../shared/DOMAIN.md`` §4.
"""

from __future__ import annotations

from collections.abc import Callable

from lpse_desk.domain.identifiers.check import IdCheck, require, strip_separators
from lpse_desk.domain.identifiers.contact import check_email, check_phone
from lpse_desk.domain.identifiers.nik import ADULT_AGE, MAX_PLAUSIBLE_AGE, check_nik
from lpse_desk.domain.identifiers.tax import (
    NPWP_COMPANY_CODES,
    NPWP_PERSON_CODES,
    check_nib,
    check_nitku,
    check_npwp,
    format_npwp,
    npwp_kind,
)

__all__ = [
    "ADULT_AGE",
    "CHECKERS",
    "MAX_PLAUSIBLE_AGE",
    "NPWP_COMPANY_CODES",
    "NPWP_PERSON_CODES",
    "IdCheck",
    "check_email",
    "check_nib",
    "check_nik",
    "check_nitku",
    "check_npwp",
    "check_phone",
    "format_npwp",
    "npwp_kind",
    "require",
    "strip_separators",
]


CHECKERS: dict[str, Callable[..., IdCheck]] = {
    "nik": check_nik,
    "npwp": check_npwp,
    "nib": lambda value, *, today: check_nib(value),
    "nitku": check_nitku,
    "email": lambda value, *, today: check_email(value),
    "telepon": lambda value, *, today: check_phone(value),
}
"""Every checker under one signature, ``checker(value, *, today)``, for the CLI to dispatch."""
