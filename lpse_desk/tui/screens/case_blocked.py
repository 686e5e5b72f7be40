"""Why a key on the case review screen cannot act now (``blocked.SaysWhyBlocked``).

The rules are those of ``CaseReviewScreen.check_action`` (which hides or greys the key);
this says them in one line, with the way on where there is one.
"""

from __future__ import annotations

from lpse_desk.domain.approval import records_changes
from lpse_desk.domain.casefile import CaseFile
from lpse_desk.domain.entities import CASE_STATUS_LABELS, OPEN_CASE_STATUSES, CaseStatus
from lpse_desk.domain.privacy import mask_logged_text
from lpse_desk.domain.roles import Permission, can
from lpse_desk.tui.blocked import RoleRefusal
from lpse_desk.tui.reveal import has_personal_id

_DECIDING = frozenset(
    {"accept_document", "reject_document", "confirm_check", "withdraw_check", "approve",
     "return_case", "reject_case", "take", "release"}
)  # fmt: skip
_WHILE_WAITING = frozenset(
    {"accept_document", "reject_document", "confirm_check", "withdraw_check", "approve",
     "return_case"}
)  # fmt: skip
_CALLS = frozenset({"schedule_call", "hold_call", "miss_call"})
_PICK = {
    "accept_document": "Pilih dokumen dengan panah.",
    "reject_document": "Pilih dokumen dengan panah.",
    "confirm_check": "Pilih pemeriksaan dengan panah.",
    "withdraw_check": "Pilih pemeriksaan dengan panah.",
    "withdraw_change": "Pilih perubahan yang belum diterapkan.",
    "hold_call": "Pilih panggilan yang masih terjadwal.",
    "miss_call": "Pilih panggilan yang masih terjadwal.",
    "mark_sent": "Pilih pesan yang belum terkirim.",
    "copy_notice": "Pilih pesan dengan panah.",
}
_CLOSED = "Kasus sudah {status}: tidak ada lagi yang diputuskan."


def reason(
    action: str,
    *,
    file: CaseFile | None,
    role,
    four_eyes: bool,
    may_change: bool,
    tab: str,
    tabs: dict[str, str],
    action_tab: str | None,
) -> str | None:
    """Why ``action`` does nothing now. ``four_eyes``: the viewer took the case in;
    ``may_change``: the viewer may record UBAH changes now; ``tab`` is the tab shown,
    ``action_tab`` the one the action works on, ``tabs`` each tab's label ("1 Dokumen")."""
    if file is None:
        return "Kasus masih dimuat; coba lagi sebentar."
    # Whose key it is comes first: sending someone to another tab for a key that will not
    # be theirs there either only leads to a second refusal.
    if action in _DECIDING and not can(role, Permission.DECIDE_CASES):
        return RoleRefusal("Hanya verifikator atau admin yang memutuskan kasus.")
    if action in _CALLS and not can(role, Permission.COUNTER):
        return RoleRefusal("Panggilan video diatur oleh petugas loket.")
    if action_tab is not None and action_tab != tab:
        number, _, name = tabs[action_tab].partition(" ")
        return f"Tombol itu bekerja di tab {name}: tekan {number} dulu."
    status = file.case.status
    label = CASE_STATUS_LABELS[status].lower()
    if action in _DECIDING:
        if action != "release" and four_eyes:
            return (
                "Prinsip empat mata: kasus ini Anda terima di loket, maka diambil dan "
                "diputuskan verifikator lain." if action == "take" else
                "Prinsip empat mata: kasus ini Anda terima di loket, maka diputuskan "
                "verifikator lain."
            )  # fmt: skip
        if status not in OPEN_CASE_STATUSES:
            return _CLOSED.format(status=label)
        if action in _WHILE_WAITING and status is not CaseStatus.AWAITING_REVIEW:
            if status is CaseStatus.RETURNED:
                return "Kasus dikembalikan ke penyedia: tekan l saat berkas perbaikan datang."
            return f"Kasus masih {label}: diputuskan setelah diserahkan ke verifikator."
        if action == "approve" and file.blockers:
            more = len(file.blockers) - 1
            rest = f" (dan {more} hal lain di panel)" if more else ""
            return f"Belum dapat disetujui: {mask_logged_text(str(file.blockers[0]))}{rest}."
    if action == "reveal_ids":
        if not has_personal_id(file.vendor):
            return "Penyedia ini tidak punya NIK atau NPWP pribadi yang disamarkan."
        if not can(role, Permission.DECIDE_CASES):
            return (
                "Kasus sudah diserahkan ke verifikator: NIK lengkap dibuka verifikator atau "
                "admin."
            )
    if action == "resume":
        return "Lanjutkan hanya untuk kasus yang dikembalikan ke penyedia."
    if action in ("request_change", "withdraw_change"):
        if not records_changes(file.case.service_code):
            return "Perubahan data dicatat hanya pada layanan perubahan data."
        if status not in OPEN_CASE_STATUSES:
            return _CLOSED.format(status=label)
        if not may_change:
            return (
                "Perubahan dicatat petugas loket saat penerimaan, atau verifikator lain "
                "setelah kasus diserahkan."
            )
    if action in _CALLS:
        if file.case.procedure != "daring":
            return "Panggilan video hanya untuk permohonan daring."
        if status not in OPEN_CASE_STATUSES:
            return _CLOSED.format(status=label)
    return _PICK.get(action)


SETTLING = frozenset(
    {"accept_document", "reject_document", "confirm_check", "withdraw_check", "request_change",
     "withdraw_change",
     "schedule_call", "hold_call", "miss_call", "mark_sent", "approve", "return_case",
     "reject_case", "resume", "take", "release"}
)  # fmt: skip
"""The keys that wait a moment after a dialog closes (``SettlesAfterDialog``): a reason typed
into a dialog must not accept a document or confirm a check after its Enter."""
