"""Faults of the database and the disk, through the real ``lpse-desk`` entry point.

Each is answered in Indonesian with what to do, exit code 1, nothing half-written and never a
traceback or the driver's English text. We run as root, so "permission denied" cannot come
from chmod: those faults are raised at the OS boundary; the SQLite faults are real SQLite
(a second connection holding the write lock, ``max_page_count``, a ``mode=ro`` URL).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from lpse_desk import paths
from lpse_desk.cli.main import run
from lpse_desk.store.db import BUSY_TIMEOUT_ENV
from tests.store.actors import P, seed

ENGLISH = (
    "Traceback",
    "sqlalche.me",
    "database is locked",
    "readonly",
    "disk is full",
    "OperationalError",
)


def lpse(capsys, *args: str) -> tuple[int, str, str]:
    """``lpse-desk ARGS`` through ``run()``, the console script's own entry point."""
    with pytest.raises(SystemExit) as done:
        run(list(args))
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


def assert_indonesian_refusal(code: int, err: str, *words: str) -> None:
    assert code == 1, err
    assert err.strip().splitlines()[-1].startswith("Galat: "), err
    for word in words:
        assert word in err, err
    for english in ENGLISH:
        assert english not in err, err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _visits(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM visit").fetchone()[0]


# --- creating, refusing, tightening ---------------------------------------------------------


def test_a_new_database_is_private_whatever_the_umask(desk_home, capsys, tmp_path):
    database = tmp_path / "baru" / "lpse_desk.db"
    old = os.umask(0)  # the most open umask: 0600 must not be luck
    try:
        url = paths.sqlite_url(database)
        assert lpse(capsys, "--db", url, "db", "init")[0] == 0
        code, out, err = lpse(capsys, "--db", url, "queue", "take", "REG")
        assert code == 0, err
        with sqlite3.connect(database) as other_desk:  # keeps the WAL and its index open
            other_desk.execute("SELECT count(*) FROM visit").fetchone()
            wal = database.with_name(database.name + "-wal")
            shm = database.with_name(database.name + "-shm")
            assert wal.exists() and shm.exists()
            assert (_mode(database), _mode(wal), _mode(shm)) == (0o600, 0o600, 0o600)
    finally:
        os.umask(old)
    assert _mode(database.parent) == 0o700  # the desk made the folder: private too


@pytest.mark.sqlite_only
def test_a_readable_database_is_made_private_with_a_notice(migrated_home, capsys):
    database = paths.default_db_path()
    os.chmod(database, 0o644)
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert code == 0, err
    assert out.strip() == "A-001"
    assert "Peringatan: Izin berkas lpse_desk.db diperketat menjadi 0600" in err
    assert _mode(database) == 0o600


def test_a_zero_length_database_is_refused_and_stays_as_it_was(desk_home, capsys):
    database = paths.default_db_path()
    database.write_bytes(b"")
    receipt = paths.receipts_dir() / "2026" / "06" / "TT-LPSE-2026-000001.pdf"
    receipt.parent.mkdir(parents=True)
    receipt.write_bytes(b"%PDF-1.4 the real receipt 000001")
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, str(database), "kosong (0 byte)", "lpse-desk db init")
    assert database.stat().st_size == 0
    assert receipt.read_bytes() == b"%PDF-1.4 the real receipt 000001"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "sqlite:///file::memory:?uri=true",
                                 "sqlite:///file:m?mode=memory&uri=true"])
def test_a_database_in_memory_is_refused_not_pretended(desk_home, capsys, url):
    """``--db sqlite://`` printed A-001 every time and "Petugas ditambahkan": nothing kept."""
    for args in (("queue", "take", "REG"), ("db", "init")):
        code, out, err = lpse(capsys, "--db", url, *args)
        assert_indonesian_refusal(code, err, "di memori", "sqlite:///data/lpse_desk.db")
        assert "A-001" not in out and "dibuat" not in out


def test_a_failed_upgrade_never_prints_the_database_password(desk_home, capsys, tmp_path):
    url = f"postgresql+psycopg://lpse:RAHASIA-7@/lpse?host={tmp_path / 'tidak-ada'}"
    code, out, err = lpse(capsys, "--db", url, "db", "upgrade")
    assert_indonesian_refusal(code, err, "Migrasi gagal", "lpse:***@")
    assert "RAHASIA" not in out + err


