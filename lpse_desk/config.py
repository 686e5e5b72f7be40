"""Typed settings, loaded once by the CLI and passed down.

Sources, strongest first: command-line options, environment variables
(``LPSE_DESK_DB``, ``LPSE_DESK_LOKET``), ``data/settings.toml``, defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

from lpse_desk import paths
from lpse_desk.domain.errors import ConfigError, ValidationError
from lpse_desk.domain.office import Office, parse_hhmm
from lpse_desk.domain.queue.rules import QueuePolicy
from lpse_desk.domain.security import PIN_MIN_CHOICES

DB_ENV = "LPSE_DESK_DB"
LOKET_ENV = "LPSE_DESK_LOKET"
PAPER_SIZES = ("A5", "80mm")


@dataclass(frozen=True)
class Settings:
    """Everything an installation may configure."""

    db_url: str
    """SQLAlchemy URL of the store (default: the SQLite file ``data/lpse_desk.db``)."""
    loket: int = 1
    """The counter (loket) number this desk calls visitors to."""
    printer: str | None = None
    """CUPS printer name for receipts; None saves the PDF without printing."""
    receipt_paper: str = "A5"
    """Receipt paper: ``A5`` or ``80mm`` (roll)."""
    cuti_bersama_closed: bool | None = None
    """Override of the calendar file's cuti-bersama setting; None keeps the file's."""
    no_show_minutes: int = 30
    """How long a no-show may still be restored to the front of the queue."""
    booking_early_minutes: int = 15
    """A booked visitor counts as due this many minutes before the slot."""
    booking_late_minutes: int = 30
    """…and until this many minutes after it."""
    backup_dir: Path | None = None
    """Where ``db backup`` keeps its copies; None: ``data/cadangan/`` beside the database."""
    backup_keep: int = 30
    """How many backups are kept; the oldest beyond this are removed after a new one."""
    import_max_mb: int = 10
    """Import files (bookings, paper IKM questionnaires) larger than this are refused unread."""
    lock_minutes: int = 5
    """After this many minutes without a key the desk covers itself until the officer's PIN.
    There is no "never": a logged-in desk left alone is what the lock is for."""
    pin_min_length: int = 4
    """The fewest digits a new PIN may have: 4, or 6 when the admin asks for longer PINs."""
    office: Office = field(default_factory=Office)
    """The unit's address, phone, service hours and complaint channel (``[kantor]``): the
    head of every receipt, and the hours video calls are scheduled in."""
    source: Path | None = field(default=None, compare=False)
    """The settings file that was read, if any."""

    def queue_policy(self) -> QueuePolicy:
        """The queue rules these settings ask for."""
        return QueuePolicy(
            no_show_window=timedelta(minutes=self.no_show_minutes),
            booking_early=timedelta(minutes=self.booking_early_minutes),
            booking_late=timedelta(minutes=self.booking_late_minutes),
        )

    @property
    def creates_db(self) -> bool:
        """Whether opening the store may make its database: only the desk home's own file
        (``data/lpse_desk.db``, the first start). A database at an address someone configured
        (``--db``, ``LPSE_DESK_DB``, ``db``) must exist, or be made by ``lpse-desk db init``: a
        mistyped path or a folder not mounted must not start the numbers again from 1. Nor
        may a home named by ``LPSE_DESK_HOME`` that does not exist (a typo in a shortcut)."""
        named = os.environ.get(paths.HOME_ENV)
        if named and not paths.home().is_dir():
            return False
        return paths.is_default_db(self.db_url)

    def with_db(self, url: str | None) -> Settings:
        """The same settings with another database URL (when one is given)."""
        return replace(self, db_url=url) if url else self


_KEYS = {
    "db",
    "loket",
    "printer",
    "receipt_paper",
    "cuti_bersama",
    "batas_tidak_hadir_menit",
    "booking_awal_menit",
    "booking_telat_menit",
    "cadangan_folder",
    "cadangan_simpan",
    "impor_maks_mb",
    "kunci_layar_menit",
    "pin_minimal",
    "kantor",
}
_OFFICE_KEYS = {"alamat": "address", "telepon": "phone", "pengaduan": "complaints"}
_OFFICE_HOURS = {"jam_buka": "opens", "jam_tutup": "closes"}


def _parse_office(value: object, where: str) -> Office:
    """``[kantor]``: alamat, telepon, jam_buka, jam_tutup, pengaduan (each optional)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [kantor] harus berupa tabel (alamat, telepon, jam_buka, …)")
    unknown = set(value) - set(_OFFICE_KEYS) - set(_OFFICE_HOURS)
    if unknown:
        raise ConfigError(f"{where}: [kantor] kunci tidak dikenal: {', '.join(sorted(unknown))}")
    given: dict[str, object] = {}
    try:
        for key, name in _OFFICE_KEYS.items():
            if key in value:
                if not isinstance(value[key], str):
                    raise ConfigError(f"{where}: [kantor] {key} harus berupa teks")
                given[name] = " ".join(value[key].split())
        for key, name in _OFFICE_HOURS.items():
            if key in value:
                given[name] = parse_hhmm(value[key], key)
        return Office(**given)
    except ValidationError as exc:
        raise ConfigError(f"{where}: [kantor] {exc}") from None


