"""Backups bounded (issue 19): the schedule keeps recent, daily and reasoned backups within a size budget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from models.storage import backup
from models.storage.backup_retention import DAILY, PHASES, RECENT, BackupFile, to_remove
from models.storage.opening import open_database

START = datetime(2026, 11, 1, tzinfo=UTC)

backups = st.lists(st.tuples(st.integers(0, 60 * 24 * 30), st.sampled_from(("auto", "auto", "manual", "pre-migration")),
                             st.integers(1, 500)), max_size=60, unique_by=lambda b: b[0])


def files(drawn: list[tuple[int, str, int]]) -> list[BackupFile]:
    return [BackupFile(Path(f"b{minute}-{reason}.db"), START + timedelta(minutes=minute), reason, size)
            for minute, reason, size in drawn]


@given(backups, st.integers(0, 5000))
def test_the_schedule_keeps_the_newest_and_stays_within_the_budget(drawn, budget):
    found = files(drawn)
    removed = to_remove(found, budget)
    kept = [b for b in found if b not in removed]
    if found:
        newest = max(found, key=lambda b: b.taken_at)
        assert newest in kept
        assert sum(b.size for b in kept) <= budget or kept == [newest]
    assert len(kept) <= RECENT + DAILY + PHASES + 1
    assert to_remove(kept, budget) == []  # what is kept stays kept


@given(backups)
def test_without_a_budget_the_schedule_keeps_recent_daily_and_reasoned_backups(drawn):
    found = sorted(files(drawn), key=lambda b: b.taken_at)
    kept = set(found) - set(to_remove(found, 10**12))
    automatic = [b for b in found if b.reason == "auto"]
    assert set(automatic[-RECENT:]) <= kept
    assert set([b for b in found if b.reason != "auto"][-PHASES:]) <= kept
    days = sorted({b.taken_at.date() for b in automatic})[-DAILY:]
    for day in days:
        assert max((b for b in automatic if b.taken_at.date() == day), key=lambda b: b.taken_at) in kept


def test_fifty_starts_keep_the_backups_folder_within_its_budget(tmp_path: Path):
    """Each start takes an automatic backup; the folder never holds more than the schedule, nor more than the
    budget allows (the newest always stays)."""
    path = tmp_path / "station.db"
    db = open_database(path)
    db.execute("CREATE TABLE filler (x)")
    db.execute("INSERT INTO filler VALUES (zeroblob(200000))")
    first = backup.make_backup(db, path, "manual")
    budget = int(2.5 * first.stat().st_size)  # room for two
    for start in range(50):
        backup.make_backup(db, path, "auto" if start % 10 else "manual", budget)
        taken = backup.list_backups(path)
        assert sum(p.stat().st_size for p in taken) <= budget and 1 <= len(taken) <= 2
    db.close()