def test_a_configured_database_without_the_desk_in_it_is_refused_not_set_up(
    db_url, capsys, tmp_path
):
    """An empty PostgreSQL database (a new one, or a mistyped name) was set up by
    ``queue list`` and numbered from A-001; an empty SQLite file at a configured address too."""
    from sqlalchemy import create_engine, inspect

    url = db_url
    if not db_url.startswith("postgresql"):
        other = tmp_path / "lain.db"
        with sqlite3.connect(other) as conn:
            conn.execute("PRAGMA user_version = 7")  # a real SQLite file, with no tables
        url = paths.sqlite_url(other)
    for args in (("queue", "list"), ("queue", "take", "REG")):
        code, out, err = lpse(capsys, "--db", url, *args)
        assert_indonesian_refusal(code, err, "belum berisi LPSE Desk", "lpse-desk db init")
        assert "A-001" not in out
    engine = create_engine(url)
    try:
        assert inspect(engine).get_table_names() == []  # nothing was set up
    finally:
        engine.dispose()
    code, out, _err = lpse(capsys, "--db", url, "db", "init")  # the way to a new database
    assert code == 0 and "Basis data baru dibuat" in out
    code, out, _err = lpse(capsys, "--db", url, "queue", "take", "REG")
    assert (code, out.split()[0]) == (0, "A-001")


def test_a_mistyped_desk_home_starts_no_new_numbering(desk_home, capsys, tmp_path, monkeypatch):
    """LPSE_DESK_HOME=/srv/lpse-dsk (a typo in a shortcut): a new database there numbered
    from A-001 in silence."""
    typo = tmp_path / "lpse-dsk"
    monkeypatch.setenv(paths.HOME_ENV, str(typo))
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "LPSE_DESK_HOME", "tidak ada", "lpse-desk db init")
    assert not typo.exists()
    code, out, _err = lpse(capsys, "db", "init")  # meant: a new installation there
    assert code == 0 and (typo / "data" / "lpse_desk.db").is_file()
    code, out, _err = lpse(capsys, "queue", "take", "REG")
    assert code == 0 and out.startswith("A-001")


def test_a_configured_database_that_is_missing_is_refused_not_made(desk_home, capsys, tmp_path):
    """A mistyped address or a folder not mounted must not start the numbers again from 1:
    only the desk home's own database is made by itself (the first start); elsewhere
    ``db init`` makes it, and the refusal names the newest backup where there is one."""
    database = tmp_path / "bersama" / "lpse.db"
    url = paths.sqlite_url(database)
    for command in (("queue", "take", "REG"), ("staff", "list"), ("db", "upgrade"), ("db", "check")):
        code, out, err = lpse(capsys, "--db", url, *command)
        assert_indonesian_refusal(code, err, f"Basis data {database} belum ada", "db init")
        assert "mulai lagi dari 1" in err and "Cadangan terbaru" not in err
        assert not database.parent.exists()  # nothing made: not the file, not its folder
    # Named as a URI, or as the source of a copy: refused the same, nothing made.
    as_uri = f"sqlite:///file:{database}?uri=true"
    code, out, err = lpse(capsys, "--db", as_uri, "staff", "list")
    assert_indonesian_refusal(code, err, f"Basis data {database} belum ada")
    target = tmp_path / "tujuan.db"
    code, out, err = lpse(capsys, "--db", url, "db", "copy", "--ke", paths.sqlite_url(target))
    assert_indonesian_refusal(code, err, f"Basis data {database} belum ada")
    assert not database.parent.exists() and not target.exists()
    assert lpse(capsys, "--db", url, "db", "init")[0] == 0
    assert lpse(capsys, "--db", url, "queue", "take", "REG")[1].strip() == "A-001"
    assert lpse(capsys, "--db", url, "db", "backup")[0] == 0
    [newest] = (database.parent / "cadangan").glob("*.db")
    database.unlink()  # the file went missing: its backup is named, nothing is made
    code, out, err = lpse(capsys, "--db", url, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "belum ada", f"Cadangan terbaru: {newest}")
    assert f"'lpse-desk db restore {newest}'" in err
    assert not database.exists()
    # The desk home's own database is still made by the first start, as before.
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert (code, out.strip()) == (0, "A-001"), err
    assert paths.default_db_path().is_file()


