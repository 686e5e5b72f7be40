"""``lpse-desk ticket list|show|sent``: the desk tickets as an outbox for the helpdesk."""

from __future__ import annotations

import base64
import json

import pytest
from typer.testing import CliRunner

from lpse_desk import receipts
from lpse_desk.cli.main import app
from lpse_desk.config import load_settings
from lpse_desk.demo import company_npwp
from lpse_desk.domain.clock import SystemClock
from lpse_desk.domain.vendors import VendorDraft
from lpse_desk.store.services.desk import DeskStore
from tests.store.actors import P, seed

runner = CliRunner()


def lpse(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def tickets(migrated_home):
    """Two daring cases: one finished with its receipt, one still in intake."""
    store = DeskStore.open(load_settings(), SystemClock(), render=receipts.render_receipt,
                           read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    try:
        seed(store.engine)
        vendor, _ = store.vendors.create(P, VendorDraft(
            legal_form="PT", name="PT Tirta Sadane", npwp=company_npwp(777), email="a@tirta.co.id",
            spse_user_id="tirtasadane", director_name="Robert"))  # fmt: skip
        done = store.intake.start(P, service_code="UID", vendor_id=vendor.id,
                                  vendor_type="PT", helpdesk_request_no="HD-1")  # fmt: skip
        for line in store.intake.lines(done.id):
            if line.requirement.mandatory:
                store.intake.tick(P, done.id, line.requirement.id, original_shown=False,
                                  copy_received=True)  # fmt: skip
        issued = store.intake.finish(P, done.id, loket=1)
        open_case = store.intake.start(P, service_code="UBAH", vendor_id=vendor.id,
                                       vendor_type="PT", helpdesk_request_no="HD-2")  # fmt: skip
        numbers = [t.number for t in store.intake.tickets()]
        return issued, numbers, open_case
    finally:
        store.close()


def test_the_outbox_lists_every_ticket_and_what_is_ready(tickets):
    issued, (ready, in_intake), _ = tickets
    result = lpse("ticket", "list")
    assert result.exit_code == 0
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(f[0], f[2], f[3]) for f in lines] == [
        (ready, "PT Tirta Sadane", "siap dikirim"),
        (in_intake, "PT Tirta Sadane", "masih penerimaan"),
    ]
    shown = lpse("ticket", "show", ready.lower())
    assert shown.exit_code == 0
    assert f"Tiket: {ready}" in shown.stdout and issued.number in shown.stdout
    assert f"Lampiran: {issued.path}" in shown.stdout


def test_the_json_export_is_an_osticket_body_with_the_receipt_inlined(tickets, tmp_path):
    issued, (ready, in_intake), _ = tickets
    out = tmp_path / "tiket.json"
    wrong = lpse("ticket", "show", ready, "--json", "--out", str(tmp_path / "tiket.pdf"))
    assert wrong.exit_code == 1 and "isinya JSON" in wrong.stderr  # JSON in a .pdf, before
    assert not (tmp_path / "tiket.pdf").exists()
    assert lpse("ticket", "show", ready, "--json", "--out", str(out)).exit_code == 0
    body = json.loads(out.read_text(encoding="utf-8"))
    assert {"name", "email", "subject", "message"} <= set(body)
    assert body["email"] == "a@tirta.co.id"
    assert issued.number in body["message"]
    ((name, data),) = body["attachments"][0].items()
    assert name == issued.path.name
    assert base64.b64decode(data.split(",", 1)[1]) == issued.path.read_bytes()
    half = lpse("ticket", "show", in_intake, "--json")
    assert half.exit_code == 1 and "belum berisi pesan" in half.stderr


def test_a_ticket_is_marked_sent_once_and_leaves_the_unsent_list(tickets):
    _, (ready, in_intake), _ = tickets
    assert lpse("ticket", "sent", in_intake).exit_code == 1  # nothing to send yet
    marked = lpse("ticket", "sent", ready, "--ref", "  OST-123456 ")
    assert marked.exit_code == 0 and "tercatat terkirim" in marked.stdout
    again = lpse("ticket", "sent", ready)
    assert again.exit_code == 1 and "sudah tercatat terkirim" in again.stderr
    listed = lpse("ticket", "list").stdout
    assert "(OST-123456)" in listed
    unsent = lpse("ticket", "list", "--belum-terkirim").stdout
    assert ready not in unsent and in_intake in unsent
    unknown = lpse("ticket", "show", "TKT-LPSE/2026/999999")
    assert unknown.exit_code == 1 and "tidak ditemukan" in unknown.stderr
    too_long = lpse("ticket", "sent", in_intake, "--ref", "x" * 101)
    assert too_long.exit_code == 1 and "paling banyak 100 karakter" in too_long.stderr


@pytest.fixture
def emailless(migrated_home):
    """A finished daring case whose vendor left the email empty."""
    store = DeskStore.open(load_settings(), SystemClock(), render=receipts.render_receipt,
                           read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    try:
        seed(store.engine)
        vendor, _ = store.vendors.create(P, VendorDraft(
            legal_form="CV", name="CV Tanpa Surel", npwp=company_npwp(778),
            spse_user_id="tanpasurel", director_name="Sari"))  # fmt: skip
        case = store.intake.start(P, service_code="UID", vendor_id=vendor.id,
                                  vendor_type="CV", helpdesk_request_no="HD-3")  # fmt: skip
        for line in store.intake.lines(case.id):
            if line.requirement.mandatory:
                store.intake.tick(P, case.id, line.requirement.id, original_shown=False,
                                  copy_received=True)  # fmt: skip
        store.intake.finish(P, case.id, loket=1)
        (ticket,) = store.intake.tickets()
        return ticket.number
    finally:
        store.close()


def test_a_ticket_without_the_vendors_email_is_never_ready_and_is_not_exported(emailless, tmp_path):
    listed = lpse("ticket", "list").stdout.split("\t")
    assert listed[2:4] == ["CV Tanpa Surel", "tidak dapat dikirim: email penyedia kosong"]
    assert "siap dikirim" not in lpse("ticket", "list", "--belum-terkirim").stdout
    shown = lpse("ticket", "show", emailless)
    assert shown.exit_code == 0
    assert "Status: tidak dapat dikirim: email penyedia kosong" in shown.stdout
    out = tmp_path / "tiket.json"
    refused = lpse("ticket", "show", emailless, "--json", "--out", str(out))
    assert refused.exit_code == 1
    assert "tidak dapat dikirim: email penyedia kosong" in refused.stderr
    assert "Isi email penyedia yang kosong" in refused.stderr
    assert "ekspor lagi. Di desk:" in refused.stderr  # the step hint after a full stop
    assert not out.exists()
    # It cannot have reached osTicket: "sent" is refused and the list still says why.
    sent = lpse("ticket", "sent", emailless)
    assert sent.exit_code == 1
    assert "tidak tercatat terkirim" in sent.stderr and "Traceback" not in sent.output
    listed = lpse("ticket", "list").stdout.split("\t")
    assert listed[3] == "tidak dapat dikirim: email penyedia kosong"


def test_an_export_on_a_full_disk_is_answered_and_leaves_no_temp_file(
    tickets, tmp_path, monkeypatch
):
    import errno
    import os

    _, (ready, _in_intake), _ = tickets
    out = tmp_path / "keluar" / "tiket.json"
    out.parent.mkdir()

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(os, "replace", disk_full)
    refused = lpse("ticket", "show", ready, "--json", "--out", str(out))
    assert refused.exit_code == 1
    assert f"Galat: --simpan: Disk penuh ({out})" in refused.stderr
    assert "No space" not in refused.stderr
    assert list(out.parent.iterdir()) == []
