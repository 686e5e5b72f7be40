"""The layers stay apart: only tui/ imports Textual, only store/ SQLAlchemy, only receipts/ ReportLab.

The demo generator (``demo/``) sits above the store: it fills a database through the store
(and SQLModel, like the store), the store never imports it, and of the desk only cli/ does.

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
HEAVY = ("textual", "sqlmodel", "sqlalchemy", "alembic", "reportlab", "openpyxl")

# Third-party package → the only folders of lpse_desk that may import it.
OWNERS = {
    "textual": ("tui",),
    "sqlmodel": ("store", "demo"),  # the demo writes some rows (IKM quarter) in bulk
    "sqlalchemy": ("store", "demo"),
    "alembic": ("store",),  # the migrations live in store/migrations
    "reportlab": ("receipts",),
    "pypdf": ("receipts",),
    "openpyxl": ("receipts",),  # the reports' spreadsheets
}

# What demo/ may import of the desk, and who of the desk may import demo/.
DEMO_MAY_IMPORT = {"demo", "domain", "store", "receipts", "catalog", "paths", "config"}
DEMO_IMPORTERS = {"cli", "demo"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, deferred ones included.

    ``from lpse_desk import demo`` counts as ``lpse_desk.demo``, and relative imports are
    made absolute, so that neither spelling slips past the layer checks."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ["lpse_desk", *path.relative_to(PACKAGE).parts[:-1]]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            if module == "lpse_desk" or (node.level and not node.module):
                found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
            elif module:
                found.append((node.lineno, module))
    return found


def _layer(name: str) -> str | None:
    """The folder (or top module) of lpse_desk an absolute module name lies in, else None."""
    parts = name.split(".")
    return parts[1] if parts[0] == "lpse_desk" and len(parts) > 1 else None


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
    # ``from lpse_desk import demo as demo_store``, deferred inside the command.
    assert ("cli/demo.py", "demo") in {
        (path.relative_to(PACKAGE).as_posix(), _layer(name))
        for path in _modules()
        for _, name in _imports(path)
    }


def test_heavy_libraries_are_imported_only_by_their_layer():
    wrong = []
    for path in _modules():
        for line, name in _imports(path):
            owners = OWNERS.get(name.split(".")[0])
            if owners is not None and _where(path) not in owners:
                allowed = ", ".join(f"{owner}/" for owner in owners)
                wrong.append(
                    f"{path.relative_to(PACKAGE)}:{line} imports {name} (only {allowed} may)"
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
        if _layer(name) in ("tui", "cli", "receipts", "demo")
    ]
    assert wrong == []


def test_the_demo_sits_above_the_store():
    """demo/ fills a database through the store, the domain and the receipts, nothing above."""
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in (PACKAGE / "demo").rglob("*.py")
        for line, name in _imports(path)
        if _layer(name) is not None and _layer(name) not in DEMO_MAY_IMPORT
    ]
    assert wrong == []


def test_only_the_cli_imports_the_demo():
    """The demo is filled by ``lpse-desk demo`` (and by tests); store/, tui/ and the rest never
    load it, not even inside a function."""
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in _modules()
        if _where(path) not in DEMO_IMPORTERS
        for line, name in _imports(path)
        if _layer(name) == "demo"
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
    """Screens show domain read models (``domain.queue.view``, ``domain.casefile``, …), never the
    store's types: the first frame need not wait for SQLAlchemy, and a screen cannot reach
    around the store's rules into its tables. Textual itself is expected."""
    loaded = _loaded_after(_IMPORT_INTERFACE)
    assert "sqlalchemy" not in loaded and "sqlmodel" not in loaded, loaded


def test_queries_never_open_a_session():
    """``store/queries/`` hold the SQL and take the caller's ``session``: only
    ``store/services/`` (and the infrastructure) open a transaction or touch the engine."""
    opening = {"read_session", "write_session", "make_engine", "open_store"}
    wrong = []
    for path in sorted((PACKAGE / "store" / "queries").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            name = (
                node.id if isinstance(node, ast.Name)
                else node.attr if isinstance(node, ast.Attribute)
                else node.name if isinstance(node, ast.alias)
                else None
            )  # fmt: skip
            if name in opening or name in ("engine", "Engine"):
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno} uses {name}")
    assert wrong == []


