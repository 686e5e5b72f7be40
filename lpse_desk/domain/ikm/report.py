"""The IKM report of a period: what the CLI prints, the PDF publishes and the screen shows.

Built by the store from anonymous responses; it holds figures, the suggestions' text and
follow-up items, never who answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lpse_desk.domain.ikm.index import UNSUR_BY_KEY, IkmResult, SampleProgress, UnsurResult
from lpse_desk.domain.ikm.profile import ProfileCounts
from lpse_desk.domain.textfmt import format_date_id, format_decimal_id


@dataclass(frozen=True)
class Suggestion:
    """A suggestion as received (the same text from several respondents counted once)."""

    text: str
    count: int
    latest: date


@dataclass(frozen=True)
class FollowupItem:
    """A response with an unsur at 1 or 2, for the admin to act on."""

    id: int
    response_id: int
    opened_at: datetime
    service_code: str
    service_date: date
    low_unsur: tuple[str, ...]
    """Keys of the unsur scored 1 or 2."""
    scores: dict[str, int]
    saran: str | None
    handled_at: datetime | None = None
    handled_by_name: str | None = None
    note: str | None = None

    @property
    def low_text(self) -> str:
        """``Waktu penyelesaian 2, Sarana dan prasarana 1``."""
        return ", ".join(f"{UNSUR_BY_KEY[key].label} {self.scores[key]}" for key in self.low_unsur)


@dataclass(frozen=True)
class IkmReport:
    """Everything a published IKM report states for one period (and optionally one service)."""

    start: date
    end: date
    service_code: str | None
    service_name: str | None
    result: IkmResult
    sample: SampleProgress
    profile: ProfileCounts
    sources: dict[str, int]
    """Respondents by source: ``kiosk`` and ``kertas``."""
    suggestions: tuple[Suggestion, ...]
    """Distinct suggestions, most frequent first (at most ``suggestion_limit``)."""
    suggestion_total: int
    """Responses that carried a suggestion."""
    followups_open: int
    """Follow-up items of the period's responses still open."""
    followups_handled: int
    low_counts: dict[str, int]
    """Responses in the period that scored each unsur 1 or 2."""

    @property
    def period_text(self) -> str:
        """``1 Januari 2026 – 31 Maret 2026``."""
        if self.start == self.end:
            return format_date_id(self.start)
        return f"{format_date_id(self.start)} – {format_date_id(self.end)}"

    @property
    def scope_text(self) -> str:
        """Which services the report covers."""
        if self.service_code is None:
            return "Semua layanan"
        return f"{self.service_code} — {self.service_name or self.service_code}"

    def weakest(self, count: int = 3) -> tuple[UnsurResult, ...]:
        """The unsur with the lowest NRR (ties in the regulation's order)."""
        ranked = sorted(self.result.unsur, key=lambda item: (item.nrr, item.unsur.number))
        return tuple(ranked[:count])

    def plan_lines(self) -> list[str]:
        """The follow-up plan: the weakest unsur first, then what the low scores ask."""
        if not self.result.unsur:
            return ["Belum ada responden pada periode ini; rencana tindak lanjut belum dapat "
                    "disusun."]  # fmt: skip
        lines = []
        for item in self.weakest():
            low = self.low_counts.get(item.unsur.key, 0)
            grade = item.grade
            lines.append(
                f"U{item.unsur.number} {item.unsur.label}: nilai {format_decimal_id(item.value)} "
                f"({grade.letter}, {grade.label}); {low} responden memberi nilai 1–2. "
                "Prioritas perbaikan periode berikutnya."
            )
        lines.append(
            f"Tindak lanjut nilai rendah: {self.followups_open} masih terbuka, "
            f"{self.followups_handled} sudah ditangani."
        )
        if not self.sample.met:
            lines.append(
                f"Jumlah responden ({self.sample.respondents}) belum mencapai sampel minimum "
                f"({self.sample.minimum}); perbanyak pengisian survei di loket."
            )
        return lines
