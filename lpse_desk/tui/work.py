"""One way back from a worker: run a store call in a thread, post what came of it.

A screen (or dialog) names each kind of work it runs with a :class:`Job` and hands the
call to :func:`load` (data to show) or :func:`act` (a change). The call runs in a thread
worker that never touches a widget; what came of it arrives as one message on the
screen, carrying the job back so the handler knows what answered:

- :class:`Loaded` — ``data`` of a load (typed by the job: ``Job[QueueView]``);
- :class:`Done` — ``result`` of an action;
- :class:`Refused` — the store refused (a ``DeskError``; ``reason`` is its Indonesian text);
- :class:`Failed` — anything else (a locked or lost database, a full disk); ``reason`` is
  the Indonesian description of the fault (``store.faults``, through ``tui.storeside``).

Both of the last are a :class:`NotDone`; a screen that answers them alike writes one
handler and ``on_work_failed = on_work_refused``. A ``StoreFault`` the store raises itself
is a ``DeskError`` and arrives as :class:`Refused`, as the screens always showed it.

There is one error handler, here: the screen decides only what to say and what to do next.
A screen that makes one change at a time and waits for it answers through :class:`OneChange`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message
from textual.worker import get_current_worker

from lpse_desk.domain.errors import DeskError
from lpse_desk.tui import hints

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Job(Generic[T]):
    """One kind of work a screen runs; its messages carry it back (compare with ``is``).

    The type parameter is what the call returns, so ``Loaded[T].data`` of a
    ``Job[QueueView]`` is a ``QueueView``. A subclass may carry what the screen says
    when the job is done (``screens.acting.Action``)."""

    name: str
    """For logs and worker names only; the job object itself is the key."""


@dataclass
class Outcome(Message, bubble=False, namespace="work"):
    """Base of what a worker posts: which job answered. Stays on the node it was posted to."""

    job: Job[Any]


@dataclass
class Loaded(Outcome, Generic[T], bubble=False, namespace="work"):
    """A load's data arrived."""

    data: T


@dataclass
class Done(Outcome, Generic[T], bubble=False, namespace="work"):
    """An action went through; ``result`` is what the store call returned."""

    result: T


@dataclass
class NotDone(Outcome, bubble=False, namespace="work"):
    """What Refused and Failed share: a screen that answers both alike handles this.

    (``on_work_failed = on_work_refused`` in the class body, and ``said()`` for the words.)"""

    reason: str
    """Indonesian, for the officer."""
    error: BaseException
    """What was raised: a refusal's kind, or what broke for the log (never shown: it may be
    the driver's English)."""

    def said(self, failed: str = "") -> str:
        """The reason as shown; a failure's after ``failed`` (``Gagal: …``) when given."""
        return self.reason


@dataclass
class Refused(NotDone, bubble=False, namespace="work"):
    """The store refused (a domain rule, another desk was faster); ``reason`` is its words."""

    error: DeskError


@dataclass
class Failed(NotDone, bubble=False, namespace="work"):
    """The call broke (a locked or lost database, a full disk); ``reason`` is Indonesian."""

    def said(self, failed: str = "") -> str:
        """The reason after ``failed: `` when given (``Gagal: basis data terkunci …``)."""
        return f"{failed}: {self.reason}" if failed else self.reason


def outcome_of(job: Job[T], call: Callable[[], T], *, loading: bool) -> Outcome:
    """Run ``call`` and say what came of it: the one error handler of the desk's workers."""
    try:
        result = call()
    except DeskError as exc:
        return Refused(job, hints.refusal(exc), exc)
    except Exception as exc:  # noqa: BLE001 - a broken store must never crash the desk
        # Deferred: only a failure needs the words for it, and no screen's import loads store/.
        from lpse_desk.tui.storeside import describe

        return Failed(job, describe(exc), exc)
    return Loaded(job, result) if loading else Done(job, result)


def _run(
    node: DOMNode,
    job: Job[T],
    call: Callable[[], T],
    *,
    loading: bool,
    group: str,
    exclusive: bool,
) -> Worker[None]:
    def work() -> None:
        outcome = outcome_of(job, call, loading=loading)
        if loading and get_current_worker().is_cancelled:
            # A newer load of the same group replaced this one (a filter pressed meanwhile):
            # rows read before it must not arrive after it. An action's outcome always
            # arrives: its write happened.
            return
        node.post_message(outcome)

    return node.run_worker(work, name=job.name, group=group, exclusive=exclusive, thread=True)


def load(
    node: DOMNode,
    job: Job[T],
    call: Callable[[], T],
    *,
    group: str = "load",
    exclusive: bool = True,
) -> Worker[None]:
    """Read data in a thread; ``node`` receives :class:`Loaded` (or Refused/Failed).

    Exclusive by default: a newer load of the same group cancels the one still running."""
    return _run(node, job, call, loading=True, group=group, exclusive=exclusive)


def act(
    node: DOMNode,
    job: Job[T],
    call: Callable[[], T],
    *,
    group: str = "act",
    exclusive: bool = False,
) -> Worker[None]:
    """Change something in a thread; ``node`` receives :class:`Done` (or Refused/Failed)."""
    return _run(node, job, call, loading=False, group=group, exclusive=exclusive)


class OneChange:
    """For a screen or dialog that makes one change at a time and waits for it.

    ``CHANGE`` is its job: ``change_done`` takes what the call returned, and the screen's
    ``_refused`` the words of a refusal or a failure (``refusal``: a failure's after ``FAILED``)."""

    CHANGE: Job[Any]
    """The change's job; its name is the worker's group, so a newer call replaces one running."""
    FAILED = "Gagal menyimpan"
    """What a failure's reason is said after (``Gagal menyimpan: basis data terkunci``)."""
    busy = False
    """The change is running: the keys that would start another wait for its answer."""

    def make_change(self, call: Callable[[], Any]) -> None:
        """Run ``call`` in a thread, busy until its answer comes back as ``CHANGE``."""
        self.busy = True
        act(self, self.CHANGE, call, group=self.CHANGE.name, exclusive=True)

    def change_done(self, result: Any) -> None:
        """The change went through."""
        raise NotImplementedError

    def on_work_done(self, message: Done[Any]) -> None:
        """The change went through: on to ``change_done``."""
        if message.job is self.CHANGE:
            self.busy = False
            self.change_done(message.result)

    def refusal(self, message: NotDone) -> str:
        """What a refusal or a failure of the change says."""
        return message.said(failed=self.FAILED)

    def on_work_refused(self, message: NotDone) -> None:
        """Refused, or a broken store (locked, lost): ``_refused`` says why."""
        if message.job is self.CHANGE:
            self.busy = False
            self._refused(self.refusal(message))

    on_work_failed = on_work_refused
