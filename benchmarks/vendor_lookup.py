"""Finding a vendor as the officer types, with 100,000 vendors in the store.

A fresh SQLite file gets 100,000 vendors: names of two to five words drawn from a
vocabulary in which some words ("jaya", "mandiri") are very common, as in real company
names, checksum-valid company NPWPs (``demo.company_npwp``), NIBs and SPSE user IDs. They
are written in bulk with the same search keys ``vendors.create`` derives. The timed
operation is what the vendor picker does after a keystroke: ``VendorDesk.search`` — open a
read session, find up to 20 vendors, return them as domain objects.

Target: 20 ms or less per search (the median and the 95th percentile are printed).

    .venv/bin/python benchmarks/vendor_lookup.py [--vendors 100000] [--searches 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

TARGET_MS = 20.0

# fmt: off
COMMON = [
    "jaya", "mandiri", "abadi", "sejahtera", "utama", "karya", "makmur", "sentosa", "perkasa",
    "bersama",
]
"""Words found in very many names, as in real company names."""
WORDS = [
    "sinar", "pakuan", "konstruksi", "kujang", "teknik", "hujan", "emas", "digital", "tani",
    "raya", "botani", "tirta", "sadane", "cahaya", "surya", "kencana", "berkah", "maju",
    "indah", "permai", "bangun", "cipta", "graha", "persada", "nusantara", "bumi", "lestari",
    "mitra", "sarana", "prima", "global", "solusi", "media", "informatika", "putra", "putri",
    "tunggal", "agung", "mulia", "sumber", "rezeki", "anugerah", "baru", "cemerlang",
    "gemilang", "harapan", "inti", "kreasi", "lintas", "buana", "mega", "multi", "niaga",
    "pratama", "rekayasa", "selaras", "wahana", "wijaya", "zamrud", "andalan", "bina", "citra",
    "dharma", "eka", "fajar", "handal", "intan", "jati", "kirana", "laksana", "mustika",
    "panca", "samudra", "usaha", "vista", "widya",
]
SYLLABLES = [
    "ba", "bi", "bu", "da", "di", "ga", "ka", "ki", "ku", "la", "ma", "mi", "mu", "na", "ni",
    "nu", "ra", "ri", "ru", "sa", "si", "su", "ta", "ti", "tu", "wa", "ya",
]
# fmt: on


def _word(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(COMMON)
    if roll < 0.75:
        return rng.choice(WORDS)
    # Invented words, so that most names are not built from a few dozen words only.
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def _vendors(count: int, now: datetime, rng: random.Random) -> list[dict]:
    from lpse_desk.demo import company_npwp
    from lpse_desk.store.queries.vendors import search_keys

    forms = ["PT"] * 5 + ["CV"] * 4 + ["koperasi"]
    rows = []
    for index in range(count):
        form = rng.choice(forms)
        words = [_word(rng).capitalize() for _ in range(rng.choice([2, 2, 3, 3, 3, 4, 5]))]
        prefix = {"PT": "PT ", "CV": "CV ", "koperasi": "Koperasi "}[form]
        name = prefix + " ".join(words)
        user_id = f"{''.join(words).lower()[:14]}{index}"
        rows.append(
            {
                "legal_form": form,
                "name": name,
                "npwp": company_npwp(index + 1, kind=rng.choice(["01", "02", "03"])),
                "nib": f"{9_120_000_000_000 + index * 37:013d}",
                "spse_user_id": user_id,
                "created_at": now,
                "updated_at": now,
                **search_keys(name=name, legal_form=form, spse_user_id=user_id),
            }
        )
    return rows


def _fill(engine, rows: list[dict]) -> None:
    from sqlalchemy import insert, text

    from lpse_desk.store.db import write_session
    from lpse_desk.store.tables.vendors import VendorRow

    with write_session(engine) as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(VendorRow), rows[start : start + 5000])
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def _queries(rows: list[dict], count: int, rng: random.Random) -> dict[str, list[str]]:
    """Per kind of lookup, what an officer would type for vendors that exist."""
    sample = [rng.choice(rows) for _ in range(count)]
    npwp = [row["npwp"] for row in sample]

    def words(row: dict) -> list[str]:
        return row["name"].split()[1:]  # after the legal form

    return {
        "NPWP 16 digit": [f"{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}" for n in npwp],
        "NPWP 15 digit": [f"{n[1:3]}.{n[3:6]}.{n[6:9]}.{n[9]}-{n[10:13]}.{n[13:]}" for n in npwp],
        "NIB": [row["nib"] for row in sample],
        "user ID (awal)": [row["spse_user_id"][:6].upper() for row in sample],
        "nama 1 kata": [words(row)[0][:4].lower() for row in sample],
        "nama 1 kata umum": [rng.choice(COMMON)[:3] for _ in sample],
        "nama 2 kata": [f"{words(row)[0]} {words(row)[1][:3]}".lower() for row in sample],
        "nama 2 kata acak": [f"{words(row)[-1][:4]} {words(row)[0][:3]}" for row in sample],
        "tidak ada": [f"{rng.choice(COMMON)} zq{i}" for i in range(count)],
    }


def _time(search: Callable[[str], list], typed: list[str]) -> tuple[float, float, int]:
    timings, empty = [], 0
    for text in typed:
        begin = time.perf_counter()
        found = search(text)
        timings.append((time.perf_counter() - begin) * 1000)
        empty += not found
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1], empty


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()

    from lpse_desk.domain.clock import WIB, FixedClock
    from lpse_desk.store.db import open_store
    from lpse_desk.store.services.vendors import VendorDesk

    now = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    rng = random.Random(20260610)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        engine, _ = open_store(f"sqlite:///{path}")
        started = time.perf_counter()
        rows = _vendors(args.vendors, now, rng)
        _fill(engine, rows)
        print(f"{args.vendors:,} vendors written in {time.perf_counter() - started:.1f} s")
        desk = VendorDesk(engine, FixedClock(now))
        desk.search("warm up")
        worst = 0.0
        for kind, typed in _queries(rows, args.searches, rng).items():
            median, p95, empty = _time(desk.search, typed)
            worst = max(worst, p95)
            note = f", {empty} without result" if empty else ""
            print(f"{kind:<18} median {median:6.2f} ms   p95 {p95:6.2f} ms{note}")
        engine.dispose()  # folds the WAL back into the file
        print(f"database file {path.stat().st_size / 1e6:.0f} MB")
    verdict = "OK" if worst <= TARGET_MS else "ABOVE TARGET"
    print(f"worst p95 {worst:.2f} ms (target ≤ {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
