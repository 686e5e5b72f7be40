"""Fixtures shared by every test: keep the developer's machine out of the tests.

- ``desk_home``: an empty desk home in ``tmp_path`` (``LPSE_DESK_HOME``) holding copies of the
  shipped catalog and calendar, with ``LPSE_DESK_DB``/``LPSE_DESK_LOKET`` removed from the
  environment, so nothing reads or writes the checkout's ``data/``.
- ``db_url``: the desk's default database inside that home (a real SQLite file, never
  ``:memory:``: a worker thread would get a different, empty database).
- ``migrated_home``: ``desk_home`` with its default database copied from ``migrated_template``.
- ``engine``: an engine on that copy (the newest revision).
- ``migrated_template``: one database file migrated by Alembic once per test worker; tests
  get copies of it instead of migrating their own (0.4–0.6 s each). The migrations' own
  tests (``tests/store/test_db.py``) replace ``engine`` with one that runs Alembic.
- ``clock``: a ``FixedClock`` on an ordinary working Wednesday morning in WIB.
- ``backend``: ``"sqlite"``, or ``"postgresql"`` where the store and CLI tests run on both
  engines: every test under ``tests/store`` and ``tests/cli`` that uses ``db_url`` (``engine``
  and ``migrated_home`` included) runs once on each, unless marked ``sqlite_only`` (backups,
  file faults, a file's permissions). The PostgreSQL server is ``tests/pgserver.py``'s, started
  once for the run; without its binaries those tests are skipped, and the run says so at the
  end (CI sets ``LPSE_TEST_REQUIRE_PG``: there, a missing server fails the run).

It also chooses the number of xdist workers for pyproject's ``-n auto``: three, or none when the
run names a single file.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from lpse_desk import paths
from lpse_desk.config import DB_ENV, LOKET_ENV
from lpse_desk.domain.clock import WIB, FixedClock
from tests import pgserver

FROZEN_NOW = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
"""Wednesday 10 June 2026, 09.30 WIB: a working day with no holiday in the week around it."""

XDIST_WORKERS = 3
"""Workers for a run of several files. CI has 2 cores, but Pilot tests wait on timers and
workers between their steps: a third worker fills those gaps (2 workers: 4 min 15 s, 3: 3 min
14 s, 4: 3 min 22 s for the whole suite on this machine)."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """Three workers; none for a run of one file.

    Starting the workers costs seconds, and ``-s``, ``print`` and ``breakpoint()`` work only in
    the main process. ``PYTEST_XDIST_AUTO_NUM_WORKERS`` and an explicit ``-n`` still decide.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    named = {config.invocation_params.dir / arg.split("::", 1)[0] for arg in config.args}
    if len(named) == 1 and next(iter(named)).is_file():
        return 0
    return XDIST_WORKERS


BOTH_ENGINES = ("tests/store/", "tests/cli/")
"""Where a test that uses a database runs on SQLite and on PostgreSQL."""
_PG_SERVER: list[pgserver.Server] = []
_PG_MISSING: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about SQLite's own file (backups, faults, permissions)"
    )
    if hasattr(config, "workerinput") or os.environ.get(pgserver.URL_ENV):
        return  # a worker: the controller's server (or one the developer started) is used
    if os.environ.get(pgserver.OFF_ENV):
        why = f"{pgserver.OFF_ENV} diisi"
    elif pgserver.binaries() is None:
        why = "initdb/pg_ctl tidak ditemukan (pasang paket postgresql)"
    else:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            why = "psycopg tidak terpasang (make test memasangnya)"
        else:
            server = pgserver.start()
            _PG_SERVER.append(server)
            pgserver.make_template(server.base_url)
            os.environ[pgserver.URL_ENV] = server.base_url
            return
    if os.environ.get(pgserver.REQUIRE_ENV):
        raise pytest.UsageError(f"PostgreSQL wajib untuk run ini ({pgserver.REQUIRE_ENV}): {why}")
    _PG_MISSING.append(why)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything imported so far (Textual, SQLAlchemy, ReportLab, the desk, the collected
    tests) lives for the whole run: moved out of the collector's way, so that each of its
    full passes walks only what the tests make."""
    gc.collect()
    gc.freeze()


def pytest_unconfigure(config: pytest.Config) -> None:
    while _PG_SERVER:
        server = _PG_SERVER.pop()
        os.environ.pop(pgserver.URL_ENV, None)
        server.stop()


def pytest_terminal_summary(terminalreporter) -> None:
    if _PG_MISSING:
        terminalreporter.write_line(
            f"PostgreSQL DILEWATI: {_PG_MISSING[0]}; tes penyimpanan dan CLI hanya berjalan pada "
            "SQLite.",
            yellow=True,
            bold=True,
        )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Store and CLI tests that use a database: once on SQLite, once on PostgreSQL."""
    if "backend" not in metafunc.fixturenames:
        return
    where = Path(str(metafunc.definition.path)).as_posix()
    both = any(f"/{folder}" in where for folder in BOTH_ENGINES)
    if both and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The engine this test's database is on (see ``pytest_generate_tests``)."""
    engine = getattr(request, "param", "sqlite")
    if engine == "postgresql" and not os.environ.get(pgserver.URL_ENV):
        pytest.skip(f"PostgreSQL dilewati: {_PG_MISSING[0] if _PG_MISSING else 'tidak ada server'}")
    return engine


