"""Queue rules: call order, the moves a ticket may make, outcomes, times from events.

Nothing here touches the store: the store asks these rules which visit comes next
and whether a move is allowed, and the reports ask them how long people waited.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lpse_desk.domain.clock import to_wib
from lpse_desk.domain.entities import VISIT_STATUS_LABELS, Event, Visit, VisitStatus
from lpse_desk.domain.errors import Conflict, NextStep, ValidationError
from lpse_desk.domain.labelled import Labelled
from lpse_desk.domain.privacy import mask_logged_text

PRIORITIES: dict[str, str] = {
    "lansia": "Lansia",
    "disabilitas": "Penyandang disabilitas",
    "hamil": "Ibu hamil",
}
"""Priority categories (code → label), served before ordinary visitors."""

OUTCOMES: dict[str, str] = {
    "diterima": "Berkas lengkap, diteruskan ke verifikator",
    "belum_lengkap": "Berkas belum lengkap, penyedia melengkapi",
    "informasi": "Konsultasi/informasi diberikan",
    "dialihkan_daring": "Diarahkan ke layanan daring (helpdesk)",
    "dibatalkan": "Penyedia membatalkan",
    "lainnya": "Lainnya (tulis keterangan)",
}
"""What a finished visit led to; a visit cannot be finished without one."""

OUTCOMES_NEEDING_NOTE = frozenset({"lainnya"})

OUTCOMES_CLAIMING_HANDOFF = frozenset({"diterima"})
"""Outcomes that say the file went to the verifiers: only true once its case was handed off."""


def check_outcome_matches(code: str, *, handed_off: bool) -> None:
    """Conflict when the outcome claims a hand-off that did not happen."""
    if code in OUTCOMES_CLAIMING_HANDOFF and not handed_off:
        raise Conflict(
            f"Hasil '{OUTCOMES[code]}' hanya dapat dicatat bila berkas kunjungan ini sudah "
            "diserahkan ke verifikator dengan tanda terima lewat penerimaan berkas. "
            "Pilih hasil lain yang sesuai dengan yang terjadi.",
            step=NextStep.INTAKE,
        )

HOLD_REASONS = (
    "Mengambil dokumen yang kurang",
    "Membeli/menempel meterai",
    "Memfotokopi dokumen",
    "Menunggu direktur/pemberi kuasa",
)
"""Quick choices for parking a visitor; free text is allowed too."""

PAUSE_REASONS = ("Istirahat", "Salat", "Rapat/koordinasi", "Gangguan sistem")
CLOSE_REASONS = ("Jam layanan selesai", "Petugas bertugas di luar loket", "Gangguan sistem")


class LoketStatus(Labelled):
    """Whether a counter is calling."""

    OPEN = "buka", "Buka"
    PAUSED = "jeda", "Jeda"
    CLOSED = "tutup", "Tutup"


LOKET_STATUS_LABELS: dict[LoketStatus, str] = LoketStatus.labels()

ACTIVE_STATUSES = frozenset({VisitStatus.CALLED, VisitStatus.SERVING})
"""A loket holds at most one visit in these states."""

# action → (states it may start from, state it leads to)
MOVES: dict[str, tuple[frozenset[VisitStatus], VisitStatus]] = {
    "dipanggil": (frozenset({VisitStatus.WAITING, VisitStatus.ON_HOLD}), VisitStatus.CALLED),
    "mulai_dilayani": (frozenset({VisitStatus.CALLED}), VisitStatus.SERVING),
    "ditahan": (frozenset(ACTIVE_STATUSES), VisitStatus.ON_HOLD),
    "kembali_antre": (frozenset({VisitStatus.ON_HOLD}), VisitStatus.WAITING),
    "tidak_hadir": (frozenset({VisitStatus.CALLED}), VisitStatus.NO_SHOW),
    "dipulihkan": (frozenset({VisitStatus.NO_SHOW}), VisitStatus.WAITING),
    "dialihkan": (
        frozenset({VisitStatus.WAITING, VisitStatus.ON_HOLD, *ACTIVE_STATUSES}),
        VisitStatus.WAITING,
    ),
    "selesai": (frozenset({VisitStatus.SERVING}), VisitStatus.DONE),
    "batal": (frozenset({VisitStatus.WAITING, VisitStatus.ON_HOLD}), VisitStatus.CANCELLED),
    # The officer leaves the desk (quit, logout): the visitor waits again in their own place.
    "dikembalikan_ke_antrean": (frozenset(ACTIVE_STATUSES), VisitStatus.WAITING),
}

_MOVE_LABELS = {
    "dipanggil": "dipanggil",
    "mulai_dilayani": "mulai dilayani",
    "ditahan": "ditahan",
    "kembali_antre": "dikembalikan ke antrian",
    "tidak_hadir": "ditandai tidak hadir",
    "dipulihkan": "dipulihkan",
    "dialihkan": "dialihkan",
    "selesai": "diselesaikan",
    "batal": "dibatalkan",
    "dikembalikan_ke_antrean": "dikembalikan ke antrian",
}

_MOVE_HINTS = {
    "selesai": "Mulai layani dulu saat penyedia tiba di loket.",
    "tidak_hadir": "Hanya nomor yang sedang dipanggil dapat ditandai tidak hadir.",
    "mulai_dilayani": "Panggil nomornya dulu.",
}


def check_move(visit: Visit, action: str) -> VisitStatus:
    """The state ``action`` leads to; Conflict (in Indonesian) when not allowed now."""
    allowed, target = MOVES[action]
    if visit.status not in allowed:
        state = VISIT_STATUS_LABELS[visit.status].lower()
        hint = _MOVE_HINTS.get(action, "")
        message = f"{visit.ticket} sedang {state}; tidak dapat {_MOVE_LABELS[action]}."
        raise Conflict(f"{message} {hint}".strip())
    return target


def check_priority(value: str | None) -> str | None:
    """A priority code or None; ValidationError names the known ones."""
    if value is None or not value.strip():
        return None
    code = value.strip().casefold()
    if code not in PRIORITIES:
        known = ", ".join(PRIORITIES)
        raise ValidationError(
            f"Prioritas '{value}' tidak dikenal; pilih {known}", field="prioritas"
        )
    return code


@dataclass(frozen=True)
class TicketHolder:
    """What a ticket carries about its visitor: all optional, a walk-in may stay anonymous."""

    visitor_name: str | None = None
    phone: str | None = None
    priority: str | None = None
    booking_code: str | None = None
    booked_for: datetime | None = None
    """A booked visitor's slot."""


