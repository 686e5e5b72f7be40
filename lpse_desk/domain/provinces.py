"""Indonesia's 38 provinces by the 2-digit Kemendagri code that opens every NIK.

Sources relied on:

- Kepmendagri No. 300.2.2-2138 Tahun 2025 (Kode, Data Wilayah Administrasi Pemerintahan, dan
  Pulau; ditetapkan 25 April 2025), as tabulated by github.com/cahyadsn/wilayah: 38 provinces,
  91 Papua, 92 Papua Barat, 93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan and
  96 Papua Barat Daya (the last one first coded in that decree).
- The laws creating the newer provinces: UU 20/2012 (Kalimantan Utara), UU 14, 15 and 16/2022
  (Papua Selatan, Papua Tengah, Papua Pegunungan) and UU 29/2022 (Papua Barat Daya).

Why not python-stdnum's ``stdnum/id/loc.dat`` (stdnum 2.2): it has only 34 entries, lacks
65 Kalimantan Utara and 93, 95, 96, and numbers Papua the BPS way (91 Papua Barat, 94 Papua),
so it would reject real NIKs. A false reject of a real vendor is the worst outcome here.

NIKs are not renumbered when a province splits: a person registered in Merauke before 2022
may still carry 91. Every code in the table stays valid, so old and new NIKs both pass.
Names follow the decree's short forms (DKI Jakarta, DI Yogyakarta).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

PROVINCES: Mapping[str, str] = MappingProxyType(
    {
        "11": "Aceh",
        "12": "Sumatera Utara",
        "13": "Sumatera Barat",
        "14": "Riau",
        "15": "Jambi",
        "16": "Sumatera Selatan",
        "17": "Bengkulu",
        "18": "Lampung",
        "19": "Kepulauan Bangka Belitung",
        "21": "Kepulauan Riau",
        "31": "DKI Jakarta",
        "32": "Jawa Barat",
        "33": "Jawa Tengah",
        "34": "DI Yogyakarta",
        "35": "Jawa Timur",
        "36": "Banten",
        "51": "Bali",
        "52": "Nusa Tenggara Barat",
        "53": "Nusa Tenggara Timur",
        "61": "Kalimantan Barat",
        "62": "Kalimantan Tengah",
        "63": "Kalimantan Selatan",
        "64": "Kalimantan Timur",
        "65": "Kalimantan Utara",
        "71": "Sulawesi Utara",
        "72": "Sulawesi Tengah",
        "73": "Sulawesi Selatan",
        "74": "Sulawesi Tenggara",
        "75": "Gorontalo",
        "76": "Sulawesi Barat",
        "81": "Maluku",
        "82": "Maluku Utara",
        "91": "Papua",
        "92": "Papua Barat",
        "93": "Papua Selatan",
        "94": "Papua Tengah",
        "95": "Papua Pegunungan",
        "96": "Papua Barat Daya",
    }
)
"""Province name by 2-digit code, in code order (read-only)."""


def province_name(code: str) -> str | None:
    """The province's name for a 2-digit code, or None when the code is not a province."""
    return PROVINCES.get(code)
