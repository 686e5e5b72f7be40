"""What approving a reviewed case does, per service (DOMAIN.md §2): the rule the verifier's
approve key follows; the screen only words it."""

from __future__ import annotations

from enum import Enum

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


_BY_SERVICE = {
    CHANGES_SERVICE: Approval.APPLY_CHANGES,
    "REG": Approval.ACTIVATE_ACCOUNT,
    "UID": Approval.GIVE_USER_ID,
}


def approval_of(service_code: str) -> Approval:
    """What approving a case of ``service_code`` does (a user ID, for a service not listed)."""
    return _BY_SERVICE.get(service_code, Approval.GIVE_USER_ID)


def user_id_to_offer(approval: Approval, vendor_user_id: str | None) -> str:
    """The user ID the approval form starts with: the vendor's own when activating it."""
    if approval is Approval.ACTIVATE_ACCOUNT and vendor_user_id:
        return vendor_user_id
    return ""


def records_changes(service_code: str) -> bool:
    """Whether a case of ``service_code`` records requested data changes."""
    return service_code == CHANGES_SERVICE
