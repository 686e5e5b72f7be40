"""``lpse-desk case``: the cases with the verifiers, for the unit head's morning check."""

from __future__ import annotations

import typer

from lpse_desk.cli.common import commands, desk_store, echo_row, fail

app = commands("Kasus: daftar kasus di verifikator menurut tenggat.")


@app.command("list")
def list_cases(
    ctx: typer.Context,
    status: str | None = typer.Option(
        None,
        "--status",
        metavar="STATUS",
        help="Mis. menunggu_verifikasi, dikembalikan, disetujui, ditolak (kode atau nama). "
        "Bawaan: kasus terbuka di verifikator.",
    ),
    overdue: bool = typer.Option(False, "--overdue", help="Hanya yang lewat tenggat."),
) -> None:
    """Kasus, penyedia, layanan, status, tenggat; satu per baris, tenggat terdekat dulu."""
    from lpse_desk.domain.entities import CaseStatus
    from lpse_desk.domain.errors import DeskError
    from lpse_desk.domain.review import parse_queue_status
    from lpse_desk.domain.textfmt import format_deadline_wib

    wanted = None
    if status is not None:
        try:
            wanted = parse_queue_status(status)
        except DeskError as exc:
            fail(f"--status: {exc}", 2)
    with desk_store(ctx) as store:
        lines = store.review.cases(status=wanted, overdue_only=overdue)
    if not lines:
        typer.echo("Tidak ada kasus" + (" yang lewat tenggat." if overdue else "."))
    for line in lines:
        case = line.case
        if case.status is CaseStatus.RETURNED:
            deadline = "dijeda (menunggu penyedia)"
        else:
            deadline = format_deadline_wib(case.due_at) if case.due_at else "-"
        fields = [f"#{case.id}", line.vendor_name, case.service_code, line.status_label, deadline]
        if line.overdue:
            fields.append("LEWAT TENGGAT")
        echo_row(fields)
