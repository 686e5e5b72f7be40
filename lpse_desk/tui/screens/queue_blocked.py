"""Why a queue key cannot act now (``blocked.SaysWhyBlocked``): one line with the way on."""

from __future__ import annotations

from lpse_desk.domain.entities import VISIT_STATUS_LABELS, Visit, VisitStatus

_QUEUED = (VisitStatus.WAITING, VisitStatus.ON_HOLD)


def _still_here(mine: Visit) -> str:
    """The number at this loket, and what ends it."""
    if mine.status is VisitStatus.CALLED:
        way = "tekan m saat penyedia tiba, x bila tidak hadir, atau h untuk menahan"
    else:
        way = "tekan s bila selesai, atau h untuk menahan"
    return f"{mine.ticket} masih di loket ini: {way}."


def reason(
    action: str, *, counter: bool, loaded: bool, mine: Visit | None, selected: Visit | None
) -> str | None:
    """Why ``action`` is not offered now (None: it is, or there is nothing to say)."""
    if not counter:
        return "Layar ini hanya untuk melihat: nomor dipanggil dan dilayani oleh petugas loket."
    if not loaded:
        return "Antrian masih dimuat; coba lagi sebentar."
    chosen = selected.status if selected is not None else None
    if action in ("call_next", "call_selected") and mine is not None:
        return _still_here(mine)
    if action == "call_selected":
        if selected is None:
            return "Pilih nomor yang menunggu dengan panah, lalu tekan c."
        return (
            f"{selected.ticket} {VISIT_STATUS_LABELS[selected.status].lower()}: hanya nomor "
            "yang menunggu atau ditahan yang dapat dipanggil."
        )
    if action == "close":
        return "Loket ini sudah tutup; j membukanya."
    if action in ("recall", "start", "no_show", "finish", "intake", "hold") and mine is None:
        return "Belum ada nomor di loket ini: tekan n untuk memanggil."
    if action in ("recall", "start", "no_show") and mine is not None:
        return f"{mine.ticket} sudah dilayani: tekan s bila selesai."
    if action == "finish" and mine is not None:
        return f"{mine.ticket} baru dipanggil: tekan m saat penyedia tiba."
    if action == "resume" and chosen is not VisitStatus.ON_HOLD:
        return "Kembali antre hanya untuk nomor yang ditahan: pilih di daftar Ditahan."
    if action == "restore" and chosen is not VisitStatus.NO_SHOW:
        return "Pulihkan hanya untuk nomor yang tidak hadir: pilih di daftar Tidak hadir."
    if action == "cancel" and chosen not in _QUEUED:
        return "Hanya nomor yang menunggu atau ditahan yang dapat dibatalkan."
    if action == "transfer":
        return "Alihkan: panggil nomornya dulu, atau pilih nomor yang menunggu atau ditahan."
    return None
