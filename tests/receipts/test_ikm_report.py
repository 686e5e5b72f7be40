"""The IKM report PDF: same report, same bytes; an empty period still prints; text is escaped."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from lpse_desk.domain.ikm.index import UNSUR_KEYS, compute_from_scores, compute_ikm, sample_progress
from lpse_desk.domain.ikm.profile import count_profiles
from lpse_desk.domain.ikm.report import IkmReport, Suggestion
from lpse_desk.receipts import render_ikm_report
from lpse_desk.receipts.ikm_report import SUGGESTIONS_SHOWN


def report(*, responses=None, suggestions=(), total=None) -> IkmReport:
    responses = [dict.fromkeys(UNSUR_KEYS, 3)] * 5 if responses is None else responses
    result = (
        compute_from_scores(responses)
        if responses
        else compute_ikm(dict.fromkeys(UNSUR_KEYS, 0), 0)
    )
    return IkmReport(
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        service_code=None,
        service_name=None,
        result=result,
        sample=sample_progress(100, len(responses)),
        profile=count_profiles({"L": 2, None: 3}, {"25–34 tahun": 5}, {}, {}),
        sources={"kiosk": len(responses), "kertas": 0},
        suggestions=tuple(suggestions),
        suggestion_total=total if total is not None else sum(s.count for s in suggestions),
        followups_open=0,
        followups_handled=0,
        low_counts=dict.fromkeys(UNSUR_KEYS, 0),
    )


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_same_report_same_bytes():
    first = render_ikm_report(report())
    assert first.startswith(b"%PDF")
    assert render_ikm_report(report()) == first


def test_the_report_states_period_index_sample_and_plan():
    text = text_of(render_ikm_report(report(suggestions=[Suggestion("<b>AC</b> & kursi", 2,
                                                                     date(2026, 3, 1))])))  # fmt: skip
    assert "1 Januari 2026 – 31 Maret 2026" in text
    assert "IKM 75,00 — C (Kurang Baik)" in text
    assert "minimum 80" in text and "kurang 75" in text
    assert "<b>AC</b> & kursi (2×)" in text  # markup printed as text
    assert "belum mencapai sampel minimum" in text


def test_an_empty_period_prints_without_table_or_chart():
    text = text_of(render_ikm_report(report(responses=[])))
    assert "belum dapat dihitung" in text
    assert "Nilai per unsur" not in text
    assert "Tidak ada saran pada periode ini." in text


def test_many_suggestions_are_counted_not_all_printed():
    many = [Suggestion(f"Saran nomor {n}", 1, date(2026, 2, 1)) for n in range(SUGGESTIONS_SHOWN)]
    text = text_of(render_ikm_report(report(suggestions=many, total=SUGGESTIONS_SHOWN + 40)))
    assert f"Saran nomor {SUGGESTIONS_SHOWN - 1}" in text
    assert "… dan 40 saran lainnya." in text
