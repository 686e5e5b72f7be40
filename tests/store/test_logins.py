"""PIN attempts: the lockout read from the event log, the hash upgrade, the loket in use."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import pytest

from lpse_desk.domain import actors, security
from lpse_desk.domain.logins import LOCK_AFTER, LoginResult, LoketUse, until_text
from lpse_desk.domain.roles import Role
from lpse_desk.store.db import make_engine, read_session, write_session
from lpse_desk.store.queries import events, logins, staff
from lpse_desk.store.tables.desk import StaffRow

PIN = "5827"
WRONG = "5828"


def _old_cost_hash(pin: str) -> str:
    """A hash made as before this change (N=2**14, r=8, p=1)."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${2**14}$8$1${b64(salt).decode()}${b64(digest).decode()}"


def _officer(engine, clock, name: str = "Siti Rahma", pin: str = PIN) -> int:
    with write_session(engine) as session:
        return staff.create(
            session=session,
            name=name,
            role=Role.PETUGAS,
            pin=pin,
            actor="cli:test",
            now=clock.now(),
        ).id


def _try(engine, clock, staff_id: int, pin: str, **loket) -> LoginResult:
    with write_session(engine) as session:
        return logins.attempt(session=session, staff_id=staff_id, pin=pin, now=clock.now(), **loket)


def _actions(engine, staff_id: int) -> list[str]:
    with read_session(engine) as session:
        return [
            e.action for e in events.history(session=session, entity="staff", entity_id=staff_id)
        ]


def _lock(engine, clock, staff_id: int) -> LoginResult:
    for _ in range(LOCK_AFTER - 1):
        assert _try(engine, clock, staff_id, WRONG).locked_until is None
    return _try(engine, clock, staff_id, WRONG)


def test_five_wrong_pins_lock_the_account_for_five_minutes(engine, clock):
    siti = _officer(engine, clock)
    left = [_try(engine, clock, siti, WRONG).attempts_left for _ in range(4)]
    assert left == [4, 3, 2, 1]
    fifth = _try(engine, clock, siti, WRONG)
    assert (fifth.member, fifth.attempts_left) == (None, None)
    assert fifth.locked_until == clock.now() + timedelta(minutes=5)
    assert _actions(engine, siti)[1:] == ["masuk_gagal"] * 5


def test_a_locked_account_refuses_even_the_right_pin_without_counting_it(engine, clock):
    siti = _officer(engine, clock)
    until = _lock(engine, clock, siti).locked_until
    clock.advance(timedelta(minutes=4, seconds=59))
    refused = _try(engine, clock, siti, PIN, loket=1)
    assert (refused.member, refused.locked_until) == (None, until)
    assert _try(engine, clock, siti, WRONG).locked_until == until  # not extended
    assert _actions(engine, siti)[-2:] == ["masuk_ditolak_terkunci"] * 2
    clock.advance(timedelta(seconds=1))
    assert _try(engine, clock, siti, PIN, loket=1).member.id == siti


def test_each_further_run_of_five_locks_longer_five_fifteen_sixty_then_sixty(engine, clock):
    siti = _officer(engine, clock)
    for minutes in (5, 15, 60, 60):
        started = clock.now()
        assert _lock(engine, clock, siti).locked_until == started + timedelta(minutes=minutes)
        clock.advance(timedelta(minutes=minutes))
    # the run after a lock starts afresh: four wrong PINs leave one try
    assert _try(engine, clock, siti, WRONG).attempts_left == 4


def test_a_right_pin_resets_the_count_and_the_escalation(engine, clock):
    siti = _officer(engine, clock)
    for _ in range(4):
        _try(engine, clock, siti, WRONG)
    assert _try(engine, clock, siti, PIN, loket=1).member is not None
    _lock(engine, clock, siti)  # five more wrong ones needed, not one
    clock.advance(timedelta(minutes=5))
    assert _try(engine, clock, siti, PIN).member is not None  # the desk's unlock, say
    started = clock.now()
    assert _lock(engine, clock, siti).locked_until == started + timedelta(minutes=5)
    assert "pin_dikonfirmasi" in _actions(engine, siti)


def test_a_restarted_desk_still_sees_the_lock(engine, db_url, clock):
    siti = _officer(engine, clock)
    until = _lock(engine, clock, siti).locked_until
    engine.dispose()
    restarted = make_engine(db_url)
    try:
        clock.advance(timedelta(minutes=2))
        assert _try(restarted, clock, siti, PIN, loket=1).locked_until == until
    finally:
        restarted.dispose()


def test_the_lock_counts_one_account_only(engine, clock):
    siti = _officer(engine, clock)
    budi = _officer(engine, clock, name="Budi Santoso", pin="4817")
    _lock(engine, clock, siti)
    assert _try(engine, clock, budi, "4817", loket=2).member.id == budi


