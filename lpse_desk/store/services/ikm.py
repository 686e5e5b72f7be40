"""``IkmDesk``: the survey kiosk, paper questionnaires, the IKM report and its follow-ups.

Each method runs in its own short transaction and returns domain objects.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice

from sqlalchemy import Engine
from sqlmodel import Session

from lpse_desk.domain import actors
from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who
from lpse_desk.domain.catalog import Catalog
from lpse_desk.domain.clock import WIB, Clock, to_wib, today_wib
from lpse_desk.domain.entities import StaffMember
from lpse_desk.domain.errors import Conflict, ValidationError
from lpse_desk.domain.ikm.index import UNSUR_KEYS, Weighting, low_unsur
from lpse_desk.domain.ikm.kiosk import (
    KIOSK_PIN_WRONG,
    KIOSK_UNLOCKED,
    SURVEY_AFTER_SERVICE,
    UNLOCK_PAUSE,
    UNLOCK_TRIES,
    KioskAnswers,
    SurveyTarget,
    kiosk_locked_until,
)
from lpse_desk.domain.ikm.paper import PaperReader, PaperResponse
from lpse_desk.domain.ikm.report import FollowupItem, IkmReport
from lpse_desk.domain.importfile import BATCH_ROWS, MAX_PROBLEMS
from lpse_desk.domain.logins import locked_text
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import access, events, ikm, ikmpaper, ikmreport, logins
from lpse_desk.store.services.base import Service


@dataclass(frozen=True)
class PaperImport:
    """The outcome of importing a file of paper questionnaires."""

    added: int
    followups: int
    """How many of them opened a follow-up item (an unsur at 1 or 2)."""
    warnings: tuple[str, ...]
    resumed: int = 0
    """Questionnaires stored already by an earlier, interrupted import of the same file."""
    earlier: int = 0
    """The file's first questionnaires that are a whole earlier file, imported before (the
    same spreadsheet with new lines added): skipped, not counted twice."""

    @property
    def said(self) -> str:
        """The outcome in one Indonesian sentence (the CLI and the screen say it alike)."""
        message = f"{self.added} kuesioner diimpor"
        if self.earlier:
            message += (f" ({self.earlier} kuesioner pertama sama dengan berkas yang sudah "
                        "diimpor sebelumnya: dilewati, tidak dihitung dua kali)")  # fmt: skip
        if self.resumed:
            message += f" (melanjutkan impor yang terputus; {self.resumed} sudah masuk sebelumnya)"
        if self.followups:
            message += f"; {self.followups} memuat nilai 1–2 dan masuk daftar tindak lanjut"
        return message + "."


class IkmDesk(Service):
    """The IKM survey on one store."""

    def __init__(self, *, engine: Engine, catalog: Catalog, clock: Clock) -> None:
        self.engine = engine
        self.catalog = catalog
        self.clock = clock

    def target(self, visit_id: int) -> SurveyTarget:
        """The visit the kiosk will ask about; Conflict when unserved or already answered."""
        return self._read(ikm.survey_target, visit_id=visit_id)

    def loket_target(self, loket: int | None) -> SurveyTarget | None:
        """What the kiosk opened at ``loket`` asks about: the visit being served there, or the
        one finished there in the last ``SURVEY_AFTER_SERVICE`` (not surveyed yet); else
        None, an anonymous response (so too without a loket)."""
        if loket is None:
            return None
        now = self.clock.now()
        return self._read(ikm.loket_survey_target, day=today_wib(self.clock), loket=loket,
                          since=to_wib(now - SURVEY_AFTER_SERVICE))  # fmt: skip

    def kiosk_opened(self, who: StaffMember, target: SurveyTarget | None) -> int:
        """Record that ``who`` opened the survey kiosk (for ``target``'s visit, if any)."""
        ticket = target.visit.ticket if target is not None and target.visit is not None else None
        return self._act(ikm.kiosk_opened, who, Act.KIOSK, staff_id=who.id, ticket=ticket)

    def submit(self, who: Who, answers: KioskAnswers, *, visit_id: int | None) -> int:
        """Store a kiosk response (with the visit's evaluation) in one transaction; its id."""
        if answers.service_code is not None:
            answers = replace(answers, service_code=self.catalog.service(answers.service_code).code)
        return self._act(ikm.record_kiosk, who, Act.KIOSK, visit_id=visit_id, answers=answers)

    def unlock(self, staff_id: int, pin: str) -> StaffMember:
        """End kiosk mode with a staff PIN; ValidationError (logged) when it is wrong. An
        account deactivated while its kiosk was open closes it with its own PIN (the desk then
        logs it out); a wrong PIN counts towards the kiosk's pause as any other.

        After ``UNLOCK_TRIES`` wrong PINs in a row the kiosk refuses every PIN for
        ``UNLOCK_PAUSE`` (a vendor must not be able to guess a 4-digit PIN by trying).
        """
        now = self.clock.now()
        with write_session(self.engine) as session:
            tries = logins.recent_actions(
                session=session, staff_id=staff_id, actions=(KIOSK_PIN_WRONG, KIOSK_UNLOCKED),
                since=now - UNLOCK_PAUSE, limit=UNLOCK_TRIES,
            )  # fmt: skip
            until = kiosk_locked_until(tries)
            if until is not None:
                raise Conflict(
                    f"{UNLOCK_TRIES} kali PIN salah: layar survei terkunci sampai pukul "
                    f"{until.astimezone(WIB):%H.%M} WIB"
                )
            # Through the login lockout: PINs guessed at the kiosk lock the account too.
            result = logins.attempt(session=session, staff_id=staff_id, pin=pin, now=now)
            member = result.member
            if result.inactive:  # deactivated meanwhile: its own PIN still closes the kiosk
                member = logins.inactive_pin_matches(session=session, staff_id=staff_id, pin=pin)
            events.record(
                session=session,
                at=self.clock.now(),
                actor=actors.actor_for(member) if member else f"staf #{staff_id}",
                entity="staff",
                entity_id=staff_id,
                action="kios_dibuka" if member else "kios_pin_salah",
                reason="akun nonaktif: desk keluar dari akun ini" if member and result.inactive
                else None,
            )  # fmt: skip
        if result.locked_until is not None:
            raise Conflict(
                f"Akun ini {locked_text(result.locked_until)}; layar survei tetap terkunci"
            )
        if member is None:
            raise ValidationError("PIN salah; layar survei tetap terkunci", field="pin")
        return member

    def import_paper(
        self,
        who: Who,
        data: bytes,
        *,
        source: str,
        batch_rows: int = BATCH_ROWS,
        progress: Callable[[int, int], None] | None = None,
        max_problems: int = MAX_PROBLEMS,
    ) -> PaperImport:
        """Check the whole file of paper questionnaires, then write it in short batches.

        Nothing is written while any line is wrong. Each batch is its own write transaction,
        so other desks work in between; ``progress(done, total)`` is called after each. The
        same file imported again is refused; an interrupted import of it is completed.
        A refusal lists the first ``max_problems`` problems and counts the other bad lines.
        """
        with read_session(self.engine) as session:
            actor = access.actor(session, who, Act.IMPORT_IKM_PAPER)
        today = today_wib(self.clock)  # both readings judge the dates alike, even at midnight
        checked = PaperReader(
            io.BytesIO(data), catalog=self.catalog, today=today, max_problems=max_problems
        )
        with read_session(self.engine) as session:
            files = ikmpaper.imported_files(session=session)  # earlier files' keys and sizes
        key = _BatchKey()
        total = 0
        # The earlier files this one begins with, whole: a file's questionnaires up to here
        # hash to an imported file's key, and what that import stored ends here (it began
        # where another whole earlier file ended: the weekly sheet of week 3 holds week 2's,
        # which held week 1's and was stored without them).
        whole = {0}
        stopped = None  # an earlier import of this file's beginning that was interrupted
        for response in checked:
            key.add(response)
            total += 1
            stored = files.get(key.hexdigest())
            if stored is None:
                continue
            if total - stored in whole:
                whole.add(total)
            else:
                stopped = (total, stored)
        if checked.problems:
            raise ValidationError("\n".join(checked.problems.report(source)), field="berkas")
        batch = key.hexdigest()
        earlier = max(whole)
        if stopped is not None and stopped[0] < total and stopped[0] > earlier:
            raise Conflict(
                f"{stopped[0]} kuesioner pertama berkas {source} adalah berkas yang impornya "
                f"terputus ({stopped[1]} masuk). Impor lagi berkas itu sampai selesai, lalu "
                "berkas ini: tidak ada yang diimpor sekarang, agar tidak dihitung dua kali"
            )
        with read_session(self.engine) as session:
            if earlier == total:  # this very file, after earlier ones: imported already
                ikmpaper.paper_to_import(session=session, batch=batch, total=0, source=source)
            resumed = ikmpaper.paper_to_import(
                session=session, batch=batch, total=total - earlier, source=source
            )
        now = self.clock.now()
        first = 0

        def write(session: Session, responses: list[PaperResponse]) -> int:
            nonlocal first
            skipped = ikmpaper.add_paper_batch(
                session=session, responses=responses, first=first, batch=batch, now=now,
                actor=actor, source=source, part=total > batch_rows,
            )  # fmt: skip
            first += len(responses)
            return skipped

        added = low = 0
        reader = PaperReader(io.BytesIO(data), catalog=self.catalog, today=today)
        for responses, skipped in self._write_in_batches(
            islice(reader, earlier, None), write, batch_rows=batch_rows, total=total - earlier,
            what="kuesioner",
            progress=progress, stored=resumed, counted=lambda batch, skipped: len(batch) - skipped,
        ):  # fmt: skip
            written = responses[skipped:]
            added += len(written)
            low += sum(1 for response in written if low_unsur(response.scores))
        return PaperImport(added, low, checked.warnings, resumed=resumed, earlier=earlier)

    def report(
        self,
        *,
        start: date,
        end: date,
        service_code: str | None = None,
        weighting: Weighting = Weighting.EXACT,
    ) -> IkmReport:
        """The IKM report of the period (optionally of one service)."""
        name = None
        if service_code is not None:
            service = self.catalog.service(service_code)
            service_code, name = service.code, service.name
        return self._read(ikmreport.build_report, start=start, end=end, service_code=service_code,
                          service_name=name, weighting=weighting)  # fmt: skip

    def followups(self, *, include_handled: bool = False) -> list[FollowupItem]:
        """Follow-up items of low scores; open ones only unless asked."""
        return self._read(ikm.followups, include_handled=include_handled)

    def handle_followup(self, staff: StaffMember, followup_id: int, note: str) -> FollowupItem:
        """Mark a follow-up handled (admin only), saying what was done (required)."""
        with write_session(self.engine) as session:
            return ikm.handle_followup(
                session=session,
                followup_id=followup_id,
                staff=staff,
                note=note,
                now=self.clock.now(),
            )


class _BatchKey:
    """The file's questionnaires as read, hashed one by one: the same file saved again with
    other line endings, separator or encoding has the same key (the bytes differ, the
    answers do not). The text hashed is the JSON list of all of them, as keys have been."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256(b"[")
        self._first = True

    def add(self, response: PaperResponse) -> None:
        """Hash one more questionnaire, in file order."""
        item = [
            response.service_date.isoformat(),
            response.service_code,
            [response.scores[key] for key in UNSUR_KEYS],
            [
                response.profile.jenis_kelamin,
                response.profile.usia,
                response.profile.pendidikan,
                response.profile.pekerjaan,
            ],  # fmt: skip
            response.saran,
        ]
        text = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        self._hash.update(("" if self._first else ",").encode() + text.encode("utf-8"))
        self._first = False

    def hexdigest(self) -> str:
        """The key stored with each questionnaire of the file."""
        final = self._hash.copy()
        final.update(b"]")
        return final.hexdigest()[:40]
