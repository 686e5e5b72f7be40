"""Engine, SQLite pragmas, write transactions and migrations.

SQLite is opened in WAL mode with foreign keys on and a busy timeout. Write
transactions start with ``BEGIN IMMEDIATE`` so two desk processes never both
read a counter and then race to write it: the second waits for the lock.

On PostgreSQL (READ COMMITTED) a write transaction takes the store's write lock first, a
transaction-level advisory lock, with ``lock_timeout`` as SQLite's busy timeout: the same
one-writer-at-a-time rule on both engines, so every check made inside a write ("no account
yet", "this loket's row") still holds when it writes. Every write appends to the event chain,
whose head row serialises the writers anyway, so the lock costs no throughput; counters and
one-time rows are single conflict-safe statements besides (``store.upsert``).
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from lpse_desk.domain.errors import ConfigError, Damaged, StoreFault
from lpse_desk.store import faults
from lpse_desk.store.dbfile import (
    file_of,
    on_read_only_disk_without_shm,
    prepare_sqlite_file,
    restore_advice,
)

# The newest migration. A test checks it against Alembic's script head, so the
# desk can tell that nothing is pending without importing Alembic (~0.1 s).
HEAD_REVISION = "0014"
BUSY_TIMEOUT_ENV = "LPSE_DESK_BUSY_MS"
"""Overrides the busy timeout (tests of a locked database do not wait 15 s)."""
_WRITE = "lpse_write"
WRITE_LOCK_KEY = 0x4C505345  # "LPSE": the advisory lock every PostgreSQL write transaction takes


def busy_timeout_ms() -> int:
    """How long a desk waits for another desk's write lock before answering "terkunci"."""
    value = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    return int(value) if value.isdigit() else 15_000


