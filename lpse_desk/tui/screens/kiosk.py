"""The survey kiosk: the officer turns the screen to the vendor, who answers one question at a time.

Large questions and big numbered answers (keys 1–4, 1–5 for the evaluation, ← back, → on).
The vendor cannot leave for the rest of the desk: ctrl+q, ctrl+c, ctrl+p and Escape do
nothing here (the app refuses quit and the palette while ``kiosk_locked``); only a staff
PIN (F12) ends kiosk mode. Nothing is stored until the vendor presses "Kirim".
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, ProgressBar, Static

from lpse_desk.domain.entities import StaffMember, Visit, VisitStatus
from lpse_desk.domain.errors import DeskError
from lpse_desk.domain.ikm.kiosk import AGE, CHOICE, TEXT, KioskAnswers, KioskFlow, build_steps
from lpse_desk.tui import hints, safe, work
from lpse_desk.tui.dialogs.unlock import UnlockDialog
from lpse_desk.tui.widgets.text_input import TextInput
from lpse_desk.tui.work import Done, Failed, Job, Loaded, NotDone

MAX_OPTIONS = 7
"""The longest question (pendidikan) has seven answers."""
LOCKED_KEYS = ("ctrl+q", "ctrl+c", "ctrl+p", "escape")

SUBMIT: Job[int] = Job("kiosk-submit")
"""The vendor's answers, stored in one transaction; the result is the response's id."""
KIOSK_TARGET: Job[tuple[Any, list[tuple[str, str]]]] = Job("kiosk-open")
"""Which visit the survey is about (None: ask the vendor), and the services to ask about."""


class KioskScreen(Screen[int | None]):
    """Survei kepuasan: evaluation of this visit, the nine unsur, suggestion, profile."""

    BINDINGS = [
        *(Binding(key, "locked", show=False, priority=True) for key in LOCKED_KEYS),
        Binding("left", "back", "Kembali", id="kiosk_back"),
        Binding("right", "forward", "Lanjut", id="kiosk_forward"),
        Binding("f12", "unlock", "Petugas", id="kiosk_unlock", priority=True),
    ]
    DEFAULT_CSS = """
    KioskScreen { align: center top; background: $surface; }
    KioskScreen #kiosk { width: 100%; max-width: 110; height: auto; padding: 1 2; }
    KioskScreen #kiosk-head { color: $text-muted; height: auto; }
    KioskScreen #kiosk-progress { margin-bottom: 1; }
    KioskScreen #kiosk-title { text-style: bold; color: $accent; margin-top: 1; }
    KioskScreen #kiosk-question { text-style: bold; padding: 1 0; }
    /* Left-aligned: the numbers 1–5 stand in one column, the answers read as a list. */
    KioskScreen .kiosk-choice { width: 100%; height: 3; margin-bottom: 0; text-align: left;
                                content-align: left middle; padding: 0 4; }
    KioskScreen .kiosk-choice.-chosen { background: $success; color: $text; }
    KioskScreen #kiosk-text { margin: 1 0; }
    KioskScreen #kiosk-nav { height: 3; margin-top: 1; }
    KioskScreen #kiosk-nav Button { margin-right: 2; }
    KioskScreen #kiosk-error { color: $error; height: auto; }
    KioskScreen #kiosk-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(
        self,
        target: Any,
        services: list[tuple[str, str]],
    ) -> None:
        super().__init__()
        self.target = target
        visit = target.visit if target else None
        self.visit: Visit | None = visit
        self.flow = KioskFlow(
            build_steps(
                with_evaluation=bool(target and target.case_id),
                services=None if visit else services,
            )
        )
        self.sent_id: int | None = None
        """The stored response, once sent."""
        self.busy = False

    def compose(self) -> ComposeResult:
        """Heading, progress, the question, its answers, back/forward."""
        with Vertical(id="kiosk"):
            yield Static(safe.plain(self._heading()), id="kiosk-head")
            yield ProgressBar(total=len(self.flow.steps) + 1, show_eta=False, id="kiosk-progress")
            yield Static("", id="kiosk-title")
            yield Static("", id="kiosk-question")
            for number in range(1, MAX_OPTIONS + 1):
                yield Button("", id=f"choice-{number}", classes="kiosk-choice")
            yield TextInput(id="kiosk-text", max_length=1000)
            yield Static("", id="kiosk-error")
            with Horizontal(id="kiosk-nav"):
                yield Button("◀ Kembali", id="kiosk-back")
                yield Button("Lewati", id="kiosk-skip")
                yield Button("Lanjut ▶", id="kiosk-next", variant="primary")
                yield Button("Kirim", id="kiosk-send", variant="success")
            yield Static("", id="kiosk-hint")

    def _heading(self) -> str:
        ticket = f" · nomor {self.visit.ticket}" if self.visit else ""
        return f"Survei Kepuasan Masyarakat · LPSE Kota Bogor{ticket} · jawaban Anda anonim"

    def on_mount(self) -> None:
        """Lock the desk and show the first question; the officer's messages (a receipt's
        file, a call) are not the vendor's to read."""
        self.app.kiosk_locked = True
        self.app.clear_notifications()
        self._show()

    def on_unmount(self) -> None:
        """The desk is the officer's again."""
        self.app.kiosk_locked = False

    # drawing

    def _show(self) -> None:
        flow, step = self.flow, self.flow.step
        self.query_one("#kiosk-progress", ProgressBar).update(progress=flow.index)
        self.query_one("#kiosk-error", Static).update("")
        text = self.query_one("#kiosk-text", Input)
        buttons = [self.query_one(f"#choice-{n}", Button) for n in range(1, MAX_OPTIONS + 1)]
        nav = {name: self.query_one(f"#kiosk-{name}", Button) for name in
               ("back", "skip", "next", "send")}  # fmt: skip
        if self.sent_id is not None:
            self._thanks(buttons, text, nav)
            return
        title = self.query_one("#kiosk-title", Static)
        question = self.query_one("#kiosk-question", Static)
        nav["back"].display = flow.index > 0
        if step is None:
            title.update("Selesai")
            question.update("Terima kasih. Tekan Kirim (Enter) untuk mengirim jawaban Anda.")
            for button in buttons:
                button.display = False
            text.display = False
            nav["skip"].display = nav["next"].display = False
            nav["send"].display = True
            nav["send"].focus()
            self._hint("Enter kirim · ← kembali untuk mengubah jawaban")
            return
        title.update(safe.plain(step.title))
        question.update(safe.message(step.question))
        nav["send"].display = False
        nav["skip"].display = step.optional
        nav["next"].display = True
        chosen = flow.chosen_digit(step) if step.kind == CHOICE else None
        for number, button in enumerate(buttons, start=1):
            if step.kind == CHOICE and number <= len(step.options):
                button.label = safe.plain(f"{number}   {step.options[number - 1][1]}")
                button.display = True
                button.set_class(number == chosen, "-chosen")
            else:
                button.display = False
        if step.kind in (TEXT, AGE):
            text.display = True
            text.restrict = r"[0-9]*" if step.kind == AGE else None
            text.max_length = 3 if step.kind == AGE else 1000
            text.value = str(flow.answers.get(step.key, "") or "")
            text.focus()
            self._hint("Ketik lalu Enter untuk lanjut · Tab ke tombol Kembali/Lewati")
        else:
            text.display = False
            (buttons[chosen - 1] if chosen else nav["next"]).focus()
            skip = " · 0 lewati" if step.optional else ""
            self._hint(f"Tekan angka 1–{len(step.options)} untuk menjawab{skip} · ← kembali · "
                       "→ lanjut")  # fmt: skip

    def _thanks(self, buttons, text, nav) -> None:
        self.query_one("#kiosk-title", Static).update("Terima kasih!")
        self.query_one("#kiosk-question", Static).update(
            "Jawaban Anda sudah kami terima. Silakan serahkan layar kembali kepada petugas."
        )
        for widget in (*buttons, text, *nav.values()):
            widget.display = False
        self.query_one("#kiosk-progress", ProgressBar).update(progress=len(self.flow.steps) + 1)
        self.query_one("#kiosk-hint", Static).update(
            "Petugas: F12 lalu PIN untuk menutup layar survei"
        )  # said once (the usual "· petugas: F12" after it read it twice)

    def _hint(self, text: str) -> None:
        self.query_one("#kiosk-hint", Static).update(f"{text} · petugas: F12")

    def _error(self, message: str) -> None:
        self.query_one("#kiosk-error", Static).update(safe.message(message))

    # answering

    def on_key(self, event) -> None:
        """Digits answer the current question (0 skips an optional one)."""
        step = self.flow.step
        if self.sent_id is not None or step is None or step.kind != CHOICE:
            return
        if event.character and event.character in "0123456789":
            event.stop()
            digit = int(event.character)
            if (digit == 0 and self.flow.skip()) or self.flow.choose(digit):
                self._show()
            else:
                self._error(f"Pilih angka 1–{len(step.options)}.")

    @on(Button.Pressed, ".kiosk-choice")
    def _clicked(self, event: Button.Pressed) -> None:
        event.stop()
        if self.flow.choose(int(event.button.id.removeprefix("choice-"))):
            self._show()

    @on(Input.Changed, "#kiosk-text")
    def _typed(self, event: Input.Changed) -> None:
        self.flow.set_text(event.value)

    @on(Input.Submitted, "#kiosk-text")
    def _text_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_forward()

    @on(Button.Pressed, "#kiosk-back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#kiosk-next")
    def _next_pressed(self) -> None:
        self.action_forward()

    @on(Button.Pressed, "#kiosk-skip")
    def _skip_pressed(self) -> None:
        if self.flow.skip():
            self._show()

    @on(Button.Pressed, "#kiosk-send")
    def _send_pressed(self) -> None:
        self.send()

    def action_back(self) -> None:
        """Previous question."""
        if self.sent_id is None and not self.busy:
            self.flow.back()
            self._show()

    def action_forward(self) -> None:
        """Next question (when this one is answered or optional)."""
        if self.sent_id is not None or self.busy or self.flow.at_end:
            return
        try:
            self.flow.forward()
        except DeskError as exc:
            step = self.flow.step
            self._error(hints.refusal(exc, choices=len(step.options) if step else None))
            return
        self._show()

    def action_locked(self) -> None:
        """Quit, the palette and Escape do nothing on the kiosk."""

    # sending and leaving

    def send(self) -> None:
        """Store the answers (one transaction) in a worker."""
        if self.busy or self.sent_id is not None:
            return
        try:
            answers = self.flow.result()
        except DeskError as exc:
            self._show()
            self._error(str(exc))
            return
        self.busy = True
        self._error("Mengirim…")
        self._store(answers)

    def _store(self, answers: KioskAnswers) -> None:
        store, staff, visit = self.app.store, self.app.staff, self.visit
        work.act(
            self,
            SUBMIT,
            lambda: store.ikm.submit(staff, answers, visit_id=visit.id if visit else None),
            group="kiosk",
            exclusive=True,
        )

    def on_work_done(self, message: Done[int]) -> None:
        """The answers are stored: thank the vendor."""
        if message.job is SUBMIT:
            self._sent(message.result)

    def on_work_refused(self, message: NotDone) -> None:
        """The answers were not stored: say why and call the officer (a broken database in
        a plain sentence for the vendor, the cause in the log)."""
        if message.job is not SUBMIT:
            return
        if isinstance(message, Failed):
            self.app.log.error(f"kiosk: jawaban tidak tersimpan: {message.error!r}")
            self._failed("Jawaban belum tersimpan karena gangguan pada basis data")
        else:
            self._failed(message.reason)

    on_work_failed = on_work_refused

    def _failed(self, message: str) -> None:
        self.busy = False
        self._error(f"{message}. Mohon panggil petugas.")

    def _sent(self, response_id: int) -> None:
        self.busy = False
        self.sent_id = response_id
        self._show()

    def action_unlock(self) -> None:
        """Ask for a staff PIN; the right one ends kiosk mode."""
        staff = self.app.staff
        if staff is None:
            return
        self.app.push_screen(UnlockDialog(staff.id, staff.name), self._unlocked)

    def _unlocked(self, member: StaffMember | None) -> None:
        if member is not None:
            self.app.kiosk_locked = False
            self.dismiss(self.sent_id)
            if not member.active:  # deactivated while the vendor answered: out at once
                self.app.check_account()


