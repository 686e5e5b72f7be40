"""Desk processes for the tests that run several desks at once.

A desk is a separate program: its own interpreter, its own engine and connections, sharing
only the database. ``desk_processes`` gives a multiprocessing context whose processes are
exactly that (nothing crosses from the test process: no engine, no open connection, no
thread) without paying an interpreter's start and the store's imports for each one:
``forkserver`` starts one fresh interpreter per test process, imports the store there once,
and forks each desk from it (spawn took ~0.8 s of CPU a desk, dozens of desks a run).
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

PRELOAD = [
    "sqlalchemy",
    "sqlmodel",
    "lpse_desk.store.db",
    "lpse_desk.store.queries.queue",
    "lpse_desk.store.services.staff",
    "lpse_desk.store.upsert",
]
"""What the desks import, loaded once in the fork server (a desk imports anything else
itself, as a fresh interpreter would)."""


def desk_processes() -> BaseContext:
    """A context whose processes are fresh interpreters, forked from a clean server."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # no effect once this test process's server runs
    return context
