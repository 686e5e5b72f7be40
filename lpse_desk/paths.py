"""Every filesystem location the desk uses, in one place.

The *home* (working folder: ``data/``, ``receipts/``, ``laporan/``, settings) is ``LPSE_DESK_HOME`` when
set (tests point it at a temp dir); else the checkout the desk runs from; else, for a desk
installed with ``pip install`` (no checkout around the package), the user's data folder
(``platformdirs``: ``~/.local/share/lpse-desk`` on Linux, ``%LOCALAPPDATA%\\lpse-desk`` on
Windows). The shipped catalog and calendar are package data (``lpse_desk/defaults/``); a
``data/catalog.toml`` or ``data/calendar.toml`` in the home takes their place. Nothing here
creates a directory at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "LPSE_DESK_HOME"
APP_NAME = "lpse-desk"
_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def running_from_checkout() -> bool:
    """Whether the package is the ``lpse_desk/`` of a source checkout (not an installed copy)."""
    return (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "data").is_dir()


def home() -> Path:
    """The desk's home folder: ``$LPSE_DESK_HOME``, the checkout, or the user's data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser().resolve()
    if running_from_checkout():
        return _CHECKOUT
    from platformdirs import user_data_path  # deferred: only an installed desk needs it

    return user_data_path(APP_NAME, appauthor=False)


def shipped_data_dir() -> Path:
    """The catalog and calendar shipped with the code (package data)."""
    return _PACKAGE / "defaults"


def data_dir() -> Path:
    """``data/`` under the home: catalog, calendar, settings, the local database."""
    return home() / "data"


def _data_file(name: str) -> Path:
    """A data file from the home, falling back to the shipped copy when the home has none."""
    local = data_dir() / name
    if local.exists():
        return local
    return shipped_data_dir() / name


def catalog_file() -> Path:
    """The service catalog (TOML)."""
    return _data_file("catalog.toml")


def calendar_file() -> Path:
    """The admin-editable calendar overrides (TOML)."""
    return _data_file("calendar.toml")


def settings_file() -> Path:
    """Per-installation settings (TOML, optional, not tracked)."""
    return data_dir() / "settings.toml"


def default_db_path() -> Path:
    """The embedded SQLite database used when no URL is given."""
    return data_dir() / "lpse_desk.db"


def demo_db_path() -> Path:
    """The demo database filled by ``lpse-desk demo``."""
    return data_dir() / "demo.db"


def receipts_dir() -> Path:
    """Where receipts and slips are written (``receipts/YYYY/MM/``)."""
    return home() / "receipts"


def demo_receipts_dir() -> Path:
    """Receipts of the demo database (``receipts/demo/``).

    Receipt numbers run per database, so the demo's TT-LPSE/…/000001 must never land
    on the file of the working database's receipt with the same number.
    """
    return receipts_dir() / "demo"


def reports_dir() -> Path:
    """Where the report screens save their PDF, XLSX and CSV files (``laporan/``)."""
    return home() / "laporan"


def demo_reports_dir() -> Path:
    """Reports of the demo database (``laporan/demo/``), apart like its receipts: the demo's
    June report must never replace the working database's file of the same name."""
    return reports_dir() / "demo"


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def is_default_db(url: str) -> bool:
    """Whether ``url`` names the home's own database file (``default_db_path``), however it is
    written: ``sqlite:///data/lpse_desk.db`` from the home, ``..``, a symlinked folder. A
    ``~`` is not expanded (SQLite opens it literally), and a ``file:`` URI is never the
    default: it is an address someone chose."""
    database = url.removeprefix("sqlite:///")
    if database == url or not database or database.startswith("file:") or "?" in database:
        return False
    try:
        return Path(database).resolve() == default_db_path().resolve()
    except (OSError, RuntimeError, ValueError):
        return False
