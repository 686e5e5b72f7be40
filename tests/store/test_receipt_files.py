"""Receipt files on a real disk: private, never overwritten by another receipt, whole or not
at all under disk faults, and checked and put right by ``repair``."""

from __future__ import annotations

import base64
import errno
import hashlib
import os
import stat
import time
import types
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from lpse_desk import paths, receipts
from lpse_desk.catalog import load_catalog
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import StoreFault
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.store import files
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.services import receipts as issuing
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow, ReceiptRow
from lpse_desk.store.tables.desk import DeskMeta, EventRow
from lpse_desk.store.tables.vendors import VendorRow
from tests.store.actors import RATNA, P, seed
from tests.store.test_issuing import _complete, _started

FOLDER = ("2026", "06")
NAME = "TT-LPSE-2026-000001.pdf"


@pytest.fixture(autouse=True)
def _actors(engine, clock):
    """The staff accounts the tests act as (the desk checks each one's role)."""
    seed(engine, clock)


@pytest.fixture
def desk(engine, clock, tmp_path, desk_home):
    return IntakeDesk(engine=engine, catalog=load_catalog(),
                      calendar=WorkingCalendar.from_file(paths.calendar_file()), clock=clock,
                      receipts_dir=tmp_path / "receipts", render=receipts.render_receipt,
                      read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip


@pytest.fixture
def line(engine, desk):
    return QueueDesk(engine=engine, catalog=desk.catalog, calendar=desk.calendar,
                     clock=desk.clock, policy=QueuePolicy())  # fmt: skip


@pytest.fixture
def umask_022():
    """The usual umask, under which a plain mkdir or open gives 0755 / 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _issue(desk, line, engine, clock, serial=301, loket=1):
    case, _ = _started(desk, line, engine, clock, serial=serial, loket=loket)
    _complete(desk, case)
    return case, desk.finish(P, case.id, loket=loket)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded_sha(engine, number: str) -> str:
    with read_session(engine) as session:
        return session.exec(select(ReceiptRow.sha256).where(ReceiptRow.number == number)).one()


def test_receipts_and_their_folders_are_private_and_loose_ones_are_tightened(
    desk, line, engine, clock, umask_022
):
    (desk.receipts_dir / "2026").mkdir(parents=True)  # made by hand: 0755 under this umask
    assert _mode(desk.receipts_dir) == 0o755
    _case, issued = _issue(desk, line, engine, clock)
    assert _mode(issued.path) == 0o600
    for folder in (desk.receipts_dir, desk.receipts_dir / "2026", issued.path.parent):
        assert _mode(folder) == 0o700, folder
    copy = desk.reprint(RATNA, issued.number)
    assert copy.path.name == "TT-LPSE-2026-000001-SALINAN-1.pdf"
    assert _mode(copy.path) == 0o600

    issued.path.chmod(0o644)  # e.g. copied back by hand
    copy.path.chmod(0o644)
    desk.receipts_dir.chmod(0o755)
    report = desk.repair_receipts()
    assert report.all_fine and report.checked == 1
    for path in (issued.path, copy.path):
        assert _mode(path) == 0o600
    assert _mode(desk.receipts_dir) == 0o700
    issued.path.parent.chmod(0o755)
    desk.reprint(RATNA, issued.number)
    assert _mode(issued.path.parent) == 0o700


def test_a_different_file_at_a_receipts_name_is_kept_aside_never_replaced(
    desk, line, engine, clock, umask_022
):
    """A database whose numbering started over must not destroy the earlier receipt."""
    earlier = desk.receipts_dir.joinpath(*FOLDER, NAME)
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"%PDF-1.4 tanda terima asli yang lebih dulu")
    case, issued = _issue(desk, line, engine, clock)
    assert issued.path == earlier
    assert issued.set_aside == earlier.with_name("TT-LPSE-2026-000001.tersisih-1.pdf")
    assert issued.set_aside.read_bytes() == b"%PDF-1.4 tanda terima asli yang lebih dulu"
    assert _mode(issued.set_aside) == 0o600
    assert _sha(issued.path) == _recorded_sha(engine, issued.number)
    with read_session(engine) as session:
        kept = session.exec(
            select(EventRow.entity_id, EventRow.reason).where(
                EventRow.action == "berkas_tanda_terima_disisihkan"
            )
        ).one()
    assert tuple(kept) == (case.id, str(issued.set_aside))

    stale_copy = earlier.with_name("TT-LPSE-2026-000001-SALINAN-1.pdf")
    stale_copy.write_bytes(b"%PDF-1.4 salinan lama")
    copy = desk.reprint(RATNA, issued.number)
    assert copy.path == stale_copy and copy.path.read_bytes().startswith(b"%PDF")
    assert copy.set_aside.read_bytes() == b"%PDF-1.4 salinan lama"
    # The same bytes again (a receipt written a second time) are no conflict.
    assert (
        files.write_atomically(issued.path, issued.path.read_bytes(), keep_different=True) is None
    )
    assert sorted(p.name for p in earlier.parent.iterdir()) == [
        "TT-LPSE-2026-000001-SALINAN-1.pdf",
        "TT-LPSE-2026-000001-SALINAN-1.tersisih-1.pdf",
        NAME,
        "TT-LPSE-2026-000001.tersisih-1.pdf",
    ]
    report = desk.repair_receipts()
    assert report.orphans == [] and len(report.kept_aside) == 2


def test_a_process_dying_after_the_rename_leaves_a_file_the_next_receipt_keeps_aside(
    desk, line, engine, clock, monkeypatch
):
    """The file of an uncommitted number: another case takes the number, the bytes stay."""
    first, _ = _started(desk, line, engine, clock, serial=331)
    _complete(desk, first)
    written = files.write_atomically

    def write_then_die(path, data, **options):
        written(path, data, **options)
        raise SystemExit(9)  # the transaction is rolled back, the renamed file stays

    monkeypatch.setattr(issuing, "write_atomically", write_then_die)
    with pytest.raises(SystemExit):
        desk.finish(P, first.id, loket=1)
    monkeypatch.undo()
    dead = desk.receipts_dir.joinpath(*FOLDER, NAME)
    dead_bytes = dead.read_bytes()
    with read_session(engine) as session:
        assert session.exec(select(ReceiptRow)).all() == []
    second, issued = _issue(desk, line, engine, clock, serial=332, loket=2)
    assert issued.number == "TT-LPSE/2026/000001" and issued.path == dead
    assert issued.set_aside.read_bytes() == dead_bytes != issued.path.read_bytes()
    assert _sha(issued.path) == _recorded_sha(engine, issued.number)
    assert desk.finish(P, first.id, loket=1).number == "TT-LPSE/2026/000002"


class _FailingOs(types.ModuleType):
    """``os`` as files.py sees it, with one call failing like the disk would."""

    def __init__(self, call: str, code: int):
        super().__init__("os")
        self.__dict__.update(vars(os))

        def fail(*args, **kwargs):
            raise OSError(code, os.strerror(code))

        setattr(self, call, fail)


@pytest.mark.parametrize(
    ("call", "code", "said"),
    [
        ("write", errno.ENOSPC, "Disk penuh"),
        ("replace", errno.EACCES, "Izin ditolak"),
        ("replace", errno.EPERM, "Izin ditolak"),
        ("write", errno.EROFS, "Disk hanya-baca"),
        ("mkdir", errno.EACCES, "Izin ditolak"),
    ],
)
def test_a_disk_fault_while_writing_leaves_no_file_no_row_and_no_used_number(
    desk, line, engine, clock, monkeypatch, call, code, said
):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    folder = desk.receipts_dir.joinpath(*FOLDER)
    if call == "mkdir":  # a folder that cannot be created
        monkeypatch.setattr(Path, "mkdir", _FailingOs("mkdir", code).mkdir)
    else:
        folder.mkdir(parents=True)
        monkeypatch.setattr(files, "os", _FailingOs(call, code))
    with pytest.raises(StoreFault) as caught:
        desk.finish(P, case.id, loket=1)
    message = str(caught.value)
    assert message.startswith(said) and "Tidak ada yang diubah" in message
    assert str(desk.receipts_dir) in message
    assert "Errno" not in message and os.strerror(code) not in message
    monkeypatch.undo()
    assert not folder.exists() or list(folder.iterdir()) == []  # no temporary file left
    with read_session(engine) as session:
        assert session.exec(select(ReceiptRow)).all() == []
        assert session.get(CaseRow, case.id).status == CaseStatus.INTAKE.value
    assert desk.finish(P, case.id, loket=1).number == "TT-LPSE/2026/000001"


def test_repair_clears_interrupted_writes_and_reports_unknown_pdfs_without_deleting(
    desk, line, engine, clock
):
    _case, issued = _issue(desk, line, engine, clock)
    folder = issued.path.parent
    hour_ago = time.time() - 3600
    stale = folder / f".{NAME}.k3x_9a2b"
    fresh = folder / ".TT-LPSE-2026-000002.pdf.a1b2c3d4"
    not_ours = [folder / ".catatan.txt.a1b2c3d4", folder / "catatan.txt"]
    demo = desk.receipts_dir / "demo" / "2026" / "06"
    demo.mkdir(parents=True)
    elsewhere = [demo / f".{NAME}.k3x_9a2b", demo / "TT-LPSE-2026-000077.pdf"]
    for path in (stale, fresh, *not_ours, *elsewhere):
        path.write_bytes(b"%PDF-1.4 data penyedia")
        os.utime(path, (hour_ago, hour_ago))
    os.utime(fresh)  # written just now: maybe another desk is writing it
    orphan = folder / "TT-LPSE-2026-000099.pdf"
    orphan_copy = folder / "TT-LPSE-2026-000099-SALINAN-1.pdf"
    for path in (orphan, orphan_copy):
        path.write_bytes(b"%PDF-1.4 entah dari mana")
    desk.reprint(RATNA, issued.number)  # a known copy is no orphan

    report = desk.repair_receipts()
    assert report.temp_removed == [stale] and not stale.exists()
    assert report.temp_recent == [fresh] and fresh.exists()
    assert report.orphans == [orphan_copy, orphan]
    assert all(path.exists() for path in (orphan, orphan_copy, *not_ours, *elsewhere))
    assert report.repaired == [] and report.complete and not report.all_fine


def test_repair_compares_size_and_hash_and_keeps_an_altered_file_aside(desk, line, engine, clock):
    _case, issued = _issue(desk, line, engine, clock)
    original = issued.path.read_bytes()
    issued.path.write_bytes(original[: len(original) // 2])  # truncated by a crash or a copy
    quick = desk.repair_receipts(read_contents=False)
    assert quick.repaired == [] and not quick.read_contents  # stat only: it cannot tell
    report = desk.repair_receipts()
    [fixed] = report.repaired
    assert fixed.reason.startswith("isi berkas berbeda dari yang tercatat")
    assert fixed.same_bytes and report.complete
    assert issued.path.read_bytes() == original
    assert fixed.set_aside.read_bytes() == original[: len(original) // 2]
    assert _mode(fixed.set_aside) == 0o600

    issued.path.write_bytes(b"")
    [empty] = desk.repair_receipts(read_contents=False).repaired
    assert empty.reason == "berkas kosong (0 bita)" and empty.set_aside is not None
    assert issued.path.read_bytes() == original
    issued.path.unlink()
    [lost] = desk.repair_receipts(read_contents=False).repaired
    assert (lost.reason, lost.set_aside) == ("berkas hilang", None)
    assert desk.repair_receipts().all_fine


def test_repair_without_the_receipt_key_says_it_could_not(desk, line, engine, clock):
    _case, issued = _issue(desk, line, engine, clock)
    issued.path.unlink()
    with write_session(engine) as session:
        session.delete(session.get(DeskMeta, "receipt_secret"))
    report = desk.repair_receipts()
    [failed] = report.failed
    assert failed.number == issued.number and "kunci tanda terima" in failed.reason
    assert not report.complete and not issued.path.exists()


def test_a_receipt_that_cannot_be_rendered_to_its_recorded_bytes_is_not_called_repaired(
    desk, line, engine, clock
):
    """E.g. a layout change: the rewrite is reported as not the same, and repeating the
    check does not pile up kept-aside copies."""
    _case, issued = _issue(desk, line, engine, clock)
    with write_session(engine) as session:
        row = session.exec(select(ReceiptRow)).one()
        row.sha256 = "0" * 64
        session.add(row)
    first = desk.repair_receipts()
    assert [item.same_bytes for item in first.repaired] == [False]
    assert not first.complete and first.repaired[0].set_aside is None  # same bytes as drawn
    second = desk.repair_receipts()
    assert not second.complete and second.kept_aside == []


def test_two_pcs_on_one_store_each_keep_their_own_receipts(desk, line, engine, clock, tmp_path):
    """A second PC (its own receipts folder) on the same store: on a server it never redraws
    the first PC's receipts into its folder, yet it reprints them and attaches them to the
    helpdesk ticket, drawn again from the database to the same bytes."""
    _case, issued = _issue(desk, line, engine, clock)
    other_pc = IntakeDesk(engine=engine, catalog=desk.catalog, calendar=desk.calendar,
                          clock=clock, receipts_dir=tmp_path / "pc-2",
                          render=receipts.render_receipt,
                          read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    assert other_pc.station != desk.station

    report = other_pc.repair_receipts()
    if engine.dialect.name == "sqlite":
        # One PC per SQLite store: restored into another folder, it draws every receipt again.
        assert [fixed.number for fixed in report.repaired] == [issued.number]
    else:
        assert report.checked == 0 and not report.repaired
        assert not (tmp_path / "pc-2" / "2026").exists()
        assert desk.repair_receipts().checked == 1  # the first PC still checks its own

    copy = other_pc.reprint(P, issued.number)
    assert copy.path.is_relative_to(tmp_path / "pc-2") and copy.path.is_file()
    with write_session(engine) as session:
        ticket_number = session.exec(select(DeskTicketRow.number)).one()
        for vendor in session.exec(select(VendorRow)):  # osTicket needs the vendor's email
            vendor.email = "penyedia@contoh.co.id"
            session.add(vendor)
    body = other_pc.export_ticket(ticket_number)
    ((name, data),) = body["attachments"][0].items()
    assert name == NAME
    attached = base64.b64decode(data.split(",", 1)[1])
    assert attached == issued.path.read_bytes()


def test_receipts_are_found_by_number_or_vendor_name_on_any_day(desk, line, engine, clock):
    """``find_receipts``: any day, newest first, by a part of the number or of the vendor's
    name in any case; fewer than three characters are refused."""
    from lpse_desk.domain.errors import ValidationError

    _case, first = _issue(desk, line, engine, clock, serial=301)
    clock.advance(timedelta(days=1))
    _case, second = _issue(desk, line, engine, clock, serial=302, loket=2)
    by_number = desk.find_receipts(first.number[-5:])
    assert [found.number for found in by_number] == [first.number]
    # As said at the counter ("2026/1") or read off the file's name: the year and the number.
    year, seq = first.number.split("/")[1], int(first.number.split("/")[2])
    for said in (f"{year}/{seq}", f"{year}-{seq:06d}", f"tt-lpse-{year}-{seq}"):
        assert [found.number for found in desk.find_receipts(said)] == [first.number], said
    vendor = desk.receipts(clock.now().date())[0].vendor_name
    named = desk.find_receipts(vendor.split()[-1].lower())
    assert [found.number for found in named][0] == second.number  # newest first
    assert {found.vendor_name for found in named} == {vendor}
    assert desk.find_receipts("tidak ada penyedia ini") == []
    assert desk.find_receipts("100%_") == []  # LIKE's wildcards are text here
    with pytest.raises(ValidationError, match="paling sedikit 3"):
        desk.find_receipts(" a ")
