"""Intake through ``IntakeDesk`` on a real SQLite file: cases, checklists, tickets, KONS/LAT."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from lpse_desk import paths, receipts
from lpse_desk.catalog import load_catalog
from lpse_desk.demo import company_npwp
from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.intake import DIGITAL_COPY_NOTE
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.vendors import VendorDraft, validate_vendor
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.files import write_atomically
from lpse_desk.store.queries import events, vendors
from lpse_desk.store.services.intake import IntakeDesk
from lpse_desk.store.services.queue import QueueDesk
from lpse_desk.store.tables.cases import CaseRow, DeskTicketRow
from tests.store.actors import KIOS, P, seed


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
    return IntakeDesk(
        engine=engine,
        catalog=catalog,
        calendar=calendar,
        clock=clock,
        receipts_dir=tmp_path / "receipts",
        render=receipts.render_receipt,
        read_pdf=receipts.signed_summary_of_pdf,
    )


@pytest.fixture
def line(engine, catalog, calendar, clock):
    return QueueDesk(
        engine=engine, catalog=catalog, calendar=calendar, clock=clock, policy=QueuePolicy()
    )


def _vendor(engine, clock, *, user_id="sinarpakuan", serial=101, form="PT"):
    draft = VendorDraft(
        legal_form=form,
        name=f"{form} Sinar Pakuan {serial}",
        npwp=company_npwp(serial),
        spse_user_id=user_id or "",
        director_name="Hendra Gunawan",
    )
    with write_session(engine) as session:
        return vendors.create(
            session=session,
            vendor=validate_vendor(draft, today=clock.now().date()),
            actor="uji",
            now=clock.now(),
        )


def _served_visit(line, code="REG"):
    visit = line.take(KIOS, code)
    line.open_loket(P, 1)
    line.call_next(P, 1)
    return line.start(P, visit.id)


def test_a_visit_opens_a_case_with_the_catalog_checklist_and_a_desk_ticket(
    desk, line, engine, clock, catalog
):
    vendor = _vendor(engine, clock)
    visit = _served_visit(line)
    case = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    assert (case.status, case.procedure, case.visit_id) == (
        CaseStatus.INTAKE,
        "tatap_muka",
        visit.id,
    )
    lines = desk.lines(case.id)
    expected = [r.id for r in catalog.service("REG").requirements if "PT" in r.vendor_types]
    assert {x.requirement.id for x in lines} <= set(expected)
    assert lines and not any(x.check.original_shown or x.check.copy_received for x in lines)
    assert desk.still_missing(case.id) == [x for x in lines if x.requirement.mandatory]
    # The same visit reopens the same case (after a hold, for example).
    again = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                       visit_id=visit.id)  # fmt: skip
    assert again.id == case.id
    with read_session(engine) as session:
        tickets = [(t.number, t.subject) for t in session.exec(select(DeskTicketRow)).all()]
    assert [number for number, _ in tickets] == ["TKT-LPSE/2026/000001"]
    assert tickets[0][1].startswith("[REG] ")


def test_desk_ticket_numbers_run_on_per_year(desk, engine, clock):
    numbers = []
    for serial in (201, 202, 203):
        vendor = _vendor(engine, clock, serial=serial, user_id=f"sinar{serial}")
        case = desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                          helpdesk_request_no=f"HD-{serial}")  # fmt: skip
        with read_session(engine) as session:
            numbers.append(
                session.exec(
                    select(DeskTicketRow.number).where(DeskTicketRow.case_id == case.id)
                ).one()
            )
    assert numbers == [f"TKT-LPSE/2026/00000{n}" for n in (1, 2, 3)]


def test_reg_needs_the_spse_user_id_first(desk, line, engine, clock):
    vendor = _vendor(engine, clock, user_id=None)
    visit = _served_visit(line)
    with pytest.raises(Conflict, match="belum punya user ID SPSE"):
        desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                   visit_id=visit.id)  # fmt: skip
    with read_session(engine) as session:
        assert session.exec(select(CaseRow)).all() == []


def test_daring_needs_a_helpdesk_request_and_counts_uploaded_copies(desk, engine, clock):
    vendor = _vendor(engine, clock)
    with pytest.raises(ValidationError, match="nomor permohonan helpdesk"):
        desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT")
    case = desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT",
                      helpdesk_request_no=" HD-2026-0042 ")  # fmt: skip
    assert case.procedure == "daring"
    lines = desk.lines(case.id)
    copies = [x for x in lines if x.requirement.copy_kept]
    assert copies and all(x.check.copy_received for x in copies)
    assert all(x.check.note == DIGITAL_COPY_NOTE for x in copies)
    assert not any(x.check.original_shown for x in lines)  # originals come on the video call


def test_bearer_not_the_director_adds_the_surat_kuasa(desk, line, engine, clock):
    vendor = _vendor(engine, clock)
    plain = desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT",
                       helpdesk_request_no="HD-1")  # fmt: skip
    visit = _served_visit(line, "UBAH")
    with pytest.raises(ValidationError, match="nama pembawa"):
        desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT",
                   visit_id=visit.id, bearer_is_director=False)  # fmt: skip
    by_proxy = desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT",
                          visit_id=visit.id, bearer_is_director=False,
                          bearer_name="Rina Kurnia")  # fmt: skip
    assert by_proxy.bearer_name == "Rina Kurnia"
    plain_ids = {x.requirement.id for x in desk.lines(plain.id)}
    proxy_ids = {x.requirement.id for x in desk.lines(by_proxy.id)}
    extra = proxy_ids - plain_ids
    assert extra and all("kuasa" in r.lower() for r in extra)
    # Daring: a request made by a proxy asks for the Surat Kuasa too, but nobody stood at
    # the counter, so no bearer is named.
    online = desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT",
                        helpdesk_request_no="HD-3", bearer_is_director=False)  # fmt: skip
    assert online.bearer_name is None
    assert {x.requirement.id for x in desk.lines(online.id)} == proxy_ids


def test_ticking_records_and_the_missing_list_shrinks(desk, line, engine, clock):
    vendor = _vendor(engine, clock)
    visit = _served_visit(line)
    case = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    before = desk.still_missing(case.id)
    assert desk.tick_all_originals(P, case.id) == sum(
        1 for x in desk.lines(case.id) if x.requirement.original_required
    )
    first = before[0]
    ticked = desk.tick(P, case.id, first.requirement.id, original_shown=True,
                       copy_received=True, note="  meterai   lengkap ")  # fmt: skip
    assert ticked.check.note == "meterai lengkap"
    assert ticked.complete
    assert len(desk.still_missing(case.id)) < len(before)


def test_an_expired_document_or_a_long_note_is_refused_and_nothing_changes(
    desk, line, engine, clock
):
    vendor = _vendor(engine, clock)
    visit = _served_visit(line)
    case = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    item = desk.lines(case.id)[0].requirement.id
    yesterday = (clock.now() - timedelta(days=1)).date().isoformat()
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        desk.tick(P, case.id, item, original_shown=True, copy_received=True, expiry=yesterday)
    with pytest.raises(ValidationError, match="300 karakter"):
        desk.tick(P, case.id, item, original_shown=True, copy_received=True, note="x" * 301)
    assert not desk.lines(case.id)[0].check.original_shown


def test_a_consultation_is_recorded_and_closed(desk, engine, clock):
    case = desk.record_consultation(P, vendor_id=None, visit_id=None,
                                    topic="Cara unggah dokumen penawaran",
                                    advice="Gunakan Apendo terbaru", minutes=12)  # fmt: skip
    assert case.status is CaseStatus.CLOSED
    with read_session(engine) as session:
        row = session.get(CaseRow, case.id)
        assert (row.topic, row.advice, row.duration_minutes) == (
            "Cara unggah dokumen penawaran",
            "Gunakan Apendo terbaru",
            12,
        )
    with pytest.raises(ValidationError, match="Topik"):
        desk.record_consultation(P, vendor_id=None, visit_id=None, topic=" ", advice="x",
                                 minutes=5)  # fmt: skip


def test_training_requests_meet_the_closed_message(desk):
    with pytest.raises(Conflict, match="LAT sedang ditutup"):
        desk.record_training_request(P, vendor_id=None, visit_id=None, request="Pelatihan SPSE")


def test_sikap_assistance_is_recorded_with_what_was_filled(desk, engine, clock):
    vendor = _vendor(engine, clock)
    case = desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                      helpdesk_request_no="HD-9")  # fmt: skip
    with pytest.raises(ValidationError):
        desk.record_sikap(P, case.id, "   ")
    desk.record_sikap(P, case.id, "Data izin usaha dan pengurus diisi")
    with read_session(engine) as session:
        row = session.get(CaseRow, case.id)
        assert (row.sikap_given, row.sikap_note) == (True, "Data izin usaha dan pengurus diisi")
        log = events.history(session=session, entity="case", entity_id=case.id)
    assert log[-1].action == "pendampingan_sikap"


def test_hold_for_documents_parks_the_visit_and_keeps_the_case(desk, line, engine, clock):
    vendor = _vendor(engine, clock)
    visit = _served_visit(line)
    case = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    desk.hold_for_documents(P, case.id, "Membeli/menempel meterai")
    held = next(v for v in line.visits() if v.id == visit.id)
    assert held.status.value == "ditahan"
    assert desk.open_case_of_visit(visit.id).id == case.id


def test_a_held_visit_moved_to_another_service_starts_that_services_checklist(
    desk, line, engine, clock
):
    # A REG checklist was started, the visit held, then moved to UBAH (the vendor needs a
    # change, not a registration): the intake must not go on with the REG checklist, whose
    # receipt would print REG for an UBAH visit.
    vendor = _vendor(engine, clock)
    visit = _served_visit(line)
    reg = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                     visit_id=visit.id)  # fmt: skip
    desk.hold_for_documents(P, reg.id, "Membeli/menempel meterai")
    line.transfer(P, visit.id, "UBAH")
    assert desk.open_case_of_visit(visit.id) is None  # the intake starts afresh, for UBAH
    # The REG checklist still open on a screen (another PC's, say) goes no further.
    item = desk.lines(reg.id)[0].requirement.id
    with pytest.raises(Conflict, match="sudah dialihkan ke UBAH: daftar periksa REG"):
        desk.tick(P, reg.id, item, original_shown=True, copy_received=True)
    with pytest.raises(Conflict, match="sudah dialihkan ke UBAH"):
        desk.issue_slip(P, reg.id, loket=1)
    with pytest.raises(Conflict, match="sudah dialihkan ke UBAH"):
        desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                   visit_id=visit.id)  # fmt: skip
    ubah = desk.start(P, service_code="UBAH", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    assert (ubah.id != reg.id, ubah.service_code) == (True, "UBAH")
    assert desk.open_case_of_visit(visit.id).id == ubah.id
    line.transfer(P, visit.id, "REG")  # back again: the REG checklist is found again
    assert desk.open_case_of_visit(visit.id).id == reg.id


def test_files_are_written_whole_or_not_at_all(tmp_path):
    target = tmp_path / "2026" / "06" / "a.pdf"
    write_atomically(target, b"%PDF-1.4 satu")
    write_atomically(target, b"%PDF-1.4 dua")
    assert target.read_bytes() == b"%PDF-1.4 dua"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]  # no temporary left

    with pytest.raises(TypeError):
        write_atomically(target, None)  # type: ignore[arg-type]
    assert target.read_bytes() == b"%PDF-1.4 dua"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_the_history_names_the_document_ticked_and_what_was_seen(desk, line, engine, clock):
    """The case history and the audit read "ktp_direktur", "pengesahan_kemenkumham": the
    catalog's keys, not the documents an auditor knows."""
    vendor = _vendor(engine, clock)
    visit = _served_visit(line)
    case = desk.start(P, service_code="REG", vendor_id=vendor.id, vendor_type="PT",
                      visit_id=visit.id)  # fmt: skip
    first = desk.lines(case.id)[0].requirement
    desk.tick(P, case.id, first.id, original_shown=True, copy_received=False)
    with read_session(engine) as session:
        (event,) = [e for e in events.history(session=session, entity="case",
                                              entity_id=case.id)
                    if e.action == "dokumen_dicatat"]  # fmt: skip
    assert event.reason == f"{first.name} (asli: ada, salinan: tidak)"
    assert first.id not in event.reason


