"""The verifier's review (DOMAIN.md §1, §3, §5): pure rules the store asks before it writes.

- ``documents``: refusal reasons, a verdict per document, notes, the case statuses.
- ``checks``: the cross-document consistency checks for a service and vendor type.
- ``gate``: whether a case may be approved yet and exactly why not; who may review and
  decide it (four-eyes).
- ``clock``: the working time a case has left, paused while returned to the vendor.
"""

from __future__ import annotations

from lpse_desk.domain.review.checks import (
    AKTA_REQUIREMENTS,
    CHECK_BLACKLIST,
    CHECK_DIRECTOR,
    CHECK_NAME,
    CHECK_NPWP,
    CheckState,
    ConsistencyCheck,
    consistency_checks,
)
from lpse_desk.domain.review.clock import (
    TimeLeft,
    pause_remaining,
    resumed_due,
    time_left,
)
from lpse_desk.domain.review.documents import (
    CASE_NOTE_LIMIT,
    NOTE_LIMIT,
    QUEUE_STATUSES,
    REFUSAL_REASON_LABELS,
    REVIEWED_SERVICES,
    DocumentDecision,
    DocumentReview,
    DocumentVerdict,
    RefusalReason,
    clean_note,
    decide_document,
    parse_queue_status,
    parse_refusal_reason,
)
from lpse_desk.domain.review.gate import (
    CALL_NOT_HELD,
    NO_CHANGES,
    approval_blockers,
    rejection_note,
    require_approvable,
    require_counter,
    require_decider,
    require_reviewer,
    require_staff,
    return_problems,
)

__all__ = [
    "AKTA_REQUIREMENTS",
    "CALL_NOT_HELD",
    "CHECK_BLACKLIST",
    "CHECK_DIRECTOR",
    "CHECK_NAME",
    "CHECK_NPWP",
    "CheckState",
    "ConsistencyCheck",
    "DocumentDecision",
    "DocumentReview",
    "DocumentVerdict",
    "CASE_NOTE_LIMIT",
    "NOTE_LIMIT",
    "NO_CHANGES",
    "QUEUE_STATUSES",
    "REFUSAL_REASON_LABELS",
    "REVIEWED_SERVICES",
    "RefusalReason",
    "TimeLeft",
    "approval_blockers",
    "clean_note",
    "consistency_checks",
    "decide_document",
    "parse_queue_status",
    "parse_refusal_reason",
    "pause_remaining",
    "rejection_note",
    "require_approvable",
    "require_counter",
    "require_decider",
    "require_reviewer",
    "require_staff",
    "resumed_due",
    "return_problems",
    "time_left",
]