def shown_url(url: str) -> str:
    """``url`` as a message may show it: its password as ``***`` (a URL that does not parse
    has whatever stands between ``:`` and ``@`` after the scheme masked)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - any text: masked by hand below
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def make_engine(
    url: str, *, allow_empty: bool = False, backups: Path | None = None, create: bool = True
) -> Engine:
    """An engine for ``url``.

    A SQLite file is created (0600, its folder 0700) only where no file exists, and only when
    ``create`` (else a missing file is refused); an empty or
    foreign file is refused (``allow_empty``: ``db init`` may take over a zero-length file).
    A file this user may not write is opened read-only. Notices of the opening (a file made
    private) are kept in ``engine_notices(engine)``; a refusal names the newest backup in
    ``backups``.
    """
    try:
        parsed = make_url(url)
    except Exception:  # SQLAlchemy raises ArgumentError with English text
        raise ConfigError(
            f"Alamat basis data '{url}' tidak valid. Contoh: 'sqlite:///data/lpse_desk.db' "
            "atau 'postgresql+psycopg://pengguna@server/lpse'."
        ) from None
    backend, driver = parsed.get_backend_name(), parsed.drivername.partition("+")[2]
    if backend == "postgresql" and driver in ("", "psycopg"):
        # "postgresql://" too: the driver installed with the desk, not SQLAlchemy's default
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    elif backend != "sqlite":
        raise ConfigError(
            f"Basis data '{parsed.render_as_string()}' tidak didukung. LPSE Desk memakai "
            "SQLite ('sqlite:///data/lpse_desk.db') atau PostgreSQL lewat psycopg "
            "('postgresql+psycopg://pengguna@server/lpse')."
        )
    if backend == "sqlite":
        database = parsed.database
        notices: list[str] = []
        read_only = created = False
        path = file_of(database or "")
        if parsed.query.get("mode") == "memory":  # "file:m?mode=memory&uri=true"
            path = None
        if path is None:  # "sqlite://", ":memory:": every number and record gone at exit
            raise ConfigError(
                f"Alamat basis data '{url}' menunjuk basis data di memori, yang hilang begitu "
                "perintah selesai: nomor dan catatan tidak tersimpan. Tulis berkasnya, mis. "
                "'sqlite:///data/lpse_desk.db'."
            )
        uri = (database or "").startswith("file:")
        # A URI (e.g. ``?mode=ro``) names a file the person chose: checked, never made here
        # (a missing one is refused when ``create`` is false, before SQLite's own mode=rwc).
        if path is not None and (not uri or path.exists() or not create):
            created = not path.exists()
            notices, read_only = prepare_sqlite_file(
                path, allow_empty=allow_empty, backups=backups, create=create
            )
            if read_only and not uri:
                url = f"sqlite:///file:{path}?mode=ro&uri=true"
                if on_read_only_disk_without_shm(path):
                    # A read-only disk (a mounted copy, a CD): SQLite cannot make the WAL's
                    # -shm beside it, and without it opens nothing unless told the file
                    # cannot change under it, which on such a disk it cannot. (A folder
                    # merely not ours to write may have a writer: never immutable there.)
                    url += "&immutable=1"
        engine = _sqlite_engine(url)
        _NOTICES[engine] = notices
        if created:
            _CREATED[engine] = path
        if read_only:
            notices.append(f"Basis data {database} hanya-baca: perubahan tidak dapat disimpan.")
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # e.g. a driver that is not installed: named, not its English
        raise ConfigError(
            f"Basis data '{parsed.render_as_string()}' tidak dapat dibuka "
            f"({type(exc).__name__}): periksa alamatnya dan bahwa driver basis data terpasang."
        ) from None


# Kept beside the engine, not on it: a weak key, so a disposed engine takes its notices along.
_NOTICES: weakref.WeakKeyDictionary[Engine, list[str]] = weakref.WeakKeyDictionary()
_CREATED: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()


def sqlite_path(engine: Engine) -> Path | None:
    """The file of a SQLite engine (also behind a ``file:…?mode=ro`` URI); else None."""
    if engine.dialect.name != "sqlite":
        return None
    return file_of(engine.url.database or "")


def engine_notices(engine: Engine) -> list[str]:
    """What opening ``engine`` had to tell (e.g. a world-readable file made private)."""
    return list(_NOTICES.get(engine, ()))


def _sqlite_engine(url: str) -> Engine:
    timeout_ms = busy_timeout_ms()
    engine = create_engine(url, connect_args={"timeout": timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Take transaction control away from the sqlite3 module so that the
        # "begin" hook below decides between BEGIN and BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A session whose transaction holds the write lock from its first statement.

    Commits when the block ends, rolls back on any exception.
    """
    with Session(engine, expire_on_commit=False) as session, _undone(lambda: _rollback(session)):
        conn = session.connection(execution_options={_WRITE: True})
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(  # one round trip: the wait's limit, then the lock
                f"SELECT set_config('lock_timeout', '{busy_timeout_ms()}', true), "
                f"pg_advisory_xact_lock({WRITE_LOCK_KEY})"
            )
        yield session
        session.commit()


@contextmanager
def _undone(undo: Callable[[], None]) -> Iterator[None]:
    """Run ``undo`` when the block fails in any way, then raise: a database error as the
    desk's own fault (``faults.translate``), anything else as it is."""
    try:
        yield
    except DBAPIError as exc:
        undo()
        raise faults.translate(exc) from exc
    except BaseException:
        undo()
        raise


