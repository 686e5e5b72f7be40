"""Who makes a change, and how the event log names them.

A staff member at the desk, or the command line (``cli:<os user>``); what each may do is
decided in ``domain.access``.
"""

from __future__ import annotations

import getpass

from lpse_desk.domain.access import SystemActor, SystemKind
from lpse_desk.domain.entities import StaffMember


def actor_for(staff: StaffMember) -> str:
    """How a staff member is named in the log: ``Siti Rahma (#2)``."""
    return f"{staff.name} (#{staff.id})"


Who = StaffMember | SystemActor
"""Who makes a change: the staff member at the desk, or the command line (``cli:ratna``).

What each may do is decided in ``domain.access`` and checked by ``store.queries.access``; a bare
string is refused by every action that changes something.
"""


def actor_of(who: Who | str) -> str:
    """The log's name for ``who``."""
    if isinstance(who, StaffMember):
        return actor_for(who)
    return who.name if isinstance(who, SystemActor) else who


def staff_id_of(who: Who) -> int | None:
    """The staff id of ``who``, when it is a staff member."""
    return who.id if isinstance(who, StaffMember) else None


def cli_who() -> SystemActor:
    """The command line as an actor (``cli:<os user>``): it may take only the acts
    ``domain.access.SYSTEM_GRANTS`` gives it."""
    return SystemActor(cli_actor(), SystemKind.CLI)


def cli_actor() -> str:
    """The actor of a command-line change: ``cli:<os user>``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "tidak-dikenal"
    return f"cli:{user}"
