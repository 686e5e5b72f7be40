"""Small forms over the current screen; each runs its store call and stays open on an error.

A dialog is given the store call to make (``perform``). It runs it in a thread
worker (``tui.work``); a refusal (``DeskError``) is shown inside the dialog and nothing
closes, so the officer can correct the input. On success the dialog closes with the
result, typed by the call: a ``FieldsDialog[Visit]`` dismisses a ``Visit`` (None on Escape).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from lpse_desk.domain.errors import DeskError
from lpse_desk.tui import hints, safe
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Job, NotDone, OneChange

ResultT = TypeVar("ResultT")
"""What a dialog's store call returns, and so what the dialog dismisses with."""

SAVE: Job[object] = Job("dialog-save")
"""A dialog's own store call (a subclass's other work carries another job)."""

OTHER = "__lainnya__"

Shown = str | Content | Text
"""A title or help text: a str is markup written in this code; user text comes through
``safe`` (``plain``, ``fill``, ``message``) and is shown literally."""


def numbered(choices: Iterable[tuple[str, str]], id: str) -> OptionList:
    """``1. label``, ``2. label``…: a pick-list whose digits pick (``ActionDialog.on_key``);
    (value, label) per line, the label shown as typed."""
    return OptionList(
        *[
            Option(safe.plain(f"{n}. {label}"), id=value)
            for n, (value, label) in enumerate(choices, 1)
        ],
        id=id,
    )


class DialogForm(VerticalScroll, can_focus=False):
    """A dialog's frame: scrolls the focused field into view on a short terminal, and never
    takes the focus (nor the keys) itself."""


class ActionDialog(OneChange, ModalScreen[ResultT | None]):
    """Base: a titled form whose submit runs ``perform`` in a worker."""

    CHANGE = SAVE

    BINDINGS = [
        Binding("escape", "cancel", "Batal", id="cancel"),
        Binding("ctrl+s", "submit", "Simpan", id="submit", priority=True),
    ]
    DEFAULT_CSS = """
    ActionDialog { align: center middle; }
    ActionDialog > .form { width: 72; max-width: 100%; max-height: 90%; }
    ActionDialog OptionList { height: auto; max-height: 8; }
    ActionDialog .form-keys { color: $text-muted; }
    ActionDialog .form-error { margin-top: 0; }
    ActionDialog .form-help { margin-bottom: 0; }
    """

    KEYS_HINT = "Enter/ctrl+s simpan · Esc batal"
    """The keys line under the title; a choice says "pilih", not "simpan"."""

    SAVE_FROM: str | None = None
    """The field (or pick-list) whose Enter saves; Enter on any other moves on to the next.
    None: the dialog answers Enter itself."""

    FIELD_IDS: ClassVar[dict[str, str]] = {}
    """A refusal's field (``ValidationError.field``, the domain's name) → the widget id that
    takes the focus, where they differ; a field with the same id needs no entry."""

    def __init__(self, title: Shown, help_text: Shown = "") -> None:
        super().__init__()
        self.title_text = title
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        """The frame; subclasses fill ``body``."""
        # Scrolls when taller than the terminal: the focused field is scrolled into view.
        with DialogForm(classes="form dialog-form"):
            yield Static(self.title_text, classes="form-title")
            if self.help_text:
                yield Static(self.help_text, classes="form-help")
            yield Static(self.KEYS_HINT, classes="form-keys")
            # Above the fields, so a refusal is seen even on a short terminal.
            yield Static("", classes="form-error")
            yield from self.body()

    def body(self) -> ComposeResult:
        """The fields."""
        yield from ()

    def values(self) -> Callable[[], ResultT]:
        """The store call for the current input (may raise DeskError to refuse early)."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        """Say what is wrong, inside the dialog; a refusal quoting a name shows it as typed."""
        self.query_one(".form-error", Static).update(safe.message(message))

    @on(Input.Changed)
    def _typing_clears_the_refusal(self, event: Input.Changed) -> None:
        """A refusal said of what was typed goes once the person types again (it stayed
        beside a field already filled in, as if still wrong)."""
        if not (event.value and event.input.has_focus):
            return  # not typing: a field the dialog emptied or filled itself (a wrong PIN)
        error = self.query(".form-error")
        if error and str(error.first(Static).visual):
            self.show_error("")

    def on_key(self, event: events.Key) -> None:
        """A digit on a numbered pick-list picks that line and moves on; it never submits.

        The same in every dialog: only Enter (or ctrl+s) saves, so the Enter an officer
        presses after a digit is the dialog's, and never lands on the screen below.
        """
        focused = self.focused
        # ASCII digits only: "²" is a digit to isdigit() but not to int().
        digit = (
            event.character is not None
            and len(event.character) == 1
            and event.character in "0123456789"
        )
        if not (isinstance(focused, OptionList) and digit):
            return
        index = int(event.character) - 1
        if 0 <= index < focused.option_count:
            event.stop()
            event.prevent_default()
            focused.highlighted = index
            self.picked(focused)

    def picked(self, option_list: OptionList) -> None:
        """After a digit picked a line: on to the next field (if there is one)."""
        self.focus_next()

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _enter_moves_on(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        if self.SAVE_FROM is None:
            return
        event.stop()
        if event.control.id == self.SAVE_FROM:
            self.action_submit()
        else:
            self.focus_next()

    def action_submit(self) -> None:
        """Validate and run the store call."""
        if self.busy:
            return
        try:
            call = self.values()
        except DeskError as exc:
            self.show_error(hints.refusal(exc))
            self.focus_field(exc)
            return
        self.show_error("")
        self.make_change(call)

    def focus_field(self, error: BaseException) -> None:
        """The focus to the field a refusal names (typing on must not land in another)."""
        field = getattr(error, "field", None)
        if not field:
            return
        found = self.query(f"#{self.FIELD_IDS.get(field, field)}")
        if found:
            found.first().focus()

    def on_work_refused(self, message: NotDone) -> None:
        """The store's refusal said (``OneChange``), and its field focused."""
        super().on_work_refused(message)
        if message.job is self.CHANGE:
            self.focus_field(message.error)

    on_work_failed = on_work_refused

    def change_done(self, result: ResultT) -> None:
        """Saved: close with the store call's result."""
        self.dismiss(result)

    def _refused(self, message: str) -> None:
        self.busy = False
        self.show_error(message)

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(None)


