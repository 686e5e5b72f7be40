"""Driver and OS errors become Indonesian faults: each made by real SQLite or a real errno."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from lpse_desk.domain.errors import Damaged, DeskError, StoreFault
from lpse_desk.store import faults


def _sqlite_error(action: Callable[[], object]) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as raised:
        action()
    return raised.value


def _table(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=0.05)
    conn.execute("CREATE TABLE IF NOT EXISTS t (x TEXT UNIQUE)")
    return conn


def locked(tmp_path: Path) -> sqlite3.Error:
    holder = _table(tmp_path / "a.db")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(tmp_path / "a.db", isolation_level=None, timeout=0.05)
    return _sqlite_error(lambda: other.execute("BEGIN IMMEDIATE"))


def full(tmp_path: Path) -> sqlite3.Error:
    conn = _table(tmp_path / "a.db")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return _sqlite_error(lambda: conn.execute("INSERT INTO t VALUES (?)", ("x" * 9000,)))


def read_only(tmp_path: Path) -> sqlite3.Error:
    conn = _table(tmp_path / "a.db")
    conn.execute("PRAGMA query_only = ON")
    return _sqlite_error(lambda: conn.execute("INSERT INTO t VALUES ('x')"))


def cannot_open(tmp_path: Path) -> sqlite3.Error:
    return _sqlite_error(lambda: sqlite3.connect(tmp_path / "tidak-ada" / "a.db"))


def not_a_database(tmp_path: Path) -> sqlite3.Error:
    (tmp_path / "a.db").write_bytes(b"bukan basis data " * 512)
    conn = sqlite3.connect(tmp_path / "a.db")
    return _sqlite_error(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())


def refused_by_authorizer(tmp_path: Path) -> sqlite3.Error:
    conn = _table(tmp_path / "a.db")
    conn.set_authorizer(lambda *args: sqlite3.SQLITE_DENY)
    return _sqlite_error(lambda: conn.execute("SELECT * FROM t"))


def duplicate(tmp_path: Path) -> sqlite3.Error:
    conn = _table(tmp_path / "a.db")
    conn.execute("INSERT INTO t VALUES ('x')")
    return _sqlite_error(lambda: conn.execute("INSERT INTO t VALUES ('x')"))


@pytest.mark.parametrize(
    ("make", "words", "kind"),
    [
        (locked, ("terkunci", "Tunggu sebentar"), StoreFault),
        (full, ("Disk penuh", "Kosongkan ruang disk"), StoreFault),
        (read_only, ("hanya-baca", "izin tulis"), StoreFault),
        (cannot_open, ("tidak dapat dibuka", "foldernya"), StoreFault),
        (not_a_database, ("rusak", "lpse-desk db restore"), Damaged),
        (refused_by_authorizer, ("Izin ditolak",), StoreFault),
        (duplicate, ("bentrok",), StoreFault),
    ],
)
def test_sqlite_errors_become_indonesian_faults(tmp_path, make, words, kind):
    error = make(tmp_path)
    wrapped = DBAPIError.instance("SELECT 1", {}, error, sqlite3.Error)
    for raised in (error, wrapped):  # as the driver raises it, and as SQLAlchemy wraps it
        fault = faults.translate(raised)
        assert type(fault) is kind
        message = str(fault)
        for word in words:
            assert word in message, message
        assert str(error) not in message  # never the driver's English
        assert "sqlalche.me" not in message


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, ("Disk penuh", "kosongkan ruang disk")),
        (errno.EACCES, ("Izin ditolak", "izin foldernya")),
        (errno.EPERM, ("Izin ditolak",)),
        (errno.EROFS, ("Disk hanya-baca",)),
        (errno.ENOENT, ("tidak ada", "periksa alamatnya")),
        (errno.EIO, ("Disk gagal",)),
        (errno.EMFILE, ("tidak dapat ditulis atau dibaca",)),
    ],
)
def test_os_errors_name_the_path_and_what_to_do(tmp_path, code, words):
    error = OSError(code, "English text from the OS", str(tmp_path / "x.pdf"))
    message = str(faults.translate(error))
    assert str(tmp_path / "x.pdf") in message
    assert "Tidak ada yang diubah" in message
    for word in words:
        assert word in message, message
    assert "English" not in message


def test_desk_errors_pass_unchanged_and_others_name_only_their_kind():
    refusal = DeskError("Nomor antrian sudah dipanggil")
    assert faults.translate(refusal) is refusal
    message = faults.describe(RuntimeError("something broke in English"))
    assert "kesalahan yang tidak terduga (RuntimeError)" in message
    assert "English" not in message


def test_an_unexpected_sqlite_error_is_named_by_its_code_not_its_text():
    engine = create_engine("sqlite://")
    with engine.connect() as conn, pytest.raises(DBAPIError) as raised:
        conn.execute(text("SELECT * FROM tidak_ada"))
    message = faults.describe(raised.value)
    assert "kesalahan yang tidak terduga (SQLITE_ERROR)" in message
    assert "no such table" not in message and "Server" not in message


@pytest.mark.parametrize(
    ("said", "meaning"),
    [
        ('FATAL:  database "lpse" does not exist', "tidak ada di sana"),
        ('FATAL:  role "kasir" is not permitted to log in', "menolak akun"),
        ('FATAL:  password authentication failed for user "lpse"', "menolak akun"),
        ("fe_sendauth: no password supplied", "menolak akun"),
        ('FATAL:  permission denied for database "lpse"', "menolak akun"),
        ("Connection refused\n\tIs the server running on that host?", "tidak dapat dihubungi"),
    ],
)
def test_a_refused_postgresql_connection_is_said_by_what_the_server_said(said, meaning):
    """libpq's connection errors carry no SQLSTATE: the server's words tell a missing
    database or a refused account from a server that cannot be reached."""
    import psycopg
    from sqlalchemy.exc import OperationalError

    from lpse_desk.store.faults import describe

    driver = psycopg.OperationalError(f'connection failed: connection to server failed: {said}')
    message = describe(OperationalError("connect", {}, driver))
    assert meaning in message
    assert "FATAL" not in message and "kasir" not in message


def test_an_address_libpq_cannot_use_is_named_by_its_option():
    """``?foo=bar`` was "kesalahan yang tidak terduga (ProgrammingError)" and ``sslmode=x``
    "Server tidak dapat dihubungi": the address is wrong, not the server."""
    import psycopg
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from lpse_desk.store.faults import describe

    for error, wrapper, said in (
        (psycopg.ProgrammingError('invalid connection option "foo"\n'), ProgrammingError,
         "opsi 'foo' tidak dikenal"),
        (psycopg.OperationalError('connection is bad: invalid sslmode value: "bogus"'),
         OperationalError, "nilai 'bogus' untuk sslmode tidak sah"),
    ):  # fmt: skip
        message = describe(wrapper("connect", {}, error))
        assert said in message and "Periksa alamatnya" in message
        assert "Error" not in message and "invalid" not in message