def test_db_check_of_a_missing_database_makes_nothing(desk_home, capsys):
    code, out, err = lpse(capsys, "db", "check")
    assert_indonesian_refusal(code, err, str(paths.default_db_path()), "belum ada")
    # nothing was configured: the refusal does not send the officer to check an address
    assert "belum pernah dijalankan" in err and "alamat yang diatur" not in err
    assert not paths.default_db_path().exists()


def test_the_home_database_named_another_way_is_still_made_by_the_first_start(
    desk_home, capsys, monkeypatch
):
    """``--db sqlite:///data/lpse_desk.db`` from the home is the home's own file: the first
    start makes it, as without ``--db``."""
    monkeypatch.chdir(desk_home)
    code, out, err = lpse(capsys, "--db", "sqlite:///data/lpse_desk.db", "queue", "take", "REG")
    assert (code, out.strip()) == (0, "A-001"), err
    assert paths.default_db_path().is_file()
    for left in paths.data_dir().glob("lpse_desk.db*"):  # the file and its -wal/-shm
        left.unlink()
    # the same file by another road (a `..` in the path) is the same database
    roundabout = paths.sqlite_url(paths.data_dir() / ".." / "data" / "lpse_desk.db")
    code, out, err = lpse(capsys, "--db", roundabout, "queue", "take", "REG")
    assert (code, out.strip()) == (0, "A-001"), err


def test_a_first_start_on_a_full_disk_leaves_no_empty_file_behind(desk_home, capsys):
    """The file the desk just made is removed when SQLite could not write its first page:
    otherwise the next start would refuse it as a database that lost its contents."""

    def disk_full(_dbapi_conn, _record) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorname = "SQLITE_FULL"
        raise error

    event.listen(Engine, "connect", disk_full)
    try:
        code, out, err = lpse(capsys, "queue", "take", "REG")
    finally:
        event.remove(Engine, "connect", disk_full)
    assert_indonesian_refusal(code, err, "Disk penuh")
    assert not paths.default_db_path().exists()
    code, out, err = lpse(capsys, "queue", "take", "REG")  # space freed: a new database
    assert (code, out.strip()) == (0, "A-001"), err


def test_db_init_takes_an_empty_file_once_and_never_a_database(desk_home, capsys):
    paths.default_db_path().write_bytes(b"")
    code, out, err = lpse(capsys, "db", "init")
    assert code == 0, err
    assert out.startswith(f"Basis data baru dibuat di {paths.default_db_path()}")
    assert lpse(capsys, "queue", "take", "REG")[1].strip() == "A-001"
    code, out, err = lpse(capsys, "db", "init")
    assert_indonesian_refusal(code, err, "sudah ada", str(paths.default_db_path()))
    assert _visits(paths.default_db_path()) == 1
    foreign = paths.default_db_path().with_name("catatan.db")
    foreign.write_text("bukan basis data\n")
    code, out, err = lpse(capsys, "--db", paths.sqlite_url(foreign), "db", "init")
    assert_indonesian_refusal(code, err, str(foreign), "bukan basis data LPSE Desk")
    assert foreign.read_text() == "bukan basis data\n"


def test_a_foreign_file_is_refused(desk_home, capsys, tmp_path):
    foreign = tmp_path / "catatan.db"
    foreign.write_text("bukan basis data\n")
    code, out, err = lpse(capsys, "--db", paths.sqlite_url(foreign), "queue", "take", "REG")
    assert_indonesian_refusal(code, err, str(foreign), "bukan basis data LPSE Desk")
    assert foreign.read_text() == "bukan basis data\n"
    empty = tmp_path / "kosong.db"
    empty.write_bytes(b"")
    for file in (foreign, empty):  # also when named by a URI (e.g. read-only)
        url = f"sqlite:///file:{file}?mode=ro&uri=true"
        code, out, err = lpse(capsys, "--db", url, "queue", "list")
        assert_indonesian_refusal(code, err, str(file))
    other = tmp_path / "lain.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE pelanggan (id INTEGER)")
    code, out, err = lpse(capsys, "--db", paths.sqlite_url(other), "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "bukan milik LPSE Desk", "pelanggan")


def test_a_database_path_under_a_file_is_answered(desk_home, capsys, tmp_path):
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    url = paths.sqlite_url(blocker / "lpse_desk.db")
    code, out, err = lpse(capsys, "--db", url, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "bukan folder", str(blocker))


def test_a_folder_that_refuses_the_new_database_is_answered(desk_home, capsys, monkeypatch):
    database = paths.default_db_path()
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if Path(path) == database and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)  # as a folder owned by another user would
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "Izin ditolak", str(database), "izin foldernya")
    assert "Permission denied" not in err
    assert not database.exists()


