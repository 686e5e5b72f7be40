"""User text on screen: never read as markup, control characters shown as escapes.

A name such as ``[/]`` in a markup string crashes the widget that parses it, and
``[@click=app.quit]`` would be a link; a tab or ``\\x1b`` would break a row or reach the
terminal. Names, notes and messages reach widgets only through these helpers.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from lpse_desk.domain.textfmt import printable


def plain(value: object, style: str = "") -> Text:
    """A name or note as one line of literal text (a DataTable cell, a Static, an Option)."""
    return Text(printable(value), style=style, end="")


def message(value: object) -> Text:
    """A message (an error, a refusal) as literal text; its line breaks are kept."""
    return Text(printable(value, keep_newlines=True), end="")


def fill(template: str, **values: object) -> Content:
    """Textual markup whose ``$name`` variables are user values, put in literally.

    ``fill("[b]$ticket[/b] · $name", ticket=visit.ticket, name=visit.visitor_name)``.
    """
    return Content.from_markup(template, **{key: printable(v) for key, v in values.items()})


def cell(template: str, **values: object) -> Text:
    """Like ``fill``, as a Rich Text for a DataTable cell (the table reads str as Rich markup).

    ``cell("$name [dim](opsional)[/]", name=document.name)``; the template's styles are
    plain Rich styles (``b``, ``dim``, ``green``, ``b red``).
    """
    content = fill(template, **values)
    text = Text(content.plain, end="")
    for span in content.spans:
        style = span.style
        text.stylize(style if isinstance(style, str) else style.rich_style, span.start, span.end)
    return text
