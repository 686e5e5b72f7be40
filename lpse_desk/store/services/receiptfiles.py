"""The receipts folder checked against the receipt rows, and put right where it can be.

``ReceiptFiles.repair_receipts`` rewrites a receipt file that is missing, empty or altered from the data stored
with its row (rendering is deterministic, so the original bytes come back), keeps an
altered file aside, removes the temporary files of interrupted writes, and reports PDFs
that no receipt row names. The desk's startup runs it on the last 7 days; ``lpse-desk
receipt repair`` on any range.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import Clock, to_wib
from lpse_desk.domain.errors import ConfigError, DeskError
from lpse_desk.domain.office import Office
from lpse_desk.domain.receipt import ReceiptData, sign_receipt
from lpse_desk.store.db import read_session
from lpse_desk.store.faults import file_fault
from lpse_desk.store.files import (
    ASIDE_NAME,
    PRIVATE_FOLDER,
    TEMP_PDF_NAME,
    tighten,
    write_atomically,
)
from lpse_desk.store.queries import meta, receipts
from lpse_desk.store.services.base import Service

STALE_AFTER_SECONDS = 60
"""A temporary file older than this was left by a write that died (a write takes well
under a second); a younger one may belong to another desk writing into a shared folder."""

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{2}$")
_COPY = re.compile(r"^(?P<base>.+)-SALINAN-\d+\.pdf$")

NO_KEY = (
    "kunci tanda terima (rahasia instalasi) tidak ada di basis data ini; pulihkan basis "
    "data dari cadangan yang memuatnya"
)


@dataclass(frozen=True)
class Repaired:
    """A receipt file the desk wrote again from the receipt's stored data."""

    number: str
    path: Path
    reason: str
    """Why: the file was missing, empty, or its bytes were not the ones recorded."""
    same_bytes: bool
    """Whether the rewritten file has exactly the recorded hash."""
    set_aside: Path | None = None
    """Where the altered file that stood at ``path`` was kept."""


@dataclass(frozen=True)
class NotRepaired:
    """A receipt file that is wrong and could not be written again."""

    number: str
    path: Path
    reason: str
    """What is wrong with the file and why it could not be written (Indonesian)."""


@dataclass
class RepairReport:
    """Everything one check of the receipts folder found and did."""

    checked: int = 0
    """Receipt rows whose file was checked."""
    read_contents: bool = True
    own_only: bool = False
    """Only this PC's receipts were checked (a store several PCs share)."""
    """False for the quick check: existence and a non-zero size only."""
    repaired: list[Repaired] = field(default_factory=list)
    failed: list[NotRepaired] = field(default_factory=list)
    temp_removed: list[Path] = field(default_factory=list)
    """Temporary files of interrupted writes, removed."""
    temp_recent: list[Path] = field(default_factory=list)
    """Temporary files too young to be called abandoned (left alone)."""
    orphans: list[Path] = field(default_factory=list)
    """Receipt-looking PDFs that no receipt row names (left alone)."""
    kept_aside: list[Path] = field(default_factory=list)
    """Files moved aside earlier (``*.tersisih-N.pdf``), kept for a person to look at."""

    @property
    def complete(self) -> bool:
        """Whether every receipt file is now what its row records."""
        return not self.failed and all(item.same_bytes for item in self.repaired)

    @property
    def all_fine(self) -> bool:
        """Nothing was wrong and nothing was left to report."""
        return not (self.repaired or self.failed or self.temp_removed or self.orphans)


