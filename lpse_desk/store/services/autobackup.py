"""When the desk backs itself up: at the first login of each WIB day and every 200 receipts.

Several desks may log in at once: the one whose write transaction claims the backup in
``desk_meta`` takes it; a failed backup gives the claim back so the next chance retries.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from lpse_desk.domain.clock import WIB
from lpse_desk.store import backup
from lpse_desk.store.db import read_session, write_session
from lpse_desk.store.queries import meta
from lpse_desk.store.queries.receipts import count_receipts

DAY_KEY = "backup_day"
RECEIPTS_KEY = "backup_receipts"


def backup_if_due(
    engine: Engine, db_path: Path, folder: Path, *, keep: int, now: datetime, login: bool
) -> backup.BackupInfo | None:
    """Take a backup when one is due (and claim it first); None when none was due."""
    today = now.astimezone(WIB).date().isoformat()
    with read_session(engine) as session:  # most receipts find nothing due: no write lock
        if not _due(session, today, login=login)[0]:
            return None
    with write_session(engine) as session:  # the claim: one desk of several wins it
        due, last_day, last_receipts, receipts = _due(session, today, login=login)
        if not due:
            return None
        meta.put(session=session, key=DAY_KEY, value=today)
        meta.put(session=session, key=RECEIPTS_KEY, value=str(receipts))
    try:
        return backup.take(db_path, folder, now=now, keep=keep)
    except BaseException:
        with write_session(engine) as session:  # give the claim back: the next chance retries
            meta.put(session=session, key=DAY_KEY, value=last_day or "")
            meta.put(session=session, key=RECEIPTS_KEY, value=str(last_receipts))
        raise


def _due(session, today: str, *, login: bool) -> tuple[bool, str | None, int, int]:
    """Whether a backup is due, and what the claim replaces (day, receipts) and records."""
    last_day = meta.get(session=session, key=DAY_KEY)
    last_receipts = int(meta.get(session=session, key=RECEIPTS_KEY) or 0)
    receipts = count_receipts(session=session)
    due = (login and last_day != today) or receipts - last_receipts >= backup.AUTO_EVERY_RECEIPTS
    return due, last_day, last_receipts, receipts
