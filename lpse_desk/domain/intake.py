"""Intake rules: what counts as received, what is still missing, the desk ticket's text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.catalog import Requirement, Service
from lpse_desk.domain.entities import DocumentCheck
from lpse_desk.domain.errors import Conflict, NextStep, ValidationError

PROCEDURES = {"tatap_muka": "Tatap muka di MPP", "daring": "Daring (helpdesk dan panggilan video)"}
DIGITAL_COPY_NOTE = "Salinan digital diterima melalui helpdesk"


def received(requirement: Requirement, check: DocumentCheck, *, daring: bool = False) -> bool:
    """Whether what the catalog asks for this document was shown and kept.

    A document whose meterai was found invalid is not received until the mark is cleared
    (UU 10/2020 Pasal 21). In the daring procedure nobody shows an original at the desk:
    it is seen on the video call, so it never stops the hand-off.
    """
    if check.meterai_invalid:
        return False
    original_required = requirement.original_required and not daring
    if not (original_required or requirement.copy_kept):
        return check.original_shown or check.copy_received  # asked for neither: brought
    shown = check.original_shown or not original_required
    kept = check.copy_received or not requirement.copy_kept
    return shown and kept


def lacking(requirement: Requirement, check: DocumentCheck, *, daring: bool = False) -> list[str]:
    """What is still needed for this document: ``meterai``, ``asli``, ``salinan`` or none.

    A document whose meterai is invalid lacks just that: it cannot be taken as it is.
    """
    if check.meterai_invalid:
        return ["meterai"]
    parts = []
    if requirement.original_required and not daring and not check.original_shown:
        parts.append("asli")
    if requirement.copy_kept and not check.copy_received:
        parts.append("salinan")
    return parts


_LACKING_TEXT = {
    "meterai": "meterai tidak ada/bukan Rp 10.000 (UU 10/2020)",
    "asli": "asli belum diperlihatkan",
    "salinan": "salinan belum diterima",
}

ORIGINAL_VIA_CALL = "asli diperiksa lewat video call"
ORIGINAL_NOT_CHECKED = "belum diperiksa"


def what_is_missing(requirement: Requirement, check: DocumentCheck, *, daring: bool = False) -> str:
    """In Indonesian: what is still needed for this document ("" when complete)."""
    return ", ".join(_LACKING_TEXT[part] for part in lacking(requirement, check, daring=daring))


@dataclass(frozen=True)
class ChecklistLine:
    """A checklist item with its catalog requirement and what the officer recorded."""

    requirement: Requirement
    check: DocumentCheck
    daring: bool = False
    """The case follows the daring procedure (originals are seen on the video call)."""

    @property
    def complete(self) -> bool:
        """Received as the catalog asks."""
        return received(self.requirement, self.check, daring=self.daring)

    @property
    def lacking(self) -> list[str]:
        """``meterai``, ``asli`` and/or ``salinan`` still needed."""
        return lacking(self.requirement, self.check, daring=self.daring)

    @property
    def missing_text(self) -> str:
        """What is still needed."""
        return what_is_missing(self.requirement, self.check, daring=self.daring)

    @property
    def original_text(self) -> str | None:
        """Daring: how the original was checked; None in the tatap muka procedure."""
        if not (self.daring and self.requirement.original_required):
            return None
        if self.check.original_call_id is not None:
            return f"{ORIGINAL_VIA_CALL} #{self.check.original_call_id}"
        return ORIGINAL_NOT_CHECKED


def check_tick(line: ChecklistLine, *, original_shown: bool, copy_received: bool) -> None:
    """A tick the checklist cannot contradict; Conflict (Indonesian) when it would.

    A document marked "meterai tidak sah" takes no tick until the mark is cleared.
    """
    if line.check.meterai_invalid and (original_shown or copy_received):
        raise Conflict(
            f"{line.requirement.name}: meterai ditandai tidak sah. Hapus tanda itu dulu "
            "(meterai sudah Rp 10.000 atau e-meterai), baru centang dokumennya."
        )


def check_meterai_mark(line: ChecklistLine, *, invalid: bool) -> None:
    """Only a document that needs meterai can be marked; Conflict otherwise."""
    if invalid and not line.requirement.meterai:
        raise Conflict(f"{line.requirement.name} tidak memerlukan meterai")


def missing(lines: Sequence[ChecklistLine]) -> list[ChecklistLine]:
    """Mandatory documents not yet received: these stop the handoff."""
    return [line for line in lines if line.requirement.mandatory and not line.complete]


def proxy_allowed(service: Service) -> bool:
    """Whether someone other than the director/owner may bring the file (with a Surat Kuasa).

    Read from the catalog: a service that asks for a Surat Kuasa when the bearer is not the
    director allows it (UBAH, UID); REG tatap muka does not (seed 000 step 7).
    """
    return any(item.condition == "bearer_not_director" for item in service.requirements)


def same_person(first: str | None, second: str | None) -> bool:
    """Two names written for one person (case, spaces and punctuation aside)."""

    def folded(name: str | None) -> str:
        return "".join(ch for ch in (name or "").casefold() if ch.isalnum())

    return bool(folded(first)) and folded(first) == folded(second)


def check_bearer(
    service: Service,
    *,
    procedure: str,
    bearer_is_director: bool,
    bearer_name: str | None,
    director_name: str | None = None,
) -> str | None:
    """The name of the person who brought the file, as the receipt prints it.

    Tatap muka: a name is required; "the director in person" must be the director the
    vendor's data names (when one is recorded); a bearer who is not the director/owner is
    refused for a service that takes no Surat Kuasa (REG: the director comes in person).
    Daring: nobody brings anything, so there is no bearer (None), but a request made by a
    proxy is refused the same way.
    """
    if procedure == "daring":
        if not bearer_is_director and not proxy_allowed(service):
            raise Conflict(
                f"Layanan {service.code}: permohonan diajukan dan diverifikasi oleh "
                "direktur/pemilik sendiri, tidak melalui kuasa."
            )
        return None
    name = " ".join((bearer_name or "").split())
    if not name:
        who = "direktur/pemilik" if bearer_is_director else "pembawa berkas (penerima kuasa)"
        raise ValidationError(f"Tulis nama {who} yang datang ke loket", field="pembawa")
    if len(name) > 200:
        raise ValidationError("Nama pembawa berkas paling banyak 200 karakter", field="pembawa")
    if bearer_is_director and director_name and not same_person(name, director_name):
        raise ValidationError(
            f"'{name}' bukan direktur/pemilik yang tercatat ({director_name}). Pilih 'orang "
            "lain, dengan Surat Kuasa', atau perbaiki nama direktur pada data penyedia dulu.",
            field="pembawa",
            step=NextStep.EDIT_VENDOR,
        )
    if not bearer_is_director and not proxy_allowed(service):
        raise Conflict(
            f"Layanan {service.code} tatap muka: direktur/pemilik wajib datang sendiri "
            "membawa dokumen asli; berkas tidak dapat diterima dari orang lain, juga dengan "
            "surat kuasa. Tawarkan prosedur daring melalui helpdesk."
        )
    return name


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


def require_spse_user_id(service: Service, *, vendor_name: str, spse_user_id: str | None) -> None:
    """A service that needs the vendor's SPSE account is refused until its user ID is recorded."""
    if service.requires_spse_user_id and not spse_user_id:
        raise Conflict(
            f"{vendor_name} belum punya user ID SPSE: minta penyedia mendaftar online di SPSE "
            "dulu, lalu catat user ID-nya pada data penyedia."
        )