# --- damage -------------------------------------------------------------------------------


def _corrupt_visit_table(database: Path) -> None:
    with sqlite3.connect(database) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'visit'").fetchone()[0]
    data = bytearray(database.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + 200] = b"\xff" * 192
    database.write_bytes(bytes(data))


@pytest.mark.sqlite_only
def test_a_damaged_database_is_refused_and_db_check_says_so(migrated_home, capsys):
    for _ in range(5):
        assert lpse(capsys, "queue", "take", "REG")[0] == 0
    assert lpse(capsys, "db", "backup")[0] == 0
    newest = next((paths.data_dir() / "cadangan").glob("lpse_desk-*.db"))
    database = paths.default_db_path()
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _corrupt_visit_table(database)
    damaged = database.read_bytes()
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "rusak", f"lpse-desk db restore {newest}")
    assert database.read_bytes() == damaged  # nothing was written into it
    code, out, err = lpse(capsys, "db", "check")
    assert code == 1
    assert out.startswith("Basis data RUSAK")
    assert "Pulihkan cadangan terbaru" in err


@pytest.mark.sqlite_only
def test_a_damaged_database_names_the_newest_backup_to_restore(migrated_home, capsys):
    for _ in range(3):
        assert lpse(capsys, "queue", "take", "REG")[0] == 0
    assert lpse(capsys, "db", "backup")[0] == 0
    newest = next((paths.default_db_path().parent / "cadangan").glob("*.db"))
    database = paths.default_db_path()
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _corrupt_visit_table(database)
    code, out, err = lpse(capsys, "queue", "list")
    assert_indonesian_refusal(code, err, "rusak", f"Cadangan terbaru: {newest}")
    assert f"'lpse-desk db restore {newest}'" in err
    code, out, err = lpse(capsys, "db", "restore", str(newest))
    assert code == 0, err
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert (code, out.strip()) == (0, "A-004"), err


def test_db_check_passes_a_sound_database(migrated_home, capsys):
    code, out, err = lpse(capsys, "db", "check")
    assert code == 0, err
    assert out.startswith("Basis data utuh")


# --- locked, full, read-only ------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_a_locked_database_is_answered_after_the_busy_timeout(migrated_home, capsys, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "150")
    other_desk = sqlite3.connect(paths.default_db_path(), isolation_level=None)
    other_desk.execute("BEGIN IMMEDIATE")  # another desk in a long write
    try:
        code, out, err = lpse(capsys, "queue", "take", "REG")
        assert_indonesian_refusal(code, err, "terkunci", "Tidak ada yang diubah")
        code, out, err = lpse(capsys, "receipt", "reprint", "TT-LPSE/2026/000001", "--tanpa-cetak")
        assert_indonesian_refusal(code, err, "terkunci")
    finally:
        other_desk.rollback()
        other_desk.close()
    assert _visits(paths.default_db_path()) == 0
    assert lpse(capsys, "queue", "take", "REG")[1].strip() == "A-001"  # the number was not used


@pytest.fixture
def full_disk(monkeypatch):
    """Every new connection may not grow the file past its size now: SQLite says SQLITE_FULL."""

    def _cap(dbapi_conn, _record) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Engine, "connect", _cap)
    yield
    event.remove(Engine, "connect", _cap)


@pytest.mark.sqlite_only
def test_a_full_disk_is_answered_and_nothing_is_half_written(migrated_home, capsys, full_disk):
    taken = 0
    for _ in range(400):  # fill the last free pages of the file, one number at a time
        code, out, err = lpse(capsys, "queue", "take", "REG", "--nama", "N" * 200)
        if code != 0:
            break
        taken += 1
    else:
        pytest.fail("the capped database never became full")
    assert_indonesian_refusal(code, err, "Disk penuh", "Kosongkan ruang disk")
    assert _visits(paths.default_db_path()) == taken


