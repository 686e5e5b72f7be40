"""What each figure of the reports means, written once: the screens, the PDF (under its
table) and the spreadsheets print these words, so two heads of unit read a number alike."""

from __future__ import annotations

DEFINITIONS: dict[str, str] = {
    "kunjungan": (
        "Kunjungan: kunjungan tatap muka, yaitu nomor antrian yang diambil pada periode itu "
        "(menurut tanggal ambil nomor, WIB), termasuk yang batal atau tidak hadir. Dengan "
        "pilihan loket: yang dilayani di loket itu, dan yang terakhir dipanggil di sana tanpa "
        "dilayani (tidak hadir, ditahan); nomor yang belum pernah dipanggil tidak ada loketnya."
    ),
    "daring": (
        "Permohonan daring: berkas yang diajukan lewat helpdesk tanpa nomor antrian (prosedur "
        "daring, dengan panggilan video), menurut tanggal penerimaannya dimulai (WIB); "
        "dengan pilihan petugas: yang ia terima. Tidak dihitung (–) bila satu loket dipilih."
    ),
    "booking": (
        "Booking: kunjungan yang check-in dengan kode booking MPP; selebihnya datang langsung."
    ),
    "dilayani": "Dilayani: kunjungan yang sampai di loket dan diselesaikan petugas.",
    "tidak_hadir": (
        "Tidak hadir: nomor dipanggil tetapi pengunjung tidak datang dan tidak dipulihkan."
    ),
    "batal": "Batal: nomor yang dibatalkan petugas (dengan alasan) sebelum dilayani.",
    "dialihkan": (
        "Dialihkan: kunjungan yang dipindah ke layanan lain; nomor dan jam datangnya tetap, "
        "dan kunjungan dihitung pada layanan terakhirnya."
    ),
    "waktu_tunggu": (
        "Waktu tunggu: dari ambil nomor sampai dipanggil: bagi yang dilayani, panggilan yang "
        "diikuti pelayanan (pengunjung yang dipulihkan sesudah tidak hadir dihitung sampai "
        "panggilan terakhirnya, seperti Qmatic; panggilan ulang nomor yang sama tidak "
        "mengubahnya); bagi yang tidak hadir atau belum dilayani, panggilan terakhirnya (ia "
        "juga menunggu sampai dipanggil). Nomor yang tidak pernah dipanggil tidak dihitung."
    ),
    "waktu_layanan": (
        "Waktu layanan: lama pengunjung dilayani di loket, dari mulai dilayani sampai selesai, "
        "tanpa waktu ditahan; hanya kunjungan yang dilayani."
    ),
    "waktu_ditahan": (
        "Total waktu ditahan: lama kunjungan ditahan (mis. mengambil dokumen) sampai kembali antre, "
        "dijumlah untuk semua kunjungan."
    ),
    "lewat_standar": (
        "Lewat standar: kunjungan dilayani yang waktu layanannya lebih lama dari standar "
        "layanannya di katalog (REG 15 menit); bagiannya dihitung dari kunjungan dilayani."
    ),
    "statistik": (
        "Median: nilai tengah. Rata-rata: jumlah dibagi banyaknya. P90: nilai yang tidak "
        "dilampaui 90% kunjungan (peringkat terdekat). Maksimum: nilai terbesar."
    ),
    "statistik_kasus": (
        "Median: nilai tengah. Rata-rata: jumlah dibagi banyaknya. P90: nilai yang tidak "
        "dilampaui 90% kasus yang diputus (peringkat terdekat). Maksimum: nilai terbesar."
    ),
    "per_petugas": (
        "Per petugas: kunjungan yang diselesaikan petugas itu dan median waktu layanannya."
    ),
    "menganggur": (
        "Waktu menganggur: loket buka, tidak ada pengunjung di loket, dan ada nomor yang "
        "menunggu; dihitung dari saat loket bebas (dibuka, atau pengunjung sebelumnya "
        "selesai, tidak hadir, ditahan atau dialihkan) atau dari saat nomor yang paling lama "
        "menunggu mulai menunggu, mana yang lebih akhir, sampai loket memanggil, dijeda atau "
        "ditutup. Menit ketika nomor yang menunggu dipanggil loket lain tidak dihitung; loket "
        "yang dibiarkan buka tanpa memanggil sampai akhir hari tidak dihitung. Ditulis "
        "jam:menit, untuk petugas yang memanggil atau menjeda; tidak dipilah per layanan."
    ),
    "kedatangan": (
        "Kedatangan per jam: banyaknya nomor yang diambil menurut hari dan jam (WIB)."
    ),
    "perubahan": (
        "Perubahan: (periode ini − periode sebelumnya) ÷ periode sebelumnya; kosong bila "
        "periode sebelumnya 0 atau tanpa angka. Bagian lewat standar dibandingkan langsung; "
        "di layar selisihnya dalam poin persen (dari 49,1% ke 43,2% = −5,9 poin)."
    ),
    "sebaran": (
        "Sebaran waktu: banyaknya kunjungan per rentang menit; batas bawah termasuk rentang "
        "(tepat 15:00 masuk 15–20)."
    ),
    "pembanding": (
        "Pembanding: bulan, kuartal atau tahun sebelumnya (utuh dengan utuh; yang berjalan "
        "dengan rentang yang sama: 1–10 Juni dengan 1–10 Mei); minggu berjalan dengan hari "
        "yang sama minggu lalu; satu hari dengan hari kerja sebelumnya; periode lain dengan "
        "periode sepanjang itu yang berakhir sehari sebelum periode ini dimulai."
    ),
    "diserahkan": (
        "Diserahkan: kasus yang diserahkan petugas loket ke verifikator pada periode itu "
        "(dengan pilihan verifikator: yang ditugaskan kepada atau diputus olehnya)."
    ),
    "diputus": (
        "Diputus: kasus yang disetujui atau ditolak pada periode itu, menurut waktu "
        "keputusannya; dikembalikan ke penyedia bukan keputusan akhir."
    ),
    "pengembalian": (
        "Dikembalikan: banyaknya pengembalian berkas ke penyedia pada periode itu (satu kasus "
        "dapat dikembalikan lebih dari sekali)."
    ),
    "waktu_kerja": (
        "Waktu sampai keputusan: jam kerja dari diserahkan ke verifikator sampai disetujui "
        "atau ditolak; waktu berkas di tangan penyedia (dikembalikan sampai diserahkan lagi), "
        "Sabtu, Minggu, hari libur dan cuti bersama tidak dihitung. Ditulis jam:menit."
    ),
    "tepat_waktu": (
        "Tepat waktu: kasus diputus yang waktu sampai keputusannya tidak melebihi standar "
        "layanannya (1x24 jam kerja untuk REG, dari katalog); bagiannya dihitung dari kasus "
        "yang diputus."
    ),
    "terlambat": (
        "Terlambat: kasus diputus yang waktu sampai keputusannya melebihi standar, dengan "
        "kelebihannya (jam kerja); paling lama lebih dulu."
    ),
    "terbuka": (
        "Terbuka sekarang: kasus yang menunggu verifikasi atau dikembalikan ke penyedia pada "
        "saat laporan dibuat, apa pun periodenya."
    ),
    "lewat_tenggat": (
        "Lewat tenggat: kasus yang menunggu verifikasi dan tenggatnya sudah lewat pada saat "
        "laporan dibuat, dengan jam kerja sejak tenggat; kasus yang dikembalikan jamnya "
        "berhenti dan tidak dihitung lewat."
    ),
    "alasan_pengembalian": (
        "Alasan pengembalian: banyaknya dokumen yang ditolak pada setiap pengembalian, menurut "
        "alasannya; pengembalian tanpa dokumen ditolak dihitung satu kali sebagai catatan "
        "verifikator. "
        "Pengembalian sebelum desk mencatat alasannya ditulis tidak tercatat."
    ),
    "per_verifikator": (
        "Per verifikator: keputusan dan pengembalian oleh verifikator itu, dan waktu sampai "
        "keputusan kasus yang ia putus."
    ),
}
"""Figure key → its definition in Indonesian."""


def definition(key: str) -> str:
    """The definition of figure ``key`` (KeyError for an undefined one: every figure has one)."""
    return DEFINITIONS[key]