def check_outcome(code: str | None, note: str | None) -> tuple[str, str | None]:
    """The outcome code and the cleaned note; ValidationError when missing or unknown."""
    if not code:
        raise ValidationError("Hasil layanan wajib dipilih sebelum menyelesaikan", field="hasil")
    if code not in OUTCOMES:
        raise ValidationError(f"Hasil layanan '{code}' tidak dikenal", field="hasil")
    cleaned = (note or "").strip() or None
    if code in OUTCOMES_NEEDING_NOTE and not cleaned:
        raise ValidationError("Tulis keterangan untuk hasil 'Lainnya'", field="keterangan")
    if cleaned and len(cleaned) > 500:
        raise ValidationError("Keterangan paling banyak 500 karakter", field="keterangan")
    return code, cleaned


VISITOR_NAME_LIMIT = 200


def check_visitor_name(name: str | None) -> str | None:
    """A visitor's name as typed at the desk (empty: none). A phone or NIK typed into it is
    refused: the queue list and the board show names whole, where numbers are masked."""
    cleaned = (name or "").strip() or None  # as typed: shown escaped, never rewritten
    if cleaned is None:
        return None
    if len(cleaned) > VISITOR_NAME_LIMIT:
        raise ValidationError(f"Nama paling banyak {VISITOR_NAME_LIMIT} karakter", field="nama")
    if mask_logged_text(cleaned) != cleaned:
        raise ValidationError(
            "Nama berisi nomor panjang (NIK atau telepon?): tulis namanya saja", field="nama",
        )  # fmt: skip
    return cleaned


REASON_LIMIT = 200
"""The longest reason for a hold, a pause, a closing, a cancellation or a transfer."""


def check_reason(text: str | None, *, what: str) -> str:
    """A required, trimmed reason (hold, pause, close, cancel)."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise ValidationError(f"Alasan {what} wajib diisi", field="alasan")
    if len(cleaned) > REASON_LIMIT:
        raise ValidationError(
            f"Alasan {what} paling banyak {REASON_LIMIT} karakter", field="alasan"
        )
    return cleaned


@dataclass(frozen=True)
class QueuePolicy:
    """The counter's queue settings."""

    no_show_window: timedelta = timedelta(minutes=30)
    """How long after a no-show the visitor may still be restored."""
    booking_early: timedelta = timedelta(minutes=15)
    """A booking counts as due this long before its slot."""
    booking_late: timedelta = timedelta(minutes=30)
    """…and until this long after it; a visitor later than that queues by arrival."""


