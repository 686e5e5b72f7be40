"""The daring procedure's video call (DOMAIN.md §2, SE Deputi II LKPP 1/2020).

The counter officer (TUS) schedules the call (date, time, channel), holds it and records
who attended and the evidence (photos of the originals, the recording); a missed call is
rescheduled as a new call linked to the missed one, so no call is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.identifiers.contact import check_phone
from lpse_desk.domain.labelled import Labelled
from lpse_desk.domain.office import Office, hhmm
from lpse_desk.domain.textfmt import format_long_id


class CallStatus(Labelled):
    """Where a scheduled video call stands."""

    SCHEDULED = "dijadwalkan", "Dijadwalkan"
    HELD = "selesai", "Selesai"
    MISSED = "terlewat", "Terlewat (dijadwalkan ulang)"
    CANCELLED = "dibatalkan", "Dibatalkan"


CALL_STATUS_LABELS: dict[CallStatus, str] = CallStatus.labels()

CHANNELS: dict[str, str] = {
    "zoom": "Zoom",
    "meet": "Google Meet",
    "whatsapp": "Panggilan video WhatsApp",
    "lainnya": "Lainnya (tulis di keterangan)",
}
"""Video-call channels (code → label); the detail field holds the link or number."""

NEEDS_LINK = frozenset({"zoom", "meet"})
"""Channels the vendor joins by a link: a call on them is scheduled with its link."""
_LINK = re.compile(r"https?://\S+", re.IGNORECASE)
_DIALLED = re.compile(r"\+?[\d\s().-]+")
"""A WhatsApp detail that is a number (empty: the vendor's own number is called)."""

DETAIL_LIMIT = 300
LIST_LIMIT = 20
"""Most attendees or evidence items one call records."""


@dataclass(frozen=True)
class VideoCall:
    """One scheduled video call of a daring case."""

    id: int
    case_id: int
    scheduled_for: datetime
    channel: str
    detail: str
    """The meeting link, the phone number called, or what "lainnya" is."""
    status: CallStatus
    attendees: tuple[str, ...]
    evidence: tuple[str, ...]
    """File paths or notes of the photos of the originals and the recording."""
    note: str
    scheduled_by: int | None
    scheduled_at: datetime
    held_at: datetime | None
    recorded_by: int | None
    rescheduled_from: int | None
    """The missed call this one replaces."""

    @property
    def channel_label(self) -> str:
        """The channel's Indonesian label."""
        return CHANNELS.get(self.channel, self.channel)

    @property
    def when_text(self) -> str:
        """``Rabu, 10 Juni 2026 pukul 13.00 WIB``."""
        return format_long_id(self.scheduled_for)


def check_channel(channel: str, detail: str) -> tuple[str, str]:
    """The channel code and its detail; "lainnya" needs the detail to say what it is."""
    code = (channel or "").strip().lower()
    if code not in CHANNELS:
        labels = ", ".join(f"{key} ({label})" for key, label in CHANNELS.items())
        raise ValidationError(
            f"Kanal '{channel}' tidak dikenal; pilih salah satu: {labels}", field="kanal"
        )
    text = " ".join((detail or "").split())
    if len(text) > DETAIL_LIMIT:
        raise ValidationError(
            f"Keterangan kanal paling banyak {DETAIL_LIMIT} karakter", field="keterangan"
        )
    if code == "lainnya" and not text:
        raise ValidationError("Kanal 'lainnya': tulis kanal dan tautannya", field="keterangan")
    if code in NEEDS_LINK and not _LINK.search(text):
        raise ValidationError(
            f"Kanal {CHANNELS[code]}: tulis tautan rapatnya (https://…) agar penyedia dapat "
            "bergabung", field="keterangan"
        )
    if code == "whatsapp" and _DIALLED.fullmatch(text):  # a number typed must be callable
        number = check_phone(text)  # "08123" cannot be called
        if number.error is not None:
            raise ValidationError(
                f"Kanal WhatsApp: tulis nomor yang dihubungi. {number.error}", field="keterangan"
            )
        text = number.display or text
    return code, text


SAME_CALL_WINDOW = timedelta(minutes=30)
"""Two calls of one case this close together are one call scheduled twice."""


def check_not_booked(calls: Sequence[VideoCall], moment: datetime) -> None:
    """Conflict when the case already has a call scheduled within ``SAME_CALL_WINDOW`` of
    ``moment`` (the same vendor cannot be on two calls at once)."""
    minutes = int(SAME_CALL_WINDOW.total_seconds() // 60)
    for call in calls:
        near = abs(call.scheduled_for - moment) < SAME_CALL_WINDOW
        if call.status is CallStatus.SCHEDULED and near:
            raise Conflict(
                f"Kasus ini sudah punya panggilan video #{call.id} terjadwal {call.when_text} "
                f"via {call.channel_label}: pilih jam lain, paling sedikit {minutes} menit "
                "dari panggilan itu"
            )


def check_schedule(
    calendar: WorkingCalendar, *, moment: datetime, now: datetime, office: Office | None = None
) -> datetime:
    """A call time: after now, on a day the desk works and, given the unit's ``office``,
    starting within its service hours (the officer must be there)."""
    when = to_wib(moment)
    if when <= to_wib(now):
        raise ValidationError(
            "Jadwal panggilan video harus setelah saat ini; tulis tanggal dan jam yang akan datang",
            field="jadwal",
        )
    closed = calendar.closed_reason(when.date())
    if closed is not None:
        raise ValidationError(
            f"{format_long_id(when)} bukan hari kerja ({closed}); pilih hari kerja",
            field="jadwal",
        )
    if office is not None and not office.opens <= when.time() < office.closes:
        raise ValidationError(
            f"Pukul {when:%H.%M} di luar jam layanan ({hhmm(office.opens)}–"
            f"{hhmm(office.closes)} WIB); pilih jam dalam jam layanan",
            field="jadwal",
        )
    return when


def clean_list(items: Sequence[str], *, what: str, field: str) -> tuple[str, ...]:
    """Non-empty, trimmed items (at least one, at most ``LIST_LIMIT``, 300 characters each)."""
    cleaned = tuple(" ".join(item.split()) for item in items if item and item.strip())
    if not cleaned:
        raise ValidationError(f"Tulis {what} (paling sedikit satu)", field=field)
    if len(cleaned) > LIST_LIMIT:
        raise ValidationError(f"{what.capitalize()} paling banyak {LIST_LIMIT}", field=field)
    for item in cleaned:
        if len(item) > DETAIL_LIMIT:
            raise ValidationError(
                f"Satu isian {what} paling banyak {DETAIL_LIMIT} karakter", field=field
            )
    return cleaned


def require_scheduled(call: VideoCall) -> None:
    """Only a scheduled call can be held, missed or cancelled."""
    if call.status is not CallStatus.SCHEDULED:
        raise Conflict(
            f"Panggilan video #{call.id} sudah {CALL_STATUS_LABELS[call.status].lower()}; "
            "tidak dapat diubah lagi"
        )


HELD_EARLY = timedelta(minutes=15)
"""How early before its scheduled time a call may be recorded as held (it began early)."""


def require_due(call: VideoCall, now: datetime, *, held: bool) -> None:
    """Conflict when the call's time has not come for the record: held from ``HELD_EARLY``
    before the schedule; missed only once the scheduled time has come (nobody failed to
    appear before it)."""
    early = HELD_EARLY if held else timedelta(0)
    if to_wib(now) + early >= to_wib(call.scheduled_for):
        return
    doing = "dicatat selesai" if held else "dicatat terlewat"
    earliest = f"{HELD_EARLY.seconds // 60} menit sebelum jadwal" if held else "pada jamnya"
    raise Conflict(
        f"Panggilan video #{call.id} dijadwalkan {format_long_id(call.scheduled_for)}: belum "
        f"waktunya {doing}; catat paling cepat {earliest}"
    )
