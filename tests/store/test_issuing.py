"""Receipts end to end on a real store and real PDFs: numbering, handoff, slip, reprint, verify."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from lpse_desk import paths, receipts
from lpse_desk.catalog import load_catalog
from lpse_desk.demo import company_npwp
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus, VisitStatus
from lpse_desk.domain.errors import Conflict, NotFound
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.receipt import SignatureError
from lpse_desk.domain.vendors import VendorDraft, validate_vendor
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import vendors
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow, ReceiptRow
from tests.store.actors import KIOS, RATNA, P, seed


@pytest.fixture(autouse=True)
def _actors(engine, clock):
    """The staff accounts the tests act as (the desk checks each one's role)."""
    seed(engine, clock)


@pytest.fixture
def catalog(desk_home):
    return load_catalog()


@pytest.fixture
def calendar(desk_home):
    return WorkingCalendar.from_file(paths.calendar_file())


@pytest.fixture
def desk(engine, catalog, calendar, clock, tmp_path):
    return IntakeDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                      receipts_dir=tmp_path / "receipts", render=receipts.render_receipt,
                      read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip


@pytest.fixture
def line(engine, catalog, calendar, clock):
    return QueueDesk(engine=engine, catalog=catalog, calendar=calendar, clock=clock,
                     policy=QueuePolicy())  # fmt: skip


def _vendor(
    engine, clock, serial=301, name="PT Cahaya Surya Kencana", director="Zoë Łukasiewicz-Nguyễn"
):
    draft = VendorDraft(legal_form="PT", name=name, npwp=company_npwp(serial),
                        spse_user_id=f"cahayasurya{serial}", director_name=director,
                        director_nik="3271015512820001")  # fmt: skip
    with write_session(engine) as session:
        return vendors.create(session=session, vendor=validate_vendor(draft, today=clock.now().date()),
                              actor="uji", now=clock.now())  # fmt: skip


def _started(desk, line, engine, clock, serial=301, loket=1):
    vendor = _vendor(engine, clock, serial=serial, name=f"PT Cahaya Surya {serial}")
    visit = line.take(KIOS, "REG")
    line.open_loket(P, loket)
    line.call(P, loket, visit.id)
    line.start(P, visit.id)
    case = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    return case, visit


def _complete(desk, case):
    for item in desk.lines(case.id):
        if item.requirement.mandatory:
            desk.tick(P, case.id, item.requirement.id, original_shown=True,
                      copy_received=True)  # fmt: skip


def _text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_a_complete_file_gets_a_receipt_the_verifiers_get_the_case(desk, line, engine, clock):
    case, visit = _started(desk, line, engine, clock)
    with pytest.raises(Conflict, match="Berkas belum lengkap"):
        desk.finish(P, case.id, loket=1)
    _complete(desk, case)
    issued = desk.finish(P, case.id, loket=1)
    assert issued.number == "TT-LPSE/2026/000001"
    assert issued.path.name == "TT-LPSE-2026-000001.pdf"
    assert issued.path.parent.parts[-2:] == ("2026", "06")
    assert issued.due_at == clock.now() + timedelta(days=1)  # Wed 09:30 → Thu 09:30
    text = _text(issued.path)
    for item in desk.lines(case.id):
        if item.requirement.mandatory:
            assert item.requirement.name.split()[0] in text
    assert "TT-LPSE/2026/000001" in text
    with read_session(engine) as session:
        row = session.get(CaseRow, case.id)
        receipt = session.exec(select(ReceiptRow)).one()
        ticket = session.exec(select(DeskTicketRow)).one()
        assert (row.status, row.due_at) == (CaseStatus.AWAITING_REVIEW.value, issued.due_at)
        # Relative to this PC's receipts folder, and marked as this PC's (a shared store).
        assert desk.receipts_dir / receipt.file_path == issued.path
        assert not Path(receipt.file_path).is_absolute()
        assert receipt.station == desk.station
        assert (desk.receipts_dir / ".pc").read_text().strip() == desk.station
        assert ticket.number in text
        assert "TT-LPSE/2026/000001" in ticket.message
        assert receipt.file_path in ticket.attachments
    done = next(v for v in line.visits() if v.id == visit.id)
    assert (done.status, done.outcome) == (VisitStatus.DONE, "diterima")


def test_numbers_run_on_and_an_incomplete_file_gets_a_slip_of_what_is_missing(
    desk, line, engine, clock
):
    first, _ = _started(desk, line, engine, clock, serial=311)
    _complete(desk, first)
    desk.finish(P, first.id, loket=1)
    second, visit = _started(desk, line, engine, clock, serial=312, loket=2)
    with pytest.raises(Conflict, match="sudah lengkap"):
        _complete(desk, second) or desk.issue_slip(P, second.id, loket=1)
    third, visit = _started(desk, line, engine, clock, serial=313, loket=3)
    lacking = [x.requirement for x in desk.still_missing(third.id)]
    slip = desk.issue_slip(P, third.id, loket=1)
    assert slip.number == "TT-LPSE/2026/000002"  # the refused attempt used no number
    text = _text(slip.path)
    assert "BELUM LENGKAP" in text.upper()
    for requirement in lacking:
        assert requirement.name.split()[0] in text
    with read_session(engine) as session:
        assert session.get(CaseRow, third.id).status == CaseStatus.INCOMPLETE.value


def test_the_same_receipt_renders_to_the_same_bytes_and_reprints_are_copies(
    desk, line, engine, clock, tmp_path
):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    issued = desk.finish(P, case.id, loket=1)
    first = desk.reprint(RATNA, issued.number, out=tmp_path / "a.pdf")
    assert first.copy and first.path.read_bytes().startswith(b"%PDF")
    second = desk.reprint(RATNA, issued.number.lower(), out=tmp_path / "b.pdf")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert "SALINAN" in _text(second.path)
    assert desk.receipts()[0].copies == 2
    with pytest.raises(NotFound):
        desk.reprint(RATNA, "TT-LPSE/2026/999999")


def test_verify_accepts_the_desks_receipts_and_refuses_edits_and_strangers(
    desk, line, engine, clock, tmp_path
):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    issued = desk.finish(P, case.id, loket=1)
    pdf = issued.path.read_bytes()
    verified = desk.verify(pdf)
    assert (verified.number, verified.copy) == (issued.number, False)
    copy = desk.reprint(RATNA, issued.number, out=tmp_path / "copy.pdf")
    assert desk.verify(copy.path.read_bytes()).copy is True
    with pytest.raises(SignatureError, match="bukan tanda terima LPSE Desk"):
        desk.verify(b"%PDF-1.4 not ours")
    tampered = pdf.replace(b"LPSEDESK1.", b"LPSEDESK1.x", 1)
    with pytest.raises(SignatureError):
        desk.verify(tampered)


def test_the_sikap_assistance_and_the_case_note_are_printed_under_catatan(
    desk, line, engine, clock
):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    desk.record_sikap(P, case.id, "Data izin usaha dan pengurus diisi")
    issued = desk.finish(P, case.id, loket=1)
    text = " ".join(_text(issued.path).split())
    assert "Catatan" in text
    assert "Pendampingan SIKaP diberikan: Data izin usaha dan pengurus diisi" in text


def _killed_after_the_rename(url, receipts_dir, case_id, moment):
    """A desk process that dies (no cleanup, no commit) right after the PDF is renamed."""
    import os

    from lpse_desk.store.services import receipts as issuing

    original = issuing.write_atomically

    def write_then_die(path, data, **options):
        original(path, data, **options)
        os._exit(9)

    issuing.write_atomically = write_then_die
    from lpse_desk.domain.clock import FixedClock
    from lpse_desk.store.db import make_engine

    killed = IntakeDesk(engine=make_engine(url), catalog=load_catalog(),
                        calendar=WorkingCalendar.from_file(paths.calendar_file()),
                        clock=FixedClock(moment), receipts_dir=receipts_dir,
                        render=receipts.render_receipt)  # fmt: skip
    killed.finish(P, case_id, loket=1)


def test_a_desk_killed_between_the_file_and_the_commit_loses_no_number(
    desk, line, engine, clock, db_url
):
    import multiprocessing

    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    process = multiprocessing.get_context("fork").Process(
        target=_killed_after_the_rename, args=(db_url, desk.receipts_dir, case.id, clock.now())
    )
    process.start()
    process.join(timeout=60)
    assert process.exitcode == 9
    orphan = desk.receipts_dir / "2026" / "06" / "TT-LPSE-2026-000001.pdf"
    dead_bytes = orphan.read_bytes()  # the file was renamed into place …
    with read_session(engine) as session:  # … but nothing of the receipt was committed
        assert session.exec(select(ReceiptRow)).all() == []
        assert session.get(CaseRow, case.id).status == CaseStatus.INTAKE.value
    issued = desk.finish(P, case.id, loket=1)
    assert issued.number == "TT-LPSE/2026/000001"  # the number was not skipped
    assert issued.path == orphan
    # The same data at the same moment under the installation's key: the same bytes, so the
    # file is simply written again (a different file would be kept aside, test_receipt_files).
    assert issued.set_aside is None and orphan.read_bytes() == dead_bytes
    with read_session(engine) as session:
        recorded = session.exec(select(ReceiptRow.sha256)).one()
    assert hashlib.sha256(orphan.read_bytes()).hexdigest() == recorded
    assert desk.verify(orphan.read_bytes()).number == issued.number


def test_a_lost_receipt_file_is_written_again_exactly_from_its_stored_data(
    desk, line, engine, clock
):
    case, _ = _started(desk, line, engine, clock)
    _complete(desk, case)
    issued = desk.finish(P, case.id, loket=1)
    original = issued.path.read_bytes()
    assert desk.repair_receipts().all_fine
    issued.path.unlink()
    repaired = desk.repair_receipts().repaired
    assert [(r.number, r.reason, r.same_bytes) for r in repaired] == [
        (issued.number, "berkas hilang", True)
    ]
    assert issued.path.read_bytes() == original
    issued.path.write_bytes(original.replace(b"LPSEDESK1.", b"LPSEDESK1.x", 1))
    assert desk.repair_receipts(read_contents=False).all_fine  # same size: stat cannot tell
    altered = desk.repair_receipts().repaired
    assert [r.reason.split(" (")[0] for r in altered] == ["isi berkas berbeda dari yang tercatat"]
    assert issued.path.read_bytes() == original
    clock.advance(timedelta(days=8))
    issued.path.unlink()
    assert desk.repair_receipts().checked == 0  # older than a week: only a full check
    assert len(desk.repair_receipts(days=None).repaired) == 1


def test_the_ticket_of_an_incomplete_file_says_so_and_the_full_receipt_restores_it(
    desk, line, engine, clock
):
    case, _ = _started(desk, line, engine, clock, serial=321)
    lacking = [x.requirement.name for x in desk.still_missing(case.id)]
    slip = desk.issue_slip(P, case.id, loket=1)
    ticket = next(t for t in desk.tickets() if t.case_id == case.id)
    assert ticket.subject.startswith("[REG] BERKAS BELUM LENGKAP — ")
    first, second, *_ = ticket.message.splitlines()
    assert first.startswith("BERKAS BELUM LENGKAP: belum diproses")
    assert second == "Dokumen wajib yang kurang: " + "; ".join(lacking)
    assert f"Slip berkas belum lengkap: {slip.number}" in ticket.message
    assert "Tanda terima:" not in ticket.message

    complete, _ = _started(desk, line, engine, clock, serial=322, loket=2)
    _complete(desk, complete)
    issued = desk.finish(P, complete.id, loket=2)
    normal = next(t for t in desk.tickets() if t.case_id == complete.id)
    assert "BELUM LENGKAP" not in normal.subject + normal.message
    assert f"Tanda terima: {issued.number}" in normal.message


def test_the_stored_receipt_keeps_the_director_nik_only_as_printed(desk, line, engine, clock):
    case, _visit = _started(desk, line, engine, clock)
    _complete(desk, case)
    issued = desk.finish(P, case.id, loket=1)
    with read_session(engine) as session:
        payload = session.exec(select(ReceiptRow)).one().payload
    assert "3271015512820001" not in payload  # the vendor's full NIK stays in the vendor row
    assert "3271********0001" in payload and "3271********0001" in _text(issued.path)
    copy = desk.reprint(P, issued.number)  # drawn again from what was kept
    assert "3271********0001" in _text(copy.path) and "SALINAN" in _text(copy.path)


def test_the_receipt_names_the_officer_who_issues_it(desk, line, engine, clock):
    """A file started at one loket and finished at another (the vendor held, the next officer
    ticking the rest): the receipt printed "Loket 2 · <the first officer>", signing for a
    person who did not hand it over. It names whoever issues it; the case keeps who started."""
    case, _visit = _started(desk, line, engine, clock)
    _complete(desk, case)
    issued = desk.finish(RATNA, case.id, loket=2)
    text = _text(issued.path)
    assert "Ratna Kepala" in text and "Putri Loket" not in text
    with read_session(engine) as session:
        row = session.exec(select(ReceiptRow)).one()
        assert row.issued_by == RATNA.id and "Ratna Kepala" in row.payload
        assert session.get(CaseRow, case.id).intake_by == P.id
    copy = desk.reprint(P, issued.number)  # a copy made by another keeps the issuer
    assert "Ratna Kepala" in _text(copy.path)


def test_a_nik_or_phone_typed_in_a_note_is_printed_masked(desk, line, engine, clock):
    """Notes are free text: an officer wrote "NIK 3271011708450001" beside a document and the
    receipt (given to the bearer, filed, scanned) printed it whole."""
    case, _visit = _started(desk, line, engine, clock)
    _complete(desk, case)
    first = desk.lines(case.id)[0].requirement
    desk.tick(P, case.id, first.id, original_shown=True, copy_received=True,
              note="NIK 3271011708450001, berlaku s.d. 31/12/2027")  # fmt: skip
    with write_session(engine) as session:
        session.get(CaseRow, case.id).note = "Hubungi 081234567890 bila kurang"
    issued = desk.finish(P, case.id, loket=1)
    text = _text(issued.path)
    assert "3271011708450001" not in text and "081234567890" not in text
    assert "3271********0001" in text.replace("\n", "")
    assert "31/12/2027" in text  # dates are not numbers to hide
    with read_session(engine) as session:
        payload = session.exec(select(ReceiptRow)).one().payload
    assert "3271011708450001" not in payload and "081234567890" not in payload
