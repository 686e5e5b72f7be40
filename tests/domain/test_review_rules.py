"""The verifier's rules: decisions, checks, the approval gate, four-eyes, the paused clock,
the changes UBAH asks for, video-call input and the helpdesk messages."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lpse_desk.domain.calendar import WorkingCalendar
from lpse_desk.domain.clock import WIB
from lpse_desk.domain.daring import check_channel, check_schedule, clean_list
from lpse_desk.domain.entities import CaseStatus, StaffMember
from lpse_desk.domain.errors import Conflict, PermissionDenied, ValidationError
from lpse_desk.domain.notices import (
    NoticeContext,
    approval_notice,
    rejection_notice,
    return_notice,
)
from lpse_desk.domain.outcome import CaseChange, clean_change_value, clean_user_id
from lpse_desk.domain.review import (
    CHECK_BLACKLIST,
    CHECK_DIRECTOR,
    CHECK_NAME,
    CHECK_NPWP,
    CheckState,
    DocumentReview,
    DocumentVerdict,
    RefusalReason,
    approval_blockers,
    consistency_checks,
    decide_document,
    parse_refusal_reason,
    pause_remaining,
    require_approvable,
    require_counter,
    require_decider,
    resumed_due,
    return_problems,
    time_left,
)
from lpse_desk.domain.roles import Role

CAL = WorkingCalendar()
OFFICER = StaffMember(1, "Dewi Lestari", Role.PETUGAS, True)
VERIFIER = StaffMember(2, "Andi Wijaya", Role.VERIFIKATOR, True)
ADMIN = StaffMember(3, "Ratna Sari", Role.ADMIN, True)


def _doc(name="KTP Direktur", *, verdict=None, reason=None, note="", mandatory=True, brought=True):
    return DocumentReview(
        check_id=1, requirement_id=name.lower().replace(" ", "_"), name=name,
        mandatory=mandatory, original_shown=brought, copy_received=brought, expiry_date=None,
        intake_note="", verdict=verdict, reason=reason, note=note, decided_by=None,
        decided_at=None,
    )  # fmt: skip


def _check(label="Nama sama", confirmed=True):
    at = datetime(2026, 6, 10, 10, tzinfo=WIB) if confirmed else None
    return CheckState("x", label, 2 if confirmed else None, None, at)


# --- decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("tidak_lengkap", RefusalReason.INCOMPLETE),
        ("Tidak valid/kedaluwarsa", RefusalReason.INVALID),
        ("tidak sesuai asli", RefusalReason.NOT_AS_ORIGINAL),
        ("DATA TIDAK KONSISTEN", RefusalReason.INCONSISTENT),
        ("daftar_hitam", RefusalReason.BLACKLISTED),
    ],
)
def test_refusal_reasons_are_read_by_code_or_label(text, reason):
    assert parse_refusal_reason(text) is reason


def test_an_unknown_reason_lists_the_five_in_indonesian():
    with pytest.raises(ValidationError, match="tidak dikenal; pilih salah satu: tidak_lengkap"):
        parse_refusal_reason("jelek")


def test_a_rejection_needs_a_reason_and_an_acceptance_takes_none():
    with pytest.raises(ValidationError, match="Pilih alasan penolakan"):
        decide_document("ditolak")
    with pytest.raises(ValidationError, match="tidak memakai alasan"):
        decide_document("diterima", reason="tidak_lengkap")
    with pytest.raises(ValidationError, match="paling banyak 300"):
        decide_document("ditolak", reason="tidak_lengkap", note="x" * 301)
    with pytest.raises(ValidationError, match="'mungkin' tidak dikenal"):
        decide_document("mungkin")
    made = decide_document("ditolak", reason="tidak sesuai asli", note="  foto   buram ")
    assert (made.verdict, made.reason, made.note) == (
        DocumentVerdict.REJECTED, RefusalReason.NOT_AS_ORIGINAL, "foto buram",
    )  # fmt: skip


def test_approval_is_blocked_by_rejected_and_undecided_documents_and_open_checks():
    docs = [
        _doc("KTP Direktur", verdict=DocumentVerdict.REJECTED,
             reason=RefusalReason.NOT_AS_ORIGINAL, note="foto buram"),
        _doc("NPWP Perusahaan"),
        _doc("Akta", verdict=DocumentVerdict.ACCEPTED),
        _doc("Formulir SIKaP", mandatory=False, brought=False),  # not brought: nothing to decide
    ]  # fmt: skip
    checks = [_check("Nama perusahaan sama"), _check("Daftar hitam diperiksa", confirmed=False)]
    assert approval_blockers(docs, checks) == [
        "Dokumen ditolak: KTP Direktur: tidak sesuai asli — foto buram",
        "Dokumen belum diputuskan: NPWP Perusahaan",
        "Pemeriksaan belum dikonfirmasi: Daftar hitam diperiksa",
    ]
    with pytest.raises(Conflict, match="#7 belum dapat disetujui.*KTP Direktur.*NPWP Perusahaan"):
        require_approvable(7, docs, checks)
    accepted = [_doc(verdict=DocumentVerdict.ACCEPTED), _doc("Formulir", mandatory=False,
                                                             brought=False)]  # fmt: skip
    require_approvable(7, accepted, [_check()])  # nothing left: no error


def test_a_brought_optional_document_must_be_decided_too():
    optional = _doc("Akta", mandatory=False, brought=True)
    assert approval_blockers([optional], []) == ["Dokumen belum diputuskan: Akta"]


def test_a_return_must_tell_the_vendor_something():
    rejected = _doc("NIB", verdict=DocumentVerdict.REJECTED, reason=RefusalReason.INVALID)
    assert return_problems([rejected], "Lampirkan akta terbaru") == [
        "NIB: tidak valid/kedaluwarsa",
        "Lampirkan akta terbaru",
    ]
    with pytest.raises(ValidationError, match="Sebutkan yang harus diperbaiki"):
        return_problems([_doc(verdict=DocumentVerdict.ACCEPTED)], "")


# --- consistency checks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "vendor_type", "requirements", "codes"),
    [
        ("UBAH", "PT", {"akta", "ktp_direktur"},
         [CHECK_NAME, CHECK_NPWP, CHECK_DIRECTOR, CHECK_BLACKLIST]),
        ("REG", "CV", {"ktp_direksi", "npwp_perusahaan"}, [CHECK_NAME, CHECK_NPWP, CHECK_BLACKLIST]),
        ("REG", "PT", {"ktp_direksi", "akta_perusahaan"},
         [CHECK_NAME, CHECK_NPWP, CHECK_DIRECTOR, CHECK_BLACKLIST]),
        ("UID", "perorangan", {"ktp_pemilik", "akta"}, [CHECK_NAME, CHECK_NPWP, CHECK_BLACKLIST]),
        ("KONS", "PT", {"akta"}, []),
    ],
)  # fmt: skip
def test_checks_follow_the_service_vendor_type_and_checklist(
    service, vendor_type, requirements, codes
):
    found = consistency_checks(
        service_code=service, vendor_type=vendor_type, requirement_ids=requirements
    )
    assert [check.code for check in found] == codes
    assert all(check.label for check in found)


def test_a_sole_trader_is_checked_on_the_owner_not_a_company():
    labels = [c.label for c in consistency_checks(
        service_code="REG", vendor_type="perorangan", requirement_ids={"ktp_pemilik"})]  # fmt: skip
    assert "Nama pemilik" in labels[0] and "NIK" in labels[1] and "INAPROC" in labels[-1]


# --- who may decide ----------------------------------------------------------------------


def test_only_verifiers_and_admins_decide_and_never_their_own_intake():
    assert require_decider(VERIFIER, case_id=5, intake_by=OFFICER.id) is VERIFIER
    assert require_decider(ADMIN, case_id=5, intake_by=OFFICER.id) is ADMIN
    with pytest.raises(PermissionDenied, match="Petugas loket tidak boleh memeriksa"):
        require_decider(OFFICER, case_id=5, intake_by=99)
    with pytest.raises(PermissionDenied, match="empat mata: Ratna Sari menerima berkas kasus #5"):
        require_decider(ADMIN, case_id=5, intake_by=ADMIN.id)
    with pytest.raises(PermissionDenied, match="sudah masuk"):
        require_decider(None, case_id=5, intake_by=None)
    retired = StaffMember(9, "Lama", Role.VERIFIKATOR, False)
    with pytest.raises(PermissionDenied, match="tidak aktif"):
        require_decider(retired, case_id=5, intake_by=None)


def test_a_daring_case_waits_for_its_video_call():
    ready = ([_doc(verdict=DocumentVerdict.ACCEPTED)], [_check()])
    assert approval_blockers(*ready) == []
    line = "Panggilan video verifikasi dokumen asli belum dilaksanakan"
    assert approval_blockers(*ready, call_needed=True) == [line]
    with pytest.raises(Conflict, match=line):
        require_approvable(7, *ready, call_needed=True)


def test_an_inactive_counter_officer_is_told_the_account_is_inactive():
    retired = StaffMember(9, "Dewi Lama", Role.PETUGAS, False)
    with pytest.raises(PermissionDenied, match="^Akun Dewi Lama tidak aktif$"):
        require_counter(retired, "menjadwalkan")


def test_video_calls_are_the_counters_work():
    assert require_counter(OFFICER, "menjadwalkan") is OFFICER
    with pytest.raises(PermissionDenied, match="Verifikator tidak boleh menjadwalkan"):
        require_counter(VERIFIER, "menjadwalkan")


# --- the paused clock --------------------------------------------------------------------


def test_return_pauses_and_resume_continues_with_the_working_time_left():
    handed = datetime(2026, 3, 13, 10, 0, tzinfo=WIB)  # Friday
    due = CAL.due_at(handed)  # Monday 16 March 10:00
    returned = datetime(2026, 3, 13, 16, 0, tzinfo=WIB)  # 18 working hours left
    kept = pause_remaining(CAL, due_at=due, paused_at=returned)
    assert kept == 18 * 3600
    paused = time_left(CAL, status=CaseStatus.RETURNED, due_at=due, remaining_seconds=kept,
                       now=returned + timedelta(days=10))  # fmt: skip
    assert paused.paused and not paused.overdue and paused.left == timedelta(hours=18)
    # Back on Wednesday 25 March 09:00: 15 hours that day, 3 more on Thursday.
    resumed = datetime(2026, 3, 25, 9, 0, tzinfo=WIB)
    assert resumed_due(CAL, resumed_at=resumed, remaining_seconds=kept) == datetime(
        2026, 3, 26, 3, 0, tzinfo=WIB
    )


def test_a_resume_before_a_weekend_skips_it():
    friday = datetime(2026, 3, 13, 20, 0, tzinfo=WIB)
    assert resumed_due(CAL, resumed_at=friday, remaining_seconds=6 * 3600) == datetime(
        2026, 3, 16, 2, 0, tzinfo=WIB
    )


def test_a_case_returned_while_overdue_comes_back_still_overdue():
    due = datetime(2026, 6, 10, 9, 0, tzinfo=WIB)
    kept = pause_remaining(CAL, due_at=due, paused_at=due + timedelta(hours=2))
    assert kept == -2 * 3600
    back = datetime(2026, 6, 15, 9, 0, tzinfo=WIB)
    new_due = resumed_due(CAL, resumed_at=back, remaining_seconds=kept)
    state = time_left(CAL, status=CaseStatus.AWAITING_REVIEW, due_at=new_due,
                      remaining_seconds=None, now=back)  # fmt: skip
    assert state.overdue and state.left == -timedelta(hours=2)


def test_time_left_counts_working_time_only():
    due = datetime(2026, 3, 16, 10, 0, tzinfo=WIB)  # Monday
    friday = datetime(2026, 3, 13, 22, 0, tzinfo=WIB)
    state = time_left(CAL, status=CaseStatus.AWAITING_REVIEW, due_at=due,
                      remaining_seconds=None, now=friday)  # fmt: skip
    assert state.left == timedelta(hours=12) and not state.overdue


# --- UBAH changes, user IDs, video calls --------------------------------------------------


def test_changed_values_go_through_the_validators():
    today = date(2026, 6, 10)
    assert clean_change_value("email", " Admin@Contoh.CO.ID ", today=today) == "Admin@contoh.co.id"
    assert clean_change_value("npwp", "01.312.166.0-091.000", today=today) == "0013121660091000"
    with pytest.raises(ValidationError, match="NPWP"):
        clean_change_value("npwp", "12345", today=today)
    with pytest.raises(ValidationError, match="Alamat baru wajib diisi"):
        clean_change_value("address", "  ", today=today)


def test_a_change_shows_a_persons_npwp_masked():
    change = CaseChange(1, 1, "npwp", "3271011708450001", "0013121660091000", None,
                        datetime(2026, 6, 10, tzinfo=WIB), None)  # fmt: skip
    assert change.text == "NPWP perusahaan: 3271********0001 → 0013 1216 6009 1000"


def test_user_id_is_required_for_uid():
    with pytest.raises(ValidationError, match="UID: tulis user ID SPSE"):
        clean_user_id(" ", required=True, service_code="UID")
    with pytest.raises(ValidationError, match="tanpa spasi"):
        clean_user_id("dua kata", required=False, service_code="REG")
    assert clean_user_id(None, required=False, service_code="REG") is None


def test_video_call_input():
    now = datetime(2026, 6, 10, 9, 30, tzinfo=WIB)
    assert check_channel("Zoom", " https://zoom.us/j/1 ") == ("zoom", "https://zoom.us/j/1")
    with pytest.raises(ValidationError, match="Kanal 'telepati' tidak dikenal"):
        check_channel("telepati", "")
    with pytest.raises(ValidationError, match="tulis kanal"):
        check_channel("lainnya", "")
    # Zoom and Meet are joined by a link: a call without one cannot be joined.
    for channel, label in (("zoom", "Zoom"), ("meet", "Google Meet")):
        for detail in ("", "ID 123 456 789", "zoom.us/j/1"):
            with pytest.raises(ValidationError, match=f"Kanal {label}: tulis tautan rapatnya"):
                check_channel(channel, detail)
    assert check_channel("meet", "https://meet.google.com/abc") == (
        "meet", "https://meet.google.com/abc")  # fmt: skip
    assert check_channel("whatsapp", "") == ("whatsapp", "")  # a phone call needs no link
    # A number typed is called: "08123" cannot be; the number is kept as it is read out.
    with pytest.raises(ValidationError, match="Kanal WhatsApp: tulis nomor yang dihubungi"):
        check_channel("whatsapp", "08123")
    assert check_channel("whatsapp", "+62 812-3456-7890") == ("whatsapp", "0812-3456-7890")
    assert check_channel("whatsapp", "nomor di data penyedia") == (
        "whatsapp", "nomor di data penyedia")  # fmt: skip
    with pytest.raises(ValidationError, match="setelah saat ini"):
        check_schedule(CAL, moment=now - timedelta(minutes=1), now=now)
    with pytest.raises(ValidationError, match="bukan hari kerja \\(Sabtu\\)"):
        check_schedule(CAL, moment=datetime(2026, 6, 13, 10, tzinfo=WIB), now=now)
    with pytest.raises(ValidationError, match="paling sedikit satu"):
        clean_list(["  ", ""], what="peserta", field="peserta")


# --- helpdesk messages -------------------------------------------------------------------

CTX = NoticeContext(
    vendor_name="PT Sinar Pakuan", service_code="REG",
    service_name="Registrasi Offline dan Verifikasi Berkas",
    receipt_number="TT-LPSE/2026/000012", ticket_number="TKT-LPSE/2026/000034",
    decided_at=datetime(2026, 6, 10, 13, 5, tzinfo=WIB),
)  # fmt: skip


def _has_numbers(text: str) -> None:
    assert "TT-LPSE/2026/000012" in text and "TKT-LPSE/2026/000034" in text
    assert text.startswith("Yth. PT Sinar Pakuan,") and "Langkah berikutnya" in text


def test_each_approval_says_what_the_service_gave():
    reg = approval_notice(CTX, user_id="sinarpakuan")
    _has_numbers(reg)
    assert "akun SPSE dengan user ID sinarpakuan telah diaktifkan pada Rabu, 10 Juni 2026 " \
        "pukul 13.05 WIB" in reg and "SIKaP" in reg  # fmt: skip
    uid = approval_notice(CTX.__class__(**{**CTX.__dict__, "service_code": "UID"}), user_id="sp1")
    _has_numbers(uid)
    assert "User ID SPSE Anda: sp1" in uid
    change = CaseChange(1, 1, "email", "lama@a.id", "baru@a.id", None, CTX.decided_at, None)
    ubah = approval_notice(CTX.__class__(**{**CTX.__dict__, "service_code": "UBAH"}),
                           user_id=None, changes=[change])  # fmt: skip
    _has_numbers(ubah)
    assert "- Email: lama@a.id → baru@a.id" in ubah


def test_a_return_lists_what_to_fix_and_the_time_kept():
    text = return_notice(CTX, problems=["NIB: tidak valid/kedaluwarsa", "Lampirkan akta"],
                         remaining=timedelta(hours=18))  # fmt: skip
    _has_numbers(text)
    assert "1. NIB: tidak valid/kedaluwarsa\n2. Lampirkan akta" in text
    assert "18 jam waktu kerja" in text


def test_a_return_of_an_overdue_case_does_not_promise_a_fresh_clock():
    for remaining in (timedelta(0), -timedelta(hours=3)):
        text = return_notice(CTX, problems=["Lampirkan akta"], remaining=remaining)
        _has_numbers(text)
        assert "dihitung kembali" not in text and "dilanjutkan" not in text
        assert "sudah melewati batas waktu penyelesaian" in text
        assert "segera setelah kami terima" in text


def test_a_rejection_gives_the_reason():
    text = rejection_notice(CTX, reason=RefusalReason.BLACKLISTED, note="SK 12/2026")
    _has_numbers(text)
    assert "Alasan: Masuk daftar hitam (INAPROC) — SK 12/2026" in text


def test_a_nik_or_phone_typed_in_a_note_is_masked_in_the_helpdesk_message():
    # The message is pasted into the helpdesk and shown to every officer on the case screen;
    # the history and the audit of the same note masked it, the message did not.
    returned = return_notice(CTX, problems=["KTP: NIK 3271011708450001 tidak terbaca"],
                             remaining=None)  # fmt: skip
    refused = rejection_notice(CTX, reason=RefusalReason.INVALID, note="hubungi 081234567890")
    for text in (returned, refused):
        assert "3271011708450001" not in text and "081234567890" not in text
    assert "NIK 3271********0001 tidak terbaca" in returned
    _has_numbers(returned)  # the case's own numbers stay whole


def test_a_note_keeps_its_words_and_drops_control_characters():
    from lpse_desk.domain.review import clean_note

    assert clean_note("Akta\x07 kurang\u202e  lengkap\n\tlagi") == "Akta kurang lengkap lagi"
    assert clean_note("Zoë Łukasiewicz-Nguyễn: KTP buram") == "Zoë Łukasiewicz-Nguyễn: KTP buram"
    # other invisible characters belong to the text: an emoji's joiner, a soft hyphen
    assert clean_note("👩\u200d💻 veri\u00adfikasi 🫨") == "👩\u200d💻 veri\u00adfikasi 🫨"
    with pytest.raises(ValidationError, match="paling banyak 5 karakter"):
        clean_note("enam k", limit=5)
