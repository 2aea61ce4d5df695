"""Which backups to keep: a schedule that fits a disk, whatever the database's size.

Kept: the newest `RECENT` automatic backups (every start and every interval), the newest automatic backup of
each of the last `DAILY` days that have one, and the newest `PHASES` backups taken for a reason (manual, before
a migration, a campaign phase). Then, while they take more than the size budget, the oldest of them goes; the
newest backup always stays, whatever its size. A sealed 100,000 campaign is some 600 MB: twenty full copies at
every start, as before, was 12 GB beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

RECENT, DAILY, PHASES = 3, 7, 10
AUTO = "auto"
STAMP = "%Y%m%dT%H%M%S%fZ"
DEFAULT_BUDGET_MB = 2000


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str
    size: int


def parse(path: Path, stem: str) -> BackupFile | None:
    """A backup of the database `stem` from its name (`{stem}-{stamp}-{reason}.db`), or None for another file."""
    rest = path.name[len(stem) + 1:-len(".db")] if path.name.startswith(stem + "-") else ""
    stamp, _dash, reason = rest.partition("-")
    try:
        taken_at = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupFile(path, taken_at, reason, size)


def to_remove(backups: Sequence[BackupFile], budget_bytes: int) -> list[BackupFile]:
    """The backups the schedule and the budget do not keep, oldest first."""
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.path.name))
    automatic = [b for b in ordered if b.reason == AUTO]
    newest_of_day: dict[object, BackupFile] = {}
    for backup in automatic:
        newest_of_day[backup.taken_at.date()] = backup
    kept = {*automatic[-RECENT:], *list(newest_of_day.values())[-DAILY:],
            *[b for b in ordered if b.reason != AUTO][-PHASES:]}
    if ordered:
        kept.add(ordered[-1])
    by_age = [b for b in ordered if b in kept]
    total = sum(b.size for b in by_age)
    while total > budget_bytes and len(by_age) > 1:
        total -= by_age.pop(0).size
    staying = set(by_age)
    return [b for b in ordered if b not in staying]
