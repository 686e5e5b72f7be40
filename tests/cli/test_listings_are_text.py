"""CLI listings print names literally: control characters escaped, one record per line."""

from __future__ import annotations

from typer.testing import CliRunner

from lpse_desk.cli.main import app

runner = CliRunner()

HOSTILE = "Ani\tBudi\nC-999\tpalsu \x1b[2J[/]"
"""A tab and a newline would forge a second record; the escape would clear the terminal."""

SHOWN = "Ani\\tBudi\\nC-999\\tpalsu \\x1b[2J[/]"


def lpse(*args: str, input: str | None = None):
    """Run ``lpse-desk ARGS`` in-process."""
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_queue_list_prints_one_line_per_visit_with_control_characters_escaped(migrated_home):
    assert lpse("queue", "take", "REG", "--nama", HOSTILE).exit_code == 0
    assert lpse("queue", "take", "UID", "--nama", "Rina").exit_code == 0
    result = lpse("queue", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[:4] == ["A-001", "menunggu", SHOWN, "REG"]
    assert "\x1b" not in result.stdout


def _vendor_named_hostile(desk_home) -> tuple[int, str, str]:
    """A daring case handed to the verifiers (receipt and desk ticket issued), its vendor then
    renamed ``HOSTILE``: (case id, receipt number, ticket number)."""
    from lpse_desk import receipts
    from lpse_desk.config import load_settings
    from lpse_desk.domain.clock import SystemClock
    from lpse_desk.store.db import write_session
    from lpse_desk.store.services.desk import DeskStore
    from lpse_desk.store.tables.cases import CaseRow
    from lpse_desk.store.tables.vendors import VendorRow
    from tests.store.reviewcases import handed_off, make_team

    clock = SystemClock()
    store = DeskStore.open(load_settings(), clock, render=receipts.render_receipt,
                           read_pdf=receipts.signed_summary_of_pdf)  # fmt: skip
    try:
        team = make_team(store.engine, clock)
        case_id = handed_off(store.intake, store.engine, clock, team.officer, serial=1)
        handed_off(store.intake, store.engine, clock, team.officer, serial=2)
        with write_session(store.engine) as session:
            vendor = session.get(VendorRow, session.get(CaseRow, case_id).vendor_id)
            vendor.name = HOSTILE
            session.add(vendor)
        receipt = next(r.number for r in store.intake.receipts() if r.vendor_name == HOSTILE)
        ticket = next(t.number for t in store.intake.tickets() if t.case_id == case_id)
        return case_id, receipt, ticket
    finally:
        store.close()


def _one_line_each(result, count: int) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == count, lines
    return [line.split("\t") for line in lines]


def test_case_receipt_and_ticket_lists_print_one_line_per_record_escaped(desk_home):
    case_id, receipt, ticket = _vendor_named_hostile(desk_home)

    cases = _one_line_each(lpse("case", "list"), 2)
    assert [f"#{case_id}", SHOWN] in [fields[:2] for fields in cases]

    receipts = _one_line_each(lpse("receipt", "list"), 2)
    assert any(fields[0] == receipt and SHOWN in fields for fields in receipts), receipts

    tickets = _one_line_each(lpse("ticket", "list"), 2)
    assert any(fields[0] == ticket and SHOWN in fields for fields in tickets), tickets

    shown = lpse("ticket", "show", ticket)
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.stdout


def test_the_ikm_text_report_prints_a_catalog_name_escaped(desk_home):
    catalog = desk_home / "data" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    old = 'name = "Registrasi Offline dan Verifikasi Berkas"'
    assert old in text
    catalog.write_text(
        text.replace(old, 'name = "Registrasi\\tOffline\\nIKM: 100 \\u001b[2J[/]"'), encoding="utf-8"
    )
    result = lpse("ikm", "report", "--from", "2026-01-01", "--to", "2026-06-30", "--layanan", "REG")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "Registrasi\\tOffline\\nIKM: 100 \\x1b[2J[/]" in result.stdout
    # The name's "\nIKM: 100" stays on its line: no second, forged index line.
    assert len([line for line in result.stdout.splitlines() if line.startswith("IKM:")]) == 1


def test_a_refusal_quoting_typed_text_prints_its_control_characters_escaped(desk_home, tmp_path):
    paper = tmp_path / "kuesioner.csv"
    scores = ",".join(["3"] * 9)
    paper.write_text(
        "tanggal,layanan,persyaratan,prosedur,waktu,biaya,produk,kompetensi,perilaku,pengaduan,"
        f"sarana\n2026-06-10,X\x1b[2J\tY,{scores}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ikm", "import", str(paper)], catch_exceptions=False)
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "X\\x1b[2J\\tY" in result.output

    missing = runner.invoke(app, ["ticket", "show", "TKT/\x1b[2J\tx"], catch_exceptions=False)
    assert missing.exit_code != 0
    assert "\x1b" not in missing.output
