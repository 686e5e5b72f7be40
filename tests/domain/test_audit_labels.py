"""Every action the desk writes to the event log is said in Indonesian in the audit list."""

from __future__ import annotations

import re
from pathlib import Path

from lpse_desk.domain.audit import ACTION_LABELS, entry

SOURCE = Path(__file__).resolve().parents[2] / "lpse_desk"
# The ways the store names the action it records: a keyword, or the helpers' third argument.
RECORDED = (
    re.compile(r'\baction\s*=\s*"([a-z_]+)"'),
    re.compile(r'\b_record_move\(\s*session,\s*\w+,\s*\w+,\s*"([a-z_]+)"'),
    re.compile(r'\b_log\(\s*session,\s*\w+,\s*\w+,\s*"([a-z_]+)"'),
)


def recorded_actions() -> dict[str, str]:
    """Action name → the module that records it."""
    found: dict[str, str] = {}
    for module in sorted(SOURCE.rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        for pattern in RECORDED:
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), str(module.relative_to(SOURCE)))
    return found


def test_every_recorded_action_has_an_indonesian_label():
    found = recorded_actions()
    assert "berkas_kembali" in found and "peran_diubah" in found  # the scan sees the helpers
    unlabelled = {action: where for action, where in found.items() if action not in ACTION_LABELS}
    assert unlabelled == {}


def test_a_change_of_status_is_said_by_its_labels():
    def change(entity: str, before: str | None, after: str | None) -> str:
        return entry(id=1, at=None, actor="x", action="x", entity=entity, entity_id=1,
                     from_state=before, to_state=after, reason=None).change  # fmt: skip

    assert change("case", "menunggu_verifikasi", "dikembalikan") == (
        "Menunggu verifikasi → Dikembalikan ke penyedia"
    )
    assert change("staff", None, "verifikator") == "Verifikator"
    assert change("staff", "aktif", "nonaktif") == "aktif → nonaktif"  # no label: as logged
    assert change("vendor", "lama", None) == "lama"


def test_the_kiosk_unlocked_by_a_pin_reads_as_closed():
    # The officer's PIN lifts the kiosk's lock to end the survey: the audit read "Kios
    # survei dibuka" (opened) at the moment it was closed.
    assert ACTION_LABELS["kios_dibuka"] == "Kios survei ditutup dengan PIN petugas"


def test_a_no_show_put_back_in_the_queue_reads_as_such():
    # The queue's "dipulihkan" (a no-show back in the queue, on a visit) read "Basis data
    # dipulihkan": an auditor took a number called again for a database restore.
    assert ACTION_LABELS["dipulihkan"] == "Dipulihkan dari tidak hadir"
