"""The event log as the command line reads it (``lpse-desk audit list``)."""

from __future__ import annotations

from sqlalchemy import Engine

from lpse_desk.domain.audit import MAX_LIMIT, AuditFilter, AuditPage
from lpse_desk.store.db import read_session
from lpse_desk.store.queries import auditlog


def log_page(engine: Engine, *, wanted: AuditFilter, limit: int = MAX_LIMIT) -> AuditPage:
    """The filtered log, oldest first. Read without a PIN: whoever can read the database
    file can read the log (the desk's audit screen is ``DeskStore.audit_events``, admins only)."""
    with read_session(engine) as session:
        return auditlog.audit_events(session=session, wanted=wanted, limit=limit)
