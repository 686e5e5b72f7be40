"""All SQL of the desk: keyword-only functions per aggregate that take ``session=`` and
return domain objects (never ORM rows outside the store).

They never open a session or a transaction: the caller (``store.services``) does, so a
service can combine several queries in one transaction.
"""
