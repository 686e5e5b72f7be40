"""``lpse-desk db backup|backups|restore``: a backup taken during work, restored into a fresh
folder, every receipt drawn again identical."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from typer.testing import CliRunner

from lpse_desk import paths
from lpse_desk.cli.main import app

runner = CliRunner()


def lpse(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env, catch_exceptions=False)


def _recorded_hashes(database) -> dict[str, str]:
    with sqlite3.connect(database) as conn:
        return dict(conn.execute("SELECT number, sha256 FROM receipt").fetchall())


@pytest.mark.sqlite_only
def test_backup_list_and_restore_into_a_fresh_folder_with_receipts_drawn_again(
    migrated_home, clock, tmp_path, monkeypatch
):
    from tests.cli.test_db_faults import _issue_one_receipt

    numbers = [_issue_one_receipt(clock, serial) for serial in (301, 302)]
    taken = lpse("db", "backup")
    assert taken.exit_code == 0, taken.output
    assert taken.stdout.startswith("Cadangan dibuat dan diperiksa: ")
    assert "2 tanda terima" in taken.stdout
    listed = lpse("db", "backups")
    assert listed.exit_code == 0
    name, age, _size, counts = listed.stdout.strip().split("\t")
    assert name.startswith("lpse_desk-") and "2 tanda terima" in counts

    fresh = tmp_path / "pc-baru"
    (fresh / "data").mkdir(parents=True)
    for item in ("catalog.toml", "calendar.toml"):
        (fresh / "data" / item).write_bytes((paths.data_dir() / item).read_bytes())
    backup_file = next((paths.data_dir() / "cadangan").glob("lpse_desk-*.db"))
    monkeypatch.setenv(paths.HOME_ENV, str(fresh))
    restored = lpse("db", "restore", str(backup_file))
    assert restored.exit_code == 0, restored.output
    assert "2 tanda terima" in restored.stdout
    assert "receipt repair --semua" in restored.stderr
    repaired = lpse("receipt", "repair", "--semua")
    assert repaired.exit_code == 0, repaired.output
    recorded = _recorded_hashes(fresh / "data" / "lpse_desk.db")
    assert sorted(recorded) == sorted(numbers)
    drawn = sorted((fresh / "receipts").rglob("TT-LPSE-*.pdf"))
    assert len(drawn) == 2
    for path in drawn:
        number = "/".join(path.stem.rsplit("-", 2))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded[number]


@pytest.mark.sqlite_only
def test_restore_replaces_the_database_and_keeps_the_old_one(migrated_home):
    assert lpse("queue", "take", "REG").exit_code == 0
    assert lpse("db", "backup").exit_code == 0
    assert lpse("queue", "take", "REG").exit_code == 0
    backup_file = next((paths.data_dir() / "cadangan").glob("lpse_desk-*.db"))
    restored = lpse("db", "restore", str(backup_file))
    assert restored.exit_code == 0, restored.output
    assert "Basis data yang diganti disimpan di " in restored.stdout
    # What the older backup lacks is said (the visit taken after it).
    assert "Cadangan berisi lebih sedikit daripada basis data sekarang: kunjungan 1 " \
        "(sekarang 2)" in restored.stderr
    kept = next(paths.data_dir().glob("lpse_desk.db.diganti-*"))
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT count(*) FROM visit").fetchone()[0] == 2
    assert lpse("queue", "list").stdout.count("REG") == 1


@pytest.mark.sqlite_only
def test_a_backup_of_another_installation_is_restored_only_when_meant(migrated_home, tmp_path):
    """A fresh database (another desk's, or a new one) restored over this unit's: its numbers
    would start again and this unit's receipts would no longer verify. Refused unless --ya."""
    assert lpse("queue", "take", "REG").exit_code == 0
    other = tmp_path / "lain.db"
    url = paths.sqlite_url(other)
    assert lpse("--db", url, "db", "init").exit_code == 0
    assert lpse("--db", url, "receipt", "list").exit_code == 0  # its own receipt key
    database = paths.default_db_path()
    before = database.read_bytes()
    refused = lpse("db", "restore", str(other))
    assert refused.exit_code == 1
    assert "berasal dari instalasi yang berbeda" in refused.stderr and "--ya" in refused.stderr
    assert database.read_bytes() == before
    assert not list(paths.data_dir().glob("lpse_desk.db.diganti-*"))
    meant = lpse("db", "restore", str(other), "--ya")
    assert meant.exit_code == 0, meant.output
    assert "kunjungan 0 (sekarang 1)" in meant.stderr


@pytest.mark.sqlite_only
def test_the_units_backup_goes_back_without_a_question_over_a_desk_started_again(
    migrated_home, tmp_path
):
    """After a disk failure the desk was started again (a new, empty database with a new
    key): the unit's own backup is what is meant, not "another installation"."""
    assert lpse("queue", "take", "REG").exit_code == 0
    assert lpse("db", "backup").exit_code == 0
    backup_file = next((paths.data_dir() / "cadangan").glob("lpse_desk-*.db"))
    kept = tmp_path / backup_file.name
    kept.write_bytes(backup_file.read_bytes())
    database = paths.default_db_path()
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()
    assert lpse("db", "init").exit_code == 0
    assert lpse("receipt", "list").exit_code == 0  # the new database, its own key, no work
    restored = lpse("db", "restore", str(kept))
    assert restored.exit_code == 0, restored.output
    assert lpse("queue", "list").stdout.count("REG") == 1


def test_backup_commands_answer_in_indonesian(desk_home, tmp_path):
    none = lpse("db", "backups")
    assert none.exit_code == 0 and none.stdout.startswith("Belum ada cadangan")
    typo = lpse("db", "backups", "--di", str(tmp_path / "cadangn"))  # not "none yet"
    assert typo.exit_code == 1 and "tidak ada; periksa alamatnya" in typo.stderr
    missing = lpse("db", "restore", str(tmp_path / "tidak-ada.db"))
    assert missing.exit_code == 1 and "tidak ditemukan" in missing.stderr
    other = lpse("--db", "postgresql+psycopg://lpse@server/lpse", "db", "backup")
    assert other.exit_code == 1 and "pg_dump" in other.stderr
    nothing = lpse("db", "backup")
    assert nothing.exit_code == 1 and "tidak ada yang dicadangkan" in nothing.stderr


@pytest.mark.sqlite_only
def test_restore_is_refused_while_a_desk_is_open_and_damaged_backups_are_named(migrated_home):
    from lpse_desk.store.presence import Presence

    assert lpse("db", "backup").exit_code == 0
    folder = paths.data_dir() / "cadangan"
    backup_file = next(folder.glob("lpse_desk-*.db"))
    (folder / "lpse_desk-2026-01-02_080000.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    listed = lpse("db", "backups").stdout.strip().splitlines()
    assert listed[0].startswith(backup_file.name)
    assert listed[1].startswith("lpse_desk-2026-01-02_080000.db")
    assert listed[1].endswith("RUSAK atau bukan cadangan desk")

    desk = Presence(paths.default_db_path())
    desk.hold()
    try:
        refused = lpse("db", "restore", str(backup_file))
    finally:
        desk.release()
    assert refused.exit_code == 1
    assert "Galat: Masih ada desk yang membuka basis data" in refused.stderr
    assert "Ctrl+Q" in refused.stderr
    assert not list(paths.data_dir().glob("lpse_desk.db.diganti-*"))
    damaged = lpse("db", "restore", str(folder / "lpse_desk-2026-01-02_080000.db"))
    assert damaged.exit_code == 1 and "Galat: " in damaged.stderr
    assert "Traceback" not in damaged.output
