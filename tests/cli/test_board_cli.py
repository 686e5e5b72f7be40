"""``lpse-desk board``: options reach the board; the help is Indonesian and light."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from lpse_desk.cli.main import app
from lpse_desk.tui.board import BoardApp
from lpse_desk.tui.voice import Announcer

runner = CliRunner()


@pytest.fixture
def opened(monkeypatch) -> list[BoardApp]:
    """The boards the command would have run (none is really started), as from a terminal
    (CliRunner's streams are not one)."""
    from lpse_desk.cli import desk

    boards: list[BoardApp] = []
    monkeypatch.setattr(desk, "on_a_terminal", lambda: True)
    monkeypatch.setattr(BoardApp, "run", lambda self, *a, **k: boards.append(self))
    return boards


def test_help_is_in_indonesian(desk_home):
    result = runner.invoke(app, ["board", "--help"])
    assert result.exit_code == 0, result.output
    assert "Papan antrian layar penuh" in result.stdout
    assert "--tanpa-suara" in result.stdout
    assert "--panggilan-terakhir" in result.stdout


def test_the_board_speaks_by_default(desk_home, opened):
    result = runner.invoke(app, ["--db", "sqlite:///x.db", "board"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [board] = opened
    assert isinstance(board.announcer, Announcer) and board.announcer.enabled
    assert board.settings.db_url == "sqlite:///x.db"
    assert board.recent == 6


def test_silent_with_fewer_recent_calls(desk_home, opened):
    result = runner.invoke(
        app, ["board", "--tanpa-suara", "--panggilan-terakhir", "3"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    [board] = opened
    assert board.announcer.enabled is False
    assert board.recent == 3


def test_more_recent_calls_than_the_store_keeps_is_refused(desk_home, opened):
    result = runner.invoke(app, ["board", "--panggilan-terakhir", "9"])
    assert result.exit_code == 2
    assert opened == []
