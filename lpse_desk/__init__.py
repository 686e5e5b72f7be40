"""LPSE Desk: aplikasi meja layanan LPSE Kota Bogor di Mal Pelayanan Publik."""

__version__ = "0.1.0"