TOPIC_MAX = 300
ADVICE_MAX = 2000
CONSULTATION_MINUTES = range(1, 481)


def check_consultation(topic: str, advice: str, minutes: int) -> tuple[str, str]:
    """A KONS record's topic and advice, cleaned; refused when empty, too long or its
    duration is outside 1–480 minutes."""
    topic, advice = " ".join(topic.split()), advice.strip()
    if not topic:
        raise ValidationError("Topik konsultasi wajib diisi", field="topik")
    if not advice:
        raise ValidationError("Saran yang diberikan wajib diisi", field="saran")
    if len(topic) > TOPIC_MAX or len(advice) > ADVICE_MAX:
        raise ValidationError("Topik paling banyak 300, saran 2000 karakter", field="saran")
    if minutes not in CONSULTATION_MINUTES:
        raise ValidationError("Lama konsultasi 1–480 menit", field="lama")
    return topic, advice


def check_consultation_length(minutes: int, *, since: datetime | None, now: datetime,
                              ticket: str) -> None:  # fmt: skip
    """A consultation at the counter lasted no longer than its visitor has been at the loket
    (``since``: first called or served); a typed 480 for a visit called a minute ago is a
    slip of the keyboard, and the report would count it."""
    if since is None:
        return
    at_most = max(1, math.ceil((now - since).total_seconds() / 60))
    if minutes > at_most:
        raise ValidationError(
            f"Lama konsultasi {minutes} menit melebihi waktu {ticket} di loket (baru "
            f"{at_most} menit); tulis lama yang sebenarnya",
            field="lama",
        )


def check_training_request(service: Service, request: str) -> str:
    """A LAT request, cleaned and cut to 300 characters; refused while LAT is closed."""
    if not service.is_open:
        raise Conflict(f"Layanan LAT sedang ditutup: {service.closed_message}")
    cleaned = " ".join(request.split())
    if not cleaned:
        raise ValidationError("Tulis pelatihan yang diminta", field="permintaan")
    return cleaned[:TOPIC_MAX]
