"""Spoken calls for the hall's display board, through espeak-ng where it is installed.

The board hands each sentence to an ``Announcer``, which speaks them one after another
on its own thread: the screen never waits for a voice, and a missing or broken speech
program only makes the board silent. No Textual here, so the voice is tested on its own.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

PROGRAMS = ("espeak-ng", "espeak")
"""Speech programs tried in this order (``espeak`` is the older one, same options)."""

VOICE = "id"
"""espeak's Indonesian voice."""

SPEED = 135
"""Words per minute; espeak's 175 is too quick to follow across a hall with an echo."""

WORD_GAP = 3
"""Extra pause between words, in units of 10 ms, so "nol nol tiga" stays three words."""

RETRY_AFTER = 60.0
"""Seconds to stay silent after a failure before trying the program again."""

SPEAK_TIMEOUT = 20.0
"""A sentence that takes longer than this means the program hangs (no sound device)."""

BACKLOG = 4
"""Sentences kept waiting at most; older ones are dropped, a late call is worse than none."""


class Speaker(Protocol):
    """What the board needs of a voice (the tests pass a recording fake)."""

    enabled: bool

    @property
    def available(self) -> bool:
        """Whether a speech program was found and is not failing."""
        ...

    def say(self, text: str) -> None:
        """Queue ``text`` to be spoken; returns at once and never raises."""
        ...

    def close(self) -> None:
        """Stop speaking; pending sentences are dropped."""
        ...


class Announcer:
    """Speaks sentences in Indonesian, one at a time, on a background thread."""

    def __init__(
        self,
        *,
        enabled: bool = True,
        program: str | None = None,
        voice: str = VOICE,
        speed: int = SPEED,
        retry_after: float = RETRY_AFTER,
        timeout: float = SPEAK_TIMEOUT,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.enabled = enabled
        """False: ``say`` drops everything (``--tanpa-suara``, or ``s`` on the board)."""
        self.program = program
        """A program name or path to use instead of looking for espeak-ng/espeak."""
        self.voice = voice
        self.speed = speed
        self.retry_after = retry_after
        self.timeout = timeout
        self._monotonic = monotonic
        self._pending: deque[str] = deque(maxlen=BACKLOG)
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self._speaking = False
        self._closed = False
        self._process: subprocess.Popen | None = None
        self._failed_at: float | None = None
        self.spoken = 0
        """Sentences the program finished speaking."""
        self.failures = 0
        """Attempts that failed (no program, non-zero exit, OS error, timeout)."""

    def find_program(self) -> str | None:
        """The path of the speech program, or None when none is installed."""
        if self.program is not None:
            if Path(self.program).is_file():
                return self.program
            return shutil.which(self.program)
        for name in PROGRAMS:
            found = shutil.which(name)
            if found:
                return found
        return None

    @property
    def available(self) -> bool:
        """A program is installed and the last attempt did not fail recently."""
        return not self._backing_off() and self.find_program() is not None

    def command(self, program: str, text: str) -> list[str]:
        """The command line that speaks ``text``."""
        # "--": a sentence starting with "-" must be spoken, not read as an option.
        return [program, "-v", self.voice, "-s", str(self.speed), "-g", str(WORD_GAP), "--", text]

    def say(self, text: str) -> None:
        """Queue ``text``; returns at once, never raises, drops it when disabled."""
        text = " ".join(text.split())
        if not self.enabled or self._closed or not text:
            return
        with self._condition:
            self._pending.append(text)
            if self._thread is None:
                thread = threading.Thread(target=self._run, name="papan-suara", daemon=True)
                try:
                    thread.start()
                except RuntimeError:  # no thread to spare: stay silent, try on the next call
                    self._pending.clear()
                    return
                self._thread = thread
            self._condition.notify_all()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until nothing is pending or being spoken (tests); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while self._pending or self._speaking:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._condition.wait(left)
        return True

    def close(self) -> None:
        """Drop what is pending and stop the sentence being spoken."""
        with self._condition:
            self._closed = True
            self._pending.clear()
            process = self._process
            self._condition.notify_all()
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):  # it may have ended just now
                process.kill()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._pending and not self._closed:
                    self._condition.wait()
                if self._closed:
                    return
                text = self._pending.popleft()
                self._speaking = True
            try:
                self._speak(text)
            except Exception:  # a voice must never take the board down
                self._failed()
            finally:
                with self._condition:
                    self._speaking = False
                    self._condition.notify_all()

    def _backing_off(self) -> bool:
        return (
            self._failed_at is not None and self._monotonic() - self._failed_at < self.retry_after
        )

    def _failed(self) -> None:
        self.failures += 1
        self._failed_at = self._monotonic()

    def _speak(self, text: str) -> None:
        if self._backing_off():
            return
        program = self.find_program()
        if program is None:
            self._failed()
            return
        try:
            process = subprocess.Popen(
                self.command(program, text),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # not executable, vanished since `which`, out of processes
            self._failed()
            return
        with self._condition:
            self._process = process
        try:
            code = process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            code = -1
        finally:
            with self._condition:
                self._process = None
        if code == 0:
            self.spoken += 1
            self._failed_at = None
        elif not self._closed:
            self._failed()