class ReceiptFiles(Service):
    """The receipts of one store as files: drawn by the renderer the desk was given, kept
    under ``receipts_dir``, checked and rewritten from their rows.

    Receipts are drawn by ``lpse_desk.receipts`` (ReportLab), which sits above the store:
    whoever opens the store passes its ``render_receipt`` and ``signed_summary_of_pdf``.
    """

    def __init__(
        self,
        *,
        engine: Engine,
        catalog: Catalog,
        calendar: WorkingCalendar,
        clock: Clock,
        receipts_dir: Path,
        paper: str = "A5",
        render: Callable[..., bytes] | None = None,
        read_pdf: Callable[[bytes], str | None] | None = None,
        office: Office | None = None,
    ) -> None:
        super().__init__(engine=engine, catalog=catalog, calendar=calendar, clock=clock)
        self.receipts_dir = receipts_dir
        self.paper = paper
        self.office = office or Office()
        """The unit's particulars printed in the head of new receipts (``[kantor]``)."""
        self._render = render
        self._read_pdf = read_pdf

    @property
    def station(self) -> str:
        """This PC's name among the PCs sharing the store: kept in its receipts folder
        (``receipts/.pc``, made at its first receipt as ``<host>-<6 hex>``), so each folder
        checks and redraws only the receipts it wrote."""
        return station_of(self.receipts_dir)

    def render(self, data: ReceiptData, signed: str) -> bytes:
        """The PDF of a receipt, drawn by the renderer the desk was given."""
        return self.render_on(data, signed, self.paper)

    def render_on(self, data: ReceiptData, signed: str, paper: str) -> bytes:
        """The PDF of a receipt on the given paper size."""
        if self._render is None:
            raise ConfigError("Pembuat PDF tanda terima belum dipasang pada desk ini")
        return self._render(data, signed=signed, paper=paper)

    def read_pdf(self, pdf: bytes) -> str | None:
        """The signed summary inside a PDF, read by the reader the desk was given."""
        if self._read_pdf is None:
            raise ConfigError("Pembaca PDF tanda terima belum dipasang pada desk ini")
        return self._read_pdf(pdf)

    def repair_receipts(
        self, *, days: int | None = 7, read_contents: bool = True
    ) -> RepairReport:
        """Check the receipt files of the rows issued in the last ``days`` (None: all) and
        the folder: clear interrupted writes' temporary files, report unknown PDFs.

        Each file is compared by size and SHA-256 with its row (``read_contents=False``: only
        that it exists and is not empty). A wrong file is rewritten from the row's data; an
        altered one is first moved aside, never replaced.
        """
        since = None if days is None else self.clock.now() - timedelta(days=days)
        report = RepairReport(read_contents=read_contents)
        with read_session(self.engine) as session:
            # A SQLite store has one PC (restored elsewhere, it is that PC's): every receipt is
            # its own. On a server each PC redraws only the files it wrote.
            shared = session.get_bind().dialect.name != "sqlite"
            rows = receipts.listed(
                session=session, since=since, station=self.station if shared else None
            )
            named = [
                (number, receipt_path(self.receipts_dir, number, issued_at))
                for number, issued_at in receipts.numbers(session=session)
            ]
            secret = meta.installation_secret_if_any(session=session) if rows else None
        report.own_only = shared
        _scan_folder(self.receipts_dir, named, report)
        for row_id, number, issued_at, sha256 in rows:
            report.checked += 1
            path = receipt_path(self.receipts_dir, number, issued_at)
            reason = _what_is_wrong(path, sha256, read_contents)
            if reason is None:
                continue
            if secret is None:
                report.failed.append(NotRepaired(number, path, f"{reason}; {NO_KEY}"))
                continue
            try:
                with read_session(self.engine) as session:
                    data = receipts.payload(session=session, receipt_id=row_id)
                pdf = self.render(data, sign_receipt(data, secret))
                aside = write_atomically(path, pdf, root=self.receipts_dir, keep_different=True)
            except DeskError as exc:  # StoreFault: the disk said no; the message says what to do
                report.failed.append(NotRepaired(number, path, f"{reason}; {exc}"))
                continue
            same = sha256 is None or hashlib.sha256(pdf).hexdigest() == sha256
            report.repaired.append(Repaired(number, path, reason, same, aside))
        return report


STATION_FILE = ".pc"
"""In the receipts folder: the name of the PC that keeps it (one line)."""


def station_of(receipts_dir: Path) -> str:
    """The name of the PC keeping ``receipts_dir``, made and kept there on first use."""
    marker = receipts_dir / STATION_FILE
    try:
        name = marker.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        name = ""
    except OSError as exc:
        raise file_fault(exc, marker) from exc
    if name:
        return name[:80]
    host = re.sub(r"[^A-Za-z0-9_.-]", "", socket.gethostname())[:40] or "pc"
    name = f"{host}-{secrets.token_hex(3)}"
    write_atomically(marker, f"{name}\n".encode(), root=receipts_dir)
    return name


