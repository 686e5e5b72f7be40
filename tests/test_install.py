"""The desk built as a wheel and run outside a checkout: the shipped catalog and calendar come
with the package, and the working folder is the user's data folder (or ``LPSE_DESK_HOME``)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lpse_desk import paths

CHECKOUT = Path(paths.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, unpacked into a folder of its own (as pip would
    install a pure-Python wheel); returns that folder."""
    built = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(built), str(CHECKOUT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = built.glob("lpse_desk-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "lpse_desk/defaults/catalog.toml" in names
        assert "lpse_desk/defaults/calendar.toml" in names
        assert any(name.startswith("lpse_desk/store/migrations/versions/0010") for name in names)
        assert not any(name.startswith(("data/", "tests/")) for name in names)
        archive.extractall(target)
    return target


def _run(installed: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("LPSE_DESK_") and key not in ("PYTHONPATH", "XDG_DATA_HOME", "HOME")
    }
    env.update(PYTHONPATH=str(installed), HOME=str(tmp_path / "user"),
               XDG_DATA_HOME=str(tmp_path / "user" / "share"))  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, *args],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_an_installed_desk_runs_from_another_folder(installed, tmp_path):
    code = "from lpse_desk import paths; print(paths.__file__); print(paths.home())"
    where = _run(installed, tmp_path, "-c", code)
    assert where.returncode == 0, where.stderr
    module, home_shown = where.stdout.splitlines()
    home = tmp_path / "user" / "share" / "lpse-desk"
    assert Path(module).is_relative_to(installed)  # the wheel's copy, not this checkout
    assert Path(home_shown) == home  # no checkout around it: the user's data folder
    checked = _run(installed, tmp_path, "-m", "lpse_desk", "catalog", "check")
    assert checked.returncode == 0, checked.stderr
    assert "valid" in checked.stdout
    assert str(installed / "lpse_desk" / "defaults" / "catalog.toml") in checked.stdout
    demo = _run(installed, tmp_path, "-m", "lpse_desk", "demo", "--no-open")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert (home / "data" / "demo.db").is_file()
    assert list((home / "receipts" / "demo").rglob("TT-LPSE-*.pdf"))