def call_group(visit: Visit, now: datetime, policy: QueuePolicy) -> int:
    """0 back at the front (held, restored), 1 booking due, 2 priority, 3 everyone else."""
    if visit.front_since is not None:
        return 0
    if visit.booked_for is not None and booking_due(visit.booked_for, now, policy):
        return 1
    if visit.priority:
        return 2
    return 3


def booking_due(slot: datetime, now: datetime, policy: QueuePolicy) -> bool:
    """Whether a booked slot is "now": from ``booking_early`` before to ``booking_late`` after."""
    return slot - policy.booking_early <= now <= slot + policy.booking_late


CALL_GROUP_LABELS = {0: "Kembali", 1: "Booking", 2: "Prioritas", 3: ""}


def call_order(visits: Iterable[Visit], now: datetime, policy: QueuePolicy) -> list[Visit]:
    """Waiting visits in the order they will be called."""

    def key(visit: Visit) -> tuple:
        group = call_group(visit, now, policy)
        if group == 0:
            moment = visit.front_since
        elif group == 1:
            moment = visit.booked_for
        else:
            moment = visit.arrived_at
        return (group, moment, visit.arrived_at, visit.id)

    return sorted(visits, key=key)


def no_show_expired(finished_at: datetime, now: datetime, policy: QueuePolicy) -> bool:
    """Whether a no-show is too old to be restored."""
    return now - finished_at > policy.no_show_window


@dataclass(frozen=True)
class VisitTimes:
    """How a visit's time was spent, from its events."""

    waiting: timedelta
    walking: timedelta
    serving: timedelta
    held: timedelta
    called: int
    """How often the number was called (recalls included)."""


_STATE_BUCKET = {
    VisitStatus.WAITING.value: "waiting",
    VisitStatus.CALLED.value: "walking",
    VisitStatus.SERVING.value: "serving",
    VisitStatus.ON_HOLD.value: "held",
}


def visit_times(history: Sequence[Event], now: datetime) -> VisitTimes:
    """Sum the time spent in each state; an open state runs until ``now``."""
    totals = dict.fromkeys(("waiting", "walking", "serving", "held"), timedelta(0))
    state: str | None = None
    since: datetime | None = None
    called = 0
    for event in sorted(history, key=lambda e: (e.at, e.id)):
        if event.action in ("dipanggil", "panggil_ulang"):
            called += 1
        if event.to_state is None:
            continue
        if state is not None and since is not None and state in _STATE_BUCKET:
            totals[_STATE_BUCKET[state]] += max(event.at - since, timedelta(0))
        state, since = event.to_state, event.at
    if state in _STATE_BUCKET and since is not None:
        totals[_STATE_BUCKET[state]] += max(now - since, timedelta(0))
    return VisitTimes(called=called, **totals)


_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")


def number_words(n: int) -> str:
    """An integer 0–999 999 in Indonesian words (``12`` → ``dua belas``)."""
    if n < 0 or n > 999_999:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_DIGITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_DIGITS[tens]} puluh" + (f" {_DIGITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_DIGITS[hundreds]} ratus"
        return head + (f" {number_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{number_words(thousands)} ribu"
    return head + (f" {number_words(rest)}" if rest else "")


def announcement(ticket: str, loket: int) -> str:
    """What the board says: ``A-003`` at loket 2 → "Nomor antrian A nol nol tiga, …"."""
    spoken = []
    for char in ticket:
        if char.isdigit():
            spoken.append(_DIGITS[int(char)])
        elif char.isalpha():
            spoken.append(char.upper())
    return f"Nomor antrian {' '.join(spoken)}, silakan ke loket {number_words(loket)}"


@dataclass(frozen=True)
class LoketState:
    """Where one loket stands."""

    number: int
    status: LoketStatus
    reason: str | None
    staff_id: int | None
    since: datetime | None


def loket_state_on(
    day: date, number: int, status: LoketStatus, *, reason: str | None, staff_id: int | None,
    since: datetime,
) -> LoketState:  # fmt: skip
    """A loket's stored state as it stands on ``day``: every WIB day starts with the lokets
    closed, so a state set on an earlier day reads as closed."""
    if to_wib(since).date() < day:
        return LoketState(number, LoketStatus.CLOSED, None, None, None)
    return LoketState(number, status, reason, staff_id, since)


HELD_TOO_LONG = timedelta(minutes=30)
"""A visitor held longer than this (gone to fetch a document or a meterai) is flagged: the
officer calls them, or cancels the number."""


def held_for(visit: Visit, now: datetime) -> timedelta | None:
    """How long a held visitor has been away (None: not held, or the time is unknown)."""
    if visit.status is not VisitStatus.ON_HOLD or visit.moved_at is None:
        return None
    return max(now - visit.moved_at, timedelta(0))
