"""The IKM report screen's pieces: the unsur chart drawn with block characters, fitted to the
screen's width, and the follow-up list's columns and cells (user text cut to its column, never
read as markup)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from lpse_desk.domain.ikm.report import FollowupItem, IkmReport
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.textfmt import format_date_id, format_decimal_id, printable
from lpse_desk.tui import safe
from lpse_desk.tui.fmt import dmy
from lpse_desk.tui.widgets.columns import Col, Fitted

BAR_WIDTH = 32
LABEL_WIDTH = 43
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, maximum: float = 4.0, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of block characters, ``value`` out of ``maximum`` over ``width`` cells."""
    eighths = round(max(0.0, min(value, maximum)) / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


def quarter_start(day: date) -> date:
    """The first day of ``day``'s quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def chart_widths(width: int) -> tuple[int, int]:
    """The label and bar widths of the chart on a screen ``width`` cells wide: the full 43 and
    32 from 100 columns, narrower below so that a line never wraps (80 columns: 30 and 26)."""
    room = max(width - 24, 36)  # the numbers, the spaces between, the screen's padding
    label = min(LABEL_WIDTH, max(18, room * 53 // 100))
    return label, max(8, min(BAR_WIDTH, room - label))


def chart_lines(report: IkmReport, *, width: int = 120) -> list[str]:
    """A head and one line per unsur: label, bar of its NRR (1–4 scale), NRR, value ×25 and
    grade, fitted to ``width`` cells."""
    label_width, bar_width = chart_widths(width)
    lines = []
    for item in report.result.unsur:
        label = f"U{item.unsur.number} {item.unsur.label}"
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        lines.append(
            f"{label:<{label_width}} {bar(float(item.nrr_rounded), width=bar_width)} "
            f"{format_decimal_id(item.nrr_rounded):>5} {format_decimal_id(item.value):>7}  "
            f"{item.grade.letter}"
        )
    if lines:
        head = (
            f"{'Unsur':<{label_width}} {'NRR (skala 1–4)'[:bar_width]:<{bar_width}} "
            f"{'NRR':>5} {'Nilai':>7}  Mutu"
        )
        lines.insert(0, head)
    return lines


FOLLOWUP_COLUMNS = (
    Col("#", 4),
    Col("Tanggal", 17, least=10),
    Col("Layanan", 7),
    Col("Unsur bernilai rendah", 42, least=18, grow=True),
    Col("Saran / penanganan", 36, least=20),
)
"""The follow-up table's columns: 116 cells with padding at their natural widths (120
columns); on 80 the unsur, the suggestion and the date (then DD/MM/YYYY) narrow, so that the
last column, which starts with the ✓ of a handled item, stays on the screen. The number widens
to the longest shown."""


def followup_cells(item: FollowupItem, columns: Fitted) -> tuple[str | Text, ...]:
    """One follow-up's cells cut to their columns: the suggestion of an open item, or ✓, who
    handled it and what was done."""
    if item.handled_at is not None:
        last = f"✓ {item.handled_by_name or '—'}: {item.note or 'ditangani'}"
    else:
        last = item.saran or "—"
    texts = (item.service_code, item.low_text, mask_logged_text(last))
    day = item.service_date
    return (
        str(item.id),
        format_date_id(day) if columns.width(1) >= FOLLOWUP_COLUMNS[1].width else dmy(day),
        # escaped before it is cut: a cut after would let "\n" grow past the column
        *(safe.plain(columns.cut(printable(text), index)) for index, text in enumerate(texts, 2)),
    )
