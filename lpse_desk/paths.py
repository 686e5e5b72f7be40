"""Every filesystem location the desk uses, in one place.

``LPSE_DESK_HOME`` overrides the home folder (tests point it at a temp dir);
otherwise the home is the checkout the desk runs from. Nothing here creates a
directory at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "LPSE_DESK_HOME"
_CHECKOUT = Path(__file__).resolve().parent.parent


def home() -> Path:
    """The desk's home folder: ``$LPSE_DESK_HOME`` or the checkout."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser().resolve()
    return _CHECKOUT


def shipped_data_dir() -> Path:
    """The tracked ``data/`` of the checkout: the catalog and calendar shipped with the code."""
    return _CHECKOUT / "data"


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


def sqlite_url(path: Path) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"
