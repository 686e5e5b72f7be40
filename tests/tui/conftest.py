"""TUI fixtures: a plain terminal, and the demo day filled once per worker, copied per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from lpse_desk import paths
from lpse_desk.config import Settings
from lpse_desk.store.services.desk import DeskStore


@pytest.fixture(autouse=True, scope="session")
def _quicker_idle_checks() -> Iterator[None]:
    """Pilot waits after every key until the desk is idle, measured in 20 ms slices; 5 ms
    slices answer sooner when it is (most of each key's wait; the whole suite ran 3m46 →
    3m12 here). Every step still waits for the desk's messages and workers (``settle``),
    so no test asserts on a half-done key."""
    import textual._wait

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textual._wait, "SLEEP_GRANULARITY", 1 / 200)
        patch.setattr(textual._wait, "SLEEP_IDLE", 1 / 200 / 20)
        yield


@pytest.fixture(autouse=True)
def _no_paint_for_a_terminal_nobody_sees(request: pytest.FixtureRequest) -> Iterator[None]:
    """A headless desk lays out, handles every key and message, and renders every widget
    for its snapshots exactly as a real one; what it skips here is composing each frame for
    a terminal that does not exist (Textual builds the frame, then its headless driver throws
    it away: a third of a Pilot test's time). Modules marked ``paints`` (hostile text: every
    frame must be drawn without a crash) and every ``export_screenshot`` (full frames, the
    snapshots) still draw."""
    from textual._compositor import Compositor

    if request.node.get_closest_marker("paints"):
        yield
        return
    draw = Compositor.render_update

    def render_update(self, full=False, screen_stack=None, simplify=False):
        if full:  # export_screenshot: the snapshot tests and the screen texts they read
            return draw(self, full=full, screen_stack=screen_stack, simplify=simplify)
        self._dirty_regions.clear()  # as a drawn frame would leave them
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Compositor, "render_update", render_update)
        yield


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR or a forced colour system would change every snapshot."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _instant_login_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The login screen's minimum answer time (0.5 s) would add up over every Pilot login."""
    from lpse_desk.tui.screens.login import LoginScreen

    monkeypatch.setattr(LoginScreen, "min_answer_seconds", 0)


@pytest.fixture(autouse=True)
def _no_settling_after_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot presses the next key at once after a dialog closes, as no officer can; the
    moment the queue's keys wait then (``SettlesAfterDialog``) is tested on its own."""
    from lpse_desk.tui.blocked import SettlesAfterDialog

    monkeypatch.setattr(SettlesAfterDialog, "SETTLE_SECONDS", 0)


@pytest.fixture
def demo_day(demo_db, db_url) -> str:
    """A fresh copy of the demo day at ``db_url`` (what ``fill_demo`` would give at ``clock``)."""
    shutil.copyfile(demo_db, paths.default_db_path())
    os.chmod(paths.default_db_path(), 0o600)  # as the desk makes it: no "made private" notice
    return db_url


@pytest.fixture
def desk(demo_day, clock):
    """A fresh copy of the demo day, and a store for the test (a second desk, the kiosk)."""
    store = DeskStore.open(Settings(db_url=demo_day), clock)
    yield store
    store.close()
