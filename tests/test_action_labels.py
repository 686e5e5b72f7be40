"""Every action the desk writes to the event log reads in Indonesian on the audit and history
screens: the codes in the source (``action="…"``) all have a label in ``ACTION_LABELS``.

(The demo test checks the actions the demo records; this one also sees those only a rarer
path writes, such as withdrawing a check's confirmation, which showed as a raw code.)"""

from __future__ import annotations

import re
from pathlib import Path

from lpse_desk.domain.audit import ACTION_LABELS

PACKAGE = Path(__file__).resolve().parents[1] / "lpse_desk"
# A quoted snake_case code in an ``action=`` argument, not the right side of a comparison.
_CODE = re.compile(r'(?<!== )"([a-z][a-z0-9]*(?:_[a-z0-9]+)+)"')


def _codes() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for match in re.finditer(r"\baction=([^\n]*)", path.read_text(encoding="utf-8")):
            for code in _CODE.findall(match.group(1)):
                found.setdefault(code, str(path.relative_to(PACKAGE)))
    return found


def test_every_recorded_action_has_an_indonesian_label():
    codes = _codes()
    assert len(codes) > 30  # the scan sees the store's actions
    missing = {code: where for code, where in codes.items() if code not in ACTION_LABELS}
    assert missing == {}
