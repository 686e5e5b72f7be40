"""A report screen's ``x``: the report shown, saved as PDF, XLSX and CSV in ``laporan/``.

Run in a thread worker (``work.act``): everything is rendered before anything is written,
each file goes through a temporary name and a rename (``storeside.write_atomically``), and if
one cannot be written the files this save created are removed again, so a failed save leaves
no half of a report behind. A disk or folder fault arrives as a ``StoreFault`` in Indonesian.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def file_stem(report: str, start: date, end: date, *, narrowed: Sequence[str] = ()) -> str:
    """``laporan-kasus-2026-06-01_2026-06-30`` (``-REG``, ``-staf7``… for the filters, so that
    a narrowed report does not replace the whole one)."""
    words = [f"laporan-{report}-{start:%Y-%m-%d}_{end:%Y-%m-%d}",
             *(_UNSAFE.sub("", word) for word in narrowed)]  # fmt: skip
    return "-".join(word for word in words if word)


def where_saved(written: Sequence[Path]) -> str:
    """``laporan/laporan-kasus-… (.pdf, .xlsx, .csv)``: one stem and its endings, so that
    the whole path fits two status lines at 80 columns."""
    stem = written[0].with_suffix("") if written else ""
    return f"{stem} ({', '.join(path.suffix for path in written)})"


def save_report(document: Any, *, folder: Path, stem: str, signed_on: date) -> list[Path]:
    """Write ``document`` as ``stem.pdf``, ``stem.xlsx`` and ``stem.csv`` in ``folder``; the
    paths written, or the fault (and none of the new files)."""
    # Deferred: ReportLab and openpyxl load when a report is first saved, not with the screen.
    from lpse_desk import receipts

    rendered = [(folder / f"{stem}.{kind}", receipts.render_report(kind, document,
                                                                   signed_on=signed_on))
                for kind in receipts.REPORT_FORMATS]  # fmt: skip
    return write_all(rendered)


def save_ikm_report(report: Any, *, folder: Path, stem: str) -> list[Path]:
    """The IKM report shown, as ``stem.pdf`` (the published report: index, unsur, profile,
    suggestions) and ``stem.csv`` (its figures) in ``folder``; all or nothing."""
    from lpse_desk import receipts
    from lpse_desk.domain.ikm.text import report_csv

    return write_all([(folder / f"{stem}.pdf", receipts.render_ikm_report(report)),
                      (folder / f"{stem}.csv", report_csv(report).encode("utf-8"))])  # fmt: skip


def write_all(rendered: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every (path, data), each through a temporary name; a fault removes the files
    this call created and is raised (a ``StoreFault`` in Indonesian)."""
    from lpse_desk.tui.storeside import write_atomically

    created: list[Path] = []
    try:
        for path, data in rendered:
            existed = path.exists()
            write_atomically(path, data)
            if not existed:
                created.append(path)
    except BaseException:
        for path in created:  # all or nothing
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return [path for path, _data in rendered]
