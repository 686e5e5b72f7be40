"""How long one PIN hash and one PIN check take at today's scrypt cost.

The cost is chosen so that one check takes 50–100 ms on a counter PC: slow enough that a
copied database's PINs cost an attacker real time per guess, quick enough for a login (the
login screen waits 0.5 s per attempt anyway). Also prints the check at the cost used before
(N=2**14, r=8), whose hashes are upgraded at each officer's next login.

    .venv/bin/python benchmarks/pin_hash.py [--runs 25]
"""

from __future__ import annotations

import argparse
import statistics
import time


def _medians_ms(calls: dict[str, object], runs: int) -> dict[str, float]:
    """Each call once per round, in turn, so a busy machine slows them all alike."""
    taken: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            taken[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(times) for name, times in taken.items()}


def main() -> None:
    """Print the median milliseconds of hashing and checking a PIN."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    runs = parser.parse_args().runs

    from lpse_desk.domain import security

    stored = security.hash_pin("5827")
    old_n, old_r = 2**14, 8
    saved = security._N, security._R
    security._N, security._R = old_n, old_r
    old = security.hash_pin("5827")
    security._N, security._R = saved
    ms = _medians_ms(
        {
            "hash": lambda: security.hash_pin("5827"),
            "check": lambda: security.verify_pin("5828", stored),
            "old": lambda: security.verify_pin("5828", old),
        },
        runs,
    )
    print(f"scrypt N={security._N} r={security._R} p={security._P}, {runs} runs (median)")
    print(f"hash:  {ms['hash']:6.1f} ms")
    print(f"check: {ms['check']:6.1f} ms   (target 50–100 ms)")
    print(f"check at the old cost N={old_n} r={old_r}: {ms['old']:6.1f} ms")


if __name__ == "__main__":
    main()
