"""Indonesian wording for the command-line parser: its usage errors and its help pages.

Typer's bundled Click writes its usage errors in English with no translation
hook, so ``run`` catches them and says the same thing in Indonesian. Its help
pages are written by a ``HelpFormatter``, which Click lets a program replace
(``Context.formatter_class``): ``IndonesianHelp`` writes the same page with
Indonesian headings, usage line and the parser's own words ("[required]",
"Show this message and exit.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from typer._click.exceptions import NoSuchOption, UsageError
from typer._click.formatting import HelpFormatter


def _compiled(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


# Whole messages, tried in order; the first match wins.
_PATTERNS = _compiled(
    (
        (r"^Missing argument '(.+)'\.?$", r"Argumen \1 belum diisi."),
        (r"^Missing option '([^']+)'(?: / '[^']+')*\.?$", r"Opsi \1 wajib diisi."),
        (r"^No such command '(.+?)'\.(?: Did you mean (.+)\?)?$", r"Perintah '\1' tidak dikenal."),
        (r"^No such option: (\S+)(?: \(Possible options: .+\))?$", r"Opsi \1 tidak dikenal."),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", r"Argumen berlebih: \1."),
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


def translate(message: str, suggestions: Sequence[str] = ()) -> str:
    """The Indonesian form of a Click usage error (unchanged if unknown), ending with the
    options meant (``suggestions``) when there are any."""
    text = message.strip()
    for pattern, replacement in _PATTERNS:
        if pattern.match(text):
            text = pattern.sub(replacement, text)
            break
    for pattern, replacement in _VALUE_PATTERNS:
        text = pattern.sub(replacement, text)
    if len(suggestions) == 1:
        text += f" Maksud Anda {suggestions[0]}?"
    elif suggestions:
        text += f" Maksud Anda salah satu dari {', '.join(suggestions)}?"
    return text


def usage_error(exc: UsageError) -> str:
    """What a Click usage error says, in Indonesian.

    For an unknown option Click lists the close names it knows, English aliases
    included (``--rol`` gives ``--role``); each is said by the name its option is
    declared with first, the Indonesian one (``--peran``), once. An unknown command is
    followed by the commands there are."""
    suggestions: list[str] = []
    if isinstance(exc, NoSuchOption) and exc.possibilities:
        primary: dict[str, str | None] = {}
        if exc.ctx is not None:
            for param in exc.ctx.command.params:
                hidden = getattr(param, "hidden", False)
                # each half of an on/off flag by its own first name: --no-cetak → --tanpa-cetak
                for names in (param.opts, param.secondary_opts):
                    for name in names:
                        primary.setdefault(name, None if hidden else names[0])
        for name in sorted(exc.possibilities):
            said = primary.get(name, name)
            if said is not None and said not in suggestions:
                suggestions.append(said)
        return translate(exc.message, suggestions)
    message = exc.format_message()
    said = translate(message)
    commands = getattr(exc.ctx.command, "commands", None) if exc.ctx is not None else None
    if commands and said.startswith("Perintah '"):  # an unknown command: name those there are
        close = re.search(r" Did you mean (.+)\?$", message)
        if close:
            said += f" Maksud Anda {close.group(1).replace(', ', ' atau ')}?"
        shown = [name for name, command in commands.items() if not command.hidden]
        said += f" Perintah yang ada: {', '.join(shown)}."
    return said


_HEADINGS = {"Options": "Opsi", "Arguments": "Argumen", "Commands": "Perintah"}
# The parser's own words inside a help page (usage line, option rows), tried in order.
_HELP_WORDS = (
    ("[OPTIONS]", "[OPSI]"),
    ("COMMAND [ARGS]...", "PERINTAH [ARG]..."),
    ("Show this message and exit.", "Tampilkan bantuan ini lalu keluar."),
    ("[required]", "[wajib]"),
    ("[default: ", "[bawaan: "),
    ("[env var: ", "[variabel lingkungan: "),
    ("<int range>", "<bilangan>"),
    ("<float range>", "<desimal>"),
    ("<int>", "<bilangan>"),
    ("<float>", "<desimal>"),
    ("<str>", "<teks>"),
    ("<path>", "<berkas>"),
)


def help_words(text: str) -> str:
    """``text`` of a help page with the parser's English words said in Indonesian."""
    for english, indonesian in _HELP_WORDS:
        text = text.replace(english, indonesian)
    return text


class IndonesianHelp(HelpFormatter):
    """Click's help page, said in Indonesian (``lpse-desk ... -h``)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, help_words(args), "Penggunaan: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args, **kwargs) -> None:
        rows = [(help_words(term), help_words(text)) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)
