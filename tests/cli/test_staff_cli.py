"""``lpse-desk staff``: only an active admin's name and PIN change accounts (stdin here)."""

from __future__ import annotations

from typer.testing import CliRunner

from lpse_desk.cli.main import app
from lpse_desk.domain.clock import FixedClock
from lpse_desk.domain.textfmt import format_wib
from tests.pgserver import desk_db_url

runner = CliRunner()
ADMIN = ("--admin", "Ratna Sari")


def lpse(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def _lines() -> list[str]:
    listed = lpse("staff", "list")
    assert listed.exit_code == 0, listed.output
    return listed.stdout.splitlines()


def _first_admin() -> None:
    made = lpse("staff", "add", "Ratna Sari", "--role", "admin", input="9753\n9753\n")
    assert made.exit_code == 0, made.output


def _staff_events(name: str) -> list[tuple[str, str]]:
    from lpse_desk.store.db import make_engine, read_session
    from lpse_desk.store.queries import events, staff

    engine = make_engine(desk_db_url())
    try:
        with read_session(engine) as session:
            member = staff.find_by_name(session=session, name=name)
            logged = events.history(session=session, entity="staff", entity_id=member.id)
    finally:
        engine.dispose()
    return [(e.action, e.actor) for e in logged]


def test_the_first_account_of_an_empty_database_is_an_admin_made_without_an_admin_pin(
    migrated_home,
):
    officer = lpse("staff", "add", "Dewi", "--role", "petugas", input="2468\n2468\n")
    assert officer.exit_code == 1
    assert "akun pertama harus admin" in officer.stderr
    assert "PIN" not in officer.stdout  # refused before any PIN was asked
    named = lpse("staff", "add", "Ratna Sari", "--role", "admin", "--admin", "Siapa",
                 input="9753\n9753\n")  # fmt: skip
    assert named.exit_code == 1 and "belum ada admin" in named.stderr  # was ignored
    once = lpse("staff", "add", "Ratna Sari", "--role", "admin", input="9753\n")
    assert once.exit_code == 1  # a script's one line: said as such, not "the PINs differ"
    assert "PIN baru harus diberikan dua kali" in once.stderr
    _first_admin()
    assert _lines() == ["#1\tRatna Sari\tadmin\taktif\tloket -\tbelum pernah"]


def test_a_verifier_with_a_default_loket_is_refused_before_any_pin(migrated_home):
    _first_admin()
    before = _staff_events("Ratna Sari")
    refused = lpse("staff", "add", "Andi Wijaya", "--peran", "verifikator", "--loket", "2",
                   *ADMIN, input="9753\n8642\n8642\n")  # fmt: skip
    assert refused.exit_code == 1
    assert "Verifikator tidak melayani antrian" in refused.stderr
    assert _staff_events("Ratna Sari") == before  # the admin's PIN was never checked
    assert len(_lines()) == 1


def test_once_an_admin_exists_a_change_needs_an_admins_right_pin(migrated_home):
    _first_admin()
    add = ("staff", "add", "Dewi Lestari", "--role", "petugas", "--loket", "3")
    without_name = lpse(*add, input="9753\n2468\n2468\n")
    assert without_name.exit_code == 1
    assert "Sebutkan admin yang melakukan perubahan dengan --admin NAMA" in without_name.stderr
    for refused_input in ("", "1357\n2468\n2468\n"):  # no PIN, a wrong PIN
        refused = lpse(*add, *ADMIN, input=refused_input)
        assert refused.exit_code == 1
        assert "Nama admin atau PIN salah, atau akun itu bukan admin aktif" in refused.stderr
    assert lpse(*add, "--admin", "Siapa Saja", input="9753\n2468\n2468\n").exit_code == 1
    assert len(_lines()) == 1  # nothing was added
    accepted = lpse(*add, *ADMIN, input="9753\n2468\n2468\n")
    assert accepted.exit_code == 0, accepted.output
    assert "Petugas ditambahkan: Dewi Lestari (Petugas loket), nomor #2" in accepted.stdout
    # An officer's own right PIN is no admin's.
    by_officer = lpse(
        "staff", "add", "Budi", "--role", "admin", "--admin", "Dewi Lestari",
        input="2468\n1357\n1357\n",
    )  # fmt: skip
    assert by_officer.exit_code == 1 and "bukan admin aktif" in by_officer.stderr
    # Her PIN attempt is on record (and counted by the lockout), but nothing was changed.
    assert _staff_events("Dewi Lestari") == [
        ("staf_ditambahkan", "Ratna Sari (#1)"),
        ("pin_dikonfirmasi", "Dewi Lestari (#2)"),
    ]


def test_five_wrong_admin_pins_lock_the_admin_at_the_command_line_too(migrated_home):
    _first_admin()
    add = ("staff", "add", "Dewi Lestari", "--role", "petugas", *ADMIN)
    for _ in range(5):
        assert lpse(*add, input="1111\n2468\n2468\n").exit_code == 1
    locked = lpse(*add, input="9753\n2468\n2468\n")  # the right PIN, too late
    assert locked.exit_code == 1
    assert "Akun Ratna Sari dikunci sampai" in locked.stderr
    assert "karena 5 kali PIN salah; tidak ada yang diubah" in locked.stderr
    assert len(_lines()) == 1  # nothing was added


def test_deactivate_reset_role_and_activate_name_the_admin_and_keep_the_last_one(migrated_home):
    _first_admin()
    lpse("staff", "add", "Dewi", "--role", "petugas", *ADMIN, input="9753\n2468\n2468\n")
    last = lpse("staff", "deactivate", "ratna sari", *ADMIN, input="9753\n")
    assert last.exit_code == 1
    assert "Ratna Sari adalah satu-satunya admin aktif" in last.stderr
    demote = lpse("staff", "role", "Ratna Sari", "petugas", *ADMIN, input="9753\n")
    assert demote.exit_code == 1 and "satu-satunya admin aktif" in demote.stderr
    promoted = lpse("staff", "role", "dewi", "verifikator", *ADMIN, input="9753\n")
    assert promoted.stdout == "Peran Dewi (#2) sekarang Verifikator.\n"
    reset = lpse("staff", "reset-pin", "Dewi", *ADMIN, input="9753\n")
    assert reset.exit_code == 0, reset.output
    temporary = reset.stdout.split("PIN sementara: ")[1].split()[0]
    assert len(temporary) == 6 and temporary.isdigit()
    off = lpse("staff", "deactivate", "Dewi", *ADMIN, input="9753\n")
    assert off.stdout == "Akun Dewi (#2) dinonaktifkan (riwayatnya tetap tersimpan).\n"
    assert _lines()[0] == "#2\tDewi\tverifikator\tnonaktif\tloket -\tbelum pernah"
    assert lpse("staff", "activate", "Dewi", *ADMIN, input="9753\n").exit_code == 0
    assert _staff_events("Dewi") == [
        ("staf_ditambahkan", "Ratna Sari (#1)"),
        ("peran_diubah", "Ratna Sari (#1)"),
        ("pin_direset", "Ratna Sari (#1)"),
        ("staf_dinonaktifkan", "Ratna Sari (#1)"),
        ("staf_diaktifkan", "Ratna Sari (#1)"),
    ]


def test_a_deactivated_admin_or_one_whose_pin_was_reset_changes_nothing(migrated_home):
    _first_admin()
    lpse("staff", "add", "Yusuf", "--role", "admin", *ADMIN, input="9753\n1357\n1357\n")
    lpse("staff", "deactivate", "Yusuf", *ADMIN, input="9753\n")
    gone = lpse("staff", "activate", "Yusuf", "--admin", "Yusuf", input="1357\n")
    assert gone.exit_code == 1 and "bukan admin aktif" in gone.stderr
    lpse("staff", "activate", "Yusuf", *ADMIN, input="9753\n")
    reset = lpse("staff", "reset-pin", "Yusuf", *ADMIN, input="9753\n")
    temporary = reset.stdout.split("PIN sementara: ")[1].split()[0]
    # The admin who reset it knows the temporary PIN: it must not act as Yusuf.
    borrowed = lpse("staff", "deactivate", "Ratna Sari", "--admin", "Yusuf", input=f"{temporary}\n")
    assert borrowed.exit_code == 1
    assert "PIN Yusuf baru diatur ulang: masuk ke desk dulu" in borrowed.stderr
    assert "\taktif\t" in _lines()[0]  # Ratna Sari is still active


def test_list_shows_role_state_default_loket_and_last_login_in_wib(
    migrated_home, clock: FixedClock
):
    from lpse_desk.config import Settings
    from lpse_desk.store.services.desk import DeskStore

    _first_admin()
    lpse("staff", "add", "Dewi", "--role", "petugas", "--loket", "4", *ADMIN,
         input="9753\n2468\n2468\n")  # fmt: skip
    store = DeskStore.open(Settings(db_url=desk_db_url()), clock)
    try:
        assert store.login(staff_id=2, pin="2468", loket=4) is not None
    finally:
        store.close()
    assert _lines() == [
        f"#2\tDewi\tpetugas\taktif\tloket 4\t{format_wib(clock.now())}",
        "#1\tRatna Sari\tadmin\taktif\tloket -\tbelum pernah",
    ]
    assert format_wib(clock.now()) == "2026-06-10 09:30 WIB"
