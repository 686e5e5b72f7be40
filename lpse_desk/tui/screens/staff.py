"""Staf (admin): every account, and the admin's changes to them.

Each change runs in a dialog's worker and the store re-checks the acting admin as stored
now; a refusal (the last admin, a name taken) is shown inside the dialog as the store says it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from lpse_desk.domain.accounts import require_another_admin
from lpse_desk.domain.entities import StaffAccount, StaffMember
from lpse_desk.domain.errors import Conflict
from lpse_desk.domain.roles import Permission, Role, can
from lpse_desk.domain.textfmt import printable
from lpse_desk.tui import safe
from lpse_desk.tui.dialogs.choice import ChoiceDialog
from lpse_desk.tui.dialogs.review import ConfirmDialog
from lpse_desk.tui.dialogs.staff_form import AddStaffDialog, TemporaryPinDialog
from lpse_desk.tui.fmt import date_time
from lpse_desk.tui.screens.acting import ActsThenReloads
from lpse_desk.tui.screens.table import TableScreen
from lpse_desk.tui.widgets.columns import Col
from lpse_desk.tui.widgets.table import KeysFollowTheRow, cursor_key

OWN_ACCOUNT = (
    "\nIni akun Anda sendiri: tanpa peran admin Anda tidak dapat lagi mengelola akun, dan "
    "desk keluar dari akun Anda sesudahnya."
)


class StaffScreen(ActsThenReloads, KeysFollowTheRow, TableScreen):
    """Akun petugas: tambah, nonaktifkan/aktifkan, atur ulang PIN, ubah peran."""

    TITLE_TEXT = "Akun petugas"
    COLS = (
        Col("No.", 4), Col("Nama", 24, least=12, grow=True, most=40), Col("Peran", 14),
        Col("Status", 26, least=8), Col("Loket default", 13, optional=True),
        Col("Terakhir masuk", 20, least=16),
    )  # fmt: skip
    FAILED_TEXT = "Daftar akun belum dapat dibaca"

    BINDINGS = [
        Binding("n", "add", "Tambah", id="add"),
        Binding("d", "deactivate", "Nonaktifkan", id="deactivate"),
        Binding("k", "activate", "Aktifkan", id="activate"),
        Binding("p", "reset_pin", "Atur ulang PIN", id="reset_pin"),
        Binding("e", "role", "Ubah peran", id="role"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.accounts: dict[int, StaffAccount] = {}

    def loader(self):
        """Every account with its last login."""
        return self.app.store.staff_admin.accounts

    def fill(self, table: DataTable, data: list[StaffAccount]) -> str:
        """One row per account, by name."""
        self.accounts = {account.member.id: account for account in data}
        self.columns.widen(table, 0, (f"#{account.member.id}" for account in data))
        for account in data:
            member = account.member
            table.add_row(
                *self.columns.row((
                    f"#{member.id}",
                    safe.plain(self.columns.cut(member.name, 1)),
                    member.role.label,
                    ("aktif" if member.active else "nonaktif")
                    + (" · wajib ganti PIN" if member.must_change_pin else ""),
                    str(member.default_loket or "—"),
                    date_time(account.last_login) if account.last_login else "belum pernah",
                )),
                key=str(member.id),
            )
        self.refresh_bindings()
        active = sum(account.member.active for account in data)
        return (
            f"{len(data)} akun, {active} aktif · n tambah · d nonaktifkan · k aktifkan · "
            "p atur ulang PIN · e ubah peran"
        )

    def chosen(self) -> StaffAccount | None:
        """The account on the cursor row."""
        key = cursor_key(self)
        return None if key is None else self.accounts.get(int(key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Admins only; deactivate or activate as the chosen row allows."""
        staff = self.app.staff
        if staff is None or not can(staff.role, Permission.MANAGE):
            return action in ("back", "refresh")
        if action in ("deactivate", "activate", "reset_pin", "role"):
            account = self.chosen()
            if account is None:
                return None
            if action == "deactivate":
                return account.member.active
            if action == "activate":
                return not account.member.active
        return True

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on an account opens nothing: it says the keys that act on it."""
        event.stop()
        account = self.chosen()
        if account is None or not self.check_action("role", ()):
            return
        name = printable(account.member.name)
        if self._only_admin(account.member, "dinonaktifkan") is not None:  # d, e refused
            self.notify(f"{name} satu-satunya admin aktif: p atur ulang PIN.", markup=False)
            return
        switch = "d nonaktifkan" if account.member.active else "k aktifkan"
        self.notify(f"{name}: {switch} · p atur ulang PIN · e ubah peran.", markup=False)

    def action_add(self) -> None:
        """A new account (form)."""
        desk, admin = self.app.store.staff_admin, self.app.staff

        def perform(name: str, role: Role, pin: str, loket: int | None):
            return desk.add(admin, name=name, role=role, pin=pin, default_loket=loket)

        self.ask(
            AddStaffDialog(perform),
            lambda member: f"Akun {member.name} ({member.role.label}) ditambahkan.",
        )

    # Title, facts, what Enter does, and what is said after, per direction of the change.
    _ACTIVE_STEPS = {
        False: ("Nonaktifkan akun {name}?", "Akun nonaktif tidak dapat masuk dan hilang dari "
                "daftar masuk; riwayatnya tetap.", "nonaktifkan", "Akun {name} dinonaktifkan."),
        True: ("Aktifkan kembali akun {name}?", "Akun dapat masuk lagi dengan PIN-nya.",
               "aktifkan", "Akun {name} aktif kembali."),
    }  # fmt: skip

    def _set_active(self, active: bool) -> None:
        """Deactivate or reactivate the chosen account, after a confirmation."""
        account = self.chosen()
        if account is None or account.member.active is active:
            return
        member, desk, admin = account.member, self.app.store.staff_admin, self.app.staff
        if not active and self._last_admin(member, "dinonaktifkan"):
            return
        title, facts, yes, done = self._ACTIVE_STEPS[active]
        if member.id == admin.id:
            facts += OWN_ACCOUNT
        dialog = ConfirmDialog(safe.plain(title.format(name=member.name)), safe.message(facts),
                               lambda: desk.set_active(admin, member.id, active=active), yes=yes)  # fmt: skip
        self.ask(dialog, self._then_if_own(member, done.format(name=member.name)))

    def _only_admin(self, member: StaffMember, change: str) -> Conflict | None:
        """The refusal a change of ``member`` meets when it is the last active admin."""
        others = sum(
            a.member.active and a.member.role is Role.ADMIN and a.member.id != member.id
            for a in self.accounts.values()
        )
        try:
            require_another_admin(member.name, change=change, other_admins=others,
                                  active_admin=member.active and member.role is Role.ADMIN)  # fmt: skip
        except Conflict as exc:
            return exc
        return None

    def _last_admin(self, member: StaffMember, change: str) -> bool:
        """Said at once, before any question, when ``member`` is the last active admin (the
        store refuses it anyway; the confirmation asked first, then refused)."""
        refused = self._only_admin(member, change)
        if refused is not None:
            self.notify(str(refused), title="Tidak dapat", severity="warning", markup=False)
        return refused is not None

    def _then_if_own(self, member: StaffMember, said: str) -> Callable[[StaffMember], str]:
        """What is said after a change to ``member``; when it was the admin's own account and
        she is no longer an active admin, the desk also logs her out: every admin screen
        would refuse her now, while the header still said Admin."""

        own = self.app.staff is not None and member.id == self.app.staff.id  # as the dialog opened

        def then(changed: StaffMember) -> str:
            if not own or (changed.active and changed.role is Role.ADMIN):
                return said
            self.app.call_later(self.app.log_out)
            return f"{said} Akses admin Anda berakhir; desk keluar dari akun Anda."

        return then

    def action_deactivate(self) -> None:
        """Deactivate the chosen account, after a confirmation."""
        self._set_active(False)

    def action_activate(self) -> None:
        """Reactivate the chosen account, after a confirmation."""
        self._set_active(True)

    def action_reset_pin(self) -> None:
        """Give the chosen account a temporary PIN, shown once, after a confirmation."""
        account = self.chosen()
        if account is None:
            return
        member, desk, admin = account.member, self.app.store.staff_admin, self.app.staff

        def after(pin: str | None) -> None:
            self.action_refresh()
            if pin is not None:
                title = safe.plain(f"PIN {member.name} diatur ulang")
                self.app.push_screen(TemporaryPinDialog(title, pin))

        self.app.push_screen(
            ConfirmDialog(
                safe.plain(f"Atur ulang PIN {member.name}?"),
                "PIN lama tidak berlaku lagi. Desk membuat PIN sementara yang ditampilkan sekali; "
                "petugas wajib menggantinya saat masuk.",
                lambda: desk.reset_pin(admin, member.id),
                yes="atur ulang",
            ),
            after,
        )

    def action_role(self) -> None:
        """Choose another role for the chosen account."""
        account = self.chosen()
        if account is None:
            return
        member, desk, admin = account.member, self.app.store.staff_admin, self.app.staff
        choices = [(role.value, role.label) for role in Role]
        self.ask(
            ChoiceDialog(
                safe.plain(f"Peran {member.name}"),
                choices,
                lambda choice, _note: desk.change_role(admin, member.id, Role(choice)),
                help_text="Pilih peran baru dengan angka atau panah, lalu Enter. Admin "
                "terakhir yang aktif tetap admin." + (OWN_ACCOUNT if member.id == admin.id else ""),
                initial=member.role.value,
            ),
            self._then_if_own(member, f"Peran {member.name} diubah."),
        )
