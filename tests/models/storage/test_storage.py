import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from models.core.cancel import CancelFlag, Cancelled
from models.core.errors import DatabaseCorrupt, SqliteTooOld, StorageError
from models.storage import backup
from models.storage import db as storage_db
from models.storage.interrupt import interruptible
from models.storage.migrations import MIGRATIONS, migrate, migration, pending, schema_version
from models.storage.opening import open_database


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_database_is_private_wal_and_full_sync(db, db_path):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == storage_db.BUSY_TIMEOUT_MS
    with storage_db.write_transaction(db):
        db.execute("INSERT INTO settings VALUES ('k', 'v')")
    for suffix in ("", "-wal", "-shm"):
        assert mode(f"{db_path}{suffix}") == 0o600


def test_sqlite_is_current_and_old_versions_are_refused():
    storage_db.require_current_sqlite()
    with pytest.raises(SqliteTooOld, match=r"SQLite 3\.40\.1 is too old.*3\.51\.3"):
        storage_db.require_current_sqlite((3, 40, 1))


def test_write_transaction_begins_immediate_and_rolls_back(db):
    seen = []
    db.conn.set_trace_callback(seen.append)
    with pytest.raises(RuntimeError), storage_db.write_transaction(db):
        db.execute("INSERT INTO settings VALUES ('a', '1')")
        raise RuntimeError("boom")
    db.conn.set_trace_callback(None)
    assert "BEGIN IMMEDIATE" in seen
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    assert not db.conn.in_transaction


def test_nested_write_transaction_is_refused(db):
    with storage_db.write_transaction(db), pytest.raises(StorageError), storage_db.write_transaction(db):
        pass


def test_immediate_transactions_serialise_two_writers(db_path):
    """Two connections writing at once: the second waits for the lock instead of failing."""
    first = open_database(db_path)
    script = (
        "import sys; sys.path.insert(0, '.');"
        "from models.storage.opening import open_database;"
        "from models.storage.db import write_transaction;"
        f"db = open_database({str(db_path)!r});"
        "exec('with write_transaction(db):\\n db.execute(\"INSERT INTO settings VALUES (\\'child\\', \\'1\\')\")');"
        "print('done')"
    )
    with storage_db.write_transaction(first):
        first.execute("INSERT INTO settings VALUES ('parent', '1')")
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=0.5)  # blocked on our lock, not failing
    out, _ = child.communicate(timeout=30)
    assert out.strip() == "done"
    assert {row[0] for row in first.execute("SELECT key FROM settings")} == {"parent", "child"}


def test_quick_check_refuses_a_damaged_file(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    with pytest.raises((DatabaseCorrupt, StorageError)):
        open_database(path)


class _CancelledWhileChecking(CancelFlag):
    """Not cancelled when the work begins; cancelled once SQLite asks while the check reads (the window
    closing at the start of a large database)."""

    asked = 0

    @property
    def cancelled(self) -> bool:
        self.asked += 1
        return self.asked > 1


@pytest.mark.parametrize("check", [storage_db.quick_check, storage_db.integrity_check])
def test_a_check_cancelled_half_way_is_cancelled_never_a_damaged_file(db, check):
    db.conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)",
                        [(f"key {number}", "x" * 200) for number in range(3000)])
    db.conn.commit()
    flag = _CancelledWhileChecking()
    with pytest.raises(Cancelled), interruptible(db, flag):
        check(db)
    assert flag.asked > 1, "the check ended before SQLite asked again: the test proves nothing"


def test_not_a_database_is_refused_clearly(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is a text file, not a database\n" * 200)
    with pytest.raises(DatabaseCorrupt, match="not a usable Packline database"):
        open_database(path)


def test_migrations_are_recorded_and_idempotent(db, db_path):
    assert pending(db) == []
    assert schema_version(db) == len(MIGRATIONS)
    assert migrate(db, db_path) == []
    assert backup.list_backups(db_path) == []  # a new database needs no pre-migration backup


def test_backup_is_taken_before_pending_migrations(db_path, monkeypatch):
    database = open_database(db_path)
    with storage_db.write_transaction(database):
        database.execute("INSERT INTO settings VALUES ('precious', 'yes')")

    @migration(name="9999_test_only")
    def extra(db):
        db.execute("CREATE TABLE extra (x)")

    try:
        assert migrate(database, db_path) == ["9999_test_only"]
    finally:
        MIGRATIONS.pop("9999_test_only")
    [taken] = backup.list_backups(db_path)
    assert "pre-migration" in taken.name and mode(taken) == 0o600
    copy = storage_db.connect(taken)
    assert copy.execute("SELECT value FROM settings WHERE key = 'precious'").fetchone()[0] == "yes"
    assert copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'extra'").fetchone() is None
    copy.close()
    database.close()


def test_failed_migration_changes_nothing(db, db_path):
    @migration(name="9998_broken")
    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration bug")

    try:
        with pytest.raises(RuntimeError):
            migrate(db, db_path)
    finally:
        MIGRATIONS.pop("9998_broken")
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    assert pending(db) == []


def test_backups_rotate_and_stay_private(db, db_path):
    for _ in range(5):
        backup.make_backup(db, db_path)  # three recent automatic ones are kept
    kept = backup.list_backups(db_path)
    assert len(kept) == 3
    assert all(mode(path) == 0o600 for path in kept)
    assert storage_db.integrity_check(storage_db.connect(kept[-1])) == ["ok"]


BACKING_UP = r"""
import sys
from pathlib import Path
from models.storage.backup import make_backup
from models.storage.opening import open_database
db = open_database(sys.argv[1])
print("ready", flush=True)
while True:
    make_backup(db, Path(sys.argv[1]), "auto")
"""


def test_a_backup_killed_half_way_never_counts(tmp_path):
    """kill -9 at random moments while backups are written: what `list_backups` shows is always complete."""
    import random
    import signal
    import time

    from models.demo.campaign import create_demo
    from models.storage.backup import list_backups

    path = tmp_path / "station.db"
    db = open_database(path)
    create_demo(db, "Demo", recipients=3000)
    expected = db.execute("SELECT count(*) FROM recipients").fetchone()[0]
    db.close()
    root = Path(__file__).resolve().parents[3]
    chance = random.Random(7)
    for _round in range(8):
        child = subprocess.Popen([sys.executable, "-c", BACKING_UP, str(path)], cwd=root, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready", child.stderr
        time.sleep(chance.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)  # reaps it and closes its pipes
        for done in list_backups(path):
            copy = storage_db.connect(done, check=False)
            try:
                assert copy.execute("PRAGMA quick_check").fetchone()[0] == "ok", done.name
                assert copy.execute("SELECT count(*) FROM recipients").fetchone()[0] == expected, done.name
            finally:
                copy.close()
    assert list_backups(path), "no backup completed in eight rounds"
    assert len(list((path.parent / "backups").glob(".*.partial"))) <= 1


def test_a_database_readable_by_others_is_made_private_on_open(db_path, caplog):
    db = storage_db.connect(db_path)
    db.execute("CREATE TABLE t (x)")
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db_path}{suffix}").exists():
            os.chmod(f"{db_path}{suffix}", 0o644)
    with caplog.at_level("WARNING", logger="packline"):
        again = storage_db.connect(db_path)
    try:
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{db_path}{suffix}").exists():
                assert mode(f"{db_path}{suffix}") == 0o600, suffix
        assert str(db_path) in caplog.text and "owner-only" in caplog.text
    finally:
        again.close()
