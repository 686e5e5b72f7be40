"""The board's voice: espeak-ng when installed, silence otherwise, never an error.

A fake ``espeak-ng`` written into ``tmp_path`` and put first on PATH takes the real
subprocess path and writes down what it was asked to say; no sound is needed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from lpse_desk.domain.queue.rules import announcement
from lpse_desk.tui.voice import Announcer

SENTENCE = "Nomor antrian A nol nol tiga, silakan ke loket dua"
SYSTEM_PATH = os.environ.get("PATH", "/usr/bin:/bin")


def fake_program(folder: Path, name: str, body: str) -> Path:
    """An executable shell script called ``name`` in ``folder``."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    # The test's PATH holds only the fakes; the script itself needs sleep and friends.
    script.write_text(f"#!/bin/sh\nPATH='{SYSTEM_PATH}'\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.fixture
def bin_dir(tmp_path, monkeypatch) -> Path:
    """An empty folder that is the whole PATH: no real espeak can answer."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.fixture
def log(tmp_path) -> Path:
    return tmp_path / "said.log"


def recorder(log: Path, extra: str = "") -> str:
    """Script body: one line per call, the arguments separated by ``|``."""
    return f'{extra}\nIFS="|"; echo "$*" >> "{log}"'


def calls(log: Path) -> list[list[str]]:
    if not log.exists():
        return []
    return [line.split("|") for line in log.read_text(encoding="utf-8").splitlines()]


def test_the_sentence_for_a_ticket():
    assert announcement("A-003", 2) == SENTENCE
    assert announcement("D-120", 12) == ("Nomor antrian D satu dua nol, silakan ke loket dua belas")


def test_without_espeak_the_board_is_silent(bin_dir):
    voice = Announcer()
    assert voice.find_program() is None
    assert voice.available is False
    voice.say(SENTENCE)
    assert voice.wait_idle()
    assert (voice.spoken, voice.failures) == (0, 1)
    voice.close()


def test_espeak_ng_is_asked_for_the_indonesian_voice(bin_dir, log):
    fake_program(bin_dir, "espeak-ng", recorder(log))
    voice = Announcer()
    assert voice.available
    voice.say(SENTENCE)
    assert voice.wait_idle()
    [args] = calls(log)
    assert args[args.index("-v") + 1] == "id"
    assert args[-1] == SENTENCE
    assert args[-2] == "--"
    assert voice.spoken == 1
    voice.close()


def test_the_older_espeak_is_accepted(bin_dir, log):
    fake_program(bin_dir, "espeak", recorder(log))
    voice = Announcer()
    voice.say(SENTENCE)
    assert voice.wait_idle()
    assert calls(log)[0][-1] == SENTENCE


def test_say_returns_at_once_and_sentences_never_overlap(bin_dir, log, tmp_path):
    gate = tmp_path / "gate"
    # Each call waits for the gate, then writes its start and end around a short pause.
    body = (
        f'while [ ! -e "{gate}" ]; do sleep 0.01; done\n'
        "for text; do :; done\n"  # the last argument
        f'echo "start $text" >> "{log}"; sleep 0.05; echo "end $text" >> "{log}"'
    )
    fake_program(bin_dir, "espeak-ng", body)
    voice = Announcer()
    for number in (1, 2, 3):
        voice.say(f"kalimat{number}")  # would hang here if say() waited for the program
    assert not log.exists()
    gate.touch()
    assert voice.wait_idle()
    lines = log.read_text(encoding="utf-8").split()
    assert lines == [
        "start",
        "kalimat1",
        "end",
        "kalimat1",
        "start",
        "kalimat2",
        "end",
        "kalimat2",
        "start",
        "kalimat3",
        "end",
        "kalimat3",
    ]


def test_a_failing_espeak_is_harmless_and_retried_later(bin_dir, log):
    fake_program(bin_dir, "espeak-ng", recorder(log, "echo 'voice not found' >&2") + "\nexit 1")
    now = [100.0]
    voice = Announcer(retry_after=60, monotonic=lambda: now[0])
    voice.say(SENTENCE)
    voice.say(SENTENCE)
    assert voice.wait_idle()
    assert len(calls(log)) == 1  # the second call did not knock on a broken program again
    assert voice.failures == 1
    assert voice.available is False
    now[0] += 61
    voice.say(SENTENCE)
    assert voice.wait_idle()
    assert len(calls(log)) == 2


def test_a_program_that_cannot_run_is_harmless(tmp_path):
    not_executable = tmp_path / "espeak-ng"
    not_executable.write_text("not a program")
    voice = Announcer(program=str(not_executable))
    voice.say(SENTENCE)
    assert voice.wait_idle()
    assert (voice.spoken, voice.failures) == (0, 1)


def test_a_hanging_program_is_stopped(bin_dir, log):
    fake_program(bin_dir, "espeak-ng", "exec sleep 5")
    voice = Announcer(timeout=0.2)
    voice.say(SENTENCE)
    assert voice.wait_idle(timeout=3)
    assert voice.failures == 1


def test_disabled_or_closed_says_nothing(bin_dir, log):
    fake_program(bin_dir, "espeak-ng", recorder(log))
    voice = Announcer(enabled=False)
    voice.say(SENTENCE)
    assert voice.wait_idle()
    voice.enabled = True
    voice.close()
    voice.say(SENTENCE)
    assert voice.wait_idle()
    assert calls(log) == []
