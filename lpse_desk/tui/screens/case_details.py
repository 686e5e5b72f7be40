"""A row of the case screen read whole (Enter on it): a document, a requested change, a
history event. The tabs cut their rows to the screen's width; a verifier has no audit screen
to read them in. Text only (``DetailsDialog``), personal numbers masked."""

from __future__ import annotations

from lpse_desk.domain.audit import action_label
from lpse_desk.domain.outcome import shown_value
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.review import DocumentVerdict
from lpse_desk.tui.fmt import date_time, dmy


def document_details(document) -> list[tuple[str, str]]:
    """A document read whole (Enter on its row): the list cuts its name and verdict."""
    if document.verdict is DocumentVerdict.ACCEPTED:
        verdict = "Diterima"
    elif document.verdict is DocumentVerdict.REJECTED:
        verdict = "Ditolak" + (f": {document.reason.label.lower()}" if document.reason else "")
    else:
        verdict = "belum" if document.needs_verdict else "tidak dibawa (tidak wajib)"
    yes = {True: "ya", False: "tidak"}
    return [
        ("Dokumen", document.name + ("" if document.mandatory else " (opsional)")),
        ("Asli ditunjukkan", yes[bool(document.original_shown)]),
        ("Salinan diterima", yes[bool(document.copy_received)]),
        ("Berlaku sampai", dmy(document.expiry_date) if document.expiry_date else ""),
        ("Catatan loket", mask_logged_text(document.intake_note)),
        ("Putusan verifikator", verdict),
        ("Catatan verifikator", mask_logged_text(document.note)),
    ]


def change_details(change) -> list[tuple[str, str]]:
    """A requested UBAH change read whole (Enter on its row): at 80 columns the list showed
    only the old value of an address, the new one cut off."""
    return [
        ("Data", change.label),
        ("Lama", shown_value(change.field, change.old_value)),
        ("Baru", shown_value(change.field, change.new_value)),
        ("Diminta", date_time(change.requested_at)),
        ("Diterapkan", date_time(change.applied_at) if change.applied_at else "belum"),
    ]


def event_details(event) -> list[tuple[str, str]]:
    """A history row read whole (Enter on it): who did what, and the reason in full."""
    return [
        ("Waktu", date_time(event.at)),
        ("Oleh", event.actor),
        ("Tindakan", action_label(event.action)),
        ("Keterangan", mask_logged_text(event.reason)),
    ]