@pytest.mark.sqlite_only
def test_a_read_only_database_is_read_but_not_written(migrated_home, capsys, clock):
    number = _issue_one_receipt(clock)
    receipt = next(paths.receipts_dir().rglob("*.pdf"))
    assert lpse(capsys, "queue", "take", "REG", "--nama", "Budi")[0] == 0
    url = f"sqlite:///file:{paths.default_db_path()}?mode=ro&uri=true"
    code, out, err = lpse(capsys, "--db", url, "queue", "list")
    assert code == 0, err
    assert "Budi" in out
    report = ("ikm", "report", "--from", "2026-06-01", "--to", "2026-06-30")
    for reading in (("receipt", "list"), ("case", "list"), ("ticket", "list"), report):
        code, out, err = lpse(capsys, "--db", url, *reading)
        assert code == 0, (reading, err)
    code, out, err = lpse(capsys, "--db", url, "receipt", "verify", str(receipt))
    assert code == 0, err
    assert out.startswith(f"SAH: {number}")
    code, out, err = lpse(capsys, "--db", url, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "hanya-baca", "Tidak ada yang diubah")
    assert _visits(paths.default_db_path()) == 2  # the receipt's visit and Budi's


@pytest.mark.sqlite_only
def test_a_database_the_user_may_not_write_is_opened_read_only(migrated_home, capsys, monkeypatch):
    database = paths.default_db_path()
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode == os.W_OK and Path(path) == database:
            return False  # as a file owned by another user would be
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    code, out, err = lpse(capsys, "queue", "list")
    assert code == 0, err
    assert "hanya-baca" in err
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "hanya-baca")
    assert _visits(database) == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real disk of its own, 16 MB (a tmpfs mounted as root, as in CI), unmounted after the
    test; the test is skipped where no mount can be made."""
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "none", str(disk)], capture_output=True
    ).returncode == 0
    if not mounted:
        pytest.skip("a disk of its own needs a mount (root): none can be made here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _copy_without_sidecars(source: Path, copy: Path) -> None:
    """``source`` copied whole into one file (its WAL checkpointed), no -wal or -shm beside."""
    import shutil
    import sqlite3 as lite

    shutil.copyfile(source, copy)
    conn = lite.connect(copy)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()  # nothing left open on the disk
    for sidecar in ("-wal", "-shm"):
        copy.with_name(copy.name + sidecar).unlink(missing_ok=True)


@pytest.mark.sqlite_only
def test_a_database_on_a_full_disk_is_said_to_be_on_a_full_disk(migrated_home, capsys, small_disk):
    """Opened on a disk with no room left for the WAL's -shm, SQLite says "disk I/O error"
    (SQLITE_IOERR_SHMSIZE), which the desk answered as a failing disk: the disk is full."""
    assert lpse(capsys, "queue", "take", "REG", "--nama", "Budi")[0] == 0
    copy = small_disk / "lpse_desk.db"
    _copy_without_sidecars(paths.default_db_path(), copy)
    with contextlib.suppress(OSError), (small_disk / "isi").open("wb") as filler:
        while True:
            filler.write(b"\0" * 65536)
            filler.flush()
    code, out, err = lpse(capsys, "--db", paths.sqlite_url(copy), "queue", "list")
    assert_indonesian_refusal(code, err, "Disk penuh", "Kosongkan ruang disk")
    assert "Budi" not in out


@pytest.mark.sqlite_only
def test_a_database_on_a_read_only_disk_is_read(migrated_home, capsys, small_disk):
    """A copy on a read-only disk (a mounted backup): SQLite could not make the WAL's -shm
    beside it and the desk said the folder was missing. A real read-only mount (as root, in
    CI); a copy that brought its -wal without its -shm is refused, not read without it."""
    import shutil
    import subprocess

    assert lpse(capsys, "queue", "take", "REG", "--nama", "Budi")[0] == 0
    disk = small_disk
    copy = disk / "salinan.db"
    _copy_without_sidecars(paths.default_db_path(), copy)  # nothing open: it can be made ro
    walled = disk / "dengan-wal.db"
    shutil.copyfile(copy, walled)
    walled.with_name(walled.name + "-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 28)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    url = paths.sqlite_url(copy)
    code, out, err = lpse(capsys, "--db", url, "queue", "list")
    assert code == 0, err
    assert "Budi" in out and "hanya-baca" in err
    code, out, err = lpse(capsys, "--db", url, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "hanya-baca", "Tidak ada yang diubah")
    code, out, err = lpse(capsys, "--db", paths.sqlite_url(walled), "queue", "list")
    assert_indonesian_refusal(code, err, "dengan-wal.db-wal", "Salin ketiga berkasnya")


# --- files: permission denied, disk full --------------------------------------------------------


def _issue_one_receipt(clock, serial: int = 301) -> str:
    from lpse_desk import receipts
    from lpse_desk.config import load_settings
    from lpse_desk.store.services.desk import DeskStore
    from tests.store.test_issuing import _complete, _started

    store = DeskStore.open(
        load_settings(),
        clock,
        render=receipts.render_receipt,
        read_pdf=receipts.signed_summary_of_pdf,
    )
    try:
        seed(store.engine)
        case, _visit = _started(store.intake, store.queue, store.engine, clock, serial=serial)
        _complete(store.intake, case)
        return store.intake.finish(P, case.id, loket=1).number
    finally:
        store.close()


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.EACCES, ("Izin ditolak", "izin foldernya")),
        (errno.ENOSPC, ("Disk penuh", "kosongkan ruang disk")),
        (errno.EROFS, ("Disk hanya-baca",)),
    ],
)
def test_a_receipt_file_that_cannot_be_written_is_answered(
    migrated_home, capsys, monkeypatch, clock, error, words
):
    number = _issue_one_receipt(clock)
    folder = paths.receipts_dir()
    before = sorted(folder.rglob("*"))

    def refuse(src, dst):
        raise OSError(error, os.strerror(error), str(dst))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse)
        code, out, err = lpse(capsys, "receipt", "reprint", number, "--tanpa-cetak")
    assert_indonesian_refusal(code, err, *words)
    assert sorted(folder.rglob("*")) == before  # no temp file, no copy
    code, out, err = lpse(capsys, "receipt", "reprint", number, "--tanpa-cetak")
    assert code == 0, err
    assert "SALINAN-1" in out  # the refused reprint was not counted


def test_an_unexpected_error_is_answered_without_a_traceback(migrated_home, capsys, monkeypatch):
    from lpse_desk.store.services.queue import QueueDesk

    def broken(*args, **kwargs):
        raise RuntimeError("something went wrong in English")

    monkeypatch.setattr(QueueDesk, "take", broken)
    code, out, err = lpse(capsys, "queue", "take", "REG")
    assert_indonesian_refusal(code, err, "kesalahan yang tidak terduga", "RuntimeError")
    assert "something went wrong" not in err


def test_a_report_file_on_a_full_disk_is_answered(migrated_home, capsys, monkeypatch, tmp_path):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    folder = tmp_path / "laporan"
    folder.mkdir()
    target = folder / "laporan.pdf"
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full)
        code, out, err = lpse(
            capsys,
            "ikm",
            "report",
            "--from",
            "2026-01-01",
            "--to",
            "2026-03-31",
            "--pdf",
            str(target),
        )
    assert_indonesian_refusal(code, err, "Disk penuh", str(target.parent))
    assert "No space left" not in err
    assert sorted(folder.iterdir()) == []  # no half-written report, no temp file


def test_a_postgresql_server_that_refuses_the_connection_says_why(desk_home, capsys):
    """A reachable server that has no such database, or no such account, is not reported as
    a network fault: the admin would check cables while the address names the wrong thing."""
    from sqlalchemy.engine import make_url

    from tests import pgserver

    server = os.environ.get(pgserver.URL_ENV)
    if not server:
        pytest.skip("PostgreSQL dilewati: tidak ada server")
    missing = server.format(database="tidak_ada_di_server")
    code, out, err = lpse(capsys, "--db", missing, "staff", "list")
    assert_indonesian_refusal(code, err, "basis data yang disebut alamatnya tidak ada di sana")
    assert "tidak dapat dihubungi" not in err and "does not exist" not in err
    stranger = make_url(server.format(database="postgres")).set(username="penyusup")
    code, out, err = lpse(capsys, "--db", stranger.render_as_string(False), "staff", "list")
    assert_indonesian_refusal(code, err, "Server basis data menolak akun")
    assert "penyusup" not in err
    nobody = make_url(server.format(database="postgres")).set(query={"host": "/tmp/tidak-ada"})
    code, out, err = lpse(capsys, "--db", nobody.render_as_string(False), "staff", "list")
    assert_indonesian_refusal(code, err, "Server basis data tidak dapat dihubungi")