def test_the_interface_reaches_the_store_through_its_services():
    """tui/ and cli/ call ``store.services`` (and the infrastructure: db, faults, files,
    backup); the SQL in ``store.queries`` is the services' to combine."""
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {name}"
        for path in _modules()
        if _where(path) in ("tui", "cli")
        for line, name in _imports(path)
        if name == "lpse_desk.store.queries" or name.startswith("lpse_desk.store.queries.")
    ]
    assert wrong == []


# tui/ and store/: the screens talk to the DeskStore the app holds, never to store modules.

STORE_DOOR = "tui/storeside.py"
"""The one tui module that names store modules (opening the store, the words for a fault,
the backup's priority, the atomic write; ``DeskStore`` under TYPE_CHECKING): what moves in
store/ is fixed there."""


def _placed_imports(path: Path) -> list[tuple[int, str, str]]:
    """(line, module, where) of each ``lpse_desk`` import: ``where`` is ``"top"``,
    ``"deferred"`` (inside a function) or ``"typing"`` (under ``if TYPE_CHECKING``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner = "deferred"
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for grandchild in child.body:
                    visit_one(grandchild, "typing")
                for grandchild in child.orelse:
                    visit_one(grandchild, where)
                continue
            visit_one(child, inner)

    def visit_one(node: ast.AST, where: str) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found.extend((node.lineno, name, where) for name in names)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            where = "deferred"
        visit(node, where)

    visit(tree, "top")
    return found


def test_the_placed_imports_see_deferred_and_typing_only_imports():
    placed = {(name, where) for _, name, where in _placed_imports(PACKAGE / STORE_DOOR)}
    assert ("lpse_desk.store.services.desk", "typing") in placed
    assert ("lpse_desk.store.services.desk", "deferred") in placed
    assert ("lpse_desk.tui.storeside", "deferred") in {
        (name, where) for _, name, where in _placed_imports(PACKAGE / "tui/work.py")
    }


def test_the_interface_reaches_the_store_only_through_its_one_door():
    """tui/ imports no store module but through ``tui/storeside.py``, and that one only inside
    its functions (and ``DeskStore`` under TYPE_CHECKING): no screen's import loads store/."""
    wrong = []
    for path in (PACKAGE / "tui").rglob("*.py"):
        where_in = path.relative_to(PACKAGE).as_posix()
        for line, name, where in _placed_imports(path):
            if not (name == "lpse_desk.store" or name.startswith("lpse_desk.store.")):
                continue
            if where_in == STORE_DOOR and where in ("deferred", "typing"):
                continue
            wrong.append(f"{where_in}:{line} imports {name} ({where})")
    assert wrong == []


_IMPORT_EACH_SCREEN = """
import importlib, pkgutil
import lpse_desk.tui
names = [m.name for m in pkgutil.walk_packages(lpse_desk.tui.__path__, "lpse_desk.tui.")]
screens = [n for n in names if ".screens." in n or ".dialogs." in n]
assert len(screens) >= 25, screens
first = None
for name in names:
    importlib.import_module(name)
    if first is None and {"sqlalchemy", "sqlmodel"} & {m.split(".")[0] for m in sys.modules}:
        first = name
print("\\n@@first@@" + json.dumps(first))
"""


def test_no_screen_or_dialog_module_loads_the_database_library(desk_home):
    """Which module pulled SQLAlchemy in, if one did: each is imported in turn in a fresh
    interpreter, and the first after which it is loaded is named."""
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=HEAVY, body=_IMPORT_EACH_SCREEN)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    first = json.loads(completed.stdout.split("@@first@@", 1)[1].split("\n", 1)[0])
    assert first is None, f"importing {first} loads SQLAlchemy"


def test_services_hold_no_sql():
    """``store/services/`` open transactions and combine queries; the SQL itself (tables,
    ``select``/``update``/``insert``) is in ``store/queries/``."""
    sql = {"select", "update", "insert", "delete", "func", "text"}
    wrong = []
    for path in sorted((PACKAGE / "store" / "services").rglob("*.py")):
        for line, name in _imports(path):
            if name.startswith("lpse_desk.store.tables"):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {name}")
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "sqlalchemy",
                "sqlmodel",
            ):
                wrong += [
                    f"{path.relative_to(PACKAGE)}:{node.lineno} imports {alias.name}"
                    for alias in node.names
                    if alias.name in sql
                ]
    assert wrong == []


MODULE_LINES = 400
"""The most lines a module of the desk may have (issue 14): past it, a reader no longer sees
what the module is for; split it by what its parts do."""


def test_no_module_is_longer_than_a_reader_can_follow():
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert long == {}
