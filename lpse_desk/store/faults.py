"""Database and file faults, answered in Indonesian: what happened and what to do.

The driver's own text (English, sometimes with a link to sqlalche.me) never reaches an
officer: ``translate`` turns an SQLite, PostgreSQL (by SQLSTATE) or SQLAlchemy error or an
``OSError`` into a
``StoreFault`` whose message is safe to show as is.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from collections.abc import Callable

from lpse_desk.domain.errors import Damaged, DeskError, StoreFault

LOCKED = (
    "Basis data sedang dipakai desk lain terlalu lama (terkunci). Tidak ada yang diubah. "
    "Tunggu sebentar lalu ulangi; bila berulang, periksa apakah ada desk atau perintah "
    "yang macet."
)
FULL = (
    "Disk penuh: basis data tidak dapat ditulis. Tidak ada yang diubah. Kosongkan ruang "
    "disk (hapus berkas yang tidak perlu atau pindahkan cadangan lama), lalu ulangi."
)
READ_ONLY = (
    "Basis data hanya-baca: daftar dan laporan dapat dibuka, tetapi perubahan tidak dapat "
    "disimpan. Tidak ada yang diubah. Periksa izin tulis berkas basis data dan foldernya."
)
CANNOT_OPEN = (
    "Berkas basis data tidak dapat dibuka: foldernya tidak ada atau tidak dapat diakses. "
    "Periksa alamat basis data (pengaturan db) dan izin foldernya."
)
DENIED = (
    "Izin ditolak: berkas atau folder tidak boleh ditulis oleh pengguna ini. Tidak ada "
    "yang diubah. Periksa pemilik dan izin folder data/ dan receipts/."
)
DAMAGED = (
    "Basis data rusak. Desk tidak menulis ke basis data yang rusak. Jalankan "
    "'lpse-desk db check' untuk rinciannya, lalu pulihkan cadangan terbaru "
    "('lpse-desk db backups', lalu 'lpse-desk db restore CADANGAN')."
)
IO_ERROR = (
    "Disk gagal membaca atau menulis basis data. Tidak ada yang diubah. Periksa disk "
    "atau drive jaringan, lalu ulangi."
)
UNREACHABLE = (
    "Server basis data tidak dapat dihubungi. Periksa jaringan dan server basis data, lalu ulangi."
)
CONFLICT = "Perubahan bentrok dengan data yang sudah tersimpan. Tidak ada yang diubah; muat ulang."
UNKNOWN = (
    "Perintah tidak dapat diselesaikan karena kesalahan yang tidak terduga ({kind}). "
    "Ulangi; bila berulang, jalankan 'lpse-desk db check' dan hubungi admin."
)

_SQLITE = {
    "SQLITE_BUSY": LOCKED,
    "SQLITE_LOCKED": LOCKED,
    "SQLITE_FULL": FULL,
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_CANTOPEN": CANNOT_OPEN,
    "SQLITE_PERM": DENIED,
    "SQLITE_AUTH": DENIED,
    "SQLITE_CORRUPT": DAMAGED,
    "SQLITE_NOTADB": DAMAGED,
    "SQLITE_IOERR": IO_ERROR,
    # The WAL index (-shm) could not be made or grown: on a disk with no room left, which
    # SQLite reports as a "disk I/O error" before anything else is written.
    "SQLITE_IOERR_SHMSIZE": FULL,
    "SQLITE_CONSTRAINT": CONFLICT,
}

DENIED_PG = (
    "Akun basis data tidak berizin untuk perintah ini. Tidak ada yang diubah. Periksa hak "
    "akses peran basis data di server (lihat README, bagian PostgreSQL)."
)

# PostgreSQL's SQLSTATE codes (by exact code, then by class: the first two characters).
_POSTGRES = {
    "55P03": LOCKED,  # lock_not_available: the write lock was not free within lock_timeout
    "57014": LOCKED,  # query_canceled (statement_timeout)
    "40P01": LOCKED,  # deadlock_detected
    "40001": LOCKED,  # serialization_failure
    "53100": FULL,  # disk_full
    "25006": READ_ONLY,  # read_only_sql_transaction (a standby, or a read-only role)
    "42501": DENIED_PG,  # insufficient_privilege
    "28": DENIED_PG,  # invalid authorization (password, role)
    "XX001": DAMAGED,  # data_corrupted
    "XX002": DAMAGED,  # index_corrupted
    "23": CONFLICT,  # integrity constraint violation
    "08": UNREACHABLE,  # connection exception
    "57P": UNREACHABLE,  # the server is shutting down or restarting
    "53": IO_ERROR,  # insufficient resources
    "58": IO_ERROR,  # system error (I/O)
}

_OS = {
    errno.ENOSPC: "Disk penuh",
    errno.EDQUOT: "Kuota disk habis",
    errno.EACCES: "Izin ditolak",
    errno.EPERM: "Izin ditolak",
    errno.EROFS: "Disk hanya-baca",
    errno.ENOENT: "Folder atau berkas tidak ada",
    errno.ENOTDIR: "Bagian alamat itu bukan folder",
    errno.EIO: "Disk gagal membaca atau menulis",
}

_OS_ADVICE = {
    errno.ENOSPC: "kosongkan ruang disk, lalu ulangi",
    errno.EDQUOT: "kosongkan ruang disk, lalu ulangi",
    errno.EACCES: "periksa pemilik dan izin foldernya",
    errno.EPERM: "periksa pemilik dan izin foldernya",
    errno.EROFS: "pasang disk yang dapat ditulis atau pilih folder lain",
    errno.ENOENT: "periksa alamatnya",
    errno.ENOTDIR: "periksa alamatnya",
    errno.EIO: "periksa disk, lalu ulangi",
}


def _inner(exc: BaseException, found: Callable[[BaseException], bool]) -> BaseException | None:
    """The first error in ``exc``'s chain (the driver's error inside SQLAlchemy's) for which
    ``found`` is true."""
    seen = 0
    while exc is not None and seen < 5:
        if found(exc):
            return exc
        orig = getattr(exc, "orig", None)
        exc = orig if orig is not None else exc.__cause__
        seen += 1
    return None


def _sqlite_error(exc: BaseException) -> BaseException | None:
    """The sqlite3 error inside a SQLAlchemy error (or the error itself)."""
    return _inner(exc, lambda error: isinstance(error, sqlite3.Error))


def _sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a PostgreSQL error inside a SQLAlchemy error, if any."""
    error = _inner(exc, lambda error: isinstance(getattr(error, "sqlstate", None), str))
    return error.sqlstate if error is not None else None


