"""The local store: SQLModel tables, engine, migrations and query functions.

Only this package imports SQLModel/SQLAlchemy. Query functions take a ``session``
keyword and return domain objects from ``lpse_desk.domain``.
"""