REAL_PIN_COST: dict[str, int] = {}
"""The desk's own scrypt cost, kept by ``_token_pin_cost`` before it makes it tiny."""


@pytest.fixture(autouse=True, scope="session")
def _token_pin_cost() -> Iterator[None]:
    """PINs are hashed with scrypt at a token cost (N=16, r=1) in tests, as Django's test
    runner swaps in a fast hasher: the same code runs, only the deliberate ~70 ms per hash
    and per check is gone (hundreds of accounts are made and logged into). Hashes keep their
    parameters, so a stored hash of either cost verifies; ``tests/domain/test_pin_rules.py``
    checks the real cost."""
    from lpse_desk.domain import security

    REAL_PIN_COST.update(n=security._N, r=security._R, p=security._P)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_N", 16)
        patch.setattr(security, "_R", 1)
        yield


@pytest.fixture
def desk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An isolated desk home with ``data/catalog.toml`` and ``data/calendar.toml``."""
    home = tmp_path / "home"
    data = home / "data"
    data.mkdir(parents=True)
    for name in ("catalog.toml", "calendar.toml"):
        shutil.copyfile(paths.shipped_data_dir() / name, data / name)
    monkeypatch.setenv(paths.HOME_ENV, str(home))
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.delenv(LOKET_ENV, raising=False)
    return home


@pytest.fixture
def db_url(
    desk_home: Path, backend: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[str]:
    """URL of the desk's database: on SQLite the default file in the isolated home (not
    created yet); on PostgreSQL, named in ``LPSE_DESK_DB`` so that the desk and the CLI (also
    in other processes) open it: for a test that asks for ``migrated_home`` this process's
    migrated database holding only the template's rows, else an empty database of its own."""
    if backend == "sqlite":
        yield paths.sqlite_url(paths.default_db_path())
        return
    server = os.environ[pgserver.URL_ENV]
    if "migrated_home" in request.fixturenames:
        url = request.getfixturevalue("_pg_worker_database").fresh()
        monkeypatch.setenv(DB_ENV, url)
        yield url
        return
    url = pgserver.new_database(server, migrated=False)
    monkeypatch.setenv(DB_ENV, url)
    try:
        yield url
    finally:
        pgserver.drop_database(server, url)


