"""Median wall time of ``lpse-desk --help`` (a fresh process each run).

The help must not pay for the TUI or the store (SQLModel ~0.36 s, Textual ~0.18 s):
target 0.3 s. A bare ``python -c pass`` is timed alongside as the interpreter's floor.

    .venv/bin/python benchmarks/cli_help.py [--runs 25]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.3


def _command() -> list[str]:
    script = Path(sys.executable).parent / "lpse-desk"
    if script.exists():
        return [str(script), "--help"]
    return [sys.executable, "-m", "lpse_desk", "--help"]


def wall_seconds(command: list[str]) -> float:
    """Wall time of one run of ``command``; a failing run stops the benchmark."""
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25, help="runs (at least 20)")
    runs = max(20, parser.parse_args().runs)
    command = _command()
    floor = [sys.executable, "-c", "pass"]

    wall_seconds(command)  # warm the disk cache and the .pyc files, not counted
    help_times, floor_times = [], []
    for _ in range(runs):
        help_times.append(wall_seconds(command))
        floor_times.append(wall_seconds(floor))

    median = statistics.median(help_times)
    verdict = "within target" if median <= TARGET_SECONDS else "OVER TARGET"
    print(f"lpse-desk --help, {runs} runs ({' '.join(Path(c).name for c in command)}):")
    print(
        f"  median {median * 1000:.0f} ms  (min {min(help_times) * 1000:.0f}, "
        f"max {max(help_times) * 1000:.0f}); target ≤ {TARGET_SECONDS * 1000:.0f} ms: {verdict}"
    )
    print(
        f"  python -c pass median {statistics.median(floor_times) * 1000:.0f} ms (interpreter floor)"
    )


if __name__ == "__main__":
    main()
