"""The desk's own way to take the next step an error points to: its key.

Errors from the domain and the store say what is wrong and what to do in words, never which
key to press (the CLI has no keys); ``refusal`` adds the desk's key for the step they name
(``DeskError.step``).
"""

from __future__ import annotations

from lpse_desk.domain.errors import DeskError, NextStep

STEP_HINTS: dict[str, str] = {
    NextStep.EDIT_VENDOR: "Ubah data penyedia: ctrl+e.",
    NextStep.INTAKE: "Penerimaan berkas: tekan i pada nomor itu.",
    NextStep.SAVE_CHECKLIST: "Buat daftar periksa: ctrl+s.",
    NextStep.OPEN_LOKET: "Buka loket: tekan j.",
}
"""The sentence each step adds on the desk."""


def refusal(exc: DeskError, *, choices: int | None = None) -> str:
    """The error's message with the key of the step it names, if any.

    ``choices`` is the number of answers on screen, for an error asking to choose one.
    """
    text = str(exc)
    step = getattr(exc, "step", None)
    if step == NextStep.ANSWER and choices:
        return f"{text} (tekan 1–{choices})"
    hint = STEP_HINTS.get(step) if step else None
    return f"{text} {hint}" if hint else text
