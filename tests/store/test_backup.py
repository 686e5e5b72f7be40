"""Backups taken while desks work, checked, private, pruned; restores that keep what they replace."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
from datetime import timedelta

import pytest

from lpse_desk import paths
from lpse_desk.config import Settings
from lpse_desk.domain.errors import StoreFault
from lpse_desk.store import backup, presence, restore
from lpse_desk.store.db import write_session
from lpse_desk.store.queries import meta
from lpse_desk.store.services import autobackup
from lpse_desk.store.services.desk import DeskStore
from tests.store.actors import KIOS


@pytest.fixture
def store(migrated_home, clock):
    opened = DeskStore.open(Settings(db_url=paths.sqlite_url(paths.default_db_path())), clock)
    yield opened
    opened.close()


def _visits(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM visit").fetchone()[0]


@pytest.mark.sqlite_only
def test_a_backup_includes_what_is_still_in_the_wal(store, clock, tmp_path):
    for _ in range(5):
        store.queue.take(KIOS, "REG")
    database = store.db_path
    wal = database.with_name(database.name + "-wal")
    assert wal.stat().st_size > 0  # the visits are in the WAL, not yet in the file
    naive = tmp_path / "salinan-berkas.db"
    shutil.copyfile(database, naive)  # what copying the file while a desk runs gives
    assert _visits(naive) < 5
    info = backup.take(database, tmp_path / "cadangan", now=clock.now(), keep=30)
    assert info.counts["visit"] == 5 and _visits(info.path) == 5
    assert info.path.name == "lpse_desk-2026-06-10_093000.db"
    assert not info.path.with_name(info.path.name + "-wal").exists()  # one whole file


def test_a_backup_while_another_desk_writes_is_a_consistent_snapshot(store, clock, tmp_path):
    stop = threading.Event()
    taken = []

    def other_desk() -> None:
        while not stop.is_set():
            taken.append(store.queue.take(KIOS, "REG").ticket)

    writer = threading.Thread(target=other_desk)
    writer.start()
    try:
        while len(taken) < 3:
            pass
        info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    finally:
        stop.set()
        writer.join()
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = conn.execute("SELECT count(*) FROM visit").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM event WHERE entity = 'visit'").fetchone()[0]
    assert 3 <= copied <= len(taken)
    assert copied == info.counts["visit"]  # the counts were read in the copied snapshot
    assert events == copied  # each visit with its event: no half of a transaction


def test_backups_are_private_whatever_the_umask(store, clock, tmp_path):
    old = os.umask(0o022)
    try:
        info = backup.take(store.db_path, tmp_path / "baru" / "cadangan", now=clock.now(), keep=30)
    finally:
        os.umask(old)
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(info.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(info.path.parent.parent.stat().st_mode) == 0o700


def test_only_the_newest_backups_are_kept_and_other_files_are_left_alone(store, clock, tmp_path):
    folder = tmp_path / "cadangan"
    folder.mkdir()
    (folder / "catatan.txt").write_text("milik admin")
    made = [
        backup.take(store.db_path, folder, now=clock.now() + timedelta(hours=hour), keep=2).path
        for hour in range(4)
    ]
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted([made[2].name, made[3].name, "catatan.txt"])
    listed = backup.list_backups(folder, "lpse_desk")
    assert [info.path for info in listed] == [made[3], made[2]]  # newest first


def test_restore_checks_the_backup_keeps_the_replaced_file_and_waits_for_desks(
    store, clock, tmp_path
):
    store.queue.take(KIOS, "REG")
    info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    store.queue.take(KIOS, "REG")  # after the backup: kept in the replaced file
    database = store.db_path

    desk = presence.Presence(database)
    desk.hold()
    try:
        with pytest.raises(StoreFault, match="Masih ada desk yang membuka basis data"):
            restore.restore(info.path, database, now=clock.now())
    finally:
        desk.release()
    store.close()

    damaged = tmp_path / "rusak.db"
    damaged.write_bytes(info.path.read_bytes()[:8192])
    with pytest.raises(StoreFault):
        restore.restore(damaged, database, now=clock.now())
    foreign = tmp_path / "lain.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE pelanggan (id INTEGER)")
    with pytest.raises(StoreFault, match="bukan cadangan basis data LPSE Desk"):
        restore.restore(foreign, database, now=clock.now())
    assert _visits(database) == 2  # the refusals changed nothing

    done = restore.restore(info.path, database, now=clock.now() + timedelta(minutes=5))
    assert _visits(database) == 1
    assert done.replaced.name == "lpse_desk.db.diganti-2026-06-10_093500"
    assert _visits(done.replaced) == 2  # nothing of the replaced file is lost
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_the_automatic_backup_is_taken_once_a_day_and_every_200_receipts(store, clock):
    first = store.backup_if_due(login=True)
    assert first is not None and first.path.parent == paths.default_db_path().parent / "cadangan"
    assert store.backup_if_due(login=True) is None  # a second login the same day
    assert store.backup_if_due(login=False) is None
    with write_session(store.engine) as session:  # as if 200 receipts had been issued since
        meta.put(session=session, key=autobackup.RECEIPTS_KEY, value="-200")
    assert store.backup_if_due(login=False) is not None
    clock.advance(timedelta(days=1))
    assert store.backup_if_due(login=True) is not None


def test_a_failed_automatic_backup_gives_its_claim_back(store, clock, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    store.backup_dir = blocker / "cadangan"
    with pytest.raises(StoreFault, match="bukan folder"):
        store.backup_if_due(login=True)
    store.backup_dir = tmp_path / "cadangan"
    assert store.backup_if_due(login=True) is not None  # retried at the next chance


def test_rows_a_running_connection_left_in_the_wal_are_kept_in_the_replaced_file(
    store, clock, tmp_path
):
    info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    store.close()
    database = paths.default_db_path()
    other = sqlite3.connect(database, isolation_level=None)  # a tool still open on the file
    other.execute("SELECT count(*) FROM visit").fetchone()  # the file is open, WAL and all
    desk = DeskStore.open(Settings(db_url=paths.sqlite_url(database)), clock)
    for _ in range(3):
        desk.queue.take(KIOS, "REG")
    desk.close()  # the other connection stays open: the WAL is not folded in at closing
    assert database.with_name("lpse_desk.db-wal").stat().st_size > 0
    try:
        done = restore.restore(info.path, database, now=clock.now())
    finally:
        other.close()
    assert _visits(database) == 0
    assert _visits(done.replaced) == 3


def test_a_failed_restore_leaves_the_database_as_it_was(store, clock, tmp_path, monkeypatch):
    info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    store.queue.take(KIOS, "REG")
    store.close()
    database = paths.default_db_path()
    real_replace = os.replace

    def disk_full(source, target):
        if str(source).endswith(".pulih"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(StoreFault, match="penuh"):
        restore.restore(info.path, database, now=clock.now())
    assert _visits(database) == 1
    assert not list(database.parent.glob("lpse_desk.db.diganti-*"))
    assert not list(database.parent.glob(".lpse_desk.db.pulih"))


def test_a_backup_of_a_newer_desk_version_is_refused(store, clock, tmp_path):
    info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    newer = tmp_path / "lpse_desk-2027-01-01_080000.db"
    shutil.copyfile(info.path, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    with pytest.raises(StoreFault, match="versi lebih baru"):
        restore.restore(newer, store.db_path, now=clock.now())
    assert not list(store.db_path.parent.glob("lpse_desk.db.diganti-*"))


def test_a_killed_desk_does_not_block_a_restore(store, clock, tmp_path):
    info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    store.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys; h = os.open(sys.argv[1], os.O_CREAT | os.O_RDWR);"
            "fcntl.flock(h, fcntl.LOCK_SH); print('ok', flush=True); sys.stdin.read()",
            str(presence.lock_path(store.db_path)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "ok\n"
        with pytest.raises(StoreFault, match="Masih ada desk"):
            restore.restore(info.path, store.db_path, now=clock.now())
    finally:
        holder.kill()
        holder.wait()
    assert restore.restore(info.path, store.db_path, now=clock.now()).replaced is not None


def test_a_desk_holding_presence_blocks_restore_until_it_closes(store, clock, tmp_path):
    info = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    store.hold_presence()
    with pytest.raises(StoreFault, match="Masih ada desk"):
        restore.restore(info.path, store.db_path, now=clock.now())
    store.close()
    assert restore.restore(info.path, store.db_path, now=clock.now()).counts == info.counts


def test_several_desks_logging_in_at_once_take_one_backup(migrated_home, clock):
    settings = Settings(db_url=paths.sqlite_url(paths.default_db_path()))
    desks = [DeskStore.open(settings, clock) for _ in range(4)]
    start = threading.Barrier(len(desks))
    taken = []

    def log_in(desk) -> None:
        start.wait()
        taken.append(desk.backup_if_due(login=True))

    workers = [threading.Thread(target=log_in, args=(desk,)) for desk in desks]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for desk in desks:
        desk.close()
    assert len([info for info in taken if info is not None]) == 1
    assert len(list((paths.data_dir() / "cadangan").glob("lpse_desk-*.db"))) == 1


def test_two_backups_in_the_same_second_get_two_names(store, clock, tmp_path):
    first = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    second = backup.take(store.db_path, tmp_path / "cadangan", now=clock.now(), keep=30)
    assert first.path.name == "lpse_desk-2026-06-10_093000.db"
    assert second.path.name == "lpse_desk-2026-06-10_093000-2.db"
    listed = backup.list_backups(tmp_path / "cadangan", "lpse_desk")
    assert [info.path for info in listed] == [second.path, first.path]


def test_a_gentle_backup_runs_at_low_priority_and_leaves_the_caller_as_it_was():
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = backup.gently(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    assert seen == max(before, 10)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before

    def refused():
        raise StoreFault("disk penuh")

    with pytest.raises(StoreFault, match="disk penuh"):
        backup.gently(refused)
