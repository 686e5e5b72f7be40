"""Time from process start to the first frame: a bare Textual app versus the desk.

Each run is a fresh interpreter. The parent notes the wall-clock time just before it
launches the child; the child's ``on_ready`` (Textual posts ``Ready`` once the first
screen has been laid out and drawn) notes the time again and exits. The difference
includes interpreter start-up and every import, as an officer waits for them.

The desk runs headless on an empty home (``LPSE_DESK_HOME`` → a new temp dir per run),
so its start screen really begins opening (and migrating) a fresh store in its worker.
Runs alternate between the two apps so that machine load affects both alike.

Target: the desk's first frame within 1.5 × the bare app's.

    .venv/bin/python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_RATIO = 1.5

# The bare app: one screen with one line of text, pushed on mount as the desk does.
BARE_CHILD = """
import json, time
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

class FirstScreen(Screen):
    def compose(self):
        yield Static("LPSE Desk")

class Bare(App):
    def on_mount(self):
        self.push_screen(FirstScreen())

    def on_ready(self):
        self.stamp = time.time()
        self.first_screen = type(self.screen).__name__
        self.exit()

app = Bare()
app.run(headless=True, size=(120, 36))
print(json.dumps({"stamp": app.stamp, "screen": app.first_screen}))
"""

# The desk as ``lpse-desk`` opens it, with an ``on_ready`` that notes the time and exits.
DESK_CHILD = """
import json, time
from pathlib import Path
import lpse_desk.tui.app
from lpse_desk.config import load_settings
from lpse_desk.tui.app import DeskApp

class TimedDesk(DeskApp):
    # Textual resolves a relative CSS_PATH against the subclass's file, which -c lacks.
    CSS_PATH = str(Path(lpse_desk.tui.app.__file__).parent / DeskApp.CSS_PATH)

    def on_ready(self):
        self.stamp = time.time()
        self.first_screen = type(self.screen).__name__
        self.exit()

app = TimedDesk(settings=load_settings())
app.run(headless=True, size=(120, 36))
print(json.dumps({"stamp": app.stamp, "screen": app.first_screen}))
"""

EXPECTED_SCREEN = {"bare": "FirstScreen", "desk": "StartScreen"}


def _environment(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LPSE_DESK_DB", "LPSE_DESK_LOKET")}
    env["LPSE_DESK_HOME"] = home
    return env


def first_frame_seconds(kind: str) -> float:
    """Seconds from launching a fresh interpreter to the first frame of ``kind``."""
    source = BARE_CHILD if kind == "bare" else DESK_CHILD
    with tempfile.TemporaryDirectory(prefix="lpse-bench-") as home:
        started = time.time()
        completed = subprocess.run(
            [sys.executable, "-c", source],
            env=_environment(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
    if completed.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{completed.stderr}")
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    if report["screen"] != EXPECTED_SCREEN[kind]:
        raise SystemExit(
            f"{kind}: first frame showed {report['screen']}, not {EXPECTED_SCREEN[kind]}"
        )
    return report["stamp"] - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each app (at least 10)")
    runs = max(10, parser.parse_args().runs)

    first_frame_seconds("bare")  # warm the disk cache and the .pyc files, not counted
    first_frame_seconds("desk")
    times: dict[str, list[float]] = {"bare": [], "desk": []}
    for index in range(runs):
        order = ("bare", "desk") if index % 2 == 0 else ("desk", "bare")
        for kind in order:
            times[kind].append(first_frame_seconds(kind))

    medians = {kind: statistics.median(values) for kind, values in times.items()}
    ratio = medians["desk"] / medians["bare"]
    print(f"Time to first frame, {runs} fresh runs each (Python {sys.version.split()[0]}):")
    for kind, label in (("bare", "bare Textual app"), ("desk", "LPSE Desk (StartScreen)")):
        values = times[kind]
        print(
            f"  {label:<24} median {medians[kind] * 1000:6.0f} ms"
            f"  (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"
        )
    verdict = "within target" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"  ratio desk/bare          {ratio:6.2f} ×  (target ≤ {TARGET_RATIO} ×: {verdict})")


if __name__ == "__main__":
    main()
