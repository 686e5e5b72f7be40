"""CLI listings print names literally: control characters escaped, one record per line."""

from __future__ import annotations

from typer.testing import CliRunner

from lpse_desk.cli.main import app

runner = CliRunner()

HOSTILE = "Ani\tBudi\nC-999\tpalsu \x1b[2J[/]"
"""A tab and a newline would forge a second record; the escape would clear the terminal."""

SHOWN = "Ani\\tBudi\\nC-999\\tpalsu \\x1b[2J[/]"


def lpse(*args: str, input: str | None = None):
    """Run ``lpse-desk ARGS`` in-process."""
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_queue_list_prints_one_line_per_visit_with_control_characters_escaped(migrated_home):
    assert lpse("queue", "take", "REG", "--nama", HOSTILE).exit_code == 0
    assert lpse("queue", "take", "UID", "--nama", "Rina").exit_code == 0
    result = lpse("queue", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[:4] == ["A-001", "menunggu", SHOWN, "REG"]
    assert "\x1b" not in result.stdout