def _rollback(session: Session) -> None:
    with suppress(DBAPIError):  # the connection is gone (disk, lock): nothing was committed
        session.rollback()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; nothing it does is committed."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        except DBAPIError as exc:
            raise faults.translate(exc) from exc
        finally:
            _rollback(session)


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database.

    A database holding other tables but not this desk's is refused (StoreFault).
    """
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            if "alembic_version" not in tables:
                if tables:
                    raise StoreFault(
                        f"Basis data {engine.url.database} bukan milik LPSE Desk (tabelnya lain: "
                        f"{', '.join(sorted(tables)[:3])}). Periksa pengaturan db; desk tidak "
                        "menulis ke basis data lain."
                    )
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            conn.rollback()
    except DBAPIError as exc:
        raise faults.translate(exc) from exc
    return row[0] if row else None


def quick_check(engine: Engine, *, full: bool = False) -> list[str]:
    """SQLite's own check of the file (``quick_check``, or ``integrity_check`` when ``full``).

    Returns the problems it names (empty: the file is sound). Other databases check themselves.
    """
    if engine.dialect.name != "sqlite":
        return []
    pragma = "integrity_check" if full else "quick_check"
    try:
        with engine.connect() as conn:
            rows = [str(row[0]) for row in conn.exec_driver_sql(f"PRAGMA {pragma}")]
            conn.rollback()
    except DBAPIError as exc:
        error = faults.translate(exc)
        if isinstance(error, Damaged):
            return ["berkas bukan basis data yang utuh"]
        raise error from exc
    if rows == ["ok"]:
        return []
    return [line for row in rows for line in row.splitlines() if line.strip()]


def refuse_if_damaged(engine: Engine, *, backups: Path | None = None) -> None:
    """Damaged (Indonesian) when the quick check finds the file broken.

    The message names the newest backup in ``backups`` (default: ``cadangan/`` beside the file).
    """
    problems = quick_check(engine)
    if problems:
        path = sqlite_path(engine)
        raise Damaged(
            f"Basis data {path or engine.url.database} rusak (pemeriksaan SQLite menemukan "
            f"{len(problems)} masalah). Desk tidak menulis ke basis data yang rusak. "
            f"Jalankan 'lpse-desk db check' untuk rinciannya. {restore_advice(path, backups)}"
        )


def needs_upgrade(engine: Engine) -> bool:
    """Whether migrations are pending (checked without importing Alembic)."""
    return current_revision(engine) != HEAD_REVISION


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision``."""
    with _migration_connection(engine) as conn:
        upgrade_on(conn, revision)


def upgrade_on(conn, revision: str = "head") -> None:
    """Run Alembic migrations on ``conn``, inside the transaction the caller holds (``db
    copy`` migrates and fills an empty database in one)."""
    from alembic import command  # deferred: ~0.1 s, paid only when migrating

    command.upgrade(_alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Run Alembic migrations down to ``revision`` (used to wipe the demo)."""
    from alembic import command

    with _migration_connection(engine) as conn:
        command.downgrade(_alembic_config(conn), revision)


@contextmanager
def _migration_connection(engine: Engine) -> Iterator:
    """A connection in one transaction for migrating.

    On SQLite, Alembic changes a table by copying it to a new one; with foreign
    keys enforced, dropping the old table would fail (or cascade) while other
    tables point at it. Enforcement is switched off for the migration, which
    must be done outside a transaction, and the whole database is checked with
    ``PRAGMA foreign_key_check`` before the migration commits.
    """
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.dbapi_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                yield conn
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def _alembic_config(conn):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = conn
    return config


def ensure_schema(engine: Engine, *, create: bool = True) -> bool:
    """Migrate when the schema is behind; True if migrations ran.

    A database with no schema at all is set up only when ``create`` (the desk home's own
    file): an empty PostgreSQL database or SQLite file someone configured is refused, as a
    missing file is, so that a mistyped address never starts the numbers again from 1."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return False
    if revision is None and not create:
        where = sqlite_path(engine) or engine.url.render_as_string()
        raise StoreFault(
            f"Basis data {where} belum berisi LPSE Desk (kosong): periksa alamatnya. Bila "
            "memang basis data baru: 'lpse-desk db init'; untuk memindahkan data dari SQLite: "
            "'lpse-desk db copy --ke ALAMAT'."
        )
    upgrade(engine)
    return True


def open_store(
    url: str, *, check: bool = True, backups: Path | None = None, create: bool = True
) -> tuple[Engine, bool]:
    """Engine for ``url``, checked and migrated if it was behind; also whether it migrated.

    ``check`` runs SQLite's quick check first: a damaged database is refused (Damaged), naming
    the newest backup in ``backups``. ``create``: a missing SQLite file may be made
    (``Settings.creates_db``).
    """
    engine = make_engine(url, backups=backups, create=create)
    with _undone(lambda: _close_unborn(engine)):
        if check:
            refuse_if_damaged(engine, backups=backups)
        migrated = ensure_schema(engine, create=create)
    return engine, migrated


def _close_unborn(engine: Engine) -> None:
    """Dispose of an engine that failed to open; remove the file it created if still empty.

    A zero-length file is refused at the next start as a database that lost its contents:
    one this very opening made (a disk full before SQLite wrote its first page) is not.
    """
    engine.dispose()
    path = _CREATED.get(engine)
    if path is None:
        return
    with suppress(OSError):
        if path.stat().st_size == 0:
            path.unlink()