class FieldsDialog(ActionDialog[ResultT]):
    """A few text fields; Enter moves on, Enter in the last one submits.

    A field with a check (``checks``: field id → a function that raises ``DeskError`` for a
    wrong value) is checked when Enter leaves it and again before submitting: a wrong value
    is said at once and keeps the focus on its own field, never on the next one."""

    def __init__(
        self,
        title: Shown,
        fields: Sequence[tuple[str, str, str]],
        perform: Callable[[dict[str, str]], ResultT],
        *,
        help_text: Shown = "",
        initial: Mapping[str, str] | None = None,
        checks: Mapping[str, Callable[[str], object]] | None = None,
        warn: Callable[[dict[str, str]], str | None] | None = None,
        limits: Mapping[str, int] | None = None,
        yes: str = "simpan",
    ) -> None:
        super().__init__(title, help_text)
        self.limits = dict(limits or {})
        """Field id → its length as the store takes it, where it is not 200 characters."""
        self.yes = yes
        self.warn = warn
        """What the typed values would do that the person may not mean (a caution, not a
        refusal): said once; Enter or ctrl+s again on the same values goes ahead."""
        self.warned_for: dict[str, str] | None = None
        self.fields = list(fields)
        """(id, label, placeholder) per field."""
        self.perform = perform
        self.initial = dict(initial or {})
        """The current value per field id, when the dialog edits something that exists."""
        self.checks = dict(checks or {})
        """Field id → its check of a non-empty value (an empty one is the store's to judge)."""
        # The keys line names the step ``yes`` ("cari", "setujui"); Enter does it only from
        # the last field.
        if len(self.fields) > 1:
            self.KEYS_HINT = f"Enter isian berikutnya · ctrl+s {yes} · Esc batal"
        else:
            self.KEYS_HINT = f"Enter/ctrl+s {yes} · Esc batal"

    def body(self) -> ComposeResult:
        """A label and an input per field, holding its current value if there is one."""
        for field_id, label, placeholder in self.fields:
            yield Label(label)
            yield TextInput(self.initial.get(field_id, ""), placeholder=placeholder, id=field_id,
                            max_length=self.limits.get(field_id, 200))  # fmt: skip

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id in self.checks:
            try:
                self._check(event.input.id)
            except DeskError as exc:
                self.show_error(hints.refusal(exc))
                return
            self.show_error("")
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_submit()

    def _check(self, field_id: str) -> None:
        """Run the field's check on its value; a refusal leaves the focus on the field."""
        field = self.query_one(f"#{field_id}", Input)
        if field.value.strip():
            try:
                self.checks[field_id](field.value)
            except DeskError:
                field.focus()
                raise

    def values(self) -> Callable[[], ResultT]:
        """The fields' text, each checked field checked first; a caution (``warn``) said
        the first time these values are sent, as a refusal that the same values lift."""
        for field_id in self.checks:
            self._check(field_id)
        typed = {
            field_id: self.query_one(f"#{field_id}", Input).value for field_id, _, _ in self.fields
        }
        caution = self.warn(typed) if self.warn is not None else None
        if caution and typed != self.warned_for:
            self.warned_for = typed
            raise DeskError(f"{caution} Enter/ctrl+s lagi untuk {self.yes}, atau ubah isiannya.")
        return lambda: self.perform(typed)