def file_fault(exc: OSError, path: object = None) -> StoreFault:
    """An ``OSError`` on a file or folder as an Indonesian fault naming the path."""
    what = _OS.get(exc.errno or -1)
    where = path if path is not None else exc.filename
    place = f" ({where})" if where else ""
    if what is None:
        return StoreFault(
            f"Berkas tidak dapat ditulis atau dibaca{place}. Tidak ada yang diubah. "
            "Periksa disk dan izin foldernya, lalu ulangi."
        )
    advice = _OS_ADVICE[exc.errno]
    return StoreFault(f"{what}{place}. Tidak ada yang diubah: {advice}.")


def translate(exc: BaseException) -> DeskError:
    """The Indonesian error for ``exc`` (a DeskError is returned unchanged)."""
    if isinstance(exc, DeskError):
        return exc
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return file_fault(exc)
    inner = _sqlite_error(exc)
    if inner is not None:
        name = getattr(inner, "sqlite_errorname", "") or ""
        base = name.split("_", 2)
        family = "_".join(base[:2]) if len(base) >= 2 else name
        message = _SQLITE.get(name) or _SQLITE.get(family)
        if message is None and "locked" in str(inner):
            message = LOCKED
        if message is None and "readonly" in str(inner):
            message = READ_ONLY
        if message is DAMAGED:
            return Damaged(message)
        return StoreFault(message or UNKNOWN.format(kind=name or "SQLite"))
    code = _sqlstate(exc)
    if code is not None:
        message = _POSTGRES.get(code) or _POSTGRES.get(code[:3]) or _POSTGRES.get(code[:2])
        if message is DAMAGED:
            return Damaged(message)
        if message is not None:
            return StoreFault(message)
    kind = type(exc).__name__
    if kind == "IntegrityError":
        return StoreFault(CONFLICT)
    if "sqlite" not in type(exc).__module__:
        refused = _refused_connection(exc)
        if refused is not None:  # the server's answer, or libpq's to the address itself
            return StoreFault(refused)
        if kind in ("OperationalError", "InterfaceError"):
            return StoreFault(UNREACHABLE)
    return StoreFault(UNKNOWN.format(kind=kind))


NO_DATABASE = (
    "Server basis data dapat dihubungi, tetapi basis data yang disebut alamatnya tidak ada di "
    "sana. Periksa nama basis data di alamat (pengaturan db, LPSE_DESK_DB atau --db), atau "
    "minta admin server membuatnya (README, bagian PostgreSQL)."
)
NO_LOGIN = (
    "Server basis data menolak akun di alamat basis data (nama pengguna, kata sandi, atau "
    "izin akses server). Periksa pengguna dan kata sandi di alamat, lalu izin aksesnya di "
    "server (README, bagian PostgreSQL)."
)
# A connection the server refused carries no SQLSTATE (libpq's connection errors have none):
# what the server said is told apart by its words (English, the server's default). A server
# speaking another language, or a network fault, reads as UNREACHABLE.
_REFUSALS = (
    (re.compile(r'FATAL:\s+database ".*" does not exist'), NO_DATABASE),
    (
        re.compile(
            r"FATAL:\s+(role \".*\" (does not exist|is not permitted to log in)|"
            r"password authentication failed|no pg_hba\.conf entry|Peer authentication failed|"
            r"Ident authentication failed|permission denied for database)|"
            r"fe_sendauth: no password supplied"
        ),
        NO_LOGIN,
    ),
)


_BAD_OPTION = re.compile(r'invalid connection option "([^"]+)"|invalid (\w+) value: "([^"]*)"')
"""libpq refusing the address itself (before any server is asked): an option it does not
know, or a value it does not take."""


def _refused_connection(exc: BaseException) -> str | None:
    """Why a PostgreSQL server refused to connect, when it says so (else None)."""
    error = _inner(exc, lambda error: type(error).__module__.startswith("psycopg"))
    said = str(error) if error is not None else ""
    bad = _BAD_OPTION.search(said)
    if bad is not None:
        what = (f"opsi '{bad[1]}' tidak dikenal" if bad[1]
                else f"nilai '{bad[3]}' untuk {bad[2]} tidak sah")  # fmt: skip
        return (
            f"Alamat basis data tidak dapat dipakai: {what} (bagian sesudah '?' pada alamat). "
            "Periksa alamatnya di pengaturan db, LPSE_DESK_DB atau --db."
        )
    return next((message for words, message in _REFUSALS if words.search(said)), None)


def describe(exc: BaseException) -> str:
    """The message to show for any exception a desk action met."""
    return str(translate(exc))
