"""The report commands' files: ``--pdf``, ``--csv`` and ``--xlsx``, written whole or not at all.

A report command takes the three options (``PDF``, ``CSV``, ``XLSX`` as defaults) and hands
its ``ReportDocument`` to ``write_report_files``. Everything is rendered before anything is
written; each file goes through a temporary name and a rename; if one file cannot be
written, the files this command already wrote (that did not exist before) are removed, so
a failed command leaves nothing behind.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import Any

import typer

from lpse_desk.cli.common import fail
from lpse_desk.domain.errors import DeskError

PDF: Any = typer.Option(None, "--pdf", metavar="BERKAS", help="Tulis laporan PDF (A4).")
CSV: Any = typer.Option(
    None, "--csv", metavar="BERKAS", help="Tulis angka laporan sebagai CSV (satu angka per baris)."
)
XLSX: Any = typer.Option(
    None, "--xlsx", metavar="BERKAS", help="Tulis laporan sebagai lembar kerja XLSX."
)


# Endings a person may mean as another kind of file: writing a PDF under ``laporan.xlsx``
# would leave a file that no program opens. Other endings (or none) are the person's choice.
_KNOWN_SUFFIXES = frozenset(
    {".pdf", ".csv", ".xlsx", ".xls", ".ods", ".doc", ".docx", ".txt", ".json"}
)


def expect_suffix(path: Path | None, suffix: str, option: str) -> None:
    """Refuse ``path`` for ``option`` when it ends as another kind of file (before anything
    is read or written)."""
    if path is None:
        return
    ending = path.suffix.lower()
    if ending in _KNOWN_SUFFIXES and ending != suffix:
        fail(
            f"{option}: berkas {path.name} berakhiran {ending}, padahal isinya "
            f"{suffix[1:].upper()}; tulis nama berakhiran {suffix} (mis. laporan{suffix})."
        )


def write_output(path: Path, data: bytes, what: str) -> None:
    """Write ``data`` to ``path`` atomically; a fault → ``Galat: {what} … tidak dapat ditulis``."""
    from lpse_desk.store.faults import file_fault
    from lpse_desk.store.files import write_atomically  # plain files; no SQLModel

    try:
        write_atomically(path, data)
    except DeskError as exc:  # StoreFault: the disk or the folder, said in Indonesian
        fail(f"{what} {path} tidak dapat ditulis. {exc}")
    except OSError as exc:
        fail(f"{what} {path} tidak dapat ditulis. {file_fault(exc, path)}")


def check_outputs(
    *, pdf: Path | None, csv_file: Path | None, xlsx: Path | None, ctx: typer.Context | None = None
) -> list[tuple[str, Path]]:
    """The asked files as (kind, path); refused before the report is read when two options
    name one file, a file is named as another kind, or (given the command's ``ctx``) one the
    desk keeps (``outputs``: the database, a receipt, a backup)."""
    asked = [(kind, path) for kind, path in (("PDF", pdf), ("CSV", csv_file), ("XLSX", xlsx))
             if path is not None]  # fmt: skip
    places = [path.expanduser().absolute() for _kind, path in asked]
    if len(set(places)) < len(places):
        fail("Berkas keluaran --pdf, --csv dan --xlsx harus berbeda.")
    for kind, path in asked:
        expect_suffix(path, f".{kind.lower()}", f"--{kind.lower()}")
        if ctx is not None:
            from lpse_desk.cli.outputs import refuse_protected

            refuse_protected(ctx, path, f"--{kind.lower()}")
    return asked


def write_report_files(
    document: Any,
    *,
    pdf: Path | None,
    csv_file: Path | None,
    xlsx: Path | None,
    signed_on: date | None,
) -> None:
    """Render the asked files of ``document``, write them, say ``PDF ditulis: …`` for each."""
    asked = check_outputs(pdf=pdf, csv_file=csv_file, xlsx=xlsx)
    rendered = []
    for kind, path in asked:
        try:
            rendered.append((kind, path, _render(kind, document, signed_on)))
        except DeskError as exc:
            fail(exc)
    written: list[Path] = []
    try:
        for kind, path, data in rendered:
            existed = path.exists()
            write_output(path, data, f"Berkas {kind}")
            if not existed:
                written.append(path)
    except typer.Exit:
        for path in written:  # all or nothing: the files of this command go too
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    for kind, path, _data in rendered:
        typer.echo(f"{kind} ditulis: {path}")


def _render(kind: str, document: Any, signed_on: date | None) -> bytes:
    from lpse_desk import receipts

    return receipts.render_report(kind.lower(), document, signed_on=signed_on)