def receipt_number_of(name: str) -> str | None:
    """The receipt number a receipt's file name stands for (``file_name``'s reverse)."""
    match = re.fullmatch(r"(?P<head>[A-Z]+-[A-Z]+)-(?P<year>\d{4})-(?P<seq>\d+)\.pdf", name)
    return f"{match['head']}/{match['year']}/{match['seq']}" if match else None


def file_name(number: str, suffix: str = "") -> str:
    """A receipt's file name: its number with ``-`` for ``/``."""
    return number.replace("/", "-") + suffix + ".pdf"


def receipt_path(receipts_dir: Path, number: str, issued_at: datetime) -> Path:
    """Where a desk keeps a receipt's file: ``receipts/YYYY/MM/<number>.pdf``.

    Derived, not taken from the stored path, so a database restored on another PC (or in a
    fresh folder) gets its receipts checked and drawn again under its own receipts folder.
    """
    issued = to_wib(issued_at)
    return receipts_dir / f"{issued:%Y}" / f"{issued:%m}" / file_name(number)


def _what_is_wrong(path: Path, sha256: str | None, read_contents: bool) -> str | None:
    """Why the file at ``path`` is not the recorded receipt, or None when it is."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "berkas hilang"
    except OSError:
        return "berkas tidak dapat diperiksa (izin atau disk)"
    if size == 0:
        return "berkas kosong (0 bita)"
    tighten(path)
    if not read_contents or sha256 is None:
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "berkas tidak dapat dibaca (izin atau disk)"
    if digest != sha256:
        return f"isi berkas berbeda dari yang tercatat ({size} bita, SHA-256 lain)"
    return None


def _scan_folder(root: Path, named, report: RepairReport) -> None:
    """Temporary files, orphans and kept-aside files in the desk's own receipt folders.

    Only ``receipts/`` itself and its ``YYYY/MM`` folders are the desk's: ``receipts/demo``
    (the demo's receipts) and anything else a person put there are not looked into.
    """
    known_paths = {os.path.abspath(path) for _number, path in named if path}
    known_bases = {number.replace("/", "-") for number, _path in named}
    now = time.time()  # file ages are the file system's clock, not the desk's
    for folder in _receipt_folders(root):
        tighten(folder, PRIVATE_FOLDER)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in sorted(entries, key=lambda item: item.name):
            if not entry.is_file(follow_symlinks=False):
                continue
            path = Path(entry.path)
            if TEMP_PDF_NAME.match(entry.name):
                _temporary(path, entry, now, report)
                continue
            if entry.name.startswith(".") or not entry.name.lower().endswith(".pdf"):
                continue
            tighten(path)  # every receipt, copy and kept file: vendors' data, owner only
            if ASIDE_NAME.search(entry.name):
                report.kept_aside.append(path)
            elif os.path.abspath(path) not in known_paths and not _known_copy(
                entry.name, known_bases
            ):
                report.orphans.append(path)


def _temporary(path: Path, entry: os.DirEntry, now: float, report: RepairReport) -> None:
    try:
        age = now - entry.stat(follow_symlinks=False).st_mtime
        if age < STALE_AFTER_SECONDS:
            report.temp_recent.append(path)
            return
        path.unlink()
    except FileNotFoundError:
        return  # its write finished (renamed) or another desk removed it meanwhile
    except OSError:
        report.temp_recent.append(path)
        return
    report.temp_removed.append(path)


def _known_copy(name: str, known_bases: set[str]) -> bool:
    """A reprint (``…-SALINAN-n.pdf``) of a number that has a receipt row."""
    match = _COPY.match(name)
    return bool(match) and match.group("base") in known_bases


def _receipt_folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    folders = [root]
    for year in sorted(root.iterdir()):
        if year.is_dir() and _YEAR.match(year.name):
            folders += [m for m in sorted(year.iterdir()) if m.is_dir() and _MONTH.match(m.name)]
    return folders
