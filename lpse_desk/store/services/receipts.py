"""Issuing receipts: one transaction numbers, draws, writes and records a receipt (or the
slip of an incomplete file), hands the case off and finishes its visit; reprints.

The PDF itself is drawn by ``lpse_desk.receipts`` through the renderer the desk was given
(``ReceiptFiles``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sqlmodel import Session

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who, staff_id_of
from lpse_desk.domain.clock import today_wib
from lpse_desk.domain.entities import CaseStatus
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.intake import ChecklistLine, missing
from lpse_desk.domain.receipt import receipt_kind, sign_receipt
from lpse_desk.domain.receipt.search import FOUND_LIMIT, clean_search
from lpse_desk.domain.receipttext import DEMO_OFFICER, ReceiptLine, receipt_documents
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.files import write_atomically
from lpse_desk.store.queries import access, cases, events, intake, meta, receipts, serving
from lpse_desk.store.services.receiptcheck import ReceiptChecks
from lpse_desk.store.services.receiptfiles import file_name, receipt_path

ReceiptKind = Literal["tanda_terima", "belum_lengkap"]
"""A tanda terima (complete file, handed to the verifiers) or a slip (incomplete, closed)."""


@dataclass(frozen=True)
class IssuedReceipt:
    """A receipt that was numbered, written and recorded."""

    number: str
    kind: str
    path: Path
    due_at: datetime | None
    copy: bool = False
    set_aside: Path | None = None
    """Where a different file that stood at ``path`` was kept (moved aside, not replaced)."""


class ReceiptDesk(ReceiptChecks):
    """Receipts of one store: issued, reprinted, listed (and checked, ``ReceiptChecks``)."""

    def issue(
        self, who: Who, *, case_id: int, loket: int | None, kind: ReceiptKind
    ) -> IssuedReceipt:
        """Number, draw, write and record the receipt (or slip) of a case in intake, hand the
        case off (or close it) and finish its visit, in one transaction.

        Refused unless the checklist gives that kind: a tanda terima needs a complete file,
        a slip an incomplete one.
        """
        now = self.clock.now()
        with write_session(self.engine) as session:
            actor = access.actor(session, who, Act.ISSUE_RECEIPT)
            row = intake.require_intake(session=session, case_id=case_id)
            lines = intake.checklist_lines(session=session, catalog=self.catalog, case_id=case_id)
            if receipt_kind(receipt_documents(lines)) != kind:
                if kind == "tanda_terima":
                    names = "; ".join(line.requirement.name for line in missing(lines))
                    raise Conflict(f"Berkas belum lengkap: {names}")
                raise Conflict("Berkas sudah lengkap: terbitkan tanda terima, bukan slip")
            service = self.catalog.service(row.service_code)
            due = None
            if kind == "tanda_terima" and service.completion_hours:
                due = self.calendar.due_at(now, hours=service.completion_hours)
            issued = self._write(
                session, case_id=case_id, lines=lines, kind=kind, now=now, loket=loket, due=due,
                issued_by=staff_id_of(who), fallback_officer=actor,
            )  # fmt: skip
            if kind == "tanda_terima":
                cases.hand_off(session=session, case_id=case_id, now=now, due_at=due, actor=actor)
            else:
                cases.close(
                    session=session,
                    case_id=case_id,
                    status=CaseStatus.INCOMPLETE,
                    now=now,
                    actor=actor,
                    reason="Kurang: " + "; ".join(line.requirement.name for line in missing(lines)),
                )
            events.on_case(session=session, case_id=case_id,
                action="tanda_terima_terbit" if kind == "tanda_terima" else "slip_belum_lengkap",
                at=now, actor=actor, reason=issued.number)  # fmt: skip
            if row.visit_id is not None:
                serving.finish_if_serving(
                    session=session, visit_id=row.visit_id, now=now, actor=actor,
                    outcome="diterima" if kind == "tanda_terima" else "belum_lengkap",
                    by=staff_id_of(who),
                )  # fmt: skip
        return issued

    def finish(self, who: Who, case_id: int, *, loket: int | None) -> IssuedReceipt:
        """Complete file: tanda terima, handoff to the verifiers with the deadline."""
        return self.issue(who, case_id=case_id, loket=loket, kind="tanda_terima")

    def issue_slip(self, who: Who, case_id: int, *, loket: int | None) -> IssuedReceipt:
        """Incomplete file: a slip listing exactly what is missing; the case closes."""
        return self.issue(who, case_id=case_id, loket=loket, kind="belum_lengkap")

    def issue_handed_off(self) -> int:
        """The tanda terima of every case handed off without one (the demo's past cases),
        in hand-off order, each dated at its hand-off with its own deadline; how many."""
        with write_session(self.engine) as session:
            waiting = receipts.handed_off_without_receipt(session=session)
            for case_id, handed_off_at, loket in waiting:
                row = cases.case_row(session, case_id)
                lines = intake.checklist_lines(
                    session=session, catalog=self.catalog, case_id=case_id
                )
                self._write(
                    session, case_id=case_id, lines=lines, kind="tanda_terima", now=handed_off_at,
                    loket=loket, due=row.due_at, issued_by=row.intake_by,
                    fallback_officer=DEMO_OFFICER,
                )  # fmt: skip
        return len(waiting)

    def _write(
        self,
        session: Session,
        *,
        case_id: int,
        lines: list[ChecklistLine],
        kind: ReceiptKind,
        now: datetime,
        loket: int | None,
        due: datetime | None,
        issued_by: int | None,
        fallback_officer: str,
    ) -> IssuedReceipt:
        """Take the next number, draw the PDF, rename it into place, add the row, fill the ticket.

        The file comes first and the row is added in the caller's transaction: if the process
        dies in between, the number was never committed and the next receipt takes its name.
        A file already there with other bytes (that dead process's receipt of another case, or
        one of a database whose numbering started over) is moved aside and kept, never replaced.
        """
        seq, data = receipts.draft(
            session=session, catalog=self.catalog, case_id=case_id, lines=lines, kind=kind,
            now=now, loket=loket, due=due, issued_by=issued_by, fallback_officer=fallback_officer,
            office=self.office,
        )  # fmt: skip
        pdf = self.render(data, sign_receipt(data, meta.installation_secret(session=session)))
        path = receipt_path(self.receipts_dir, data.number, now)
        aside = write_atomically(path, pdf, root=self.receipts_dir, keep_different=True)
        if aside is not None:
            receipts.record_aside(
                session=session, now=now, actor=fallback_officer, case_id=case_id, path=aside
            )
        receipts.add(
            session=session, data=data, seq=seq, case_id=case_id, issued_by=issued_by,
            path=path.relative_to(self.receipts_dir), station=self.station, pdf=pdf, lines=lines,
        )  # fmt: skip
        return IssuedReceipt(
            number=data.number, kind=kind, path=path, due_at=due, set_aside=aside
        )

    def reprint(self, who: Who, number: str, *, out: Path | None = None) -> IssuedReceipt:
        """A copy of any receipt, marked SALINAN."""
        now = self.clock.now()
        with write_session(self.engine) as session:
            actor = access.actor(session, who, Act.REPRINT)
            copy = receipts.next_copy(session=session, number=number)
            data = copy.data
            pdf = self.render(data, sign_receipt(data, meta.installation_secret(session=session)))
            name = file_name(data.number, f"-SALINAN-{copy.copies}")
            # Beside the original's place in this PC's folder, wherever the original was written.
            target = out or receipt_path(self.receipts_dir, data.number, data.issued_at).with_name(
                name
            )
            if out is not None:  # a file the person named: theirs to overwrite
                aside = write_atomically(target, pdf)
            else:
                aside = write_atomically(target, pdf, root=self.receipts_dir, keep_different=True)
            if aside is not None:
                receipts.record_aside(
                    session=session, now=now, actor=actor, case_id=copy.case_id, path=aside
                )
            events.on_case(session=session, case_id=copy.case_id,
                action="tanda_terima_dicetak_ulang", at=now, actor=actor,
                reason=f"{data.number} salinan ke-{copy.copies}")  # fmt: skip
            return IssuedReceipt(number=data.number, kind=copy.kind, path=target,
                                 due_at=data.due_at, copy=True, set_aside=aside)  # fmt: skip

    def receipts(self, day: date | None = None) -> list[ReceiptLine]:
        """Receipts of a day (today by default), oldest first; each file where this PC keeps
        it (``receipt_path``: the PC that issued it may be another one of a shared store)."""
        with read_session(self.engine) as session:
            lines = receipts.of_day(session=session, day=day or today_wib(self.clock))
        return self._here(lines)

    def find_receipts(self, text: str) -> list[ReceiptLine]:
        """Receipts of any day whose number or vendor name holds ``text``, newest first (at
        most ``FOUND_LIMIT``); at least three characters are needed."""
        wanted = clean_search(text)
        with read_session(self.engine) as session:
            lines = receipts.matching(session=session, text=wanted, limit=FOUND_LIMIT)
        return self._here(lines)

    def _here(self, lines: list[ReceiptLine]) -> list[ReceiptLine]:
        return [
            replace(line, file_path=str(receipt_path(self.receipts_dir, line.number, line.issued_at)))
            if line.file_path else line
            for line in lines
        ]  # fmt: skip
