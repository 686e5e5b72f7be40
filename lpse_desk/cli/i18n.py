"""Indonesian wording for the command-line parser's usage errors.

Typer's bundled Click writes its usage errors in English with no translation
hook, so ``run`` catches them and says the same thing in Indonesian.
"""

from __future__ import annotations

import re


def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


# Whole messages, tried in order; the first match wins.
_PATTERNS = _compiled(
    (
        (r"^Missing argument '(.+)'\.?$", r"Argumen \1 belum diisi."),
        (r"^Missing option '(.+)'\.?$", r"Opsi \1 wajib diisi."),
        (r"^No such command '(.+)'\.?$", r"Perintah '\1' tidak dikenal."),
        (r"^No such option: (\S+)(?: Did you mean (\S+)\?)?$", r"Opsi \1 tidak dikenal."),
        (r"^Got unexpected extra arguments? \((.+)\)$", r"Argumen berlebih: \1."),
        (r"^Option '(.+)' requires an argument\.?$", r"Opsi \1 memerlukan nilai."),
        (r"^Invalid value for '(.+?)': (.+)$", r"Nilai untuk \1 tidak valid: \2"),
    )
)
# Phrases about a value inside a message; all are applied.
_VALUE_PATTERNS = _compiled(
    (
        (r"'(.*)' is not a valid integer\.?", r"'\1' bukan bilangan bulat."),
        (r"(\S+) is not in the range (.+)\.?", r"\1 di luar rentang \2."),
        (r"'(.*)' is not one of (.+)\.?", r"'\1' bukan salah satu dari \2."),
        (r"Input should be a valid integer.*", "harus bilangan bulat."),
        (r"Input should be greater than or equal to (\S+?)\.?$", r"paling kecil \1."),
        (r"Input should be less than or equal to (\S+?)\.?$", r"paling besar \1."),
    )
)


def translate(message: str) -> str:
    """The Indonesian form of a Click usage error (unchanged if unknown)."""
    text = message.strip()
    suggestion = re.search(r"Did you mean (\S+)\?", text)
    for pattern, replacement in _PATTERNS:
        if pattern.match(text):
            text = pattern.sub(replacement, text)
            break
    for pattern, replacement in _VALUE_PATTERNS:
        text = pattern.sub(replacement, text)
    if suggestion:
        text += f" Maksud Anda {suggestion.group(1)}?"
    return text
