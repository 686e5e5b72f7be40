"""The desk and the board need a terminal: from a script, a pipe or a file they say so.

Real processes with real pipes (the console script's entry point): a Textual app started
without a terminal would write its screen codes into the file and wait for keys forever.
"""

from __future__ import annotations

import subprocess
import sys

from lpse_desk import paths


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lpse_desk", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_desk_and_the_board_refuse_to_start_without_a_terminal(desk_home):
    for args, what in (((), "Aplikasi meja layanan"), (("board",), "Papan antrian")):
        done = _run(*args)
        assert done.returncode == 1, done
        assert done.stdout == ""  # no screen codes written into the file
        assert done.stderr.startswith(f"Galat: {what} perlu terminal: jalankan 'lpse-desk")
        assert "Traceback" not in done.stderr
    assert not paths.default_db_path().exists()  # refused before anything was opened


def test_the_demo_is_filled_for_a_script_and_says_how_to_open_it(desk_home):
    done = _run("demo")
    assert done.returncode == 0, done.stderr
    url = paths.sqlite_url(paths.demo_db_path())
    assert done.stdout.startswith(f"Basis data demo siap: {url}\n")
    opening = f"Tanpa terminal: aplikasi tidak dibuka. Buka dengan: lpse-desk --db {url}\n"
    assert done.stdout.endswith(opening)
    assert "\x1b" not in done.stdout
