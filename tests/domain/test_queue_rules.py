"""Queue rules: who is called next, which moves a ticket may make, times, spoken numbers."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.entities import Event, Visit, VisitStatus
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.queue.rules import (
    MOVES,
    QueuePolicy,
    VisitTimes,
    announcement,
    call_group,
    call_order,
    check_move,
    check_outcome,
    check_priority,
    check_reason,
    no_show_expired,
    number_words,
    visit_times,
)

DAY = date(2026, 6, 10)
NOW = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
POLICY = QueuePolicy()  # booking due 15 minutes early, no-shows restorable for 30 minutes


def at(hhmm: str, *, seconds: int = 0) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return datetime(2026, 6, 10, hour, minute, seconds, tzinfo=WIB)


def visit(
    visit_id: int,
    arrived: str,
    *,
    status: VisitStatus = VisitStatus.WAITING,
    priority: str | None = None,
    booked_for: datetime | None = None,
    front_since: datetime | None = None,
    number: int | None = None,
) -> Visit:
    return Visit(
        id=visit_id,
        service_date=DAY,
        service_code="REG",
        prefix="A",
        number=number or visit_id,
        status=status,
        visitor_name=None,
        phone=None,
        priority=priority,
        booking_code="MPP-260610-0001" if booked_for else None,
        loket=None,
        arrived_at=at(arrived),
        called_at=None,
        finished_at=None,
        booked_for=booked_for,
        front_since=front_since,
    )


def ids(visits: list[Visit]) -> list[int]:
    return [v.id for v in visits]


# --- call order ----------------------------------------------------------------------------


def test_front_beats_due_booking_beats_priority_beats_arrival():
    everyone = [
        visit(1, "08:00"),  # first to arrive, ordinary
        visit(2, "08:10", priority="lansia"),
        visit(3, "09:20", booked_for=at("09:40")),  # due: 09:40 − 15 min ≤ 09:30
        visit(4, "08:05", front_since=at("09:29")),  # back from hold a minute ago
        visit(5, "08:20"),
        visit(6, "08:30", priority="hamil"),
    ]
    assert ids(call_order(everyone, NOW, POLICY)) == [4, 3, 2, 6, 1, 5]
    assert [call_group(v, NOW, POLICY) for v in everyone] == [3, 2, 1, 0, 3, 2]


def test_call_order_does_not_depend_on_input_order():
    everyone = [
        visit(1, "08:00"),
        visit(2, "08:10", priority="disabilitas"),
        visit(3, "09:20", booked_for=at("09:40")),
        visit(4, "09:25", front_since=at("09:26")),
    ]
    expected = [4, 3, 2, 1]
    assert ids(call_order(everyone, NOW, POLICY)) == expected
    assert ids(call_order(reversed(everyone), NOW, POLICY)) == expected


def test_a_front_visit_beats_an_earlier_arrival_with_priority_and_booking():
    back = visit(9, "09:29", front_since=at("09:29"))
    others = [
        visit(1, "07:30", priority="lansia", booked_for=at("09:00")),
        visit(2, "07:31", priority="lansia"),
    ]
    assert ids(call_order([*others, back], NOW, POLICY))[0] == 9


def test_front_visits_go_by_when_they_came_back():
    first_back = visit(2, "09:00", front_since=at("09:10"))
    second_back = visit(1, "08:00", front_since=at("09:20"))
    assert ids(call_order([second_back, first_back], NOW, POLICY)) == [2, 1]


def test_due_bookings_go_by_slot_not_arrival():
    late_slot_early_arrival = visit(1, "09:00", booked_for=at("09:40"))
    early_slot_late_arrival = visit(2, "09:25", booked_for=at("09:30"))
    assert ids(call_order([late_slot_early_arrival, early_slot_late_arrival], NOW, POLICY)) == [
        2,
        1,
    ]


def test_priorities_go_by_arrival_whatever_the_category():
    visits = [
        visit(1, "09:10", priority="lansia"),
        visit(2, "09:00", priority="hamil"),
        visit(3, "09:05", priority="disabilitas"),
    ]
    assert ids(call_order(visits, NOW, POLICY)) == [2, 3, 1]


def test_a_booking_not_yet_due_waits_by_arrival_like_a_walk_in():
    early_walk_in = visit(1, "09:00")
    booked = visit(2, "09:10", booked_for=at("10:00"))  # due from 09:45
    late_walk_in = visit(3, "09:20")
    priority = visit(4, "09:25", priority="lansia")
    assert call_group(booked, NOW, POLICY) == 3
    assert ids(call_order([late_walk_in, booked, early_walk_in, priority], NOW, POLICY)) == [
        4,
        1,
        2,
        3,
    ]
    # Once due it goes ahead of everyone but the visitors back at the front.
    assert (
        ids(call_order([late_walk_in, booked, early_walk_in, priority], at("09:45"), POLICY))[0]
        == 2
    )


@pytest.mark.parametrize(
    ("slot", "due"),
    [
        (at("09:45"), True),  # exactly booking_early ahead
        (at("09:45", seconds=1), False),
        (at("09:00"), True),  # slot already passed
        (at("11:00"), False),
    ],
)
def test_a_booking_is_due_from_booking_early_before_its_slot(slot, due):
    booked = visit(1, "09:00", booked_for=slot)
    assert (call_group(booked, NOW, POLICY) == 1) is due


def test_the_policy_decides_how_early_a_booking_is_due():
    booked = visit(1, "09:00", booked_for=at("10:00"))
    assert call_group(booked, NOW, QueuePolicy(booking_early=timedelta(minutes=30))) == 1
    assert call_group(booked, NOW, QueuePolicy(booking_early=timedelta(minutes=29))) == 3


def test_a_priority_booking_not_yet_due_is_still_a_priority():
    booked = visit(1, "09:00", booked_for=at("11:00"), priority="hamil")
    assert call_group(booked, NOW, POLICY) == 2


def test_ties_go_by_arrival_then_id():
    same_moment = [visit(7, "09:00"), visit(3, "09:00"), visit(5, "08:59")]
    assert ids(call_order(same_moment, NOW, POLICY)) == [5, 3, 7]
    same_slot = [
        visit(4, "09:10", booked_for=at("09:30")),
        visit(2, "09:10", booked_for=at("09:30")),
        visit(1, "09:20", booked_for=at("09:30")),
    ]
    assert ids(call_order(same_slot, NOW, POLICY)) == [2, 4, 1]
    same_return = [
        visit(8, "09:00", front_since=at("09:15")),
        visit(6, "08:00", front_since=at("09:15")),
    ]
    assert ids(call_order(same_return, NOW, POLICY)) == [6, 8]


def test_call_order_of_nobody_is_empty():
    assert call_order([], NOW, POLICY) == []


# --- moves ---------------------------------------------------------------------------------

# Written out by hand (not read from MOVES) so that a change to the rules shows up here.
ALLOWED_FROM = {
    "dipanggil": {VisitStatus.WAITING, VisitStatus.ON_HOLD},
    "mulai_dilayani": {VisitStatus.CALLED},
    "ditahan": {VisitStatus.CALLED, VisitStatus.SERVING},
    "kembali_antre": {VisitStatus.ON_HOLD},
    "tidak_hadir": {VisitStatus.CALLED},
    "dipulihkan": {VisitStatus.NO_SHOW},
    "dialihkan": {
        VisitStatus.WAITING,
        VisitStatus.ON_HOLD,
        VisitStatus.CALLED,
        VisitStatus.SERVING,
    },
    "selesai": {VisitStatus.SERVING},
    "batal": {VisitStatus.WAITING, VisitStatus.ON_HOLD},
    "dikembalikan_ke_antrean": {VisitStatus.CALLED, VisitStatus.SERVING},
}
LEADS_TO = {
    "dipanggil": VisitStatus.CALLED,
    "mulai_dilayani": VisitStatus.SERVING,
    "ditahan": VisitStatus.ON_HOLD,
    "kembali_antre": VisitStatus.WAITING,
    "tidak_hadir": VisitStatus.NO_SHOW,
    "dipulihkan": VisitStatus.WAITING,
    "dialihkan": VisitStatus.WAITING,
    "selesai": VisitStatus.DONE,
    "batal": VisitStatus.CANCELLED,
    "dikembalikan_ke_antrean": VisitStatus.WAITING,
}
ACTION_WORDS = {
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
STATUS_WORDS = {
    VisitStatus.WAITING: "menunggu",
    VisitStatus.CALLED: "dipanggil",
    VisitStatus.SERVING: "dilayani",
    VisitStatus.ON_HOLD: "ditahan",
    VisitStatus.NO_SHOW: "tidak hadir",
    VisitStatus.DONE: "selesai",
    VisitStatus.CANCELLED: "batal",
}


def test_the_rules_cover_every_move():
    assert set(MOVES) == set(ALLOWED_FROM)


@pytest.mark.parametrize("action", sorted(ALLOWED_FROM))
@pytest.mark.parametrize("status", list(VisitStatus))
def test_check_move_allows_exactly_the_listed_starting_states(action, status):
    ticket = visit(12, "09:00", status=status, number=12)
    if status in ALLOWED_FROM[action]:
        assert check_move(ticket, action) is LEADS_TO[action]
    else:
        with pytest.raises(Conflict) as refused:
            check_move(ticket, action)
        message = str(refused.value)
        assert message.startswith(
            f"A-012 sedang {STATUS_WORDS[status]}; tidak dapat {ACTION_WORDS[action]}."
        )


@pytest.mark.parametrize("status", [VisitStatus.DONE, VisitStatus.CANCELLED])
def test_finished_tickets_cannot_move_at_all(status):
    ticket = visit(1, "09:00", status=status)
    for action in MOVES:
        with pytest.raises(Conflict):
            check_move(ticket, action)


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (
            VisitStatus.CALLED,
            "selesai",
            "A-003 sedang dipanggil; tidak dapat diselesaikan. "
            "Mulai layani dulu saat penyedia tiba di loket.",
        ),
        (
            VisitStatus.WAITING,
            "tidak_hadir",
            "A-003 sedang menunggu; tidak dapat ditandai tidak hadir. "
            "Hanya nomor yang sedang dipanggil dapat ditandai tidak hadir.",
        ),
        (
            VisitStatus.WAITING,
            "mulai_dilayani",
            "A-003 sedang menunggu; tidak dapat mulai dilayani. Panggil nomornya dulu.",
        ),
        (
            VisitStatus.SERVING,
            "batal",
            "A-003 sedang dilayani; tidak dapat dibatalkan.",
        ),
    ],
)
def test_refusals_read_as_whole_indonesian_sentences(status, action, message):
    with pytest.raises(Conflict) as refused:
        check_move(visit(3, "09:00", status=status), action)
    assert str(refused.value) == message


# --- priority, outcome, reason ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, None), ("", None), ("   ", None), ("lansia", "lansia"), (" Hamil ", "hamil")],
)
def test_check_priority_accepts_known_codes(given, expected):
    assert check_priority(given) == expected


def test_check_priority_names_the_known_codes():
    with pytest.raises(ValidationError) as refused:
        check_priority("vip")
    assert str(refused.value) == ("Prioritas 'vip' tidak dikenal; pilih lansia, disabilitas, hamil")
    assert refused.value.field == "prioritas"


@pytest.mark.parametrize(
    ("code", "note", "expected"),
    [
        ("diterima", None, ("diterima", None)),
        ("diterima", "   ", ("diterima", None)),
        ("informasi", "  jadwal SIKaP  ", ("informasi", "jadwal SIKaP")),
        ("lainnya", " Minta surat keterangan ", ("lainnya", "Minta surat keterangan")),
        ("belum_lengkap", "x" * 500, ("belum_lengkap", "x" * 500)),
    ],
)
def test_check_outcome_accepts(code, note, expected):
    assert check_outcome(code, note) == expected


@pytest.mark.parametrize(
    ("code", "note", "field", "words"),
    [
        (None, None, "hasil", "wajib dipilih"),
        ("", "catatan", "hasil", "wajib dipilih"),
        ("beres", None, "hasil", "'beres' tidak dikenal"),
        ("lainnya", None, "keterangan", "keterangan untuk hasil 'Lainnya'"),
        ("lainnya", "   ", "keterangan", "keterangan untuk hasil 'Lainnya'"),
        ("diterima", "x" * 501, "keterangan", "paling banyak 500"),
    ],
)
def test_check_outcome_refuses(code, note, field, words):
    with pytest.raises(ValidationError, match=words) as refused:
        check_outcome(code, note)
    assert refused.value.field == field


def test_check_reason_trims_and_requires():
    assert check_reason("  Salat  ", what="jeda") == "Salat"
    assert check_reason("x" * 200, what="jeda") == "x" * 200
    for empty in (None, "", "  \t "):
        with pytest.raises(ValidationError) as refused:
            check_reason(empty, what="menahan")
        assert str(refused.value) == "Alasan menahan wajib diisi"
    with pytest.raises(ValidationError, match="Alasan jeda paling banyak 200 karakter"):
        check_reason("x" * 201, what="jeda")


@pytest.mark.parametrize(
    ("since", "expired"),
    [
        (timedelta(minutes=29, seconds=59), False),
        (timedelta(minutes=30), False),
        (timedelta(minutes=30, seconds=1), True),
        (timedelta(hours=5), True),
    ],
)
def test_a_no_show_expires_after_the_window(since, expired):
    assert no_show_expired(NOW - since, NOW, POLICY) is expired


# --- times from events -----------------------------------------------------------------------


def _event(event_id: int, when: str, action: str, to_state: VisitStatus | None) -> Event:
    return Event(
        id=event_id,
        at=at(when),
        actor="Siti Rahma (#1)",
        entity="visit",
        entity_id=1,
        action=action,
        from_state=None,
        to_state=to_state.value if to_state else None,
        reason=None,
    )


JOURNEY = [
    _event(1, "09:00", "nomor_diambil", VisitStatus.WAITING),
    _event(2, "09:12", "dipanggil", VisitStatus.CALLED),
    _event(3, "09:13", "panggil_ulang", None),
    _event(4, "09:14", "panggil_ulang", None),
    _event(5, "09:15", "mulai_dilayani", VisitStatus.SERVING),
    _event(6, "09:25", "ditahan", VisitStatus.ON_HOLD),
    _event(7, "09:45", "kembali_antre", VisitStatus.WAITING),
    _event(8, "09:48", "dipanggil", VisitStatus.CALLED),
    _event(9, "09:49", "mulai_dilayani", VisitStatus.SERVING),
    _event(10, "09:56", "selesai", VisitStatus.DONE),
]


def test_visit_times_add_up_each_state():
    times = visit_times(JOURNEY, now=at("12:00"))
    assert times == VisitTimes(
        waiting=timedelta(minutes=12 + 3),
        walking=timedelta(minutes=3 + 1),
        serving=timedelta(minutes=10 + 7),
        held=timedelta(minutes=20),
        called=4,  # two calls and two recalls
    )


def test_visit_times_sort_the_events_first():
    assert visit_times(list(reversed(JOURNEY)), now=at("12:00")) == visit_times(
        JOURNEY, now=at("12:00")
    )


def test_an_open_state_runs_until_now():
    so_far = JOURNEY[:6]  # on hold since 09:25
    times = visit_times(so_far, now=at("09:40"))
    assert (times.waiting, times.walking, times.serving, times.held, times.called) == (
        timedelta(minutes=12),
        timedelta(minutes=3),
        timedelta(minutes=10),
        timedelta(minutes=15),
        3,
    )


def test_a_no_show_stops_the_clock_and_a_restore_starts_it_again():
    history = [
        _event(1, "09:00", "nomor_diambil", VisitStatus.WAITING),
        _event(2, "09:10", "dipanggil", VisitStatus.CALLED),
        _event(3, "09:15", "tidak_hadir", VisitStatus.NO_SHOW),
        _event(4, "09:35", "dipulihkan", VisitStatus.WAITING),
    ]
    times = visit_times(history, now=at("09:40"))
    assert (times.waiting, times.walking, times.serving, times.held) == (
        timedelta(minutes=10 + 5),
        timedelta(minutes=5),
        timedelta(0),
        timedelta(0),
    )


def test_a_visit_without_events_took_no_time():
    assert visit_times([], now=NOW) == VisitTimes(
        timedelta(0), timedelta(0), timedelta(0), timedelta(0), 0
    )


def test_events_recorded_with_a_clock_set_back_never_give_negative_time():
    history = [
        _event(1, "09:00", "nomor_diambil", VisitStatus.WAITING),
        _event(2, "09:10", "dipanggil", VisitStatus.CALLED),
    ]
    times = visit_times(history, now=at("08:00"))
    assert times.walking == timedelta(0)
    assert times.waiting == timedelta(minutes=10)


# --- the board's voice -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nol"),
        (7, "tujuh"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (19, "sembilan belas"),
        (20, "dua puluh"),
        (21, "dua puluh satu"),
        (99, "sembilan puluh sembilan"),
        (100, "seratus"),
        (101, "seratus satu"),
        (111, "seratus sebelas"),
        (210, "dua ratus sepuluh"),
        (999, "sembilan ratus sembilan puluh sembilan"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (1100, "seribu seratus"),
        (2024, "dua ribu dua puluh empat"),
        (11_000, "sebelas ribu"),
        (100_000, "seratus ribu"),
        (
            999_999,
            "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
        ),
    ],
)
def test_number_words(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize("n", [-1, 1_000_000])
def test_number_words_refuses_numbers_out_of_range(n):
    with pytest.raises(ValueError):
        number_words(n)


@pytest.mark.parametrize(
    ("ticket", "loket", "spoken"),
    [
        ("A-003", 2, "Nomor antrian A nol nol tiga, silakan ke loket dua"),
        ("E-120", 11, "Nomor antrian E satu dua nol, silakan ke loket sebelas"),
        ("b-010", 1, "Nomor antrian B nol satu nol, silakan ke loket satu"),
        ("D-1000", 20, "Nomor antrian D satu nol nol nol, silakan ke loket dua puluh"),
    ],
)
def test_announcement(ticket, loket, spoken):
    assert announcement(ticket, loket) == spoken


@pytest.mark.parametrize(
    ("now", "group"),
    [
        (at("09:44"), 3),  # more than 15 minutes early: waits by arrival
        (at("09:45"), 1),
        (at("10:30"), 1),  # exactly booking_late after the slot: still due
        (at("10:31"), 3),  # later than that: an ordinary arrival, no jumping the queue
    ],
)
def test_a_booking_is_due_only_around_its_slot(now, group):
    booked = visit(1, "09:00", booked_for=at("10:00"))
    assert call_group(booked, now, POLICY) == group
