"""Printing a PDF through CUPS ``lp``; a missing printer never loses the receipt."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LP_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class PrintResult:
    """Whether the job was handed to CUPS, and what to tell the officer (Indonesian)."""

    printed: bool
    message: str


def print_pdf(path: Path, printer: str | None, *, copies: int = 1, lp: str = "lp") -> PrintResult:
    """Send ``path`` to ``printer`` with ``lp -d``; never raises."""
    if not printer:
        return PrintResult(False, f"Printer belum diatur; PDF tersimpan di {path}")
    program = shutil.which(lp)
    if program is None:
        return PrintResult(False, f"Perintah cetak 'lp' (CUPS) tidak ada; PDF tersimpan di {path}")
    try:
        done = subprocess.run(
            [program, "-d", printer, "-n", str(copies), "--", str(path)],
            capture_output=True,
            text=True,
            timeout=LP_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return PrintResult(False, f"Gagal mencetak ke {printer} ({exc}); PDF tersimpan di {path}")
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        detail = reason[-1] if reason else f"kode {done.returncode}"
        return PrintResult(
            False, f"Gagal mencetak ke {printer} ({detail}); PDF tersimpan di {path}"
        )
    return PrintResult(True, f"Dikirim ke printer {printer}; PDF tersimpan di {path}")
