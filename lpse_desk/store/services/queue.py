"""``QueueDesk``: the queue operations the screens, the board and the CLI ask for.

Each method runs in its own short transaction and returns domain objects. ``who``
is the staff member at the desk, or the command line (``actors.cli_who``); each change
checks it first (``queries.access``: the account as stored now, its role).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from lpse_desk.domain.access import Act
from lpse_desk.domain.actors import Who, staff_id_of
from lpse_desk.domain.bookings import BookingDraft, BookingReader
from lpse_desk.domain.clock import to_wib, today_wib
from lpse_desk.domain.entities import Event, Visit
from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.importfile import BATCH_ROWS, MAX_PROBLEMS, chunks
from lpse_desk.domain.queue.rules import QueuePolicy, TicketHolder, VisitTimes, visit_times
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import access, bookings, events, lokets, queue, queueview, serving
from lpse_desk.store.services.base import Service


@dataclass(frozen=True)
class BookingImport:
    """The outcome of importing a booking file."""

    result: bookings.ImportResult
    warnings: tuple[str, ...]


@dataclass(kw_only=True, eq=False, repr=False)
class QueueDesk(Service):
    """Today's queue on one store."""

    policy: QueuePolicy

    # reading

    def view(self) -> queueview.QueueView:
        """Today's queue for the queue screen."""
        return self._read(queueview.queue_view, catalog=self.catalog, day=today_wib(self.clock),
            now=self.clock.now(), policy=self.policy)  # fmt: skip

    def board(self) -> queueview.BoardView:
        """Today's calls and waiting counts for the display board."""
        return self._read(queueview.board_view, catalog=self.catalog, day=today_wib(self.clock),
            now=self.clock.now())  # fmt: skip

    def marker(self) -> int:
        """Grows with every change; the screens reload when it moves."""
        return self._read(queueview.change_marker)

    def visits(self, day: date | None = None) -> list[Visit]:
        """A day's visits by arrival (today by default)."""
        return self._read(queue.visits_of_day, service_date=day or today_wib(self.clock))

    def history(self, visit_id: int) -> list[Event]:
        """A visit's events, oldest first."""
        return self._read(events.history, entity="visit", entity_id=visit_id)

    def day_times(self, day: date | None = None) -> dict[int, VisitTimes]:
        """Per visit of the day: waiting, walking, service and held time, from the events."""
        wanted = day or today_wib(self.clock)
        with read_session(self.engine) as session:
            ids = [v.id for v in queue.visits_of_day(session=session, service_date=wanted)]
            logs = events.histories(session=session, entity="visit", entity_ids=ids)
        now = self.clock.now()
        return {visit_id: visit_times(logs.get(visit_id, []), now) for visit_id in ids}

    def times(self, visit_id: int) -> VisitTimes:
        """Waiting, walking, service and held time of a visit, from its events."""
        return visit_times(self.history(visit_id), self.clock.now())

    def loket(self, number: int) -> lokets.LoketState:
        """Where a loket stands."""
        return self._read(lokets.state, loket=number, day=today_wib(self.clock))

    def at_loket(self, number: int) -> Visit | None:
        """The visit called to or being served at a loket today, if any."""
        return self._read(queue.active_at, day=today_wib(self.clock), loket=number)

    # tickets

    def take(
        self,
        who: Who,
        service_code: str,
        *,
        name: str | None = None,
        phone: str | None = None,
        priority: str | None = None,
    ) -> Visit:
        """A walk-in's ticket."""
        return self._act(queue.take_number, who, Act.TAKE_NUMBER, catalog=self.catalog,
            service_code=service_code, holder=TicketHolder(name, phone, priority))  # fmt: skip

    def check_in(
        self, who: Who, code: str, *, service_code: str | None = None, priority: str | None = None
    ) -> Visit:
        """A booked visitor's ticket, by booking code."""
        return self._act(bookings.check_in, who, Act.CHECK_IN, catalog=self.catalog, code=code,
            service_code=service_code, priority=priority)  # fmt: skip

    def import_bookings(
        self,
        who: Who,
        data: bytes,
        *,
        source: str,
        batch_rows: int = BATCH_ROWS,
        progress: Callable[[int, int], None] | None = None,
        max_problems: int = MAX_PROBLEMS,
    ) -> BookingImport:
        """Check the whole MPP booking file, then write it in short batches.

        Nothing is written while any line is wrong (codes stored with other data included).
        Each batch is its own write transaction, so other desks take numbers in between;
        ``progress(done, total)`` is called after each. A stored code with the same data is
        skipped, so running an interrupted import again completes it without duplicates.
        A refusal lists the first ``max_problems`` problems and counts the other bad lines.
        """

        with read_session(self.engine) as session:
            actor = access.actor(session, who, Act.IMPORT_BOOKINGS)
        today = today_wib(self.clock)  # both readings judge the dates alike, even at midnight
        read_at = to_wib(self.clock.now())

        def reader() -> BookingReader:
            return BookingReader(
                io.BytesIO(data), catalog=self.catalog, today=today, calendar=self.calendar,
                max_problems=max_problems, now=read_at,
            )  # fmt: skip

        checked = reader()
        total = 0
        for drafts in chunks(checked, batch_rows):
            with read_session(self.engine) as session:
                for problem in bookings.conflicts(session=session, drafts=drafts):
                    checked.problems.add([problem])
            total += len(drafts)
        if checked.problems:
            raise ValidationError("\n".join(checked.problems.report(source)), field="berkas")
        now = self.clock.now()

        def write(session: Session, drafts: list[BookingDraft]) -> bookings.ImportResult:
            return bookings.add_batch(
                session=session, drafts=drafts, now=now, actor=actor, source=source,
                part=total > batch_rows,
            )  # fmt: skip

        added = unchanged = 0
        for _drafts, result in self._write_in_batches(
            reader(), write, batch_rows=batch_rows, total=total, what="booking", progress=progress
        ):
            added, unchanged = added + result.added, unchanged + result.unchanged
        return BookingImport(bookings.ImportResult(added, unchanged), checked.warnings)

    # calling at a loket

    def call_next(
        self, who: Who, loket: int, services: Collection[str] | None = None
    ) -> Visit | None:
        """Call the next visit in call order; None when nobody waits."""
        return self._act(queue.call_next, who, Act.CALL, day=today_wib(self.clock), loket=loket,
            staff_id=staff_id_of(who), policy=self.policy, services=services)  # fmt: skip

    def call(self, who: Who, loket: int, visit_id: int) -> Visit:
        """Call a chosen visit out of turn."""
        return self._act(queue.call_visit, who, Act.CALL, visit_id=visit_id, loket=loket,
            staff_id=staff_id_of(who))  # fmt: skip

    def recall(self, who: Who, loket: int) -> Visit:
        """Announce the loket's called number again."""
        return self._act(queue.recall, who, Act.CALL, day=today_wib(self.clock), loket=loket)

    def start(self, who: Who, visit_id: int) -> Visit:
        """The called visitor reached the loket."""
        return self._serve(who, serving.start_service, visit_id)

    def hold(self, who: Who, visit_id: int, reason: str) -> Visit:
        """Park the visitor while they fetch a document or a meterai."""
        return self._serve(who, serving.hold, visit_id, reason=reason)

    def resume(self, who: Who, visit_id: int) -> Visit:
        """The held visitor is back: front of the queue."""
        return self._serve(who, serving.resume, visit_id)

    def no_show(self, who: Who, visit_id: int) -> Visit:
        """The called visitor did not come."""
        return self._serve(who, serving.no_show, visit_id)

    def restore(self, who: Who, visit_id: int) -> Visit:
        """A no-show came within the window: front of the queue."""
        return self._serve(who, serving.restore, visit_id, policy=self.policy)

    def transfer(
        self, who: Who, visit_id: int, to_service: str, reason: str | None = None
    ) -> Visit:
        """Move the visit to another service, keeping its ticket and arrival."""
        return self._serve(
            who, serving.transfer, visit_id, catalog=self.catalog, to_service=to_service,
            reason=reason,
        )  # fmt: skip

    def finish(self, who: Who, visit_id: int, outcome: str, note: str | None = None) -> Visit:
        """Finish a served visit with its outcome."""
        return self._serve(who, serving.finish, visit_id, outcome=outcome, note=note,
                           by=staff_id_of(who))  # fmt: skip

    def cancel(self, who: Who, visit_id: int, reason: str) -> Visit:
        """The visitor left the queue."""
        return self._serve(who, serving.cancel, visit_id, reason=reason)

    def put_back(self, who: Who, loket: int, visit_id: int) -> Visit:
        """The officer leaves: the loket's visit waits again in its original place."""
        return self._serve(who, serving.put_back, visit_id, loket=loket)

    def _serve(self, who: Who, move: Callable[..., Visit], visit_id: int, **values) -> Visit:
        """One move of a visit at the loket, in its own transaction, once ``who`` may serve."""
        with write_session(self.engine) as session:
            return move(
                session=session, visit_id=visit_id, now=self.clock.now(),
                actor=access.actor(session, who, Act.SERVE), **values,
            )  # fmt: skip

    # the loket itself

    def open_loket(self, who: Who, loket: int) -> lokets.LoketState:
        """Open the loket (or reopen it after a pause)."""
        return self._at_loket(who, lokets.open_loket, loket)

    def pause_loket(self, who: Who, loket: int, reason: str) -> lokets.LoketState:
        """Pause calling with a reason."""
        return self._at_loket(who, lokets.pause_loket, loket, reason=reason)

    def close_loket(self, who: Who, loket: int, reason: str) -> lokets.LoketState:
        """Close the loket with a reason."""
        return self._at_loket(who, lokets.close_loket, loket, reason=reason)

    def _at_loket(
        self, who: Who, change: Callable[..., lokets.LoketState], loket: int, **values
    ) -> lokets.LoketState:
        """One change of the loket itself, in its own transaction, once ``who`` may run a loket;
        the loket is ``who``'s at the clock's now."""
        with write_session(self.engine) as session:
            return change(
                session=session, loket=loket, staff_id=staff_id_of(who), at=self.clock.now(),
                actor=access.actor(session, who, Act.LOKET), **values,
            )  # fmt: skip
