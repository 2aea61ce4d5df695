"""`bulk_writes`: while the hub imports many files, committed pages are copied back into the database file by
a thread of its own (not inside each COMMIT), and the connection's settings come back afterwards."""

from __future__ import annotations

from pathlib import Path

from models.storage.bulk_writes import bulk_writes
from models.storage.db import connect, write_transaction


def _write_rows(db, count: int) -> None:
    with write_transaction(db):
        db.conn.executemany("INSERT INTO t (text) VALUES (?)", [("x" * 200,) for _ in range(count)])


def test_commits_are_copied_into_the_database_file_by_the_checkpointer(tmp_path: Path):
    path = tmp_path / "hub.db"
    db = connect(path)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    settings = [db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")]
    size_before = path.stat().st_size
    with bulk_writes(db) as committed:
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        _write_rows(db, 20_000)  # about 4 MB: more than the automatic checkpoint's 1,000 pages
        assert path.stat().st_size == size_before  # in the log only: nothing copied inside COMMIT
        committed()
    assert path.stat().st_size > size_before + 3_000_000  # copied by the checkpointer
    assert [db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("cache_size", "wal_autocheckpoint")] == settings
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 20_000
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Path(f"{path}-wal").stat().st_size < 1_000_000  # cut back while the connection stays open
    db.close()


def test_the_log_stays_bounded_after_a_large_import_with_the_connection_open(tmp_path: Path):
    """Issue 19: the hub's log stayed as large as its last import (473 MB after a million events)."""
    path = tmp_path / "hub.db"
    db = connect(path)
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
    assert db.execute("PRAGMA journal_size_limit").fetchone()[0] == 16 * 1024 * 1024
    with bulk_writes(db) as committed:
        for _ in range(5):
            _write_rows(db, 20_000)
            committed()
    assert Path(f"{path}-wal").stat().st_size < 1_000_000
    _write_rows(db, 10)  # ordinary work afterwards
    assert Path(f"{path}-wal").stat().st_size < 4 * 1024 * 1024
    db.close()
