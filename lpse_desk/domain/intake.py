"""Intake rules: what counts as received, what is still missing, the desk ticket's text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.catalog import Requirement
from lpse_desk.domain.entities import DocumentCheck
from lpse_desk.domain.errors import ValidationError

PROCEDURES = {"tatap_muka": "Tatap muka di MPP", "daring": "Daring (helpdesk dan panggilan video)"}
DIGITAL_COPY_NOTE = "Salinan digital diterima melalui helpdesk"


def received(requirement: Requirement, check: DocumentCheck) -> bool:
    """Whether what the catalog asks for this document was shown and kept."""
    if not (requirement.original_required or requirement.copy_kept):
        return check.original_shown or check.copy_received  # asked for neither: brought
    shown = check.original_shown or not requirement.original_required
    kept = check.copy_received or not requirement.copy_kept
    return shown and kept


def lacking(requirement: Requirement, check: DocumentCheck) -> list[str]:
    """What is still needed for this document: ``asli``, ``salinan``, both or none."""
    parts = []
    if requirement.original_required and not check.original_shown:
        parts.append("asli")
    if requirement.copy_kept and not check.copy_received:
        parts.append("salinan")
    return parts


_LACKING_TEXT = {"asli": "asli belum diperlihatkan", "salinan": "salinan belum diterima"}


def what_is_missing(requirement: Requirement, check: DocumentCheck) -> str:
    """In Indonesian: what is still needed for this document ("" when complete)."""
    return ", ".join(_LACKING_TEXT[part] for part in lacking(requirement, check))


@dataclass(frozen=True)
class ChecklistLine:
    """A checklist item with its catalog requirement and what the officer recorded."""

    requirement: Requirement
    check: DocumentCheck

    @property
    def complete(self) -> bool:
        """Received as the catalog asks."""
        return received(self.requirement, self.check)

    @property
    def lacking(self) -> list[str]:
        """``asli`` and/or ``salinan`` still needed."""
        return lacking(self.requirement, self.check)

    @property
    def missing_text(self) -> str:
        """What is still needed."""
        return what_is_missing(self.requirement, self.check)


def missing(lines: Sequence[ChecklistLine]) -> list[ChecklistLine]:
    """Mandatory documents not yet received: these stop the handoff."""
    return [line for line in lines if line.requirement.mandatory and not line.complete]


def check_expiry(text: str, *, today: date) -> date | None:
    """An expiry date typed by the officer; an expired document is refused."""
    from lpse_desk.domain.textfmt import format_date_id, parse_date

    if not text.strip():
        return None
    day = parse_date(text)
    if day < today:
        raise ValidationError(
            f"Dokumen sudah kedaluwarsa ({format_date_id(day)}); catat sebagai belum diterima "
            "dan tulis alasannya di catatan",
            field="masa_berlaku",
        )
    return day


def check_note(text: str) -> str:
    """A document note: trimmed, at most 300 characters."""
    cleaned = " ".join(text.split())
    if len(cleaned) > 300:
        raise ValidationError("Catatan paling banyak 300 karakter", field="catatan")
    return cleaned


INCOMPLETE_MARK = "BERKAS BELUM LENGKAP"
"""Leads the subject and message of a ticket whose file got a slip, not a tanda terima."""


def ticket_subject(
    service_code: str, service_name: str, vendor_name: str, *, incomplete: bool = False
) -> str:
    """The desk ticket's subject, as a helpdesk agent would want to read it.

    An incomplete file says so first: the agent must not take it for a submission to verify.
    """
    state = f"{INCOMPLETE_MARK} — " if incomplete else ""
    return f"[{service_code}] {state}{service_name} — {vendor_name}"[:300]


def ticket_message(
    *,
    vendor_name: str,
    npwp_shown: str,
    spse_user_id: str | None,
    procedure: str,
    officer: str,
    lines: Sequence[ChecklistLine],
    receipt_number: str | None,
    due_text: str | None,
    incomplete: bool = False,
) -> str:
    """The desk ticket's message: who, what was received, what happens next.

    For an incomplete file (a slip, not a tanda terima) it opens with what is lacking and
    that nothing goes to the verifier.
    """
    rows = []
    if incomplete:
        lacking_names = "; ".join(line.requirement.name for line in missing(lines)) or "-"
        rows += [
            f"{INCOMPLETE_MARK}: belum diproses dan tidak diteruskan ke verifikator.",
            f"Dokumen wajib yang kurang: {lacking_names}",
            "",
        ]
    rows += [
        f"Penyedia: {vendor_name}",
        f"NPWP: {npwp_shown}",
        f"User ID SPSE: {spse_user_id or '-'}",
        f"Prosedur: {PROCEDURES.get(procedure, procedure)}",
        f"Petugas: {officer}",
        "",
        "Dokumen:",
    ]
    for line in lines:
        state = "lengkap" if line.complete else (line.missing_text or "tidak wajib")
        note = f" — {line.check.note}" if line.check.note else ""
        rows.append(f"- {line.requirement.name}: {state}{note}")
    if receipt_number:
        paper = "Slip berkas belum lengkap" if incomplete else "Tanda terima"
        rows += ["", f"{paper}: {receipt_number}"]
    if due_text:
        rows.append(f"Batas waktu verifikasi: {due_text}")
    return "\n".join(rows)


def ticket_blocker(*, message: str, email: str | None) -> str | None:
    """Why the ticket cannot go to osTicket yet, in Indonesian; None when it can.

    osTicket refuses a ticket without a valid requester email for good (DOMAIN.md §8), so
    such a ticket is never "ready to send".
    """
    from lpse_desk.domain.identifiers import check_email

    if not message.strip():
        return "masih penerimaan"
    if not (email or "").strip():
        return "tidak dapat dikirim: email penyedia kosong"
    error = check_email(email).error
    if error is not None:
        return f"tidak dapat dikirim: email penyedia tidak sah ({error})"
    return None


def ticket_status(
    *, sent_at: datetime | None, external_ref: str | None, message: str, email: str | None
) -> str:
    """The ticket's send status as the outbox shows it."""
    if sent_at is not None:
        sent = f"terkirim {sent_at:%Y-%m-%d %H:%M}"
        return sent + (f" ({external_ref})" if external_ref else "")
    return ticket_blocker(message=message, email=email) or "siap dikirim"
