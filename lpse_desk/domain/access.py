"""Who may take which store action (DOMAIN.md §1), decided in one place.

Every store action that changes something names its ``Act``; the store re-reads the
acting account (active flag, role) and asks ``require``. Two kinds of actor exist:

- a staff member, judged by the role stored *now* (an account deactivated or given
  another role since it logged in is judged as it is now);
- a ``SystemActor``: the command line (``cli:ratna``). It holds no role: it may take only
  the acts ``SYSTEM_GRANTS`` lists for its kind, the ones the CLI has commands for.

Anything else (a bare string, None) is refused. The four-eyes rule (nobody decides a case
they took in) is in ``domain.review.require_decider``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from lpse_desk.domain.errors import PermissionDenied
from lpse_desk.domain.roles import Permission, Role, can

if TYPE_CHECKING:
    from lpse_desk.domain.entities import StaffMember

ROLE_NAMES: dict[Role, str] = {
    Role.PETUGAS: "petugas loket",
    Role.VERIFIKATOR: "verifikator",
    Role.ADMIN: "admin",
}
"""Roles as named inside a sentence ("hanya petugas loket atau admin")."""

_ROLE_TITLES: dict[Role, str] = {
    Role.PETUGAS: "Petugas loket",
    Role.VERIFIKATOR: "Verifikator",
    Role.ADMIN: "Admin",
}


def allowed_roles(permission: Permission) -> str:
    """The roles holding ``permission``, as a phrase: ``petugas loket atau admin``."""
    names = [ROLE_NAMES[role] for role in Role if can(role, permission)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " atau " + names[-1]


def require_role(
    staff: StaffMember | None, permission: Permission | None, doing: str
) -> StaffMember:
    """The staff member as given (read from the store now) if it is active and its role
    holds ``permission`` (None: any active staff); PermissionDenied in Indonesian otherwise.

    ``doing`` completes "… tidak boleh ___": ``menerbitkan tanda terima``.
    """
    if staff is None:
        raise PermissionDenied(f"Hanya staf yang sudah masuk yang boleh {doing}")
    if not staff.active:
        raise PermissionDenied(f"Akun {staff.name} tidak aktif")
    if permission is not None and not can(staff.role, permission):
        raise PermissionDenied(
            f"{_ROLE_TITLES[staff.role]} tidak boleh {doing}; hanya {allowed_roles(permission)}"
        )
    return staff


class Act(StrEnum):
    """A store action that changes something, as the rules of §1 see it."""

    TAKE_NUMBER = "ambil_nomor"
    CHECK_IN = "kedatangan_booking"
    IMPORT_BOOKINGS = "impor_booking"
    CALL = "panggil"
    SERVE = "layani"
    LOKET = "loket"
    INTAKE = "penerimaan_berkas"
    LIGHT_CASE = "konsultasi_pelatihan"
    ISSUE_RECEIPT = "terbitkan_tanda_terima"
    REPRINT = "cetak_ulang"
    TICKET_SENT = "tiket_terkirim"
    VENDOR = "data_penyedia"
    VIDEO_CALL = "panggilan_video"
    KIOSK = "survei_kios"
    IMPORT_IKM_PAPER = "impor_ikm_kertas"
    REVIEW = "periksa_kasus"
    DECIDE = "putuskan_kasus"
    RESUME = "berkas_perbaikan"
    NOTIFICATION_SENT = "pesan_terkirim"
    IKM_FOLLOWUP = "tindak_lanjut_ikm"


ACTS: dict[Act, tuple[Permission | None, str]] = {
    Act.TAKE_NUMBER: (Permission.COUNTER, "mengambilkan nomor antrian"),
    Act.CHECK_IN: (Permission.COUNTER, "mencatat kedatangan pemesan antrian"),
    Act.IMPORT_BOOKINGS: (Permission.COUNTER, "mengimpor berkas booking MPP"),
    Act.CALL: (Permission.COUNTER, "memanggil antrian"),
    Act.SERVE: (Permission.COUNTER, "melayani antrian"),
    Act.LOKET: (Permission.COUNTER, "membuka, menjeda atau menutup loket"),
    Act.INTAKE: (Permission.COUNTER, "mencatat penerimaan berkas"),
    Act.LIGHT_CASE: (Permission.COUNTER, "mencatat konsultasi atau permintaan pelatihan"),
    Act.ISSUE_RECEIPT: (Permission.COUNTER, "menerbitkan tanda terima atau slip"),
    Act.REPRINT: (Permission.COUNTER, "mencetak ulang tanda terima"),
    Act.TICKET_SENT: (Permission.COUNTER, "menandai tiket helpdesk terkirim"),
    Act.VENDOR: (Permission.COUNTER, "mendaftarkan atau memperbaiki data penyedia"),
    Act.VIDEO_CALL: (Permission.COUNTER, "mengatur panggilan video"),
    Act.KIOSK: (Permission.COUNTER, "menjalankan survei IKM di kios"),
    Act.IMPORT_IKM_PAPER: (Permission.COUNTER, "mengimpor kuesioner IKM kertas"),
    Act.REVIEW: (Permission.DECIDE_CASES, "memeriksa atau memutuskan kasus"),
    Act.DECIDE: (Permission.DECIDE_CASES, "memeriksa atau memutuskan kasus"),
    Act.RESUME: (None, "menerima berkas perbaikan"),
    Act.NOTIFICATION_SENT: (None, "mencatat pengiriman pesan"),
    Act.IKM_FOLLOWUP: (Permission.MANAGE, "menandai tindak lanjut survei selesai"),
}
"""What each act needs (None: any active staff member) and how a refusal names it."""


class SystemKind(StrEnum):
    """A kind of actor that is no staff account."""

    CLI = "cli"


SYSTEM_GRANTS: dict[SystemKind, frozenset[Act]] = {
    # The CLI's own commands that change something: queue take/import, receipt reprint,
    # ticket sent, ikm import. Nothing that takes a case in or decides one.
    SystemKind.CLI: frozenset(
        {
            Act.TAKE_NUMBER,
            Act.CHECK_IN,
            Act.IMPORT_BOOKINGS,
            Act.REPRINT,
            Act.TICKET_SENT,
            Act.IMPORT_IKM_PAPER,
        }
    ),
}

_SYSTEM_NAMES: dict[SystemKind, str] = {SystemKind.CLI: "Perintah baris (CLI)"}


@dataclass(frozen=True)
class SystemActor:
    """An actor that is no staff account, named as the log names it (``cli:ratna``)."""

    name: str
    kind: SystemKind = SystemKind.CLI


def require(actor: StaffMember | SystemActor | object, act: Act) -> StaffMember | SystemActor:
    """``actor`` (a staff member as stored now) if it may take ``act``; PermissionDenied
    in Indonesian otherwise. A system actor may take only its kind's granted acts."""
    from lpse_desk.domain.entities import StaffMember

    permission, doing = ACTS[act]
    if isinstance(actor, SystemActor):
        if act not in SYSTEM_GRANTS.get(actor.kind, frozenset()):
            raise PermissionDenied(
                f"{_SYSTEM_NAMES[actor.kind]} tidak boleh {doing}; lakukan dari desk oleh "
                f"{allowed_roles(permission) if permission else 'staf'} yang sudah masuk"
            )
        return actor
    return require_role(actor if isinstance(actor, StaffMember) else None, permission, doing)