def test_a_helpdesk_request_is_one_case_resumed_not_opened_twice(desk, engine, clock):
    """Leaving a daring intake and typing the same request again opened a second case (#20
    beside #19, both HD-2026-0100), the first left in intake forever."""
    vendor = _vendor(engine, clock, user_id="sinarhd")
    first = desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                       helpdesk_request_no="HD-2026-0100")  # fmt: skip
    again = desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                       helpdesk_request_no=" hd-2026-0100 ")  # fmt: skip
    assert again.id == first.id  # the same checklist, resumed
    with pytest.raises(Conflict, match="sudah dibuka sebagai kasus UID .* oleh direktur/pemilik"):
        desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                   helpdesk_request_no="HD-2026-0100", bearer_is_director=False)  # fmt: skip
    other = _vendor(engine, clock, serial=102, user_id="lainhd")
    with pytest.raises(ValidationError, match=f"HD-2026-0100 sudah dipakai kasus UID #{first.id}"):
        desk.start(P, service_code="UID", vendor_id=other.id, vendor_type="PT",
                   helpdesk_request_no="HD-2026-0100")  # fmt: skip
    with write_session(engine) as session:  # handed to the verifiers meanwhile
        session.get(CaseRow, first.id).status = CaseStatus.AWAITING_REVIEW.value
    with pytest.raises(ValidationError, match=f"sudah tercatat sebagai kasus UID #{first.id} "
                                              r"\(menunggu verifikasi\)"):  # fmt: skip
        desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                   helpdesk_request_no="HD-2026-0100")  # fmt: skip
    with write_session(engine) as session:  # a slip closed it: the missing files come later
        session.get(CaseRow, first.id).status = CaseStatus.INCOMPLETE.value
    later = desk.start(P, service_code="UID", vendor_id=vendor.id, vendor_type="PT",
                       helpdesk_request_no="HD-2026-0100")  # fmt: skip
    assert later.id != first.id
    with read_session(engine) as session:
        assert len(session.exec(select(CaseRow)).all()) == 2
