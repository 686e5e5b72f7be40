"""Engine, SQLite pragmas, write transactions and migrations.

SQLite is opened in WAL mode with foreign keys on and a busy timeout. Write
transactions start with ``BEGIN IMMEDIATE`` so two desk processes never both
read a counter and then race to write it: the second waits for the lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from lpse_desk.domain.errors import ConfigError

# The newest migration. A test checks it against Alembic's script head, so the
# desk can tell that nothing is pending without importing Alembic (~0.1 s).
HEAD_REVISION = "0007"
BUSY_TIMEOUT_MS = 15_000
_WRITE = "lpse_write"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created if missing."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # SQLAlchemy raises ArgumentError with English text
        raise ConfigError(f"Alamat basis data '{url}' tidak valid: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # e.g. a driver that is not installed
        raise ConfigError(
            f"Basis data '{parsed.render_as_string()}' tidak dapat dibuka: {exc}"
        ) from None


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Take transaction control away from the sqlite3 module so that the
        # "begin" hook below decides between BEGIN and BEGIN IMMEDIATE.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
    with Session(engine, expire_on_commit=False) as session:
        session.connection(execution_options={_WRITE: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; nothing it does is committed."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        conn.rollback()
    return row[0] if row else None


def needs_upgrade(engine: Engine) -> bool:
    """Whether migrations are pending (checked without importing Alembic)."""
    return current_revision(engine) != HEAD_REVISION


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision``."""
    from alembic import command  # deferred: ~0.1 s, paid only when migrating

    with _migration_connection(engine) as conn:
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


def ensure_schema(engine: Engine) -> bool:
    """Migrate when the schema is behind; True if migrations ran."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return False
    upgrade(engine)
    return True


def open_store(url: str) -> tuple[Engine, bool]:
    """Engine for ``url``, migrated if it was behind; also whether it migrated."""
    engine = make_engine(url)
    try:
        migrated = ensure_schema(engine)
    except Exception:
        engine.dispose()
        raise
    return engine, migrated