@pytest.fixture(scope="session")
def _pg_worker_database() -> pgserver.WorkerDatabase:
    """This test process's migrated PostgreSQL database, emptied before each test."""
    return pgserver.WorkerDatabase(os.environ[pgserver.URL_ENV])


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file migrated to the head revision, once per test worker, to copy from."""
    from lpse_desk.store.db import make_engine, upgrade

    template = tmp_path_factory.mktemp("template") / "migrated.db"
    template_engine = make_engine(paths.sqlite_url(template))
    try:
        upgrade(template_engine)
    finally:
        template_engine.dispose()  # the last connection folds the WAL back into the file
    leftover = template.with_name(template.name + "-wal")
    assert not leftover.exists(), "the template's WAL was not checkpointed; a copy would miss it"
    return template


@pytest.fixture
def migrated_home(desk_home: Path, db_url: str, request: pytest.FixtureRequest) -> Path:
    """``desk_home`` whose database exists, a fresh copy of the migrated template.

    For tests about what a command does with a desk's database, not about its first opening.
    """
    if db_url.startswith("postgresql"):
        return desk_home  # ``db_url`` made it a copy of the template
    shutil.copyfile(request.getfixturevalue("migrated_template"), paths.default_db_path())
    os.chmod(paths.default_db_path(), 0o600)  # as the desk makes it: no "made private" notice
    return desk_home


@pytest.fixture
def engine(migrated_home: Path, db_url: str) -> Iterator:
    """A store engine on ``db_url``, a fresh copy of the migrated template; disposed afterwards."""
    from lpse_desk.store.db import make_engine

    store_engine = make_engine(db_url)
    yield store_engine
    store_engine.dispose()


def _filled_with_the_demo(url: str, home: Path) -> None:
    """The demo day at ``FROZEN_NOW`` in the database at ``url``, as if this morning's first
    login had backed it up: the desks in the TUI tests log in again and again on the frozen
    day, and each would copy the database otherwise (``tests/store/test_backup.py`` has the
    automatic backup's own tests)."""
    from lpse_desk import demo
    from lpse_desk.catalog import load_catalog
    from lpse_desk.domain.calendar import WorkingCalendar
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries import meta
    from lpse_desk.store.services import autobackup

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.HOME_ENV, str(home))
        engine = make_engine(url)
        try:
            demo.fill(engine, catalog=load_catalog(), now=FROZEN_NOW,
                      calendar=WorkingCalendar.from_file(paths.calendar_file()))  # fmt: skip
            with write_session(engine) as session:
                meta.put(session=session, key=autobackup.DAY_KEY,
                         value=FROZEN_NOW.date().isoformat())  # fmt: skip
        finally:
            engine.dispose()  # SQLite: the last connection folds the WAL back into the file


def _demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo")
    (home / "data").mkdir()
    for name in ("catalog.toml", "calendar.toml"):
        shutil.copyfile(paths.shipped_data_dir() / name, home / "data" / name)
    return home


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    """A SQLite file holding the demo day at ``FROZEN_NOW``, filled once per test worker
    (filling costs ~2 s; tests copy it)."""
    home = _demo_home(tmp_path_factory)
    shutil.copyfile(migrated_template, home / "demo.db")
    _filled_with_the_demo(paths.sqlite_url(home / "demo.db"), home)
    return home / "demo.db"


@pytest.fixture(scope="session")
def _pg_demo_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL database holding the demo day at ``FROZEN_NOW``, once per test worker;
    tests get copies of it (``CREATE DATABASE … TEMPLATE``)."""
    from sqlalchemy.engine import make_url

    url = pgserver.new_database(os.environ[pgserver.URL_ENV], migrated=True)
    _filled_with_the_demo(url, _demo_home(tmp_path_factory))
    return make_url(url).database


@pytest.fixture
def demo_engine(
    desk_home: Path, backend: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator:
    """An engine on a fresh copy of the demo day at ``FROZEN_NOW`` (what ``demo.fill`` gives
    at ``clock``), the desk's database in ``desk_home``; on PostgreSQL too where the test runs
    on both engines. For tests that read or add to the demo, not about filling it."""
    from lpse_desk.store.db import make_engine

    if backend == "sqlite":
        shutil.copyfile(request.getfixturevalue("demo_db"), paths.default_db_path())
        os.chmod(paths.default_db_path(), 0o600)  # as the desk makes it
        url = paths.sqlite_url(paths.default_db_path())
    else:
        server = os.environ[pgserver.URL_ENV]
        url = pgserver.new_database(server, migrated=False,
                                    template=request.getfixturevalue("_pg_demo_template"))  # fmt: skip
        monkeypatch.setenv(DB_ENV, url)
    store_engine = make_engine(url)
    yield store_engine
    store_engine.dispose()
    if backend != "sqlite":
        pgserver.drop_database(os.environ[pgserver.URL_ENV], url)


@pytest.fixture
def clock() -> FixedClock:
    """A frozen clock at ``FROZEN_NOW`` (move it with ``advance``/``set``)."""
    return FixedClock(FROZEN_NOW)