def _parse_minutes(value: object, key: str, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{where}: {key} harus bilangan bulat {low}–{high} (menit)")
    return value


def _parse_loket(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ConfigError(f"{where}: loket harus bilangan bulat 1–99")
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{where}: loket harus bilangan bulat 1–99; terisi '{value}'") from None
    if not 1 <= number <= 99:
        raise ConfigError(f"{where}: loket harus bilangan bulat 1–99; terisi {number}")
    return number


def load_settings(path: Path | None = None, *, environ: dict[str, str] | None = None) -> Settings:
    """Read the settings file (if any) and the environment; ConfigError names the problem."""
    env = os.environ if environ is None else environ
    path = path or paths.settings_file()
    raw: dict = {}
    if path.exists():
        try:
            # utf-8-sig: Windows Notepad puts a BOM in front, which tomllib rejects.
            raw = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ConfigError(
                f"{path}: berkas pengaturan bukan teks UTF-8; simpan ulang sebagai UTF-8"
            ) from None
        except tomllib.TOMLDecodeError as exc:
            from lpse_desk.catalog import toml_problem

            raise ConfigError(f"{path}: {toml_problem(str(exc))}") from None
        except OSError as exc:
            from lpse_desk.store.faults import file_fault

            raise ConfigError(f"{path}: {file_fault(exc, path)}") from None
        unknown = sorted(set(raw) - _KEYS)
        if unknown:
            raise ConfigError(f"{path}: kunci tidak dikenal: {', '.join(unknown)}")
    where = str(path)
    settings = Settings(db_url=paths.sqlite_url(paths.default_db_path()), source=path)
    if "db" in raw:
        if not isinstance(raw["db"], str) or not raw["db"].strip():
            raise ConfigError(f"{where}: db harus berupa alamat basis data (teks)")
        settings = replace(settings, db_url=raw["db"].strip())
    if "loket" in raw:
        settings = replace(settings, loket=_parse_loket(raw["loket"], where))
    if "printer" in raw:
        if not isinstance(raw["printer"], str):
            raise ConfigError(f"{where}: printer harus berupa nama printer CUPS (teks)")
        settings = replace(settings, printer=raw["printer"].strip() or None)
    if "receipt_paper" in raw:
        if raw["receipt_paper"] not in PAPER_SIZES:
            raise ConfigError(f"{where}: receipt_paper harus 'A5' atau '80mm'")
        settings = replace(settings, receipt_paper=raw["receipt_paper"])
    if "cuti_bersama" in raw:
        if raw["cuti_bersama"] not in ("libur", "kerja"):
            raise ConfigError(f"{where}: cuti_bersama harus 'libur' atau 'kerja'")
        settings = replace(settings, cuti_bersama_closed=raw["cuti_bersama"] == "libur")
    if "batas_tidak_hadir_menit" in raw:
        minutes = _parse_minutes(
            raw["batas_tidak_hadir_menit"], "batas_tidak_hadir_menit", where, 1, 480
        )
        settings = replace(settings, no_show_minutes=minutes)
    if "booking_awal_menit" in raw:
        minutes = _parse_minutes(raw["booking_awal_menit"], "booking_awal_menit", where, 0, 120)
        settings = replace(settings, booking_early_minutes=minutes)
    if "booking_telat_menit" in raw:
        minutes = _parse_minutes(raw["booking_telat_menit"], "booking_telat_menit", where, 0, 240)
        settings = replace(settings, booking_late_minutes=minutes)
    if "cadangan_folder" in raw:
        if not isinstance(raw["cadangan_folder"], str) or not raw["cadangan_folder"].strip():
            raise ConfigError(f"{where}: cadangan_folder harus berupa nama folder (teks)")
        settings = replace(settings, backup_dir=Path(raw["cadangan_folder"].strip()).expanduser())
    if "cadangan_simpan" in raw:
        value = raw["cadangan_simpan"]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
            raise ConfigError(f"{where}: cadangan_simpan harus bilangan bulat 1–1000")
        settings = replace(settings, backup_keep=value)
    if "impor_maks_mb" in raw:
        value = raw["impor_maks_mb"]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
            raise ConfigError(f"{where}: impor_maks_mb harus bilangan bulat 1–1000 (MB)")
        settings = replace(settings, import_max_mb=value)
    if "kunci_layar_menit" in raw:
        minutes = _parse_minutes(raw["kunci_layar_menit"], "kunci_layar_menit", where, 1, 60)
        settings = replace(settings, lock_minutes=minutes)
    if "pin_minimal" in raw:
        value = raw["pin_minimal"]
        if isinstance(value, bool) or not isinstance(value, int) or value not in PIN_MIN_CHOICES:
            raise ConfigError(f"{where}: pin_minimal harus 4 atau 6 (angka PIN paling sedikit)")
        settings = replace(settings, pin_min_length=value)
    if "kantor" in raw:
        settings = replace(settings, office=_parse_office(raw["kantor"], where))
    if env.get(DB_ENV, "").strip():
        settings = replace(settings, db_url=env[DB_ENV].strip())
    if env.get(LOKET_ENV, "").strip():
        settings = replace(settings, loket=_parse_loket(env[LOKET_ENV], LOKET_ENV))
    return settings