def test_an_old_cost_hash_is_upgraded_at_the_next_login(engine, clock):
    siti = _officer(engine, clock)
    with write_session(engine) as session:
        session.get(StaffRow, siti).pin_hash = _old_cost_hash(PIN)
    assert _try(engine, clock, siti, WRONG).member is None
    with read_session(engine) as session:
        assert security.needs_rehash(
            session.get(StaffRow, siti).pin_hash
        )  # a wrong PIN changes nothing
    assert _try(engine, clock, siti, PIN, loket=1).member is not None
    with read_session(engine) as session:
        stored = session.get(StaffRow, siti).pin_hash
    assert not security.needs_rehash(stored) and security.verify_pin(PIN, stored)


def test_a_loket_in_use_is_named_and_entered_only_when_confirmed(engine, clock):
    siti = _officer(engine, clock)
    budi = _officer(engine, clock, name="Budi Santoso", pin="4817")
    siti_in = clock.now()
    assert _try(engine, clock, siti, PIN, loket=2).member is not None
    clock.advance(timedelta(minutes=30))
    asked = _try(engine, clock, budi, "4817", loket=2)
    assert asked.member is None
    assert asked.loket_in_use == LoketUse(
        loket=2, staff_id=siti, name="Siti Rahma", since=siti_in
    )
    assert _actions(engine, budi) == ["staf_ditambahkan"]  # nothing logged until confirmed
    assert _try(engine, clock, budi, "4817", loket=3).member is not None  # another loket: free
    assert _try(engine, clock, siti, PIN, loket=2).member is not None  # her own loket: no question
    entered = _try(engine, clock, budi, "4817", loket=2, loket_confirmed=True)
    assert entered.member.id == budi
    assert _actions(engine, budi)[-1] == "masuk"


def test_a_loket_is_free_after_a_logout_or_the_next_day(engine, clock):
    siti = _officer(engine, clock)
    budi = _officer(engine, clock, name="Budi Santoso", pin="4817")
    member = _try(engine, clock, siti, PIN, loket=2).member
    clock.advance(timedelta(days=1))
    assert _try(engine, clock, budi, "4817", loket=2).member is not None  # yesterday's login
    _try(engine, clock, siti, PIN, loket=1, loket_confirmed=True)
    with write_session(engine) as session:
        events.record(
            session=session, at=clock.now(), actor=actors.actor_for(member), entity="staff",
            entity_id=siti, action="keluar",
        )  # fmt: skip
    assert _try(engine, clock, budi, "4817", loket=1).member is not None


def _reasons(engine, staff_id: int) -> list[tuple[str, str | None]]:
    with read_session(engine) as session:
        history = events.history(session=session, entity="staff", entity_id=staff_id)
        return [(e.action, e.reason) for e in history]


def test_a_verifier_logs_in_at_no_loket_and_takes_none(engine, clock):
    # A verifier serves no queue: the loket number of the PC she logs in at is not hers. She
    # is not asked about the officer sitting there, and an officer is not told she is there.
    siti = _officer(engine, clock)
    with write_session(engine) as session:
        andi = staff.create(session=session, name="Andi Wijaya", role=Role.VERIFIKATOR,
                            pin="4817", actor="cli:test", now=clock.now()).id  # fmt: skip
    assert _try(engine, clock, siti, PIN, loket=1).member is not None
    entered = _try(engine, clock, andi, "4817", loket=1)
    assert entered.member is not None and entered.loket_in_use is None
    assert _reasons(engine, andi)[-1] == ("masuk", None)  # logged in, at no loket
    assert _try(engine, clock, siti, PIN, loket=2).member is not None  # Siti moves to loket 2
    assert _try(engine, clock, andi, "4817", loket=2).member is not None
    budi = _officer(engine, clock, name="Budi Santoso", pin="5937")
    assert _try(engine, clock, budi, "5937", loket=1).loket_in_use is None  # Andi is at none
    assert _try(engine, clock, budi, "5937", loket=2).loket_in_use.name == "Siti Rahma"


@pytest.mark.parametrize(
    ("moment", "shown"), [("10:35:00", "10.35"), ("10:35:01", "10.36"), ("23:59:30", "00.00")]
)
def test_the_lock_end_is_shown_in_wib_never_early(clock, moment, shown):
    hour, minute, second = (int(part) for part in moment.split(":"))
    at = clock.now().replace(hour=hour, minute=minute, second=second)
    assert until_text(at) == shown


def test_the_first_admin_s_pin_follows_pin_minimal(engine, db_url, clock):
    from lpse_desk.config import Settings
    from lpse_desk.domain.errors import ValidationError
    from lpse_desk.store.services.desk import DeskStore

    desk = DeskStore.open(Settings(db_url=db_url, pin_min_length=6), clock)
    try:
        with pytest.raises(ValidationError, match="PIN harus 6–12 angka; terisi 4 angka"):
            desk.create_first_admin(name="Ratna Sari", pin=PIN)
        assert desk.staff_count() == 0
        assert desk.create_first_admin(name="Ratna Sari", pin="582714").role is Role.ADMIN
    finally:
        desk.close()
