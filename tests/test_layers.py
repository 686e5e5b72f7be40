"""The layers stay apart: only tui/ imports Textual, only store/ SQLAlchemy, only receipts/ ReportLab.

Two checks: a static one over every module's imports (including those deferred inside
functions), and a dynamic one that imports the light entry points in a fresh interpreter
and looks at ``sys.modules``.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import lpse_desk

PACKAGE = Path(lpse_desk.__file__).parent
HEAVY = ("textual", "sqlmodel", "sqlalchemy", "alembic", "reportlab")

# Third-party package → the only folder of lpse_desk that may import it.
OWNERS = {
    "textual": "tui",
    "sqlmodel": "store",
    "sqlalchemy": "store",
    "alembic": "store",  # the migrations live in store/migrations
    "reportlab": "receipts",
    "pypdf": "receipts",
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, deferred ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def _where(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0]


def test_the_static_check_sees_the_whole_package():
    names = {path.relative_to(PACKAGE).as_posix() for path in _modules()}
    assert {"store/db.py", "store/migrations/env.py", "cli/main.py", "domain/entities.py"} <= names
    assert ("store/db.py", "sqlalchemy") in {
        (path.relative_to(PACKAGE).as_posix(), name.split(".")[0])
        for path in _modules()
        for _, name in _imports(path)
    }


def test_heavy_libraries_are_imported_only_by_their_layer():
    wrong = []
    for path in _modules():
        for line, name in _imports(path):
            owner = OWNERS.get(name.split(".")[0])
            if owner is not None and _where(path) != owner:
                wrong.append(
                    f"{path.relative_to(PACKAGE)}:{line} imports {name} (only {owner}/ may)"
                )
    assert wrong == []


def test_domain_imports_nothing_else_from_the_desk():
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in (PACKAGE / "domain").rglob("*.py")
        for line, name in _imports(path)
        if name.split(".")[0] == "lpse_desk" and not name.startswith("lpse_desk.domain")
    ]
    assert wrong == []


def test_the_store_never_reaches_up_into_the_interface():
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in (PACKAGE / "store").rglob("*.py")
        for line, name in _imports(path)
        if name.startswith(("lpse_desk.tui", "lpse_desk.cli", "lpse_desk.receipts"))
    ]
    assert wrong == []


_PROBE = """
import json, sys
heavy = {heavy!r}
{body}
loaded = sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))
print("\\n@@loaded@@" + json.dumps(loaded))
"""

_IMPORT_DOMAIN = """
import importlib, pkgutil
import lpse_desk.domain
names = [m.name for m in pkgutil.iter_modules(lpse_desk.domain.__path__, "lpse_desk.domain.")]
assert len(names) >= 10, names
for name in names:
    importlib.import_module(name)
"""

_RUN_CLI = """
from lpse_desk.cli.main import run
sys.argv = ["lpse-desk", *{args!r}]
try:
    run()
except SystemExit as stop:
    assert stop.code in (0, None), stop.code
"""


def _loaded_after(body: str) -> list[str]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY, body=body)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.rsplit("@@loaded@@", 1)[1])


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(_IMPORT_DOMAIN, id="every domain module"),
        pytest.param("import lpse_desk.cli.main", id="import cli.main"),
        pytest.param(_RUN_CLI.format(args=["--help"]), id="lpse-desk --help"),
        pytest.param(_RUN_CLI.format(args=["check", "nik", "3271011708450001"]), id="check nik"),
        pytest.param(_RUN_CLI.format(args=["sla", "due", "2026-03-13 10:00"]), id="sla due"),
        pytest.param(_RUN_CLI.format(args=["catalog", "check"]), id="catalog check"),
    ],
)
def test_light_entry_points_load_no_heavy_library(desk_home, body):
    assert _loaded_after(body) == []


def test_the_probe_notices_a_heavy_import(desk_home):
    assert _loaded_after("import lpse_desk.store.db") == ["sqlalchemy", "sqlmodel"]


def test_the_installed_command_answers_help(desk_home):
    script = Path(sys.executable).parent / "lpse-desk"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "lpse_desk"]
    completed = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    for command in ("db", "staff", "catalog", "check", "sla", "demo"):
        assert f"  {command} " in completed.stdout


_IMPORT_INTERFACE = """
import importlib, pkgutil
import lpse_desk.tui
names = [m.name for m in pkgutil.walk_packages(lpse_desk.tui.__path__, "lpse_desk.tui.")]
assert len(names) >= 25, names
for name in names:
    importlib.import_module(name)
"""


def test_importing_any_screen_loads_no_database_library(desk_home):
    """Screens show domain read models (``domain.queueview``, ``domain.casefile``, …), never the
    store's types: the first frame need not wait for SQLAlchemy, and a screen cannot reach
    around the store's rules into its tables. Textual itself is expected."""
    loaded = _loaded_after(_IMPORT_INTERFACE)
    assert "sqlalchemy" not in loaded and "sqlmodel" not in loaded, loaded
