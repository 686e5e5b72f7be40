"""What the checklist screen draws: a document's row and the panel of what is missing."""

from __future__ import annotations

from textual.content import Content

from lpse_desk.domain.intake import ChecklistLine, missing
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.tui import safe
from lpse_desk.tui.fmt import dmy, short
from lpse_desk.tui.widgets.columns import Col

NOTE_WIDTH = 18
COLUMNS = (
    Col("No", 3),
    Col("Dokumen", 38, least=16, grow=True),
    Col("Asli", 4),
    Col("Salinan", 7),
    Col("Berlaku", 10),
    Col("Catatan", NOTE_WIDTH, optional=True),
    Col("Status", 22),  # "Kurang: asli + salinan", kept at any width
)
"""Sized to the screen (``widgets.columns``): at 80 columns the names narrow and the note
is left out, so the Status column stays in view; on a wide screen the names get the room."""


def _mark(required: bool, done: bool) -> str:
    """✓ when recorded (asked or not: the receipt prints what was recorded), an empty box
    when asked and missing, a dim dash when neither."""
    if done:
        return "[green]✓[/]"
    return "[red]☐[/]" if required else "[dim]—[/]"


def _original_mark(line: ChecklistLine) -> str:
    """Tatap muka: shown at the desk or not. Daring: seen on the video call (VC✓) or not yet."""
    if line.original_text is None:
        return _mark(line.requirement.original_required, line.check.original_shown)
    return "[green]VC✓[/]" if line.check.original_call_id else "[yellow]VC?[/]"


DARING_LEGEND = (
    "Prosedur daring: asli tidak diperlihatkan di loket, tetapi diperiksa lewat panggilan "
    "video (VC✓ sudah diperiksa, VC? belum diperiksa)."
)


def status(line: ChecklistLine) -> str:
    """Complete, what is lacking, or why it does not count."""
    if line.check.meterai_invalid:
        return "[red]Meterai tidak sah[/]"
    if line.complete:
        return "[green]Lengkap[/]"
    if line.requirement.mandatory:
        return f"[red]Kurang[/]: {' + '.join(line.lacking)}"
    return "[dim]Tidak wajib (SIKaP)[/]"


def cells(number: int, line: ChecklistLine, *, name_width: int = 38) -> tuple:
    """The cells of one document's row (every column's; the name cut to ``name_width``)."""
    requirement, check = line.requirement, line.check
    name = short(requirement.name, name_width - (3 if requirement.meterai else 0))
    return (
        str(number),
        safe.cell("$name" + (" [b]Ⓜ[/]" if requirement.meterai else ""), name=name),
        _original_mark(line),
        _mark(requirement.copy_kept, check.copy_received),
        dmy(check.expiry_date)
        if check.expiry_date
        else ("[yellow]catat[/]" if requirement.has_expiry else ""),
        safe.plain(short(mask_logged_text(check.note), NOTE_WIDTH)),
        status(line),
    )


def missing_panel(lines: list[ChecklistLine]) -> Content:
    """What is still missing, one line per item; or that the file is complete."""
    gaps = missing(lines)
    if gaps:
        # One line per item, so every gap shows in the panel at 120 columns: the name is
        # shortened, never what is missing.
        items = [
            safe.fill(
                "  • $item",
                item=short(line.requirement.name, max(30, 106 - len(line.missing_text)))
                + f": {line.missing_text}",
            )
            for line in gaps
        ]
        head = Content.from_markup(f"[b]Masih kurang ({len(gaps)}):[/b]")
        text = Content("\n").join([head, *items])
    else:
        text = Content.from_markup("[b]Berkas wajib lengkap.[/b] Tekan ctrl+s untuk tanda terima.")
    if lines and lines[0].daring:
        text += Content.from_markup(f"\n[dim]{DARING_LEGEND}[/]")
    return text
