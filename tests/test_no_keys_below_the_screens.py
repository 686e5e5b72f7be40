"""Below the screens, messages name the next step, never a key: the CLI has no keys, and the
desk adds its own (``tui/hints.py``)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import lpse_desk
from lpse_desk.domain.errors import ConfigError, DeskError, NextStep, ValidationError
from lpse_desk.tui import hints

PACKAGE = Path(lpse_desk.__file__).parent
BELOW_THE_SCREENS = ("domain", "store", "demo", "catalog", "receipts")
KEY_WORDS = re.compile(r"\b(ctrl|alt|shift)\+\w|\btekan\b|\bEnter\b|\bEsc\b", re.IGNORECASE)


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]  # fmt: skip


def test_no_message_below_the_screens_names_a_key():
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for folder in BELOW_THE_SCREENS
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for line, text in _strings(path)
        if KEY_WORDS.search(text)
    ]
    assert found == []


def test_the_check_sees_a_key_in_a_message():
    assert KEY_WORDS.search("perbaiki data penyedia (ctrl+e)")
    assert KEY_WORDS.search("tekan i untuk penerimaan berkas")
    assert not KEY_WORDS.search("perbaiki data penyedia dulu")


@pytest.mark.parametrize(
    ("step", "key"),
    [
        (NextStep.EDIT_VENDOR, "ctrl+e"),
        (NextStep.INTAKE, "tekan i"),
        (NextStep.SAVE_CHECKLIST, "ctrl+s"),
    ],
)
def test_the_desk_adds_the_key_of_the_step_an_error_names(step, key):
    shown = hints.refusal(ValidationError("Perbaiki dulu.", field="x", step=step))
    assert shown.startswith("Perbaiki dulu. ") and key in shown


def test_an_error_without_a_step_is_shown_as_it_is():
    assert hints.refusal(DeskError("Nomor itu sudah dipanggil")) == "Nomor itu sudah dipanggil"
    assert hints.refusal(ConfigError("Berkas pengaturan rusak")) == "Berkas pengaturan rusak"


def test_choosing_an_answer_names_the_digits_on_screen():
    error = ValidationError("Pilih salah satu jawaban", step=NextStep.ANSWER)
    assert hints.refusal(error, choices=4) == "Pilih salah satu jawaban (tekan 1–4)"
    assert hints.refusal(error) == "Pilih salah satu jawaban"
