"""Enums whose members carry their Indonesian label beside their stored value."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Labelled(StrEnum):
    """A ``StrEnum`` declared as ``NAME = "stored value", "Label on screens"``.

    The value is what the store and the files keep; ``label`` is what people read. One line a
    member, so a new member cannot be added without its label.
    """

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[Self, str]:
        """Every member and its label, in declaration order."""
        return {member: member.label for member in cls}
