"""The note the desk shows after its startup check of this week's receipt files."""

from __future__ import annotations

import os

from lpse_desk import receipts
from lpse_desk.config import load_settings
from lpse_desk.demo import company_npwp
from lpse_desk.domain.clock import SystemClock
from lpse_desk.domain.vendors import VendorDraft
from lpse_desk.store.services.desk import DeskStore
from lpse_desk.tui.screens.start import _repair_receipts
from tests.store.actors import counter_officer


def test_the_startup_note_says_what_was_put_right_and_what_was_left(migrated_home):
    store = DeskStore.open(load_settings(), SystemClock(), render=receipts.render_receipt,
                           read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    try:
        vendor, _ = store.vendors.create(counter_officer(store.engine), VendorDraft(
            legal_form="PT", name="PT Tirta Sadane", npwp=company_npwp(778),
            spse_user_id="tirtasadane2", director_name="Robert"))  # fmt: skip
        case = store.intake.start(counter_officer(store.engine), service_code="UID", vendor_id=vendor.id,
                                  vendor_type="PT", helpdesk_request_no="HD-2")  # fmt: skip
        for line in store.intake.lines(case.id):
            if line.requirement.mandatory:
                store.intake.tick(counter_officer(store.engine), case.id, line.requirement.id, original_shown=False,
                                  copy_received=True)  # fmt: skip
        issued = store.intake.finish(counter_officer(store.engine), case.id, loket=1)
        assert _repair_receipts(store) == ""
        issued.path.write_bytes(b"%PDF-1.4 terpotong")
        temp = issued.path.with_name(f".{issued.path.name}.abcd1234")
        temp.write_bytes(b"%PDF-1.4 setengah")
        os.utime(temp, (0, 0))
        (issued.path.parent / "TT-LPSE-2026-999999.pdf").write_bytes(b"%PDF-1.4 entah")
        note = _repair_receipts(store)
    finally:
        store.close()
    assert note == (
        f"1 berkas tanda terima dibuat ulang: {issued.number}. "
        "1 berkas yang berubah disisihkan (tidak dihapus). "
        "1 sisa penulisan yang terputus dihapus. "
        "1 PDF di folder tanda terima tidak tercatat (dibiarkan; lihat 'lpse-desk receipt repair')"
    )
