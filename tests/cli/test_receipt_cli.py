"""``lpse-desk receipt list|reprint|verify`` on receipts issued through the store."""

from __future__ import annotations

import pytest
from pypdf import PdfReader, PdfWriter
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
def issued(migrated_home):
    """One tanda terima issued today through the desk's own store calls."""
    store = DeskStore.open(load_settings(), SystemClock(), render=receipts.render_receipt,
                           read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    try:
        seed(store.engine)
        vendor, _ = store.vendors.create(P, VendorDraft(
            legal_form="PT", name="PT Tirta Sadane", npwp=company_npwp(777),
            spse_user_id="tirtasadane", director_name="Robert"))  # fmt: skip
        case = store.intake.start(P, service_code="UID", vendor_id=vendor.id,
                                  vendor_type="PT", helpdesk_request_no="HD-1")  # fmt: skip
        for line in store.intake.lines(case.id):
            if line.requirement.mandatory:
                store.intake.tick(P, case.id, line.requirement.id, original_shown=False,
                                  copy_received=True)  # fmt: skip
        return store.intake.finish(P, case.id, loket=1)
    finally:
        store.close()


def test_list_reprint_and_verify(issued, tmp_path):
    listed = lpse("receipt", "list")
    assert listed.exit_code == 0
    number, _time, vendor, service, kind = listed.stdout.strip().split("\t")
    assert (number, vendor, service, kind) == (issued.number, "PT Tirta Sadane", "UID",
                                               "tanda terima")  # fmt: skip
    ok = lpse("receipt", "verify", str(issued.path))
    assert ok.exit_code == 0
    assert ok.stdout.startswith(f"SAH: {issued.number} (tanda terima, asli), terbit ")
    copy = lpse("receipt", "reprint", issued.number, "--out", str(tmp_path / "c.pdf"))
    assert copy.exit_code == 0
    assert "Peringatan: Printer belum diatur" in copy.stderr  # not printed: said, not silent
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF")
    copied = lpse("receipt", "verify", str(tmp_path / "c.pdf"))
    assert copied.exit_code == 0
    assert copied.stdout.startswith(f"SAH: {issued.number} (tanda terima, SALINAN)")
    assert "1 salinan" in lpse("receipt", "list").stdout


def test_a_reprint_the_printer_did_not_take_says_so(issued, tmp_path, monkeypatch):
    from lpse_desk import paths

    (paths.data_dir() / "settings.toml").write_text('printer = "Loket1"\n', encoding="utf-8")
    monkeypatch.setenv("PATH", str(tmp_path))  # no CUPS lp here
    copy = lpse("receipt", "reprint", issued.number)
    assert copy.exit_code == 0  # the copy is made and recorded …
    assert copy.stdout.startswith(f"Salinan {issued.number}")
    assert "Peringatan: Perintah cetak 'lp' (CUPS) tidak ada" in copy.stderr  # … not printed
    # The log says what happened, a copy made, not that paper was printed.
    listed = lpse("audit", "list", "--aksi", "salinan")
    assert "Salinan tanda terima dibuat" in listed.stdout and "dicetak ulang" not in listed.stdout


def test_verify_refuses_an_edited_or_foreign_file(issued, tmp_path):
    edited = tmp_path / "edited.pdf"
    edited.write_bytes(issued.path.read_bytes().replace(b"LPSEDESK1.", b"LPSEDESK1.A", 1))
    result = lpse("receipt", "verify", str(edited))
    assert result.exit_code == 1
    assert result.stderr.startswith("Galat: TIDAK SAH")
    foreign = tmp_path / "lain.pdf"
    foreign.write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert lpse("receipt", "verify", str(foreign)).exit_code == 1
    missing = lpse("receipt", "verify", str(tmp_path / "tidak-ada.pdf"))
    assert missing.exit_code == 1 and "tidak ditemukan" in missing.stderr
    folder = lpse("receipt", "verify", str(tmp_path))  # a folder is not "not found"
    assert folder.exit_code == 1 and "adalah folder" in folder.stderr


def test_verify_shows_the_signed_fields_and_names_the_field_a_forgery_changed(issued, tmp_path):
    genuine = lpse("receipt", "verify", str(issued.path))
    assert genuine.exit_code == 0 and genuine.stderr == ""
    assert "berkas sama persis dengan yang diterbitkan" in genuine.stdout
    assert "Isi yang ditandatangani (bandingkan dengan kertasnya):" in genuine.stdout
    for shown in ("Nomor: " + issued.number, "Nama penyedia: PT Tirta Sadane", "NPWP: ",
                  "Loket / petugas: Loket 1", "Dokumen 1: ", "Paling lambat: "):  # fmt: skip
        assert f"\n  {shown}" in genuine.stdout, shown
    writer = PdfWriter(clone_from=PdfReader(issued.path))
    contents = writer.pages[0].get_contents()
    contents.set_data(contents.get_data().replace(b"(PT Tirta Sadane)", b"(CV Bukan Pemilik)"))
    writer.pages[0].replace_contents(contents)
    forged = tmp_path / "palsu.pdf"
    writer.write(forged)
    result = lpse("receipt", "verify", str(forged))
    assert result.exit_code == 1
    assert result.stderr.startswith("Galat: TIDAK SAH — isi berkas tidak sama dengan tanda "
                                    f"terima {issued.number} yang diterbitkan")  # fmt: skip
    named = "Nama penyedia: di berkas 'CV Bukan Pemilik', tercatat 'PT Tirta Sadane'"
    assert named in result.stderr
    assert result.stdout.startswith(
        f"Yang berbeda dari tanda terima yang diterbitkan:\n  {named}\n"
    )
    assert "Isi tanda terima yang tercatat (bandingkan dengan kertasnya):" in result.stdout
    assert "\n  Nama penyedia: PT Tirta Sadane\n" in result.stdout


def test_verify_refuses_an_incremental_update_and_a_receipt_of_another_desk(issued, tmp_path):
    writer = PdfWriter(issued.path, incremental=True)
    writer.add_metadata({"/Title": "diubah"})
    updated = tmp_path / "diubah.pdf"
    writer.write(updated)
    result = lpse("receipt", "verify", str(updated))
    assert result.exit_code == 1
    assert "revisi tambahan di akhir berkas asli (incremental update)" in result.stderr
    _replace_key()
    other = lpse("receipt", "verify", str(issued.path))
    assert other.exit_code == 1
    assert "TIDAK SAH — Tanda tangan digital tidak cocok" in other.stderr
    assert "bukan dibuat dengan kunci loket ini" in other.stderr
    assert other.stdout == ""  # nothing on record is shown for a stranger's receipt


def _replace_key() -> None:
    """This desk's key becomes another installation's (the receipt was not made here)."""
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries import meta

    engine = make_engine(load_settings().db_url)
    try:
        with write_session(engine) as session:
            meta.put(session=session, key=meta.SECRET_KEY, value="cd" * 32)
    finally:
        engine.dispose()


def test_reprint_of_an_unknown_number_and_a_bad_date(desk_home):
    unknown = lpse("receipt", "reprint", "TT-LPSE/2026/999999", "--tanpa-cetak")
    assert unknown.exit_code == 1 and "tidak ditemukan" in unknown.stderr
    bad = lpse("receipt", "list", "--date", "31/02/2026")
    assert bad.exit_code == 1 and "--tanggal" in bad.stderr


def test_repair_writes_a_lost_receipt_file_again(issued, backend):
    original = issued.path.read_bytes()
    fine = lpse("receipt", "repair")
    assert fine.exit_code == 0
    whose = " PC ini" if backend == "postgresql" else ""  # a server: only this PC's receipts
    assert fine.stdout == (
        f"1 berkas tanda terima{whose} dalam 7 hari terakhir ada dan sesuai "
        "(ukuran dan SHA-256 dicocokkan).\n"
    )
    issued.path.unlink()
    result = lpse("receipt", "repair", "--semua", "--periksa-isi")
    assert result.exit_code == 0
    assert "--periksa-isi tidak diperlukan lagi" in result.stderr
    assert result.stdout.split("\t")[:3] == [
        issued.number,
        "berkas hilang",
        "dibuat ulang (sama persis dengan aslinya)",
    ]
    assert result.stdout.splitlines()[-1] == (
        f"1 berkas tanda terima{whose} diperiksa (ukuran dan SHA-256 dicocokkan): 1 dibuat ulang, 0 gagal."
    )
    assert issued.path.read_bytes() == original


def test_repair_never_calls_a_truncated_file_fine(issued):
    original = issued.path.read_bytes()
    issued.path.write_bytes(original[:1000])
    quick = lpse("receipt", "repair", "--cepat")
    assert quick.exit_code == 0
    assert "ada dan sesuai" not in quick.stdout
    assert "isinya tidak dibaca" in quick.stdout
    result = lpse("receipt", "repair")
    assert result.exit_code == 0
    first, kept, summary = result.stdout.splitlines()
    assert first.startswith(f"{issued.number}\tisi berkas berbeda dari yang tercatat (1000 bita")
    assert kept.startswith(f"{issued.number}\tberkas yang berubah disisihkan\t")
    assert kept.endswith(".tersisih-1.pdf")
    assert issued.path.read_bytes() == original
    again = lpse("receipt", "repair").stdout.splitlines()
    assert again[0] == "1 berkas tersisih (*.tersisih-N.pdf) disimpan untuk diperiksa."
    assert "ada dan sesuai" in again[1]


def test_repair_clears_temp_files_and_names_unknown_pdfs(issued):
    import os

    folder = issued.path.parent
    temp = folder / f".{issued.path.name}.abcd1234"
    temp.write_bytes(b"%PDF-1.4 setengah")
    os.utime(temp, (0, 0))
    orphan = folder / "TT-LPSE-2026-999999.pdf"
    orphan.write_bytes(b"%PDF-1.4 entah")
    result = lpse("receipt", "repair")
    assert result.exit_code == 0
    assert f"Sisa penulisan yang terputus dihapus: {temp}" in result.stdout
    assert f"PDF tidak tercatat di basis data (dibiarkan): {orphan}" in result.stdout
    assert not temp.exists() and orphan.exists()


def test_repair_exits_1_when_it_cannot_write_a_receipt_again(issued):
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.tables.desk import DeskMeta

    issued.path.unlink()
    engine = make_engine(load_settings().db_url)
    with write_session(engine) as session:
        session.delete(session.get(DeskMeta, "receipt_secret"))
    engine.dispose()
    result = lpse("receipt", "repair")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Peringatan: {issued.number}: tidak dapat dibuat ulang")
    assert "kunci tanda terima" in result.stderr
    assert "0 dibuat ulang, 1 gagal" in result.stdout


def test_a_receipt_in_the_other_databases_folder_is_refused_with_what_to_try(issued):
    """The demo signs with its own key: a demo receipt checked against the working database
    (or a working one against the demo) is refused, and the refusal says which to use."""
    from lpse_desk import paths
    from lpse_desk.store.db import make_engine, write_session
    from lpse_desk.store.queries import meta

    demo_folder = paths.demo_receipts_dir() / "2026" / "06"
    demo_folder.mkdir(parents=True)
    in_demo = demo_folder / issued.path.name
    in_demo.write_bytes(issued.path.read_bytes())
    _replace_key()  # this database is another installation's now: the file is not its own
    refused = lpse("receipt", "verify", str(in_demo))
    assert refused.exit_code == 1
    assert "TIDAK SAH — Tanda tangan digital tidak cocok" in refused.stderr
    assert "folder tanda terima demo" in refused.stderr
    assert f"lpse-desk --db {paths.sqlite_url(paths.demo_db_path())}" in refused.stderr

    engine = make_engine(load_settings().db_url)
    try:
        with write_session(engine) as session:
            meta.put(session=session, key=meta.DEMO_KEY, value="1")
    finally:
        engine.dispose()
    working = lpse("receipt", "verify", str(issued.path))  # receipts/… of the working desk
    assert working.exit_code == 1
    assert "folder tanda terima kerja, sedangkan basis data yang dibuka adalah demo" in (
        working.stderr
    )
