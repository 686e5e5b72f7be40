"""The SQLModel tables, one module per area; schema changes go through Alembic migrations.

Importing any of them imports them all, so the metadata always holds every table (the
foreign keys name each other's tables).
"""

from lpse_desk.store.tables import cases, desk, ikm, queue, review, vendors  # noqa: F401
