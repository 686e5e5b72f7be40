"""Rendering a tanda terima to PDF.

A realistic REG receipt (PT, director present, four checklist lines, company NPWP, QR code)
is signed once and rendered ``--runs`` times on each paper; the first render of the process
(imports, font loading) is reported apart. Each run renders a different receipt number, so
nothing the renderer might cache from the previous run helps it.

Target: median at most 40 ms per receipt on A5.

    .venv/bin/python benchmarks/receipt_render.py [--runs 50]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from datetime import date, datetime

from lpse_desk.domain.clock import WIB
from lpse_desk.domain.office import Office
from lpse_desk.domain.receipt import ReceiptData, ReceiptDocument, sign_receipt

TARGET_MS = 40.0
SECRET = b"benchmark-secret-of-the-loket-01"


def _document(requirement_id: str, name: str, *, asked: bool, brought: bool) -> ReceiptDocument:
    return ReceiptDocument(
        requirement_id=requirement_id,
        name=name,
        mandatory=asked,
        original_required=asked,
        original_shown=brought,
        copy_required=asked,
        copy_received=brought and asked,
        expiry_date=date(2027, 5, 12) if requirement_id == "ktp_direksi" else None,
    )


OFFICE = Office()
"""The unit's particulars a layout-4 receipt prints (the defaults)."""


def reg_receipt(sequence: int) -> ReceiptData:
    """A REG tanda terima as the intake screen would issue it."""
    issued = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    return ReceiptData(
        number=f"TT-LPSE/2026/{sequence:06d}",
        kind="tanda_terima",
        issued_at=issued,
        loket=2,
        officer_name="Siti Rahmawati",
        service_code="REG",
        service_name="Registrasi Offline dan Verifikasi Berkas",
        procedure="tatap_muka",
        vendor_name="PT Sinar Pakuan Konstruksi Sejahtera",
        vendor_legal_form="PT",
        npwp="0013121660091000",
        nib="9120001234567",
        spse_user_id="sinarpakuan",
        bearer_name="Andi Wijaya",
        bearer_is_director=True,
        director_nik="3271011708450001",
        queue_ticket="A-003",
        helpdesk_request_no="#482913",
        desk_ticket_no=f"TKT-LPSE/2026/{sequence:06d}",
        documents=(
            _document(
                "ktp_direksi",
                "KTP/KITAS/KITAP Direksi/Pejabat/Pimpinan Perusahaan",
                asked=True,
                brought=True,
            ),
            _document("npwp_perusahaan", "NPWP Perusahaan", asked=True, brought=True),
            _document(
                "izin_usaha",
                "Izin usaha sesuai bidang (NIB/SBU dan sebagainya)",
                asked=False,
                brought=True,
            ),
            _document(
                "akta_perusahaan",
                "Akta perusahaan (pendirian dan perubahan terakhir)",
                asked=False,
                brought=False,
            ),
        ),
        next_step=(
            "Berkas lengkap dan diteruskan ke verifikator. Hasilnya disampaikan melalui "
            "helpdesk LPSE Kota Bogor. Simpan tanda terima ini."
        ),
        due_at=datetime(2026, 6, 11, 9, 30, tzinfo=WIB),
        copy=False,
        office_address=OFFICE.address,
        office_phone="(0251) 000000",
        office_hours=OFFICE.hours_text,
        office_complaints=OFFICE.complaints,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    start = time.perf_counter()
    from lpse_desk.receipts.render import render_receipt

    first = reg_receipt(1)
    pdf = render_receipt(first, signed=sign_receipt(first, SECRET))
    print(
        f"first render (imports + fonts): {(time.perf_counter() - start) * 1000:.0f} ms, "
        f"{len(pdf) / 1024:.0f} KB"
    )
    medians = {}
    for paper in ("A5", "80mm"):
        receipts = [reg_receipt(sequence) for sequence in range(2, args.runs + 2)]
        signed = [sign_receipt(data, SECRET) for data in receipts]
        times = []
        for data, summary in zip(receipts, signed, strict=True):
            began = time.perf_counter()
            render_receipt(data, signed=summary, paper=paper)
            times.append((time.perf_counter() - began) * 1000)
        medians[paper] = statistics.median(times)
        print(
            f"{paper:>4}: median {medians[paper]:.1f} ms, min {min(times):.1f} ms, "
            f"max {max(times):.1f} ms over {args.runs} receipts"
        )
    copy = replace(reg_receipt(2), copy=True)
    began = time.perf_counter()
    render_receipt(copy, signed=sign_receipt(copy, SECRET))
    print(f"a SALINAN reprint: {(time.perf_counter() - began) * 1000:.1f} ms")
    verdict = "OK" if medians["A5"] <= TARGET_MS else "ABOVE TARGET"
    print(f"A5 median {medians['A5']:.1f} ms (target ≤ {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