class OpensKiosk:
    """Mixin of the screens that turn to the vendor (``e`` on the queue, ``s`` at home)."""

    def open_kiosk(self, visit: Visit | None) -> None:
        """Open the kiosk for ``visit`` (being served), else the one served at this loket now
        or just finished there (``IkmDesk.loket_target``).

        Without any, the kiosk asks the vendor which service they received (no visit link).
        """
        store, loket, staff = self.app.store, self.app.loket, self.app.staff

        def target() -> Any:
            if visit is not None and visit.status in (VisitStatus.SERVING, VisitStatus.DONE):
                return store.ikm.target(visit.id)
            return store.ikm.loket_target(loket)

        def find() -> tuple[Any, list[tuple[str, str]]]:
            services = [(s.code, s.name) for s in store.catalog.services.values()]
            found = target()
            store.ikm.kiosk_opened(staff, found)  # on record: who turned the screen, for whom
            return found, services

        work.load(self, KIOSK_TARGET, find, group="kiosk-open")

    def on_work_loaded(self, message: Loaded[Any]) -> None:
        """The survey's target is known: turn the screen to the vendor."""
        if message.job is KIOSK_TARGET:
            target, services = message.data
            self.app.push_screen(KioskScreen(target, services), self._kiosk_closed)

    def on_work_refused(self, message: NotDone) -> None:
        """No survey now (e.g. this visit was surveyed already); a locked store must not
        close the desk."""
        if message.job is not KIOSK_TARGET:
            return
        if isinstance(message, Failed):
            self.notify(
                f"Survei belum dapat dibuka: {message.reason}", title="Survei", severity="error"
            )
        else:
            self.notify(message.reason, title="Survei", severity="warning")

    on_work_failed = on_work_refused

    def _kiosk_closed(self, response_id: int | None) -> None:
        if response_id is not None:
            self.notify("Survei tersimpan. Terima kasih.")
        else:
            self.notify("Layar survei ditutup tanpa jawaban.", severity="warning")
