"""Formatting shared by the screens: one place for how a cut text looks."""

from __future__ import annotations


def short(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"
