"""A canvas that holds its pages to the end, so each can say "Halaman X dari Y"."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def holding_canvas() -> type:
    """A ReportLab ``Canvas`` whose pages wait until the document is saved; then each is given
    to ``stamp(total)`` (the subclass's: the page count, a footer) before it is written.
    ``_held`` None writes pages at once, as a plain canvas (a receipt of an older layout)."""
    from reportlab.pdfgen.canvas import Canvas

    class HoldingCanvas(Canvas):
        _held: list[dict[str, Any]] | None = None

        def stamp(self, total: int) -> None:
            """Draw on the current page, now that there are ``total`` pages."""

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            if self._held is None:
                super().showPage()
                return
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            if self._held is not None:
                total = len(self._held)
                for state in self._held:
                    self.__dict__.update(state)
                    self.stamp(total)
                    super().showPage()
            super().save()

    return HoldingCanvas
