"""What approving a reviewed case does, per service (DOMAIN.md §2): the rule the verifier's
approve key follows; the screen only words it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from lpse_desk.domain.errors import ValidationError
from lpse_desk.domain.outcome import CaseChange, clean_user_id

CHANGES_SERVICE = "UBAH"
"""The service whose case records requested data changes (and applies them when approved)."""


class Approval(Enum):
    """What an approval asks of the verifier, and what it changes."""

    APPLY_CHANGES = "terapkan perubahan"
    """UBAH: the recorded changes are applied to the vendor, exactly as shown (confirm)."""
    ACTIVATE_ACCOUNT = "aktifkan akun"
    """REG: the vendor's SPSE account is activated; its user ID is the vendor's, if known."""
    GIVE_USER_ID = "beri user ID"
    """UID: the verifier writes the SPSE user ID given to the vendor (required)."""
    CONFIRM = "setujui"
    """Any other service: approving closes the case and changes nothing else."""


def approval_of(service_code: str) -> Approval:
    """What approving a case of ``service_code`` asks of the verifier: read from the same
    table the store approves by (``APPROVAL_EFFECTS``), so the screen and the store agree."""
    effect = approval_effect(service_code)
    if effect.applies_changes:
        return Approval.APPLY_CHANGES
    if effect.activates_account:
        return Approval.ACTIVATE_ACCOUNT
    if effect.user_id_required:
        return Approval.GIVE_USER_ID
    return Approval.CONFIRM


def user_id_to_offer(approval: Approval, vendor_user_id: str | None) -> str:
    """The user ID the approval form starts with: the vendor's own when activating it."""
    if approval is Approval.ACTIVATE_ACCOUNT and vendor_user_id:
        return vendor_user_id
    return ""


def user_id_replacing(approval: Approval, typed: str, vendor_user_id: str | None) -> str | None:
    """A caution before approving: the user ID typed is not the one on the vendor's record,
    which the approval replaces (REG, UID). None when nothing on record would change."""
    if approval not in (Approval.ACTIVATE_ACCOUNT, Approval.GIVE_USER_ID) or not vendor_user_id:
        return None
    try:
        text = clean_user_id(typed, required=False, service_code="")
    except ValidationError:
        return None  # a user ID the store refuses: its refusal is said first, not a caution
    if not text or text == vendor_user_id:
        return None
    return (
        f"User ID {text} berbeda dari data penyedia ({vendor_user_id}): bila disetujui, data "
        f"penyedia diganti menjadi {text}."
    )


def records_changes(service_code: str) -> bool:
    """Whether a case of ``service_code`` records requested data changes."""
    return service_code == CHANGES_SERVICE


# What the store does when it approves; the screen asks per ``approval_of`` above, which
# reads this table too.


@dataclass(frozen=True)
class ApprovalEffect:
    """What approving a case of one service does besides closing it."""

    user_id_required: bool = False
    """UID: the user ID given to the vendor must be entered."""
    vendor_user_id: bool = False
    """REG: the vendor's own user ID stands unless the verifier gives another."""
    activates_account: bool = False
    """REG: the SPSE account is activated (its time recorded)."""
    applies_changes: bool = False
    """UBAH: the requested changes are applied to the vendor (and must exist)."""
    event: str | None = None
    """The event logged besides ``disetujui``."""

    @property
    def records_user_id(self) -> bool:
        """The case keeps the user ID of the decision (REG, UID)."""
        return self.user_id_required or self.vendor_user_id

    def event_reason(
        self, user_id: str | None, applied: list[CaseChange], *, replaced: str | None = None
    ) -> str | None:
        """What the approval's events say: the user ID (and the vendor's earlier one it
        ``replaced``), or the changes applied."""
        if self.applies_changes:
            return "; ".join(change.text for change in applied)
        if not self.records_user_id:
            return None
        return f"User ID {user_id}" + (f" (menggantikan {replaced})" if replaced else "")


APPROVAL_EFFECTS = {
    "REG": ApprovalEffect(vendor_user_id=True, activates_account=True, event="akun_spse_diaktifkan"),
    "UID": ApprovalEffect(user_id_required=True, event="user_id_diberikan"),
    CHANGES_SERVICE: ApprovalEffect(applies_changes=True, event="perubahan_data_diterapkan"),
}


def approval_effect(service_code: str) -> ApprovalEffect:
    """The effect of approving a case of ``service_code`` (none beyond closing, for most)."""
    return APPROVAL_EFFECTS.get(service_code, ApprovalEffect())


def approved_user_id(effect: ApprovalEffect, given: str | None, vendor_user_id: str | None,
                     *, service_code: str) -> str | None:  # fmt: skip
    """The user ID an approval records: the one given (required for UID), or for REG the
    vendor's own when none is given (``None``); ValidationError when one is needed and there
    is none. A user ID given blank (the verifier cleared the form's field) is refused, never
    replaced in silence by the vendor's."""
    if effect.vendor_user_id and given is not None and not given.strip():
        known = f" (data penyedia: {vendor_user_id})" if vendor_user_id else ""
        raise ValidationError(
            f"{service_code}: tulis user ID SPSE yang diaktifkan{known}", field="user_id"
        )
    cleaned = clean_user_id(given, required=effect.user_id_required, service_code=service_code)
    if effect.vendor_user_id:
        cleaned = cleaned or vendor_user_id
        if not cleaned:
            clean_user_id(None, required=True, service_code=service_code)
    return cleaned
