"""A throwaway PostgreSQL server for the test run: its own cluster, socket folder and port.

The pytest controller starts it once (``tests/conftest.py``: ``pytest_configure``) when the
server binaries are on this machine, migrates a template database into it, and hands its
address to the xdist workers in ``LPSE_TEST_PG``; every PostgreSQL test gets its own database
copied from that template (``CREATE DATABASE … TEMPLATE``, a file copy: no Alembic per test).
The server trades durability for speed (no fsync): it lives for one run.

Run as root, the cluster belongs to the ``postgres`` account (PostgreSQL refuses to run as
root), in a folder that account may enter.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

URL_ENV = "LPSE_TEST_PG"
"""The running test server's base URL (no database), set by the controller for the workers."""
REQUIRE_ENV = "LPSE_TEST_REQUIRE_PG"
"""Set (CI does, in ``.ci/run``): a run without a PostgreSQL server fails instead of skipping."""
OFF_ENV = "LPSE_TEST_NO_PG"
"""Set: this run leaves PostgreSQL out (faster at the desk; said at the end of the run)."""
TEMPLATE_DB = "lpse_template"


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def binaries() -> tuple[str, str] | None:
    """``initdb`` and ``pg_ctl``, from PATH or Debian's ``/usr/lib/postgresql/N/bin``."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    return (initdb, pg_ctl) if initdb and pg_ctl else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    root: Path
    port: int
    pg_ctl: str
    run_as: list[str]

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def base_url(self) -> str:
        """``postgresql+psycopg://postgres@/{database}?host=…&port=…`` with ``{database}`` left."""
        return (
            f"postgresql+psycopg://postgres@/{{database}}?host={self.socket_dir}&port={self.port}"
        )

    def url(self, database: str) -> str:
        return self.base_url.format(database=database)

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, self.pg_ctl, "-D", str(self.root / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start(*, durable: bool = False) -> Server:
    """A new cluster on a private socket folder and a free loopback port, started.

    ``durable``: with PostgreSQL's own fsync and synchronous commit, as a real server runs
    (benchmarks); the tests' server skips them (it lives for one run)."""
    found = binaries()
    if found is None:
        raise RuntimeError("initdb/pg_ctl tidak ditemukan")
    initdb, pg_ctl = found
    root = Path(tempfile.mkdtemp(prefix="lpse-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chmod(root, 0o755)
        os.chown(root, account.pw_uid, account.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    sockets = root / "socket"
    subprocess.run([*run_as, "mkdir", "-p", str(sockets)], check=True, capture_output=True)
    subprocess.run(
        [*run_as, initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
         "--no-sync", "--locale=C.UTF-8"],
        check=True, capture_output=True,
    )  # fmt: skip
    port = _free_port()
    options = f"-c listen_addresses='' -c unix_socket_directories={sockets} -p {port} "
    options += "-c max_connections=200"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    subprocess.run(
        [*run_as, pg_ctl, "-D", str(data), "-o", options, "-l", str(root / "server.log"),
         "-w", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    return Server(root=root, port=port, pg_ctl=pg_ctl, run_as=run_as)


def admin_connect(base_url: str):
    """A psycopg connection to the server's ``postgres`` database, in autocommit."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base_url.format(database="postgres"))
    return psycopg.connect(
        dbname="postgres",
        user=url.username,
        host=url.query["host"],
        port=int(url.query["port"]),
        autocommit=True,
    )


def make_template(base_url: str) -> None:
    """The template database, migrated to the head revision once for the run."""
    from lpse_desk.store.db import make_engine, upgrade

    with admin_connect(base_url) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE_DB}")
    engine = make_engine(base_url.format(database=TEMPLATE_DB))
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def new_database(
    base_url: str, *, migrated: bool, name: str | None = None, template: str | None = None
) -> str:
    """A fresh database (a copy of ``template``, of the migrated template, or empty); returns
    its URL."""
    name = name or f"t_{uuid.uuid4().hex[:16]}"
    template = f" TEMPLATE {template or TEMPLATE_DB}" if migrated or template else ""
    for attempt in range(50):
        try:
            with admin_connect(base_url) as conn:
                conn.execute(f"CREATE DATABASE {name}{template}")
            break
        except Exception as exc:  # the template is busy for a moment while another copies it
            if "being accessed by other users" not in str(exc) or attempt == 49:
                raise
            time.sleep(0.02)
    return base_url.format(database=name)


def drop_database(base_url: str, url: str) -> None:
    """Drop a test's database (its connections are ended first)."""
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    with admin_connect(base_url) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def desk_db_url() -> str:
    """The database a desk or a command opens now: ``LPSE_DESK_DB`` (a PostgreSQL test's own
    database) or the isolated home's SQLite file."""
    from lpse_desk import paths
    from lpse_desk.config import DB_ENV

    return os.environ.get(DB_ENV) or paths.sqlite_url(paths.default_db_path())


class WorkerDatabase:
    """One migrated database per test process, emptied back to the template's rows before each
    test instead of copied anew (a copy, and a new database's first queries, cost ~0.3 s).

    The reset deletes every row with triggers off (the event log's append-only guard
    included), restarts the sequences and puts back the template's own rows (the secret, the
    chain's head). Should the schema differ from the template's, or a row stay locked by
    something a test left behind, the database is dropped and copied again instead.
    """

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.url = new_database(base_url, migrated=True)
        with self._connect() as conn:
            self.shape = self._shape(conn)
            self.tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version' ORDER BY tablename"
                )
            ]
            self.sequences = [
                row[0]
                for row in conn.execute(
                    "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n "
                    "ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = 'public'"
                )
            ]
            self.seeds: list[tuple[str, list[str], list[tuple]]] = []
            for table in self.tables:
                cursor = conn.execute(f'SELECT * FROM "{table}"')
                rows = cursor.fetchall()
                if rows:
                    columns = [column.name for column in cursor.description]
                    self.seeds.append((table, columns, rows))

    def _connect(self):
        import psycopg
        from sqlalchemy.engine import make_url

        url = make_url(self.url)
        return psycopg.connect(
            dbname=url.database, user=url.username, host=url.query["host"],
            port=int(url.query["port"]),
        )  # fmt: skip

    @staticmethod
    def _shape(conn) -> tuple:
        """What a test must not have changed: the revision, tables, triggers and indexes."""
        return conn.execute(
            "SELECT (SELECT string_agg(version_num, ',') FROM alembic_version), "
            "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            " WHERE n.nspname = 'public'), (SELECT count(*) FROM pg_trigger)"
        ).fetchone()

    def fresh(self) -> str:
        """The database holding only the template's rows again; its URL."""
        try:
            with self._connect() as conn:
                conn.execute("SET LOCAL lock_timeout = '2s'")
                if self._shape(conn) != self.shape:
                    raise RuntimeError("the schema was changed")
                conn.execute("SET LOCAL session_replication_role = replica")
                conn.execute("DELETE FROM " + "; DELETE FROM ".join(f'"{t}"' for t in self.tables))
                for sequence in self.sequences:
                    conn.execute("SELECT setval(%s, 1, false)", (sequence,))
                for table, columns, rows in self.seeds:
                    names = ", ".join(f'"{column}"' for column in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    with conn.cursor() as cursor:
                        cursor.executemany(
                            f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows
                        )
        except Exception:
            drop_database(self.base_url, self.url)
            self.url = new_database(self.base_url, migrated=True)
        return self.url
